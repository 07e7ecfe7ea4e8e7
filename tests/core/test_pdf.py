"""PDF documents: every UI language renders with the right fonts, no missing glyph, text can be
extracted back where extraction is reliable, tables repeat their header, metadata is set."""

import io
import re
import unicodedata

import pytest
from PIL import Image as PILImage
from pypdf import PdfReader

from techbridge.core import pdf_fonts
from techbridge.core.pdf import (
    Document,
    MissingGlyphsError,
    ascii_filename,
    glyph_problems,
    pdf_response,
    render,
)

# One sentence per UI language, written for these tests.
SENTENCES = {
    "zh-hans": "本次会议将讨论清洁能源技术的合作机会。",
    "en": "The meeting will discuss cooperation on clean energy technology.",
    "id": "Pertemuan ini membahas kerja sama teknologi energi bersih.",
    "ms": "Mesyuarat ini membincangkan kerjasama teknologi tenaga bersih.",
    "th": "การประชุมนี้จะหารือเรื่องความร่วมมือด้านเทคโนโลยีพลังงานสะอาด",
    "vi": "Cuộc họp sẽ thảo luận về hợp tác công nghệ năng lượng sạch.",
    "my": "ဤအစည်းအဝေးတွင် သန့်ရှင်းသောစွမ်းအင်နည်းပညာ ပူးပေါင်းဆောင်ရွက်မှုကို ဆွေးနွေးပါမည်။",
    "km": "កិច្ចប្រជុំនេះនឹងពិភាក្សាអំពីកិច្ចសហប្រតិបត្តិការបច្ចេកវិទ្យាថាមពលស្អាត។",
    "lo": "ກອງປະຊຸມນີ້ຈະປຶກສາຫາລືກ່ຽວກັບການຮ່ວມມືດ້ານເຕັກໂນໂລຊີພະລັງງານສະອາດ.",
    "fil": "Tatalakayin sa pulong ang pakikipagtulungan sa teknolohiya ng malinis na enerhiya.",
}
# Scripts whose text pypdf gives back in logical order; the others are checked through the
# fonts embedded for them and their ToUnicode maps.
EXTRACTABLE = ("zh-hans", "en", "id", "ms", "vi", "fil")
COMPLEX = {
    "th": "NotoSansThai",
    "lo": "NotoSansLao",
    "km": "NotoSansKhmer",
    "my": "NotoSansMyanmar",
}


def _reader(data: bytes) -> PdfReader:
    assert data.startswith(b"%PDF-")
    return PdfReader(io.BytesIO(data))


def _text(reader: PdfReader) -> str:
    # fpdf2 gives the Chinese (CID-keyed CFF) font an embedded two-byte CMap as /Encoding;
    # pypdf reads its codes as one byte each and puts a NUL before every character.
    text = "\n".join(p.extract_text() for p in reader.pages).replace("\x00", "")
    return unicodedata.normalize("NFC", text)


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _fonts(reader: PdfReader) -> dict[str, set[str]]:
    """Embedded font name (without the subset prefix) -> characters its ToUnicode map gives."""
    found: dict[str, set[str]] = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            name = str(font["/BaseFont"]).split("+", 1)[-1]
            descendant = font["/DescendantFonts"][0].get_object()
            assert "/FontFile2" in descendant["/FontDescriptor"] or (
                "/FontFile3" in descendant["/FontDescriptor"]
            ), f"{name} is not embedded"
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            chars = found.setdefault(name, set())
            for hexes in re.findall(r"<[0-9A-Fa-f]+>\s*<([0-9A-Fa-f]+)>", cmap):
                units = bytes.fromhex(hexes).decode("utf-16-be")
                chars.update(units)
    return found


def _document(language: str, text: str) -> Document:
    return Document(title=text[:20], language=language).heading(text[:12]).paragraph(text)


@pytest.mark.parametrize("language", list(SENTENCES))
def test_a_paragraph_in_each_ui_language_renders_with_every_glyph(language):
    sentence = SENTENCES[language]
    assert pdf_fonts.glyph_problems(sentence) == []
    data = render(_document(language, sentence), strict=True)
    reader = _reader(data)
    assert reader.metadata.title == sentence[:20]
    assert reader.trailer["/Root"]["/Lang"] == ("zh-Hans" if language == "zh-hans" else language)
    if language in EXTRACTABLE:
        assert _squash(sentence) in _squash(_text(reader))


@pytest.mark.parametrize("language", list(COMPLEX))
def test_complex_scripts_are_drawn_by_their_own_font_which_covers_every_character(language):
    sentence = SENTENCES[language]
    fonts = _fonts(_reader(render(_document(language, sentence), strict=True)))
    family = COMPLEX[language]
    own = {name: chars for name, chars in fonts.items() if name.startswith(family)}
    assert own, f"no {family} embedded: {sorted(fonts)}"
    drawn = set().union(*own.values())
    letters = {c for c in sentence if unicodedata.category(c)[0] in "LM"}
    assert letters <= drawn, sorted(letters - drawn)
    # Noto Sans (Latin) never stands in for these letters.
    latin = set().union(*(c for n, c in fonts.items() if n in ("NotoSans", "NotoSansBold")))
    assert not letters & latin


def test_all_ten_languages_in_one_document():
    document = Document(title="Multilingual", language="en")
    for language, sentence in SENTENCES.items():
        document.heading(language, level=2).paragraph(sentence)
    reader = _reader(render(document, strict=True))
    names = set(_fonts(reader))
    assert {"NotoSans", "NotoSansBold", "NotoSansThai", "NotoSansLao", "NotoSansKhmer"} <= names
    assert {"NotoSansMyanmar", "NotoSansCJKSC"} <= names
    text = _squash(_text(reader))
    for language in EXTRACTABLE:
        assert _squash(SENTENCES[language]) in text


