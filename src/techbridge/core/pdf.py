"""PDF documents in any UI language: agendas, certificates, result letters, reports.

Build a ``Document`` (title, headings, paragraphs, key/value rows, tables, images), then
``render(document)`` gives the bytes, or ``pdf_response(document, filename=...)`` an
HttpResponse to download. A4, page numbers "Page X of Y" in the document's language, title and
language in the PDF metadata. Text is shaped by HarfBuzz (fpdf2 + uharfbuzz) with the Noto
fonts committed in core/fonts/, so Thai, Lao, Khmer, Burmese, Chinese and Vietnamese come out
right without any system library. Callers pass text already translated and formatted (dates in
the reader's zone); only the page label is translated here.
"""

import io
import logging
import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.http import HttpResponse
from django.utils import translation
from django.utils.text import slugify
from django.utils.translation import gettext
from fpdf import FPDF
from fpdf.enums import TableBordersLayout, XPos, YPos
from fpdf.fonts import FontFace

from techbridge.core import pdf_fonts
from techbridge.matching.engine.text import normalise

logger = logging.getLogger(__name__)
# fpdf2 subsets fonts with fontTools, which logs every table it touches at INFO.
logging.getLogger("fontTools.subset").setLevel(logging.WARNING)

MARGIN_MM = 18
BODY_PT = 10
TITLE_PT = 18
HEADING_PT = {1: 14, 2: 12, 3: 11}
LINE_MM = 5.2  # line height for body text
GREY = (90, 90, 90)
HEADER_FILL = (230, 234, 240)

# BCP 47 tags for the PDF /Lang entry and HarfBuzz (which picks locale forms, e.g. Chinese).
_BCP47 = {"zh-hans": "zh-Hans", "zh-hant": "zh-Hant"}


class MissingGlyphsError(ValueError):
    """Some text would be drawn with a .notdef glyph or as a broken cluster."""

    def __init__(self, problems: Sequence[pdf_fonts.GlyphProblem]):
        self.problems = list(problems)
        shown = "; ".join(str(p) for p in self.problems[:10])
        more = f" (and {len(self.problems) - 10} more)" if len(self.problems) > 10 else ""
        super().__init__(f"missing glyphs: {shown}{more}")


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 1


@dataclass(frozen=True)
class Paragraph:
    text: str
    bold: bool = False
    small: bool = False


@dataclass(frozen=True)
class KeyValues:
    rows: tuple[tuple[str, str], ...]


@dataclass(frozen=True)
class Table:
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[float, ...] | None = None  # relative column widths


@dataclass(frozen=True)
class Image:
    source: bytes | Path  # PNG, JPEG or SVG
    width_mm: float


Block = Heading | Paragraph | KeyValues | Table | Image


@dataclass
class Document:
    """What a PDF says, in reading order. Methods return the document so calls can chain.

    Text is stored as shown: NFC, and Burmese typed in Zawgyi converted to Unicode (the fonts
    and HarfBuzz expect Unicode Burmese)."""

    title: str
    language: str  # a UI language code (settings.LANGUAGES), e.g. "zh-hans", "th"
    subject: str = ""
    author: str = ""
    blocks: list[Block] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.title = normalise(self.title)

    def heading(self, text: str, *, level: int = 1) -> "Document":
        self.blocks.append(Heading(normalise(text), max(1, min(level, 3))))
        return self

    def paragraph(self, text: str, *, bold: bool = False, small: bool = False) -> "Document":
        self.blocks.append(Paragraph(normalise(text), bold=bold, small=small))
        return self

    def key_values(self, rows: Iterable[tuple[str, str]]) -> "Document":
        self.blocks.append(
            KeyValues(tuple((normalise(str(k)), normalise(str(v))) for k, v in rows))
        )
        return self

    def table(
        self,
        header: Sequence[str],
        rows: Iterable[Sequence[str]],
        *,
        widths: Sequence[float] | None = None,
    ) -> "Document":
        body = tuple(tuple(normalise(str(cell)) for cell in row) for row in rows)
        if any(len(row) != len(header) for row in body):
            raise ValueError("every table row needs one cell per header column")
        if widths is not None and len(widths) != len(header):
            raise ValueError("widths needs one value per header column")
        self.blocks.append(
            Table(tuple(normalise(str(h)) for h in header), body, tuple(widths) if widths else None)
        )
        return self

    def image(self, source: bytes | Path, *, width_mm: float) -> "Document":
        self.blocks.append(Image(source, width_mm))
        return self

    def texts(self) -> Iterator[tuple[str, bool]]:
        """Every string the document draws, with whether it is drawn bold."""
        yield self.title, True
        for block in self.blocks:
            if isinstance(block, Heading):
                yield block.text, True
            elif isinstance(block, Paragraph):
                yield block.text, block.bold
            elif isinstance(block, KeyValues):
                for key, value in block.rows:
                    yield key, True
                    yield value, False
            elif isinstance(block, Table):
                yield from ((h, True) for h in block.header)
                yield from ((cell, False) for row in block.rows for cell in row)


def bcp47(language: str) -> str:
    return _BCP47.get(language.lower(), language)


def page_label() -> str:
    """The footer in the active language; ``{nb}`` becomes the page count when output."""
    # Translators: footer of every PDF page, e.g. "Page 2 of 5".
    return gettext("Page %(page)s of %(pages)s")


class _PDF(FPDF):
    label = "%(page)s / %(pages)s"

    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(pdf_fonts.PRIMARY.family, size=8)
        self.set_text_color(*GREY)
        text = self.label % {"page": self.page_no(), "pages": "{nb}"}
        self.cell(0, 6, text, align="C")
        self.set_text_color(0, 0, 0)


