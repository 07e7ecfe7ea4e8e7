"""Events and brokerage over JSON: the same rules, selectors and services as the pages."""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema, Status
from ninja.pagination import PageNumberPagination, paginate

from techbridge.api.auth import PUBLIC
from techbridge.events import (
    rules,
    rules_brokerage,
    selectors,
    selectors_brokerage,
    selectors_meetings,
    services_meetings,
)
from techbridge.events.agenda import agenda_for_participant
from techbridge.events.models import Event, MeetingRequest, Registration

router = Router(tags=["events"])


class EventOut(Schema):
    slug: str
    title: str
    title_translations: dict[str, str]
    language: str
    description: str
    kind: str
    venue: str
    online: bool
    time_zone: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    registration_closes_at: datetime.datetime
    capacity: int | None
    is_brokerage: bool

    @staticmethod
    def resolve_is_brokerage(event: Event) -> bool:
        return rules_brokerage.is_brokerage(event)


class RegistrationOut(Schema):
    id: int
    event_slug: str
    participant_type: str
    attendance: str
    status: str
    reason: str
    created_at: datetime.datetime

    @staticmethod
    def resolve_event_slug(registration: Registration) -> str:
        return registration.event.slug


class ListingRefOut(Schema):
    id: int
    title: str


def _profile(registration: Registration):
    return getattr(registration, "brokerage_profile", None)


class ParticipantOut(Schema):
    registration_id: int
    name: str
    participant_type: str
    organisation: str
    country: str
    language: str
    offers: str
    requests: str
    technologies: list[ListingRefOut]
    needs: list[ListingRefOut]

    @staticmethod
    def resolve_registration_id(registration: Registration) -> int:
        return registration.pk

    @staticmethod
    def resolve_name(registration: Registration) -> str:
        return registration.user.full_name

    @staticmethod
    def resolve_organisation(registration: Registration) -> str:
        organisation = getattr(_profile(registration), "organisation", None)
        return organisation.name if organisation else ""

    @staticmethod
    def resolve_country(registration: Registration) -> str:
        organisation = getattr(_profile(registration), "organisation", None)
        return organisation.country if organisation else ""

    @staticmethod
    def resolve_language(registration: Registration) -> str:
        return getattr(_profile(registration), "language", "")

    @staticmethod
    def resolve_offers(registration: Registration) -> str:
        return getattr(_profile(registration), "offers", "")

    @staticmethod
    def resolve_requests(registration: Registration) -> str:
        return getattr(_profile(registration), "requests", "")

    @staticmethod
    def resolve_technologies(registration: Registration) -> list[dict]:
        profile = _profile(registration)
        items = profile.technologies.all() if profile else []
        return [{"id": t.pk, "title": t.title} for t in items]

    @staticmethod
    def resolve_needs(registration: Registration) -> list[dict]:
        profile = _profile(registration)
        items = profile.needs.all() if profile else []
        return [{"id": n.pk, "title": n.title} for n in items]


class ParticipantQuery(Schema):
    q: str = ""
    participant_type: str = ""
    country: str = ""
    sector: str = ""
    side: str = ""


class MeetingRequestIn(Schema):
    receiver_id: int
    message: str = ""


class DeclineIn(Schema):
    reason: str
    text: str = ""


class MeetingRequestOut(Schema):
    id: int
    requester_id: int
    receiver_id: int
    message: str
    status: str
    decline_reason: str
    decline_text: str
    created_at: datetime.datetime
    mutual: bool

    @staticmethod
    def resolve_mutual(request: MeetingRequest) -> bool:
        meeting = getattr(request, "meeting", None)
        return bool(meeting and meeting.mutual)


class PersonOut(Schema):
    registration_id: int
    name: str
    organisation: str
    country: str


class AgendaMeetingOut(Schema):
    meeting_id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    table: str
    video_link: str
    counterpart: PersonOut
    message: str
    mutual: bool
    check_in: str


class AgendaOut(Schema):
    event_slug: str
    time_zone: str
    publication: str
    preliminary: bool
    participant: PersonOut
    meetings: list[AgendaMeetingOut]
    unscheduled_count: int


