"""The preview shows every problem at its row and column, in the coordinator's language, and
nothing is written while any row has an error."""

from __future__ import annotations

import pytest
from django.urls import reverse

from officers.models import BorderPost, ProfileRecord, User
from officers.services import officer_create
from rosters.models import RosterFile

from .conftest import confirm, csv_bytes, khmer, row, thai
from .test_import_page import cell, upload

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def bad_file(people, posts):
    people["learner"].service_number = "TH-77"
    people["learner"].save()
    elsewhere = BorderPost.objects.create(code="kh-b", name="Bavet", country="KH")
    officer_create(username="far", password="x", post=elsewhere, service_number="KH-9")
    return csv_bytes(
        [
            thai(""),  # line 2
            thai("TH-3", post="zz-x"),
            thai("TH-4", post="la-v"),
            thai("TH-5"),
            thai("TH-5"),  # line 6
            thai("TH-7", native="Somsak Wongsa"),
            thai("TH-8", latin="สมศักดิ์"),
            thai("TH-9", language="xx"),
            thai("TH-10", courses="NOPE-1"),
            thai("TH-11", agency="Nobody"),  # line 11
            khmer("KH-9"),
            thai("TH-78", latin="Somchai Jaidee"),
            thai("TH-14", rank="=1+1"),
            thai("TH-15", country="KH"),
            thai("TH-16", cohort="Aranyaprathet intake 2026-03"),  # line 16
            row(full_name_latin="Dara", service_number="KH-17", post="kh-p"),
        ]
    )


EXPECTED = [
    (2, "service_number", "This cell is empty; it is required."),
    (3, "post", "No border post has the code “zz-x”."),
    (4, "post", "Border post la-v is outside your scope."),
    (6, "service_number", "Service number TH-5 is also on line 5 of this file."),
    (7, "full_name_native", "This name is in Latin letters, but officers in Thailand write"),
    (8, "full_name_latin", "This name has letters that are not Latin"),
    (9, "language", "Unknown language “xx”"),
    (10, "courses", "No published course has the code NOPE-1."),
    (11, "agency", "No agency of this country is called “Nobody”."),
    (12, "service_number", "Service number KH-9 belongs to an officer outside your scope"),
    (14, "rank", "A formula: type the value itself"),
    (15, "country", "Border post th-a is in Thailand, not in KH."),
]
WARNINGS = [
    (13, "full_name_latin", "An officer with this name already exists with service number TH-77"),
]


def test_each_error_is_shown_at_its_row_and_column_and_nothing_is_written(login, people, bad_file):
    client = login(people["coordinator"])
    before = (User.objects.count(), ProfileRecord.objects.count())
    page = upload(client, bad_file).content.decode()
    for line, column, message in EXPECTED + WARNINGS:
        assert message in cell(page, line, column), (line, column)
    assert "12 errors in 12 rows: nothing can be imported" in page
    assert "joins the new cohort Aranyaprathet intake 2026-03" in page.split('id="line-16"')[1]
    assert "Import all rows" not in page
    # Lines without an error of their own have none shown (line 5, 13, 16, 17).
    for line in (5, 13, 16, 17):
        assert 'class="has-errors"' not in page.split(f'<tr id="line-{line}"')[1].split(">")[0]
    stored = RosterFile.objects.get()
    response = confirm(client, stored.uuid)
    assert response.status_code == 400
    assert (User.objects.count(), ProfileRecord.objects.count()) == before


def test_another_coordinators_upload_is_not_found(login, people, posts):
    client = login(people["coordinator"])
    upload(client, csv_bytes([thai("TH-1")]))
    stored = RosterFile.objects.get()
    other = officer_create(username="coord2", password="x", role="coordinator")
    client.force_login(other)
    assert client.get(reverse("rosters:preview", args=[stored.uuid])).status_code == 404
    assert confirm(client, stored.uuid).status_code == 404
    assert not User.objects.filter(service_number="TH-1").exists()


def test_a_learner_cannot_open_the_import_page(login, people):
    client = login(people["learner"])
    assert client.get(reverse("rosters:upload")).status_code == 403
