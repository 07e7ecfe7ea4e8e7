"""In-process vector index: passage vectors in one float32 matrix, exact inner-product search
(vectors are normalised, so this is cosine), passages aggregated to documents by their best
passage. Persisted as one .npz file; PostgreSQL deployments use pgvector instead."""

from pathlib import Path

import numpy as np

_GROWTH = 1024


class VectorIndex:
    stores_vectors = True

    def __init__(self, dim: int) -> None:
        self.dim = dim
        self._matrix = np.zeros((0, dim), dtype=np.float32)
        self._size = 0
        self.passage_keys: list[str] = []
        self.doc_of: list[str] = []
        self._alive = np.zeros(0, dtype=bool)
        self._rows_of_doc: dict[str, list[int]] = {}

    def __len__(self) -> int:
        return len(self._rows_of_doc)

    @property
    def matrix(self) -> np.ndarray:
        return self._matrix[: self._size]

    def add(self, doc_id: str, passage_keys: list[str], vectors: np.ndarray) -> None:
        self.remove(doc_id)
        count = len(passage_keys)
        if self._size + count > len(self._matrix):
            grow = max(_GROWTH, count, len(self._matrix))
            self._matrix = np.vstack([self._matrix, np.zeros((grow, self.dim), dtype=np.float32)])
            self._alive = np.concatenate([self._alive, np.zeros(grow, dtype=bool)])
        rows = list(range(self._size, self._size + count))
        self._matrix[self._size : self._size + count] = vectors
        self._alive[self._size : self._size + count] = True
        self._size += count
        self.passage_keys.extend(passage_keys)
        self.doc_of.extend([doc_id] * count)
        self._rows_of_doc[doc_id] = rows

    def doc_vectors(self, doc_id: str) -> list[np.ndarray]:
        return [self._matrix[row] for row in self._rows_of_doc.get(doc_id, [])]

    def remove(self, doc_id: str) -> None:
        for row in self._rows_of_doc.pop(doc_id, []):
            self._alive[row] = False

    def search(self, query: np.ndarray, limit: int = 100, allowed=None):
        """Returns [(doc_id, best_similarity, best_passage_key)] best first."""
        if not self._size:
            return []
        scores = self.matrix @ query.astype(np.float32)
        scores = np.where(self._alive[: self._size], scores, -np.inf)
        # Take enough passages to fill `limit` documents in the common case, then aggregate.
        take = min(self._size, max(limit * 8, 64))
        order = (
            np.argpartition(-scores, take - 1)[:take]
            if take < self._size
            else np.arange(self._size)
        )
        order = order[np.argsort(-scores[order])]
        best: dict[str, tuple[float, str]] = {}
        for row in order:
            score = float(scores[row])
            if score == -np.inf:
                break
            doc = self.doc_of[row]
            if allowed is not None and doc not in allowed:
                continue
            if doc not in best:
                best[doc] = (score, self.passage_keys[row])
                if len(best) >= limit:
                    break
        return [(doc, score, key) for doc, (score, key) in best.items()]

    def save(self, path: Path) -> None:
        keep = self._alive[: self._size]
        np.savez(
            path,
            matrix=self.matrix[keep],
            passage_keys=np.array([k for k, a in zip(self.passage_keys, keep, strict=True) if a]),
            doc_of=np.array([d for d, a in zip(self.doc_of, keep, strict=True) if a]),
        )

    @classmethod
    def load(cls, path: Path, dim: int) -> "VectorIndex":
        index = cls(dim)
        with np.load(path) as data:
            matrix, keys, docs = data["matrix"], list(data["passage_keys"]), list(data["doc_of"])
        grouped: dict[str, list[int]] = {}
        for row, doc in enumerate(docs):
            grouped.setdefault(str(doc), []).append(row)
        for doc, rows in grouped.items():
            index.add(doc, [str(keys[r]) for r in rows], matrix[rows])
        return index
