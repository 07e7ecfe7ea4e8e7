"""The search index held in this process: loaded once from the database, then kept in step
by applying what changed since (IndexedDocument.seq), checked on every search."""

import threading

import numpy as np
from django.db.models import Prefetch

from techbridge.matching.embedding import process_embedder
from techbridge.matching.engine.engine import Document, Engine
from techbridge.matching.models import IndexedDocument, IndexedPassage, IndexSequence
from techbridge.matching.pgvector import PgVectorStore, pgvector_enabled


class ProcessIndex:
    def __init__(self) -> None:
        embedder = process_embedder()
        self.on_postgres = pgvector_enabled()
        store = PgVectorStore(embedder.dim) if self.on_postgres else None
        self.engine = Engine(embedder, vectors=store)
        self.meta: dict[str, dict] = {}
        self.passages: dict[str, tuple[str, str]] = {}  # passage key -> (field, language)
        self.seq = 0
        self._lock = threading.Lock()

    def refresh(self) -> None:
        current = IndexSequence.objects.filter(pk=1).values_list("value", flat=True).first() or 0
        if current <= self.seq:
            return
        with self._lock:
            if current <= self.seq:
                return
            passages = IndexedPassage.objects.all()
            if self.on_postgres:  # vectors stay in the database
                passages = passages.defer("vector")
            changed = IndexedDocument.objects.filter(seq__gt=self.seq).prefetch_related(
                Prefetch("passages", queryset=passages)
            )
            for document in changed.iterator(chunk_size=500):
                self._apply(document)
            self.seq = current

    def _apply(self, document: IndexedDocument) -> None:
        doc_id = document.doc_id
        self.engine.remove(doc_id)
        self.meta.pop(doc_id, None)
        passages = list(document.passages.all())
        if document.removed or not passages:
            return
        vectors = (
            None
            if self.on_postgres
            else np.vstack([np.frombuffer(bytes(p.vector), dtype=np.float32) for p in passages])
        )
        self.engine.add_many([Document(doc_id, [p.text for p in passages])], vectors=vectors)
        self.meta[doc_id] = document.meta
        for p in passages:
            self.passages[f"{doc_id}#{p.position}"] = (p.field, p.language)


_index: ProcessIndex | None = None
_create_lock = threading.Lock()


def process_index() -> ProcessIndex:
    global _index
    if _index is None:
        with _create_lock:
            if _index is None:
                _index = ProcessIndex()
    _index.refresh()
    return _index


def process_index_reset() -> None:
    """Forget the loaded index (tests that roll back the database call this)."""
    global _index
    _index = None