def test_a_latin_name_inside_thai_text_stays_in_noto_sans():
    runs = list(pdf_fonts.runs("ประชุมกับ ASEAN Centre วันนี้"))
    assert [face.family for face, _ in runs] == ["NotoSansThai", "NotoSans", "NotoSansThai"]
    assert "".join(text for _, text in runs) == "ประชุมกับ ASEAN Centre วันนี้"


def test_an_english_document_embeds_only_noto_sans():
    data = render(_document("en", SENTENCES["en"]), strict=True)
    assert set(_fonts(_reader(data))) == {"NotoSans", "NotoSansBold"}


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Emoji \U0001f600 here", "no font has it"),
        ("Gothic \U00010330", "no font has it"),
        ("\u17d2\u1780", "broken cluster"),  # a Khmer subscript sign with nothing to attach to
    ],
)
def test_missing_glyphs_are_an_error_in_strict_mode(text, reason, caplog):
    document = Document(title="Missing", language="en").paragraph(text)
    with pytest.raises(MissingGlyphsError) as raised:
        render(document, strict=True)
    assert reason in str(raised.value)
    assert render(document).startswith(b"%PDF-")  # not strict: drawn anyway, logged
    assert "missing glyphs" in caplog.text


def test_burmese_typed_in_zawgyi_is_drawn_as_unicode():
    # Zawgyi puts the medial ra before its consonant and has its own code for "ု" forms.
    document = Document(title="ျမန္မာႏိုင္ငံ", language="my").paragraph("ျမန္မာႏိုင္ငံ")
    assert document.title == "မြန်မာနိုင်ငံ"
    assert document.blocks[0].text == "မြန်မာနိုင်ငံ"
    assert glyph_problems(document) == []
    assert render(document, strict=True).startswith(b"%PDF-")


def test_a_long_table_repeats_its_header_on_every_page():
    rows = [(f"Row {n}", f"Organisation {n}", SENTENCES["vi"]) for n in range(1, 121)]
    document = Document(title="Long table", language="en").paragraph(SENTENCES["en"])
    document.table(("Number", "Participant", "Topic"), rows, widths=(1, 2, 4))
    reader = _reader(render(document, strict=True))
    assert len(reader.pages) >= 3
    for number, page in enumerate(reader.pages, start=1):
        text = page.extract_text()
        assert "Number" in text and "Participant" in text and "Topic" in text
        assert f"Page {number} of {len(reader.pages)}" in text
    assert "Row 120" in _text(reader)


def test_key_values_headings_images_and_metadata():
    png = io.BytesIO()
    PILImage.new("RGB", (40, 20), (20, 120, 200)).save(png, format="PNG")
    svg = (
        b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20">'
        b'<rect width="40" height="20" fill="#c33"/></svg>'
    )
    document = Document(title="Báo cáo", language="vi", subject="Chủ đề", author="Trung tâm")
    document.heading("Thông tin").key_values([("Địa điểm", "Hà Nội"), ("Ngày", "12/3/2027")])
    document.image(png.getvalue(), width_mm=40).image(svg, width_mm=40)
    document.heading("Chi tiết", level=2).paragraph("Ghi chú nhỏ", small=True)
    reader = _reader(render(document, strict=True))
    assert reader.metadata.title == "Báo cáo"
    assert reader.metadata.subject == "Chủ đề"
    assert reader.metadata.author == "Trung tâm"
    text = _text(reader)
    for expected in ("Thông tin", "Địa điểm", "Hà Nội", "Chi tiết", "Ghi chú nhỏ"):
        assert expected in text
    assert [item.title for item in reader.outline if not isinstance(item, list)] == ["Thông tin"]


def test_table_rows_must_match_the_header():
    with pytest.raises(ValueError):
        Document(title="t", language="en").table(("a", "b"), [("only one",)])


def test_page_label_follows_the_document_language(settings):
    data = render(_document("en", SENTENCES["en"]))
    assert "Page 1 of 1" in _text(_reader(data))


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Agenda — Nguyễn Văn An.pdf", "agenda-nguyen-van-an.pdf"),
        ("การประชุม", "document.pdf"),
        ('a"b;c\r\nd/../e', "abc-de.pdf"),
        ("会议 2027 议程", "2027.pdf"),
    ],
)
def test_ascii_filename(name, expected):
    assert ascii_filename(name) == expected


def test_pdf_response_downloads_with_a_safe_name():
    response = pdf_response(_document("th", SENTENCES["th"]), filename="กำหนดการ Thai.pdf")
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="thai.pdf"'
    assert response["Content-Language"] == "th"
    assert response.content.startswith(b"%PDF-")


def test_thai_lao_khmer_burmese_get_line_break_hints_between_words():
    hinted = pdf_fonts.with_line_breaks("ประชุมวันนี้ 😀 ASEAN")
    assert hinted.replace(pdf_fonts.ZWSP, "") == "ประชุมวันนี้ 😀 ASEAN"
    assert hinted.split(" ")[0].split(pdf_fonts.ZWSP) == ["ประชุม", "วัน", "นี้"]
    assert pdf_fonts.with_line_breaks(SENTENCES["vi"]) == SENTENCES["vi"]
    long = Document(title="ยาว", language="th").paragraph(SENTENCES["th"] * 6)
    assert len(_reader(render(long, strict=True)).pages) == 1
