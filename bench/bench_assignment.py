"""Judge assignment at competition scale: optimal min-cost flow against a greedy baseline.

    .venv/bin/python bench/bench_assignment.py [--entries 2000] [--judges 800] [--per-entry 3]
        [--conflicts 0.01] [--min-load 5] [--max-load 10] [--candidates 60] [--sectors 0]
        [--seed 20261124]

Random affinities in 0..1 (uniform, or with --sectors N: 0.6 for a sector match plus 0.4 ×
uniform, entry sectors skewed 1/rank) and random conflicts, seeded. Prints the time (build +
solve) and total affinity of the optimal assignment (pruned graph with optimality certificate,
then the full graph), and the greedy baseline's total affinity and how many judges it leaves
under their minimum load (greedy ignores minimums).
"""

import argparse
import os
import sys
from pathlib import Path
from time import perf_counter

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from techbridge.competitions.assignment import (  # noqa: E402
    Assignment,
    AssignmentProblem,
    Entry,
    Judge,
    assign_judges,
    greedy_assignment,
)


def _problem(arguments: argparse.Namespace) -> AssignmentProblem:
    rng = np.random.default_rng(arguments.seed)
    affinity = rng.random((arguments.entries, arguments.judges))
    if arguments.sectors:
        # Skewed demand: entry sectors follow 1/rank, judges' expertise is spread evenly, so
        # the popular sectors' experts are scarce and taking them early costs later entries.
        weights = 1.0 / np.arange(1, arguments.sectors + 1)
        entry_sector = rng.choice(arguments.sectors, arguments.entries, p=weights / weights.sum())
        judge_sector = rng.integers(0, arguments.sectors, arguments.judges)
        matches = entry_sector[:, None] == judge_sector[None, :]
        affinity = 0.6 * matches + 0.4 * affinity
    conflict_rows, conflict_columns = np.nonzero(
        rng.random((arguments.entries, arguments.judges)) < arguments.conflicts
    )
    return AssignmentProblem(
        entries=[Entry(id=f"E{row:05d}") for row in range(arguments.entries)],
        judges=[
            Judge(id=f"J{column:04d}", min_load=arguments.min_load, max_load=arguments.max_load)
            for column in range(arguments.judges)
        ],
        judges_per_entry=arguments.per_entry,
        affinity=affinity,
        conflicts=frozenset(
            (f"E{row:05d}", f"J{column:04d}")
            for row, column in zip(conflict_rows.tolist(), conflict_columns.tolist(), strict=True)
        ),
    )


def _report(label: str, result: Assignment, *, wall_seconds: float, min_load: int) -> None:
    under_minimum = sum(1 for load in result.load_by_judge.values() if load < min_load)
    print(
        f"{label:<10} {wall_seconds:6.2f} s (build {result.build_seconds:.2f} s, "
        f"solve {result.solve_seconds:.2f} s)  total affinity {result.total_affinity:.3f}  "
        f"judges under minimum {under_minimum}"
    )
    print(f"{'':<10} method: {result.method}; {result.arc_count} arcs")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=2000)
    parser.add_argument("--judges", type=int, default=800)
    parser.add_argument("--per-entry", type=int, default=3)
    parser.add_argument("--conflicts", type=float, default=0.01)
    parser.add_argument("--min-load", type=int, default=5)
    parser.add_argument("--max-load", type=int, default=10)
    parser.add_argument("--candidates", type=int, default=60)
    parser.add_argument(
        "--sectors", type=int, default=0, help="skewed sector-based affinities (0: uniform)"
    )
    parser.add_argument("--seed", type=int, default=20261124)
    arguments = parser.parse_args()

    problem = _problem(arguments)
    print(
        f"{arguments.entries} entries × {arguments.judges} judges × {arguments.per_entry} per "
        f"entry, {len(problem.conflicts)} conflicts, loads {arguments.min_load}..."
        f"{arguments.max_load}, sectors {arguments.sectors or 'none'}, seed {arguments.seed}, "
        f"{os.cpu_count()} CPUs"
    )
    candidates = arguments.candidates
    runs = [
        ("pruned", lambda: assign_judges(problem=problem, candidates_per_entry=candidates)),
        ("full", lambda: assign_judges(problem=problem, candidates_per_entry=None)),
        ("greedy", lambda: greedy_assignment(problem=problem)),
    ]
    totals = {}
    for label, run in runs:
        started = perf_counter()
        result = run()
        _report(label, result, wall_seconds=perf_counter() - started, min_load=arguments.min_load)
        totals[label] = result.total_affinity
    print(
        f"optimal - greedy: {totals['pruned'] - totals['greedy']:+.3f} "
        f"({(totals['pruned'] / totals['greedy'] - 1) * 100:+.2f} %); "
        f"pruned - full: {totals['pruned'] - totals['full']:+.6f}"
    )


if __name__ == "__main__":
    main()
