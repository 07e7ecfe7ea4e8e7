"""Ranking per track with ties: standard competition ranking (1, 2, 2, 4).

Scores are compared after rounding to `decimals` places (default 9) so that results of
different arithmetic paths (0.1 + 0.2 versus 0.3) tie as they should; pass None to compare
exact floats. Tied entries share a rank and are listed by ascending id, so ids within a track
must be comparable with each other (all strings or all numbers).
"""

import math
from collections.abc import Hashable, Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class RankedEntry:
    entry_id: Hashable
    track: Hashable | None
    score: float
    rank: int


def rank_entries(
    *,
    scores: Mapping[Hashable, float],
    track_by_entry: Mapping[Hashable, Hashable] | None = None,
    decimals: int | None = 9,
) -> dict[Hashable | None, list[RankedEntry]]:
    """Ranks entries within each track, highest score first.

    Returns the tracks in order of first appearance in `scores` (all entries under the key None
    when `track_by_entry` is not given), each a list ordered by rank, then id.
    """
    by_track: dict[Hashable | None, list[Hashable]] = {}
    for entry_id, score in scores.items():
        if not math.isfinite(score):
            raise ValueError(f"score of entry {entry_id!r} is not finite")
        track = None if track_by_entry is None else track_by_entry[entry_id]
        by_track.setdefault(track, []).append(entry_id)

    def compared(entry_id: Hashable) -> float:
        score = scores[entry_id]
        return score if decimals is None else round(score, decimals)

    ranked: dict[Hashable | None, list[RankedEntry]] = {}
    for track, entry_ids in by_track.items():
        ordered = sorted(entry_ids, key=lambda entry_id: (-compared(entry_id), entry_id))
        rows: list[RankedEntry] = []
        for position, entry_id in enumerate(ordered):
            tied = rows and compared(rows[-1].entry_id) == compared(entry_id)
            rank = rows[-1].rank if tied else position + 1
            rows.append(
                RankedEntry(entry_id=entry_id, track=track, score=scores[entry_id], rank=rank)
            )
        ranked[track] = rows
    return ranked
