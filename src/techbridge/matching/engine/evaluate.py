"""Retrieval evaluation: line i of the queries matches line i of the documents."""

import statistics
import time

from techbridge.matching.engine.engine import MODES, Document, Engine


def retrieval_scores(ranks: list[int | None]) -> dict[str, float]:
    """ranks: 1-based rank of the right document per query, None when not retrieved."""
    n = len(ranks)
    return {
        "n": n,
        "acc@1": round(sum(1 for r in ranks if r == 1) / n, 4),
        "mrr": round(sum(1 / r for r in ranks if r) / n, 4),
        "recall@10": round(sum(1 for r in ranks if r and r <= 10) / n, 4),
    }


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(share * len(ordered)))], 2)


def evaluate_retrieval(
    engine: Engine, queries: list[str], documents: list[str], modes=MODES, depth: int = 10
) -> dict[str, dict]:
    engine.add_many([Document(str(i), [text]) for i, text in enumerate(documents)])
    results = {}
    ranks: dict[str, list] = {mode: [] for mode in modes}
    latency: dict[str, list] = {mode: [] for mode in modes}
    for i, query in enumerate(queries):
        vector, embed_ms = None, 0.0
        if any(mode != "lexical" for mode in modes):
            started = time.perf_counter()
            vector = engine.embed_query(query)
            embed_ms = (time.perf_counter() - started) * 1000
        for mode in modes:
            started = time.perf_counter()
            hits = engine.search(query, mode=mode, limit=depth, query_vector=vector)
            elapsed = (time.perf_counter() - started) * 1000
            # Latency includes embedding the query for every mode that uses it.
            latency[mode].append(elapsed + (embed_ms if mode != "lexical" else 0.0))
            ids = [hit.doc_id for hit in hits]
            ranks[mode].append(ids.index(str(i)) + 1 if str(i) in ids else None)
    for mode in modes:
        results[mode] = {
            **retrieval_scores(ranks[mode]),
            "latency_ms_p50": percentile(latency[mode], 0.5),
            "latency_ms_p95": percentile(latency[mode], 0.95),
        }
    return results


def median(values: list[float]) -> float:
    return statistics.median(values) if values else 0.0
