"""BM25 over ICU tokens, in memory, with incremental add and remove."""

import math
from collections import Counter, defaultdict

from techbridge.matching.engine.text import tokenize


class BM25Index:
    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1 = k1
        self.b = b
        self.postings: dict[str, dict[str, int]] = defaultdict(dict)
        self.lengths: dict[str, int] = {}
        self.doc_terms: dict[str, list[str]] = {}
        self.total_length = 0

    def __len__(self) -> int:
        return len(self.lengths)

    def add(self, key: str, text: str) -> None:
        self.remove(key)
        terms = Counter(tokenize(text))
        for term, count in terms.items():
            self.postings[term][key] = count
        self.doc_terms[key] = list(terms)
        length = sum(terms.values())
        self.lengths[key] = length
        self.total_length += length

    def remove(self, key: str) -> None:
        if key not in self.lengths:
            return
        for term in self.doc_terms.pop(key):
            postings = self.postings[term]
            postings.pop(key, None)
            if not postings:
                del self.postings[term]
        self.total_length -= self.lengths.pop(key)

    def search(self, query: str, limit: int = 100, allowed=None) -> list[tuple[str, float, float]]:
        """Returns (key, BM25 score, coverage) best first. Coverage is the share of the query's
        IDF mass that the document matches: 1.0 when every query word is in it."""
        if not self.lengths:
            return []
        average = self.total_length / len(self.lengths) or 1.0
        count = len(self.lengths)
        unseen_idf = math.log(1 + (count + 0.5) / 0.5)
        scores: dict[str, float] = defaultdict(float)
        matched: dict[str, float] = defaultdict(float)
        total_idf = 0.0
        for term in set(tokenize(query)):
            postings = self.postings.get(term)
            if not postings:
                total_idf += unseen_idf
                continue
            idf = math.log(1 + (count - len(postings) + 0.5) / (len(postings) + 0.5))
            total_idf += idf
            for key, frequency in postings.items():
                if allowed is not None and key not in allowed:
                    continue
                norm = self.k1 * (1 - self.b + self.b * self.lengths[key] / average)
                scores[key] += idf * frequency * (self.k1 + 1) / (frequency + norm)
                matched[key] += idf
        ranked = sorted(scores.items(), key=lambda item: -item[1])[:limit]
        return [
            (key, score, matched[key] / total_idf if total_idf else 0.0) for key, score in ranked
        ]

    def matching_terms(self, query: str, key: str) -> list[str]:
        return [
            term for term in dict.fromkeys(tokenize(query)) if key in self.postings.get(term, {})
        ]
