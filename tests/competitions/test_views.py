"""Who may and who may not, on every competition page: anonymous, applicant, another
applicant, judge, judge with a conflict, staff. Staff pages answer 404 to everyone else."""

import pytest
from django.urls import reverse

from tests.factories import (
    AssignmentFactory,
    EntryAttachmentFactory,
    JudgeFactory,
)

pytestmark = pytest.mark.django_db

ROLES = ["anonymous", "applicant", "other_applicant", "judge", "conflicted_judge", "staff"]
LOGIN = "login"


@pytest.fixture
def people(world):
    assignment = AssignmentFactory(round=world.round, entry=world.entry, judge=world.judge)
    attachment = EntryAttachmentFactory(entry=world.entry)
    invited = JudgeFactory(
        competition=world.competition, user=None, status="invited", email="new@example.org"
    )
    users = {
        "anonymous": None,
        "applicant": world.applicant,
        "other_applicant": world.other_applicant,
        "judge": world.judge.user,
        "conflicted_judge": world.conflicted_judge.user,
        "staff": world.staff,
    }
    return world, users, assignment, attachment, invited


def _check(client_for, user, method, url, expected, data=None):
    client = client_for(user)
    response = client.post(url, data or {}) if method == "post" else client.get(url)
    if expected == LOGIN:
        assert response.status_code == 302 and reverse("accounts:login") in response["Location"], (
            url
        )
    else:
        assert response.status_code == expected, (url, response.status_code)
    return response


def _everyone(code, anonymous=LOGIN):
    return {role: (anonymous if role == "anonymous" else code) for role in ROLES}


def _only(allowed: dict, other=404):
    expected = {role: other for role in ROLES}
    expected["anonymous"] = LOGIN
    expected.update(allowed)
    return expected


def _cases(people):
    world, _users, assignment, attachment, invited = people
    slug = world.competition.slug
    entry = world.entry
    round_pk = world.round.pk
    return [
        ("get", reverse("competitions:list"), _everyone(200, anonymous=200)),
        ("get", reverse("competitions:detail", args=[slug]), _everyone(200, anonymous=200)),
        (
            "get",
            reverse("competitions:results", args=[slug, round_pk]),
            _only({"staff": 200}) | {"anonymous": 404},
        ),
        ("get", reverse("competitions:mine"), _everyone(200)),
        ("get", reverse("competitions:judging"), _everyone(200)),
        (
            "get",
            reverse("competitions:enter", args=[slug]),
            _everyone(200) | {"applicant": 302, "other_applicant": 302},
        ),
        (
            "get",
            reverse("competitions:entry", args=[entry.pk]),
            _only({"applicant": 200, "staff": 200}),
        ),
        (
            "get",
            reverse("competitions:entry_edit", args=[slug, entry.pk]),
            _only({"applicant": 200, "staff": 403}),
        ),
        (
            "post",
            reverse("competitions:team_add", args=[entry.pk]),
            _only({"applicant": 302, "staff": 302}),
        ),
        (
            "post",
            reverse("competitions:entry_submit", args=[entry.pk]),
            _only({"applicant": 302, "staff": 403}),
        ),
        (
            "get",
            reverse("competitions:attachment", args=[attachment.pk]),
            _only({"applicant": 200, "staff": 200}),
        ),
        ("get", reverse("competitions:invitation", args=[invited.token]), _everyone(200)),
        (
            "get",
            reverse("competitions:judge_profile", args=[world.judge.pk]),
            _only({"judge": 200, "staff": 200}),
        ),
        (
            "post",
            reverse("competitions:conflict_declare", args=[world.judge.pk]),
            _only({"judge": 302, "staff": 302}),
        ),
        ("get", reverse("competitions:score", args=[assignment.pk]), _only({"judge": 200})),
        ("post", reverse("competitions:score", args=[assignment.pk]), _only({"judge": 200})),
        (
            "get",
            reverse("competitions:judge_attachment", args=[assignment.pk, attachment.pk]),
            _only({"judge": 200}),
        ),
        ("get", reverse("competitions:manage", args=[slug]), _only({"staff": 200})),
        ("post", reverse("competitions:manage", args=[slug]), _only({"staff": 200})),
        ("get", reverse("competitions:assignments", args=[slug, round_pk]), _only({"staff": 200})),
        ("post", reverse("competitions:assign", args=[slug, round_pk]), _only({"staff": 302})),
        ("post", reverse("competitions:assign_add", args=[slug, round_pk]), _only({"staff": 422})),
        (
            "post",
            reverse("competitions:assignment_change", args=[slug, round_pk, assignment.pk]),
            _only({"staff": 302}),
        ),
        ("get", reverse("competitions:ranking", args=[slug, round_pk]), _only({"staff": 200})),
        (
            "post",
            reverse("competitions:ranking_settings", args=[slug, round_pk]),
            _only({"staff": 302}),
        ),
        ("post", reverse("competitions:advance", args=[slug, round_pk]), _only({"staff": 302})),
        ("get", reverse("competitions:selection", args=[slug]), _only({"staff": 200})),
        ("post", reverse("competitions:selection_run", args=[slug]), _only({"staff": 302})),
        ("post", reverse("competitions:decisions_publish", args=[slug]), _only({"staff": 302})),
        ("get", reverse("competitions:participants", args=[slug]), _only({"staff": 200})),
        (
            "get",
            reverse("competitions:export", args=[slug, "scores", "csv"]),
            _only({"staff": 200}),
        ),
        (
            "get",
            reverse("competitions:export", args=[slug, "rankings", "xlsx"]),
            _only({"staff": 200}),
        ),
        (
            "get",
            reverse("competitions:export", args=[slug, "participants", "csv"]),
            _only({"staff": 200}),
        ),
        ("post", reverse("competitions:publish", args=[slug, round_pk]), _only({"staff": 302})),
    ]


