"""Hybrid retrieval: BM25 over ICU tokens plus dense passage vectors, fused, filterable."""

import time
from dataclasses import dataclass, field

import numpy as np

from techbridge.matching.engine.embedders import Embedder
from techbridge.matching.engine.lexical import BM25Index
from techbridge.matching.engine.text import normalise
from techbridge.matching.engine.vectors import VectorIndex

MODES = ("lexical", "dense", "hybrid")
# Lexical evidence counts only when a document contains most of the query's informative words
# (IDF-weighted coverage at or above LEXICAL_MIN_COVERAGE); it then adds at most LEXICAL_WEIGHT
# to the cosine. Across languages BM25 matches little more than numbers and names, stays under
# the threshold, and hybrid ranks as dense does; within a language it lifts exact names, codes
# and numbers that embeddings blur. Tuned on the SIB-200 dev split (docs/benchmarks.md).
LEXICAL_WEIGHT = 0.05
LEXICAL_MIN_COVERAGE = 0.5
# The search page ranks this many candidates, then computes facets and pages over them.
PAGE_CANDIDATES = 300


@dataclass
class Hit:
    doc_id: str
    score: float
    passage_key: str = ""
    dense: float = 0.0
    lexical: float = 0.0
    terms: list[str] = field(default_factory=list)


@dataclass
class Document:
    doc_id: str
    passages: list[str]


class Engine:
    def __init__(
        self, embedder: Embedder, lexical_weight: float = LEXICAL_WEIGHT, vectors=None
    ) -> None:
        """`vectors` replaces the in-memory VectorIndex with a store of the same interface
        (pgvector on PostgreSQL); a store with stores_vectors False keeps its own copies."""
        self.embedder = embedder
        self.lexical_weight = lexical_weight
        self.lexical = BM25Index()
        self.vectors = vectors if vectors is not None else VectorIndex(embedder.dim)
        self.passage_text: dict[str, str] = {}
        self.doc_passages: dict[str, list[str]] = {}

    def __len__(self) -> int:
        return len(self.vectors)

    # --- indexing ---------------------------------------------------------------------

    def add_many(self, documents: list[Document], vectors: np.ndarray | None = None) -> None:
        """Indexes documents; embeds all their passages in batches unless vectors are given."""
        for document in documents:
            self.remove(document.doc_id)
        keys, texts = [], []
        for document in documents:
            for n, passage in enumerate(document.passages):
                keys.append(f"{document.doc_id}#{n}")
                texts.append(normalise(passage))
        if vectors is None and self.vectors.stores_vectors:
            vectors = self.embedder.embed_passages(texts)
        start = 0
        for document in documents:
            count = len(document.passages)
            rows = vectors[start : start + count] if vectors is not None else None
            doc_keys = keys[start : start + count]
            self.vectors.add(document.doc_id, doc_keys, rows)
            self.lexical.add(document.doc_id, " ".join(texts[start : start + count]))
            for key, text in zip(doc_keys, texts[start : start + count], strict=True):
                self.passage_text[key] = text
            self.doc_passages[document.doc_id] = doc_keys
            start += count

    def remove(self, doc_id: str) -> None:
        self.vectors.remove(doc_id)
        self.lexical.remove(doc_id)
        for key in self.doc_passages.pop(doc_id, []):
            self.passage_text.pop(key, None)

    # --- search -----------------------------------------------------------------------

    def embed_query(self, query: str) -> np.ndarray:
        return self.embedder.embed_queries([normalise(query)])[0]

    def search(
        self,
        query: str,
        *,
        mode: str = "hybrid",
        limit: int = 10,
        allowed=None,
        query_vector: np.ndarray | None = None,
    ) -> list[Hit]:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {MODES}")
        query = normalise(query)
        depth = max(limit * 5, 50)
        lexical = (
            self.lexical.search(query, limit=depth, allowed=allowed) if mode != "dense" else []
        )
        if mode == "lexical":
            return [Hit(doc, score, lexical=score) for doc, score, _cover in lexical[:limit]]
        vector = self.embed_query(query) if query_vector is None else query_vector
        dense = self.vectors.search(vector, limit=depth, allowed=allowed)
        if mode == "dense":
            return [Hit(doc, score, key, dense=score) for doc, score, key in dense[:limit]]
        return self._fuse(dense, lexical, limit)

    def _fuse(self, dense, lexical, limit: int) -> list[Hit]:
        lexical_scores = {
            doc: coverage for doc, _score, coverage in lexical if coverage >= LEXICAL_MIN_COVERAGE
        }
        hits: dict[str, Hit] = {}
        for doc, score, key in dense:
            hits[doc] = Hit(doc, score, key, dense=score)
        floor = dense[-1][1] if dense else 0.0  # lexical-only hits start below every dense one
        for doc, scaled in lexical_scores.items():
            hit = hits.setdefault(doc, Hit(doc, floor, dense=floor))
            hit.lexical = scaled
        for hit in hits.values():
            hit.score = hit.dense + self.lexical_weight * hit.lexical
        return sorted(hits.values(), key=lambda h: -h.score)[:limit]

    def timed_search(self, query: str, **kwargs) -> tuple[list[Hit], float]:
        started = time.perf_counter()
        hits = self.search(query, **kwargs)
        return hits, (time.perf_counter() - started) * 1000
