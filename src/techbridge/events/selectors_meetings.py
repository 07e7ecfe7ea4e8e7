"""Reads for meeting requests and meetings."""

from django.db.models import Q, QuerySet

from techbridge.events.models import Meeting, MeetingRequest, Registration

_PEOPLE = ("requester__user", "receiver__user")
_ORGANISATIONS = (
    "requester__brokerage_profile__organisation",
    "receiver__brokerage_profile__organisation",
)


def requests_received(*, registration: Registration) -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.filter(receiver=registration).select_related(
        *_PEOPLE, *_ORGANISATIONS
    )


def requests_sent(*, registration: Registration) -> QuerySet[MeetingRequest]:
    return MeetingRequest.objects.filter(requester=registration).select_related(
        *_PEOPLE, *_ORGANISATIONS
    )


def meetings_of(*, registration: Registration) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(Q(person_a=registration) | Q(person_b=registration))
        .select_related(
            "request",
            "slot",
            "table",
            "person_a__user",
            "person_b__user",
            "person_a__brokerage_profile__organisation",
            "person_b__brokerage_profile__organisation",
        )
        .order_by("slot__starts_at", "pk")
    )


def event_meetings(*, event) -> QuerySet[Meeting]:
    return (
        Meeting.objects.filter(event=event)
        .select_related(
            "slot",
            "table",
            "person_a__user",
            "person_b__user",
            "person_a__brokerage_profile__organisation",
            "person_b__brokerage_profile__organisation",
        )
        .order_by("slot__starts_at", "table__position", "pk")
    )
