from techbridge.catalog.enums import Status
from techbridge.catalog.models import Need, Technology
from techbridge.catalog.similarity import near_duplicates

_TEXT_FIELD = {Technology: "summary", Need: "problem"}


def _fingerprint(title: str, text: str) -> str:
    return f"{title} {text[:400]}"


def listing_duplicates(*, model, title: str, text: str, exclude_pk: int | None = None) -> list:
    """Existing listings (any organisation) that look like the same offer or need."""
    field = _TEXT_FIELD[model]
    rows = (
        model.objects.exclude(status__in=[Status.WITHDRAWN, Status.REJECTED])
        .exclude(pk=exclude_pk)
        .values_list("pk", "title", field)
    )
    candidates = [(pk, _fingerprint(t, body)) for pk, t, body in rows]
    hits = near_duplicates(_fingerprint(title, text), candidates)
    listings = model.objects.select_related("organisation").in_bulk([pk for pk, _s in hits])
    return [(listings[pk], score) for pk, score in hits]
