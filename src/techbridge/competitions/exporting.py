"""Scores, rankings and participant lists as CSV or XLSX (staff only; full names, since
staff see everything), through the platform's formula-safe table writer (core/tabular.py)."""

from techbridge.competitions import selectors
from techbridge.competitions.models import Assignment, Competition, Criterion
from techbridge.competitions.presenters import entry_code
from techbridge.competitions.ranking import round_ranking
from techbridge.core.tabular import table_bytes

KINDS = ("scores", "rankings", "participants")


def scores_rows(*, competition: Competition) -> tuple[list[str], list[list]]:
    criteria = list(
        Criterion.objects.filter(round__competition=competition).select_related("round")
    )
    header = (
        ["round", "entry", "title", "judge", "scored_at"]
        + [f"{c.round.name}: {c.name}" for c in criteria]
        + ["comment"]
    )
    rows = []
    assignments = (
        Assignment.objects.filter(round__competition=competition)
        .select_related("round", "entry", "judge")
        .order_by("round__level", "round_id", "entry_id", "judge__name")
    )
    for a in assignments:
        values = [a.scores.get(str(c.pk), "") if c.round_id == a.round_id else "" for c in criteria]
        rows.append(
            [
                a.round.name,
                entry_code(a.entry),
                a.entry.title,
                a.judge.name,
                a.scored_at.isoformat() if a.scored_at else "",
                *values,
                a.comment,
            ]
        )
    return header, rows


def rankings_rows(*, competition: Competition) -> tuple[list[str], list[list]]:
    header = [
        "round",
        "track",
        "rank",
        "tied",
        "entry",
        "title",
        "country",
        "raw",
        "z",
        "judges_scored",
        "judges_assigned",
        "advanced",
    ]
    rows = []
    for round_ in competition.rounds.all():
        ranking = round_ranking(round_=round_)
        for track, items in ranking.tracks:
            for row in items:
                rows.append(
                    [
                        round_.name,
                        track.name if track else "",
                        row.rank,
                        "yes" if row.tied else "",
                        entry_code(row.entry),
                        row.entry.title,
                        row.entry.country,
                        round(row.raw, 4),
                        round(row.z, 4),
                        len(row.judges),
                        row.assigned,
                        "yes" if row.advanced else "",
                    ]
                )
    return header, rows


def participants_rows(*, competition: Competition) -> tuple[list[str], list[list]]:
    header = ["name", "email", "language", "country", "organisation", "application", "notified"]
    rows = [
        [
            e.applicant.full_name,
            e.applicant.email,
            e.applicant.preferred_language,
            e.country,
            e.organisation.name if e.organisation else "",
            e.title,
            e.decision_notified_at.isoformat() if e.decision_notified_at else "",
        ]
        for e in selectors.participants(competition=competition)
    ]
    return header, rows


def competition_export(*, competition: Competition, kind: str, fmt: str) -> bytes:
    builder = {"scores": scores_rows, "rankings": rankings_rows, "participants": participants_rows}
    header, rows = builder[kind](competition=competition)
    return table_bytes(header=header, rows=rows, fmt=fmt, sheet=kind)
