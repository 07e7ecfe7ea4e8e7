"""Events with both kinds of room: meetings where someone attends online go to online rooms
(video links), the others to physical tables. One person still sits in one meeting per slot.

The two kinds are solved one after the other with schedule_meetings: tables first (their
participants are on site), then online rooms around the slots those people are already
busy in. The upper bound is the sum of each kind's bound without that coupling, which no
joint schedule can beat either."""

import dataclasses
from dataclasses import dataclass

from techbridge.events.scheduling.model import (
    MeetingId,
    Placement,
    ScheduleReport,
    SchedulingMode,
    SchedulingProblem,
)
from techbridge.events.scheduling.solver import schedule_meetings, upper_bound


@dataclass(frozen=True, kw_only=True)
class RoomsResult:
    # Table indexes refer to each kind's own tables.
    tables: dict[MeetingId, Placement | None]
    online: dict[MeetingId, Placement | None]
    report: ScheduleReport


def _fixed(problem: SchedulingProblem) -> frozenset:
    """(person, slot) pairs a problem's meetings hold whatever the other kind does."""
    busy = set()
    for meeting in problem.meetings:
        placement = meeting.locked
        if placement is None and problem.mode == SchedulingMode.ONLY_UNSCHEDULED:
            placement = meeting.current
        if placement is not None:
            busy.update({(meeting.person_a, placement.slot), (meeting.person_b, placement.slot)})
    return frozenset(busy)


def _busy(problem: SchedulingProblem, placements: dict) -> frozenset:
    return frozenset(
        (person, placement.slot)
        for meeting in problem.meetings
        if (placement := placements.get(meeting.id)) is not None
        for person in (meeting.person_a, meeting.person_b)
    )


def _idle_gaps(problems, placements) -> tuple[int, int]:
    slots_of: dict = {}
    for problem, placed in zip(problems, placements, strict=True):
        for meeting in problem.meetings:
            if (placement := placed.get(meeting.id)) is not None:
                for person in (meeting.person_a, meeting.person_b):
                    slots_of.setdefault(person, []).append(placement.slot)
    gaps = sum(max(slots) - min(slots) + 1 - len(slots) for slots in slots_of.values())
    return gaps, len(slots_of)


def schedule_in_rooms(
    *,
    tables: SchedulingProblem,
    online: SchedulingProblem,
    time_limit_seconds: float,
    seed: int = 0,
    num_workers: int = 2,
    on_progress=None,
) -> RoomsResult:
    """`tables` and `online` share people and slots; each holds its own meetings and rooms."""
    if tables.slot_count != online.slot_count:
        raise ValueError("both kinds of room must have the same slots")
    total = len(tables.meetings) + len(online.meetings)
    first_share = len(tables.meetings) / total if total else 0.5

    def progress(offset: float, share: float):
        if on_progress is None:
            return None
        return lambda fraction, stage: on_progress(offset + share * fraction, stage)

    first_problem = dataclasses.replace(tables, unavailable=tables.unavailable | _fixed(online))
    first = schedule_meetings(
        problem=first_problem,
        time_limit_seconds=max(time_limit_seconds * first_share, 0.5),
        seed=seed,
        num_workers=num_workers,
        on_progress=progress(0.0, first_share),
    )
    second_problem = dataclasses.replace(
        online, unavailable=online.unavailable | _busy(tables, first.placements)
    )
    second = schedule_meetings(
        problem=second_problem,
        time_limit_seconds=max(time_limit_seconds * (1 - first_share), 0.5),
        seed=seed,
        num_workers=num_workers,
        on_progress=progress(first_share, 1 - first_share),
    )
    reports = (first.report, second.report)
    scheduled = sum(r.scheduled_count for r in reports)
    gaps, people = _idle_gaps((tables, online), (first.placements, second.placements))
    report = ScheduleReport(
        method=f"{first.report.method} + {second.report.method}",
        meeting_count=total,
        scheduled_count=scheduled,
        scheduled_share=scheduled / total if total else 1.0,
        mutual_count=sum(r.mutual_count for r in reports),
        mutual_scheduled_count=sum(r.mutual_scheduled_count for r in reports),
        upper_bound=upper_bound(problem=tables) + upper_bound(problem=online),
        idle_gaps=gaps,
        people_with_meetings=people,
        solve_seconds=sum(r.solve_seconds for r in reports),
    )
    return RoomsResult(tables=first.placements, online=second.placements, report=report)
