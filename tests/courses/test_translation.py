"""Trainers translate a course with wagtail-localize (ADR 0015): the whole tree, as PO files a
translator works on, published page by page; officers then read it in their language."""

from __future__ import annotations

import importlib
import json
import uuid

import polib
from django.apps import apps as django_apps
from django.contrib.auth.models import Group, Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from wagtail.models import Locale, Page
from wagtail_localize.models import Translation

from officers.models import Role
from officers.services import officer_create
from officers.trainers import TRAINER_GROUP
from tests.conftest import PASSWORD, build_course, publish


def _quiz_with_own_question(tree):
    quiz = tree.quizzes[0]
    question = {
        "stem": "<p>Which document is forged?</p>",
        "points": 1,
        "feedback_correct": "",
        "feedback_incorrect": "",
        "explanation": "Look at the laminate.",
        "options": [
            {"type": "item", "id": str(uuid.uuid4()), "value": v}
            for v in (
                {"text": "Passport A", "correct": True, "feedback": ""},
                {"text": "Visa B", "correct": False, "feedback": ""},
            )
        ],
    }
    quiz.questions = json.dumps(
        [{"type": "own_single", "value": question, "id": str(uuid.uuid4())}]
    )
    return publish(quiz)


def _thai(msgid: str) -> str:
    return f"ไทย {msgid}"


def test_trainer_translates_a_whole_course_by_po_files_and_a_thai_officer_reads_it(
    client, db, django_capture_on_commit_callbacks
):
    tree = build_course(modules=1, lessons_per_module=1)
    _quiz_with_own_question(tree)
    trainer = officer_create(username="trainer", password=PASSWORD, role=Role.TRAINER)
    thai = Locale.objects.get(language_code="th")
    client.force_login(trainer)

    submit = f"/admin/localize/submit/page/{tree.course.pk}/"
    assert client.get(submit).status_code == 200
    response = client.post(submit, {"locales": [thai.pk], "include_subtree": "on"})
    assert response.status_code == 302

    translations = Translation.objects.filter(target_locale=thai)
    sources = {t.source.get_source_instance().pk for t in translations}
    assert {tree.course.pk, tree.modules[0].pk, tree.lessons[0].pk, tree.quizzes[0].pk} <= sources
    # Nothing reaches Thai officers before the trainer publishes.
    assert not Page.objects.filter(locale=thai, live=True).exclude(depth=2).exists()

    for translation in translations:
        po_text = client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/")
        po = polib.pofile(po_text.content.decode())
        # The code and the slug are the original's in every language: not offered.
        assert not {"code", "slug"} & {entry.msgctxt for entry in po}
        for entry in po:
            entry.msgstr = _thai(entry.msgid)
        target = translation.get_target_instance()
        edit = f"/admin/pages/{target.pk}/edit/"
        upload = SimpleUploadedFile("th.po", str(po).encode(), "text/x-gettext-translation")
        client.post(
            f"/admin/localize/translate/{translation.pk}/pofile/upload/",
            {"file": upload, "next": edit},
        )
        # The page is published when the transaction commits, as on the real server.
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(edit, {"action": "publish"}, follow=True)
        messages = [str(m) for m in response.context["messages"]]
        assert any(m.startswith("Published") and "missing" not in m for m in messages), messages

    quiz_po = str(translations.get(source__object_id=tree.quizzes[0].translation_key).export_po())
    assert "Which document is forged?" in quiz_po and "Passport A" in quiz_po

    officer = officer_create(username="somchai", password=PASSWORD, preferred_language="th")
    client.force_login(officer)
    page = client.get(tree.course.url).content.decode()
    assert _thai("Course TST-101") in page and _thai("Module 1") in page
    assert "TST-101 ·" in page
    client.post(reverse("course_enrol", args=[tree.course.pk]))
    lesson = client.get(tree.lessons[0].url).content.decode()
    assert _thai("Teaching text of lesson 1.1.") in lesson


def test_trainers_group_may_submit_translations_after_the_migration(db):
    group, _ = Group.objects.get_or_create(name=TRAINER_GROUP)
    group.permissions.clear()
    migration = importlib.import_module("officers.migrations.0005_trainers_translate_courses")
    migration.grant(django_apps, None)
    assert group.permissions.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).exists()
    trainer = officer_create(username="trainer2", password=PASSWORD, role=Role.TRAINER)
    assert trainer.has_perm("wagtail_localize.submit_translation")
    assert Permission.objects.filter(codename="submit_translation").count() == 1


def test_a_changed_original_syncs_into_the_translation_keeping_what_was_translated(
    client, db, django_capture_on_commit_callbacks
):
    tree = build_course(modules=1, lessons_per_module=1)
    lesson = tree.lessons[0]
    trainer = officer_create(username="trainer", password=PASSWORD, role=Role.TRAINER)
    thai = Locale.objects.get(language_code="th")
    client.force_login(trainer)
    client.post(f"/admin/localize/submit/page/{lesson.pk}/", {"locales": [thai.pk]})
    translation = Translation.objects.get(
        source__object_id=lesson.translation_key, target_locale=thai
    )
    po = polib.pofile(
        client.get(f"/admin/localize/translate/{translation.pk}/pofile/download/").content.decode()
    )
    for entry in po:
        entry.msgstr = _thai(entry.msgid)
    upload = SimpleUploadedFile("th.po", str(po).encode(), "text/x-gettext-translation")
    client.post(f"/admin/localize/translate/{translation.pk}/pofile/upload/", {"file": upload})

    # The author revises the English lesson's title; its summary and text stay.
    lesson.title = "Lesson 1.1, revised"
    lesson.save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/localize/update/{translation.source.pk}/", {"publish_translations": "on"}
        )
    assert response.status_code == 302

    thai_lesson = lesson.get_translation(thai)
    thai_lesson.refresh_from_db()
    assert thai_lesson.live
    assert thai_lesson.title == "Lesson 1.1, revised"  # new: untranslated, shown as written
    assert thai_lesson.summary == _thai("A lesson.")  # kept
    assert _thai("Teaching text of lesson 1.1.") in str(thai_lesson.body)  # kept
    po_after = str(translation.export_po())
    assert 'msgid "Lesson 1.1, revised"\nmsgstr ""' in po_after
