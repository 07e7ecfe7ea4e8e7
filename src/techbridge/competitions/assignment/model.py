"""Input and output types of judge assignment.

Ids are any hashable values (database primary keys, slugs); they are never sorted, so mixing
types is fine. Wherever an order matters (ties, messages) the order of the input sequences is
used, which keeps results reproducible for the same input.
"""

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

EntryId = Hashable
JudgeId = Hashable
Pair = tuple[EntryId, JudgeId]

# Sparse mapping (missing pairs score 0), a function of the two ids, or a dense matrix with one
# row per entry and one column per judge, in the order of the problem's sequences.
AffinityInput = Mapping[Pair, float] | Callable[[EntryId, JudgeId], float] | np.ndarray


class AssignmentInfeasible(ValueError):
    """No assignment satisfies the constraints; the message names the entries or judges."""


@dataclass(frozen=True)
class Entry:
    id: EntryId


@dataclass(frozen=True)
class Judge:
    """A judge reviews between `min_load` and `max_load` entries (locked entries included)."""

    id: JudgeId
    max_load: int
    min_load: int = 0

    def __post_init__(self) -> None:
        if self.min_load < 0 or self.max_load < 0:
            raise ValueError(f"judge {self.id!r}: loads must not be negative")
        if self.min_load > self.max_load:
            raise ValueError(
                f"judge {self.id!r}: minimum load {self.min_load} is above "
                f"maximum load {self.max_load}"
            )


@dataclass(frozen=True)
class AssignmentProblem:
    """Everything the solver needs.

    `locks` are (entry, judge) pairs decided by hand: they are always in the result and count
    toward the entry's `judges_per_entry` and the judge's loads. `exclusions` are manual "never
    this pair" decisions and behave exactly like `conflicts`; they are kept apart so error
    messages can say which list a pair came from.
    """

    entries: Sequence[Entry]
    judges: Sequence[Judge]
    judges_per_entry: int
    affinity: AffinityInput
    conflicts: frozenset[Pair] = field(default_factory=frozenset)
    locks: frozenset[Pair] = field(default_factory=frozenset)
    exclusions: frozenset[Pair] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Assignment:
    """The result. `judges_by_entry` lists each entry's judges by descending affinity (ties in
    judge input order); every judge of the problem appears in `load_by_judge`, idle ones with 0.
    """

    judges_by_entry: dict[EntryId, tuple[JudgeId, ...]]
    load_by_judge: dict[JudgeId, int]
    total_affinity: float
    build_seconds: float
    solve_seconds: float
    method: str
    arc_count: int = 0

    def pairs(self) -> set[Pair]:
        return {
            (entry_id, judge_id)
            for entry_id, judge_ids in self.judges_by_entry.items()
            for judge_id in judge_ids
        }
