"""Conflict-aware automatic judge assignment (pure Python, no Django)."""

from .affinity import affinity_from_overlap
from .flow import AFFINITY_SCALE, DEFAULT_CANDIDATES_PER_ENTRY, assign_judges
from .greedy import greedy_assignment
from .model import (
    AffinityInput,
    Assignment,
    AssignmentInfeasible,
    AssignmentProblem,
    Entry,
    Judge,
)

__all__ = [
    "AFFINITY_SCALE",
    "DEFAULT_CANDIDATES_PER_ENTRY",
    "AffinityInput",
    "Assignment",
    "AssignmentInfeasible",
    "AssignmentProblem",
    "Entry",
    "Judge",
    "affinity_from_overlap",
    "assign_judges",
    "greedy_assignment",
]
