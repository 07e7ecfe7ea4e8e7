"""Normalisation, language detection and word segmentation for the region's languages.

- Unicode NFC everywhere.
- Burmese typed in the legacy Zawgyi encoding is detected (myanmartools) and converted to
  Unicode with ICU's `Zawgyi-my` transform.
- Traditional Chinese is folded to Simplified for indexing only (OpenCC t2s), so 臺灣 and 台湾
  match; the stored text is never changed.
- Words are found with ICU's dictionary-based word breaks: Thai, Lao, Khmer, Burmese and
  Chinese are written without spaces between words.
"""

import re
import unicodedata
from functools import cache, lru_cache
from itertools import pairwise

ZAWGYI_THRESHOLD = 0.95
_MYANMAR = re.compile(r"[\u1000-\u109f]")
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_SCRIPTS = [
    ("th", re.compile(r"[\u0e00-\u0e7f]")),
    ("lo", re.compile(r"[\u0e80-\u0eff]")),
    ("km", re.compile(r"[\u1780-\u17ff]")),
    ("my", _MYANMAR),
    ("zh-hans", _HAN),
]
_VIETNAMESE = re.compile(r"[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]", re.IGNORECASE)
# Frequent short words that tell the Latin-script languages apart.
_STOPWORDS = {
    "en": {
        "the",
        "and",
        "of",
        "to",
        "for",
        "with",
        "is",
        "in",
        "that",
        "on",
        "are",
        "by",
        "from",
        "we",
        "our",
    },
    "id": {
        "yang",
        "dan",
        "untuk",
        "dengan",
        "di",
        "ini",
        "dari",
        "dalam",
        "tidak",
        "akan",
        "kami",
        "pada",
        "adalah",
        "tersebut",
        "bisa",
        "sudah",
    },
    "ms": {
        "yang",
        "dan",
        "untuk",
        "dengan",
        "di",
        "ini",
        "dari",
        "dalam",
        "tidak",
        "akan",
        "kami",
        "pada",
        "ialah",
        "adalah",
        "boleh",
        "telah",
        "supaya",
        "kerana",
        "bagi",
    },
    "fil": {
        "ang",
        "ng",
        "mga",
        "sa",
        "na",
        "at",
        "para",
        "ay",
        "ito",
        "namin",
        "kami",
        "upang",
        "hindi",
        "may",
        "nito",
    },
}
# Words that separate Malay from Indonesian, which share most function words.
_MALAY_ONLY = {
    "baharu",
    "fikir",
    "berfikir",
    "sahaja",
    "kerana",
    "ialah",
    "semula",
    "boleh",
    "kerajaan",
    "bahawa",
    "daripada",
    "amat",
    "sebarang",
    "mahupun",
    "kenderaan",
    "pejabat",
    "cukai",
    "wang",
    "selepas",
    "hendaklah",
    "sekiranya",
    "memandangkan",
    "pelbagai",
    "ramai",
    "menerusi",
    "manakala",
    "antarabangsa",
    "iaitu",
    "berbanding",
    "berlaku",
    "sukan",
    "perniagaan",
    "syarikat",
    "negeri",
    "persekutuan",
    "berkenaan",
    "jangkaan",
    "tak",
    "kereta",
    "bilangan",
    "ahli",
    "mempunyai",
    "cuba",
    "kali",
    "seperti",
    "apabila",
    "disebabkan",
    "jenama",
    "sekolah",
    "universiti",
    "kajian",
    "teknologi",
    "sains",
    "kaedah",
    "projek",
    "linear",
    "kawalan",
    "semasa",
    "tahun",
    "lebih",
    "bagaimanapun",
    "ketika",
    "walaupun",
    "menyebabkan",
    "kebanyakan",
    "mendapati",
    "bermula",
    "sebahagian",
    "tentera",
    "dunia",
    "hadapan",
    "belakang",
    "membolehkan",
    "berkualiti",
    "kualiti",
    "nisbah",
    "terbahagi",
    "dibahagi",
    "bahagian",
    "gerabak",
    "imej",
    "skrin",
    "digelar",
    "mengalih",
    "laluan",
    "setanding",
    "kanta",
    "komputer",
    "hospital",
    "pusat",
    "kesihatan",
    "jabatan",
    "berfungsi",
    "tenaga",
    "ubat",
}
_INDONESIAN_ONLY = {
    "bisa",
    "karena",
    "sudah",
    "hanya",
    "kendaraan",
    "pemerintah",
    "kantor",
    "pajak",
    "uang",
    "setelah",
    "saja",
    "baru",
    "berpikir",
    "sedangkan",
    "menghapus",
    "variasi",
    "ekspresi",
    "asumsi",
    "mobil",
    "olahraga",
    "perusahaan",
    "polisi",
    "provinsi",
    "sekitar",
    "internasional",
    "bisnis",
    "menghapusnya",
    "linier",
    "kembali",
    "adalah",
    "tersebut",
    "dapat",
    "yaitu",
    "ketika",
    "namun",
    "serta",
    "misalnya",
    "sehingga",
    "tetapi",
    "hal",
    "sangat",
    "banyak",
    "mereka",
    "menjadi",
    "memiliki",
    "dimiliki",
    "kecil",
    "besar",
    "pernah",
    "bahwa",
    "ilmuwan",
    "universitas",
    "teknologi",
    "metode",
    "proyek",
    "kontrol",
    "selama",
    "sejumlah",
    "tentara",
    "dibagi",
    "bagian",
    "rasio",
    "kualitas",
    "gambar",
    "komputer",
    "rumah",
    "sakit",
    "kesehatan",
    "fisik",
    "kimiawi",
    "kimiawinya",
    "fisiknya",
    "diolah",
    "berbagai",
    "memperoleh",
    "bulat",
    "walau",
    "jadi",
    "lewat",
    "kayak",
    "segi",
    "energi",
    "obat",
    "paralel",
    "navigasi",
}
# Words in both lists carry no signal.
_MALAY_ONLY, _INDONESIAN_ONLY = (
    _MALAY_ONLY - _INDONESIAN_ONLY,
    _INDONESIAN_ONLY - _MALAY_ONLY,
)
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)