def _event(request, slug: str) -> Event:
    event = get_object_or_404(Event, slug=slug)
    if not rules.can_view_event(request.user, event):
        raise Http404
    return event


def _brokerage_event(request, slug: str) -> Event:
    event = _event(request, slug)
    if not rules_brokerage.is_brokerage(event):
        raise Http404
    return event


def _reader(request, event: Event) -> Registration:
    registration = rules_brokerage.approved_registration(request.auth, event)
    if registration is None:
        raise PermissionDenied
    return registration


@router.get("", response=list[EventOut], auth=PUBLIC, summary="Events")
@paginate(PageNumberPagination, page_size=50)
def event_list(request):
    return selectors.events_visible(user=request.user).select_related("brokerage")


@router.get("/mine", response=list[RegistrationOut], summary="My registrations")
def my_registrations(request):
    return list(selectors.registrations_of(user=request.auth))


@router.get("/{slug}", response=EventOut, auth=PUBLIC, summary="One event")
def event_detail(request, slug: str):
    return _event(request, slug)


@router.get(
    "/{slug}/participants",
    response=list[ParticipantOut],
    summary="Marketplace: approved participants (participants and staff)",
)
@paginate(PageNumberPagination, page_size=50)
def participants(request, slug: str, filters: Query[ParticipantQuery]):
    event = _brokerage_event(request, slug)
    if not rules_brokerage.can_view_marketplace(request.auth, event):
        raise PermissionDenied
    values = filters.dict()
    values["query"] = values.pop("q")
    values["country"] = values["country"].upper()
    return selectors_brokerage.marketplace_participants(event=event, **values)


@router.get(
    "/{slug}/meeting-requests",
    response=list[MeetingRequestOut],
    summary="My meeting requests, sent and received",
)
def my_requests(request, slug: str):
    event = _brokerage_event(request, slug)
    registration = _reader(request, event)
    sent = selectors_meetings.requests_sent(registration=registration).select_related("meeting")
    received = selectors_meetings.requests_received(registration=registration).select_related(
        "meeting"
    )
    return sorted([*sent, *received], key=lambda r: (r.created_at, r.pk), reverse=True)


@router.post(
    "/{slug}/meeting-requests",
    response={201: MeetingRequestOut, 422: dict},
    summary="Ask a participant for a meeting (asking back makes a mutual meeting)",
)
def request_create(request, slug: str, payload: MeetingRequestIn):
    event = _brokerage_event(request, slug)
    requester = _reader(request, event)
    receiver = Registration.objects.filter(event=event, pk=payload.receiver_id).first()
    if receiver is None:
        raise ValidationError({"receiver_id": ["No such participant in this event."]})
    created = services_meetings.meeting_request_create(
        user=request.auth, requester=requester, receiver=receiver, message=payload.message
    )
    return Status(201, created)


def _request(request, pk: int) -> MeetingRequest:
    meeting_request = get_object_or_404(
        MeetingRequest.objects.select_related("event", "requester", "receiver"), pk=pk
    )
    if not rules_brokerage.can_view_request(request.auth, meeting_request):
        raise Http404
    return meeting_request


@router.post(
    "/meeting-requests/{pk}/accept",
    response={200: MeetingRequestOut, 422: dict},
    summary="Accept a request sent to me",
)
def request_accept(request, pk: int):
    meeting_request = _request(request, pk)
    services_meetings.meeting_request_accept(user=request.auth, request=meeting_request)
    return MeetingRequest.objects.select_related("meeting").get(pk=pk)


@router.post(
    "/meeting-requests/{pk}/decline",
    response={200: MeetingRequestOut, 422: dict},
    summary="Decline a request sent to me, with a reason",
)
def request_decline(request, pk: int, payload: DeclineIn):
    meeting_request = _request(request, pk)
    return services_meetings.meeting_request_decline(
        user=request.auth, request=meeting_request, reason=payload.reason, text=payload.text
    )


@router.get("/{slug}/agenda", response=AgendaOut, summary="My agenda (once published)")
def my_agenda(request, slug: str):
    event = _brokerage_event(request, slug)
    registration = _reader(request, event)
    if not rules_brokerage.can_view_agenda(request.auth, registration):
        raise PermissionDenied
    return agenda_for_participant(registration=registration)
