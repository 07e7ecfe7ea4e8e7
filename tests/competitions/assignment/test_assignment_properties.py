"""Hypothesis properties of assign_judges, with brute force on problems small enough to
enumerate. Affinities are multiples of 0.01 so the solver's integer scaling is exact."""

import itertools
import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from techbridge.competitions.assignment import (
    AssignmentInfeasible,
    AssignmentProblem,
    Entry,
    Judge,
    assign_judges,
    greedy_assignment,
)

# No example database: the suite runs twice, possibly side by side, and must not write files.
SETTINGS = settings(
    max_examples=120, deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow]
)


@st.composite
def problems(draw, *, max_entries: int, max_judges: int, with_minimums: bool = True):
    entry_count = draw(st.integers(1, max_entries))
    judge_count = draw(st.integers(1, max_judges))
    k = draw(st.integers(1, min(judge_count, 3)))
    # Half the problems get loads around the fair share, so feasible ones are common too.
    fair_share = k * entry_count / judge_count
    generous = draw(st.booleans())
    judges = []
    for column in range(judge_count):
        lowest_max = min(math.ceil(fair_share), entry_count) if generous else 0
        max_load = draw(st.integers(lowest_max, entry_count))
        highest_min = min(max_load, math.floor(fair_share)) if generous else max_load
        min_load = draw(st.integers(0, highest_min)) if with_minimums else 0
        judges.append(Judge(id=f"J{column}", min_load=min_load, max_load=max_load))
    cents = draw(
        st.lists(
            st.integers(0, 100),
            min_size=entry_count * judge_count,
            max_size=entry_count * judge_count,
        )
    )
    pairs = [
        (f"E{row}", f"J{column}") for row in range(entry_count) for column in range(judge_count)
    ]
    blocked = draw(st.sets(st.sampled_from(pairs), max_size=len(pairs) // 3))
    conflicts = draw(st.sets(st.sampled_from(sorted(blocked)))) if blocked else set()
    open_pairs = [pair for pair in pairs if pair not in blocked]
    locks = draw(st.sets(st.sampled_from(open_pairs), max_size=2)) if open_pairs else set()
    return AssignmentProblem(
        entries=[Entry(id=f"E{row}") for row in range(entry_count)],
        judges=judges,
        judges_per_entry=k,
        affinity=np.array(cents, dtype=np.float64).reshape(entry_count, judge_count) / 100,
        conflicts=frozenset(conflicts),
        exclusions=frozenset(blocked - conflicts),
        locks=frozenset(locks),
    )


def _brute_force_best(problem: AssignmentProblem) -> float | None:
    """Highest total affinity over every valid assignment, or None when there is none."""
    judge_ids = [judge.id for judge in problem.judges]
    blocked = problem.conflicts | problem.exclusions
    options = []
    for row, entry in enumerate(problem.entries):
        allowed = [
            column
            for column, judge_id in enumerate(judge_ids)
            if (entry.id, judge_id) not in blocked
        ]
        locked = {
            column
            for column, judge_id in enumerate(judge_ids)
            if (entry.id, judge_id) in problem.locks
        }
        options.append(
            [
                (row, choice)
                for choice in itertools.combinations(allowed, problem.judges_per_entry)
                if locked <= set(choice)
            ]
        )
    best = None
    for combination in itertools.product(*options):
        loads = [0] * len(judge_ids)
        total = 0.0
        for row, choice in combination:
            for column in choice:
                loads[column] += 1
                total += problem.affinity[row, column]
        if all(
            j.min_load <= load <= j.max_load for j, load in zip(problem.judges, loads, strict=True)
        ):
            best = total if best is None else max(best, total)
    return best


def _assert_valid(problem: AssignmentProblem, result) -> None:
    blocked = problem.conflicts | problem.exclusions
    assert set(result.judges_by_entry) == {entry.id for entry in problem.entries}
    for entry_id, judge_ids in result.judges_by_entry.items():
        assert len(judge_ids) == problem.judges_per_entry
        assert len(set(judge_ids)) == problem.judges_per_entry
        assert not {(entry_id, judge_id) for judge_id in judge_ids} & blocked
    assert problem.locks <= result.pairs()
    for judge in problem.judges:
        assert judge.min_load <= result.load_by_judge[judge.id] <= judge.max_load
    counted = sum(len(judge_ids) for judge_ids in result.judges_by_entry.values())
    assert sum(result.load_by_judge.values()) == counted


@SETTINGS
@given(problem=problems(max_entries=4, max_judges=4))
def test_assign_judges_matches_brute_force_optimum_or_raises(problem):
    best = _brute_force_best(problem)
    if best is None:
        with pytest.raises(AssignmentInfeasible):
            assign_judges(problem=problem)
        return
    result = assign_judges(problem=problem)
    _assert_valid(problem, result)
    assert result.total_affinity == pytest.approx(best, abs=1e-9)


@SETTINGS
@given(problem=problems(max_entries=25, max_judges=10), candidates=st.integers(1, 4))
def test_assign_judges_result_is_valid_and_pruning_loses_nothing(problem, candidates):
    try:
        full = assign_judges(problem=problem, candidates_per_entry=None)
    except AssignmentInfeasible:
        with pytest.raises(AssignmentInfeasible):
            assign_judges(problem=problem, candidates_per_entry=candidates)
        return
    _assert_valid(problem, full)
    pruned = assign_judges(problem=problem, candidates_per_entry=candidates)
    _assert_valid(problem, pruned)
    assert pruned.total_affinity == pytest.approx(full.total_affinity, abs=1e-9)


@SETTINGS
@given(problem=problems(max_entries=25, max_judges=10, with_minimums=False))
def test_assign_judges_total_affinity_at_least_greedy(problem):
    try:
        greedy = greedy_assignment(problem=problem)
    except AssignmentInfeasible:
        return
    assert assign_judges(problem=problem).total_affinity >= greedy.total_affinity - 1e-9


def _roomy(problem: AssignmentProblem, **changes) -> AssignmentProblem:
    """The same entries, judges and affinities with every judge able to take every entry and
    no conflicts or locks, so the only infeasibility is the one a test adds in `changes`."""
    fields = {
        "entries": problem.entries,
        "judges": [Judge(id=judge.id, max_load=len(problem.entries)) for judge in problem.judges],
        "judges_per_entry": problem.judges_per_entry,
        "affinity": problem.affinity,
    }
    return AssignmentProblem(**(fields | changes))


@SETTINGS
@given(problem=problems(max_entries=8, max_judges=6), data=st.data())
def test_assign_judges_entry_stripped_of_judges_is_named(problem, data):
    # Block all but k − 1 of one entry's judges: it can never get k.
    entry = data.draw(st.sampled_from(problem.entries))
    judge_ids = [judge.id for judge in problem.judges]
    kept = set(data.draw(st.permutations(judge_ids))[: problem.judges_per_entry - 1])
    conflicts = frozenset((entry.id, judge_id) for judge_id in judge_ids if judge_id not in kept)
    assert assign_judges(problem=_roomy(problem)).total_affinity >= 0
    with pytest.raises(AssignmentInfeasible) as caught:
        assign_judges(problem=_roomy(problem, conflicts=conflicts))
    assert str(caught.value).startswith(
        f"entry {entry.id!r} needs {problem.judges_per_entry} more judge(s) but only "
        f"{problem.judges_per_entry - 1} are eligible ({len(conflicts)} conflicted or excluded"
    )


@SETTINGS
@given(problem=problems(max_entries=8, max_judges=6))
def test_assign_judges_minimums_above_total_reviews_raise(problem):
    reviews = problem.judges_per_entry * len(problem.entries)
    roomy = _roomy(problem)
    judges = list(roomy.judges)
    judges[0] = Judge(id=judges[0].id, min_load=reviews + 1, max_load=reviews + 1)
    with pytest.raises(AssignmentInfeasible) as caught:
        assign_judges(problem=_roomy(problem, judges=judges))
    assert str(caught.value).startswith(
        f"the judges' minimum loads add up to {reviews + 1} reviews, but "
        f"{len(problem.entries)} entries × {problem.judges_per_entry} judges give only {reviews}"
    )
