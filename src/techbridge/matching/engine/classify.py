"""Label suggestion by nearest neighbours in embedding space, plus evaluation helpers.

Works across languages: train on English examples, classify Khmer text, because the
multilingual embedder puts translations close together."""

from collections import defaultdict

import numpy as np


class KnnClassifier:
    def __init__(self, vectors: np.ndarray, labels: list[list[str]], k: int = 10) -> None:
        self.vectors = vectors.astype(np.float32)
        self.labels = labels
        self.k = k

    def scores(self, query: np.ndarray) -> dict[str, float]:
        """Similarity-weighted votes of the k nearest examples, normalised to sum to 1."""
        if not len(self.vectors):
            return {}
        similarities = self.vectors @ query.astype(np.float32)
        nearest = np.argsort(-similarities)[: self.k]
        return neighbour_votes([(float(similarities[r]), self.labels[r]) for r in nearest])

    def predict(self, query: np.ndarray) -> str | None:
        scores = self.scores(query)
        return next(iter(scores), None)


def neighbour_votes(neighbours: list[tuple[float, list[str]]]) -> dict[str, float]:
    """Labels of (similarity, labels) neighbours, each vote weighted by similarity to the
    fourth power so the nearest examples count most; normalised to sum to 1."""
    votes: dict[str, float] = defaultdict(float)
    for similarity, labels in neighbours:
        for label in labels:
            votes[label] += max(similarity, 0.0) ** 4
    total = sum(votes.values()) or 1.0
    return {label: vote / total for label, vote in sorted(votes.items(), key=lambda i: -i[1])}


class PrototypeClassifier:
    """Zero-shot: each label is described by one or more texts (an SDG's goal and targets);
    a text's score for a label is its best similarity to one of the label's descriptions."""

    def __init__(self, vectors: np.ndarray, labels: list[str]) -> None:
        self.vectors = vectors.astype(np.float32)
        self.labels = labels
        self.label_names = sorted(set(labels), key=labels.index)
        self._rows = {
            name: [i for i, lab in enumerate(labels) if lab == name] for name in self.label_names
        }

    def scores(self, query: np.ndarray) -> dict[str, float]:
        """Best similarity per label, best label first."""
        if not len(self.vectors):
            return {}
        similarities = self.vectors @ query.astype(np.float32)
        best = {name: float(similarities[rows].max()) for name, rows in self._rows.items()}
        return dict(sorted(best.items(), key=lambda i: -i[1]))


def blend_scores(
    knn: dict[str, float], prototypes: dict[str, float], *, knn_weight: float
) -> dict[str, float]:
    """Mixes kNN votes (they sum to 1) with prototype similarities rescaled to 0..1 by rank
    position in the prototype ranking, so neither scale dominates by accident."""
    count = len(prototypes)
    by_rank = {label: 1 - position / count for position, label in enumerate(prototypes)}
    labels = set(knn) | set(by_rank)
    mixed = {
        label: knn_weight * knn.get(label, 0.0) + (1 - knn_weight) * by_rank.get(label, 0.0)
        for label in labels
    }
    return dict(sorted(mixed.items(), key=lambda i: (-i[1], i[0])))


def binary_scores(truth: list[bool], predicted: list[bool]) -> dict[str, float]:
    pairs = list(zip(truth, predicted, strict=True))
    tp = sum(1 for t, p in pairs if t and p)
    fp = sum(1 for t, p in pairs if not t and p)
    fn = sum(1 for t, p in pairs if t and not p)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return {
        "n": len(pairs),
        "accuracy": round(sum(1 for t, p in pairs if t == p) / len(pairs), 4) if pairs else 0.0,
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(2 * precision * recall / (precision + recall), 4)
        if precision + recall
        else 0.0,
    }


def accuracy_and_macro_f1(truth: list[str], predicted: list[str | None]) -> dict[str, float]:
    labels = sorted(set(truth))
    f1s = []
    for label in labels:
        tp = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p == label)
        fp = sum(1 for t, p in zip(truth, predicted, strict=True) if t != label and p == label)
        fn = sum(1 for t, p in zip(truth, predicted, strict=True) if t == label and p != label)
        precision = tp / (tp + fp) if tp + fp else 0.0
        recall = tp / (tp + fn) if tp + fn else 0.0
        f1s.append(2 * precision * recall / (precision + recall) if precision + recall else 0.0)
    correct = sum(1 for t, p in zip(truth, predicted, strict=True) if t == p)
    return {
        "n": len(truth),
        "accuracy": round(correct / len(truth), 4) if truth else 0.0,
        "macro_f1": round(sum(f1s) / len(f1s), 4) if f1s else 0.0,
    }
