"""Files that are not an officers' spreadsheet, or are built to hurt: each is refused with a
clear message, and nothing is stored or written."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.conf import settings

from officers.models import User
from rosters.models import RosterFile

from .conftest import csv_bytes, thai, xlsx_bytes
from .test_import_page import upload

pytestmark = pytest.mark.django_db


def nothing_left(users_before: int) -> None:
    assert not RosterFile.objects.exists()
    folder = Path(settings.ELEARNING_ROSTER_ROOT) / "upload"
    assert not folder.exists() or not any(folder.iterdir())
    assert User.objects.count() == users_before


def refused(client, data: bytes, name: str) -> str:
    response = upload(client, data, name)
    assert response.status_code == 400
    return response.content.decode()


def workbook_zip(entries: dict[str, bytes] | None = None) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", b"<Types/>")
        zf.writestr("xl/workbook.xml", b"<workbook/>")
        for name, data in (entries or {}).items():
            zf.writestr(name, data)
    return out.getvalue()


def test_zip_bomb_workbook_is_refused(login, people):
    client = login(people["coordinator"])
    users = User.objects.count()
    bomb = workbook_zip({"xl/worksheets/sheet1.xml": b"\0" * (8 * 1024 * 1024)})
    assert len(bomb) < 100_000
    page = refused(client, bomb, "officers.xlsx")
    assert "The workbook is refused" in page and "(a zip bomb?)" in page
    nothing_left(users)


def test_workbook_with_macros_is_refused(login, people):
    client = login(people["coordinator"])
    users = User.objects.count()
    page = refused(client, workbook_zip({"xl/vbaProject.bin": b"macro"}), "officers.xlsm")
    assert "The workbook contains macros" in page
    nothing_left(users)


def test_file_larger_than_the_limit_is_refused_while_it_uploads(login, people, settings):
    settings.ELEARNING_ROSTER_MAX_BYTES = 20_000
    client = login(people["coordinator"])
    users = User.objects.count()
    huge = csv_bytes([thai(f"TH-{n}") for n in range(400)])
    assert len(huge) > 20_000
    page = refused(client, huge, "officers.csv")
    assert "This file is larger than 19.5\xa0KB, the largest spreadsheet taken." in page
    nothing_left(users)


def test_too_many_rows_are_refused(login, people, settings):
    settings.ELEARNING_ROSTER_MAX_ROWS = 5
    client = login(people["coordinator"])
    users = User.objects.count()
    page = refused(client, csv_bytes([thai(f"TH-{n}") for n in range(6)]), "officers.csv")
    assert "The file has more than 5 rows; split it into smaller files." in page
    nothing_left(users)


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "officers.xlsx"),  # a picture renamed
        (b"%PDF-1.7\n", "officers.pdf"),
        (workbook_zip().replace(b"xl/workbook.xml", b"word/documen"), "officers.docx"),
        (b"PK\x03\x04 not really a zip", "officers.xlsx"),
    ],
)
def test_a_file_that_is_not_a_spreadsheet_is_refused(login, people, data, name):
    client = login(people["coordinator"])
    users = User.objects.count()
    page = refused(client, data, name)
    assert "This file is not a spreadsheet this page reads: upload an .xlsx" in page
    nothing_left(users)


def test_csv_that_is_not_utf8_is_refused_naming_the_line(login, people):
    client = login(people["coordinator"])
    users = User.objects.count()
    data = csv_bytes([thai("TH-1")], bom=False).decode("utf-8").encode("cp874")
    page = refused(client, data, "officers.csv")
    assert "Line 2 of the CSV file is not UTF-8 text." in page
    nothing_left(users)


def test_header_without_the_required_columns_is_refused(login, people):
    client = login(people["coordinator"])
    page = refused(client, b"name,number\nSomchai,1\n", "officers.csv")
    assert "it lacks full_name_native, full_name_latin, service_number, post" in page


def test_workbook_numbers_and_formulas(login, people):
    """A service number typed as a number reads as its digits; a formula is never calculated
    and is reported at its cell."""
    client = login(people["coordinator"])
    cells = ["สมหญิง รักไทย", "Somying Rakthai", 1234567, "", "=A1", "", "th-a", "th", "", ""]
    page = upload(client, xlsx_bytes([cells]), "officers.xlsx").content.decode()
    assert "th-1234567" in page
    assert "A formula: type the value itself" in page
