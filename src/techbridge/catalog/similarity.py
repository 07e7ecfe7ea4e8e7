"""Near-duplicate text detection with character trigrams (pure Python, no Django).

Character n-grams work for scripts without spaces (Thai, Lao, Khmer, Burmese, Chinese) as
well as for Latin text, and tolerate small edits, reordering and punctuation changes.
"""

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def _keep(char: str) -> bool:
    # Letters, numbers and combining marks: Thai, Lao, Khmer and Burmese vowels and tone
    # marks are combining marks, which \w in regular expressions does not match.
    return unicodedata.category(char)[0] in "LMN"


def normalise(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).casefold()
    return _SPACES.sub(" ", "".join(c if _keep(c) else " " for c in text)).strip()


def trigrams(text: str) -> frozenset[str]:
    compact = normalise(text)
    if len(compact) < 3:
        return frozenset([compact]) if compact else frozenset()
    return frozenset(compact[i : i + 3] for i in range(len(compact) - 2))


def jaccard(left: frozenset[str], right: frozenset[str]) -> float:
    if not left or not right:
        return 0.0
    return len(left & right) / len(left | right)


def near_duplicates(
    text: str, candidates: list[tuple[int, str]], *, threshold: float = 0.55, limit: int = 5
) -> list[tuple[int, float]]:
    """Returns (id, similarity) of the candidates at or above the threshold, best first."""
    probe = trigrams(text)
    scored = [(key, jaccard(probe, trigrams(other))) for key, other in candidates]
    hits = [(key, round(score, 3)) for key, score in scored if score >= threshold]
    return sorted(hits, key=lambda hit: -hit[1])[:limit]
