"""Who may do what in an event's brokerage: the marketplace, requests, schedule and agendas."""

from techbridge.accounts.models import User
from techbridge.events.enums import MeetingCheckIn, RegistrationStatus, RequestStatus
from techbridge.events.models import Event, Meeting, MeetingRequest, Registration
from techbridge.events.rules import can_manage_events


def is_brokerage(event: Event) -> bool:
    return hasattr(event, "brokerage")


def approved_registration(user: User, event: Event) -> Registration | None:
    """The reader's approved registration for the event, if any."""
    if not user.is_authenticated:
        return None
    return Registration.objects.filter(
        event=event, user=user, status=RegistrationStatus.APPROVED
    ).first()


def is_participant(user: User, registration: Registration | None) -> bool:
    return (
        registration is not None
        and user.is_authenticated
        and registration.user_id == user.pk
        and registration.status == RegistrationStatus.APPROVED
    )


def can_view_marketplace(user: User, event: Event) -> bool:
    """Approved participants and staff; nobody before the event is a brokerage event."""
    if not is_brokerage(event):
        return False
    return can_manage_events(user) or approved_registration(user, event) is not None


def can_edit_profile(user: User, registration: Registration) -> bool:
    return is_brokerage(registration.event) and (
        is_participant(user, registration) or can_manage_events(user)
    )


def can_request_meeting(user: User, requester: Registration, receiver: Registration) -> bool:
    return (
        is_brokerage(requester.event)
        and is_participant(user, requester)
        and receiver.event_id == requester.event_id
        and receiver.pk != requester.pk
        and receiver.status == RegistrationStatus.APPROVED
    )


def can_answer_request(user: User, request: MeetingRequest) -> bool:
    return request.status == RequestStatus.PENDING and is_participant(user, request.receiver)


def can_withdraw_request(user: User, request: MeetingRequest) -> bool:
    return request.status == RequestStatus.PENDING and is_participant(user, request.requester)


def can_cancel_meeting(user: User, request: MeetingRequest, *, now) -> bool:
    """Either participant, until the meeting's slot begins and nobody has checked it in."""
    if request.status != RequestStatus.ACCEPTED:
        return False
    if not (is_participant(user, request.requester) or is_participant(user, request.receiver)):
        return False
    return meeting_not_yet_held(request.meeting, now=now)


def meeting_not_yet_held(meeting: Meeting, *, now) -> bool:
    started = meeting.slot_id is not None and meeting.slot.starts_at <= now
    return not started and meeting.check_in == MeetingCheckIn.UNKNOWN


def can_view_request(user: User, request: MeetingRequest) -> bool:
    return (
        is_participant(user, request.requester)
        or is_participant(user, request.receiver)
        or can_manage_events(user)
    )


def is_meeting_participant(user: User, meeting: Meeting) -> bool:
    return is_participant(user, meeting.person_a) or is_participant(user, meeting.person_b)


def can_view_agenda(user: User, registration: Registration) -> bool:
    """Staff always; the participant once the schedule is published (preliminary or final)."""
    if not is_brokerage(registration.event):
        return False
    if can_manage_events(user):
        return True
    return is_participant(user, registration) and registration.event.brokerage.agendas_visible


def can_check_in(user: User, meeting: Meeting) -> bool:
    if meeting.slot_id is None:
        return False
    if can_manage_events(user):
        return True
    return is_meeting_participant(user, meeting) and meeting.event.brokerage.agendas_visible


def can_give_feedback(user: User, meeting: Meeting, *, now) -> bool:
    """Each participant, once the meeting was checked in or its slot is over."""
    if not is_meeting_participant(user, meeting):
        return False
    if meeting.check_in != MeetingCheckIn.UNKNOWN:
        return True
    return meeting.slot is not None and meeting.slot.ends_at <= now
