"""CSV and XLSX downloads of a coordinator's table: every row the page's filters select (not
one page), written as they are read, with the same values the page shows (ADR 0036).

CSV is UTF-8 with a byte order mark, so that Excel reads Thai, Khmer and Lao names; it streams
a row at a time. XLSX is written by openpyxl in write-only mode (rows are not kept in memory)
to a temporary file, then sent. Every cell goes through ``tables.export_cell``: numbers stay
numbers, text cannot run as a formula.
"""

from __future__ import annotations

import csv
import datetime
import tempfile
from collections.abc import Iterable, Iterator, Sequence

from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.utils import timezone
from django.utils.text import slugify

from .tables import Column, Value, export_rows

FORMATS = ("csv", "xlsx")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def export_name(*parts: str, extension: str) -> str:
    """``progress-th-a-2026-12-04.csv``: the table, the scope, the server's date; ASCII only,
    so every browser keeps it as it is."""
    words = [slugify(part) for part in parts]
    words.append(timezone.localdate().isoformat())
    return "-".join(word for word in words if word) + "." + extension


class _Line:
    """A file-like object whose ``write`` returns what it was given, for ``csv.writer``."""

    def write(self, text: str) -> str:
        return text


def _csv_lines(columns: Sequence[Column], rows: Iterable[Sequence[Value]]) -> Iterator[bytes]:
    writer = csv.writer(_Line())
    yield "\ufeff".encode()
    yield writer.writerow([c.heading for c in columns]).encode()
    for row in export_rows(rows):
        yield writer.writerow(
            [v.isoformat() if isinstance(v, datetime.date) else v for v in row]
        ).encode()


def export_response(
    *, extension: str, filename: str, columns: Sequence[Column], rows: Iterable[Sequence[Value]]
) -> HttpResponseBase:
    """The download of ``rows`` under ``columns`` as ``extension`` ("csv" or "xlsx")."""
    if extension == "csv":
        response: HttpResponseBase = StreamingHttpResponse(
            _csv_lines(columns, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    from openpyxl import Workbook  # 5 MiB and 178 modules: only a server that writes a sheet

    book = Workbook(write_only=True)
    sheet = book.create_sheet()
    sheet.append([c.heading for c in columns])
    for row in export_rows(rows):
        sheet.append(row)
    spool = tempfile.TemporaryFile()  # noqa: SIM115 - FileResponse closes it
    book.save(spool)
    spool.seek(0)
    return FileResponse(spool, as_attachment=True, filename=filename, content_type=XLSX_TYPE)
