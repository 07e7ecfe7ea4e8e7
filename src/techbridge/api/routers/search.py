"""Cross-lingual search and recommendations over JSON, with the same visibility as the pages."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from techbridge.api.auth import PUBLIC
from techbridge.api.routers.catalog import ListingOut, _viewer, listing_out
from techbridge.catalog import rules
from techbridge.catalog.models import Need, Technology
from techbridge.matching import selectors
from techbridge.matching.recommend import recommendations_for
from techbridge.matching.rules import can_suggest_labels
from techbridge.matching.suggestions import listing_label_suggestions

router = Router(tags=["search"])
MODELS = {"technology": Technology, "need": Need}


class SearchQuery(Schema):
    q: str
    kind: str = ""
    sector: str = ""
    sdg: int | None = None
    country: str = ""
    trl: int | None = None
    transfer_mode: str = ""
    page: int = 1
    page_size: int = 20


class SearchItem(Schema):
    score: float
    snippet: str
    snippet_language: str
    listing: ListingOut


class SearchPage(Schema):
    count: int
    page: int
    items: list[SearchItem]
    facets: dict[str, dict[str, int]]


class RecommendationItem(Schema):
    score: float
    shared_sectors: list[str]
    shared_sdgs: list[int]
    terms: list[str]
    closest_passage: str
    listing: ListingOut


@router.get("/search", response=SearchPage, auth=PUBLIC, summary="Search every language")
def search(request, query: Query[SearchQuery]):
    user = _viewer(request)
    size = max(1, min(query.page_size, 100))
    page = max(query.page, 1)
    filters = selectors.SearchFilters(
        **{
            k: v
            for k, v in query.dict(exclude={"q", "page", "page_size"}).items()
            if v not in (None, "")
        }
    )
    results, total, facets = selectors.search(
        user=user, query=query.q, filters=filters, offset=(page - 1) * size, limit=size
    )
    items = [
        {
            "score": result.score,
            "snippet": str(result.snippet),
            "snippet_language": result.snippet_language,
            "listing": listing_out(user=user, listing=_listing_of(result)),
        }
        for result in results
    ]
    facets_out = {name: {str(k): v for k, v in counts.items()} for name, counts in facets.items()}
    return {"count": total, "page": page, "items": items, "facets": facets_out}


def _listing_of(result):
    return MODELS[result.view.kind].objects.select_related("organisation").get(pk=result.view.pk)


@router.get(
    "/{kind}/{pk}/recommendations",
    response=list[RecommendationItem],
    auth=PUBLIC,
    summary="What answers this technology or need",
)
def recommendations(request, kind: str, pk: int):
    model = MODELS.get(kind)
    if model is None:
        raise Http404
    user = _viewer(request)
    listing = get_object_or_404(model.objects.select_related("organisation"), pk=pk)
    if not rules.can_view_listing(user, listing):
        raise Http404
    return [
        {
            "score": rec.score,
            "shared_sectors": rec.shared_sectors,
            "shared_sdgs": rec.shared_sdgs,
            "terms": rec.terms,
            "closest_passage": rec.target_passage,
            "listing": listing_out(user=user, listing=_listing_of(rec)),
        }
        for rec in recommendations_for(user=user, listing=listing)
    ]


class LabelSuggestionsIn(Schema):
    text: str = Field(..., max_length=20000, description="Title and description, any language")


class LabelSuggestionOut(Schema):
    code: str
    name: str
    score: float


class LabelSuggestionsOut(Schema):
    sectors: list[LabelSuggestionOut]
    sdgs: list[LabelSuggestionOut]


@router.post(
    "/suggest-labels",
    response=LabelSuggestionsOut,
    summary="Suggest sectors and SDGs for a listing's text",
)
def suggest_labels(request, payload: LabelSuggestionsIn):
    if not can_suggest_labels(_viewer(request)):
        raise PermissionDenied
    suggestions = listing_label_suggestions(text=payload.text)
    return {"sectors": suggestions["sector"], "sdgs": suggestions["sdg"]}
