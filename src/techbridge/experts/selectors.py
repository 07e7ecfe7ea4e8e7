"""Reads for the expert registry: visible experts, registry search and suggestions for a text."""

from dataclasses import dataclass, field
from functools import lru_cache

import numpy as np
from django.db.models import Prefetch, Q, QuerySet

from techbridge.accounts.models import User
from techbridge.catalog.models import Need, Sector
from techbridge.experts.enums import Availability, ProfileVisibility
from techbridge.experts.models import Expert
from techbridge.experts.ranking import Candidate, dense_order, rank
from techbridge.experts.rules import is_member

DENSE_FLOOR = 0.82
DENSE_MARGIN = 0.01


@dataclass(frozen=True)
class ExpertFilters:
    q: str = ""
    sector: str = ""
    country: str = ""
    language: str = ""
    availability: str = ""


@dataclass(frozen=True)
class ExpertSuggestion:
    expert: Expert
    score: float
    shared_sectors: list[tuple[str, str]] = field(default_factory=list)
    matched_keywords: list[str] = field(default_factory=list)


def experts_visible(*, user: User) -> QuerySet[Expert]:
    experts = Expert.objects.all()
    if user.is_authenticated and user.is_staff:
        return experts
    shown = Q(is_verified=True, visibility=ProfileVisibility.PUBLIC)
    if is_member(user):
        shown = Q(is_verified=True)
    if user.is_authenticated:
        shown |= Q(user_id=user.pk)
    return experts.filter(shown)


def experts_prefetch(experts) -> QuerySet[Expert]:
    return experts.select_related("organisation").prefetch_related(
        Prefetch("sectors", queryset=Sector.objects.order_by("position"))
    )


def _json_has(field_name: str, code: str) -> Q:
    # JSON lists of codes, matched on their text form on SQLite and PostgreSQL alike.
    return Q(**{f"{field_name}__icontains": f'"{code}"'})


def expert_search(*, user: User, filters: ExpertFilters) -> QuerySet[Expert] | list[int]:
    """A queryset ordered by name, or, with a text query, the ids in relevance order: the text
    found in the profile (any language), then profiles whose expertise is close in meaning."""
    experts = experts_visible(user=user)
    if filters.sector:
        experts = experts.filter(
            Q(sectors__code=filters.sector) | Q(sectors__parent__code=filters.sector)
        ).distinct()
    if filters.country:
        experts = experts.filter(_json_has("countries", filters.country.upper()))
    if filters.language:
        experts = experts.filter(_json_has("languages_spoken", filters.language))
    if filters.availability:
        experts = experts.filter(availability=filters.availability)
    query = filters.q.strip()
    if not query:
        return experts.order_by("name", "pk")
    lexical = set(
        experts.filter(search_text__contains=query.casefold()).values_list("pk", flat=True)
    )
    vectors = _vectors(experts)
    query_vector = _query_vector(query) if vectors else None
    if query_vector is None:
        return sorted(lexical)
    return dense_order(
        query_vector=query_vector,
        vectors=vectors,
        lexical=lexical,
        floor=DENSE_FLOOR,
        margin=DENSE_MARGIN,
    )


def experts_by_ids(ids: list[int]) -> list[Expert]:
    by_pk = {expert.pk: expert for expert in experts_prefetch(Expert.objects.filter(pk__in=ids))}
    return [by_pk[pk] for pk in ids if pk in by_pk]


def _embedder_name() -> str | None:
    try:
        from techbridge.matching.embedding import process_embedder

        return process_embedder().name
    except Exception:  # no embedder: suggestions fall back to sectors and keywords
        return None


def _vectors(experts) -> dict[int, np.ndarray]:
    name = _embedder_name()
    if name is None:
        return {}
    rows = experts.filter(vector_embedder=name, vector__isnull=False).values_list("pk", "vector")
    return {pk: np.frombuffer(bytes(blob), dtype=np.float32) for pk, blob in rows}


@lru_cache(maxsize=512)
def _cached_query_vector(name: str, text: str) -> np.ndarray:
    from techbridge.matching.embedding import process_embedder

    return process_embedder().embed_queries([text])[0].astype(np.float32)


def _query_vector(text: str) -> np.ndarray | None:
    name = _embedder_name()
    if name is None or not text.strip():
        return None
    return _cached_query_vector(name, text[:4000])


def experts_for_text(
    *, text: str, sectors: list[str], limit: int = 5, user: User | None = None
) -> list[ExpertSuggestion]:
    """Verified experts who are available (fully or partly), best first, for a text in any
    language and its sector codes. With `user`, only experts that reader may see; without, every
    verified expert (for staff screens, e.g. judge candidates in competitions)."""
    experts = Expert.objects.filter(is_verified=True).exclude(availability=Availability.UNAVAILABLE)
    if user is not None:
        experts = experts.filter(pk__in=experts_visible(user=user).values("pk"))
        if user.is_authenticated:
            experts = experts.exclude(user_id=user.pk)
    rows = list(experts.values_list("pk", "keywords", "vector", "vector_embedder").order_by("pk"))
    if not rows:
        return []
    codes_by_expert: dict[int, set[str]] = {}
    through = Expert.sectors.through.objects.filter(expert_id__in=[row[0] for row in rows])
    for expert_id, code in through.values_list("expert_id", "sector__code"):
        codes_by_expert.setdefault(expert_id, set()).add(code)
    name = _embedder_name()
    query_vector = _query_vector(text) if name else None
    candidates = [
        Candidate(
            key=pk,
            sectors=frozenset(codes_by_expert.get(pk, ())),
            keywords=tuple(keywords or ()),
            vector=np.frombuffer(bytes(blob), dtype=np.float32)
            if blob is not None and embedder == name
            else None,
        )
        for pk, keywords, blob, embedder in rows
    ]
    ranked = rank(
        query_vector=query_vector,
        text=text,
        sectors=set(sectors),
        candidates=candidates,
        limit=limit,
    )
    experts_by_pk = {expert.pk: expert for expert in experts_by_ids([row.key for row in ranked])}
    sector_names = {sector.code: sector.name for sector in Sector.objects.filter(code__in=sectors)}
    return [
        ExpertSuggestion(
            expert=experts_by_pk[row.key],
            score=row.score,
            shared_sectors=[(code, sector_names.get(code, code)) for code in row.shared_sectors],
            matched_keywords=row.matched_keywords,
        )
        for row in ranked
        if row.key in experts_by_pk
    ]


def need_text(need: Need) -> str:
    parts = [need.title, need.problem, need.desired_outcome, need.context]
    return "\n".join(part for part in parts if part and part.strip())


def experts_for_need(*, user: User, need: Need, limit: int = 5) -> list[ExpertSuggestion]:
    return experts_for_text(
        text=need_text(need),
        sectors=[sector.code for sector in need.sectors.all()],
        limit=limit,
        user=user,
    )
