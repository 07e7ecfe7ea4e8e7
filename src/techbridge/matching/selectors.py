"""Reads from the search index: cross-lingual search with facets and highlighted snippets."""

from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from techbridge.accounts.models import User
from techbridge.catalog import rules
from techbridge.catalog.enums import Status, Visibility
from techbridge.catalog.models import Need, Technology
from techbridge.catalog.presenters import ListingView, listing_view
from techbridge.catalog.selectors import _member_flag
from techbridge.matching.engine.engine import PAGE_CANDIDATES
from techbridge.matching.engine.text import _segments, normalise, normalise_for_index, tokenize
from techbridge.matching.index import process_index

MODELS = {"technology": Technology, "need": Need}
SNIPPET_CHARS = 280


@dataclass(frozen=True)
class SearchFilters:
    kind: str = ""
    sector: str = ""
    sdg: int | None = None
    country: str = ""
    trl: int | None = None
    transfer_mode: str = ""


@dataclass
class SearchResult:
    view: ListingView
    score: float
    snippet: SafeString
    snippet_language: str
    snippet_is_translation: bool
    terms: list[str] = field(default_factory=list)


def highlight(text: str, terms: set[str], limit: int = SNIPPET_CHARS) -> SafeString:
    """Escapes the text and marks the words that match the query, in any script."""
    pieces, first_match, length = [], None, 0
    for segment in _segments(normalise(text)):
        if terms and normalise_for_index(segment).strip() in terms:
            first_match = first_match if first_match is not None else length
            pieces.append(f"<mark>{escape(segment)}</mark>")
        else:
            pieces.append(escape(segment))
        length += len(segment)
    html = "".join(pieces).replace("</mark><mark>", "")  # 太阳|能 reads as one highlight
    if length <= limit:
        return mark_safe(html)  # noqa: S308 - every piece was escaped above
    # Cut on segment boundaries around the first match so no tag is split.
    start_char = max(0, (first_match or 0) - limit // 3)
    out, position = [], 0
    for segment, piece in zip(_segments(normalise(text)), pieces, strict=True):
        if position >= start_char and position < start_char + limit:
            out.append(piece)
        position += len(segment)
    prefix = "… " if start_char else ""
    return mark_safe(prefix + "".join(out).replace("</mark><mark>", "") + " …")  # noqa: S308


def _visible(meta: dict, user: User) -> bool:
    if meta.get("status") != Status.PUBLISHED:
        return False
    return meta.get("visibility") != Visibility.MEMBERS or _member_flag(user)


def _matches(doc_id: str, meta: dict, filters: SearchFilters) -> bool:
    kind = doc_id.split(":", 1)[0]
    checks = [
        not filters.kind or kind == filters.kind,
        not filters.sector
        or any(
            s == filters.sector or s.startswith(filters.sector + ".")
            for s in meta.get("sectors", [])
        ),
        not filters.sdg or filters.sdg in meta.get("sdgs", []),
        not filters.country or meta.get("country") == filters.country,
        not filters.trl or meta.get("trl") == filters.trl,
        not filters.transfer_mode or filters.transfer_mode in meta.get("transfer_modes", []),
    ]
    return all(checks)


def _facets(entries: list[tuple[str, dict]]) -> dict[str, dict]:
    facets: dict[str, dict] = {
        name: {} for name in ("kind", "sector", "sdg", "country", "trl", "transfer_mode")
    }
    for doc_id, meta in entries:
        values = {
            "kind": [doc_id.split(":", 1)[0]],
            "sector": meta.get("sectors", []),
            "sdg": meta.get("sdgs", []),
            "country": [meta.get("country")] if meta.get("country") else [],
            "trl": [meta["trl"]] if meta.get("trl") else [],
            "transfer_mode": meta.get("transfer_modes", []),
        }
        for name, items in values.items():
            for item in items:
                facets[name][item] = facets[name].get(item, 0) + 1
    return facets


def _load(doc_ids: list[str]) -> dict[str, object]:
    by_kind: dict[str, list[int]] = {}
    for doc_id in doc_ids:
        kind, pk = doc_id.split(":", 1)
        by_kind.setdefault(kind, []).append(int(pk))
    loaded = {}
    for kind, pks in by_kind.items():
        model = MODELS[kind]
        related = ["sectors", "sdgs", *(["transfer_modes"] if model is Technology else [])]
        listings = (
            model.objects.filter(pk__in=pks)
            .select_related("organisation")
            .prefetch_related(*related)
        )
        loaded.update({f"{kind}:{listing.pk}": listing for listing in listings})
    return loaded


def search(*, user: User, query: str, filters: SearchFilters, offset: int = 0, limit: int = 20):
    """Returns (results for this page, number of matches, facet counts)."""
    index = process_index()
    hits = index.engine.search(query, mode="hybrid", limit=PAGE_CANDIDATES) if query.strip() else []
    visible = [(hit, index.meta.get(hit.doc_id, {})) for hit in hits]
    visible = [(hit, meta) for hit, meta in visible if meta and _visible(meta, user)]
    facets = _facets([(hit.doc_id, meta) for hit, meta in visible])
    matching = [hit for hit, meta in visible if _matches(hit.doc_id, meta, filters)]
    page = matching[offset : offset + limit]
    listings = _load([hit.doc_id for hit in page])
    terms = set(tokenize(query))
    results = []
    for hit in page:
        listing = listings.get(hit.doc_id)
        if listing is None or not rules.can_view_listing(user, listing):
            continue  # the index lags behind the database for a moment: trust the database
        passage = index.engine.passage_text.get(hit.passage_key, "")
        field_name, language = index.passages.get(hit.passage_key, ("original", listing.language))
        results.append(
            SearchResult(
                view=listing_view(user=user, listing=listing),
                score=round(hit.score, 4),
                snippet=highlight(passage, terms),
                snippet_language=language,
                snippet_is_translation=field_name == "translation",
                terms=index.engine.lexical.matching_terms(query, hit.doc_id),
            )
        )
    return results, len(matching), facets
