"""The demo data loads, is idempotent and covers every language, country, sector and state."""

import pytest
from django.db.models import Count
from django_tasks_db.models import DBTaskResult

from techbridge.accounts.models import User
from techbridge.alliance.models import AllianceMembership, Charter, Network
from techbridge.catalog.models import Need, Sector, Technology
from techbridge.competitions.models import Competition
from techbridge.core.countries import FEATURED
from techbridge.core.demo.loader import demo_load
from techbridge.core.languages import ui_language_codes
from techbridge.curation.models import Call, ReviewAssignment, Submission
from techbridge.deals.models import Deal
from techbridge.events.models import Event
from techbridge.experts.models import Expert
from techbridge.organisations.models import Organisation

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        first = demo_load()
        second = demo_load()
    yield first, second
    with django_db_blocker.unblock():
        # Module-scoped data outlives the per-test transactions: remove all of it.
        models = (
            Expert,
            Network,
            Competition,
            Event,
            Deal,
            Submission,
            Call,
            Technology,
            Need,
            Organisation,
            Charter,
            User,
            DBTaskResult,
        )
        for model in models:
            model.objects.all().delete()


def test_demo_is_large_enough_and_idempotent(demo):
    first, second = demo
    assert first["technologies"] >= 300
    assert first["needs"] >= 150
    assert (second["technologies"], second["needs"]) == (0, 0)


def test_demo_covers_every_country_and_language(demo):
    countries = set(Organisation.objects.values_list("country", flat=True))
    assert set(FEATURED) <= countries
    languages = set(Technology.objects.values_list("language", flat=True)) | set(
        Need.objects.values_list("language", flat=True)
    )
    assert set(ui_language_codes()) <= languages


def test_demo_covers_every_leaf_sector(demo):
    used = set(Technology.objects.values_list("sectors__code", flat=True))
    leaves = set(Sector.objects.filter(parent__isnull=False).values_list("code", flat=True))
    assert leaves <= used


def test_demo_has_listings_in_every_state_and_visibility(demo):
    statuses = {
        row["status"] for row in Technology.objects.values("status").annotate(n=Count("pk"))
    }
    assert statuses == {
        "draft",
        "submitted",
        "under_review",
        "changes_requested",
        "published",
        "rejected",
        "expired",
        "withdrawn",
    }
    assert set(Technology.objects.values_list("visibility", flat=True)) == {
        "public",
        "anonymised",
        "members",
    }


def test_demo_call_has_submissions_in_each_state(demo):
    call = Call.objects.get(slug="sustainability-technologies-2026")
    decisions = set(call.submissions.values_list("decision", flat=True))
    assert {"pending", "selected", "not_selected"} <= decisions
    assert ReviewAssignment.objects.filter(
        submission__call=call, reviewed_at__isnull=False
    ).exists()
    assert ReviewAssignment.objects.filter(submission__call=call, reviewed_at__isnull=True).exists()
    assert (
        Call.objects.get(slug="clean-energy-technologies-2025")
        .submissions.filter(decision="selected")
        .exists()
    )


def test_demo_has_deals_in_every_stage(demo):
    first, second = demo
    assert (first["deals"], second["deals"]) == (9, 0)
    assert set(Deal.objects.values_list("stage", flat=True)) == {
        "interest",
        "introduced",
        "meeting_held",
        "negotiating",
        "agreement_signed",
        "transferred",
        "declined",
        "closed",
    }
    assert Deal.objects.filter(brokered=True).exists()
    for deal in Deal.objects.all():
        assert deal.interested_organisation.country != deal.listing_organisation.country
        assert deal.steps.order_by("at", "pk").last().stage == deal.stage


def test_demo_brokerage_event_is_ready_for_the_scheduler(demo):
    from techbridge.events.models import Meeting, ScheduleRun
    from techbridge.events.services_schedule import schedule_run_execute

    first, second = demo
    event = Event.objects.get(slug="digital-matchmaking-2026")
    assert event.meeting_slots.count() >= 10 and event.meeting_tables.count() == 9
    assert event.registrations.filter(status="approved").count() >= 20
    assert first["brokerage_meetings"] >= 20
    assert second["brokerage_meetings"] == first["brokerage_meetings"]
    assert event.meeting_requests.filter(status="pending").exists()
    # Generated, not scheduled: the real scheduler places them when staff ask.
    assert not Meeting.objects.filter(event=event, slot__isnull=False).exists()
    run = ScheduleRun.objects.create(event=event)
    run = schedule_run_execute(run_id=run.pk, time_limit_seconds=3)
    assert run.status == "done" and run.scheduled_count == run.meeting_count


def test_demo_has_a_competition_and_a_camp(demo):
    first, second = demo
    assert first["competition_entries"] >= 8 and second["competition_entries"] == 0
    competition = Competition.objects.get(kind="competition")
    levels = sorted(competition.rounds.values_list("level", "country"))
    assert levels == [(1, "TH"), (1, "VN"), (2, "")]
    thai = competition.rounds.get(country="TH")
    assert thai.is_published and thai.assignments.filter(scored_at__isnull=False).exists()
    assert competition.rounds.get(level=2).round_entries.exists()
    assert competition.judges.filter(status="active").count() >= 2
    camp = Competition.objects.get(kind="camp")
    assert camp.entries.count() >= 5 and camp.quotas.exists()


def test_demo_has_the_alliance(demo):
    first, second = demo
    assert first["alliance_members"] == second["alliance_members"] >= 15
    assert Charter.objects.filter(is_published=True).exists()
    assert AllianceMembership.objects.current().filter(tier="core").exists()
    assert Network.objects.filter(kind="joint_lab").exists()
