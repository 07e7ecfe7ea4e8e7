"""Machine translation of listings, in the worker; human translations are never overwritten."""

from django.db import transaction

from techbridge.catalog.models import ListingEvent, Need, Technology
from techbridge.core.languages import ui_language_codes
from techbridge.core.machine_translation import translation_backend
from techbridge.matching.services import listing_index_enqueue

MODELS = {"technology": Technology, "need": Need}


def translation_enqueue(*, listing) -> None:
    if translation_backend() is None:
        return
    from techbridge.catalog.tasks import translate_listing

    kind = "technology" if isinstance(listing, Technology) else "need"
    translate_listing.enqueue(kind=kind, pk=listing.pk)


def listing_machine_translate(*, kind: str, pk: int) -> int:
    """Fills missing translations of every text field into every UI language."""
    backend = translation_backend()
    listing = MODELS[kind].objects.filter(pk=pk).first()
    if backend is None or listing is None:
        return 0
    translations = dict(listing.translations or {})
    added = 0
    for target in ui_language_codes():
        if target == listing.language:
            continue
        existing = translations.get(target, {})
        fields = [
            name
            for name in listing.TRANSLATED_FIELDS
            if getattr(listing, name) and not existing.get(name)
        ]
        if not fields:
            continue
        texts = backend.translate(
            [getattr(listing, name) for name in fields], source=listing.language, target=target
        )
        entry = dict(existing)
        for name, text in zip(fields, texts, strict=True):
            entry[name] = {"text": text, "kind": "machine"}
            added += 1
        translations[target] = entry
    with transaction.atomic():
        # Re-read so a human translation saved meanwhile wins over the machine one.
        fresh = MODELS[kind].objects.select_for_update().get(pk=pk)
        for code, entry in translations.items():
            merged = dict(entry)
            merged.update(fresh.translations.get(code, {}))
            fresh.translations[code] = merged
        fresh.save(update_fields=["translations"])
        target = {kind: fresh}
        ListingEvent.objects.create(
            action="machine_translated", to_status=fresh.status, changes={"fields": added}, **target
        )
        listing_index_enqueue(listing=fresh)
    return added
