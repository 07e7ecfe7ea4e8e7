"""Meeting requests between participants: request, accept, decline, withdraw, expire, remind.

Every change that may take a meeting place locks the event row first, so two answers at once
cannot both take a participant's last place."""

import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.core.mail import email_enqueue
from techbridge.events import rules_brokerage
from techbridge.events.enums import DeclineReason, RequestStatus
from techbridge.events.models import Brokerage, Event, Meeting, MeetingRequest, Registration
from techbridge.events.services_brokerage import meeting_cap

MAX_MESSAGE = 2000


def _lock(event: Event) -> None:
    Event.objects.select_for_update().filter(pk=event.pk).first()


def meetings_count(*, registration: Registration) -> int:
    return Meeting.objects.filter(Q(person_a=registration) | Q(person_b=registration)).count()


def _pending_sent(registration: Registration) -> int:
    return MeetingRequest.objects.filter(
        requester=registration, status=RequestStatus.PENDING
    ).count()


def _requests_link(event: Event) -> str:
    return settings.SITE_URL + reverse("events:meetings", kwargs={"slug": event.slug})


def _mail(*, to: Registration, template: str, request: MeetingRequest, **extra) -> None:
    other = request.requester if to.pk == request.receiver_id else request.receiver
    email_enqueue(
        to=to.user.email,
        template=template,
        context={
            "event": request.event.title,
            "name": other.user.full_name,
            "message": request.message,
            "link": _requests_link(request.event),
            **extra,
        },
        language=to.user.preferred_language,
    )


def _check_places(requester: Registration, receiver: Registration) -> None:
    if meetings_count(registration=requester) >= meeting_cap(registration=requester):
        raise ValidationError(_("You have reached your number of meetings."))
    if meetings_count(registration=receiver) >= meeting_cap(registration=receiver):
        raise ValidationError(_("This participant's meeting agenda is full."))


def _accept(request: MeetingRequest, *, mutual: bool, now) -> Meeting:
    _check_places(request.requester, request.receiver)
    request.status = RequestStatus.ACCEPTED
    request.answered_at = now
    request.save(update_fields=["status", "answered_at"])
    meeting = Meeting.objects.create(
        event=request.event,
        request=request,
        person_a=request.requester,
        person_b=request.receiver,
        mutual=mutual,
    )
    _mail(to=request.requester, template="meeting_request_accepted", request=request)
    return meeting


@transaction.atomic
def meeting_request_create(
    *, user: User, requester: Registration, receiver: Registration, message: str, now=None
) -> MeetingRequest:
    """A request from `requester` to `receiver`. When the receiver has already asked the
    requester, that request is accepted instead, as a mutual meeting."""
    if not rules_brokerage.can_request_meeting(user, requester, receiver):
        raise PermissionDenied
    now = now or timezone.now()
    _lock(requester.event)
    message = message.strip()
    if len(message) > MAX_MESSAGE:
        raise ValidationError({"message": [_("Keep the message under 2,000 characters.")]})
    open_requests = MeetingRequest.objects.filter(
        Q(requester=requester, receiver=receiver) | Q(requester=receiver, receiver=requester),
        status__in=[RequestStatus.PENDING, RequestStatus.ACCEPTED],
    )
    for existing in open_requests:
        if existing.status == RequestStatus.ACCEPTED:
            raise ValidationError(_("You already have a meeting with this participant."))
        if existing.requester_id == requester.pk:
            raise ValidationError(_("You have already asked this participant."))
        # They asked us first: both want it, so it becomes a mutual meeting.
        if message:
            existing.message = f"{existing.message}\n\n{message}".strip()
            existing.save(update_fields=["message"])
        _accept(existing, mutual=True, now=now)
        return existing
    if meetings_count(registration=requester) + _pending_sent(requester) >= meeting_cap(
        registration=requester
    ):
        raise ValidationError(
            _("You have reached your number of meetings, counting requests still unanswered.")
        )
    if meetings_count(registration=receiver) >= meeting_cap(registration=receiver):
        raise ValidationError(_("This participant's meeting agenda is full."))
    request = MeetingRequest.objects.create(
        event=requester.event,
        requester=requester,
        receiver=receiver,
        message=message,
        created_at=now,
    )
    _mail(to=receiver, template="meeting_request_new", request=request)
    return request


def _fresh(request: MeetingRequest) -> MeetingRequest:
    _lock(request.event)
    return MeetingRequest.objects.select_related("event", "requester__user", "receiver__user").get(
        pk=request.pk
    )


