"""Recommendations: needs for a technology, technologies for a need, partners for an
organisation; each with why (best passage pair, shared sectors and SDGs, shared terms)."""

from collections import defaultdict
from dataclasses import dataclass, field

import numpy as np

from techbridge.accounts.models import User
from techbridge.catalog import rules
from techbridge.catalog.presenters import ListingView, listing_view
from techbridge.matching.documents import listing_kind
from techbridge.matching.index import process_index
from techbridge.matching.selectors import _load, _visible
from techbridge.organisations.models import Organisation

OPPOSITE = {"technology": "need", "need": "technology"}
PER_PROVIDER = 2
SOURCE_PASSAGES = 4


@dataclass
class Recommendation:
    view: ListingView
    score: float
    source_passage: str
    target_passage: str
    target_language: str
    shared_sectors: list[str] = field(default_factory=list)
    shared_sdgs: list[int] = field(default_factory=list)
    terms: list[str] = field(default_factory=list)


def _own_organisations(user: User) -> set[int]:
    if not user.is_authenticated:
        return set()
    return set(user.memberships.values_list("organisation_id", flat=True))


def _source_vectors(index, doc_id: str) -> list[tuple[str, np.ndarray]]:
    keys = index.engine.doc_passages.get(doc_id, [])[:SOURCE_PASSAGES]
    vectors = index.engine.vectors.doc_vectors(doc_id)[:SOURCE_PASSAGES]
    return list(zip(keys, vectors, strict=False))


def recommendations_for(*, user: User, listing, limit: int = 10) -> list[Recommendation]:
    index = process_index()
    source_id = f"{listing_kind(listing)}:{listing.pk}"
    target_kind = OPPOSITE[listing_kind(listing)]
    excluded = _own_organisations(user) | {listing.organisation_id}
    best: dict[str, tuple[float, str, str]] = {}
    for source_key, vector in _source_vectors(index, source_id):
        for doc_id, score, target_key in index.engine.vectors.search(vector, limit=200):
            if not doc_id.startswith(target_kind + ":"):
                continue
            if doc_id not in best or score > best[doc_id][0]:
                best[doc_id] = (score, source_key, target_key)
    source_meta = index.meta.get(source_id, {})
    per_provider: dict[int, int] = defaultdict(int)
    chosen = []
    for doc_id, (score, source_key, target_key) in sorted(best.items(), key=lambda i: -i[1][0]):
        meta = index.meta.get(doc_id, {})
        organisation = meta.get("organisation")
        if not meta or not _visible(meta, user) or organisation in excluded:
            continue
        if per_provider[organisation] >= PER_PROVIDER:
            continue
        per_provider[organisation] += 1
        chosen.append((doc_id, score, source_key, target_key, meta))
        if len(chosen) >= limit:
            break
    listings = _load([doc_id for doc_id, *_rest in chosen])
    source_text = " ".join(
        index.engine.passage_text.get(k, "") for k, _v in _source_vectors(index, source_id)
    )
    results = []
    for doc_id, score, source_key, target_key, meta in chosen:
        target = listings.get(doc_id)
        if target is None or not rules.can_view_listing(user, target):
            continue
        results.append(
            Recommendation(
                view=listing_view(user=user, listing=target),
                score=round(score, 4),
                source_passage=index.engine.passage_text.get(source_key, ""),
                target_passage=index.engine.passage_text.get(target_key, ""),
                target_language=index.passages.get(target_key, ("", target.language))[1],
                shared_sectors=sorted(
                    set(source_meta.get("sectors", [])) & set(meta.get("sectors", []))
                ),
                shared_sdgs=sorted(set(source_meta.get("sdgs", [])) & set(meta.get("sdgs", []))),
                terms=index.engine.lexical.matching_terms(source_text, doc_id)[:6],
            )
        )
    return results


def partners_for(
    *, user: User, organisation: Organisation, limit: int = 8
) -> list[tuple[Organisation, float, int]]:
    """Organisations whose listings best answer this organisation's listings: (org, best score,
    number of matching listings)."""
    from techbridge.catalog.models import Need, Technology

    scores: dict[int, list[float]] = defaultdict(list)
    for model in (Technology, Need):
        for own in model.objects.filter(organisation=organisation, status="published")[:10]:
            for rec in recommendations_for(user=user, listing=own, limit=10):
                if rec.view.provider is not None:
                    scores[rec.view.provider.slug].append(rec.score)
    organisations = Organisation.objects.in_bulk(list(scores), field_name="slug")
    ranked = sorted(scores.items(), key=lambda item: -max(item[1]))[:limit]
    return [(organisations[slug], round(max(values), 4), len(values)) for slug, values in ranked]


def recommendation_feedback_evaluation(*, depth: int = 10) -> dict:
    """How today's recommendations agree with what members marked relevant or not: each
    judged pair is looked up in the recommendations its judge would see now. precision@depth
    counts judged pairs shown in the top `depth`; a better engine moves relevant pairs up
    and not-relevant ones out."""
    from techbridge.matching.models import RecommendationFeedback
    from techbridge.matching.services import MODELS

    groups: dict[tuple, list] = defaultdict(list)
    for feedback in RecommendationFeedback.objects.select_related("user"):
        groups[(feedback.user, feedback.source_kind, feedback.source_id)].append(feedback)
    ranks: list[tuple[bool, int | None]] = []
    for (user, kind, source_id), judged in groups.items():
        source = MODELS[kind].objects.filter(pk=source_id).select_related("organisation").first()
        shown = []
        if source is not None and rules.can_view_listing(user, source):
            shown = [
                f"{rec.view.kind}:{rec.view.pk}"
                for rec in recommendations_for(user=user, listing=source, limit=depth)
            ]
        for feedback in judged:
            target = f"{feedback.target_kind}:{feedback.target_id}"
            rank = shown.index(target) + 1 if target in shown else None
            ranks.append((feedback.relevant, rank))
    relevant = [rank for is_relevant, rank in ranks if is_relevant]
    shown_judged = [is_relevant for is_relevant, rank in ranks if rank is not None]
    return {
        "judged": len(ranks),
        "relevant": len(relevant),
        "not_relevant": len(ranks) - len(relevant),
        f"relevant_in_top{depth}": sum(1 for rank in relevant if rank is not None),
        f"not_relevant_in_top{depth}": shown_judged.count(False),
        f"precision@{depth}": round(shown_judged.count(True) / len(shown_judged), 4)
        if shown_judged
        else None,
        "relevant_mrr": round(sum(1 / r for r in relevant if r) / len(relevant), 4)
        if relevant
        else None,
    }
