from techbridge.catalog.similarity import jaccard, near_duplicates, normalise, trigrams


def test_normalise_folds_case_width_and_punctuation():
    assert normalise("Solar-Dryer, ＭＫ２!") == "solar dryer mk2"


def test_trigrams_work_without_spaces():
    assert trigrams("เครื่องอบ") == frozenset({"เคร", "ครื", "รื่", "ื่อ", "่อง", "องอ", "งอบ"})


def test_jaccard_of_identical_and_disjoint():
    assert jaccard(trigrams("abcdef"), trigrams("abcdef")) == 1.0
    assert jaccard(trigrams("abcdef"), trigrams("uvwxyz")) == 0.0


def test_near_duplicates_finds_reworded_copy_and_ignores_other():
    candidates = [
        (1, "Solar tunnel dryer for rice and cassava, one tonne per batch"),
        (2, "Deep-sea mariculture cage for grouper"),
    ]
    hits = near_duplicates("Solar tunnel dryer for cassava and rice: 1 tonne per batch", candidates)
    assert [key for key, _score in hits] == [1]
