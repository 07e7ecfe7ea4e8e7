"""Scheduling accepted meetings with the pure scheduler (events/scheduling), by hand
(lock, move), and publishing the schedule (draft → preliminary → final)."""

import logging
from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from techbridge.accounts.models import User
from techbridge.events import rules
from techbridge.events.enums import Attendance, Publication, ScheduleRunStatus
from techbridge.events.models import (
    Brokerage,
    BrokerageProfile,
    Event,
    Meeting,
    MeetingSlot,
    MeetingTable,
    ScheduleRun,
)
from techbridge.events.scheduling import (
    Meeting as SchedulerMeeting,
)
from techbridge.events.scheduling import (
    Placement,
    SchedulingMode,
    SchedulingProblem,
    schedule_in_rooms,
    schedule_meetings,
)

logger = logging.getLogger(__name__)

# The scheduler stops improving after this long; small events finish much sooner.
TIME_LIMIT_SECONDS = 8.0
PUBLICATION_ORDER = [Publication.DRAFT, Publication.PRELIMINARY, Publication.FINAL]


def _staff_only(user: User) -> None:
    if not rules.can_manage_events(user):
        raise PermissionDenied


@transaction.atomic
def schedule_run_start(*, user: User, event: Event, only_unscheduled: bool) -> ScheduleRun:
    """Records a run and queues it for the worker, in the same transaction."""
    from techbridge.events.tasks import schedule_run

    _staff_only(user)
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not hasattr(event, "brokerage"):
        raise ValidationError(_("Set up the brokerage of this event first."))
    if not event.meeting_slots.exists() or not event.meeting_tables.exists():
        raise ValidationError(_("Add meeting slots and tables first."))
    active = [ScheduleRunStatus.QUEUED, ScheduleRunStatus.RUNNING]
    if event.schedule_runs.filter(status__in=active).exists():
        raise ValidationError(_("A scheduling run is already under way."))
    run = ScheduleRun.objects.create(
        event=event, only_unscheduled=only_unscheduled, created_by=user
    )
    schedule_run.enqueue(run_id=run.pk)
    return run


@dataclass(frozen=True)
class _Day:
    """What every scheduling problem of one run shares: the slots, the people and when they
    cannot meet."""

    slots: list
    slot_index: dict
    people: tuple
    unavailable: frozenset


def _day(event: Event, meetings: list) -> _Day:
    slots = list(event.meeting_slots.all())
    slot_index = {slot.pk: i for i, slot in enumerate(slots)}
    people = tuple(sorted({p for m in meetings for p in (m.person_a_id, m.person_b_id)}))
    unavailable = frozenset(
        (registration_id, slot_index[slot_id])
        for registration_id, slot_id in BrokerageProfile.unavailable_slots.through.objects.filter(
            brokerageprofile__registration_id__in=people
        ).values_list("brokerageprofile__registration_id", "meetingslot_id")
        if slot_id in slot_index
    )
    return _Day(slots=slots, slot_index=slot_index, people=people, unavailable=unavailable)


def _problem(day: _Day, meetings: list, tables: list, *, only_unscheduled: bool):
    """The scheduler's view of some meetings and tables: slots and tables become indexes."""
    table_index = {table.pk: i for i, table in enumerate(tables)}
    scheduler_meetings = []
    for meeting in meetings:
        placement = None
        if meeting.slot_id in day.slot_index and meeting.table_id in table_index:
            placement = Placement(
                slot=day.slot_index[meeting.slot_id], table=table_index[meeting.table_id]
            )
        scheduler_meetings.append(
            SchedulerMeeting(
                id=meeting.pk,
                person_a=meeting.person_a_id,
                person_b=meeting.person_b_id,
                mutual=meeting.mutual,
                locked=placement if meeting.locked else None,
                current=None if meeting.locked else placement,
            )
        )
    return SchedulingProblem(
        people=day.people,
        tables_per_slot=tuple(len(tables) for _slot in day.slots),
        meetings=tuple(scheduler_meetings),
        unavailable=day.unavailable,
        mode=SchedulingMode.ONLY_UNSCHEDULED if only_unscheduled else SchedulingMode.ALL,
    )


