"""A SCORM lesson in a course's progress: counted as a lesson of its module, shown in the
outline with a label, reached by "next", completed only by what its content reports (through
``learning.services.lesson_complete``, which the player's commit service calls), never by the
read lesson's button."""

from __future__ import annotations

import pytest
from django.urls import reverse

from learning import services
from learning.models import LearnerRecord
from modules.models import ScormLessonPage
from scormpackages.services import package_import
from tests.conftest import build_course, publish
from tests.scormpackages.test_import import CORPUS


@pytest.fixture
def tree(db, settings, tmp_path):
    """One module: a read lesson, then a SCORM lesson."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    tree = build_course(modules=1, lessons_per_module=1)
    package = package_import(source=CORPUS / "moodle-golf/singlesco_scorm12.zip")
    scorm = ScormLessonPage(title="Golf at the border", slug="golf", package=package)
    tree.modules[0].add_child(instance=scorm)
    tree.lessons.append(publish(scorm))
    return tree


def test_a_scorm_lesson_counts_until_its_content_completes_it(client, tree, people):
    learner = people["learner"]
    client.force_login(learner)
    client.post(reverse("course_enrol", args=[tree.course.pk]))
    read, scorm = tree.lessons
    client.get(read.url)
    done = client.post(reverse("lesson_complete", args=[read.pk]))
    assert done["Location"] == scorm.url  # "next" after the read lesson is the SCORM lesson

    course_page = client.get(tree.course.url).content.decode()
    assert "1 of 2 lessons completed" in course_page
    assert f'<li><a href="{scorm.url}">Golf at the border</a> <span class="meta">· interactive' in (
        course_page
    )
    module_page = client.get(tree.modules[0].url).content.decode()
    assert f'<a href="{scorm.url}">Golf at the border</a> <span class="meta">· interactive' in (
        module_page
    )
    assert 'Lesson 1.1</a> <span class="meta">· interactive' not in module_page
    my = client.get(reverse("my_learning")).content.decode()
    assert "1 of 2 lessons completed" in my and f'href="{scorm.url}"' in my  # continue there

    assert client.get(scorm.url).status_code == 200  # opened (the guard records it)
    written = services.lesson_complete(learner=learner, lesson=scorm)
    assert {record.kind for record in written} == {
        "lesson_completed",
        "module_completed",
        "course_completed",
    }
    course_page = client.get(tree.course.url).content.decode()
    assert "2 of 2 lessons completed" in course_page
    assert f'<a href="{scorm.url}" class="done">Golf at the border</a>' in course_page
    my = client.get(reverse("my_learning")).content.decode()
    assert '<strong class="status-completed">Completed</strong>' in my


def test_the_read_lesson_button_refuses_a_scorm_lesson(client, tree, people):
    client.force_login(people["learner"])
    client.post(reverse("course_enrol", args=[tree.course.pk]))
    scorm = tree.lessons[1]
    client.get(scorm.url)
    response = client.post(reverse("lesson_complete", args=[scorm.pk]))
    assert response.status_code == 404
    assert not LearnerRecord.objects.filter(kind="lesson_completed").exists()
    assert "0 of 2 lessons completed" in client.get(tree.course.url).content.decode()


def test_the_read_lesson_before_a_scorm_lesson_leads_to_it(client, tree, people):
    client.force_login(people["trainer"])
    read, scorm = tree.lessons
    page = client.get(read.url).content.decode()  # a trainer's preview: "next", no button
    assert f'<a href="{scorm.url}">Golf at the border →</a>' in page
