"""Input and output types of quota selection."""

from collections.abc import Hashable
from dataclasses import dataclass


class SelectionInfeasible(ValueError):
    """The quotas cannot be met; the message names the countries concerned."""


@dataclass(frozen=True)
class Applicant:
    """`id` values must be comparable with each other (ties are broken by ascending id)."""

    id: Hashable
    country: str
    score: float
    track: Hashable | None = None


@dataclass(frozen=True)
class CountryQuota:
    minimum: int = 0
    maximum: int | None = None  # None: no upper limit beyond the overall capacity

    def __post_init__(self) -> None:
        if self.minimum < 0 or (self.maximum is not None and self.maximum < 0):
            raise ValueError("quota limits must not be negative")
        if self.maximum is not None and self.minimum > self.maximum:
            raise ValueError(f"quota minimum {self.minimum} is above maximum {self.maximum}")


@dataclass(frozen=True)
class Selection:
    """`selected` is ordered by descending score, then ascending id."""

    selected: tuple[Hashable, ...]
    total_score: float
    count_by_country: dict[str, int]
    solve_seconds: float
    method: str
