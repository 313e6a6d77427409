"""An import of officers from a spreadsheet in the trail: one entry for the file (its name and
counts) and one for each officer it creates, by the person who imported it."""

from __future__ import annotations

import pytest

from audittrail.models import AuditEntry
from tests.rosters.conftest import csv_bytes, khmer, thai
from tests.rosters.test_import_command import run

pytestmark = pytest.mark.django_db


def test_an_import_leaves_one_entry_for_the_file_and_one_per_new_officer(people, tmp_path):
    path = tmp_path / "intake.csv"
    path.write_bytes(csv_bytes([thai("TH-1"), khmer("KH-1")]))
    sheet = tmp_path / "passwords.pdf"
    code, _out, _err = run(str(path), "--as", people["coordinator"].username, "--sheet", str(sheet))
    assert code == 0
    entries = AuditEntry.objects.filter(actor=people["coordinator"])
    created = entries.filter(action="officer.create")
    assert sorted(e.officer.service_number for e in created) == ["KH-1", "TH-1"]
    assert sorted(e.officer_post for e in created) == ["kh-p", "th-a"]
    imported = entries.get(action="roster.import")
    assert imported.subject == "file:intake.csv"
    assert imported.after == {
        "file": "intake.csv",
        "rows": 2,
        "created": 2,
        "updated": 0,
        "unchanged": 0,
        "enrolments": 0,
    }
