"""A coordinator imports officers from a spreadsheet: upload, preview with every row's action
and errors at their cells, confirm (all rows or none), and the same file again changes
nothing."""

from __future__ import annotations

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from learning.models import LearnerRecord, RecordKind
from officers.models import Agency, ProfileRecord, User
from rosters.models import RosterFile

from .conftest import confirm, csv_bytes, khmer, thai

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def upload(client, data: bytes, name: str = "officers.csv"):
    return client.post(
        reverse("rosters:upload"), {"file": SimpleUploadedFile(name, data)}, follow=True
    )


def cell(page: str, line: int, column: str) -> str:
    found = re.search(
        rf'<tr id="line-{line}"[^>]*>.*?<td data-column="{column}">(.*?)</td>', page, re.S
    )
    assert found, f"no cell {column} on line {line}"
    return found.group(1)


def test_confirmed_file_creates_officers_that_sync_and_enrols_them(login, people, course_tree):
    client = login(people["coordinator"])
    Agency.objects.create(name="Immigration Bureau", country="TH")
    data = csv_bytes(
        [
            thai("TH-1", agency="Immigration Bureau", rank="Sergeant", courses="tst-101"),
            khmer("KH-1"),
        ]
    )
    page = upload(client, data).content.decode()
    assert "2 new officers, 0 updates, 0 unchanged." in page
    assert "th-th-1" in page and "kh-kh-1" in page
    stored = RosterFile.objects.get()
    response = confirm(client, stored.uuid)
    assert "Imported: 2 new officers, 0 updated, 0 unchanged, 1 enrolments." in (
        response.content.decode()
    )
    somying = User.objects.get(service_number="TH-1")
    assert somying.username == "th-th-1"
    assert somying.full_name_native == "สมหญิง รักไทย"
    assert somying.country == "TH" and somying.post.code == "th-a"
    assert somying.agency.name == "Immigration Bureau" and somying.rank == "Sergeant"
    assert somying.preferred_language == "th" and somying.must_change_password
    assert ProfileRecord.objects.filter(officer_uuid=somying.uuid).count() == 1
    dara = User.objects.get(service_number="KH-1")
    assert ProfileRecord.objects.filter(officer_uuid=dara.uuid).exists()
    assert LearnerRecord.objects.filter(
        learner=somying, kind=RecordKind.ENROLLED, course_key=course_tree.course.translation_key
    ).exists()
    assert not RosterFile.objects.filter(kind=RosterFile.Kind.UPLOAD).exists()


def test_same_file_twice_changes_nothing(login, people, course_tree):
    client = login(people["coordinator"])
    data = csv_bytes([thai("TH-1", courses="TST-101"), khmer("KH-1")])
    upload(client, data)
    confirm(client, RosterFile.objects.get().uuid)
    users, records = User.objects.count(), ProfileRecord.objects.count()
    learner_records = LearnerRecord.objects.count()
    page = upload(client, data).content.decode()
    assert "0 new officers, 0 updates, 2 unchanged." in page
    response = confirm(client, RosterFile.objects.get(kind="upload").uuid)
    assert "0 new officers, 0 updated, 2 unchanged, 0 enrolments" in response.content.decode()
    assert (User.objects.count(), ProfileRecord.objects.count()) == (users, records)
    assert LearnerRecord.objects.count() == learner_records


def test_a_changed_row_updates_the_officer_and_stamps_a_new_version(login, people):
    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1")]))
    confirm(client, RosterFile.objects.get().uuid)
    officer = User.objects.get(service_number="TH-1")
    page = upload(client, csv_bytes([thai("TH-1", rank="Captain")])).content.decode()
    assert "0 new officers, 1 updates, 0 unchanged." in page
    assert "<strong>Captain</strong>" in cell(page, 2, "rank")
    confirm(client, RosterFile.objects.get(kind="upload").uuid)
    officer.refresh_from_db()
    assert officer.rank == "Captain"
    assert ProfileRecord.objects.filter(officer_uuid=officer.uuid).count() == 2


def test_an_email_column_gives_reminders_an_address_and_a_blank_cell_keeps_it(login, people):
    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1", email="somchai.j@immigration.example")]))
    confirm(client, RosterFile.objects.get().uuid)
    officer = User.objects.get(service_number="TH-1")
    assert officer.email == "somchai.j@immigration.example"
    page = upload(client, csv_bytes([thai("TH-1", email="new@immigration.example")]))
    assert "<strong>new@immigration.example</strong>" in cell(page.content.decode(), 2, "email")
    confirm(client, RosterFile.objects.get(kind="upload").uuid)
    officer.refresh_from_db()
    assert officer.email == "new@immigration.example"
    page = upload(client, csv_bytes([thai("TH-1")])).content.decode()  # the cell left blank
    assert "0 new officers, 0 updates, 1 unchanged." in page
    page = upload(client, csv_bytes([thai("TH-1", email="Somchai")])).content.decode()
    assert "is not an e-mail address" in cell(page, 2, "email")


def test_discarded_or_day_old_upload_is_gone(login, people, settings):
    from datetime import timedelta

    from django.utils import timezone

    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1")]))
    stored = RosterFile.objects.get()
    response = client.post(reverse("rosters:discard", args=[stored.uuid]))
    assert response.status_code == 302 and not stored.path.exists()
    assert client.get(reverse("rosters:preview", args=[stored.uuid])).status_code == 404
    upload(client, csv_bytes([thai("TH-1")]))
    old = RosterFile.objects.get()
    RosterFile.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - timedelta(hours=settings.ELEARNING_ROSTER_UPLOAD_HOURS + 1)
    )
    assert confirm(client, old.uuid).status_code == 404
    assert not old.path.exists() and not User.objects.filter(service_number="TH-1").exists()


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_template_has_the_columns_and_thai_and_khmer_examples(login, people, fmt, tmp_path):
    from rosters.sheets import KEYS, Limits, read_sheet

    response = login(people["coordinator"]).get(reverse("rosters:template", args=[fmt]))
    assert response["Content-Disposition"] == f'attachment; filename="officers-template.{fmt}"'
    path = tmp_path / f"template.{fmt}"
    path.write_bytes(response.content)
    sheet = read_sheet(path, path.name, Limits())
    assert sheet.columns == KEYS
    assert [r.values["full_name_native"] for r in sheet.rows] == ["สมชาย ใจดี", "សុខា ចាន់"]
    assert sheet.rows[0].values["service_number"] == "1234567"
