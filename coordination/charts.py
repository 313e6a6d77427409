"""Charts for the coordinator's dashboard, drawn on the server as inline SVG (ADR 0036).

Pure: plain data in, SVG markup out; no Django, no clock. The caller formats every number in
the viewer's language (the chart writes the text it is given) and puts the same numbers in a
data table beside the chart, for screen readers and for anyone who wants the figures.

What makes the charts readable without colour and without a script: every bar and column has
its value written beside it, labels are text (searchable, translated, zoomable), a chart is an
image to assistive technology (``role="img"`` with a title and a description) whose numbers are
in the table, and one dark colour that keeps 3:1 contrast with the page is the only fill. In a
right-to-left language the bars grow from the right and the labels sit at the right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

WIDTH = 600
BAR_COLOUR = "#1d4f91"  # 8.6:1 against white: a graphic needs 3:1 (WCAG 1.4.11)
TEXT_COLOUR = "#1a1a1a"
RULE_COLOUR = "#767676"  # 4.5:1 against white
LABEL_CHARS = 48  # a longer label is cut in the chart; the table beside it has it whole
VALUE_ROOM = 90  # room after the longest bar for its value


@dataclass(frozen=True)
class Bar:
    """One bar or column: its label, its length as a number, and that number as shown."""

    label: str
    value: float
    text: str


def _short(label: str) -> str:
    return (
        label if len(label) <= LABEL_CHARS else label[: LABEL_CHARS - 1] + "\N{HORIZONTAL ELLIPSIS}"
    )


def _open(*, ident: str, title: str, desc: str, height: int, rtl: bool) -> list[str]:
    direction = ' direction="rtl"' if rtl else ""
    return [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" '
        f'aria-labelledby="{escape(ident)}-title {escape(ident)}-desc" '
        f'viewBox="0 0 {WIDTH} {height}" width="100%" font-size="14"{direction}>',
        f'<title id="{escape(ident)}-title">{escape(title)}</title>',
        f'<desc id="{escape(ident)}-desc">{escape(desc)}</desc>',
    ]


def _x(start: float, width: float, rtl: bool) -> float:
    """Where a box from ``start`` (counted from the reading start) begins, in SVG units."""
    return WIDTH - start - width if rtl else start


def _text(x: float, y: float, text: str, *, anchor: str, rtl: bool, size: int = 14) -> str:
    """Text at ``x`` counted from the reading start; in a right-to-left chart (``direction``
    on the whole SVG) "start" is the text's right end, so only ``x`` is mirrored."""
    if rtl:
        x = WIDTH - x
    font = "" if size == 14 else f' font-size="{size}"'
    return (
        f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" fill="{TEXT_COLOUR}"{font}>'
        f"{escape(text)}</text>"
    )


def bar_chart(
    *, ident: str, title: str, desc: str, bars: Sequence[Bar], scale: float, rtl: bool = False
) -> str:
    """Horizontal bars, one a row: the label above its bar, the value after it. ``scale`` is
    the value of a full-width bar (100 for percentages); a value above it draws a full bar."""
    row = 40
    height = max(row * len(bars), row)
    parts = _open(ident=ident, title=title, desc=desc, height=height, rtl=rtl)
    room = WIDTH - VALUE_ROOM
    for index, bar in enumerate(bars):
        top = index * row
        share = min(max(bar.value / scale, 0.0), 1.0) if scale > 0 else 0.0
        width = share * room
        parts.append(_text(0, top + 14, _short(bar.label), anchor="start", rtl=rtl))
        parts.append(
            f'<rect x="{_x(0, width, rtl):.1f}" y="{top + 20}" width="{width:.1f}" height="14" '
            f'fill="{BAR_COLOUR}"/>'
        )
        parts.append(_text(width + 6, top + 32, bar.text, anchor="start", rtl=rtl))
    parts.append("</svg>")
    return "".join(parts)


def column_chart(
    *, ident: str, title: str, desc: str, columns: Sequence[Bar], rtl: bool = False
) -> str:
    """Columns over time, in reading order (the oldest first): the value above each column,
    its label (a date) below, on a base line; the tallest column fills the height."""
    plot, top, below = 160, 24, 40
    height = top + plot + below
    parts = _open(ident=ident, title=title, desc=desc, height=height, rtl=rtl)
    tallest = max((c.value for c in columns), default=0.0)
    slot = WIDTH / max(len(columns), 1)
    width = slot * 0.6
    base = top + plot
    for index, column in enumerate(columns):
        size = (column.value / tallest) * plot if tallest > 0 else 0.0
        start = index * slot + (slot - width) / 2
        middle = index * slot + slot / 2
        parts.append(
            f'<rect x="{_x(start, width, rtl):.1f}" y="{base - size:.1f}" width="{width:.1f}" '
            f'height="{size:.1f}" fill="{BAR_COLOUR}"/>'
        )
        parts.append(_text(middle, base - size - 6, column.text, anchor="middle", rtl=rtl))
        parts.append(_text(middle, base + 18, column.label, anchor="middle", rtl=rtl, size=12))
    parts.append(
        f'<line x1="0" y1="{base}" x2="{WIDTH}" y2="{base}" stroke="{RULE_COLOUR}" '
        'stroke-width="1"/>'
    )
    parts.append("</svg>")
    return "".join(parts)
