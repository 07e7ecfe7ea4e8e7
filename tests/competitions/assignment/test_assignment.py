import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

import techbridge
from techbridge.competitions.assignment import (
    AssignmentInfeasible,
    AssignmentProblem,
    Entry,
    Judge,
    affinity_from_overlap,
    assign_judges,
    greedy_assignment,
)


def _problem(affinity, *, judges, k=1, **pairs) -> AssignmentProblem:
    entry_ids = sorted({entry_id for entry_id, _judge_id in affinity})
    return AssignmentProblem(
        entries=[Entry(id=entry_id) for entry_id in entry_ids],
        judges=judges,
        judges_per_entry=k,
        affinity=affinity,
        **{name: frozenset(value) for name, value in pairs.items()},
    )


def _two_by_two(**pairs) -> AssignmentProblem:
    # Greedy gives E1 its favourite J1 and leaves E2 with the poor J2 (0.9 + 0.1); swapping
    # is better (0.8 + 0.8).
    return _problem(
        {("E1", "J1"): 0.9, ("E1", "J2"): 0.8, ("E2", "J1"): 0.8, ("E2", "J2"): 0.1},
        judges=[Judge(id="J1", max_load=1), Judge(id="J2", max_load=1)],
        **pairs,
    )


def test_assign_judges_finds_known_optimum_that_greedy_misses():
    result = assign_judges(problem=_two_by_two())
    assert result.judges_by_entry == {"E1": ("J2",), "E2": ("J1",)}
    assert result.load_by_judge == {"J1": 1, "J2": 1}
    assert result.total_affinity == pytest.approx(1.6, abs=1e-12)
    assert result.method == "min-cost flow, full graph"
    assert greedy_assignment(problem=_two_by_two()).total_affinity == pytest.approx(1.0, abs=1e-12)


def test_assign_judges_lock_is_kept_even_against_affinity():
    result = assign_judges(problem=_two_by_two(locks={("E1", "J1")}))
    assert result.judges_by_entry == {"E1": ("J1",), "E2": ("J2",)}
    assert result.total_affinity == pytest.approx(1.0, abs=1e-12)


@pytest.mark.parametrize("kind", ["conflicts", "exclusions"])
def test_assign_judges_never_uses_conflicted_or_excluded_pair(kind):
    result = assign_judges(problem=_two_by_two(**{kind: {("E2", "J1")}}))
    assert result.judges_by_entry == {"E1": ("J1",), "E2": ("J2",)}


def test_assign_judges_minimum_load_brings_in_unpopular_judge():
    affinity = {
        (entry, judge): value
        for entry in ("E1", "E2", "E3")
        for judge, value in (("J1", 0.9), ("J2", 0.8), ("J3", 0.0))
    }
    judges = [
        Judge(id="J1", max_load=3),
        Judge(id="J2", max_load=3),
        Judge(id="J3", min_load=2, max_load=3),
    ]
    result = assign_judges(problem=_problem(affinity, judges=judges, k=2))
    assert result.load_by_judge == {"J1": 3, "J2": 1, "J3": 2}
    assert result.total_affinity == pytest.approx(3 * 0.9 + 0.8, abs=1e-12)
    assert all(len(set(chosen)) == 2 for chosen in result.judges_by_entry.values())


def test_assign_judges_lists_judges_by_descending_affinity():
    affinity = {("E1", "J1"): 0.2, ("E1", "J2"): 0.7, ("E1", "J3"): 0.7}
    judges = [Judge(id=judge_id, max_load=1) for judge_id in ("J1", "J2", "J3")]
    result = assign_judges(problem=_problem(affinity, judges=judges, k=3))
    assert result.judges_by_entry == {"E1": ("J2", "J3", "J1")}


