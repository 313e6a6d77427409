"""A table as a CSV or XLSX download, every cell safe to open in a spreadsheet: text that a
spreadsheet would run as a formula (starting with = + - @, or a tab or carriage return before
one) is kept as text with a leading apostrophe. Pure: no Django."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell_safe(value: object) -> object:
    """``value`` as a spreadsheet cell: text that would start a formula gets a leading "'"."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def table_csv(header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """UTF-8 CSV (with a byte-order mark, so spreadsheets read Thai and Khmer right)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow([cell_safe(name) for name in header])
    for row in rows:
        writer.writerow(["" if cell is None else cell_safe(cell) for cell in row])
    return ("\ufeff" + out.getvalue()).encode()


def table_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence[object]]) -> bytes:
    """An .xlsx workbook of one sheet, written as it streams (openpyxl's write-only mode)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title=title[:31])
    sheet.append([cell_safe(name) for name in header])
    for row in rows:
        sheet.append([cell_safe(cell) for cell in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
