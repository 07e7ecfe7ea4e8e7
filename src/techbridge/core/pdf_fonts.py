"""Fonts for PDF documents: which committed Noto font draws each character, and whether the
shaped text would need a glyph the fonts do not have. No Django imports.

Noto Sans draws Latin (with Vietnamese), Greek, Cyrillic, digits and punctuation; a character
it lacks is drawn by the first fallback face that has it (the same rule as fpdf2's
``get_fallback_font``), so a Thai sentence with a Latin name in it becomes two runs, each
shaped by HarfBuzz with its own font. Files and their origin: fonts/PROVENANCE.md.
"""

import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import icu
import uharfbuzz as hb
from fontTools.ttLib import TTFont

FONT_DIR = Path(__file__).resolve().parent / "fonts"
ZWSP = "\u200b"
# Thai, Lao, Myanmar, Khmer: words are not separated by spaces.
NO_SPACE_SCRIPTS = ((0x0E00, 0x0EFF), (0x1000, 0x109F), (0x1780, 0x17FF), (0x19E0, 0x19FF))
DOTTED_CIRCLE = 0x25CC  # HarfBuzz inserts it before a mark that cannot attach: broken cluster


@dataclass(frozen=True)
class Face:
    family: str  # the name given to fpdf2's add_font
    regular: str  # file names in FONT_DIR
    bold: str

    def path(self, *, bold: bool = False) -> Path:
        return FONT_DIR / (self.bold if bold else self.regular)


PRIMARY = Face("NotoSans", "NotoSans-Regular.ttf", "NotoSans-Bold.ttf")
FALLBACKS = (
    Face("NotoSansThai", "NotoSansThai-Regular.ttf", "NotoSansThai-Bold.ttf"),
    Face("NotoSansLao", "NotoSansLao-Regular.ttf", "NotoSansLao-Bold.ttf"),
    Face("NotoSansKhmer", "NotoSansKhmer-Regular.ttf", "NotoSansKhmer-Bold.ttf"),
    Face("NotoSansMyanmar", "NotoSansMyanmar-Regular.ttf", "NotoSansMyanmar-Bold.ttf"),
    Face("NotoSansSC", "NotoSansSC-Regular.subset.otf", "NotoSansSC-Bold.subset.otf"),
)
FACES = (PRIMARY, *FALLBACKS)


@dataclass(frozen=True)
class GlyphProblem:
    text: str  # the run that was shaped
    family: str
    character: str  # the character (or cluster start) that has no proper glyph
    reason: str  # "no font has it" | "notdef" | "broken cluster"

    def __str__(self) -> str:
        code = " ".join(f"U+{ord(c):04X}" for c in self.character)
        return f"{code} {self.character!r} in {self.family}: {self.reason}"


@cache
def cmap(path: Path) -> frozenset[int]:
    """Code points the font maps to a glyph (read once per process)."""
    font = TTFont(str(path), lazy=True)
    try:
        return frozenset(font.getBestCmap())
    finally:
        font.close()


@cache
def _hb_font(path: Path) -> hb.Font:
    return hb.Font(hb.Face(hb.Blob.from_file_path(str(path))))


def needs_no_glyph(char: str) -> bool:
    """Line breaks and format characters (ZWSP, ZWJ, ZWNJ, soft hyphen...) draw nothing."""
    return char in "\n\r\t" or unicodedata.category(char) == "Cf"


@cache
def face_for(char: str, *, bold: bool = False) -> Face | None:
    """The face fpdf2 will draw ``char`` with, or None when no committed font has it."""
    for face in FACES:
        if ord(char) in cmap(face.path(bold=bold)):
            return face
    return None


def faces_needed(texts: Iterable[str]) -> list[Face]:
    """The fallback faces (in fallback order) that some character of ``texts`` needs.

    Loading only these keeps an English document from parsing the 10 MB Chinese font."""
    chars: set[str] = set()
    for text in texts:
        chars.update(text)
    wanted = {
        face_for(char, bold=bold)
        for char in chars
        if not needs_no_glyph(char)
        for bold in (False, True)
    }
    return [face for face in FALLBACKS if face in wanted]


def runs(text: str, *, bold: bool = False) -> Iterator[tuple[Face | None, str]]:
    """Split ``text`` into maximal runs drawn by one face (None: no font has the character).

    Characters that draw nothing stay with the run they are in."""
    current: Face | None = PRIMARY
    start = 0
    for index, char in enumerate(text):
        if needs_no_glyph(char):
            continue
        face = face_for(char, bold=bold)
        if face != current and index > start:
            yield current, text[start:index]
            start = index
        current = face
    if start < len(text):
        yield current, text[start:]


def glyph_problems(
    text: str, *, bold: bool = False, language: str | None = None
) -> list[GlyphProblem]:
    """Characters of ``text`` that would come out as .notdef or as a broken cluster.

    Each run is shaped with HarfBuzz exactly as fpdf2 will shape it: a glyph id 0 is a
    .notdef; a dotted circle that was not in the input marks a mark that could not attach
    (e.g. a Khmer subscript or a Burmese medial in an impossible order, or a shaper that
    does not know the script)."""
    problems: list[GlyphProblem] = []
    for face, run in runs(text, bold=bold):
        if face is None:
            problems += [
                GlyphProblem(run, "-", char, "no font has it")
                for char in run
                if not needs_no_glyph(char)
            ]
            continue
        font = _hb_font(face.path(bold=bold))
        buffer = hb.Buffer()
        buffer.cluster_level = 1  # as fpdf2: cluster values are indices into ``run``
        buffer.add_str(run)
        buffer.guess_segment_properties()
        if language:
            buffer.language = language
        hb.shape(font, buffer, {})
        dotted = font.get_nominal_glyph(DOTTED_CIRCLE)
        for info in buffer.glyph_infos:
            char = run[info.cluster]
            if info.codepoint == 0 and not needs_no_glyph(char):
                problems.append(GlyphProblem(run, face.family, char, "notdef"))
            elif dotted and info.codepoint == dotted and chr(DOTTED_CIRCLE) not in run:
                problems.append(GlyphProblem(run, face.family, char, "broken cluster"))
    return problems


def _unspaced(char: str) -> bool:
    return any(start <= ord(char) <= end for start, end in NO_SPACE_SCRIPTS)


def with_line_breaks(text: str) -> str:
    """``text`` with a zero-width space at each ICU line-break opportunity inside Thai, Lao,
    Khmer and Burmese words, where fpdf2 (which breaks only at spaces) may wrap the line.

    Without it a long Thai sentence is cut between any two characters, which can separate
    a vowel sign from its consonant."""
    if not any(_unspaced(char) for char in text):
        return text
    iterator = icu.BreakIterator.createLineInstance(icu.Locale.getRoot())
    iterator.setText(text)
    # ICU counts UTF-16 code units; map them back to indices of ``text``.
    index_of: dict[int, int] = {}
    units = 0
    for index, char in enumerate(text):
        index_of[units] = index
        units += 2 if ord(char) > 0xFFFF else 1
    pieces: list[str] = []
    start = 0
    for boundary in iterator:
        end = index_of.get(boundary, len(text))
        if 0 < end < len(text):
            before, after = text[end - 1], text[end]
            if (
                not before.isspace()
                and not after.isspace()
                and ZWSP not in (before, after)
                and (_unspaced(before) or _unspaced(after))
            ):
                pieces += [text[start:end], ZWSP]
                start = end
    pieces.append(text[start:])
    return "".join(pieces)
