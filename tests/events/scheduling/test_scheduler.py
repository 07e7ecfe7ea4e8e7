"""Hand-made instances whose optimum is known."""

import subprocess
import sys

import pytest

from techbridge.events.scheduling import (
    Meeting,
    Placement,
    SchedulingMode,
    SchedulingProblem,
    schedule_greedily,
    schedule_meetings,
    upper_bound,
)

QUICK = 2.0


def make_problem(
    *,
    slots: int,
    meetings: list[Meeting],
    tables: int | tuple[int, ...] = 10,
    unavailable: set[tuple[str, int]] | None = None,
    mode: SchedulingMode = SchedulingMode.ALL,
    extra_people: tuple[str, ...] = (),
) -> SchedulingProblem:
    people = {m.person_a for m in meetings} | {m.person_b for m in meetings} | set(extra_people)
    return SchedulingProblem(
        people=tuple(sorted(people)),
        tables_per_slot=tables if isinstance(tables, tuple) else (tables,) * slots,
        meetings=tuple(meetings),
        unavailable=frozenset(unavailable or ()),
        mode=mode,
    )


def test_locked_meeting_keeps_its_slot_and_table():
    meetings = [
        Meeting(id="locked", person_a="A", person_b="B", locked=Placement(slot=2, table=1)),
        Meeting(id="free", person_a="A", person_b="C"),
    ]
    problem = make_problem(slots=3, tables=2, meetings=meetings)

    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert result.placements["locked"] == Placement(slot=2, table=1)
    # A's other meeting sits next to the locked one: no idle gap.
    assert result.placements["free"] == Placement(slot=1, table=0)
    assert result.report.idle_gaps == 0


def test_locked_table_is_not_given_to_another_meeting():
    meetings = [
        Meeting(id="locked", person_a="A", person_b="B", locked=Placement(slot=0, table=0)),
        Meeting(id="free", person_a="C", person_b="D"),
    ]
    problem = make_problem(slots=1, tables=2, meetings=meetings)

    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert result.placements == {
        "locked": Placement(slot=0, table=0),
        "free": Placement(slot=0, table=1),
    }


def test_only_unscheduled_keeps_current_placements_and_places_the_rest():
    # In mode "all" the optimiser would move m1 next to m2 (slot 1); here m1 must stay.
    meetings = [
        Meeting(id="m1", person_a="A", person_b="B", current=Placement(slot=3, table=4)),
        Meeting(id="m2", person_a="A", person_b="C"),
    ]
    problem = make_problem(slots=4, meetings=meetings, mode=SchedulingMode.ONLY_UNSCHEDULED)

    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert result.placements == {
        "m1": Placement(slot=3, table=4),
        "m2": Placement(slot=2, table=0),
    }


def test_mode_all_moves_a_current_placement_to_make_room():
    # C can only meet in slot 0, where A-B currently sits; one table per slot.
    meetings = [
        Meeting(id="ab", person_a="A", person_b="B", current=Placement(slot=0, table=0)),
        Meeting(id="ac", person_a="A", person_b="C"),
    ]
    unavailable = {("C", 1), ("C", 2)}
    problem = make_problem(slots=3, tables=1, meetings=meetings, unavailable=unavailable)
    kept = make_problem(
        slots=3,
        tables=1,
        meetings=meetings,
        unavailable=unavailable,
        mode=SchedulingMode.ONLY_UNSCHEDULED,
    )

    moved = schedule_meetings(problem=problem, time_limit_seconds=QUICK)
    stayed = schedule_meetings(problem=kept, time_limit_seconds=QUICK)

    assert moved.placements == {
        "ab": Placement(slot=1, table=0),
        "ac": Placement(slot=0, table=0),
    }
    assert stayed.placements == {"ab": Placement(slot=0, table=0), "ac": None}


def test_unavailable_slots_are_never_used():
    meetings = [Meeting(id="m", person_a="A", person_b="B")]
    unavailable = {("A", 0), ("B", 1), ("A", 2)}
    problem = make_problem(slots=4, meetings=meetings, unavailable=unavailable)

    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert result.placements == {"m": Placement(slot=3, table=0)}