def glyph_problems(document: Document, *, label: str = "") -> list[pdf_fonts.GlyphProblem]:
    """Every character of ``document`` that no committed font draws correctly."""
    language = bcp47(document.language)
    problems: list[pdf_fonts.GlyphProblem] = []
    seen: set[tuple[str, bool]] = set()
    for text, bold in [*document.texts(), (label, False)]:
        if text and (text, bold) not in seen:
            seen.add((text, bold))
            problems += pdf_fonts.glyph_problems(text, bold=bold, language=language)
    return problems


def render(document: Document, *, strict: bool = False) -> bytes:
    """The PDF as bytes. ``strict``: raise MissingGlyphsError instead of logging a warning
    when a character would come out as an empty box or a broken cluster (tests use it)."""
    with translation.override(document.language):
        label = page_label()
    problems = glyph_problems(document, label=label)
    if problems:
        if strict:
            raise MissingGlyphsError(problems)
        logger.warning("PDF %r: %s", document.title, MissingGlyphsError(problems))

    pdf = _PDF(orientation="portrait", unit="mm", format="A4")
    pdf.label = label
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=MARGIN_MM)
    texts = [text for text, _bold in document.texts()] + [label]
    fallbacks = pdf_fonts.faces_needed(texts)
    for face in (pdf_fonts.PRIMARY, *fallbacks):
        pdf.add_font(face.family, "", str(face.path()))
        pdf.add_font(face.family, "B", str(face.path(bold=True)))
    if fallbacks:
        pdf.set_fallback_fonts([face.family for face in fallbacks])
    pdf.set_text_shaping(use_shaping_engine=True, language=bcp47(document.language))
    pdf.set_title(document.title)
    pdf.set_lang(bcp47(document.language))
    if document.subject:
        pdf.set_subject(document.subject)
    if document.author:
        pdf.set_author(document.author)
    pdf.set_creator("techbridge")
    pdf.add_page()

    _title(pdf, document.title)
    for block in document.blocks:
        if isinstance(block, Heading):
            _heading(pdf, block)
        elif isinstance(block, Paragraph):
            _paragraph(pdf, block)
        elif isinstance(block, KeyValues):
            _key_values(pdf, block)
        elif isinstance(block, Table):
            _table(pdf, block)
        elif isinstance(block, Image):
            _image(pdf, block)
    return bytes(pdf.output())


def _wrap(text: str) -> str:
    return pdf_fonts.with_line_breaks(text)


def _font(pdf: FPDF, size: float, *, bold: bool = False) -> None:
    pdf.set_font(pdf_fonts.PRIMARY.family, "B" if bold else "", size)


def _title(pdf: FPDF, title: str) -> None:
    _font(pdf, TITLE_PT, bold=True)
    pdf.multi_cell(0, 8.5, _wrap(title), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(3)


def _heading(pdf: FPDF, block: Heading) -> None:
    size = HEADING_PT[block.level]
    if pdf.will_page_break(size * 0.5 + 3 * LINE_MM):  # keep a heading with what follows
        pdf.add_page()
    pdf.ln(2)
    pdf.start_section(block.text, level=block.level - 1, strict=False)
    _font(pdf, size, bold=True)
    pdf.multi_cell(0, size * 0.5, _wrap(block.text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(1.5)


def _paragraph(pdf: FPDF, block: Paragraph) -> None:
    size = BODY_PT - 1.5 if block.small else BODY_PT
    _font(pdf, size, bold=block.bold)
    pdf.multi_cell(0, LINE_MM, _wrap(block.text), new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.ln(2)


def _key_values(pdf: FPDF, block: KeyValues) -> None:
    _font(pdf, BODY_PT)
    with pdf.table(
        col_widths=(1, 2),
        first_row_as_headings=False,
        borders_layout=TableBordersLayout.NONE,
        text_align="LEFT",
        line_height=LINE_MM,
        padding=(0.8, 1, 0.8, 0),
    ) as table:
        for key, value in block.rows:
            row = table.row()
            row.cell(_wrap(key), style=FontFace(emphasis="BOLD"))
            row.cell(_wrap(value))
    pdf.ln(2)


def _table(pdf: FPDF, block: Table) -> None:
    _font(pdf, BODY_PT - 1)
    with pdf.table(
        col_widths=block.widths,
        headings_style=FontFace(emphasis="BOLD", fill_color=HEADER_FILL),
        borders_layout=TableBordersLayout.HORIZONTAL_LINES,
        text_align="LEFT",
        line_height=LINE_MM - 0.4,
        padding=1.2,
        repeat_headings=1,  # the header row again at the top of every page
    ) as table:
        for cells in (block.header, *block.rows):
            row = table.row()
            for cell in cells:
                row.cell(_wrap(cell))
    pdf.ln(3)


def _image(pdf: FPDF, block: Image) -> None:
    source = io.BytesIO(block.source) if isinstance(block.source, bytes) else block.source
    pdf.image(source, w=block.width_mm)
    pdf.ln(2)


def ascii_filename(name: str, *, default: str = "document") -> str:
    """``name`` reduced to a safe ASCII file name ending in .pdf (accents dropped)."""
    stem = name[:-4] if name.lower().endswith(".pdf") else name
    ascii_stem = unicodedata.normalize("NFKD", stem).encode("ascii", "ignore").decode()
    return f"{(slugify(ascii_stem)[:80].strip('-_') or default)}.pdf"


def pdf_response(
    document: Document, *, filename: str, inline: bool = False, strict: bool = False
) -> HttpResponse:
    """An HttpResponse with the rendered PDF, to download (or show, ``inline``)."""
    response = HttpResponse(render(document, strict=strict), content_type="application/pdf")
    disposition = "inline" if inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{ascii_filename(filename)}"'
    response["Content-Language"] = document.language
    response["X-Content-Type-Options"] = "nosniff"
    return response
