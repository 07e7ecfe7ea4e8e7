"""Shared parts of `techbridge bench search` (SQLite and PostgreSQL modes): the real queries,
the synthetic vocabulary, hybrid latency with query embedding, indexing throughput."""

import itertools
import statistics
import time

from techbridge.matching.engine.embedders import Embedder
from techbridge.matching.engine.engine import PAGE_CANDIDATES, Document, Engine
from techbridge.matching.engine.passages import split_passages
from techbridge.matching.engine.text import tokenize

QUERIES = [
    "solar dryer for rice and cassava",
    "เครื่องอบแห้งพลังงานแสงอาทิตย์",
    "máy sấy năng lượng mặt trời",
    "ម៉ាស៊ីនសម្ងួតថាមពលព្រះអាទិត្យ",
    "ເຄື່ອງອົບແຫ້ງພະລັງງານແສງຕາເວັນ",
    "နေရောင်ခြည်သုံး အခြောက်ခံစက်",
    "太阳能干燥机",
    "pengering tenaga surya untuk kopi",
    "vaccine cold chain monitoring",
    "deep sea aquaculture cage typhoon",
    "biogas from rice straw",
    "telemedicine kiosk for islands",
    "air bersih untuk desa",
    "water purification container",
    "drone spraying for rice fields",
    "pengering ikan tenaga suria",
    "makinang pantuyo ng palay",
    "hệ thống giám sát chuỗi lạnh vắc xin",
]


def synthetic_vocabulary() -> tuple[list[str], list[float]]:
    """Zipf-distributed synthetic words with the real query words spread through them, so
    the postings lists the queries touch are realistic."""
    real_words = sorted({token for query in QUERIES for token in tokenize(query)})
    vocabulary = [f"w{n}" for n in range(50_000)]
    for position, word in enumerate(real_words):
        vocabulary[(position * 97) % 5_000 + 20] = word
    # Cumulative weights: random.choices would otherwise re-add 50,000 weights per call.
    return vocabulary, list(itertools.accumulate(1 / (n + 1) for n in range(50_000)))


def print_hybrid_latency(engine: Engine, *, rounds: int, limit: int = 20) -> None:
    """`limit` is what the caller asks the engine for: 20 for an API page, the search page's
    candidate count when it computes facets over the candidates."""
    # A serving process is warm: the embedder's first calls allocate and spin up threads.
    for query in QUERIES:
        engine.search(query, mode="hybrid", limit=limit)
    latencies = []
    for round_ in range(rounds):
        for query in QUERIES:
            began = time.perf_counter()
            engine.search(f"{query} {round_}", mode="hybrid", limit=limit)
            latencies.append((time.perf_counter() - began) * 1000)
    latencies.sort()
    p95 = latencies[int(0.95 * (len(latencies) - 1))]
    print(
        f"hybrid search for {limit} results, query embedding included, after one untimed "
        f"round: n={len(latencies)} "
        f"p50={statistics.median(latencies):.1f} ms p95={p95:.1f} ms"
    )


def print_search_latencies(engine: Engine, *, rounds: int) -> None:
    """An API page asks for 20 results; the search page for PAGE_CANDIDATES."""
    for limit in (20, PAGE_CANDIDATES):
        print_hybrid_latency(engine, rounds=rounds, limit=limit)


def print_indexing_throughput(embedder: Embedder) -> None:
    """Real texts through the real embedder: alone, then through Engine.add_many."""
    texts = [q * 3 for q in QUERIES] * 6
    began = time.perf_counter()
    embedder.embed_passages(texts)
    alone = len(texts) / (time.perf_counter() - began)
    fresh = Engine(embedder)
    began = time.perf_counter()
    fresh.add_many([Document(f"s:{i}", split_passages(t)) for i, t in enumerate(texts)])
    through = len(texts) / (time.perf_counter() - began)
    print(
        f"indexing throughput on {len(texts)} real passages: embedder alone {alone:.1f}/s, "
        f"through the engine {through:.1f}/s (ratio {through / alone:.2f})"
    )