def _is_online(meeting: Meeting) -> bool:
    return Attendance.ONLINE in (meeting.person_a.attendance, meeting.person_b.attendance)


def _solve(event: Event, run: ScheduleRun, time_limit_seconds: float):
    """[(problem, placements, tables by index)] and the report. With both physical tables and
    online rooms, a meeting with someone online goes to an online room; otherwise every
    meeting may use every table (an event of one kind, or a laptop at the table)."""
    meetings = list(event.meetings.select_related("person_a", "person_b"))
    tables = list(event.meeting_tables.all())
    rooms = [table for table in tables if table.is_online]
    physical = [table for table in tables if not table.is_online]
    only = run.only_unscheduled
    day = _day(event, meetings)
    slots = dict(enumerate(day.slots))
    if not rooms or not physical:
        problem = _problem(day, meetings, tables, only_unscheduled=only)
        result = schedule_meetings(
            problem=problem,
            time_limit_seconds=time_limit_seconds,
            seed=run.pk,
            on_progress=_save_progress(run.pk),
        )
        return [(problem, result.placements, dict(enumerate(tables)))], slots, result.report
    online = [m for m in meetings if _is_online(m)]
    on_site = [m for m in meetings if not _is_online(m)]
    tables_problem = _problem(day, on_site, physical, only_unscheduled=only)
    online_problem = _problem(day, online, rooms, only_unscheduled=only)
    result = schedule_in_rooms(
        tables=tables_problem,
        online=online_problem,
        time_limit_seconds=time_limit_seconds,
        seed=run.pk,
        on_progress=_save_progress(run.pk),
    )
    parts = [
        (tables_problem, result.tables, dict(enumerate(physical))),
        (online_problem, result.online, dict(enumerate(rooms))),
    ]
    return parts, slots, result.report


def _save_progress(run_id: int):
    def report(fraction: float, stage: str) -> None:
        ScheduleRun.objects.filter(pk=run_id).update(progress=fraction, stage=stage[:120])

    return report


def _fail(run: ScheduleRun, message: str) -> ScheduleRun:
    run.status = ScheduleRunStatus.FAILED
    run.error = message
    run.finished_at = timezone.now()
    run.save(update_fields=["status", "error", "finished_at"])
    return run


def schedule_run_execute(*, run_id: int, time_limit_seconds: float = TIME_LIMIT_SECONDS):
    """Runs in the worker, outside a transaction so the page can poll the progress."""
    run = ScheduleRun.objects.select_related("event").get(pk=run_id)
    if run.status != ScheduleRunStatus.QUEUED:
        return run
    run.status = ScheduleRunStatus.RUNNING
    run.save(update_fields=["status"])
    event = run.event
    try:
        parts, slots, report = _solve(event, run, time_limit_seconds)
    except ValueError as error:  # fixed placements contradict each other
        return _fail(run, str(error))
    try:
        _apply(event, parts, slots)
    except IntegrityError:
        logger.warning("schedule run %s: meetings changed while it ran", run.pk)
        return _fail(run, _("Meetings were moved while the scheduler ran: run it again."))
    run.status = ScheduleRunStatus.DONE
    run.progress = 1.0
    run.meeting_count = report.meeting_count
    run.scheduled_count = report.scheduled_count
    run.scheduled_share = report.scheduled_share
    run.upper_bound = report.upper_bound
    run.idle_gaps = report.idle_gaps
    run.solve_seconds = report.solve_seconds
    run.method = report.method
    run.finished_at = timezone.now()
    run.save()
    return run


@transaction.atomic
def _apply(event: Event, parts: list, slots: dict) -> None:
    Event.objects.select_for_update().filter(pk=event.pk).first()
    was_locked = {m.id for problem, _p, _t in parts for m in problem.meetings if m.locked}
    placements = {}
    table_of = {}
    for _kind_problem, placed, tables in parts:
        placements.update(placed)
        table_of.update({meeting_id: tables for meeting_id in placed})
    current = {
        m.pk: m
        for m in event.meetings.filter(pk__in=list(placements)).exclude(
            Q(locked=True) | Q(pk__in=was_locked)
        )
    }
    # Free every place first, so moving meetings never collide with their old places.
    Meeting.objects.filter(pk__in=list(current)).update(slot=None, table=None)
    changed = []
    for meeting_id, placement in placements.items():
        meeting = current.get(meeting_id)
        if meeting is None:
            continue
        meeting.slot = slots[placement.slot] if placement else None
        meeting.table = table_of[meeting_id][placement.table] if placement else None
        changed.append(meeting)
    with transaction.atomic():
        Meeting.objects.bulk_update(changed, ["slot", "table"])


