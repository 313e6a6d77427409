"""An officers' spreadsheet (.xlsx or .csv) read into rows, as hostile input.

Pure (no Django, no clock): :func:`read_sheet` takes the file's bytes on disk and its name and
returns the header's columns and each row's cells as text, or raises :class:`SheetRefused`
naming the problem. What is refused before anything is parsed: a file larger than
``Limits.max_bytes``, a file that is neither a zip (.xlsx) nor text (.csv), an .xlsx whose zip
fails the SCORM packages' checks (``scormpackages.archive``: entry count, sizes, ratio, names),
an .xlsx with macros. While reading: more than ``Limits.max_rows`` rows, a CSV that is not
UTF-8, a header without the required columns.

Formulas are never evaluated: openpyxl reads the cell's formula text (``data_only=False``), and
the row reports the cell as a formula for the coordinator to replace with its value; the value
Excel last cached is not trusted. External links are not read (``keep_links=False``).
"""

from __future__ import annotations

import csv
import datetime
import io
import os
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from scormpackages.archive import ArchiveRefused, Refused, entries, open_zip
from scormpackages.archive import Limits as ZipLimits


def gettext_noop(message: str) -> str:
    """Marks ``message`` for the translation catalogue without importing Django."""
    return message


# The columns, in the template's order: (key, required). The header names are the keys; a
# header cell matches a key ignoring case, spaces and hyphens ("Service number" is fine).
COLUMNS: tuple[tuple[str, bool], ...] = (
    ("full_name_native", True),
    ("full_name_latin", True),
    ("service_number", True),
    ("agency", False),
    ("rank", False),
    ("country", False),
    ("post", True),
    ("language", False),
    ("email", False),
    ("cohort", False),
    ("courses", False),
)
KEYS = tuple(key for key, _required in COLUMNS)
MAX_COLUMNS = 40  # cells read per row: a sheet 16,384 columns wide is not read to the end

MESSAGES: dict[str, str] = {
    "too_big": gettext_noop(
        "The file is %(size)s bytes; the largest spreadsheet taken is %(limit)s bytes."
    ),
    "not_a_sheet": gettext_noop(
        "This file is not a spreadsheet this page reads: upload an .xlsx (Excel) or .csv file."
    ),
    "not_utf8": gettext_noop(
        "Line %(line)s of the CSV file is not UTF-8 text. Save it again as “CSV UTF-8”."
    ),
    "macros": gettext_noop("The workbook contains macros; save it as a plain .xlsx without them."),
    "bad_xlsx": gettext_noop("The workbook cannot be read (damaged, or not an Excel workbook)."),
    "zip": gettext_noop("The workbook is refused: %(reason)s"),
    "too_many_rows": gettext_noop(
        "The file has more than %(limit)s rows; split it into smaller files."
    ),
    "no_header": gettext_noop("The file is empty: the first row must name the columns."),
    "missing_columns": gettext_noop(
        "The first row must name the columns %(columns)s; it lacks %(missing)s. "
        "Start from the template."
    ),
}


class SheetRefused(Refused):
    """The file is refused as a whole; nothing of it is used."""

    MESSAGES = MESSAGES


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 5 * 1024 * 1024
    max_rows: int = 10_000
    # The xlsx zip: few entries in a real workbook, bounded sizes once extracted.
    max_entries: int = 200
    max_extracted: int = 100 * 1024 * 1024
    max_ratio: int = 100


@dataclass(frozen=True)
class SheetRow:
    """One row: its line in the file (the header is line 1), each known column's text (stripped,
    NFC), and the columns whose cell held a formula."""

    line: int
    values: dict[str, str]
    formulas: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Sheet:
    columns: tuple[str, ...]  # the known columns the header names, in the file's order
    rows: list[SheetRow] = field(default_factory=list)
    ignored_columns: tuple[str, ...] = ()  # header cells that name no known column


def read_sheet(path: str | os.PathLike[str], name: str, limits: Limits) -> Sheet:
    """The spreadsheet at ``path`` (uploaded as ``name``): .xlsx when it is a zip, .csv when
    its name says so; SheetRefused otherwise or when it breaks a rule above."""
    size = os.path.getsize(path)
    if size > limits.max_bytes:
        raise SheetRefused("too_big", size=size, limit=limits.max_bytes)
    with open(path, "rb") as fp:
        magic = fp.read(4)
    if magic == b"PK\x03\x04":
        return _read_xlsx(path, limits)
    if name.lower().endswith((".csv", ".txt")):
        return _read_csv(path, limits)
    raise SheetRefused("not_a_sheet")


def header_key(text: str) -> str:
    return "_".join(text.strip().casefold().replace("-", " ").replace("_", " ").split())


