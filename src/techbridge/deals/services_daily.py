"""The daily run of the pipeline: unanswered interests expire, stalled stages are reminded,
follow-up surveys go out. Every notice has a key, so running a day twice sends nothing twice."""

import datetime

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from techbridge.deals.enums import OPEN, Reason, Side, Stage
from techbridge.deals.models import Deal, FollowUp
from techbridge.deals.notify import deal_notify
from techbridge.deals.services import deal_close


def interests_expire(*, now: datetime.datetime) -> int:
    """Interests nobody answered within DEAL_INTEREST_EXPIRY_DAYS close as "no response"."""
    limit = now - datetime.timedelta(days=settings.DEAL_INTEREST_EXPIRY_DAYS)
    expired = 0
    for deal in Deal.objects.filter(stage=Stage.INTEREST, stage_changed_at__lte=limit):
        deal_close(user=None, deal=deal, reason=Reason.NO_RESPONSE, now=now)
        expired += 1
    return expired


def deals_remind_stalled(*, now: datetime.datetime) -> int:
    """A stage that waited DEAL_REMINDER_DAYS is reminded, then again every as many days."""
    wait = datetime.timedelta(days=settings.DEAL_REMINDER_DAYS)
    stalled = Deal.objects.filter(stage__in=OPEN, stage_changed_at__lte=now - wait).select_related(
        "technology", "need", "interested_user", "interested_organisation", "listing_organisation"
    )
    reminded = 0
    for deal in stalled:
        if deal.reminded_at is not None and deal.reminded_at > now - wait:
            continue
        with transaction.atomic():
            waiting = (
                (Side.PROVIDER,)
                if deal.stage == Stage.INTEREST
                else (Side.INTERESTED, Side.PROVIDER)
            )
            deal_notify(
                deal=deal,
                kind="deal_reminder",
                sides=waiting,
                include_brokers=deal.stage == Stage.INTEREST,
                key=f"reminder:{deal.stage}:{timezone.localdate(now).isoformat()}",
                stage=deal.stage,
                days=(now - deal.stage_changed_at).days,
            )
            Deal.objects.filter(pk=deal.pk).update(reminded_at=now)
        reminded += 1
    return reminded


def follow_ups_send(*, now: datetime.datetime) -> int:
    today = timezone.localdate(now)
    due = FollowUp.objects.filter(due_on__lte=today, sent_at__isnull=True).select_related(
        "deal__technology",
        "deal__need",
        "deal__interested_user",
        "deal__interested_organisation",
        "deal__listing_organisation",
    )
    sent = 0
    for follow_up in due:
        with transaction.atomic():
            deal = follow_up.deal
            deal_notify(
                deal=deal,
                kind="deal_follow_up",
                sides=(Side.INTERESTED, Side.PROVIDER),
                key=f"follow-up:{follow_up.pk}",
                link=reverse("deals:follow_up", args=[deal.pk, follow_up.pk]),
            )
            FollowUp.objects.filter(pk=follow_up.pk).update(sent_at=now)
        sent += 1
    return sent


def deals_daily_run(*, now: datetime.datetime) -> dict[str, int]:
    return {
        "expired": interests_expire(now=now),
        "reminded": deals_remind_stalled(now=now),
        "follow_ups": follow_ups_send(now=now),
    }
