"""The admin's "Export as SCORM": a trainer finds the button on the course in the page explorer,
chooses format, language and module, and downloads the package; others may not; a language with
no published version or an unknown course is refused at its field, in the trainer's language."""

from __future__ import annotations

import io
import zipfile

import pytest
from django.urls import reverse

from tests.conftest import build_course

URL = "/admin/scorm/export/"


def download(response) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content))) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def test_a_trainer_finds_the_button_on_the_course_and_downloads_the_package(rich, client, people):
    client.force_login(people["trainer"])
    course = rich.tree.course
    explorer = client.get(reverse("wagtailadmin_explore", args=[course.get_parent().pk]))
    assert f'href="{URL}?course={course.pk}"' in explorer.content.decode()
    inside = client.get(reverse("wagtailadmin_explore", args=[course.pk]))  # its header
    assert f'href="{URL}?course={course.pk}"' in inside.content.decode()
    form = client.get(f"{URL}?course={course.pk}").content.decode()
    assert f'<option value="{course.pk}" selected>' in form
    assert "EXP-101: Module 2" in form
    response = client.post(
        URL,
        {
            "course": course.pk,
            "fmt": "scorm12",
            "language": "th",
            "module": rich.tree.modules[0].pk,
        },
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert 'filename="exp-101-scorm12-th.zip"' in response["Content-Disposition"]
    files = download(response)
    manifest = files["imsmanifest.xml"].decode()
    assert "<schemaversion>1.2</schemaversion>" in manifest and "โมดูลหนึ่ง" in manifest
    assert "Module 2" not in manifest
    assert "<adlcp:masteryscore>70</adlcp:masteryscore>" in manifest


@pytest.mark.parametrize("role", ["learner", "coordinator"])
def test_only_trainers_and_administrators_may_export(rich, client, people, role):
    client.force_login(people[role])
    course = rich.tree.course
    explorer = client.get(reverse("wagtailadmin_explore", args=[course.get_parent().pk]))
    assert URL not in explorer.content.decode()
    data = {"course": course.pk, "fmt": "scorm2004", "language": "en"}
    response = client.post(URL, data)
    assert response.status_code in {302, 403}
    assert response.get("Content-Type") != "application/zip"


def test_an_administrator_may_export(rich, client, people):
    client.force_login(people["admin"])
    data = {"course": rich.tree.course.pk, "fmt": "scorm2004", "language": "en"}
    response = client.post(URL, data)
    assert response.status_code == 200
    assert "imsmanifest.xml" in download(response)


def test_a_language_with_no_translation_is_refused_at_its_field_in_thai(rich, client, people):
    trainer = people["trainer"]
    trainer.preferred_language = "th"
    trainer.save()
    client.force_login(trainer)
    data = {"course": rich.tree.course.pk, "fmt": "scorm2004", "language": "km"}
    response = client.post(URL, data)
    assert response.status_code == 400
    page = response.content.decode()
    field = page.index('for="id_language"')
    # "The course EXP-101 has no published version in ...", in Thai
    error = page.index("หลักสูตร EXP-101 ยังไม่มีฉบับที่เผยแพร่ในภาษา")
    assert field < error < page.index('for="id_module"')
    assert "has no published version" not in page


def test_an_unknown_course_or_a_module_of_another_course_is_refused_at_its_field(
    rich, client, people
):
    client.force_login(people["trainer"])
    response = client.post(URL, {"course": 999999, "fmt": "scorm2004", "language": "en"})
    assert response.status_code == 400
    assert "There is no such course, or you may not edit it." in response.content.decode()
    other = build_course(code="OTH-101", modules=1, lessons_per_module=1)
    data = {"course": rich.tree.course.pk, "fmt": "scorm2004", "language": "en"}
    response = client.post(URL, {**data, "module": other.modules[0].pk})
    assert response.status_code == 400
    page = response.content.decode()
    assert page.index('for="id_module"') < page.index(
        "This module is not part of the course chosen."
    )


def test_a_missing_media_file_is_said_in_the_trainers_language_not_the_exports(
    rich, client, people, settings
):
    (settings.MEDIA_ROOT / "documents" / "interview.mp4").unlink()
    client.force_login(people["trainer"])
    data = {"course": rich.tree.course.pk, "fmt": "scorm2004", "language": "th"}
    response = client.post(URL, data)
    assert response.status_code == 400
    assert (
        "The file documents/interview.mp4 that the lesson shows is missing from the media storage."
        in response.content.decode()
    )
