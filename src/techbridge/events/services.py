"""Writes for event registration. Every change that frees or takes a seat locks the event row
first and counts seats inside the same transaction, so two requests cannot both take the last
seat (PostgreSQL: SELECT … FOR UPDATE; SQLite: IMMEDIATE transactions serialise writers)."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.core.mail import email_enqueue
from techbridge.events import rules
from techbridge.events.enums import ACTIVE, SEAT_HOLDING, RegistrationStatus
from techbridge.events.models import Event, Registration
from techbridge.events.validation import registration_clean


def _locked_event(event: Event) -> Event:
    return Event.objects.select_for_update().get(pk=event.pk)


def _seats_taken(event: Event) -> int:
    return Registration.objects.filter(event=event, status__in=SEAT_HOLDING).count()


def _seat_status(event: Event) -> str:
    return RegistrationStatus.PENDING if event.requires_approval else RegistrationStatus.APPROVED


def _event_link(event: Event) -> str:
    return settings.SITE_URL + reverse("events:detail", kwargs={"slug": event.slug})


@transaction.atomic
def registration_create(
    *,
    user: User,
    event: Event,
    participant_type: str,
    attendance: str,
    answers: dict,
    now=None,
) -> Registration:
    if not (user.is_authenticated and user.is_active and user.is_verified):
        raise PermissionDenied
    event = _locked_event(event)
    if not event.registration_open_at(now):
        raise ValidationError(_("Registration for this event is closed."))
    cleaned = registration_clean(
        event=event,
        questions=list(event.questions.all()),
        participant_type=participant_type,
        attendance=attendance,
        answers=answers,
    )
    registration = Registration.objects.filter(event=event, user=user).first()
    if registration is not None and registration.status in ACTIVE:
        raise ValidationError(_("You are already registered for this event."))
    full = event.capacity is not None and _seats_taken(event) >= event.capacity
    status = RegistrationStatus.WAITING if full else _seat_status(event)
    if registration is None:
        registration = Registration(event=event, user=user)
    # A cancelled or rejected registration is renewed: one row per user and event.
    registration.status = status
    registration.reason = ""
    registration.decided_by = None
    registration.decided_at = None
    registration.created_at = timezone.now()
    for field, value in cleaned.items():
        setattr(registration, field, value)
    registration.save()
    return registration


def _promote_waiting(event: Event) -> Registration | None:
    """Gives a free seat to the first registration on the waiting list and e-mails them.
    Call with the event row locked."""
    if event.capacity is not None and _seats_taken(event) >= event.capacity:
        return None
    first = (
        Registration.objects.filter(event=event, status=RegistrationStatus.WAITING)
        .select_related("user")
        .order_by("created_at", "pk")
        .first()
    )
    if first is None:
        return None
    first.status = _seat_status(event)
    first.save(update_fields=["status"])
    email_enqueue(
        to=first.user.email,
        template="event_seat_free",
        context={
            "event": event.title,
            "approved": first.status == RegistrationStatus.APPROVED,
            "link": _event_link(event),
        },
        language=first.user.preferred_language,
    )
    return first


@transaction.atomic
def registration_cancel(*, user: User, registration: Registration) -> Registration:
    if registration.user_id != getattr(user, "pk", None):
        raise PermissionDenied
    event = _locked_event(registration.event)
    registration.refresh_from_db()  # read again under the lock
    if not rules.can_cancel_registration(user, registration):
        raise PermissionDenied
    held_seat = registration.status in SEAT_HOLDING
    registration.status = RegistrationStatus.CANCELLED
    registration.save(update_fields=["status"])
    if held_seat:
        _promote_waiting(event)
    return registration


@transaction.atomic
def registration_decide(
    *, user: User, registration: Registration, approve: bool, reason: str = ""
) -> Registration:
    if not rules.can_manage_events(user):
        raise PermissionDenied
    event = _locked_event(registration.event)
    registration.refresh_from_db()
    if not rules.can_decide_registration(user, registration):
        raise ValidationError(_("Only pending registrations can be approved or rejected."))
    reason = reason.strip()
    if not approve and not reason:
        raise ValidationError({"reason": [_("Give the participant a reason.")]})
    registration.status = RegistrationStatus.APPROVED if approve else RegistrationStatus.REJECTED
    registration.reason = reason
    registration.decided_by = user
    registration.decided_at = timezone.now()
    registration.save(update_fields=["status", "reason", "decided_by", "decided_at"])
    email_enqueue(
        to=registration.user.email,
        template="event_registration_decided",
        context={
            "event": event.title,
            "approved": approve,
            "reason": reason,
            "link": _event_link(event),
        },
        language=registration.user.preferred_language,
    )
    if not approve:
        _promote_waiting(event)
    return registration