def test_meeting_without_a_common_free_slot_stays_unscheduled():
    meetings = [
        Meeting(id="impossible", person_a="A", person_b="B"),
        Meeting(id="fine", person_a="A", person_b="C"),
    ]
    problem = make_problem(slots=2, meetings=meetings, unavailable={("A", 0), ("B", 1)})

    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert result.placements == {"impossible": None, "fine": Placement(slot=1, table=0)}
    assert result.unscheduled == ["impossible"]
    assert result.report.upper_bound == 1


def test_mutual_meeting_wins_when_only_one_table_is_left():
    meetings = [
        Meeting(id="one-sided", person_a="A", person_b="B"),
        Meeting(id="mutual", person_a="C", person_b="D", mutual=True),
    ]
    problem = make_problem(slots=1, tables=1, meetings=meetings)

    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert result.placements == {"one-sided": None, "mutual": Placement(slot=0, table=0)}
    assert result.report.mutual_scheduled_count == 1
    assert result.report.mutual_count == 1


def test_two_meetings_beat_one_mutual_meeting():
    # Counting meetings comes first: the mutual A-B blocks both A-C and B-D.
    meetings = [
        Meeting(id="mutual", person_a="A", person_b="B", mutual=True),
        Meeting(id="ac", person_a="A", person_b="C"),
        Meeting(id="bd", person_a="B", person_b="D"),
    ]
    problem = make_problem(slots=1, tables=2, meetings=meetings)

    greedy = schedule_greedily(problem=problem)
    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert greedy.report.scheduled_count == 1
    assert greedy.placements["mutual"] == Placement(slot=0, table=0)
    assert result.placements == {
        "mutual": None,
        "ac": Placement(slot=0, table=0),
        "bd": Placement(slot=0, table=1),
    }


def test_person_with_two_meetings_gets_adjacent_slots():
    # The greedy puts A-B in slot 0 and A-C in slot 2 (a gap for A); 2 and 3 close it.
    meetings = [
        Meeting(id="ab", person_a="A", person_b="B"),
        Meeting(id="ac", person_a="A", person_b="C"),
    ]
    unavailable = {("B", 1), ("B", 3), ("C", 0), ("C", 1)}
    problem = make_problem(slots=4, meetings=meetings, unavailable=unavailable)

    greedy = schedule_greedily(problem=problem)
    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert greedy.report.idle_gaps == 1
    assert result.placements == {
        "ab": Placement(slot=2, table=0),
        "ac": Placement(slot=3, table=0),
    }
    assert result.report.idle_gaps == 0
    assert result.report.proven_optimal


def test_unavailable_slot_inside_the_day_counts_as_a_gap():
    meetings = [
        Meeting(id="ab", person_a="A", person_b="B", locked=Placement(slot=0, table=0)),
        Meeting(id="ac", person_a="A", person_b="C", locked=Placement(slot=2, table=0)),
    ]
    problem = make_problem(slots=3, meetings=meetings, unavailable={("A", 1)})

    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert result.report.idle_gaps == 1
    assert result.report.people_with_meetings == 3
    assert result.report.idle_gaps_per_person == pytest.approx(1 / 3)


def test_tables_per_slot_may_differ():
    meetings = [Meeting(id=n, person_a=f"a{n}", person_b=f"b{n}") for n in range(4)]
    problem = make_problem(slots=3, tables=(1, 0, 3), meetings=meetings)

    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    slots = sorted(p.slot for p in result.placements.values())
    assert slots == [0, 2, 2, 2]
    assert sorted(p.table for p in result.placements.values() if p.slot == 2) == [0, 1, 2]


def test_greedy_takes_mutual_meetings_first_then_the_first_free_slot():
    meetings = [
        Meeting(id="ab", person_a="A", person_b="B"),
        Meeting(id="ac", person_a="A", person_b="C", mutual=True),
    ]
    problem = make_problem(slots=2, tables=1, meetings=meetings)

    result = schedule_greedily(problem=problem)

    assert result.placements == {
        "ac": Placement(slot=0, table=0),
        "ab": Placement(slot=1, table=0),
    }
    assert result.report.method == "greedy"


