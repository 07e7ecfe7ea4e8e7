import re
from pathlib import Path

from django.conf import settings

PACKAGE = Path(settings.PACKAGE_DIR)
STATIC = PACKAGE / "static"
EXTERNAL_URL = re.compile(
    r"""(?:src|href)=["']https?://|url\(["']?https?://|@import\s+["']?https?://"""
)


def test_fonts_for_every_script_are_vendored():
    css = (STATIC / "vendor" / "fonts" / "fonts.css").read_text("utf-8")
    for family in (
        "Noto Sans",
        "Noto Sans SC",
        "Noto Sans Thai",
        "Noto Sans Lao",
        "Noto Sans Khmer",
        "Noto Sans Myanmar",
    ):
        assert f'font-family: "{family}"' in css or f"font-family: '{family}'" in css
    urls = re.findall(r'url\("?([^")]+)"?\)', css)
    assert len(urls) > 20
    missing = [u for u in urls if not (STATIC / "vendor" / "fonts" / u).is_file()]
    assert missing == []


def test_htmx_is_vendored():
    assert (STATIC / "vendor" / "htmx" / "htmx.min.js").stat().st_size > 10_000


def test_no_template_or_stylesheet_loads_anything_from_another_host():
    offenders = []
    for path in [*PACKAGE.rglob("*.html"), *STATIC.rglob("*.css")]:
        if EXTERNAL_URL.search(path.read_text("utf-8", errors="replace")):
            offenders.append(str(path.relative_to(PACKAGE)))
    assert offenders == []
