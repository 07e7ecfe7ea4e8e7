"""Writes for notifications. A notice is a row written in the transaction that causes it; the
e-mail goes out from the worker, rendered in the recipient's language and time zone, and
every e-mail leaves a marker first (emailed_at, DigestSent) so a retried task sends nothing
twice."""

import datetime

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from techbridge.accounts.models import User
from techbridge.core.mail import email_render
from techbridge.notifications.enums import DEFAULT_FREQUENCY, Frequency, Group
from techbridge.notifications.kinds import KINDS, kinds_in, notification_title
from techbridge.notifications.models import DigestSent, Notification, Preference


def preferences_of(*, user: User) -> dict[str, str]:
    chosen = dict(Preference.objects.filter(user=user).values_list("group", "frequency"))
    return {group: chosen.get(group, DEFAULT_FREQUENCY[group]) for group in Group.values}


@transaction.atomic
def preferences_update(*, user: User, values: dict[str, str]) -> dict[str, str]:
    for group, frequency in values.items():
        if group in Group.values and frequency in Frequency.values:
            Preference.objects.update_or_create(
                user=user, group=group, defaults={"frequency": frequency}
            )
    return preferences_of(user=user)


def notification_send(
    *, recipient: User, kind: str, payload: dict, key: str = ""
) -> Notification | None:
    """Records a notice; e-mails it at once if the recipient wants this group immediately.
    Call inside the transaction that causes it. The same key never makes a second notice."""
    if kind not in KINDS:
        raise ValueError(f"unknown notification kind {kind!r}")
    if not recipient.is_active:
        return None
    if key and Notification.objects.filter(recipient=recipient, key=key).exists():
        return None
    notification = Notification.objects.create(
        recipient=recipient, kind=kind, payload=payload, key=key, created_at=timezone.now()
    )
    frequency = preferences_of(user=recipient)[KINDS[kind].group]
    if frequency == Frequency.IMMEDIATE:
        from techbridge.notifications.tasks import deliver_notification

        deliver_notification.enqueue(notification_id=notification.pk)
    return notification


def _absolute(link: str) -> str:
    return settings.SITE_URL + link if link.startswith("/") else link


def _render(user: User, template: str, context: dict) -> tuple[str, str]:
    with translation.override(user.preferred_language), timezone.override(user.time_zone):
        return email_render(template=template, context=context, language=user.preferred_language)


def _item(notification: Notification) -> dict:
    payload = notification.payload
    return {
        "title": notification_title(kind=notification.kind, payload=payload),
        "link": _absolute(payload.get("link", reverse("notifications:inbox"))),
        "lines": payload.get("lines", []),
        "created_at": notification.created_at,
    }


def notification_email(*, notification_id: int) -> bool:
    """The worker's half of an immediate notice. True when this call sent the e-mail."""
    with transaction.atomic():
        notification = (
            Notification.objects.select_for_update()
            .select_related("recipient")
            .filter(pk=notification_id, emailed_at__isnull=True)
            .first()
        )
        if notification is None or not notification.recipient.is_active:
            return False
        notification.emailed_at = timezone.now()
        notification.save(update_fields=["emailed_at"])
        user = notification.recipient
        with translation.override(user.preferred_language):
            item = _item(notification)
        subject, body = _render(user, "notification", {"item": item, **_footer()})
        # Sent inside the transaction: if sending fails the marker rolls back and a retry
        # sends; once it succeeded the marker stops every later attempt.
        send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
    return True


def _footer() -> dict:
    return {"preferences_link": settings.SITE_URL + reverse("notifications:preferences")}


def period_key(*, user: User, frequency: str, now: datetime.datetime) -> str:
    local = timezone.localtime(now, timezone=_zone(user))
    if frequency == Frequency.WEEKLY:
        year, week, _day = local.isocalendar()
        return f"{year}-W{week:02d}"
    return local.date().isoformat()


def _zone(user: User):
    import zoneinfo

    try:
        return zoneinfo.ZoneInfo(user.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        return timezone.get_default_timezone()


def _mark(user: User, digest: str, period: str, now) -> bool:
    """Claims the digest for this period; False when another run already sent it."""
    try:
        with transaction.atomic():
            DigestSent.objects.create(user=user, digest=digest, period=period, sent_at=now)
    except IntegrityError:
        return False
    return True


def digests_send(*, now: datetime.datetime) -> int:
    """Daily and weekly digests of notices not yet e-mailed. Returns e-mails sent."""
    sent = 0
    waiting = Notification.objects.filter(emailed_at__isnull=True, recipient__is_active=True)
    for user in User.objects.filter(pk__in=waiting.values("recipient")):
        preferences = preferences_of(user=user)
        for frequency in (Frequency.DAILY, Frequency.WEEKLY):
            groups = {g for g, f in preferences.items() if f == frequency and g != Group.MATCHES}
            kinds = kinds_in(groups)
            if kinds and _digest_one(user, frequency, kinds, now):
                sent += 1
    return sent


@transaction.atomic
def _digest_one(user: User, frequency: str, kinds: list[str], now) -> bool:
    pending = list(
        Notification.objects.select_for_update()
        .filter(recipient=user, emailed_at__isnull=True, kind__in=kinds, created_at__lte=now)
        .order_by("created_at", "pk")
    )
    if not pending:
        return False
    period = period_key(user=user, frequency=frequency, now=now)
    if not _mark(user, f"notices-{frequency}", period, now):
        return False
    Notification.objects.filter(pk__in=[n.pk for n in pending]).update(emailed_at=now)
    with translation.override(user.preferred_language):
        items = [_item(notification) for notification in pending]
    context = {"items": items, "frequency": frequency, **_footer()}
    subject, body = _render(user, "notification_digest", context)
    send_mail(subject=subject, message=body, from_email=None, recipient_list=[user.email])
    return True


def notifications_mark_read(*, user: User, pks: list[int] | None = None) -> int:
    unread = Notification.objects.filter(recipient=user, read_at__isnull=True)
    if pks is not None:
        unread = unread.filter(pk__in=pks)
    return unread.update(read_at=timezone.now())
