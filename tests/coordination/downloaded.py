"""Reading what a coordinator downloads and sees: a page's tables as text, a CSV (UTF-8 with a
BOM) and an XLSX as rows."""

from __future__ import annotations

import csv
import io
from html.parser import HTMLParser

import openpyxl


class Tables(HTMLParser):
    """The text of every cell of every table on a page, by the table's caption id."""

    def __init__(self):
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: list[list[str]] | None = None
        self.cell: list[str] | None = None
        self.in_caption = False
        self.caption_id = ""

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table":
            self.current = []
        elif tag == "caption" and self.current is not None:
            self.caption_id = attrs.get("id", "")
        elif tag == "tr" and self.current is not None:
            self.current.append([])
        elif tag in {"td", "th"} and self.current is not None:
            self.cell = []

    def handle_endtag(self, tag):
        if tag in {"td", "th"} and self.cell is not None and self.current is not None:
            self.current[-1].append(" ".join("".join(self.cell).split()))
            self.cell = None
        elif tag == "table" and self.current is not None:
            self.tables[self.caption_id.removesuffix("-caption")] = self.current
            self.current = None

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)


def page_tables(response) -> dict[str, list[list[str]]]:
    parser = Tables()
    parser.feed(response.content.decode())
    return parser.tables


def csv_rows(response) -> list[list[str]]:
    data = b"".join(response.streaming_content)
    assert data.startswith(b"\xef\xbb\xbf")  # a BOM: Excel reads UTF-8 (Thai names)
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def xlsx_rows(response) -> list[list]:
    book = openpyxl.load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    return [list(row) for row in book.active.iter_rows(values_only=True)]