@pytest.mark.parametrize("role", ROLES)
def test_every_view_per_role(client_for, people, role):
    user = people[1][role]
    for method, url, expected in _cases(people):
        _check(client_for, user, method, url, expected[role])


def test_published_results_are_public_and_drafts_are_hidden(client_for, people):
    world = people[0]
    from techbridge.competitions import services_scoring

    services_scoring.round_publish(user=world.staff, round_=world.round)
    url = reverse("competitions:results", args=[world.competition.slug, world.round.pk])
    for user in people[1].values():
        assert client_for(user).get(url).status_code == 200
    world.competition.is_published = False
    world.competition.save()
    assert client_for(None).get(url).status_code == 404
    assert (
        client_for(None)
        .get(reverse("competitions:detail", args=[world.competition.slug]))
        .status_code
        == 404
    )
    assert client_for(world.staff).get(url).status_code == 200


def test_bad_input_never_500(client_for, people):
    world, users, assignment, _attachment, _invited = people
    slug = world.competition.slug
    client = client_for(users["judge"])
    response = client.post(
        reverse("competitions:score", args=[assignment.pk]), {"criterion_1": "x" * 500}
    )
    assert response.status_code == 200 and response.context["form"].errors
    client = client_for(world.staff)
    assert (
        client.get(reverse("competitions:export", args=[slug, "secrets", "csv"])).status_code == 404
    )
    assert (
        client.get(
            reverse("competitions:ranking", args=[slug, world.round.pk]) + "?basis=zz&method=max"
        ).status_code
        == 200
    )
    response = client.post(
        reverse("competitions:selection", args=[slug]), {"country": "TH", "minimum": "-3"}
    )
    assert response.status_code == 422
    response = client.post(reverse("competitions:manage", args=[slug]), {"name": "", "email": "x"})
    assert response.status_code == 200 and "name" in response.context["form"].errors
