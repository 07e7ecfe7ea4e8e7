"""Judges: invitation in the recipient's language, expertise, conflicts (detected and
declared), automatic assignment in the worker with locks, infeasible runs, manual pairs."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from techbridge.competitions import services_judging
from techbridge.competitions.affinity import affinity_matrix, round_conflicts
from techbridge.competitions.models import Assignment, AssignmentRun, Judge
from tests.factories import (
    AssignmentFactory,
    ConflictFactory,
    EntryFactory,
    JudgeFactory,
    RoundEntryFactory,
    TeamMemberFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_invitation_is_mailed_in_the_judges_language(world, worker, outbox):
    account = UserFactory(email="expert@example.org", preferred_language="vi")
    judge = services_judging.judge_invite(
        user=world.staff, competition=world.competition, email="Expert@example.org", name="Dr Lan"
    )
    assert judge.language == "vi"
    worker()
    assert len(outbox) == 1
    message = outbox[0]
    assert message.to == ["expert@example.org"]
    assert judge.token in message.body
    assert "Dr Lan" in message.body
    response_url = reverse("competitions:invitation", args=[judge.token])
    assert response_url in message.body
    services_judging.judge_answer(user=account, judge=judge, accept=True)
    judge.refresh_from_db()
    assert judge.user == account and judge.status == "active"


def test_invitation_field_errors_and_staff_only(world):
    with pytest.raises(PermissionDenied):
        services_judging.judge_invite(
            user=world.applicant, competition=world.competition, email="a@b.org", name="A"
        )
    with pytest.raises(ValidationError) as caught:
        services_judging.judge_invite(
            user=world.staff,
            competition=world.competition,
            email="nope",
            name="",
            country="ZZ",
            language="xx",
        )
    assert set(caught.value.message_dict) == {"email", "name", "country", "language"}


def test_detected_and_declared_conflicts(world):
    round_ = world.round
    round_.same_country_conflict = True
    round_.save()
    # Team member's e-mail equals a judge's; a declared organisation conflict; the applicant.
    team_judge = JudgeFactory(competition=world.competition, country="CN")
    TeamMemberFactory(entry=world.other_entry, email=team_judge.email.upper())
    declared = JudgeFactory(competition=world.competition, country="CN")
    ConflictFactory(judge=declared, organisation=world.organisation, reason="Adviser")
    applicant_judge = JudgeFactory(competition=world.competition, user=world.other_applicant)
    entries = [world.entry, world.other_entry]
    judges = [world.judge, world.conflicted_judge, team_judge, declared, applicant_judge]
    conflicts = round_conflicts(round_=round_, entries=entries, judges=judges)
    assert conflicts[world.entry.pk, world.conflicted_judge.pk] == "Same organisation."
    assert conflicts[world.other_entry.pk, world.conflicted_judge.pk] == "Same country."
    assert conflicts[world.other_entry.pk, team_judge.pk] == "The judge is in the team."
    assert conflicts[world.entry.pk, declared.pk] == "Adviser"
    assert conflicts[world.other_entry.pk, applicant_judge.pk] == "The judge is the applicant."
    assert (world.entry.pk, world.judge.pk) not in conflicts
    assert (world.other_entry.pk, declared.pk) not in conflicts


def test_automatic_assignment_runs_in_the_worker_and_avoids_conflicts(world, worker):
    world.round.judges_per_entry = 1
    world.round.save()
    world.judge.sectors = ["energy"]
    world.judge.save()
    run = services_judging.assignment_run_request(user=world.staff, round_=world.round)
    assert run.status == "queued"
    worker()
    run.refresh_from_db()
    assert run.status == "done", run.message
    pairs = set(Assignment.objects.filter(round=world.round).values_list("entry_id", "judge_id"))
    assert (world.entry.pk, world.conflicted_judge.pk) not in pairs
    assert (world.entry.pk, world.judge.pk) in pairs
    assert len(pairs) == 2
    assert run.affinity_source == "overlap"


def test_locks_and_scored_pairs_survive_a_new_run(world, worker):
    world.round.judges_per_entry = 1
    world.round.save()
    third = JudgeFactory(competition=world.competition, country="CN")
    locked = services_judging.assignment_add(
        user=world.staff, round_=world.round, entry=world.other_entry, judge=third
    )
    assert locked.locked and locked.source == "manual"
    services_judging.assignment_run_request(user=world.staff, round_=world.round)
    worker()
    pairs = set(Assignment.objects.filter(round=world.round).values_list("entry_id", "judge_id"))
    assert (world.other_entry.pk, third.pk) in pairs
    assert len([p for p in pairs if p[0] == world.other_entry.pk]) == 1


def test_infeasible_run_changes_nothing_and_explains(world, worker, client):
    world.round.judges_per_entry = 3  # two usable judges for the first entry
    world.round.save()
    existing = AssignmentFactory(round=world.round, entry=world.other_entry, judge=world.judge)
    run = services_judging.assignment_run_request(user=world.staff, round_=world.round)
    worker()
    run.refresh_from_db()
    assert run.status == "infeasible"
    assert run.message
    assert Assignment.objects.filter(pk=existing.pk).exists()
    client.force_login(world.staff)
    page = client.get(
        reverse("competitions:assignments", args=[world.competition.slug, world.round.pk])
    )
    assert page.status_code == 200
    assert "No assignment meets the round" in page.content.decode()
    assert run.message.split(":")[0] in page.content.decode()


def test_manual_assignment_refuses_conflicts(world):
    with pytest.raises(ValidationError) as caught:
        services_judging.assignment_add(
            user=world.staff, round_=world.round, entry=world.entry, judge=world.conflicted_judge
        )
    assert "Conflict of interest" in caught.value.message_dict["judge"][0]
    with pytest.raises(PermissionDenied):
        services_judging.assignment_add(
            user=world.judge.user, round_=world.round, entry=world.entry, judge=world.judge
        )


def test_declaring_a_conflict_removes_the_pair(world):
    assignment = AssignmentFactory(round=world.round, entry=world.entry, judge=world.judge)
    services_judging.conflict_declare(
        user=world.judge.user,
        judge=world.judge,
        organisation=world.organisation,
        reason="Former employer",
    )
    assert not Assignment.objects.filter(pk=assignment.pk).exists()
    with pytest.raises(ValidationError):
        services_judging.conflict_declare(user=world.judge.user, judge=world.judge, reason="")
    with pytest.raises(PermissionDenied):
        services_judging.conflict_declare(
            user=world.applicant, judge=world.judge, organisation=world.organisation, reason="x"
        )


def test_expertise_update_checks_fields(world):
    with pytest.raises(ValidationError) as caught:
        services_judging.judge_profile_update(
            user=world.judge.user,
            judge=world.judge,
            data={
                "country": "QQ",
                "sectors": ["unknown"],
                "keywords": "a",
                "expertise": "x" * 3000,
            },
        )
    assert set(caught.value.message_dict) == {"country", "sectors", "expertise"}
    judge = services_judging.judge_profile_update(
        user=world.judge.user,
        judge=world.judge,
        data={
            "country": "vn",
            "sectors": ["energy"],
            "keywords": "solar, drying",
            "expertise": "Solar drying",
        },
    )
    assert judge.country == "VN" and judge.keywords == ["solar", "drying"]


def test_embedding_affinity_prefers_the_matching_expert(world, settings):
    settings.COMPETITION_EMBEDDING_AFFINITY = True
    solar = JudgeFactory(competition=world.competition, expertise="Solar thermal drying of crops")
    finance = JudgeFactory(
        competition=world.competition, expertise="Venture capital and term sheets"
    )
    entry = EntryFactory(
        competition=world.competition,
        title="Solar dryer for cassava",
        summary="A solar thermal dryer for cassava chips in rural Thailand.",
    )
    RoundEntryFactory(round=world.round, entry=entry)
    matrix, source = affinity_matrix(entries=[entry], judges=[solar, finance])
    assert source == "embedding+overlap"
    assert matrix[0, 0] > matrix[0, 1]


def test_declined_invitation(world):
    judge = JudgeFactory(
        competition=world.competition, user=None, status="invited", email="x@example.org"
    )
    user = UserFactory(email="X@example.org")
    services_judging.judge_answer(user=user, judge=judge, accept=False)
    assert Judge.objects.get(pk=judge.pk).status == "declined"
    assert AssignmentRun.objects.count() == 0


def test_forwarded_invitation_cannot_be_answered_by_another_address(world):
    judge = JudgeFactory(
        competition=world.competition, user=None, status="invited", email="x@example.org"
    )
    for accept in (True, False):
        with pytest.raises(ValidationError) as caught:
            services_judging.judge_answer(user=UserFactory(), judge=judge, accept=accept)
        assert "x@example.org" in caught.value.messages[0]
    judge.refresh_from_db()
    assert (judge.user, judge.status) == (None, "invited")
