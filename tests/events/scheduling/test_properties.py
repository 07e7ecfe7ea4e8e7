"""Random small instances: hard constraints always hold, never worse than greedy, never
above the upper bound, and on tiny ones exactly as good as trying every schedule."""

import itertools
from collections import defaultdict

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techbridge.events.scheduling import (
    Meeting,
    Placement,
    ScheduleResult,
    SchedulingMode,
    SchedulingProblem,
    schedule_greedily,
    schedule_meetings,
)

PROPERTY_SETTINGS = settings(
    max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
TIME_LIMIT = 1.0


@st.composite
def problems(draw, *, max_people: int = 7, max_slots: int = 5, max_meetings: int = 14):
    """Consistent instances: fixed placements (locked or current) never clash."""
    people_count = draw(st.integers(2, max_people))
    slot_count = draw(st.integers(1, max_slots))
    tables = tuple(draw(st.lists(st.integers(0, 3), min_size=slot_count, max_size=slot_count)))
    person = st.integers(0, people_count - 1)
    pairs = []
    for _ in range(draw(st.integers(max_meetings // 3, max_meetings))):
        a = draw(person)
        b = draw(st.integers(0, people_count - 2))
        pairs.append((a, b + 1 if b >= a else b))
    unavailable = draw(st.frozensets(st.tuples(person, st.integers(0, slot_count - 1))))
    mode = draw(st.sampled_from(list(SchedulingMode)))
    busy: set[tuple[int, int]] = set()
    used_tables: set[tuple[int, int]] = set()
    meetings = []
    for index, (a, b) in enumerate(pairs):
        kind = draw(st.sampled_from(["free", "free", "locked", "current"]))
        placement = None
        if kind != "free":
            slot = draw(st.integers(0, slot_count - 1))
            table = next((t for t in range(tables[slot]) if (slot, t) not in used_tables), None)
            clash = {(a, slot), (b, slot)} & (busy | unavailable)
            if table is not None and not clash:
                placement = Placement(slot=slot, table=table)
                busy |= {(a, slot), (b, slot)}
                used_tables.add((slot, table))
        meetings.append(
            Meeting(
                id=f"m{index}",
                person_a=a,
                person_b=b,
                mutual=draw(st.booleans()),
                locked=placement if kind == "locked" else None,
                current=placement if kind == "current" else None,
            )
        )
    return SchedulingProblem(
        people=tuple(range(people_count)),
        tables_per_slot=tables,
        meetings=tuple(meetings),
        unavailable=unavailable,
        mode=mode,
    )


def fixed_placement(problem: SchedulingProblem, meeting: Meeting) -> Placement | None:
    if meeting.locked is not None:
        return meeting.locked
    if problem.mode == SchedulingMode.ONLY_UNSCHEDULED:
        return meeting.current
    return None


def assert_schedule_is_valid(problem: SchedulingProblem, result: ScheduleResult) -> None:
    """Every hard constraint, checked from the outside on the public result."""
    assert set(result.placements) == {m.id for m in problem.meetings}
    people_in_slot: dict[int, list] = defaultdict(list)
    tables_in_slot: dict[int, list[int]] = defaultdict(list)
    for meeting in problem.meetings:
        placement = result.placements[meeting.id]
        fixed = fixed_placement(problem, meeting)
        if fixed is not None:
            assert placement == fixed
        if placement is None:
            continue
        assert 0 <= placement.slot < problem.slot_count
        assert 0 <= placement.table < problem.tables_per_slot[placement.slot]
        assert (meeting.person_a, placement.slot) not in problem.unavailable
        assert (meeting.person_b, placement.slot) not in problem.unavailable
        people_in_slot[placement.slot] += [meeting.person_a, meeting.person_b]
        tables_in_slot[placement.slot].append(placement.table)
    for people in people_in_slot.values():
        assert len(people) == len(set(people))
    for tables in tables_in_slot.values():
        assert len(tables) == len(set(tables))
    placed = sum(1 for p in result.placements.values() if p is not None)
    assert result.report.scheduled_count == placed
    assert placed <= result.report.upper_bound


def score(problem: SchedulingProblem, slot_of: dict) -> tuple[int, int, int]:
    """(scheduled, mutual scheduled, -idle gaps): the order the optimiser promises."""
    busy: dict = defaultdict(list)
    scheduled = mutual = 0
    for meeting in problem.meetings:
        slot = slot_of[meeting.id]
        if slot is None:
            continue
        scheduled += 1
        mutual += meeting.mutual
        busy[meeting.person_a].append(slot)
        busy[meeting.person_b].append(slot)
    gaps = sum(max(s) - min(s) + 1 - len(s) for s in busy.values())
    return scheduled, mutual, -gaps


def result_score(problem: SchedulingProblem, result: ScheduleResult) -> tuple[int, int, int]:
    slots = {k: (p.slot if p else None) for k, p in result.placements.items()}
    return score(problem, slots)


@PROPERTY_SETTINGS
@given(problem=problems())
def test_optimiser_keeps_every_hard_constraint_and_beats_greedy(problem):
    greedy = schedule_greedily(problem=problem)
    result = schedule_meetings(problem=problem, time_limit_seconds=TIME_LIMIT, seed=1)

    assert_schedule_is_valid(problem, greedy)
    assert_schedule_is_valid(problem, result)
    assert result.report.scheduled_count >= greedy.report.scheduled_count
    assert result_score(problem, result) >= result_score(problem, greedy)
    assert result.report.idle_gaps == -result_score(problem, result)[2]


@PROPERTY_SETTINGS
@given(problem=problems(max_people=5, max_slots=3, max_meetings=5))
def test_optimiser_matches_brute_force_on_tiny_instances(problem):
    options = [
        [fixed.slot]
        if (fixed := fixed_placement(problem, m))
        else [None, *range(problem.slot_count)]
        for m in problem.meetings
    ]
    best = None
    for choice in itertools.product(*options):
        slot_of = {m.id: slot for m, slot in zip(problem.meetings, choice, strict=True)}
        if feasible(problem, slot_of):
            candidate = score(problem, slot_of)
            best = candidate if best is None or candidate > best else best

    result = schedule_meetings(problem=problem, time_limit_seconds=TIME_LIMIT, seed=2)

    assert_schedule_is_valid(problem, result)
    assert result_score(problem, result) == best


def feasible(problem: SchedulingProblem, slot_of: dict) -> bool:
    per_slot: dict[int, int] = defaultdict(int)
    seen: set = set()
    for meeting in problem.meetings:
        slot = slot_of[meeting.id]
        if slot is None:
            continue
        per_slot[slot] += 1
        for person in (meeting.person_a, meeting.person_b):
            if (person, slot) in problem.unavailable or (person, slot) in seen:
                return False
            seen.add((person, slot))
    return all(count <= problem.tables_per_slot[slot] for slot, count in per_slot.items())


@PROPERTY_SETTINGS
@given(
    problem=problems(),
    locks=st.lists(st.tuples(st.integers(0, 11), st.integers(0, 4), st.integers(0, 3))),
)
def test_arbitrary_locks_are_kept_or_rejected_with_a_value_error(problem, locks):
    meetings = list(problem.meetings)
    for index, slot, table in locks:
        if index < len(meetings) and slot < problem.slot_count:
            meetings[index] = Meeting(
                id=meetings[index].id,
                person_a=meetings[index].person_a,
                person_b=meetings[index].person_b,
                mutual=meetings[index].mutual,
                locked=Placement(slot=slot, table=table),
            )
    locked_problem = SchedulingProblem(
        people=problem.people,
        tables_per_slot=problem.tables_per_slot,
        meetings=tuple(meetings),
        unavailable=problem.unavailable,
        mode=problem.mode,
    )

    try:
        result = schedule_meetings(problem=locked_problem, time_limit_seconds=TIME_LIMIT)
    except ValueError as error:
        assert "Meeting" in str(error)
    else:
        assert_schedule_is_valid(locked_problem, result)
