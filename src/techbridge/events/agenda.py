"""Agenda data as plain dataclasses: the agenda page, the iCal export, the staff's table
sheets and (later) PDF documents all read these and nothing else."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Prefetch, Q

from techbridge.events.enums import Publication
from techbridge.events.models import Event, Meeting, MeetingFeedback, MeetingTable, Registration


@dataclass(frozen=True, kw_only=True)
class Person:
    registration_id: int
    name: str
    organisation: str = ""
    country: str = ""


@dataclass(frozen=True, kw_only=True)
class AgendaMeeting:
    meeting_id: int
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    table: str
    video_link: str
    counterpart: Person
    message: str
    mutual: bool
    requested_by_me: bool
    check_in: str
    # This participant's feedback outcome, once given.
    feedback: str = ""


@dataclass(frozen=True, kw_only=True)
class Agenda:
    event_id: int
    event_slug: str
    event_title: str
    time_zone: str
    publication: str
    participant: Person
    meetings: list[AgendaMeeting] = field(default_factory=list)
    # Accepted meetings the schedule has no place for (yet).
    unscheduled_count: int = 0

    @property
    def preliminary(self) -> bool:
        return self.publication != Publication.FINAL


@dataclass(frozen=True, kw_only=True)
class TableSheetRow:
    meeting_id: int | None
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    person_a: Person | None = None
    person_b: Person | None = None
    check_in: str = ""


@dataclass(frozen=True, kw_only=True)
class TableSheet:
    event_id: int
    event_title: str
    time_zone: str
    table_id: int
    table: str
    video_link: str
    # One row per slot of the event, empty where the table is free.
    rows: list[TableSheetRow] = field(default_factory=list)


def _person(registration: Registration) -> Person:
    profile = getattr(registration, "brokerage_profile", None)
    organisation = getattr(profile, "organisation", None)
    return Person(
        registration_id=registration.pk,
        name=registration.user.full_name,
        organisation=organisation.text_in("name").text if organisation else "",
        country=organisation.country if organisation else "",
    )


_MEETING_RELATIONS = (
    "request",
    "slot",
    "table",
    "person_a__user",
    "person_b__user",
    "person_a__brokerage_profile__organisation",
    "person_b__brokerage_profile__organisation",
)


def agenda_for_participant(*, registration: Registration) -> Agenda:
    """The participant's scheduled meetings in time order. Callers check who may read it
    (rules_brokerage.can_view_agenda)."""
    event = registration.event
    meetings = (
        Meeting.objects.filter(Q(person_a=registration) | Q(person_b=registration))
        .select_related(*_MEETING_RELATIONS)
        .prefetch_related(
            Prefetch(
                "feedback",
                queryset=MeetingFeedback.objects.filter(registration=registration),
                to_attr="own_feedback",
            )
        )
        .order_by("slot__starts_at", "pk")
    )
    scheduled, unscheduled = [], 0
    for meeting in meetings:
        if meeting.slot is None or meeting.table is None:
            unscheduled += 1
            continue
        mine_a = meeting.person_a_id == registration.pk
        counterpart = meeting.person_b if mine_a else meeting.person_a
        scheduled.append(
            AgendaMeeting(
                meeting_id=meeting.pk,
                starts_at=meeting.slot.starts_at,
                ends_at=meeting.slot.ends_at,
                table=meeting.table.label,
                video_link=meeting.table.video_link,
                counterpart=_person(counterpart),
                message=meeting.request.message,
                mutual=meeting.mutual,
                requested_by_me=mine_a,
                check_in=meeting.check_in,
                feedback=meeting.own_feedback[0].outcome if meeting.own_feedback else "",
            )
        )
    brokerage = event.brokerage
    return Agenda(
        event_id=event.pk,
        event_slug=event.slug,
        event_title=event.text_in("title").text,
        time_zone=event.time_zone,
        publication=brokerage.publication,
        participant=_person(
            Registration.objects.select_related("user", "brokerage_profile__organisation").get(
                pk=registration.pk
            )
        ),
        meetings=scheduled,
        unscheduled_count=unscheduled,
    )


def table_sheet(*, event: Event, table: MeetingTable) -> TableSheet:
    """Every slot of the event with the meeting at this table, for staff at the table."""
    at_table = {
        meeting.slot_id: meeting
        for meeting in Meeting.objects.filter(table=table, slot__isnull=False).select_related(
            *_MEETING_RELATIONS
        )
    }
    rows = []
    for slot in event.meeting_slots.all():
        meeting = at_table.get(slot.pk)
        rows.append(
            TableSheetRow(
                meeting_id=meeting.pk if meeting else None,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                person_a=_person(meeting.person_a) if meeting else None,
                person_b=_person(meeting.person_b) if meeting else None,
                check_in=meeting.check_in if meeting else "",
            )
        )
    return TableSheet(
        event_id=event.pk,
        event_title=event.text_in("title").text,
        time_zone=event.time_zone,
        table_id=table.pk,
        table=table.label,
        video_link=table.video_link,
        rows=rows,
    )
