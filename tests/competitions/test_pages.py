"""Page flows: the entry form with field errors, submission errors next to their fields,
the invitation answered, ranking settings and advancement, dates in the call's zone."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from techbridge.competitions.models import Entry, Judge, RoundEntry
from tests.factories import (
    AssignmentFactory,
    CompetitionFactory,
    EntryFieldFactory,
    JudgeFactory,
    RoundFactory,
    TrackFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def test_entry_form_shows_field_errors_then_saves(client_for, no_embeddings):
    competition = CompetitionFactory(eligible_countries=["TH"], max_company_age_years=3)
    track = TrackFactory(competition=competition)
    question = EntryFieldFactory(competition=competition, kind="yes_no", required=True)
    RoundFactory(competition=competition, country="TH")
    user = UserFactory()
    client = client_for(user)
    url = reverse("competitions:enter", args=[competition.slug])
    data = {
        "title": "Drone mapping",
        "summary": "Maps.",
        "track": track.pk,
        "country": "VN",
        "founded_year": "1990",
    }
    response = client.post(url, {**data, question.key: "maybe"})
    assert response.status_code == 200
    assert question.key in response.context["form"].errors
    response = client.post(url, data)
    assert {"country", "founded_year"} <= set(response.context["form"].errors)
    data.update(country="TH", founded_year=str(timezone.now().year - 1))
    response = client.post(url, data)
    entry = Entry.objects.get(applicant=user)
    assert response.status_code == 302 and response["Location"].endswith(f"/entries/{entry.pk}/")
    response = client.post(reverse("competitions:entry_submit", args=[entry.pk]))
    assert response.status_code == 422
    assert question.key in response.context["form"].errors
    client.post(
        reverse("competitions:entry_edit", args=[competition.slug, entry.pk]),
        {**data, question.key: "yes"},
    )
    response = client.post(reverse("competitions:entry_submit", args=[entry.pk]))
    assert response.status_code == 302
    entry.refresh_from_db()
    assert entry.status == "submitted" and RoundEntry.objects.filter(entry=entry).exists()


def test_invitation_page_accepts_and_links_the_account(client_for, world):
    judge = JudgeFactory(
        competition=world.competition, user=None, status="invited", email="new@example.org"
    )
    user = UserFactory(email="new@example.org")
    client = client_for(user)
    page = client.get(reverse("competitions:invitation", args=[judge.token]))
    assert world.competition.title in page.content.decode()
    response = client.post(
        reverse("competitions:invitation", args=[judge.token]), {"action": "accept"}
    )
    assert response.status_code == 302
    judge = Judge.objects.get(pk=judge.pk)
    assert judge.user == user and judge.status == "active"
    # Someone else cannot take over an answered invitation.
    other = client_for(UserFactory()).get(reverse("competitions:invitation", args=[judge.token]))
    assert other.status_code == 404


def test_ranking_settings_and_advance_through_the_pages(client_for, world):
    for entry, value in ((world.entry, 9), (world.other_entry, 4)):
        assignment = AssignmentFactory(round=world.round, entry=entry, judge=world.judge)
        client_for(world.judge.user).post(
            reverse("competitions:score", args=[assignment.pk]),
            {f"criterion_{c.pk}": min(value, c.max_score) for c in world.criteria},
        )
    client = client_for(world.staff)
    slug = world.competition.slug
    page = client.get(
        reverse("competitions:ranking", args=[slug, world.round.pk]) + "?method=median&basis=raw"
    )
    assert page.context["ranking"].method == "median" and page.context["previewing"]
    client.post(
        reverse("competitions:ranking_settings", args=[slug, world.round.pk]),
        {"aggregation": "median", "score_basis": "raw"},
    )
    world.round.refresh_from_db()
    assert (world.round.aggregation, world.round.score_basis) == ("median", "raw")
    client.post(
        reverse("competitions:advance", args=[slug, world.round.pk]),
        {"entries": [world.entry.pk, "x"]},
    )
    assert RoundEntry.objects.filter(round=world.final, entry=world.entry).exists()


def test_deadlines_show_in_the_calls_zone_and_admin_reads_them_there(client_for):
    deadline = datetime.datetime(2026, 12, 1, 10, 0, tzinfo=datetime.UTC)
    competition = CompetitionFactory(time_zone="Asia/Shanghai", entry_deadline=deadline)
    page = client_for(None).get(reverse("competitions:detail", args=[competition.slug]))
    assert "6:00" in page.content.decode()  # 18:00 in Shanghai, shown with the zone's name
    staff = UserFactory(is_staff=True, is_superuser=True)
    change = client_for(staff).get(
        reverse("admin:competitions_competition_change", args=[competition.pk])
    )
    assert change.status_code == 200
    assert 'value="18:00:00"' in change.content.decode()
