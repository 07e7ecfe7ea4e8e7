"""Scoring a slot assignment, numbering tables, and turning it into a ScheduleResult."""

from dataclasses import dataclass

from techbridge.events.scheduling.instance import UNPLACED, Instance
from techbridge.events.scheduling.model import Placement, ScheduleReport, ScheduleResult


@dataclass(frozen=True, kw_only=True, order=True)
class Score:
    """Compared lexicographically: more meetings, then more mutual ones, then fewer gaps.

    Counting meetings first means a mutual meeting never costs another meeting its place,
    so the optimiser can never schedule fewer meetings than the greedy baseline.
    """

    scheduled: int
    mutual: int
    negative_gaps: int

    @property
    def idle_gaps(self) -> int:
        return -self.negative_gaps


def idle_gaps_of(instance: Instance, slot_of: list[int]) -> tuple[int, int]:
    """Total idle gaps, and how many people have at least one meeting."""
    first = [instance.slot_count] * instance.person_count
    last = [-1] * instance.person_count
    count = [0] * instance.person_count
    for m, slot in enumerate(slot_of):
        if slot == UNPLACED:
            continue
        for person in (instance.person_a[m], instance.person_b[m]):
            count[person] += 1
            first[person] = min(first[person], slot)
            last[person] = max(last[person], slot)
    gaps = sum(last[p] - first[p] + 1 - count[p] for p in range(instance.person_count) if count[p])
    return gaps, sum(1 for n in count if n)


def score_of(instance: Instance, slot_of: list[int]) -> Score:
    scheduled = sum(1 for slot in slot_of if slot != UNPLACED)
    mutual = sum(1 for m, slot in enumerate(slot_of) if slot != UNPLACED and instance.mutual[m])
    gaps, _ = idle_gaps_of(instance, slot_of)
    return Score(scheduled=scheduled, mutual=mutual, negative_gaps=-gaps)


def assign_tables(instance: Instance, slot_of: list[int]) -> list[int]:
    """Fixed meetings keep their table; the others take the lowest free numbers in order."""
    tables = [UNPLACED] * instance.meeting_count
    taken: list[set[int]] = [set() for _ in range(instance.slot_count)]
    for m, table in enumerate(instance.fixed_table):
        if table != UNPLACED:
            tables[m] = table
            taken[instance.fixed_slot[m]].add(table)
    next_free = [0] * instance.slot_count
    for m, slot in enumerate(slot_of):
        if slot == UNPLACED or tables[m] != UNPLACED:
            continue
        table = next_free[slot]
        while table in taken[slot]:
            table += 1
        if table >= instance.capacity[slot]:
            raise AssertionError(f"slot {slot} holds more meetings than tables")
        tables[m] = table
        next_free[slot] = table + 1
    return tables


def build_result(
    *,
    instance: Instance,
    slot_of: list[int],
    method: str,
    upper_bound: int,
    solve_seconds: float,
    proven_optimal: bool = False,
) -> ScheduleResult:
    tables = assign_tables(instance, slot_of)
    meetings = instance.problem.meetings
    placements: dict = {}
    for m, slot in enumerate(slot_of):
        placements[meetings[m].id] = (
            None if slot == UNPLACED else Placement(slot=slot, table=tables[m])
        )
    score = score_of(instance, slot_of)
    _, people_with_meetings = idle_gaps_of(instance, slot_of)
    meeting_count = instance.meeting_count
    report = ScheduleReport(
        method=method,
        meeting_count=meeting_count,
        scheduled_count=score.scheduled,
        scheduled_share=score.scheduled / meeting_count if meeting_count else 1.0,
        mutual_count=sum(instance.mutual),
        mutual_scheduled_count=score.mutual,
        upper_bound=upper_bound,
        idle_gaps=score.idle_gaps,
        people_with_meetings=people_with_meetings,
        solve_seconds=solve_seconds,
        proven_optimal=proven_optimal,
    )
    return ScheduleResult(placements=placements, report=report)
