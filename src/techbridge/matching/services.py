"""Writes to the search index. Indexing runs in the worker; changes to listings enqueue it in
their own transaction, so an index update is never lost and never runs for a rolled-back
change. `index_catch_up` repairs anything a crashed worker missed."""

import numpy as np
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from techbridge.catalog.models import Need, Technology
from techbridge.matching.documents import listing_kind, listing_meta, listing_passages
from techbridge.matching.embedding import process_embedder
from techbridge.matching.models import IndexedDocument, IndexedPassage, IndexSequence
from techbridge.matching.pgvector import (
    passage_embeddings_write,
    pgvector_enabled,
    pgvector_index_ensure,
)

MODELS = {"technology": Technology, "need": Need}
BATCH = 100


def listings_index_enqueue(*, kind: str, pks: list[int]) -> None:
    from techbridge.matching.tasks import index_listings

    for start in range(0, len(pks), BATCH):
        index_listings.enqueue(kind=kind, pks=list(pks[start : start + BATCH]))


def listing_index_enqueue(*, listing) -> None:
    listings_index_enqueue(kind=listing_kind(listing), pks=[listing.pk])


def _next_seq() -> int:
    sequence, _created = IndexSequence.objects.select_for_update().get_or_create(pk=1)
    IndexSequence.objects.filter(pk=1).update(value=F("value") + 1)
    return sequence.value + 1


def listings_index(*, kind: str, pks: list[int]) -> int:
    """(Re)indexes these listings: passages embedded in one batch, rows replaced atomically."""
    model = MODELS[kind]
    listings = list(
        model.objects.filter(pk__in=pks)
        .select_related("organisation")
        .prefetch_related("sectors", "sdgs", *(["transfer_modes"] if model is Technology else []))
    )
    pgvector_index_ensure(dim=process_embedder().dim)
    found = {listing.pk for listing in listings}
    prepared = [(listing, listing_passages(listing)) for listing in listings]
    texts = [text for _listing, passages in prepared for _f, _l, text in passages]
    vectors = process_embedder().embed_passages(texts) if texts else np.zeros((0, 1))
    with transaction.atomic():
        row = 0
        for listing, passages in prepared:
            document, _created = IndexedDocument.objects.update_or_create(
                kind=kind,
                listing_id=listing.pk,
                defaults={
                    "seq": _next_seq(),
                    "removed": False,
                    "meta": listing_meta(listing),
                    "indexed_at": timezone.now(),
                },
            )
            document.passages.all().delete()
            created = IndexedPassage.objects.bulk_create(
                IndexedPassage(
                    document=document,
                    position=n,
                    field=field,
                    language=language,
                    text=text,
                    vector=vectors[row + n].astype(np.float32).tobytes(),
                )
                for n, (field, language, text) in enumerate(passages)
            )
            if pgvector_enabled() and created:
                passage_embeddings_write(
                    passages=created, vectors=vectors[row : row + len(passages)]
                )
            row += len(passages)
        for pk in set(pks) - found:  # deleted meanwhile
            IndexedDocument.objects.filter(kind=kind, listing_id=pk).update(
                removed=True, seq=_next_seq()
            )
    return len(listings)


def index_catch_up(*, progress=None) -> int:
    """Indexes every listing that is missing from the index or changed after it was indexed."""
    done = 0
    for kind, model in MODELS.items():
        indexed = dict(
            IndexedDocument.objects.filter(kind=kind, removed=False).values_list(
                "listing_id", "indexed_at"
            )
        )
        stale = [
            pk
            for pk, updated in model.objects.values_list("pk", "updated_at")
            if pk not in indexed or updated > indexed[pk]
        ]
        for start in range(0, len(stale), BATCH):
            done += listings_index(kind=kind, pks=stale[start : start + BATCH])
            if progress:
                progress(done)
    return done


def recommendation_feedback_save(*, user, source, target_kind: str, target_id: int, relevant: bool):
    """Members mark a recommendation relevant or not; counted in evaluation."""
    from techbridge.catalog import rules
    from techbridge.matching.models import RecommendationFeedback

    if not rules.is_platform_member(user):
        raise PermissionDenied
    feedback, _created = RecommendationFeedback.objects.update_or_create(
        user=user,
        source_kind=listing_kind(source),
        source_id=source.pk,
        target_kind=target_kind,
        target_id=target_id,
        defaults={"relevant": relevant},
    )
    return feedback


def feedback_given(*, user, listing) -> dict[str, bool]:
    """{"need:12": True, …} for the reader's earlier answers on this listing's recommendations."""
    from techbridge.matching.models import RecommendationFeedback

    if not user.is_authenticated:
        return {}
    rows = RecommendationFeedback.objects.filter(
        user=user, source_kind=listing_kind(listing), source_id=listing.pk
    ).values_list("target_kind", "target_id", "relevant")
    return {f"{kind}:{pk}": relevant for kind, pk, relevant in rows}


def label_vectors_refresh() -> int:
    """Embeds the sector and SDG descriptions the current embedder has not seen (new or
    changed texts) and drops rows for texts that no longer exist. Returns rows embedded."""
    import hashlib

    from techbridge.matching.models import LabelVector
    from techbridge.matching.suggestions import label_descriptions

    embedder = process_embedder()
    wanted = {
        (taxonomy, code, hashlib.sha256(text.encode()).hexdigest()): text
        for taxonomy, code, text in label_descriptions()
    }
    existing = LabelVector.objects.filter(embedder=embedder.name)
    have = set(existing.values_list("taxonomy", "code", "text_hash"))
    missing = [key for key in wanted if key not in have]
    vectors = embedder.embed_passages([wanted[key] for key in missing]) if missing else []
    with transaction.atomic():
        for taxonomy, code, text_hash in have - set(wanted):
            existing.filter(taxonomy=taxonomy, code=code, text_hash=text_hash).delete()
        LabelVector.objects.bulk_create(
            LabelVector(
                embedder=embedder.name,
                taxonomy=taxonomy,
                code=code,
                text_hash=text_hash,
                vector=np.asarray(vector, dtype=np.float32).tobytes(),
            )
            for (taxonomy, code, text_hash), vector in zip(missing, vectors, strict=True)
        )
    return len(missing)