@cache
def _zawgyi_detector():
    from myanmartools import ZawgyiDetector

    return ZawgyiDetector()


@cache
def _zawgyi_converter():
    import icu

    return icu.Transliterator.createInstance("Zawgyi-my")


@cache
def _opencc():
    import opencc

    return opencc.OpenCC("t2s")


def is_zawgyi(text: str) -> bool:
    if not _MYANMAR.search(text):
        return False
    return _zawgyi_detector().get_zawgyi_probability(text) >= ZAWGYI_THRESHOLD


def normalise(text: str) -> str:
    """What is stored and shown: NFC, Burmese in Unicode."""
    text = unicodedata.normalize("NFC", text or "")
    if is_zawgyi(text):
        text = unicodedata.normalize("NFC", _zawgyi_converter().transliterate(text))
    return text


def normalise_for_index(text: str) -> str:
    """What is indexed and queried: also Simplified Chinese and case-folded."""
    text = normalise(text)
    if _HAN.search(text):
        text = _opencc().convert(text)
    return text.casefold()


def detect_language(text: str) -> str:
    """One of zh-hans, en, id, ms, th, vi, my, km, lo, fil (or 'und' for no letters)."""
    counts = {code: len(pattern.findall(text)) for code, pattern in _SCRIPTS}
    script, hits = max(counts.items(), key=lambda item: item[1])
    letters = len(_WORD.findall(text))
    if hits and hits * 3 >= sum(counts.values()) and hits >= 2:
        return script
    if not letters:
        return "und"
    if len(_VIETNAMESE.findall(text)) >= 2:
        return "vi"
    words = [w.casefold() for w in _WORD.findall(text)]
    family = _STOPWORDS["id"] | _STOPWORDS["ms"]
    scores = {
        "en": sum(1 for w in words if w in _STOPWORDS["en"]),
        "fil": sum(1 for w in words if w in _STOPWORDS["fil"]),
        "malay": sum(1 for w in words if w in family),
    }
    best, hits = max(scores.items(), key=lambda item: item[1])
    if not hits:
        return "en"
    if best != "malay":
        return best
    # Malay and Indonesian share most words: decide by the words each uses and the other not.
    malay = sum(1 for w in words if w in _MALAY_ONLY)
    indonesian = sum(1 for w in words if w in _INDONESIAN_ONLY)
    return "ms" if malay > indonesian else "id"


@lru_cache(maxsize=16)
def _breaker(locale: str):
    import icu

    return icu.BreakIterator.createWordInstance(icu.Locale(locale))


def _segments(text: str) -> list[str]:
    import icu

    breaker = _breaker("th")  # ICU's word breaker handles every script; locale barely matters
    if any(ord(c) > 0xFFFF for c in text):
        # ICU counts UTF-16 units; slice an ICU string when astral characters are present.
        unicode_text = icu.UnicodeString(text)
        breaker.setText(unicode_text)
        bounds = [0, *breaker]
        return [str(unicode_text[a:b]) for a, b in pairwise(bounds)]
    breaker.setText(text)
    bounds = [0, *breaker]
    return [text[start:end] for start, end in pairwise(bounds)]


def tokenize(text: str) -> list[str]:
    """Index terms: ICU words of the normalised text, without punctuation and spaces."""
    tokens = []
    for segment in _segments(normalise_for_index(text)):
        if any(unicodedata.category(c)[0] in "LN" for c in segment):
            tokens.append(segment)
    return tokens
