"""The new officers' initial passwords: printed on a PDF sheet the coordinator downloads once
(names in their own script), stored nowhere in plain, and changed at the first log-in."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
from django.urls import reverse

from officers.models import User
from rosters.models import RosterFile, RosterImport

from .conftest import confirm, csv_bytes, khmer, thai
from .test_import_page import upload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)
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
    page = confirm(client, stored.uuid).content.decode()
    assert "Imported: 2 new officers, 0 updated, 0 unchanged, 0 enrolments." in page
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
    # Once: the file is gone, the import's page says so.
    assert coordinator.get(link).status_code == 404
    job = RosterImport.objects.get()
    page = coordinator.get(reverse("rosters:import", args=[job.uuid])).content.decode()
    assert "This sheet was already downloaded or has expired" in page
    assert "Download the password sheet (PDF)" not in page
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


def sheet_lines(data: bytes, tmp_path) -> list[str]:
    return [line.strip() for line in pdf_text(data, tmp_path).splitlines() if line.strip()]


def test_a_large_import_lays_its_slips_out_apart_every_one_in_file_order(
    login, people, tmp_path, settings, monkeypatch
):
    """From ELEARNING_ROSTER_SLIPS_APART new officers, the slips are laid out in a child
    process, a chunk at a time while the rows are written: the sheet holds every officer, in
    the file's order, each with the password that logs them in."""
    import rosters.slips

    settings.ELEARNING_ROSTER_SLIPS_APART = 2
    monkeypatch.setattr(rosters.slips, "CHUNK_SIZE", 2)  # five slips: three chunks
    rows = [thai(f"TH-{n}", latin=f"Somying {n}") for n in range(3)]
    rows[1:1] = [khmer(f"KH-{n}", latin=f"Chan {n}") for n in range(2)]
    coordinator = login(people["coordinator"])
    upload(coordinator, csv_bytes(rows))
    stored = RosterFile.objects.get(kind="upload")
    page = confirm(coordinator, stored.uuid)
    link = re.search(r'href="([^"]+/pdf/)"', page.content.decode()).group(1)
    lines = sheet_lines(coordinator.get(link).content, tmp_path)
    latin = [line for line in lines if line.startswith(("Somying ", "Chan "))]
    assert latin == ["Somying 0", "Chan 0", "Chan 1", "Somying 1", "Somying 2"]
    passwords = PASSWORD.findall("\n".join(lines))
    usernames = ["th-th-0", "kh-kh-0", "kh-kh-1", "th-th-1", "th-th-2"]
    assert len(passwords) == 5
    for username, password in zip(usernames, passwords, strict=True):
        assert User.objects.get(username=username).check_password(password)


def test_an_import_whose_sheet_cannot_be_made_writes_nothing(login, people, settings, monkeypatch):
    """The child laying the slips out cannot start (its settings are missing): nobody could
    hand the officers their passwords, so none is made; the upload stays, to try again."""
    import rosters.slips

    settings.ELEARNING_ROSTER_SLIPS_APART = 2
    monkeypatch.setattr(rosters.slips, "_settings_module", lambda: "elearning.settings.missing")
    users = User.objects.count()
    coordinator = login(people["coordinator"])
    upload(coordinator, csv_bytes([thai("TH-1"), khmer("KH-1")]))
    stored = RosterFile.objects.get(kind="upload")
    files = set(stored.path.parent.iterdir())
    page = confirm(coordinator, stored.uuid)
    text = page.content.decode()
    assert "Nothing was imported: the sheet of initial passwords could not be made." in text
    assert User.objects.count() == users
    assert not RosterFile.objects.filter(kind="sheet").exists()
    assert set(stored.path.parent.iterdir()) == files  # no sheet, and the upload is kept
    assert RosterFile.objects.get(kind="upload") == stored


KILLED_MID_IMPORT = """
import os, signal, sys, time
sys.path.insert(0, {root!r})
os.environ["DJANGO_SETTINGS_MODULE"] = "elearning.settings.test"
import django
django.setup()
from rosters.slips import Slip, SlipPress

if __name__ == "__main__":
    press = SlipPress(language="en", apart=True, chunk=2)
    for n in range(4):
        press.add(Slip("", f"Officer {{n}}", f"u{{n}}", "abcd-efgh-jkmn", "Post", "http://x/"))
    print(*press._pool._processes, flush=True)
    time.sleep(1)
    os.kill(os.getpid(), signal.SIGKILL)
"""


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie has ended; only its parent (here, init) may reap it


def test_the_child_laying_out_slips_ends_when_the_import_is_killed(tmp_path):
    """A web worker killed past its timeout mid-import cannot stop its child: the child sees
    its parent gone and ends, rather than holding its memory at the post for ever."""
    script = tmp_path / "killed.py"
    script.write_text(KILLED_MID_IMPORT.format(root=str(Path(__file__).parents[2])))
    out = tmp_path / "children.txt"
    with out.open("w") as printed:  # a file, not a pipe: a child left behind would hold a pipe
        done = subprocess.run([sys.executable, str(script)], stdout=printed, timeout=120)
    assert done.returncode == -signal.SIGKILL
    children = [int(pid) for pid in out.read_text().split()]
    assert children
    deadline = time.monotonic() + 30
    while any(_alive(pid) for pid in children) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not any(_alive(pid) for pid in children)
