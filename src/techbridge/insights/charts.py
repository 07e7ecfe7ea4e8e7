"""Server-side SVG charts: horizontal bars, stacked bars, a funnel and lines by month.

Pure Python (no Django): callers pass labels already translated and a function that formats
numbers in the reader's language. Every text is escaped; every chart carries a <title> and a
<desc> referenced by aria-labelledby, so a screen reader announces it (pages show the same
figures as a table next to it). Colours come from one palette with enough contrast on white.
"""

from collections.abc import Callable, Sequence
from html import escape

PALETTE = ("#1f5fa8", "#d9822b", "#2e8b57", "#8e44ad", "#c0392b", "#5d6d7e", "#b7950b")
TEXT = "#222222"
GRID = "#d0d4da"
# fpdf2 takes the first family it knows (the PDF face "NotoSans"); browsers the first they have.
FONT = (
    "font-family=\"NotoSans, 'Noto Sans', 'Noto Sans SC', 'Noto Sans Thai', 'Noto Sans Lao', "
    "'Noto Sans Khmer', 'Noto Sans Myanmar', sans-serif\""
)

Formatter = Callable[[float], str]


def _plain(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"


def _attr(text: str) -> str:
    return escape(str(text), quote=True)


def _svg(chart_id: str, title: str, desc: str, width: int, height: int, body: list[str]) -> str:
    ident = _attr(chart_id)
    return "".join(
        [
            f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
            f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" '
            'style="max-width:100%;height:auto" '
            f'aria-labelledby="{ident}-title {ident}-desc">',
            f'<title id="{ident}-title">{escape(title)}</title>',
            f'<desc id="{ident}-desc">{escape(desc)}</desc>',
            *body,
            "</svg>",
        ]
    )


def _text(x: float, y: float, text: str, *, anchor: str = "start", size: int = 12) -> str:
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" {FONT} font-size="{size}" fill="{TEXT}" '
        f'text-anchor="{anchor}">{escape(str(text))}</text>'
    )


def _rect(x: float, y: float, w: float, h: float, colour: str, label: str = "") -> str:
    tip = f"<title>{escape(label)}</title>" if label else ""
    return (
        f'<rect x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" height="{h:.1f}" '
        f'fill="{colour}">{tip}</rect>'
    )


def bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    items: Sequence[tuple[str, float]],
    fmt: Formatter = _plain,
    width: int = 640,
    label_width: int = 200,
    colour: str = PALETTE[0],
) -> str:
    """One horizontal bar per (label, value), the value written after the bar."""
    row, top = 26, 8
    height = top * 2 + row * max(len(items), 1)
    largest = max([value for _label, value in items] + [1])
    room = width - label_width - 70
    body = []
    for index, (label, value) in enumerate(items):
        y = top + index * row
        length = room * value / largest
        body.append(_text(label_width - 8, y + 16, label, anchor="end"))
        body.append(_rect(label_width, y + 3, length, row - 8, colour, f"{label}: {fmt(value)}"))
        body.append(_text(label_width + length + 6, y + 16, fmt(value)))
    return _svg(chart_id, title, desc, width, height, body)


def _legend(series_names: Sequence[str], y: float, x0: float) -> list[str]:
    body, x = [], x0
    for index, name in enumerate(series_names):
        colour = PALETTE[index % len(PALETTE)]
        body.append(_rect(x, y - 10, 12, 12, colour))
        body.append(_text(x + 16, y, name))
        x += 28 + 7 * len(str(name))
    return body


def stacked_bar_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    categories: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    fmt: Formatter = _plain,
    width: int = 640,
    label_width: int = 200,
) -> str:
    """One horizontal bar per category made of one segment per series, total after the bar."""
    row, top = 26, 30
    height = top + 8 + row * max(len(categories), 1)
    totals = [sum(values[i] for _name, values in series) for i in range(len(categories))]
    largest = max([*totals, 1])
    room = width - label_width - 70
    body = _legend([name for name, _values in series], 16, label_width)
    for index, category in enumerate(categories):
        y = top + index * row
        body.append(_text(label_width - 8, y + 16, category, anchor="end"))
        x = float(label_width)
        for s_index, (name, values) in enumerate(series):
            length = room * values[index] / largest
            colour = PALETTE[s_index % len(PALETTE)]
            tip = f"{category} · {name}: {fmt(values[index])}"
            body.append(_rect(x, y + 3, length, row - 8, colour, tip))
            x += length
        body.append(_text(x + 6, y + 16, fmt(totals[index])))
    return _svg(chart_id, title, desc, width, height, body)


def funnel_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    steps: Sequence[tuple[str, float]],
    fmt: Formatter = _plain,
    width: int = 640,
    label_width: int = 200,
) -> str:
    """Centred bars narrowing step by step, each with its count and share of the first step."""
    row, top = 30, 8
    height = top * 2 + row * max(len(steps), 1)
    first = steps[0][1] if steps and steps[0][1] else 1
    largest = max([value for _label, value in steps] + [1])
    room = width - label_width - 110
    centre = label_width + room / 2
    body = []
    for index, (label, value) in enumerate(steps):
        y = top + index * row
        length = room * value / largest
        colour = PALETTE[index % len(PALETTE)]
        share = f"{100 * value / first:.0f} %" if index else ""
        body.append(_text(label_width - 8, y + 19, label, anchor="end"))
        body.append(
            _rect(centre - length / 2, y + 4, length, row - 8, colour, f"{label}: {fmt(value)}")
        )
        body.append(_text(label_width + room + 8, y + 19, f"{fmt(value)} {share}".strip()))
    return _svg(chart_id, title, desc, width, height, body)


def line_chart(
    *,
    chart_id: str,
    title: str,
    desc: str,
    labels: Sequence[str],
    series: Sequence[tuple[str, Sequence[float]]],
    fmt: Formatter = _plain,
    width: int = 640,
    height: int = 260,
) -> str:
    """One line per series over the labels (months), y axis from zero with three grid lines."""
    left, right, top, bottom = 56, 16, 30, 46
    plot_w, plot_h = width - left - right, height - top - bottom
    largest = max([v for _name, values in series for v in values] + [1])
    body = _legend([name for name, _values in series], 16, left)
    for step in range(4):
        value = largest * step / 3
        y = top + plot_h - plot_h * step / 3
        body.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{width - right}" y2="{y:.1f}" '
            f'stroke="{GRID}" stroke-width="1"/>'
        )
        body.append(_text(left - 6, y + 4, fmt(round(value)), anchor="end", size=11))
    count = max(len(labels), 1)
    spacing = plot_w / max(count - 1, 1)
    every = max(1, count // 8)
    for index, label in enumerate(labels):
        if index % every == 0 or index == count - 1:
            x = left + spacing * index if count > 1 else left + plot_w / 2
            body.append(_text(x, height - bottom + 18, label, anchor="middle", size=11))
    for s_index, (name, values) in enumerate(series):
        colour = PALETTE[s_index % len(PALETTE)]
        points = []
        for index, value in enumerate(values):
            x = left + spacing * index if count > 1 else left + plot_w / 2
            y = top + plot_h - plot_h * value / largest
            points.append((x, y, value, labels[index] if index < len(labels) else ""))
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _v, _l in points)
        body.append(f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>')
        for x, y, value, label in points:
            body.append(
                f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="{colour}">'
                f"<title>{escape(f'{name} · {label}: {fmt(value)}')}</title></circle>"
            )
    return _svg(chart_id, title, desc, width, height, body)
