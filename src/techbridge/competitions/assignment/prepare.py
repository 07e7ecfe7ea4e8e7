"""Turns an AssignmentProblem into index-based arrays and rejects infeasible inputs early.

The checks here are necessary conditions that can be named precisely (one entry, one judge,
one lock). Infeasibility that only shows in combination (several entries competing for the
same few judges) is left to the flow solver, which reports it afterwards.
"""

from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from .model import AffinityInput, AssignmentInfeasible, AssignmentProblem, Pair


@dataclass(frozen=True)
class PreparedProblem:
    entry_ids: list[Hashable]
    judge_ids: list[Hashable]
    judges_per_entry: int
    affinity: np.ndarray  # float64, entries × judges, values in 0..1
    locked: np.ndarray  # bool, entries × judges
    eligible: np.ndarray  # bool: may be chosen by the solver (not blocked, not locked, room left)
    need: np.ndarray  # int64 per entry: judges still to choose after locks
    locked_load: np.ndarray  # int64 per judge
    remaining_min: np.ndarray  # int64 per judge, after locks
    remaining_max: np.ndarray  # int64 per judge, after locks

    @property
    def required_reviews(self) -> int:
        return int(self.need.sum())


def describe_ids(ids: Sequence[Hashable], *, limit: int = 5) -> str:
    shown = ", ".join(repr(item) for item in ids[:limit])
    hidden = len(ids) - limit
    return f"{shown} and {hidden} more" if hidden > 0 else shown


def prepare_problem(problem: AssignmentProblem) -> PreparedProblem:
    k = problem.judges_per_entry
    if k < 1:
        raise ValueError(f"judges_per_entry must be at least 1, got {k}")
    entry_ids = _unique_ids([entry.id for entry in problem.entries], kind="entry")
    judge_ids = _unique_ids([judge.id for judge in problem.judges], kind="judge")
    entry_index = {entry_id: row for row, entry_id in enumerate(entry_ids)}
    judge_index = {judge_id: column for column, judge_id in enumerate(judge_ids)}
    shape = (len(entry_ids), len(judge_ids))

    def pair_mask(pairs: Iterable[Pair], *, name: str) -> np.ndarray:
        mask = np.zeros(shape, dtype=bool)
        for entry_id, judge_id in pairs:
            mask[_row(entry_index, entry_id, name), _column(judge_index, judge_id, name)] = True
        return mask

    conflicts = pair_mask(problem.conflicts, name="conflicts")
    exclusions = pair_mask(problem.exclusions, name="exclusions")
    locked = pair_mask(problem.locks, name="locks")
    affinity = _affinity_matrix(
        problem.affinity, entry_ids=entry_ids, entry_index=entry_index, judge_index=judge_index
    )

    for mask, source in ((conflicts, "a conflict"), (exclusions, "a manual exclusion")):
        clashing = np.argwhere(locked & mask)
        if len(clashing):
            row, column = clashing[0]
            raise AssignmentInfeasible(
                f"entry {entry_ids[row]!r} is locked to judge {judge_ids[column]!r}, "
                f"but that pair is {source}"
            )

    locks_per_entry = locked.sum(axis=1).astype(np.int64)
    over_locked = np.flatnonzero(locks_per_entry > k)
    if len(over_locked):
        row = over_locked[0]
        raise AssignmentInfeasible(
            f"entry {entry_ids[row]!r} has {locks_per_entry[row]} locked judges, "
            f"more than the {k} judges per entry"
        )

    max_load = np.array([judge.max_load for judge in problem.judges], dtype=np.int64)
    min_load = np.array([judge.min_load for judge in problem.judges], dtype=np.int64)
    locked_load = locked.sum(axis=0).astype(np.int64)
    over_max = np.flatnonzero(locked_load > max_load)
    if len(over_max):
        column = over_max[0]
        raise AssignmentInfeasible(
            f"judge {judge_ids[column]!r} is locked to {locked_load[column]} entries, "
            f"above their maximum load of {max_load[column]}"
        )

    need = k - locks_per_entry
    remaining_max = max_load - locked_load
    remaining_min = np.maximum(min_load - locked_load, 0)
    blocked = conflicts | exclusions
    eligible = ~blocked & ~locked & (remaining_max > 0)[None, :] & (need > 0)[:, None]
    prepared = PreparedProblem(
        entry_ids=entry_ids,
        judge_ids=judge_ids,
        judges_per_entry=k,
        affinity=affinity,
        locked=locked,
        eligible=eligible,
        need=need,
        locked_load=locked_load,
        remaining_min=remaining_min,
        remaining_max=remaining_max,
    )
    _check_counts(prepared, blocked=blocked, min_load=min_load, max_load=max_load)
    return prepared


