"""Greedy baseline, for benchmarks and tests only: entries in input order each take their best
still-available judges. It ignores minimum loads, so its result may leave judges under their
minimum; `assign_judges` is the function to use.
"""

from time import perf_counter

import numpy as np

from .model import Assignment, AssignmentInfeasible, AssignmentProblem
from .prepare import prepare_problem


def greedy_assignment(*, problem: AssignmentProblem) -> Assignment:
    started = perf_counter()
    prepared = prepare_problem(problem)
    built = perf_counter()
    # "Solve" here is the greedy pass; building is the shared preparation.
    free_places = prepared.remaining_max.copy()
    assigned = prepared.locked.copy()
    for row, entry_id in enumerate(prepared.entry_ids):
        need = int(prepared.need[row])
        if need == 0:
            continue
        candidates = np.flatnonzero(prepared.eligible[row] & (free_places > 0))
        if len(candidates) < need:
            raise AssignmentInfeasible(
                f"greedy ran out of judges for entry {entry_id!r}: {len(candidates)} "
                f"available for {need} places"
            )
        # A stable sort keeps judge input order among equal affinities.
        best = candidates[np.argsort(-prepared.affinity[row, candidates], kind="stable")[:need]]
        assigned[row, best] = True
        free_places[best] -= 1
    loads = assigned.sum(axis=0)
    judges_by_entry = {}
    for row, entry_id in enumerate(prepared.entry_ids):
        columns = np.flatnonzero(assigned[row])
        ranked = sorted(columns, key=lambda column: (-prepared.affinity[row, column], column))
        judges_by_entry[entry_id] = tuple(prepared.judge_ids[column] for column in ranked)
    return Assignment(
        judges_by_entry=judges_by_entry,
        load_by_judge={
            judge_id: int(loads[column]) for column, judge_id in enumerate(prepared.judge_ids)
        },
        total_affinity=float(prepared.affinity[assigned].sum()),
        build_seconds=built - started,
        solve_seconds=perf_counter() - built,
        method="greedy (entries in input order, minimum loads ignored)",
    )
