"""The page editor of a SCORM lesson (Wagtail's real admin views): a trainer picks a stored
package or uploads a .zip right there; a refused upload says why at the upload field and keeps
nothing: no package, no stored file, no page."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data

from modules.models import ScormLessonPage
from scormpackages.models import ScormPackage
from tests.scormpackages.test_import import CORPUS, assert_nothing_left, scorm_import, store

__all__ = ["store"]  # the fixture, shared with the command's tests

GOLF_12 = "moodle-golf/singlesco_scorm12.zip"
SEQUENCING_2004 = "golf/SequencingForcedSequential_SCORM20043rdEdition.zip"


@pytest.fixture
def trainer(client, people):
    client.force_login(people["trainer"])
    return client


def upload(name: str) -> SimpleUploadedFile:
    path = CORPUS / name
    return SimpleUploadedFile(path.name, path.read_bytes(), content_type="application/zip")


def lesson_form(title: str, *, package="", file=None, replaces=False, publish=False) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "summary": "",
            "estimated_minutes": 20,
            "package": str(package.pk) if package else "",
            "completion_rule": "completed",
            "comments": inline_formset([]),
        }
    )
    if file is not None:
        data["upload"] = file
    if replaces:
        data["upload_replaces"] = "on"
    if publish:
        data["action-publish"] = "action-publish"
    return data


def add_lesson(client, module, data: dict, *, autosave: bool = False):
    url = reverse("wagtailadmin_pages:add", args=["modules", "scormlessonpage", module.pk])
    headers = {"HTTP_ACCEPT": "application/json"} if autosave else {}
    return client.post(url, data, **headers)


@pytest.mark.django_db
def test_a_trainer_adds_a_lesson_by_uploading_its_package(store, trainer, course_tree):
    module = course_tree.modules[0]
    response = add_lesson(
        trainer, module, lesson_form("Golf", file=upload(SEQUENCING_2004), publish=True)
    )
    assert response.status_code == 302
    lesson = ScormLessonPage.objects.get()
    assert lesson.live and lesson.get_parent().pk == module.pk
    package = ScormPackage.objects.get()
    assert lesson.package == package and package.current.uploaded_by.username == "trainer"
    # The editor now says what the package holds, and lists it for other lessons.
    page = trainer.get(reverse("wagtailadmin_pages:edit", args=[lesson.pk])).content.decode()
    assert (
        "Now: Golf Explained - Sequencing Forced Order · version 1 · SCORM 2004 3rd · 5 SCO(s). "
        "It plays: Playing the Game; Etiquette; Handicapping; Having Fun; Quiz." in page
    )
    assert f'<option value="{package.pk}" selected>' in page


@pytest.mark.django_db
def test_a_trainer_picks_a_stored_package(store, trainer, course_tree):
    assert scorm_import(str(CORPUS / GOLF_12))[0] == 0
    package = ScormPackage.objects.get()
    form = trainer.get(
        reverse(
            "wagtailadmin_pages:add", args=["modules", "scormlessonpage", course_tree.modules[0].pk]
        )
    ).content.decode()
    assert "Golf Explained - CP Single SCO · version 1 · SCORM 1.2 · 1 SCO(s)" in form
    assert 'name="upload"' in form and 'enctype="multipart/form-data"' in form
    response = add_lesson(trainer, course_tree.modules[0], lesson_form("Golf", package=package))
    assert response.status_code == 302
    assert ScormLessonPage.objects.get().package == package
    assert ScormPackage.objects.count() == 1


@pytest.mark.django_db
def test_neither_a_package_nor_an_upload_is_an_error_at_the_package(store, trainer, course_tree):
    response = add_lesson(trainer, course_tree.modules[0], lesson_form("Golf"))
    assert response.status_code == 200
    page = response.content.decode()
    assert "Choose a stored SCORM package or upload one." in page
    assert not ScormLessonPage.objects.exists()


@pytest.mark.django_db
def test_a_refused_upload_says_why_at_the_upload_and_keeps_nothing(store, trainer, course_tree):
    response = add_lesson(
        trainer,
        course_tree.modules[0],
        lesson_form("Golf", file=upload("moodle-golf/badscorm.zip"), publish=True),
    )
    assert response.status_code == 200
    page = response.content.decode()
    field = page.index('name="upload"')
    error = page.index("in the folder badscorm/, not at the top of the zip")
    assert page.index("…or upload a SCORM package (.zip)") < error
    assert abs(error - field) < 3000  # shown with the upload field
    assert not ScormLessonPage.objects.exists()
    assert_nothing_left(store)


@pytest.mark.django_db
def test_a_thai_trainer_reads_the_refusal_in_thai(store, client, people, course_tree):
    trainer = people["trainer"]
    trainer.preferred_language = "th"
    trainer.save(update_fields=["preferred_language"])
    client.force_login(trainer)
    response = add_lesson(
        client, course_tree.modules[0], lesson_form("Golf", file=upload("moodle-golf/badscorm.zip"))
    )
    assert response.status_code == 200
    page = response.content.decode()
    assert "อยู่ในโฟลเดอร์ badscorm/ ไม่ได้อยู่ชั้นบนสุดของไฟล์ zip" in page
    assert "not at the top of the zip" not in page
    assert_nothing_left(store)


@pytest.mark.django_db
def test_an_invalid_form_stores_no_package(store, trainer, course_tree):
    data = lesson_form("Golf", file=upload(GOLF_12))
    data["title"] = ""
    response = add_lesson(trainer, course_tree.modules[0], data)
    assert response.status_code == 200
    assert not ScormLessonPage.objects.exists()
    assert_nothing_left(store)


@pytest.mark.django_db
def test_autosaves_posting_the_same_file_again_store_it_once(store, trainer, course_tree):
    module = course_tree.modules[0]
    first = add_lesson(trainer, module, lesson_form("Golf", file=upload(GOLF_12)), autosave=True)
    assert first.json()["success"] is True
    lesson = ScormLessonPage.objects.get()
    edit = reverse("wagtailadmin_pages:edit", args=[lesson.pk])
    data = lesson_form("Golf", file=upload(GOLF_12))
    data["slug"] = lesson.slug
    assert trainer.post(edit, data).status_code == 302
    assert ScormPackage.objects.count() == 1
    assert ScormLessonPage.objects.get().package == ScormPackage.objects.get()


@pytest.mark.django_db
def test_an_upload_as_a_new_version_replaces_the_chosen_package(store, trainer, course_tree):
    module = course_tree.modules[0]
    add_lesson(trainer, module, lesson_form("Golf", file=upload(GOLF_12), publish=True))
    lesson = ScormLessonPage.objects.get()
    package = lesson.package
    data = lesson_form("Golf", package=package, file=upload(SEQUENCING_2004), replaces=True)
    data["slug"] = lesson.slug
    response = trainer.post(reverse("wagtailadmin_pages:edit", args=[lesson.pk]), data)
    assert response.status_code == 302
    package.refresh_from_db()
    assert ScormPackage.objects.count() == 1
    assert package.current.number == 2 and package.current.scorm_version == "2004 3rd"
    # Ticked without choosing: said at the box, nothing stored.
    other = course_tree.modules[1]
    response = add_lesson(trainer, other, lesson_form("Other", file=upload(GOLF_12), replaces=True))
    assert "Choose the package above and upload its new version below." in response.content.decode()
    assert ScormPackage.objects.count() == 1


@pytest.mark.django_db
def test_an_upload_past_the_limit_is_refused_while_it_streams_and_keeps_nothing(
    trainer, course_tree, store, settings
):
    """The page editor is Wagtail's view, not ours: the upload is still cut off at the limit
    before it is stored, and the trainer reads why."""
    settings.ELEARNING_SCORM_MAX_BYTES = 10_000
    module = course_tree.modules[0]
    big = upload(GOLF_12)
    assert big.size > 10_000

    response = add_lesson(trainer, module, lesson_form("Too big", file=big))

    assert response.status_code == 413
    assert "larger than 9.8\xa0KB, the most a SCORM package may be" in response.content.decode()
    assert not ScormLessonPage.objects.exists()
    assert_nothing_left(store)