def clean_text(value: Any) -> str:
    """A cell's value as text: numbers without a trailing ".0" (service numbers typed in Excel
    are numbers), dates as ISO dates, whitespace collapsed, NFC."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, datetime.datetime) and value.time() == datetime.time():
        value = value.date()
    if isinstance(value, datetime.date | datetime.time):
        value = value.isoformat()
    return unicodedata.normalize("NFC", " ".join(str(value).split()))


class _Rows:
    """Collects rows after the header, bounding how many are read (blank rows count too, ten
    times over: a sheet formatted down to row 1,000,000 is refused, not scanned)."""

    def __init__(self, limits: Limits):
        self.limits = limits
        self.sheet: Sheet | None = None
        self.positions: dict[str, int] = {}
        self.scanned = 0

    def header(self, cells: list[Any]) -> None:
        keys = [header_key(clean_text(c)) for c in cells]
        self.positions = {}
        for position, key in enumerate(keys):
            if key in KEYS and key not in self.positions:
                self.positions[key] = position
        missing = [key for key, required in COLUMNS if required and key not in self.positions]
        if missing:
            raise SheetRefused(
                "missing_columns", columns=", ".join(KEYS), missing=", ".join(missing)
            )
        ignored = tuple(k for k in keys if k and k not in self.positions)
        self.sheet = Sheet(columns=tuple(self.positions), ignored_columns=ignored)

    def add(self, line: int, cells: list[Any], formulas: set[int]) -> None:
        assert self.sheet is not None
        self.scanned += 1
        if self.scanned > self.limits.max_rows * 10:
            raise SheetRefused("too_many_rows", limit=self.limits.max_rows)
        values = {
            key: clean_text(cells[pos]) if pos < len(cells) else ""
            for key, pos in self.positions.items()
        }
        if not any(values.values()):
            return
        if len(self.sheet.rows) >= self.limits.max_rows:
            raise SheetRefused("too_many_rows", limit=self.limits.max_rows)
        formula_keys = frozenset(k for k, pos in self.positions.items() if pos in formulas)
        self.sheet.rows.append(SheetRow(line=line, values=values, formulas=formula_keys))

    def done(self) -> Sheet:
        if self.sheet is None:
            raise SheetRefused("no_header")
        return self.sheet


def _read_csv(path: str | os.PathLike[str], limits: Limits) -> Sheet:
    with open(path, "rb") as fp:
        data = fp.read(limits.max_bytes + 1)
    if b"\x00" in data:
        raise SheetRefused("not_a_sheet")
    text = _decoded(data)
    first = text.split("\n", 1)[0]
    delimiter = max((",", ";", "\t"), key=first.count)
    rows = _Rows(limits)
    for index, cells in enumerate(csv.reader(io.StringIO(text), delimiter=delimiter), start=1):
        if rows.sheet is None:
            if any(c.strip() for c in cells):
                rows.header(cells)
            continue
        # A cell that begins with "=" is a formula pasted as text: never a name or a number.
        formulas = {i for i, c in enumerate(cells[:MAX_COLUMNS]) if c.lstrip().startswith("=")}
        rows.add(index, cells[:MAX_COLUMNS], formulas)
    return rows.done()


def _decoded(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise SheetRefused("not_utf8", line=line) from None


def _read_xlsx(path: str | os.PathLike[str], limits: Limits) -> Sheet:
    zip_limits = ZipLimits(
        max_bytes=limits.max_bytes,
        max_entries=limits.max_entries,
        max_total=limits.max_extracted,
        max_ratio=limits.max_ratio,
    )
    try:
        with open_zip(path, zip_limits) as zf:
            names = {entry.name.casefold() for entry in entries(zf, zip_limits)}
    except ArchiveRefused as refusal:
        if refusal.code == "not_a_zip":
            raise SheetRefused("not_a_sheet") from None
        raise SheetRefused("zip", reason=str(refusal)) from None
    if any(n.endswith("vbaproject.bin") for n in names):
        raise SheetRefused("macros")
    if "xl/workbook.xml" not in names:
        raise SheetRefused("not_a_sheet")
    return _xlsx_rows(path, limits)


def _xlsx_rows(path: str | os.PathLike[str], limits: Limits) -> Sheet:
    import openpyxl

    with open(path, "rb") as fp:  # a file, not a path: openpyxl judges a path by its extension
        try:
            workbook = openpyxl.load_workbook(fp, read_only=True, data_only=False, keep_links=False)
        except Exception:  # openpyxl raises many kinds on a damaged file
            raise SheetRefused("bad_xlsx") from None
        return _workbook_rows(workbook, limits)


def _workbook_rows(workbook: Any, limits: Limits) -> Sheet:
    try:
        rows = _Rows(limits)
        sheet = workbook.worksheets[0] if workbook.worksheets else None
        if sheet is None:
            raise SheetRefused("no_header")
        for index, cells in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS), start=1):
            values = [getattr(cell, "value", None) for cell in cells]
            if rows.sheet is None:
                if any(clean_text(v) for v in values):
                    rows.header(values)
                continue
            formulas = {
                i for i, cell in enumerate(cells) if getattr(cell, "data_type", None) == "f"
            }
            rows.add(getattr(cells[0], "row", index) if cells else index, values, formulas)
        return rows.done()
    except SheetRefused:
        raise
    except Exception:
        raise SheetRefused("bad_xlsx") from None
    finally:
        workbook.close()
