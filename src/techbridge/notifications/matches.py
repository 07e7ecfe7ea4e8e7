"""The digest of new recommended matches: for each published listing of the reader's
organisations, the matching app's recommendations (matching.recommend.recommendations_for,
the same the listing page shows) that were published since the last digest."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import models, transaction
from django.urls import reverse
from django.utils import translation

from techbridge.accounts.models import User
from techbridge.catalog.enums import Status
from techbridge.catalog.models import Need, Technology
from techbridge.matching.recommend import recommendations_for
from techbridge.notifications.enums import Frequency, Group
from techbridge.notifications.models import DigestSent, Notification
from techbridge.notifications.services import (
    _footer,
    _mark,
    _render,
    period_key,
    preferences_of,
)

SOURCES_PER_USER = 10
PER_SOURCE = 5
PERIOD = {Frequency.DAILY: datetime.timedelta(days=1), Frequency.WEEKLY: datetime.timedelta(days=7)}


def _sources(user: User) -> list:
    organisations = user.memberships.values("organisation")
    listings: list = []
    for model in (Technology, Need):
        listings += list(
            model.objects.filter(organisation__in=organisations, status=Status.PUBLISHED)
            .select_related("organisation")
            .order_by("-published_at")[:SOURCES_PER_USER]
        )
    return listings[:SOURCES_PER_USER]


def new_matches(*, user: User, since: datetime.datetime) -> list[dict]:
    """Recommendations published after `since`, as the user may see them (no hidden provider)."""
    seen: set[tuple[str, int]] = set()
    matches = []
    for source in _sources(user):
        for rec in recommendations_for(user=user, listing=source, limit=PER_SOURCE):
            view = rec.view
            if view.published_at is None or view.published_at <= since:
                continue
            if (view.kind, view.pk) in seen:
                continue
            seen.add((view.kind, view.pk))
            matches.append(
                {
                    "kind": view.kind,
                    "pk": view.pk,
                    "title": view.title.text,
                    "for": source.text_in("title").text,
                    "link": settings.SITE_URL + reverse(f"catalog:{view.kind}", args=[view.pk]),
                    "score": rec.score,
                }
            )
    return matches


def _candidates():
    published = models.Q(
        memberships__organisation__technologys__status=Status.PUBLISHED
    ) | models.Q(memberships__organisation__needs__status=Status.PUBLISHED)
    return User.objects.filter(published, is_active=True).distinct()


def match_digests_send(*, now: datetime.datetime) -> int:
    sent = 0
    for user in _candidates():
        frequency = preferences_of(user=user)[Group.MATCHES]
        if frequency == Frequency.OFF:
            continue
        if frequency == Frequency.IMMEDIATE:
            frequency = Frequency.DAILY  # matches come at most once a day
        if _match_digest_one(user, frequency, now):
            sent += 1
    return sent


def _match_digest_one(user: User, frequency: str, now: datetime.datetime) -> bool:
    period = period_key(user=user, frequency=frequency, now=now)
    if DigestSent.objects.filter(user=user, digest="matches", period=period).exists():
        return False
    last = DigestSent.objects.filter(user=user, digest="matches").order_by("-sent_at").first()
    since = last.sent_at if last else now - PERIOD[frequency]
    with translation.override(user.preferred_language):
        matches = new_matches(user=user, since=since)
    if not matches:
        return False
    with transaction.atomic():
        if not _mark(user, "matches", period, now):
            return False
        Notification.objects.create(
            recipient=user,
            kind="match_digest",
            payload={
                "count": len(matches),
                "link": reverse("notifications:inbox"),
                "lines": [f"{m['title']} — {m['link']}" for m in matches],
            },
            key=f"matches:{period}",
            emailed_at=now,
        )
        context = {"matches": matches, **_footer()}
        subject, body = _render(user, "match_digest", context)
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
    return True
