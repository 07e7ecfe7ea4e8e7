"""Ranks experts for a text: cosine similarity of the text and the expertise, plus shared
sectors and keywords found in the text. Pure Python and numpy, no Django."""

from dataclasses import dataclass, field

import numpy as np

SECTOR_WEIGHT = 0.10
KEYWORD_WEIGHT = 0.03
MAX_KEYWORD_BONUS = 3
# Without a shared sector or keyword an expert is suggested only on a close text match.
COSINE_ALONE = 0.89


@dataclass(frozen=True)
class Candidate:
    key: int
    sectors: frozenset[str]
    keywords: tuple[str, ...]
    vector: np.ndarray | None = None


@dataclass(frozen=True)
class Ranked:
    key: int
    score: float
    cosine: float
    shared_sectors: list[str] = field(default_factory=list)
    matched_keywords: list[str] = field(default_factory=list)


def sectors_shared(wanted: set[str], offered: frozenset[str]) -> list[str]:
    """Codes of `wanted` that the expert covers: the same sector, or a parent/child of it."""
    shared = []
    for code in sorted(wanted):
        parent = code.split(".")[0]
        if any(other in (code, parent) or other.split(".")[0] == code for other in offered):
            shared.append(code)
    return shared


def keywords_in(text_casefold: str, keywords: tuple[str, ...]) -> list[str]:
    return [word for word in keywords if word.strip() and word.casefold() in text_casefold]


def rank(
    *,
    query_vector: np.ndarray | None,
    text: str,
    sectors: set[str],
    candidates: list[Candidate],
    limit: int,
) -> list[Ranked]:
    text_casefold = text.casefold()
    ranked = []
    for candidate in candidates:
        cosine = 0.0
        if query_vector is not None and candidate.vector is not None:
            cosine = float(np.dot(query_vector, candidate.vector))
        shared = sectors_shared(sectors, candidate.sectors)
        matched = keywords_in(text_casefold, candidate.keywords)
        if not shared and not matched and cosine < COSINE_ALONE:
            continue
        share = len(shared) / len(sectors) if sectors else 0.0
        score = (
            cosine + SECTOR_WEIGHT * share + KEYWORD_WEIGHT * min(len(matched), MAX_KEYWORD_BONUS)
        )
        ranked.append(Ranked(candidate.key, score, cosine, shared, matched))
    ranked.sort(key=lambda row: (-row.score, row.key))
    return ranked[:limit]


def dense_order(
    *,
    query_vector: np.ndarray,
    vectors: dict[int, np.ndarray],
    lexical: set[int],
    floor: float,
    margin: float,
) -> list[int]:
    """Registry search: lexical hits first (closest first), then experts whose expertise is
    close to the query (at least `floor` and within `margin` of the closest one)."""
    cosines = {key: float(np.dot(query_vector, vector)) for key, vector in vectors.items()}
    hits = sorted(lexical, key=lambda key: (-cosines.get(key, 0.0), key))
    others = {key: value for key, value in cosines.items() if key not in lexical}
    if others:
        cut = max(floor, max(others.values()) - margin)
        hits += sorted(
            (key for key, value in others.items() if value >= cut),
            key=lambda key: (-others[key], key),
        )
    return hits
