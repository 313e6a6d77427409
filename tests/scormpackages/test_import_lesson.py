"""``scorm_import FILE --module MODULE_PAGE_ID``: the package stored and a SCORM lesson playing
it added as the module's last lesson; a wrong module or a refused package leaves nothing."""

from __future__ import annotations

import json

import pytest

from modules.models import ScormLessonPage
from scormpackages.models import ScormPackage
from tests.scormpackages.test_import import CORPUS, assert_nothing_left, scorm_import, store

__all__ = ["store"]  # the fixture, shared with the command's other tests

GOLF_12 = str(CORPUS / "moodle-golf/singlesco_scorm12.zip")
SEQUENCING_2004 = str(CORPUS / "golf/SequencingForcedSequential_SCORM20043rdEdition.zip")


@pytest.mark.django_db
def test_a_lesson_is_added_as_a_draft_after_the_modules_lessons(store, course_tree):
    module = course_tree.modules[0]
    status, out, err = scorm_import(SEQUENCING_2004, "--module", str(module.pk))
    assert (status, err) == (0, "")
    lesson = ScormLessonPage.objects.get()
    assert lesson.get_parent().pk == module.pk
    assert [p.title for p in module.get_children()] == [
        "Lesson 1.1",
        "Lesson 1.2",
        lesson.title,  # the last lesson, before the module's quiz
        "Quiz 1",
    ]
    assert lesson.locale == module.locale
    assert lesson.title == "Golf Explained - Sequencing Forced Order"
    assert lesson.package == ScormPackage.objects.get()
    assert not lesson.live and lesson.latest_revision is not None
    assert "5 SCO(s), 0 asset(s)" in out
    assert out.splitlines()[-2] == (
        f"SCORM lesson {lesson.pk} {lesson.title!r} added to module {module.pk} 'Module 1' "
        f"(a draft): {lesson.get_url()}"
    )
    assert out.splitlines()[-1] == f"Edit it at /admin/pages/{lesson.pk}/edit/"


@pytest.mark.django_db
def test_publish_and_title_give_a_live_lesson_under_that_title(store, course_tree):
    module = course_tree.modules[1]
    status, out, _err = scorm_import(
        GOLF_12, "--module", str(module.pk), "--title", "Golf basics", "--publish"
    )
    assert status == 0
    lesson = ScormLessonPage.objects.get()
    assert lesson.live and lesson.title == "Golf basics" and lesson.slug == "golf-basics"
    assert "(published): /tst-101/module-2/golf-basics/" in out
    # Twice: a second lesson with a free slug.
    status, _out, _err = scorm_import(GOLF_12, "--module", str(module.pk), "--title", "Golf basics")
    assert status == 0
    assert sorted(ScormLessonPage.objects.values_list("slug", flat=True)) == [
        "golf-basics",
        "golf-basics-2",
    ]


@pytest.mark.django_db
def test_json_output_names_the_lesson(store, course_tree):
    module = course_tree.modules[0]
    status, out, _err = scorm_import(GOLF_12, "--module", str(module.pk), "--json")
    assert status == 0
    found = json.loads(out)
    lesson = ScormLessonPage.objects.get()
    assert found["package"] == str(lesson.package_id)
    assert found["lesson"] == {
        "id": lesson.pk,
        "title": "Golf Explained - CP Single SCO",
        "live": False,
        "url": lesson.get_url(),
        "edit_url": f"/admin/pages/{lesson.pk}/edit/",
        "module_id": module.pk,
        "module": "Module 1",
    }


@pytest.mark.django_db
@pytest.mark.parametrize("which", ["lesson", "course", "missing", "text"])
def test_an_id_that_is_not_a_module_is_refused_before_anything_is_stored(which, store, course_tree):
    page_id = {
        "lesson": str(course_tree.lessons[0].pk),
        "course": str(course_tree.course.pk),
        "missing": "999999",
        "text": "module-1",
    }[which]
    status, out, err = scorm_import(GOLF_12, "--module", page_id)
    assert status == 1 and out == ""
    assert f"CommandError: {page_id} is not the page id of a module: nothing imported." in err
    assert not ScormLessonPage.objects.exists()
    assert_nothing_left(store)


@pytest.mark.django_db
def test_a_refused_package_adds_no_lesson(store, course_tree):
    module = course_tree.modules[0]
    status, out, err = scorm_import(
        str(CORPUS / "moodle-golf/badscorm.zip"), "--module", str(module.pk)
    )
    assert status == 1 and out == ""
    assert "badscorm.zip refused: " in err
    assert not ScormLessonPage.objects.exists()
    assert_nothing_left(store)


@pytest.mark.django_db
def test_publish_without_a_module_is_refused(store):
    status, _out, err = scorm_import(GOLF_12, "--publish")
    assert status == 1
    assert "--publish publishes the lesson --module adds" in err
    assert_nothing_left(store)