def test_assign_judges_accepts_mapping_callable_and_matrix_alike():
    matrix = np.array([[0.9, 0.8], [0.8, 0.1]])
    mapping = _two_by_two().affinity
    for affinity in (matrix, mapping, lambda entry, judge: mapping[entry, judge]):
        problem = AssignmentProblem(
            entries=[Entry(id="E1"), Entry(id="E2")],
            judges=[Judge(id="J1", max_load=1), Judge(id="J2", max_load=1)],
            judges_per_entry=1,
            affinity=affinity,
        )
        assert assign_judges(problem=problem).judges_by_entry == {"E1": ("J2",), "E2": ("J1",)}


def test_assign_judges_falls_back_to_full_graph_when_candidates_cannot_carry_all():
    # With one candidate each, every entry points at J1 and J2/J3 both point at E1.
    affinity = {("E1", "J1"): 0.9, ("E1", "J2"): 0.8, ("E1", "J3"): 0.8}
    for entry_id in ("E2", "E3"):
        affinity |= {(entry_id, "J1"): 0.9, (entry_id, "J2"): 0.1, (entry_id, "J3"): 0.1}
    judges = [Judge(id=judge_id, max_load=1) for judge_id in ("J1", "J2", "J3")]
    result = assign_judges(problem=_problem(affinity, judges=judges), candidates_per_entry=1)
    assert result.method.startswith("min-cost flow, full graph (the top-1 candidate graph")
    assert result.total_affinity == pytest.approx(1.8, abs=1e-12)


def test_assign_judges_pruned_graph_is_certified_or_repriced_to_full_optimum():
    rng = np.random.default_rng(3)
    entries = [Entry(id=row) for row in range(40)]
    judges = [Judge(id=f"J{column}", min_load=2, max_load=6) for column in range(25)]
    affinity = np.round(rng.random((40, 25)), 3)
    problem = AssignmentProblem(
        entries=entries, judges=judges, judges_per_entry=3, affinity=affinity
    )
    pruned = assign_judges(problem=problem, candidates_per_entry=4)
    full = assign_judges(problem=problem, candidates_per_entry=None)
    assert "certified optimal on the full graph" in pruned.method
    assert pruned.total_affinity == pytest.approx(full.total_affinity, abs=1e-9)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        (
            {"conflicts": {("E1", "J1"), ("E1", "J2")}},
            "entry 'E1' needs 1 more judge(s) but only 0 are eligible (2 conflicted or excluded",
        ),
        (
            {"locks": {("E1", "J1")}, "conflicts": {("E1", "J1")}},
            "entry 'E1' is locked to judge 'J1', but that pair is a conflict",
        ),
        (
            {"locks": {("E1", "J1")}, "exclusions": {("E1", "J1")}},
            "entry 'E1' is locked to judge 'J1', but that pair is a manual exclusion",
        ),
        (
            {"locks": {("E1", "J1"), ("E1", "J2")}},
            "entry 'E1' has 2 locked judges, more than the 1 judges per entry",
        ),
        (
            {"locks": {("E1", "J1"), ("E2", "J1")}},
            "judge 'J1' is locked to 2 entries, above their maximum load of 1",
        ),
    ],
)
def test_assign_judges_infeasible_input_names_offender(changes, message):
    with pytest.raises(AssignmentInfeasible) as caught:
        assign_judges(problem=_two_by_two(**changes))
    assert message in str(caught.value)


def test_assign_judges_total_capacity_too_small_is_infeasible():
    problem = _problem(
        {("E1", "J1"): 0.5, ("E2", "J1"): 0.5, ("E3", "J1"): 0.5},
        judges=[Judge(id="J1", max_load=2)],
    )
    with pytest.raises(AssignmentInfeasible, match=r"at most 2 entries in total, but 3 entries"):
        assign_judges(problem=problem)


def test_assign_judges_minimums_above_reviews_is_infeasible():
    problem = _problem(
        {("E1", "J1"): 0.5, ("E1", "J2"): 0.5},
        judges=[Judge(id="J1", min_load=1, max_load=1), Judge(id="J2", min_load=1, max_load=1)],
    )
    with pytest.raises(AssignmentInfeasible, match=r"minimum loads add up to 2 reviews"):
        assign_judges(problem=problem)


