"""`techbridge bench search --database postgres`: the production path at scale.

Starts a throw-away PostgreSQL + pgvector (the `pgserver` package, installed with the test
requirements) unless TECHBRIDGE_BENCH_DATABASE_URL names an EMPTY database, migrates it, fills
the index tables with N synthetic listings (synthetic words; random vectors generated inside
PostgreSQL), builds the HNSW index, loads the process index as a web process does, and times
hybrid searches (BM25 in the process + pgvector HNSW, query embedding included)."""

import os
import random
import shutil
import tempfile
import time

import numpy as np

from techbridge.matching.engine.benchmark import (
    print_indexing_throughput,
    print_search_latencies,
    synthetic_vocabulary,
)


def _database_url() -> tuple[str, object]:
    url = os.environ.get("TECHBRIDGE_BENCH_DATABASE_URL", "")
    if url:
        return url, None
    try:
        import pgserver
    except ImportError as error:
        raise SystemExit(
            "needs TECHBRIDGE_BENCH_DATABASE_URL or the pgserver package (pip install pgserver)"
        ) from error
    data_dir = tempfile.mkdtemp(prefix="techbridge-bench-pg-")
    server = pgserver.get_server(data_dir, cleanup_mode="stop")
    return server.get_uri(), (server, data_dir)


def _fill(cursor, *, listings: int, passages: int, dim: int, words: list, weights: list) -> None:
    rng = random.Random(7)  # noqa: S311 - synthetic benchmark data
    cursor.execute(
        "INSERT INTO matching_indexeddocument (kind, listing_id, seq, removed, meta, indexed_at) "
        "SELECT 'technology', g, g, false, "
        "json_build_object('status', 'published', 'visibility', 'public', 'language', 'en', "
        "'sectors', json_build_array('energy.solar'), 'sdgs', json_build_array(7), "
        "'country', 'CN', 'organisation', g %% 5000), now() "
        "FROM generate_series(1, %s) AS g",
        [listings],
    )
    cursor.execute("UPDATE matching_indexsequence SET value = %s", [listings])
    if cursor.rowcount == 0:
        cursor.execute("INSERT INTO matching_indexsequence (id, value) VALUES (1, %s)", [listings])
    cursor.execute("CREATE TEMP TABLE bench_text (listing_id bigint, position int, text text)")
    batch = 20_000
    with cursor.copy("COPY bench_text (listing_id, position, text) FROM STDIN") as copy:
        for start in range(1, listings + 1, batch):
            for listing in range(start, min(start + batch, listings + 1)):
                for position in range(passages):
                    copy.write_row(
                        (listing, position, " ".join(rng.choices(words, cum_weights=weights, k=40)))
                    )
    # Random vectors made where they are stored: nothing to ship from Python.
    cursor.execute(
        "INSERT INTO matching_indexedpassage "  # noqa: S608 - only the integer dim is formatted
        "(document_id, position, field, language, text, vector, embedding) "
        "SELECT d.id, t.position, 'original', 'en', t.text, ''::bytea, "
        # The outer column keeps the subquery per row; the inner one keeps the aggregate inner.
        "(SELECT array_agg(random() - 0.5 + 0 * t.listing_id + 0 * i)::real[] "
        f"FROM generate_series(1, {int(dim)}) AS i)::vector "
        "FROM bench_text t JOIN matching_indexeddocument d ON d.listing_id = t.listing_id"
    )


def _warm_shared_buffers(cursor, store, *, dim: int, take: int) -> None:
    """A serving database answers from shared buffers; a freshly built or restarted one reads
    the HNSW graph from disk. pgserver's build has no pg_prewarm, so random-vector nearest
    queries (the pages real queries touch) run untimed until fewer than 1 % of the blocks they
    use come from outside shared buffers, the state of a server that has been up a while."""
    cursor.execute("SHOW shared_buffers")
    buffers = cursor.fetchone()[0]
    cursor.execute(
        "SELECT pg_size_pretty(pg_relation_size(%s)), "
        "pg_relation_size(%s) > pg_size_bytes(current_setting('shared_buffers'))",
        [f"matching_passage_hnsw_{dim}"] * 2,
    )
    size, too_big = cursor.fetchone()
    print(f"HNSW index {size}, shared_buffers {buffers}")
    if too_big:
        print("WARNING: the index does not fit in shared_buffers; latency includes block reads")
    rng = np.random.default_rng(11)
    began = time.perf_counter()
    cursor.execute(f"SET hnsw.ef_search = {int(take)}")
    queries = hits = reads = 0
    while queries < 3000:
        vector = rng.normal(size=dim)
        sql, params = store.nearest_sql(vector / np.linalg.norm(vector), take)
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + sql, params)
        plan = cursor.fetchone()[0][0]["Plan"]
        hits += plan["Shared Hit Blocks"]
        reads += plan["Shared Read Blocks"]
        queries += 1
        if queries % 20 == 0:
            if reads < 0.01 * (hits + reads):
                break
            hits = reads = 0
    print(
        f"shared buffers warmed by {queries} untimed random-vector queries in "
        f"{time.perf_counter() - began:.0f}s (last 20: {reads} of {hits + reads} blocks read)"
    )


