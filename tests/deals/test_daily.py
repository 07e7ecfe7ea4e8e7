"""Stalled deals with a frozen clock: reminders, expiry of unanswered interests, follow-up
surveys; and the daily run chained from the catalogue's daily task, through the worker."""

import datetime

import pytest

from techbridge.deals import services
from techbridge.deals.models import Deal, FollowUp
from techbridge.deals.services_daily import (
    deals_daily_run,
    deals_remind_stalled,
    follow_ups_send,
    interests_expire,
)
from techbridge.notifications.models import Notification
from tests.deals.fixtures import express

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)


@pytest.fixture(autouse=True)
def _timing(settings):
    settings.DEAL_REMINDER_DAYS = 14
    settings.DEAL_INTEREST_EXPIRY_DAYS = 30
    settings.DEAL_FOLLOW_UP_MONTHS = 6


def _notices(kind, user=None):
    notices = Notification.objects.filter(kind=kind)
    return notices.filter(recipient=user) if user else notices


def test_stalled_stage_is_reminded_after_the_configured_days_then_again(
    people, frozen_clock, settings
):
    start = frozen_clock.now
    deal = services.deal_accept(user=people.provider, deal=express(people))
    frozen_clock.set(start + 13 * DAY)
    assert deals_remind_stalled(now=frozen_clock.now) == 0
    frozen_clock.set(start + 14 * DAY)
    assert deals_remind_stalled(now=frozen_clock.now) == 1
    assert {n.recipient for n in _notices("deal_reminder")} == {people.provider, people.interested}
    assert _notices("deal_reminder").first().payload["days"] == 14
    # The same day again (a retried run): nothing new.
    assert deals_remind_stalled(now=frozen_clock.now) == 0
    frozen_clock.set(start + 27 * DAY)
    assert deals_remind_stalled(now=frozen_clock.now) == 0
    frozen_clock.set(start + 28 * DAY)
    assert deals_remind_stalled(now=frozen_clock.now) == 1
    assert _notices("deal_reminder").count() == 4
    # Moving on resets the clock of the stage.
    services.deal_move(user=people.provider, deal=deal, stage="meeting_held")
    frozen_clock.set(start + 41 * DAY)
    assert deals_remind_stalled(now=frozen_clock.now) == 0


def test_configurable_reminder_days(people, frozen_clock, settings):
    settings.DEAL_REMINDER_DAYS = 3
    start = frozen_clock.now
    services.deal_accept(user=people.provider, deal=express(people))
    frozen_clock.set(start + 3 * DAY)
    assert deals_remind_stalled(now=frozen_clock.now) == 1


def test_unanswered_interest_reminds_listing_side_and_broker_then_expires(people, frozen_clock):
    start = frozen_clock.now
    deal = express(people)
    frozen_clock.set(start + 14 * DAY)
    assert deals_remind_stalled(now=frozen_clock.now) == 1
    assert {n.recipient for n in _notices("deal_reminder")} == {people.provider, people.staff}
    frozen_clock.set(start + 30 * DAY - datetime.timedelta(minutes=1))
    assert interests_expire(now=frozen_clock.now) == 0
    frozen_clock.set(start + 30 * DAY)
    assert interests_expire(now=frozen_clock.now) == 1
    deal.refresh_from_db()
    assert (deal.stage, deal.reason) == ("closed", "no_response")
    last = deal.steps.order_by("at", "pk").last()
    assert (last.stage, last.by, last.at) == ("closed", None, frozen_clock.now)
    assert [n.recipient for n in _notices("deal_expired")] == [people.interested]
    assert interests_expire(now=frozen_clock.now) == 0


def test_follow_up_survey_sent_once_when_due(people, frozen_clock):
    deal = services.deal_accept(user=people.provider, deal=express(people))
    services.deal_move(user=people.provider, deal=deal, stage="meeting_held")
    survey = FollowUp.objects.get()
    assert survey.due_on == datetime.date(2026, 9, 2)
    frozen_clock.set(datetime.datetime(2026, 9, 1, 12, tzinfo=datetime.UTC))
    assert follow_ups_send(now=frozen_clock.now) == 0
    frozen_clock.set(datetime.datetime(2026, 9, 2, 1, tzinfo=datetime.UTC))
    assert follow_ups_send(now=frozen_clock.now) == 1
    assert {n.recipient for n in _notices("deal_follow_up")} == {people.provider, people.interested}
    link = _notices("deal_follow_up").first().payload["link"]
    assert link.endswith(f"/deals/{deal.pk}/follow-up/{survey.pk}/")
    assert follow_ups_send(now=frozen_clock.now) == 0


def test_daily_run_counts(people, frozen_clock):
    start = frozen_clock.now
    express(people)
    frozen_clock.set(start + 31 * DAY)
    assert deals_daily_run(now=frozen_clock.now) == {"expired": 1, "reminded": 0, "follow_ups": 0}


def test_daily_run_is_chained_from_the_catalogue_daily_task(people, worker, outbox):
    from django.utils import timezone, translation
    from django.utils.translation import gettext

    from techbridge.catalog.tasks import catalogue_daily

    deal = express(people)
    Deal.objects.filter(pk=deal.pk).update(
        stage_changed_at=timezone.now() - datetime.timedelta(days=40)
    )
    worker()  # the notices of the interest itself
    outbox.clear()
    catalogue_daily.enqueue()
    worker()
    deal.refresh_from_db()
    assert deal.stage == "closed"
    assert [m.to for m in outbox] == [[people.interested.email]]
    # In the Vietnamese reader's language (regression: asserted the English text).
    with translation.override("vi"):
        expected = gettext("Interest in “%(listing)s” expired without an answer") % {
            "listing": deal.technology.title
        }
    assert outbox[0].subject == expected
    assert "hết hạn" in expected
