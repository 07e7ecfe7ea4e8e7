"""BM25 over ICU tokens, in memory, with incremental add and remove.

Postings are kept per term as {document number: term frequency} for cheap updates, and turned
into numpy arrays the first time a term is searched after it changed, so a query scores a
common term's hundred thousand postings in one vectorised step instead of a Python loop."""

import math
from collections import Counter, defaultdict

import numpy as np

from techbridge.matching.engine.text import tokenize

_GROWTH = 4096


class BM25Index:
    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.postings: dict[str, dict[int, int]] = defaultdict(dict)
        self._arrays: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        self._number: dict[str, int] = {}  # document key -> row in the arrays below
        self._keys: list[str] = []
        self._lengths = np.zeros(0, dtype=np.float64)
        self.doc_terms: dict[str, list[str]] = {}
        self.total_length = 0

    def __len__(self) -> int:
        return len(self.doc_terms)

    def _row(self, key: str) -> int:
        row = self._number.get(key)
        if row is None:
            row = self._number[key] = len(self._keys)
            self._keys.append(key)
            if row >= len(self._lengths):
                grown = np.zeros(max(_GROWTH, 2 * len(self._lengths)), dtype=np.float64)
                grown[: len(self._lengths)] = self._lengths
                self._lengths = grown
        return row

    def add(self, key: str, text: str) -> None:
        self.remove(key)
        row = self._row(key)
        terms = Counter(tokenize(text))
        for term, count in terms.items():
            self.postings[term][row] = count
            self._arrays.pop(term, None)
        self.doc_terms[key] = list(terms)
        length = sum(terms.values())
        self._lengths[row] = length
        self.total_length += length

    def remove(self, key: str) -> None:
        if key not in self.doc_terms:
            return
        row = self._number[key]
        for term in self.doc_terms.pop(key):
            postings = self.postings[term]
            postings.pop(row, None)
            self._arrays.pop(term, None)
            if not postings:
                del self.postings[term]
        self.total_length -= int(self._lengths[row])
        self._lengths[row] = 0

    def _term_arrays(self, term: str) -> tuple[np.ndarray, np.ndarray]:
        arrays = self._arrays.get(term)
        if arrays is None:
            postings = self.postings[term]
            rows = np.fromiter(postings.keys(), dtype=np.int64, count=len(postings))
            counts = np.fromiter(postings.values(), dtype=np.float64, count=len(postings))
            arrays = self._arrays[term] = (rows, counts)
        return arrays

    def search(self, query: str, limit: int = 100, allowed=None) -> list[tuple[str, float, float]]:
        """Returns (key, BM25 score, coverage) best first. Coverage is the share of the query's
        IDF mass that the document matches: 1.0 when every query word is in it."""
        count = len(self.doc_terms)
        if not count:
            return []
        average = self.total_length / count or 1.0
        unseen_idf = math.log(1 + (count + 0.5) / 0.5)
        size = len(self._keys)
        scores = np.zeros(size, dtype=np.float64)
        matched = np.zeros(size, dtype=np.float64)
        total_idf = 0.0
        for term in set(tokenize(query)):
            if term not in self.postings:
                total_idf += unseen_idf
                continue
            rows, frequencies = self._term_arrays(term)
            idf = math.log(1 + (count - len(rows) + 0.5) / (len(rows) + 0.5))
            total_idf += idf
            norm = self.k1 * (1 - self.b + self.b * self._lengths[rows] / average)
            # Rows are unique within one term, so plain fancy-index addition is exact.
            scores[rows] += idf * frequencies * (self.k1 + 1) / (frequencies + norm)
            matched[rows] += idf
        if allowed is not None:
            keep = np.zeros(size, dtype=bool)
            keep[[self._number[k] for k in allowed if k in self._number]] = True
            scores[~keep] = 0.0
        candidates = np.flatnonzero(scores > 0)
        if len(candidates) > limit:
            candidates = candidates[np.argpartition(-scores[candidates], limit - 1)[:limit]]
        # Best first; equal scores keep the order documents were added in.
        candidates = candidates[np.lexsort((candidates, -scores[candidates]))]
        return [
            (
                self._keys[row],
                float(scores[row]),
                float(matched[row] / total_idf) if total_idf else 0.0,
            )
            for row in candidates
        ]

    def matching_terms(self, query: str, key: str) -> list[str]:
        row = self._number.get(key)
        if row is None or key not in self.doc_terms:
            return []
        return [
            term for term in dict.fromkeys(tokenize(query)) if row in self.postings.get(term, {})
        ]
