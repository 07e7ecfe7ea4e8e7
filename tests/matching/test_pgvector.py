"""The PostgreSQL vector path: embeddings in pgvector with an HNSW index, giving the same
neighbours as the in-memory index. Skipped on SQLite, which has only the in-memory index."""

import numpy as np
import pytest
from django.db import connection

from techbridge.matching.embedding import process_embedder
from techbridge.matching.engine.vectors import VectorIndex
from techbridge.matching.index import process_index
from techbridge.matching.models import IndexedPassage
from techbridge.matching.pgvector import PgVectorStore
from techbridge.matching.services import listings_index
from tests.factories import NeedFactory, TechnologyFactory

pytestmark = pytest.mark.django_db


def _needs_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("pgvector path runs on PostgreSQL only")


@pytest.fixture
def listings():
    technologies = [
        TechnologyFactory(status="published", language="en", title=title, summary=summary)
        for title, summary in [
            ("Solar dryer for cassava", "Dries cassava chips with sunlight and a small fan."),
            ("Offshore fish cage", "Anchored cages that survive typhoons."),
            ("Vaccine cold box", "Keeps vaccines cold for five days without power."),
        ]
    ]
    need = NeedFactory(status="published", language="vi", title="Máy sấy năng lượng mặt trời")
    listings_index(kind="technology", pks=[t.pk for t in technologies])
    listings_index(kind="need", pks=[need.pk])
    return technologies, need


def test_sqlite_keeps_vectors_in_memory(listings):
    if connection.vendor == "postgresql":
        pytest.skip("SQLite path")
    assert isinstance(process_index().engine.vectors, VectorIndex)


def test_postgres_writes_every_passage_to_pgvector(listings):
    _needs_postgres()
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM matching_indexedpassage WHERE embedding IS NULL")
        assert cursor.fetchone()[0] == 0
    assert IndexedPassage.objects.count() >= 4
    assert isinstance(process_index().engine.vectors, PgVectorStore)


def test_postgres_nearest_passages_use_the_hnsw_index(listings):
    _needs_postgres()
    store = PgVectorStore(process_embedder().dim)
    sql, params = store.nearest_sql(np.ones(store.dim, dtype=np.float32), 64)
    with connection.cursor() as cursor:
        cursor.execute("SET enable_seqscan = off")  # tiny table: make the planner show its index
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
        cursor.execute("RESET enable_seqscan")
    assert "matching_passage_hnsw_384" in plan


def test_postgres_store_finds_what_the_memory_index_finds(listings):
    _needs_postgres()
    technologies, need = listings
    memory = VectorIndex(process_embedder().dim)
    grouped: dict[str, list[IndexedPassage]] = {}
    for passage in IndexedPassage.objects.select_related("document"):
        grouped.setdefault(passage.document.doc_id, []).append(passage)
    for doc, passages in grouped.items():
        memory.add(
            doc,
            [f"{doc}#{p.position}" for p in passages],
            np.vstack([np.frombuffer(bytes(p.vector), dtype=np.float32) for p in passages]),
        )
    query = process_embedder().embed_queries(["solar drying of cassava"])[0]
    store = PgVectorStore(process_embedder().dim)
    from_postgres = store.search(query, limit=2)
    assert from_postgres[0][0] == f"technology:{technologies[0].pk}"
    allowed = {f"technology:{technologies[1].pk}", f"need:{need.pk}"}
    filtered = store.search(query, limit=5, allowed=allowed)
    assert {doc for doc, _s, _k in filtered} == allowed
    assert [d for d, _s, _k in filtered] == [
        d for d, _s, _k in memory.search(query, limit=5, allowed=allowed)
    ]
    assert store.search(query, limit=5, allowed=set()) == []
    in_memory = memory.search(query, limit=2)
    assert from_postgres[0][0] == in_memory[0][0]
    # Factory bodies repeat, so later places can tie exactly: compare the scores there.
    assert [round(score, 5) for _d, score, _k in from_postgres] == [
        round(score, 5) for _d, score, _k in in_memory
    ]
