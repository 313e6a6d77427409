"""The new officers' initial passwords: printed on a PDF sheet the coordinator downloads once
(names in their own script), stored nowhere in plain, and changed at the first log-in."""

from __future__ import annotations

import re
import subprocess
import unicodedata

import pytest
from django.urls import reverse

from officers.models import User
from rosters.models import RosterFile

from .conftest import csv_bytes, khmer, thai
from .test_import_page import upload

pytestmark = pytest.mark.django_db
PASSWORD = re.compile(r"\b[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}\b")


def pdf_text(data: bytes, tmp_path) -> str:
    pdf = tmp_path / "sheet.pdf"
    pdf.write_bytes(data)
    out = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", "-layout", str(pdf), "-"],
        capture_output=True,
        check=True,
        text=True,
    ).stdout
    return unicodedata.normalize("NFC", out)


def imported(client) -> str:
    upload(client, csv_bytes([thai("TH-1"), khmer("KH-1")]))
    stored = RosterFile.objects.get(kind="upload")
    response = client.post(reverse("rosters:confirm", args=[stored.uuid]), follow=True)
    page = response.content.decode()
    assert "Download the password sheet (PDF)" in page
    return re.search(r'href="([^"]+/pdf/)"', page).group(1)


def test_sheet_shows_names_and_passwords_once_and_the_officer_must_change_it(
    login, people, tmp_path, client
):
    coordinator = login(people["coordinator"])
    link = imported(coordinator)
    response = coordinator.get(link)
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF-")
    text = pdf_text(response.content, tmp_path)
    assert "สมหญิง รักไทย" in text and "Somying Rakthai" in text
    assert "ចាន់ ដារា" in text and "Chan Dara" in text
    assert "th-th-1" in text and "kh-kh-1" in text
    assert "http://testserver/" in text  # the post runs no node: the address it was made at
    passwords = PASSWORD.findall(text)
    assert len(passwords) == 2 and not set("01lo").intersection("".join(passwords))
    # Once: the file is gone, the page says so.
    assert coordinator.get(link).status_code == 404
    sheet_page = coordinator.get(link.removesuffix("pdf/"))
    assert sheet_page.status_code == 410
    assert not any(p.path.exists() for p in RosterFile.objects.all())
    # Not stored in plain anywhere in the database; the hash checks it.
    officer = User.objects.get(username="th-th-1")
    # Hashed with the lighter hasher meant for generated passwords only (officers/hashers.py)...
    assert officer.password.startswith("pbkdf2_sha256_initial$20000$")
    assert passwords[0] not in officer.password and officer.check_password(passwords[0])
    # ... and hashed again with the default one once it is used.
    officer.refresh_from_db()
    assert not officer.password.startswith("pbkdf2_sha256_initial$")
    # First log-in: the officer must choose their own password before anything else.
    coordinator.logout()
    response = client.post(
        reverse("login"), {"username": "th-th-1", "password": passwords[0]}, follow=True
    )
    assert response.redirect_chain[-1][0] == reverse("password_change")
    assert client.get(reverse("my_learning")).url == reverse("password_change")


def test_another_coordinator_cannot_take_the_sheet(login, people):
    coordinator = login(people["coordinator"])
    link = imported(coordinator)
    from officers.services import officer_create

    other = officer_create(username="coord2", password="x", role="coordinator")
    coordinator.force_login(other)
    assert coordinator.get(link).status_code == 404
    coordinator.force_login(people["coordinator"])
    assert coordinator.get(link).status_code == 200


def test_an_old_sheet_is_removed(login, people, settings):
    from datetime import timedelta

    from django.utils import timezone

    from rosters.services import roster_files_purge

    coordinator = login(people["coordinator"])
    link = imported(coordinator)
    sheet = RosterFile.objects.get(kind="sheet")
    later = timezone.now() + timedelta(minutes=settings.ELEARNING_ROSTER_SHEET_MINUTES + 1)
    assert roster_files_purge(now=later) == 1
    assert not sheet.path.exists()
    assert coordinator.get(link).status_code == 404
