"""Per-judge z-score normalisation within a round.

Some judges score generously and some harshly; subtracting each judge's own mean and dividing
by their own spread puts them on one scale before scores are combined across judges.

* The spread is the population standard deviation (divide by n, not n − 1): a judge's scores
  in a round are all of that judge's scores, not a sample of them.
* A judge with a single score, or with identical scores (zero variance), says nothing about
  how they rank entries against each other; their z-scores are 0, the neutral "average" value.
  Identical is decided exactly (max == min), so floating-point noise in the mean cannot turn
  equal scores into ±1.
* With `criterion` set, each (round, judge, criterion) is normalised on its own, since one
  judge may be strict on one criterion and lenient on another. Leave it None to normalise
  totals.
"""

import math
from collections import defaultdict
from collections.abc import Hashable, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class JudgeScore:
    round_id: Hashable
    judge_id: Hashable
    entry_id: Hashable
    value: float
    criterion: Hashable | None = None


@dataclass(frozen=True)
class NormalisedScore:
    round_id: Hashable
    judge_id: Hashable
    entry_id: Hashable
    criterion: Hashable | None
    raw: float
    z: float


def zscores_by_judge(*, scores: Sequence[JudgeScore]) -> list[NormalisedScore]:
    """Returns one NormalisedScore per input score, in input order, raw value alongside z."""
    groups: dict[tuple[Hashable, Hashable, Hashable], list[float]] = defaultdict(list)
    seen: set[tuple[Hashable, ...]] = set()
    for score in scores:
        if not math.isfinite(score.value):
            raise ValueError(
                f"score of judge {score.judge_id!r} for {score.entry_id!r} is not finite"
            )
        key = (score.round_id, score.judge_id, score.entry_id, score.criterion)
        if key in seen:
            raise ValueError(
                f"judge {score.judge_id!r} scored entry {score.entry_id!r} twice in round "
                f"{score.round_id!r}" + (f" on {score.criterion!r}" if score.criterion else "")
            )
        seen.add(key)
        groups[score.round_id, score.judge_id, score.criterion].append(score.value)

    spread: dict[tuple[Hashable, Hashable, Hashable], tuple[float, float]] = {}
    for key, values in groups.items():
        mean = math.fsum(values) / len(values)
        if max(values) == min(values):
            spread[key] = (mean, 0.0)
        else:
            variance = math.fsum((value - mean) ** 2 for value in values) / len(values)
            spread[key] = (mean, math.sqrt(variance))

    normalised = []
    for score in scores:
        mean, deviation = spread[score.round_id, score.judge_id, score.criterion]
        z = (score.value - mean) / deviation if deviation else 0.0
        normalised.append(
            NormalisedScore(
                round_id=score.round_id,
                judge_id=score.judge_id,
                entry_id=score.entry_id,
                criterion=score.criterion,
                raw=score.value,
                z=z,
            )
        )
    return normalised
