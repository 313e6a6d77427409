"""The dashboard's charts and cells as plain data (``coordination.charts``, ``.tables``): what a
screen reader announces, what a right-to-left reader sees, and what a spreadsheet gets."""

from __future__ import annotations

import datetime
from decimal import Decimal
from xml.etree import ElementTree

from coordination.charts import WIDTH, Bar, bar_chart, column_chart
from coordination.tables import export_cell, rate

SVG = "{http://www.w3.org/2000/svg}"


def parsed(svg: str) -> ElementTree.Element:
    return ElementTree.fromstring(svg)  # well-formed: it is XML


def test_a_bar_chart_is_an_image_named_by_its_title_and_description():
    svg = parsed(
        bar_chart(
            ident="c",
            title="Completion <by> course",
            desc="Bars of the rate",
            bars=[Bar("<script>alert(1)</script>", 50, "50.0"), Bar("ไทย", 100, "100.0")],
            scale=100,
        )
    )
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == "c-title c-desc"
    assert svg.find(f"{SVG}title").text == "Completion <by> course"
    assert svg.find(f"{SVG}desc").text == "Bars of the rate"
    texts = [t.text for t in svg.iter(f"{SVG}text")]
    assert texts == ["<script>alert(1)</script>", "50.0", "ไทย", "100.0"]  # text, not markup
    widths = [float(r.get("width")) for r in svg.iter(f"{SVG}rect")]
    assert widths[1] == 2 * widths[0]


def test_right_to_left_bars_grow_from_the_right():
    bars = [Bar("a", 50, "50")]
    ltr = parsed(bar_chart(ident="c", title="t", desc="d", bars=bars, scale=100))
    rtl = parsed(bar_chart(ident="c", title="t", desc="d", bars=bars, scale=100, rtl=True))
    left, right = ltr.find(f"{SVG}rect"), rtl.find(f"{SVG}rect")
    assert float(left.get("x")) == 0
    assert float(right.get("x")) + float(right.get("width")) == WIDTH
    # The text runs right to left from the right edge ("start" is its right end in rtl).
    assert rtl.get("direction") == "rtl"
    label, value = rtl.iter(f"{SVG}text")
    assert float(label.get("x")) == WIDTH and label.get("text-anchor") == "start"
    assert float(value.get("x")) == float(right.get("x")) - 6


def test_columns_scale_to_the_tallest_and_nothing_draws_nothing():
    svg = parsed(
        column_chart(
            ident="w", title="t", desc="d", columns=[Bar("1 Dec", 0, "0"), Bar("8 Dec", 8, "8")]
        )
    )
    heights = [float(r.get("height")) for r in svg.iter(f"{SVG}rect")]
    assert heights[0] == 0 and heights[1] == 160
    assert parsed(column_chart(ident="w", title="t", desc="d", columns=[])).get("role") == "img"


def test_a_cell_that_would_run_as_a_formula_is_text():
    for text in ("=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"):
        assert export_cell(text) == "'" + text
    assert export_cell("Somchai") == "Somchai"
    assert export_cell(-3) == -3 and export_cell(Decimal("-2.5")) == Decimal("-2.5")
    assert export_cell(datetime.date(2026, 12, 4)) == datetime.date(2026, 12, 4)
    assert export_cell(None) == ""


def test_rates_have_one_decimal_place_and_none_of_nothing():
    assert rate(1, 3) == Decimal("33.3")
    assert rate(2, 3) == Decimal("66.7")
    assert rate(3, 3) == Decimal("100.0")
    assert rate(0, 0) is None