def bench_search_postgres(args) -> int:
    import django

    url, owned = _database_url()
    os.environ["TECHBRIDGE_DATABASE_URL"] = url
    os.environ.pop("TECHBRIDGE_TEST_DATABASE_URL", None)  # it would take precedence
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "techbridge.config.settings")
    os.environ.setdefault("TECHBRIDGE_MODE", "development")
    if args.embedder:
        os.environ["TECHBRIDGE_EMBEDDER"] = args.embedder
    try:
        django.setup()
        from django.core.management import call_command
        from django.db import connection

        from techbridge.matching.embedding import process_embedder
        from techbridge.matching.index import process_index
        from techbridge.matching.models import IndexedDocument
        from techbridge.matching.pgvector import PgVectorStore, hnsw_index_sql, nearest_take

        call_command("migrate", verbosity=0)
        existing = IndexedDocument.objects.count()
        reuse = args.reuse and existing == args.listings
        if existing and not reuse:
            raise SystemExit(
                "the benchmark database must be empty (or hold exactly --listings synthetic "
                "listings from an earlier run, with --reuse)"
            )
        embedder = process_embedder()
        dim = embedder.dim
        print(f"embedder: {embedder.name}, dim {dim}; database: PostgreSQL + pgvector, HNSW")
        print(
            f"building {args.listings} listings x {args.passages} passages with SYNTHETIC vectors "
            "and synthetic words (scale test: real quality is measured by eval commands)"
        )
        words, weights = synthetic_vocabulary()
        started = time.perf_counter()
        with connection.cursor() as cursor:
            if reuse:
                print("reusing the rows and HNSW index of an earlier run")
            else:
                cursor.execute(f"DROP INDEX IF EXISTS matching_passage_hnsw_{int(dim)}")
                _fill(
                    cursor,
                    listings=args.listings,
                    passages=args.passages,
                    dim=dim,
                    words=words,
                    weights=weights,
                )
                loaded = time.perf_counter()
                print(f"rows loaded in {loaded - started:.1f}s")
                cursor.execute("SET maintenance_work_mem = '4GB'")
                cursor.execute("SET max_parallel_maintenance_workers = 1")
                cursor.execute(hnsw_index_sql(dim))
                cursor.execute("ANALYZE")
                print(f"HNSW index built in {time.perf_counter() - loaded:.1f}s")
        store = PgVectorStore(dim)
        sql, params = store.nearest_sql(embedder.embed_queries(["solar dryer"])[0], 160)
        with connection.cursor() as cursor:
            cursor.execute("EXPLAIN " + sql, params)
            plan = " ".join(row[0] for row in cursor.fetchall())
        uses = f"matching_passage_hnsw_{dim}" in plan
        print(f"nearest-passage plan uses the HNSW index: {'yes' if uses else 'NO'}")
        with connection.cursor() as cursor:
            # Search pages ask the engine for 20, which asks the store for 5 x 20 listings.
            _warm_shared_buffers(cursor, store, dim=dim, take=nearest_take(100))
        began = time.perf_counter()
        index = process_index()
        print(f"process index (BM25 + metadata) loaded in {time.perf_counter() - began:.1f}s")
        print_search_latencies(index.engine, rounds=args.rounds)
        print_indexing_throughput(embedder)
    finally:
        if owned:
            server, data_dir = owned
            from django.db import connections

            connections.close_all()
            server.cleanup()
            shutil.rmtree(data_dir, ignore_errors=True)
    return 0
