"""The SVG charts: pure functions, escaped text, accessible names, numbers as given."""

import xml.etree.ElementTree as ET
from pathlib import Path

from techbridge.insights import charts

NS = "{http://www.w3.org/2000/svg}"
EVIL = '<script>alert("x")</script> & "quotes"'


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)


def _texts(root: ET.Element) -> list[str]:
    return [element.text or "" for element in root.iter(f"{NS}text")]


def test_charts_module_has_no_django_import():
    source = Path(charts.__file__).read_text(encoding="utf-8")
    assert "django" not in source


def test_bar_chart_escapes_and_names_itself():
    svg = charts.bar_chart(
        chart_id="c1", title=EVIL, desc="desc " + EVIL, items=[(EVIL, 1234), ("B", 0)]
    )
    assert "<script>" not in svg
    root = _parse(svg)
    assert root.get("role") == "img"
    assert root.get("aria-labelledby") == "c1-title c1-desc"
    assert root.find(f"{NS}title").text == EVIL
    assert root.find(f"{NS}desc").text == "desc " + EVIL
    assert EVIL in _texts(root)
    assert "1,234" in _texts(root)
    widths = [float(r.get("width")) for r in root.iter(f"{NS}rect")]
    assert widths[0] > 0 and widths[1] == 0


def test_formatter_and_every_chart_kind():
    fmt = lambda value: f"<{value}>"  # noqa: E731
    stacked = _parse(
        charts.stacked_bar_chart(
            chart_id="s",
            title="t",
            desc="d",
            categories=["CN", "TH"],
            series=[("Technologies", [3, 1]), ("Needs", [1, 0])],
            fmt=fmt,
        )
    )
    assert {"<4>", "<1>", "Technologies", "Needs"} <= set(_texts(stacked))
    funnel = _parse(
        charts.funnel_chart(
            chart_id="f", title="t", desc="d", steps=[("Listings", 10), ("Deals", 5)], fmt=fmt
        )
    )
    assert "<5> 50 %" in _texts(funnel)
    line = _parse(
        charts.line_chart(
            chart_id="l",
            title="t",
            desc="d",
            labels=["Jan", "Feb", "Mar"],
            series=[("Views", [0, 9, 3])],
            fmt=fmt,
        )
    )
    assert {"Jan", "Mar", "<9>", "<0>"} <= set(_texts(line))
    assert len(list(line.iter(f"{NS}circle"))) == 3


def test_empty_charts_render():
    for svg in (
        charts.bar_chart(chart_id="a", title="t", desc="d", items=[]),
        charts.stacked_bar_chart(chart_id="b", title="t", desc="d", categories=[], series=[]),
        charts.funnel_chart(chart_id="c", title="t", desc="d", steps=[]),
        charts.line_chart(chart_id="d", title="t", desc="d", labels=[], series=[]),
    ):
        assert _parse(svg).tag == f"{NS}svg"