def test_assign_judges_judge_without_enough_open_entries_is_infeasible():
    problem = _problem(
        {("E1", "J1"): 0.5, ("E2", "J1"): 0.5, ("E1", "J2"): 0.5, ("E2", "J2"): 0.5},
        judges=[Judge(id="J1", max_load=2), Judge(id="J2", min_load=2, max_load=2)],
        conflicts={("E1", "J2")},
    )
    with pytest.raises(AssignmentInfeasible, match=r"judge 'J2' must review at least 2 entries"):
        assign_judges(problem=problem)


def test_assign_judges_entries_competing_for_one_judge_are_named():
    affinity = {(entry, judge): 0.5 for entry in ("E1", "E2", "E3") for judge in ("J1", "J2")}
    problem = _problem(
        affinity,
        judges=[Judge(id="J1", max_load=1), Judge(id="J2", max_load=5)],
        conflicts={("E1", "J2"), ("E2", "J2")},
    )
    with pytest.raises(AssignmentInfeasible) as caught:
        assign_judges(problem=problem)
    assert "only 2 of 3 reviews can be placed: entries 'E" in str(caught.value)


def test_assign_judges_jointly_unreachable_minimums_name_a_judge():
    affinity = {(entry, judge): 0.5 for entry in ("E1", "E2", "E3") for judge in ("J1", "J2", "J3")}
    # J1 and J2 both need E1/E2 (E3 is conflicted for them), but those give only 2 reviews.
    problem = _problem(
        affinity,
        judges=[
            Judge(id="J1", min_load=2, max_load=3),
            Judge(id="J2", min_load=1, max_load=3),
            Judge(id="J3", max_load=3),
        ],
        conflicts={("E3", "J1"), ("E3", "J2")},
    )
    with pytest.raises(AssignmentInfeasible) as caught:
        assign_judges(problem=problem)
    assert str(caught.value).startswith("minimum loads cannot all be met")
    assert "'J1' (1 of 2)" in str(caught.value) or "'J2' (0 of 1)" in str(caught.value)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"conflicts": {("E9", "J1")}}, "conflicts mention unknown entry 'E9'"),
        ({"locks": {("E1", "J9")}}, "locks mention unknown judge 'J9'"),
    ],
)
def test_assign_judges_unknown_ids_are_rejected(changes, message):
    with pytest.raises(ValueError, match=message):
        assign_judges(problem=_two_by_two(**changes))


def test_assign_judges_affinity_outside_unit_range_is_rejected():
    problem = _problem({("E1", "J1"): 1.5}, judges=[Judge(id="J1", max_load=1)])
    with pytest.raises(ValueError, match="between 0 and 1"):
        assign_judges(problem=problem)


def test_judge_minimum_above_maximum_is_rejected():
    with pytest.raises(ValueError, match="minimum load 3 is above maximum load 2"):
        Judge(id="J1", min_load=3, max_load=2)


def test_affinity_from_overlap_weights_jaccard_of_sectors_and_keywords():
    value = affinity_from_overlap(
        entry_sectors=["energy.solar", "agri.processing"],
        entry_keywords=["Solar", "pump"],
        judge_sectors=["energy.solar", "env.water"],
        judge_keywords=[" solar "],
    )
    assert value == pytest.approx(0.5 * (1 / 3) + 0.5 * (1 / 2), abs=1e-15)


def test_affinity_from_overlap_empty_profiles_score_zero():
    empty = affinity_from_overlap(
        entry_sectors=[], entry_keywords=[], judge_sectors=[], judge_keywords=[]
    )
    assert empty == 0.0


def test_assignment_package_imports_without_django():
    source_root = Path(techbridge.__file__).resolve().parents[1]
    code = (
        "import sys; import techbridge.competitions.assignment; "
        "assert 'django' not in sys.modules, sorted(m for m in sys.modules if 'django' in m)"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        env={"PYTHONPATH": str(source_root)},
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
