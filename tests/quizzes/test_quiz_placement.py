"""One quiz per module (and one pre- and one post-test per course), as the page editor enforces
it: a second one is refused at its field, naming and linking the one in the way; a draft that
only the editor's autosave wrote (a quiz someone started and left) is not in the way."""

from __future__ import annotations

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, streamfield

from modules.models import ModulePage, QuizPage
from tests.conftest import publish


@pytest.fixture
def module(course_tree):
    """A module of the course with no quiz yet."""
    module = ModulePage(title="Module 3", slug="module-3", summary="A module.")
    course_tree.course.add_child(instance=module)
    return publish(module)


@pytest.fixture
def trainer(client, people):
    client.force_login(people["trainer"])
    return client


def quiz_form(title: str, *, publish: bool = False) -> dict:
    data = nested_form_data(
        {
            "title": title,
            "slug": title.lower().replace(" ", "-"),
            "intro": "",
            "questions": streamfield([]),
            "pass_mark": 70,
            "max_attempts": 0,
            "time_limit_minutes": 0,
            "grading_method": "highest",
            "layout": "one_page",
            "shuffle_options": "on",
            "review": "final",
            "test_kind": "",
            "comments": inline_formset([]),
        }
    )
    if publish:
        data["action-publish"] = "action-publish"
    return data


def add_quiz(client, parent, title: str, *, publish: bool = False, autosave: bool = False):
    url = reverse("wagtailadmin_pages:add", args=["modules", "quizpage", parent.pk])
    headers = {"HTTP_ACCEPT": "application/json"} if autosave else {}
    return client.post(url, quiz_form(title, publish=publish), **headers)


def test_a_draft_only_autosave_wrote_does_not_block_the_real_quiz(trainer, module):
    response = add_quiz(trainer, module, "Started and left", autosave=True)
    assert response.json()["success"] is True
    assert QuizPage.objects.get(title="Started and left").live is False

    response = add_quiz(trainer, module, "Module quiz", publish=True)
    assert response.status_code == 302
    assert QuizPage.objects.get(title="Module quiz").live is True


def test_a_saved_draft_blocks_a_second_quiz_and_the_message_links_it(trainer, module):
    response = add_quiz(trainer, module, "Saved draft")
    assert response.status_code == 302
    draft = QuizPage.objects.get(title="Saved draft")

    response = add_quiz(trainer, module, "Second quiz", publish=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "The page could not be created due to validation errors." in html
    edit_url = reverse("wagtailadmin_pages:edit", args=[draft.pk])
    assert f'This module already has a quiz: <a href="{edit_url}">Saved draft</a> (draft).' in html
    assert not QuizPage.objects.filter(title="Second quiz").exists()


def test_a_second_quiz_next_to_a_live_one_is_a_form_error_not_a_crash(trainer, course_tree):
    module, live = course_tree.modules[0], course_tree.quizzes[0]
    response = add_quiz(trainer, module, "Another quiz", publish=True)
    assert response.status_code == 200
    edit_url = reverse("wagtailadmin_pages:edit", args=[live.pk])
    assert (
        f'This module already has a quiz: <a href="{edit_url}">Quiz 1</a> (live).'
        in response.content.decode()
    )
    assert not QuizPage.objects.filter(title="Another quiz").exists()


def test_editing_the_quiz_itself_is_not_a_clash(trainer, course_tree):
    quiz = course_tree.quizzes[0]
    url = reverse("wagtailadmin_pages:edit", args=[quiz.pk])
    data = quiz_form("Quiz 1", publish=True)
    data["slug"] = quiz.slug
    response = trainer.post(url, data)
    assert response.status_code == 302
