"""Affinity from declared sectors and keywords, for when no embedding similarity is available."""

from collections.abc import Iterable


def affinity_from_overlap(
    *,
    entry_sectors: Iterable[str],
    entry_keywords: Iterable[str],
    judge_sectors: Iterable[str],
    judge_keywords: Iterable[str],
    sector_weight: float = 0.5,
) -> float:
    """Weighted mean of the Jaccard overlaps of sectors and of keywords, in 0..1.

    Sector codes are compared exactly; keywords case-insensitively with surrounding spaces
    ignored. A side with nothing declared overlaps nothing (Jaccard of two empty sets counts
    as 0), so missing data never makes a judge look like a good match.
    """
    if not 0.0 <= sector_weight <= 1.0:
        raise ValueError(f"sector_weight must be between 0 and 1, got {sector_weight}")
    sectors = _jaccard(set(entry_sectors), set(judge_sectors))
    keywords = _jaccard(_keyword_set(entry_keywords), _keyword_set(judge_keywords))
    return sector_weight * sectors + (1.0 - sector_weight) * keywords


def _keyword_set(keywords: Iterable[str]) -> set[str]:
    return {keyword.strip().casefold() for keyword in keywords if keyword.strip()}


def _jaccard(left: set[str], right: set[str]) -> float:
    union = left | right
    return len(left & right) / len(union) if union else 0.0
