"""The PostgreSQL side of the vector index: passage vectors in a pgvector column with an HNSW
index per embedding size (a partial index, so embedders of different sizes can coexist while
an operator switches models). Used by the process index instead of the in-memory matrix."""

import numpy as np
from django.db import connection

from techbridge.matching.models import IndexedPassage

# Exact search below this many allowed documents: a filtered ANN scan would return too few.
EXACT_BELOW = 2000
_indexed_dims: set[int] = set()


def pgvector_enabled() -> bool:
    return connection.vendor == "postgresql"


def vector_literal(vector: np.ndarray) -> str:
    return "[" + ",".join(f"{x:.7g}" for x in vector.astype(np.float32)) + "]"


def pgvector_index_ensure(*, dim: int) -> None:
    """Creates the HNSW index for this embedding size once per process, before any passage is
    written (PostgreSQL refuses CREATE INDEX on a table with pending trigger events). The
    migration creates it for the bundled embedder's 384 dimensions."""
    if dim in _indexed_dims or not pgvector_enabled():
        return
    with connection.cursor() as cursor:
        cursor.execute(hnsw_index_sql(dim))
    _indexed_dims.add(dim)


def hnsw_index_sql(dim: int) -> str:
    dim = int(dim)
    return (
        f"CREATE INDEX IF NOT EXISTS matching_passage_hnsw_{dim} "
        f"ON matching_indexedpassage USING hnsw ((embedding::vector({dim})) vector_cosine_ops) "
        f"WHERE vector_dims(embedding) = {dim}"
    )


def passage_embeddings_write(*, passages: list[IndexedPassage], vectors: np.ndarray) -> None:
    with connection.cursor() as cursor:
        cursor.executemany(
            "UPDATE matching_indexedpassage SET embedding = %s::vector WHERE id = %s",
            [
                (vector_literal(vector), passage.pk)
                for passage, vector in zip(passages, vectors, strict=True)
            ],
        )


def nearest_take(limit: int) -> int:
    """Passages fetched for `limit` listings. Listings have a few passages each: three per
    wanted listing is enough in practice, and HNSW's cost grows with ef_search, which must be
    at least what we take."""
    return min(max(limit * 3, 40), 1000)


def _split(doc_id: str) -> tuple[str, int]:
    kind, pk = doc_id.split(":")
    return kind, int(pk)


class PgVectorStore:
    """Same interface as engine.vectors.VectorIndex; the database holds the vectors."""

    stores_vectors = False

    def __init__(self, dim: int) -> None:
        self.dim = int(dim)
        self._docs: set[str] = set()

    def __len__(self) -> int:
        return len(self._docs)

    def add(self, doc_id: str, passage_keys: list[str], vectors) -> None:
        self._docs.add(doc_id)

    def remove(self, doc_id: str) -> None:
        self._docs.discard(doc_id)

    def doc_vectors(self, doc_id: str) -> list[np.ndarray]:
        kind, pk = _split(doc_id)
        blobs = IndexedPassage.objects.filter(
            document__kind=kind, document__listing_id=pk, document__removed=False
        ).values_list("vector", flat=True)
        return [np.frombuffer(bytes(blob), dtype=np.float32) for blob in blobs]

    def nearest_sql(self, query: np.ndarray, take: int, allowed=None) -> tuple[str, list]:
        """The nearest-passages query: HNSW when unfiltered, exact within a few documents."""
        dim = self.dim
        distance = f"p.embedding::vector({dim}) <=> %s::vector({dim})"
        where = [f"vector_dims(p.embedding) = {dim}", "NOT d.removed"]
        literal = vector_literal(query)
        filters: list = []
        if allowed is not None and len(allowed) < EXACT_BELOW:
            pairs = [_split(doc) for doc in allowed]
            where.append(
                "(d.kind, d.listing_id) IN (SELECT * FROM unnest(%s::text[], %s::bigint[]))"
            )
            filters = [[kind for kind, _ in pairs], [pk for _, pk in pairs]]
        # Only the integer dimension and fixed fragments are formatted in; values are parameters.
        sql = (
            f"SELECT d.kind, d.listing_id, p.position, 1 - ({distance}) "  # noqa: S608
            "FROM matching_indexedpassage p "
            "JOIN matching_indexeddocument d ON d.id = p.document_id "
            f"WHERE {' AND '.join(where)} ORDER BY {distance} LIMIT %s"
        )
        return sql, [literal, *filters, literal, take]

    def search(self, query: np.ndarray, limit: int = 100, allowed=None):
        """[(doc_id, best_similarity, best_passage_key)] best first, like VectorIndex."""
        if allowed is not None and not allowed:
            return []
        take = nearest_take(limit)
        sql, params = self.nearest_sql(query, take, allowed)
        with connection.cursor() as cursor:
            # HNSW returns at most ef_search rows; ask for as many as we take.
            cursor.execute(f"SET hnsw.ef_search = {int(take)}")
            cursor.execute(sql, params)
            rows = cursor.fetchall()
        best: dict[str, tuple[float, str]] = {}
        for kind, pk, position, similarity in rows:
            doc = f"{kind}:{pk}"
            if allowed is not None and doc not in allowed:
                continue
            if doc not in best:
                best[doc] = (float(similarity), f"{doc}#{position}")
                if len(best) >= limit:
                    break
        return [(doc, score, key) for doc, (score, key) in best.items()]
