"""The "SCORM packages" admin page: a trainer uploads a package, or reads why it was refused at
the file field; nothing of a refused package is kept."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from scormpackages.models import ScormPackage
from tests.scormpackages.test_import import CORPUS, assert_nothing_left


@pytest.fixture
def store(settings, tmp_path) -> Path:
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    return tmp_path / "scorm"


def upload(name: str) -> SimpleUploadedFile:
    path = CORPUS / name
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/zip")


@pytest.mark.django_db
def test_a_trainer_uploads_a_package_and_sees_it_listed(store, client, people):
    client.force_login(people["trainer"])
    url = reverse("scormpackages_admin:index")
    response = client.post(
        url, {"file": upload("moodle-golf/singlesco_scorm12.zip"), "title": "Golf basics"}
    )
    assert response.status_code == 302 and response["Location"] == url
    page = client.get(url).content.decode()
    assert "“Golf basics” imported." in page
    assert "<td>Golf basics</td>" in page and "<td>1.2</td>" in page and "<td>46</td>" in page
    package = ScormPackage.objects.get()
    assert package.current.uploaded_by == people["trainer"]


@pytest.mark.django_db
def test_a_refused_upload_says_why_at_the_file_field(store, client, people):
    client.force_login(people["trainer"])
    response = client.post(
        reverse("scormpackages_admin:index"), {"file": upload("moodle-golf/badscorm.zip")}
    )
    assert response.status_code == 200
    page = response.content.decode()
    field = page.index('name="file"')
    error = page.index("in the folder badscorm/, not at the top of the zip")
    assert field < error < page.index("Upload and check")
    assert 'class="error-message" role="alert"' in page
    assert_nothing_left(store)


@pytest.mark.django_db
def test_an_upload_past_the_limit_is_refused_while_it_streams(store, client, people, settings):
    settings.ELEARNING_SCORM_MAX_BYTES = 10_000
    client.force_login(people["trainer"])
    response = client.post(
        reverse("scormpackages_admin:index"), {"file": upload("moodle-golf/singlesco_scorm12.zip")}
    )
    assert "the most a SCORM package may be" in response.content.decode()
    assert "This field is required" not in response.content.decode()
    assert_nothing_left(store)


@pytest.mark.django_db
def test_officers_and_coordinators_cannot_upload(store, client, people):
    url = reverse("scormpackages_admin:index")
    for role in ("learner", "coordinator"):
        client.force_login(people[role])
        response = client.post(url, {"file": upload("moodle-golf/singlesco_scorm12.zip")})
        assert response.status_code == 302 and "login" in response["Location"]
    assert_nothing_left(store)


@pytest.mark.django_db
def test_a_thai_trainer_reads_the_refusal_in_thai(store, client, people):
    trainer = people["trainer"]
    trainer.preferred_language = "th"
    trainer.save(update_fields=["preferred_language"])
    client.force_login(trainer)
    response = client.post(
        reverse("scormpackages_admin:index"), {"file": upload("moodle-golf/badscorm.zip")}
    )
    page = response.content.decode()
    assert "อยู่ในโฟลเดอร์ badscorm/ ไม่ได้อยู่ชั้นบนสุดของไฟล์ zip" in page
    assert "not at the top of the zip" not in page
    assert_nothing_left(store)
