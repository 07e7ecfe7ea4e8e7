import numpy as np
import pytest

from techbridge.matching.engine.classify import (
    KnnClassifier,
    PrototypeClassifier,
    accuracy_and_macro_f1,
    binary_scores,
    blend_scores,
    neighbour_votes,
)


def _unit(*values: float) -> np.ndarray:
    vector = np.array(values, dtype=np.float32)
    return vector / np.linalg.norm(vector)


def test_neighbour_votes_weight_near_examples_most():
    votes = neighbour_votes([(1.0, ["a"]), (0.5, ["b", "a"]), (-0.3, ["c"])])
    assert votes == pytest.approx({"a": (1 + 0.0625) / 1.125, "b": 0.0625 / 1.125, "c": 0.0})
    assert list(votes) == ["a", "b", "c"]


def test_neighbour_votes_empty_without_neighbours():
    assert neighbour_votes([]) == {}


def test_knn_classifier_predicts_the_nearest_label():
    vectors = np.vstack([_unit(1, 0), _unit(0.9, 0.1), _unit(0, 1)])
    classifier = KnnClassifier(vectors, [["energy"], ["energy"], ["health"]], k=2)
    assert classifier.predict(_unit(1, 0.05)) == "energy"
    assert classifier.predict(_unit(0.1, 1)) == "health"
    assert KnnClassifier(np.zeros((0, 2)), [], k=2).predict(_unit(1, 0)) is None


def test_prototype_classifier_scores_a_label_by_its_best_description():
    vectors = np.vstack([_unit(1, 0), _unit(0, 1), _unit(-1, 0)])
    classifier = PrototypeClassifier(vectors, ["7", "7", "14"])
    scores = classifier.scores(_unit(0, 1))
    assert list(scores) == ["7", "14"]
    assert scores["7"] == pytest.approx(1.0)
    assert scores["14"] == pytest.approx(0.0, abs=1e-6)


def test_blend_scores_mixes_votes_with_description_rank():
    blended = blend_scores({"b": 1.0}, {"a": 0.9, "b": 0.5}, knn_weight=0.5)
    assert blended == pytest.approx({"b": 0.5 * 1.0 + 0.5 * 0.5, "a": 0.5 * 1.0})
    assert list(blended) == ["b", "a"]


def test_accuracy_and_macro_f1_exact():
    scores = accuracy_and_macro_f1(["a", "a", "b", "b"], ["a", "b", "b", "b"])
    # a: precision 1, recall 0.5 → F1 2/3; b: precision 2/3, recall 1 → F1 0.8
    assert scores == {"n": 4, "accuracy": 0.75, "macro_f1": round((2 / 3 + 0.8) / 2, 4)}


def test_binary_scores_exact():
    scores = binary_scores([True, True, False, False], [True, False, True, False])
    assert scores == {"n": 4, "accuracy": 0.5, "precision": 0.5, "recall": 0.5, "f1": 0.5}
