"""Fixed placements that cannot all hold, and malformed input: a ValueError that names
the meetings involved, before any search starts."""

import pytest

from techbridge.events.scheduling import (
    Meeting,
    Placement,
    SchedulingMode,
    SchedulingProblem,
    schedule_greedily,
    schedule_meetings,
)

QUICK = 2.0


def make_problem(
    *,
    slots: int,
    meetings: list[Meeting],
    tables: int = 10,
    unavailable: set[tuple[str, int]] | None = None,
    mode: SchedulingMode = SchedulingMode.ALL,
) -> SchedulingProblem:
    people = {m.person_a for m in meetings} | {m.person_b for m in meetings}
    return SchedulingProblem(
        people=tuple(sorted(people)),
        tables_per_slot=(tables,) * slots,
        meetings=tuple(meetings),
        unavailable=frozenset(unavailable or ()),
        mode=mode,
    )


def test_two_locked_meetings_of_one_person_in_one_slot_raise_naming_both():
    meetings = [
        Meeting(id="m1", person_a="A", person_b="B", locked=Placement(slot=1, table=0)),
        Meeting(id="m2", person_a="C", person_b="A", locked=Placement(slot=1, table=1)),
    ]
    problem = make_problem(slots=2, meetings=meetings)

    with pytest.raises(ValueError, match=r"'m1' and 'm2' are both fixed in slot 1 .* 'A'"):
        schedule_meetings(problem=problem, time_limit_seconds=QUICK)


def test_lock_in_an_unavailable_slot_raises_naming_the_meeting():
    meetings = [Meeting(id="m7", person_a="A", person_b="B", locked=Placement(slot=0, table=0))]
    problem = make_problem(slots=2, meetings=meetings, unavailable={("B", 0)})

    with pytest.raises(ValueError, match=r"'m7' is fixed in slot 0, where 'B' is unavailable"):
        schedule_meetings(problem=problem, time_limit_seconds=QUICK)


def test_two_locks_on_one_table_raise_naming_both():
    meetings = [
        Meeting(id="m1", person_a="A", person_b="B", locked=Placement(slot=0, table=0)),
        Meeting(id="m2", person_a="C", person_b="D", locked=Placement(slot=0, table=0)),
    ]
    problem = make_problem(slots=1, meetings=meetings)

    with pytest.raises(ValueError, match=r"'m1' and 'm2' are both fixed at table 0 of slot 0"):
        schedule_greedily(problem=problem)


def test_lock_beyond_the_tables_of_its_slot_raises():
    meetings = [Meeting(id="m1", person_a="A", person_b="B", locked=Placement(slot=0, table=3))]
    problem = make_problem(slots=1, tables=3, meetings=meetings)

    with pytest.raises(ValueError, match=r"'m1' is fixed at table 3 of slot 0, which has only 3"):
        schedule_meetings(problem=problem, time_limit_seconds=QUICK)


def test_current_placement_in_only_unscheduled_mode_is_checked_like_a_lock():
    meetings = [Meeting(id="m1", person_a="A", person_b="B", current=Placement(slot=1, table=0))]
    problem = make_problem(
        slots=2, meetings=meetings, unavailable={("A", 1)}, mode=SchedulingMode.ONLY_UNSCHEDULED
    )

    with pytest.raises(ValueError, match=r"'m1' is fixed in slot 1, where 'A' is unavailable"):
        schedule_meetings(problem=problem, time_limit_seconds=QUICK)


def test_unknown_person_raises_naming_the_meeting():
    problem = SchedulingProblem(
        people=("A",),
        tables_per_slot=(1,),
        meetings=(Meeting(id="m1", person_a="A", person_b="Z"),),
    )

    with pytest.raises(ValueError, match=r"Meeting 'm1' names unknown person 'Z'"):
        schedule_meetings(problem=problem)


def test_lock_and_current_placement_that_disagree_raise_in_only_unscheduled_mode():
    meetings = [
        Meeting(
            id="m1",
            person_a="A",
            person_b="B",
            locked=Placement(slot=0, table=0),
            current=Placement(slot=1, table=0),
        )
    ]
    problem = make_problem(slots=2, meetings=meetings, mode=SchedulingMode.ONLY_UNSCHEDULED)

    with pytest.raises(ValueError, match=r"Meeting 'm1' is locked at .* but currently placed"):
        schedule_meetings(problem=problem, time_limit_seconds=QUICK)
