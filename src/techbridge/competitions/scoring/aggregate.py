"""Combining criteria into one score per judge, then judges into one score per entry.

Criteria are normalised to 0..1 on their own scale before weighting: a 0–100 "impact"
criterion and a 1–5 "feasibility" criterion then count exactly by their weights, which a raw
weighted mean would not (the 0–100 one would dominate). The weighted score is therefore in
0..1 as well. Weights need not sum to 1; they are divided by their sum.
"""

import math
import statistics
from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Criterion:
    weight: float
    minimum: float = 0.0
    maximum: float = 10.0

    def __post_init__(self) -> None:
        if not self.weight >= 0:
            raise ValueError(f"criterion weight must not be negative, got {self.weight}")
        if not self.maximum > self.minimum:
            raise ValueError(f"criterion scale {self.minimum}..{self.maximum} is empty")


def weighted_criteria_score(
    *, scores: Mapping[Hashable, float], criteria: Mapping[Hashable, Criterion]
) -> float:
    """Weighted mean of the criterion scores, each first mapped from its scale to 0..1."""
    missing = [name for name in criteria if name not in scores]
    unknown = [name for name in scores if name not in criteria]
    if missing or unknown:
        raise ValueError(f"criteria missing: {missing or 'none'}; unknown: {unknown or 'none'}")
    total_weight = math.fsum(criterion.weight for criterion in criteria.values())
    if total_weight <= 0:
        raise ValueError("at least one criterion needs a positive weight")
    parts = []
    for name, criterion in criteria.items():
        value = scores[name]
        if not criterion.minimum <= value <= criterion.maximum:
            raise ValueError(
                f"score {value} for {name!r} is outside its scale "
                f"{criterion.minimum}..{criterion.maximum}"
            )
        unit = (value - criterion.minimum) / (criterion.maximum - criterion.minimum)
        parts.append(criterion.weight * unit)
    return math.fsum(parts) / total_weight


def aggregate_across_judges(
    *,
    values_by_entry: Mapping[Hashable, Sequence[float]],
    method: Literal["mean", "median"] = "mean",
) -> dict[Hashable, float]:
    """One value per entry from its judges' values: the mean, or the median (the mean of the
    two middle values for an even count), which resists a single outlying judge."""
    if method not in ("mean", "median"):
        raise ValueError(f"method must be 'mean' or 'median', got {method!r}")
    combined = {}
    for entry_id, values in values_by_entry.items():
        if not values:
            raise ValueError(f"entry {entry_id!r} has no scores")
        if method == "mean":
            combined[entry_id] = math.fsum(values) / len(values)
        else:
            combined[entry_id] = float(statistics.median(values))
    return combined
