"""Scoring maths for competitions: normalisation, aggregation, ranking (pure, no Django)."""

from .aggregate import Criterion, aggregate_across_judges, weighted_criteria_score
from .normalise import JudgeScore, NormalisedScore, zscores_by_judge
from .ranking import RankedEntry, rank_entries

__all__ = [
    "Criterion",
    "JudgeScore",
    "NormalisedScore",
    "RankedEntry",
    "aggregate_across_judges",
    "rank_entries",
    "weighted_criteria_score",
    "zscores_by_judge",
]
