"""Sector and SDG suggestions for a listing from its text, in any language.

Two sources, blended: the labels that curators gave the most similar published listings
(k nearest neighbours in the search index) and the similarity of the text to the sectors'
names and the SDGs' goal and target texts (zero-shot, so it works on an empty catalogue).
Figures for both halves: docs/benchmarks.md, "Auto-classification"."""

import json
import threading
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from django.core.cache import cache

from techbridge.catalog.enums import Status
from techbridge.catalog.models import SDGGoal, SDGTarget, Sector
from techbridge.matching.embedding import process_embedder
from techbridge.matching.engine.classify import PrototypeClassifier, blend_scores, neighbour_votes
from techbridge.matching.engine.text import tokenize
from techbridge.matching.index import process_index
from techbridge.matching.models import LabelVector

NEIGHBOURS = 10
MIN_WORDS = 3
# With labelled neighbours, their votes and the description similarity count equally
# (docs/benchmarks.md, "Suggestions on the demo catalogue", measures each half and the blend).
NEIGHBOUR_WEIGHT = 0.5
DESCRIPTION_LANGUAGES = ("en", "zh-hans")
# A sentence per leaf sector on what it covers (written for the project): names alone are too
# short for the embedder to place a text under them.
SECTOR_DESCRIPTIONS = Path(__file__).resolve().parent / "data" / "sector_descriptions.json"


@dataclass(frozen=True)
class LabelSuggestion:
    code: str
    name: str
    score: float


def label_descriptions() -> list[tuple[str, str, str]]:
    """[(taxonomy, code, text)]: each leaf sector under its parent's name in every language
    plus what it covers (en, zh); each SDG's title and short name in every language plus its
    targets (en, zh). Same-language descriptions place texts in the scripts where the
    embedder's cross-lingual alignment is weakest (Khmer, Lao, Burmese)."""
    rows = []
    explained = json.loads(SECTOR_DESCRIPTIONS.read_text("utf-8"))
    for sector in Sector.objects.select_related("parent").exclude(parent=None):
        for language, name in sorted(sector.names.items()):
            parent = sector.parent.names.get(language, "")
            rows.append(("sector", sector.code, f"{parent} — {name}" if parent else name))
        for language in DESCRIPTION_LANGUAGES:
            if explained.get(sector.code, {}).get(language):
                rows.append(("sector", sector.code, explained[sector.code][language]))
    for goal in SDGGoal.objects.all():
        for texts in (goal.titles, goal.short_names):
            rows += [("sdg", str(goal.number), text) for _l, text in sorted(texts.items()) if text]
    for target in SDGTarget.objects.select_related("goal"):
        for language in DESCRIPTION_LANGUAGES:
            if target.titles.get(language):
                rows.append(("sdg", str(target.goal.number), target.titles[language]))
    return rows


_prototypes: dict = {}
_lock = threading.Lock()


def _classifiers() -> dict[str, PrototypeClassifier]:
    """Label vectors of the current embedder, loaded once per change of the table."""
    name = process_embedder().name
    rows = LabelVector.objects.filter(embedder=name)
    version = (name, rows.count(), max(rows.values_list("pk", flat=True), default=0))
    with _lock:
        if _prototypes.get("version") != version:
            grouped: dict[str, tuple[list, list]] = {"sector": ([], []), "sdg": ([], [])}
            for taxonomy, code, blob in rows.values_list("taxonomy", "code", "vector"):
                labels, vectors = grouped[taxonomy]
                labels.append(code)
                vectors.append(np.frombuffer(bytes(blob), dtype=np.float32))
            _prototypes["version"] = version
            _prototypes["classifiers"] = {
                taxonomy: PrototypeClassifier(np.vstack(vectors), labels)
                for taxonomy, (labels, vectors) in grouped.items()
                if vectors
            }
        return _prototypes["classifiers"]


REFRESH_REQUESTED = "matching:label-vectors-refresh"


def _request_refresh() -> None:
    """Enqueues the embedding of label descriptions at most once per ten minutes."""
    from techbridge.matching.tasks import refresh_label_vectors

    if cache.add(REFRESH_REQUESTED, True, timeout=600):
        refresh_label_vectors.enqueue()


def suggestions_reset() -> None:
    """Forget loaded label vectors (tests that roll back the database call this)."""
    with _lock:
        _prototypes.clear()
    cache.delete(REFRESH_REQUESTED)


def listing_label_suggestions(
    *, text: str, limit: int = 3, exclude_doc: str = "", sources: str = "both"
) -> dict[str, list[LabelSuggestion]]:
    """{"sector": [...], "sdg": [...]} best first; empty lists for texts too short to judge.
    `exclude_doc` ("technology:12") leaves a listing being edited out of its own neighbours;
    `sources` ("both", "neighbours", "descriptions") exists to measure each half alone."""
    if len(tokenize(text)) < MIN_WORDS:
        return {"sector": [], "sdg": []}
    index = process_index()
    vector = index.engine.embed_query(text)
    neighbours = []
    for doc_id, similarity, _key in index.engine.vectors.search(vector, limit=NEIGHBOURS * 3):
        meta = index.meta.get(doc_id, {})
        published = meta.get("status") == Status.PUBLISHED and doc_id != exclude_doc
        if published and len(neighbours) < NEIGHBOURS:
            neighbours.append((similarity, meta))
    classifiers = _classifiers()
    if len(classifiers) < 2:
        _request_refresh()
    names = {
        "sector": {s.code: s.name for s in Sector.objects.exclude(parent=None)},
        "sdg": {str(g.number): f"{g.number} · {g.short_name}" for g in SDGGoal.objects.all()},
    }
    suggestions = {}
    for taxonomy, meta_key in (("sector", "sectors"), ("sdg", "sdgs")):
        voters = neighbours if sources != "descriptions" else []
        votes = neighbour_votes(
            [(similarity, [str(v) for v in meta.get(meta_key, [])]) for similarity, meta in voters]
        )
        classifier = classifiers.get(taxonomy) if sources != "neighbours" else None
        described = classifier.scores(vector) if classifier else {}
        if votes and described:
            scores = blend_scores(votes, described, knn_weight=NEIGHBOUR_WEIGHT)
        else:
            scores = votes or blend_scores({}, described, knn_weight=0.0)
        suggestions[taxonomy] = [
            LabelSuggestion(code=code, name=names[taxonomy][code], score=round(score, 3))
            for code, score in scores.items()
            if code in names[taxonomy]
        ][:limit]
    return suggestions
