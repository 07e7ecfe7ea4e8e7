"""What of a listing goes into the search index: passages (original text and every
translation of the title and teaser) and the metadata that filters and facets need."""

from techbridge.catalog.models import Need, Technology
from techbridge.matching.engine.passages import split_passages

HEAD = {Technology: ("title", "summary"), Need: ("title", "problem")}
BODY = {
    Technology: ("description", "problem", "benefits", "reference_deployments"),
    Need: ("context", "desired_outcome", "constraints"),
}


def listing_kind(listing) -> str:
    return "technology" if isinstance(listing, Technology) else "need"


def listing_passages(listing) -> list[tuple[str, str, str]]:
    """[(field, language, text)]: the original head and body, then translated heads."""
    model = type(listing)
    head_fields = HEAD[model]
    head = ". ".join(getattr(listing, name) for name in head_fields if getattr(listing, name))
    body = "\n".join(getattr(listing, name) for name in BODY[model] if getattr(listing, name))
    passages = [("original", listing.language, text) for text in split_passages(head, body)]
    for language, entries in sorted((listing.translations or {}).items()):
        parts = [entries[name]["text"] for name in head_fields if name in entries]
        if parts:
            passages.append(("translation", language, ". ".join(parts)))
    return passages


def listing_meta(listing) -> dict:
    meta = {
        "status": listing.status,
        "visibility": listing.visibility,
        "organisation": listing.organisation_id,
        "language": listing.language,
        "sectors": sorted(s.code for s in listing.sectors.all()),
        "sdgs": sorted(g.number for g in listing.sdgs.all()),
    }
    if isinstance(listing, Technology):
        meta.update(
            country=listing.organisation.country,
            trl=listing.trl,
            transfer_modes=sorted(listing.transfer_mode_values),
        )
    else:
        meta.update(country=listing.country)
    return meta