@transaction.atomic
def meeting_request_accept(*, user: User, request: MeetingRequest, now=None) -> Meeting:
    request = _fresh(request)
    if not rules_brokerage.can_answer_request(user, request):
        raise PermissionDenied
    return _accept(request, mutual=False, now=now or timezone.now())


@transaction.atomic
def meeting_request_decline(
    *, user: User, request: MeetingRequest, reason: str, text: str = "", now=None
) -> MeetingRequest:
    request = _fresh(request)
    if not rules_brokerage.can_answer_request(user, request):
        raise PermissionDenied
    text = text.strip()
    errors = {}
    if reason not in DeclineReason.values:
        errors["reason"] = [_("Choose a reason from the list.")]
    elif reason == DeclineReason.OTHER and not text:
        errors["text"] = [_("Say in a few words why.")]
    if len(text) > MAX_MESSAGE:
        errors["text"] = [_("Keep the comment under 2,000 characters.")]
    if errors:
        raise ValidationError(errors)
    request.status = RequestStatus.DECLINED
    request.decline_reason, request.decline_text = reason, text
    request.answered_at = now or timezone.now()
    request.save(update_fields=["status", "decline_reason", "decline_text", "answered_at"])
    _mail(
        to=request.requester,
        template="meeting_request_declined",
        request=request,
        reason=DeclineReason(reason).label,
        comment=text,
    )
    return request


@transaction.atomic
def meeting_cancel(
    *, user: User, request: MeetingRequest, text: str = "", now=None
) -> MeetingRequest:
    """Calls off an accepted meeting before it takes place: its place in the schedule and in
    both participants' limits is freed, and the other participant is told why."""
    request = _fresh(request)
    now = now or timezone.now()
    if not rules_brokerage.can_cancel_meeting(user, request, now=now):
        raise PermissionDenied
    text = text.strip()
    if len(text) > MAX_MESSAGE:
        raise ValidationError({"text": [_("Keep the comment under 2,000 characters.")]})
    request.meeting.delete()
    request.status = RequestStatus.CANCELLED
    request.decline_text = text
    request.answered_at = now
    request.save(update_fields=["status", "decline_text", "answered_at"])
    by_requester = request.requester.user_id == user.pk
    _mail(
        to=request.receiver if by_requester else request.requester,
        template="meeting_cancelled",
        request=request,
        comment=text,
    )
    return request


@transaction.atomic
def meeting_request_withdraw(*, user: User, request: MeetingRequest, now=None) -> MeetingRequest:
    request = _fresh(request)
    if not rules_brokerage.can_withdraw_request(user, request):
        raise PermissionDenied
    request.status = RequestStatus.WITHDRAWN
    request.answered_at = now or timezone.now()
    request.save(update_fields=["status", "answered_at"])
    return request


def _pending_older_than(brokerage: Brokerage, days: int, now) -> "list[MeetingRequest]":
    return MeetingRequest.objects.filter(
        event_id=brokerage.event_id,
        status=RequestStatus.PENDING,
        created_at__lte=now - datetime.timedelta(days=days),
    ).select_related("event", "requester__user", "receiver__user")


@transaction.atomic
def meeting_requests_expire(*, now=None) -> int:
    """Pending requests older than their event's answer time become expired, and whoever
    asked is told, so they can ask someone else."""
    now = now or timezone.now()
    expired = 0
    for brokerage in Brokerage.objects.all():
        stale = list(_pending_older_than(brokerage, brokerage.request_expiry_days, now))
        MeetingRequest.objects.filter(pk__in=[r.pk for r in stale]).update(
            status=RequestStatus.EXPIRED, answered_at=now
        )
        for request in stale:
            _mail(to=request.requester, template="meeting_request_expired", request=request)
        expired += len(stale)
    return expired


@transaction.atomic
def meeting_requests_remind(*, now=None) -> int:
    """E-mails the receiver of each pending request once, after the event's reminder days."""
    now = now or timezone.now()
    reminded = 0
    for brokerage in Brokerage.objects.select_related("event"):
        due = _pending_older_than(brokerage, brokerage.reminder_days, now).filter(
            reminded_at__isnull=True
        )
        for request in due:
            expires = request.created_at + datetime.timedelta(days=brokerage.request_expiry_days)
            _mail(
                to=request.receiver,
                template="meeting_request_reminder",
                request=request,
                days_left=max(1, (expires - now).days),
            )
            request.reminded_at = now
            request.save(update_fields=["reminded_at"])
            reminded += 1
    return reminded
