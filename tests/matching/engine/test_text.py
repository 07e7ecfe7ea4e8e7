import csv
from pathlib import Path

import pytest

from techbridge.matching.engine.text import (
    detect_language,
    is_zawgyi,
    normalise,
    normalise_for_index,
    tokenize,
)

# Slices of ../shared/evaldata kept with the tests (provenance and licences in data/README.md).
DATA = Path(__file__).resolve().parent / "data"
LANGUAGES = ["zh-hans", "en", "id", "ms", "th", "vi", "my", "km", "lo", "fil"]


def test_zawgyi_is_detected_and_converted_to_unicode():
    zawgyi = "ျမန္မာ"
    assert is_zawgyi(zawgyi)
    assert normalise(zawgyi) == "မြန်မာ"
    assert not is_zawgyi("မြန်မာ")
    assert normalise("မြန်မာ") == "မြန်မာ"


def test_ntrex_zawgyi_lines_become_the_converted_reference():
    original = (DATA / "ntrex128-mya-first50.txt").read_text("utf-8").splitlines()
    converted = (
        (DATA / "ntrex128-mya.unicode-converted-first50.txt").read_text("utf-8").splitlines()
    )
    same = sum(
        1
        for z, u in zip(original[:50], converted[:50], strict=True)
        if normalise(z) == normalise(u)
    )
    assert same >= 48


def test_traditional_chinese_is_folded_for_indexing_only():
    assert normalise("臺灣農業") == "臺灣農業"
    assert normalise_for_index("臺灣農業") == "台湾农业"


def test_nfc_and_case_folding():
    decomposed = "Vie\u0302\u0323t Nam"
    assert normalise(decomposed) == "Việt Nam"
    assert normalise_for_index("SOLAR Dryer") == "solar dryer"


def test_tokenize_thai_chinese_and_latin():
    assert tokenize("เครื่องอบแห้งพลังงานแสงอาทิตย์") == ["เครื่อง", "อบ", "แห้ง", "พลังงาน", "แสง", "อาทิตย์"]
    assert tokenize("太阳能干燥机") == ["太阳能", "干燥机"] or "干燥机" in tokenize("太阳能干燥机")
    assert tokenize("Solar-dryer, 2 tonnes!") == ["solar", "dryer", "2", "tonnes"]


def test_tokenize_handles_characters_outside_the_basic_plane():
    assert "𠀀" in "".join(tokenize("𠀀 农业"))


def _sentences(language: str, count: int) -> list[str]:
    with (DATA / "sib200-test-slice.tsv").open(encoding="utf-8") as handle:
        rows = [
            row for row in csv.DictReader(handle, delimiter="\t") if row["language"] == language
        ]
    return [row["text"] for row in rows[:count]]


@pytest.mark.parametrize("language", [code for code in LANGUAGES if code not in ("id", "ms")])
def test_language_detection_on_sib200_slice(language):
    sentences = _sentences(language, 40)
    correct = sum(1 for s in sentences if detect_language(s) == language)
    assert correct / len(sentences) >= 0.85, (language, correct)


@pytest.mark.parametrize(("language", "floor"), [("id", 0.8), ("ms", 0.6)])
def test_language_detection_malay_and_indonesian(language, floor):
    """The two standards share most words; single sentences are told apart only by the
    words and spellings each uses alone. Both are always recognised as the family."""
    sentences = _sentences(language, 40)
    detected = [detect_language(s) for s in sentences]
    assert sum(1 for d in detected if d in ("id", "ms")) / len(detected) >= 0.95
    assert sum(1 for d in detected if d == language) / len(detected) >= floor
