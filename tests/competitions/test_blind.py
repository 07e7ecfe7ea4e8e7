"""Blind rounds: nothing a judge sees names the team, the applicant or the organisation —
score page, list, files (name and header), profile, call page, results, e-mail-free pages."""

import pytest
from django.urls import reverse

from techbridge.competitions import services_scoring
from tests.factories import AssignmentFactory, EntryAttachmentFactory, EntryFieldFactory

pytestmark = pytest.mark.django_db

SECRETS = ["Siam Solar", "Somchai", "Kittipong"]


@pytest.fixture
def blind(world):
    world.applicant.full_name = "Applicant Prasert"
    world.applicant.save()
    identifying = EntryFieldFactory(
        competition=world.competition, label="Founders", hidden_in_blind_rounds=True
    )
    visible = EntryFieldFactory(competition=world.competition, label="Market")
    world.entry.answers = {str(identifying.pk): "Somchai and Prasert", str(visible.pk): "Rural"}
    world.entry.save()
    attachment = EntryAttachmentFactory(entry=world.entry, original_name="Siam-Solar-pitch.pdf")
    assignment = AssignmentFactory(round=world.round, entry=world.entry, judge=world.judge)
    return world, assignment, attachment


def _surfaces(world, assignment, attachment):
    return [
        reverse("competitions:score", args=[assignment.pk]),
        reverse("competitions:judging"),
        reverse("competitions:mine"),
        reverse("competitions:judge_profile", args=[world.judge.pk]),
        reverse("competitions:detail", args=[world.competition.slug]),
        reverse("competitions:list"),
        reverse("competitions:results", args=[world.competition.slug, world.round.pk]),
        reverse("competitions:judge_attachment", args=[assignment.pk, attachment.pk]),
    ]


def _text(response) -> str:
    if hasattr(response, "streaming_content"):
        body = b"".join(response.streaming_content).decode("latin-1")
    else:
        body = response.content.decode()
    return body + " " + response.get("Content-Disposition", "")


def test_no_surface_a_judge_sees_names_the_team_or_organisation(client_for, blind):
    world, assignment, attachment = blind
    services_scoring.round_publish(user=world.staff, round_=world.round)
    client = client_for(world.judge.user)
    secrets = [*SECRETS, "Prasert", world.applicant.email]
    for url in _surfaces(world, assignment, attachment):
        response = client.get(url)
        assert response.status_code == 200, url
        text = _text(response)
        for secret in secrets:
            assert secret not in text, (url, secret)
    page = client.get(reverse("competitions:score", args=[assignment.pk])).content.decode()
    assert "Solar cassava dryer" in page and "Rural" in page
    assert f"E-{world.entry.pk:04d}" in page


def test_the_same_pages_show_names_when_the_round_is_not_blind(client_for, blind):
    world, assignment, _attachment = blind
    world.round.blind = False
    world.round.save()
    page = client_for(world.judge.user).get(reverse("competitions:score", args=[assignment.pk]))
    text = page.content.decode()
    assert (
        "Siam Solar Ltd" in text and "Somchai Kittipong" in text and "Somchai and Prasert" in text
    )
    assert "Siam-Solar-pitch.pdf" in text


def test_identifying_files_are_not_served_to_judges_in_blind_rounds(client_for, blind):
    world, assignment, _attachment = blind
    hidden = EntryFieldFactory(
        competition=world.competition, kind="file", hidden_in_blind_rounds=True
    )
    cv = EntryAttachmentFactory(entry=world.entry, field=hidden, original_name="cv.pdf")
    url = reverse("competitions:judge_attachment", args=[assignment.pk, cv.pk])
    assert client_for(world.judge.user).get(url).status_code == 404
    assert (
        client_for(world.applicant)
        .get(reverse("competitions:attachment", args=[cv.pk]))
        .status_code
        == 200
    )
