"""Input and output of the meeting scheduler: plain, immutable dataclasses.

Identifiers of people and meetings are whatever the caller uses (database keys, strings);
the scheduler only hashes and compares them.
"""

from collections.abc import Hashable
from dataclasses import dataclass, field
from enum import StrEnum

PersonId = Hashable
MeetingId = Hashable


class SchedulingMode(StrEnum):
    # Every meeting may move, except the locked ones.
    ALL = "all"
    # Meetings that already have a placement (current or locked) stay; only the rest is placed.
    ONLY_UNSCHEDULED = "only_unscheduled"


@dataclass(frozen=True, kw_only=True, order=True)
class Placement:
    slot: int
    table: int


@dataclass(frozen=True, kw_only=True)
class Meeting:
    id: MeetingId
    person_a: PersonId
    person_b: PersonId
    # Both people asked for the meeting: it wins over a one-sided request when room is short.
    mutual: bool = False
    # Must be kept exactly as is, in every mode.
    locked: Placement | None = None
    # Where the meeting sits now (an earlier run); kept only in ONLY_UNSCHEDULED mode.
    current: Placement | None = None


@dataclass(frozen=True, kw_only=True)
class SchedulingProblem:
    people: tuple[PersonId, ...]
    # One entry per slot, in time order; consecutive indexes are adjacent slots.
    tables_per_slot: tuple[int, ...]
    meetings: tuple[Meeting, ...]
    unavailable: frozenset[tuple[PersonId, int]] = field(default_factory=frozenset)
    mode: SchedulingMode = SchedulingMode.ALL

    @property
    def slot_count(self) -> int:
        return len(self.tables_per_slot)


@dataclass(frozen=True, kw_only=True)
class ScheduleReport:
    method: str
    meeting_count: int
    scheduled_count: int
    scheduled_share: float
    mutual_count: int
    mutual_scheduled_count: int
    # No schedule can place more meetings than this (see bounds.py for how it is derived).
    upper_bound: int
    # Per person: empty slots between their first and last meeting, summed over people.
    idle_gaps: int
    people_with_meetings: int
    solve_seconds: float
    # True when the solver proved that no schedule scores better.
    proven_optimal: bool = False

    @property
    def idle_gaps_per_person(self) -> float:
        return self.idle_gaps / self.people_with_meetings if self.people_with_meetings else 0.0


@dataclass(frozen=True, kw_only=True)
class ScheduleResult:
    # Every meeting id of the problem; None means it could not be scheduled.
    placements: dict[MeetingId, Placement | None]
    report: ScheduleReport

    @property
    def unscheduled(self) -> list[MeetingId]:
        return [
            meeting_id for meeting_id, placement in self.placements.items() if placement is None
        ]
