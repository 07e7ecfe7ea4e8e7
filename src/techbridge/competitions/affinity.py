"""Expertise affinity between entries and judges, and conflicts of interest.

Affinity: where the matching engine's embedder is available, the cosine similarity of an
entry's text (title, summary, keywords) and a judge's expertise text is blended half and half
with `affinity_from_overlap` on declared sectors and keywords; otherwise the overlap alone.
A judge who wrote no expertise text gets the overlap alone.
"""

import logging
from collections.abc import Sequence

import numpy as np
from django.conf import settings
from django.utils.translation import gettext as _

from techbridge.competitions.assignment import affinity_from_overlap
from techbridge.competitions.models import Conflict, Entry, Judge, Round, TeamMember
from techbridge.organisations.models import Membership

logger = logging.getLogger(__name__)

EMBEDDING_SHARE = 0.5


def _entry_text(entry: Entry) -> str:
    return "\n".join([entry.title, entry.summary, ", ".join(entry.keywords)]).strip()


def _judge_text(judge: Judge) -> str:
    if not (judge.expertise.strip() or judge.keywords):
        return ""
    return "\n".join([judge.expertise, ", ".join(judge.keywords)]).strip()


def _cosines(entries: Sequence[Entry], judges: Sequence[Judge]) -> np.ndarray | None:
    """Entry × judge cosine similarities in 0..1, or None when no embedder can be used."""
    try:
        from techbridge.matching.embedding import process_embedder

        embedder = process_embedder()
        passages = embedder.embed_passages([_entry_text(e) for e in entries])
        queries = embedder.embed_queries([_judge_text(j) or j.name for j in judges])
    except Exception:  # any embedder failure falls back to overlap
        logger.warning("embedder unavailable; affinity from sector/keyword overlap", exc_info=True)
        return None
    matrix = np.asarray(passages, dtype=np.float64) @ np.asarray(queries, dtype=np.float64).T
    return np.clip(matrix, 0.0, 1.0)


def affinity_matrix(
    *, entries: Sequence[Entry], judges: Sequence[Judge], use_embeddings: bool | None = None
) -> tuple[np.ndarray, str]:
    """One row per entry, one column per judge, values in 0..1; and the source used.
    `use_embeddings` None: as settings.COMPETITION_EMBEDDING_AFFINITY says (default on)."""
    if use_embeddings is None:
        use_embeddings = getattr(settings, "COMPETITION_EMBEDDING_AFFINITY", True)
    overlap = np.zeros((len(entries), len(judges)))
    for row, entry in enumerate(entries):
        for column, judge in enumerate(judges):
            overlap[row, column] = affinity_from_overlap(
                entry_sectors=entry.sectors,
                entry_keywords=entry.keywords,
                judge_sectors=judge.sectors,
                judge_keywords=judge.keywords,
            )
    if not entries or not judges or not use_embeddings:
        return overlap, "overlap"
    cosines = _cosines(entries, judges)
    if cosines is None:
        return overlap, "overlap"
    has_text = np.array([bool(_judge_text(judge)) for judge in judges])
    blended = (1 - EMBEDDING_SHARE) * overlap + EMBEDDING_SHARE * cosines
    return np.where(has_text[np.newaxis, :], blended, overlap), "embedding+overlap"


def round_conflicts(
    *, round_: Round, entries: Sequence[Entry], judges: Sequence[Judge]
) -> dict[tuple[int, int], str]:
    """(entry pk, judge pk) → the reason they may not be paired, for every conflicted pair.

    Detected: the judge is the applicant, a member of the entry's organisation or of the same
    organisation as the judge's declared one, a team member (same e-mail), or from the entry's
    country when the round says so. Declared: the judge's (or staff's) conflicts with an entry
    or with an organisation.
    """
    entry_ids = [entry.pk for entry in entries]
    judge_user_ids = [judge.user_id for judge in judges if judge.user_id]
    organisations_of_user: dict[int, set[int]] = {}
    for user_id, organisation_id in Membership.objects.filter(
        user_id__in=judge_user_ids
    ).values_list("user_id", "organisation_id"):
        organisations_of_user.setdefault(user_id, set()).add(organisation_id)
    team_emails: dict[int, set[str]] = {}
    for entry_id, email in (
        TeamMember.objects.filter(entry_id__in=entry_ids)
        .exclude(email="")
        .values_list("entry_id", "email")
    ):
        team_emails.setdefault(entry_id, set()).add(email.casefold())
    declared = list(
        Conflict.objects.filter(judge__in=[judge.pk for judge in judges]).values_list(
            "judge_id", "entry_id", "organisation_id", "reason"
        )
    )
    conflicts: dict[tuple[int, int], str] = {}
    for judge in judges:
        own = set(organisations_of_user.get(judge.user_id, set()))
        if judge.organisation_id:
            own.add(judge.organisation_id)
        for entry in entries:
            reason = _detected(round_, entry, judge, own, team_emails.get(entry.pk, set()))
            if reason:
                conflicts[entry.pk, judge.pk] = reason
    by_organisation: dict[int, list[int]] = {}
    for entry in entries:
        if entry.organisation_id:
            by_organisation.setdefault(entry.organisation_id, []).append(entry.pk)
    for judge_id, entry_id, organisation_id, reason in declared:
        if entry_id in entry_ids:
            conflicts.setdefault((entry_id, judge_id), reason)
        for other in by_organisation.get(organisation_id, []):
            conflicts.setdefault((other, judge_id), reason)
    return conflicts


def _detected(round_, entry, judge, own_organisations, team_emails) -> str:
    if judge.user_id and judge.user_id == entry.applicant_id:
        return _("The judge is the applicant.")
    if entry.organisation_id and entry.organisation_id in own_organisations:
        return _("Same organisation.")
    if judge.email.casefold() in team_emails:
        return _("The judge is in the team.")
    if round_.same_country_conflict and judge.country and judge.country == entry.country:
        return _("Same country.")
    return ""