def test_upper_bound_caps_a_popular_person_at_their_free_slots():
    # Six people each want A; A has three free slots: at most three meetings.
    meetings = [Meeting(id=n, person_a="A", person_b=f"p{n}") for n in range(6)]
    problem = make_problem(slots=5, meetings=meetings, unavailable={("A", 1), ("A", 3)})

    assert upper_bound(problem=problem) == 3
    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)
    assert result.report.scheduled_count == 3
    assert result.report.scheduled_share == pytest.approx(0.5)


def test_report_describes_the_schedule():
    meetings = [
        Meeting(id="ab", person_a="A", person_b="B", mutual=True),
        Meeting(id="cd", person_a="C", person_b="D"),
        Meeting(id="ce", person_a="C", person_b="E"),
    ]
    problem = make_problem(slots=2, tables=1, meetings=meetings)

    report = schedule_meetings(problem=problem, time_limit_seconds=QUICK).report

    assert report.meeting_count == 3
    assert report.scheduled_count == 2
    assert report.scheduled_share == pytest.approx(2 / 3)
    assert report.mutual_count == 1
    assert report.mutual_scheduled_count == 1
    assert report.upper_bound == 2
    assert report.idle_gaps == 0
    assert report.method == "greedy"  # already optimal, as CP-SAT then proves
    assert report.proven_optimal
    assert 0 < report.solve_seconds < QUICK


def test_progress_goes_forward_and_ends_at_one():
    meetings = [Meeting(id=n, person_a=f"p{n % 5}", person_b=f"p{n % 7 + 5}") for n in range(20)]
    problem = make_problem(slots=6, tables=3, meetings=meetings)
    reports: list[tuple[float, str]] = []

    schedule_meetings(
        problem=problem,
        time_limit_seconds=0.5,
        on_progress=lambda fraction, message: reports.append((fraction, message)),
    )

    fractions = [fraction for fraction, _ in reports]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0
    assert reports[-1] == (1.0, "done")


def test_same_seed_and_step_budget_give_the_same_schedule():
    meetings = [
        Meeting(id=n, person_a=f"p{n % 11}", person_b=f"p{(n * 7) % 13 + 11}", mutual=n % 3 == 0)
        for n in range(60)
    ]
    unavailable = {(f"p{p}", s) for p in range(24) for s in range(8) if (p * 5 + s) % 6 == 0}
    problem = make_problem(slots=8, tables=5, meetings=meetings, unavailable=unavailable)

    def run():
        return schedule_meetings(
            problem=problem, time_limit_seconds=10, seed=3, max_search_steps=20_000
        )

    first, second = run(), run()

    assert first.placements == second.placements
    assert first.report.idle_gaps == second.report.idle_gaps


def test_problem_without_meetings_gives_an_empty_schedule():
    problem = SchedulingProblem(people=("A", "B"), tables_per_slot=(2, 2), meetings=())

    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert result.placements == {}
    assert result.report.scheduled_share == 1.0
    assert result.report.upper_bound == 0
    assert result.report.idle_gaps_per_person == 0.0
    assert result.report.proven_optimal


def test_mode_may_be_given_as_plain_text():
    meetings = (
        Meeting(id="m1", person_a="A", person_b="B", current=Placement(slot=1, table=0)),
        Meeting(id="m2", person_a="C", person_b="D"),
    )
    problem = SchedulingProblem(
        people=("A", "B", "C", "D"),
        tables_per_slot=(1, 1),
        meetings=meetings,
        mode="only_unscheduled",
    )

    result = schedule_meetings(problem=problem, time_limit_seconds=QUICK)

    assert result.placements == {
        "m1": Placement(slot=1, table=0),
        "m2": Placement(slot=0, table=0),
    }


def test_scheduling_package_does_not_import_django():
    code = (
        "import sys; import techbridge.events.scheduling; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
    )

    completed = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False
    )

    assert completed.returncode == 0, completed.stderr