def _check_counts(
    prepared: PreparedProblem, *, blocked: np.ndarray, min_load: np.ndarray, max_load: np.ndarray
) -> None:
    entry_ids, judge_ids, k = prepared.entry_ids, prepared.judge_ids, prepared.judges_per_entry
    eligible_per_entry = prepared.eligible.sum(axis=1)
    short_entries = np.flatnonzero(eligible_per_entry < prepared.need)
    if len(short_entries):
        row = short_entries[0]
        full = int((~blocked[row] & ~prepared.locked[row] & (prepared.remaining_max <= 0)).sum())
        raise AssignmentInfeasible(
            f"entry {entry_ids[row]!r} needs {prepared.need[row]} more judge(s) but only "
            f"{eligible_per_entry[row]} are eligible ({int(blocked[row].sum())} conflicted or "
            f"excluded, {full} with no room left under their maximum load, "
            f"{int(prepared.locked[row].sum())} locked)"
        )

    total_reviews = k * len(entry_ids)
    if int(max_load.sum()) < total_reviews:
        raise AssignmentInfeasible(
            f"the judges can review at most {int(max_load.sum())} entries in total, but "
            f"{len(entry_ids)} entries × {k} judges need {total_reviews} reviews"
        )
    # A judge's lock count above their minimum already covers that minimum.
    least_reviews = int(np.maximum(min_load, prepared.locked_load).sum())
    if least_reviews > total_reviews:
        raise AssignmentInfeasible(
            f"the judges' minimum loads add up to {least_reviews} reviews, but "
            f"{len(entry_ids)} entries × {k} judges give only {total_reviews}"
        )

    available_per_judge = prepared.eligible.sum(axis=0) + prepared.locked_load
    short_judges = np.flatnonzero(available_per_judge < min_load)
    if len(short_judges):
        column = short_judges[0]
        raise AssignmentInfeasible(
            f"judge {judge_ids[column]!r} must review at least {min_load[column]} entries but "
            f"only {available_per_judge[column]} entries are open to them "
            f"({int(blocked[:, column].sum())} conflicted or excluded)"
        )


def _unique_ids(ids: list[Hashable], *, kind: str) -> list[Hashable]:
    seen: set[Hashable] = set()
    for item in ids:
        if item in seen:
            raise ValueError(f"{kind} id {item!r} appears more than once")
        seen.add(item)
    return ids


# Unknown ids raise rather than being skipped: a conflict silently dropped because its id has
# the wrong type (1 vs "1") would put a conflicted judge on an entry.
def _row(entry_index: Mapping[Hashable, int], entry_id: Hashable, name: str) -> int:
    try:
        return entry_index[entry_id]
    except KeyError:
        raise ValueError(f"{name} mention unknown entry {entry_id!r}") from None


def _column(judge_index: Mapping[Hashable, int], judge_id: Hashable, name: str) -> int:
    try:
        return judge_index[judge_id]
    except KeyError:
        raise ValueError(f"{name} mention unknown judge {judge_id!r}") from None


def _affinity_matrix(
    affinity: AffinityInput,
    *,
    entry_ids: list[Hashable],
    entry_index: Mapping[Hashable, int],
    judge_index: Mapping[Hashable, int],
) -> np.ndarray:
    shape = (len(entry_index), len(judge_index))
    if isinstance(affinity, np.ndarray):
        if affinity.shape != shape:
            raise ValueError(
                f"affinity matrix has shape {affinity.shape}, expected {shape} "
                "(one row per entry, one column per judge)"
            )
        matrix = np.asarray(affinity, dtype=np.float64)
    elif isinstance(affinity, Mapping):
        matrix = np.zeros(shape, dtype=np.float64)
        for (entry_id, judge_id), value in affinity.items():
            row = _row(entry_index, entry_id, "affinity")
            matrix[row, _column(judge_index, judge_id, "affinity")] = value
    elif callable(affinity):
        judge_ids = list(judge_index)
        matrix = np.array(
            [[affinity(entry_id, judge_id) for judge_id in judge_ids] for entry_id in entry_ids],
            dtype=np.float64,
        ).reshape(shape)
    else:
        raise TypeError(f"unsupported affinity type {type(affinity).__name__}")
    if not np.all((matrix >= 0.0) & (matrix <= 1.0)):  # also rejects NaN
        raise ValueError("affinity values must be numbers between 0 and 1")
    return matrix
