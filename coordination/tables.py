"""A coordinator's table as plain data: what the page shows and what the CSV and XLSX exports
write, from the same rows (ADR 0036). Pure: no Django.

A row holds values, not text: counts are ints, percentages Decimals rounded as shown, dates
dates, anything else text; the page formats them in the viewer's language, the exports keep
numbers as numbers (``export_cell``) so a spreadsheet can add them up.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from quizzes.statistics import spreadsheet_safe

Value = str | int | Decimal | datetime.date | None

TEXT, COUNT, PERCENT, POINTS, DATE = "text", "count", "percent", "points", "date"


@dataclass(frozen=True)
class Column:
    heading: str
    kind: str = TEXT  # TEXT, COUNT, PERCENT (0..100), POINTS (a signed gain) or DATE


@dataclass(frozen=True)
class Table:
    """One table of the dashboard: ``key`` names it in its export's address and its ids."""

    key: str
    caption: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]

    def column(self, index: int) -> list[Value]:
        return [row[index] for row in self.rows]

    def matching(self, search: str) -> Table:
        """The rows whose first cell (a course, post, agency, country or quiz) contains every
        word of ``search``, case aside; all of them for an empty search."""
        words = search.casefold().split()
        if not words:
            return self
        rows = tuple(
            row for row in self.rows if all(w in str(row[0] or "").casefold() for w in words)
        )
        return Table(key=self.key, caption=self.caption, columns=self.columns, rows=rows)


def one_place(value: Fraction | Decimal | float | None) -> Decimal | None:
    """A percentage or gain as the dashboard shows it: one decimal place, halves away from 0."""
    if value is None:
        return None
    exact = (
        Decimal(value.numerator) / Decimal(value.denominator)
        if isinstance(value, Fraction)
        else Decimal(str(value))
    )
    return exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def rate(part: int, whole: int) -> Decimal | None:
    """``part`` of ``whole`` in percent, one decimal place; None for nothing out of nothing."""
    return one_place(Fraction(100 * part, whole)) if whole else None


def export_cell(value: Value) -> str | int | Decimal | datetime.date:
    """A value as a spreadsheet cell: numbers and dates stay what they are; text that a
    spreadsheet would run as a formula (it begins with = + - @, a tab or a carriage return)
    gets a leading apostrophe, so ``=HYPERLINK(...)`` reads as the text it is; nothing is
    an empty cell."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int | Decimal | datetime.date):
        return value
    return spreadsheet_safe(str(value))


def export_rows(
    rows: Iterable[Sequence[Value]],
) -> Iterable[list[str | int | Decimal | datetime.date]]:
    for row in rows:
        yield [export_cell(value) for value in row]
