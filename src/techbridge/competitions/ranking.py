"""A round's ranking (read only): each judge's weighted criteria score, its z-score within
that judge's round, the judges combined by the round's method, and ranks per track with ties.
All maths is the scoring package's; this module only gathers the rows."""

from dataclasses import dataclass, field

from techbridge.competitions.enums import EntryStatus, ScoreBasis
from techbridge.competitions.models import Assignment, Entry, Round
from techbridge.competitions.scoring import (
    Criterion,
    JudgeScore,
    aggregate_across_judges,
    rank_entries,
    weighted_criteria_score,
    zscores_by_judge,
)

SCALE = 100  # weighted scores are 0..1; pages show 0..100


@dataclass
class JudgeRow:
    judge_id: int
    judge_name: str
    raw: float
    z: float


@dataclass
class RankingRow:
    entry: Entry
    track_id: int | None
    judges: list[JudgeRow] = field(default_factory=list)
    assigned: int = 0
    raw: float | None = None
    z: float | None = None
    score: float | None = None
    rank: int | None = None
    tied: bool = False
    advanced: bool = False
    suggested: bool = False

    @property
    def complete(self) -> bool:
        return self.assigned > 0 and len(self.judges) == self.assigned


@dataclass
class Ranking:
    round: Round
    basis: str
    method: str
    tracks: list[tuple[object, list[RankingRow]]]
    unscored: list[RankingRow]

    @property
    def rows(self) -> list[RankingRow]:
        return [row for _track, rows in self.tracks for row in rows] + self.unscored


def round_criteria(round_: Round) -> dict[str, Criterion]:
    return {
        str(c.pk): Criterion(weight=float(c.weight), minimum=c.min_score, maximum=c.max_score)
        for c in round_.criteria.all()
    }


def round_ranking(*, round_: Round, basis: str | None = None, method: str | None = None) -> Ranking:
    """Rankings per track of the round's submitted entries; entries with no score yet are
    listed apart (unranked). A constant number of queries whatever the size."""
    basis = basis if basis in ScoreBasis.values else round_.score_basis
    method = method if method in ("mean", "median") else round_.aggregation
    criteria = round_criteria(round_)
    round_entries = list(
        round_.round_entries.filter(entry__status=EntryStatus.SUBMITTED).select_related(
            "entry__track", "entry__organisation", "entry__applicant"
        )
    )
    rows = {
        re.entry_id: RankingRow(entry=re.entry, track_id=re.entry.track_id, advanced=re.advanced)
        for re in round_entries
    }
    assignments = list(
        Assignment.objects.filter(round=round_, entry_id__in=rows).select_related("judge")
    )
    judge_scores: list[JudgeScore] = []
    names: dict[int, str] = {}
    for assignment in assignments:
        row = rows[assignment.entry_id]
        row.assigned += 1
        if not assignment.scored_at or not criteria:
            continue
        try:
            value = weighted_criteria_score(scores=assignment.scores, criteria=criteria)
        except ValueError:
            continue  # the rubric changed after scoring; that score no longer counts
        names[assignment.judge_id] = assignment.judge.name
        judge_scores.append(
            JudgeScore(
                round_id=round_.pk,
                judge_id=assignment.judge_id,
                entry_id=assignment.entry_id,
                value=value * SCALE,
            )
        )
    for normalised in zscores_by_judge(scores=judge_scores):
        rows[normalised.entry_id].judges.append(
            JudgeRow(normalised.judge_id, names[normalised.judge_id], normalised.raw, normalised.z)
        )
    scored = {entry_id: row for entry_id, row in rows.items() if row.judges}
    if scored:
        raw = aggregate_across_judges(
            values_by_entry={k: [j.raw for j in r.judges] for k, r in scored.items()},
            method=method,
        )
        z = aggregate_across_judges(
            values_by_entry={k: [j.z for j in r.judges] for k, r in scored.items()},
            method=method,
        )
        for entry_id, row in scored.items():
            row.raw, row.z = raw[entry_id], z[entry_id]
            row.score = row.z if basis == ScoreBasis.Z else row.raw
    ranked = rank_entries(
        scores={entry_id: row.score for entry_id, row in scored.items()},
        track_by_entry={entry_id: row.track_id or 0 for entry_id, row in scored.items()},
    )
    tracks_by_id = {t.pk: t for t in round_.competition.tracks.all()}
    tracks = []
    for track_id, ranked_rows in ranked.items():
        ordered = []
        for item in ranked_rows:
            row = scored[item.entry_id]
            row.rank = item.rank
            ordered.append(row)
        counts: dict[int, int] = {}
        for row in ordered:
            counts[row.rank] = counts.get(row.rank, 0) + 1
        for row in ordered:
            row.tied = counts[row.rank] > 1
            row.suggested = row.rank <= round_.advance_count
        tracks.append((tracks_by_id.get(track_id), ordered))
    tracks.sort(key=lambda pair: (pair[0].position, pair[0].pk) if pair[0] else (-1, 0))
    unscored = [row for entry_id, row in rows.items() if entry_id not in scored]
    return Ranking(round=round_, basis=basis, method=method, tracks=tracks, unscored=unscored)