@transaction.atomic
def meeting_lock(*, user: User, meeting: Meeting, locked: bool) -> Meeting:
    _staff_only(user)
    if locked and not meeting.is_scheduled:
        raise ValidationError(_("Only a scheduled meeting can be locked."))
    meeting.locked = locked
    meeting.save(update_fields=["locked"])
    return meeting


@transaction.atomic
def meeting_move(
    *, user: User, meeting: Meeting, slot: MeetingSlot, table: MeetingTable
) -> Meeting:
    """Moves a meeting by hand and locks it there, so later runs keep it."""
    _staff_only(user)
    Event.objects.select_for_update().filter(pk=meeting.event_id).first()
    errors = {}
    if slot.event_id != meeting.event_id:
        errors["slot"] = [_("Choose a slot of this event.")]
    if table.event_id != meeting.event_id:
        errors["table"] = [_("Choose a table of this event.")]
    if errors:
        raise ValidationError(errors)
    others = Meeting.objects.filter(slot=slot).exclude(pk=meeting.pk)
    if others.filter(table=table).exists():
        errors["table"] = [_("Another meeting is at this table in this slot.")]
    people = [meeting.person_a_id, meeting.person_b_id]
    if others.filter(Q(person_a_id__in=people) | Q(person_b_id__in=people)).exists():
        errors["slot"] = [_("One of the participants has another meeting in this slot.")]
    elif BrokerageProfile.objects.filter(
        registration_id__in=people, unavailable_slots=slot
    ).exists():
        errors["slot"] = [_("One of the participants cannot attend this slot.")]
    if errors:
        raise ValidationError(errors)
    meeting.slot, meeting.table, meeting.locked = slot, table, True
    meeting.save(update_fields=["slot", "table", "locked"])
    return meeting


@transaction.atomic
def schedule_publish(*, user: User, event: Event, publication: str) -> Brokerage:
    """Publishes the schedule as preliminary or final; final e-mails every participant
    with a scheduled meeting (in the worker)."""
    from techbridge.events.tasks import agenda_final_notify

    _staff_only(user)
    brokerage = Brokerage.objects.select_for_update().get(event=event)
    if publication not in PUBLICATION_ORDER:
        raise ValidationError({"publication": [_("Choose preliminary or final.")]})
    if PUBLICATION_ORDER.index(publication) <= PUBLICATION_ORDER.index(brokerage.publication):
        raise ValidationError({"publication": [_("The schedule is already published so far.")]})
    brokerage.publication = publication
    brokerage.published_at = timezone.now()
    brokerage.save(update_fields=["publication", "published_at"])
    if publication == Publication.FINAL:
        agenda_final_notify.enqueue(event_id=event.pk)
    return brokerage


def agenda_final_mail(*, event_id: int) -> int:
    """E-mails each participant with a scheduled meeting that the final agenda is out, in
    their language; the worker sends the messages. Returns how many were queued."""
    from django.conf import settings
    from django.urls import reverse

    from techbridge.core.mail import email_enqueue
    from techbridge.events.models import Registration

    event = Event.objects.get(pk=event_id)
    link = settings.SITE_URL + reverse("events:agenda", kwargs={"slug": event.slug})
    people = (
        Registration.objects.filter(
            Q(meetings_as_a__slot__isnull=False) | Q(meetings_as_b__slot__isnull=False),
            event=event,
        )
        .select_related("user")
        .distinct()
    )
    sent = 0
    with transaction.atomic():
        for registration in people:
            count = Meeting.objects.filter(
                Q(person_a=registration) | Q(person_b=registration), slot__isnull=False
            ).count()
            email_enqueue(
                to=registration.user.email,
                template="agenda_final",
                context={"event": event.title, "count": count, "link": link},
                language=registration.user.preferred_language,
            )
            sent += 1
    return sent
