"""Spreadsheets for the roster tests, written as a coordinator's office would write them."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from django.test import TestCase
from django.urls import reverse

from rosters.sheets import KEYS
from tests.conftest import run_task_worker


def confirm(client, file_uuid, *, run: bool = True):
    """Confirm an upload on its preview as its owner would, let the real task worker run what
    that queued (``run``), and give the import's page as the owner then sees it."""
    with TestCase.captureOnCommitCallbacks(execute=True):  # the confirmation's commit queues
        response = client.post(reverse("rosters:confirm", args=[file_uuid]))
    if response.status_code != 302:
        return response
    if run:
        run_task_worker()
    return client.get(response["Location"])


def row(**values: str) -> dict[str, str]:
    """A row of the template's columns (blank unless given)."""
    return {key: values.get(key, "") for key in KEYS}


def csv_bytes(rows: list[dict[str, str]], *, bom: bool = True, delimiter: str = ",") -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter)
    writer.writerow(KEYS)
    for values in rows:
        writer.writerow([values.get(key, "") for key in KEYS])
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def xlsx_bytes(rows: list[list[object]], header: tuple[str, ...] = KEYS) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.append(list(header))
    for cells in rows:
        sheet.append(cells)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def thai(number: str, native: str = "สมหญิง รักไทย", latin: str = "Somying Rakthai", **extra):
    values = {"post": "th-a", "language": "th", **extra}
    return row(full_name_native=native, full_name_latin=latin, service_number=number, **values)


def khmer(number: str, native: str = "ចាន់ ដារា", latin: str = "Chan Dara", **extra):
    values = {"post": "kh-p", "language": "km", **extra}
    return row(full_name_native=native, full_name_latin=latin, service_number=number, **values)


@pytest.fixture
def write(tmp_path: Path):
    def _write(name: str, data: bytes) -> Path:
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return _write
