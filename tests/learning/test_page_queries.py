"""The learner's pages read the same number of queries whatever the size of the course (or of
their list of courses), and a lesson page at most 12, with the page cache warm or cold: an
officer at a post with a big course waits no longer than with a small one."""

import json
import uuid

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import build_course, publish

LESSON_PAGE_BUDGET = 12


def _with_questions(tree):
    """Give each module quiz a question, so it gates its module and the pages ask which the
    officer passed."""
    for quiz in tree.quizzes:
        quiz.questions = json.dumps(
            [
                {
                    "type": "own_single",
                    "id": str(uuid.uuid4()),
                    "value": {
                        "stem": "<p>Which document is forged?</p>",
                        "points": 1,
                        "single": True,
                        "options": [
                            {"type": "item", "id": str(uuid.uuid4()), "value": v}
                            for v in (
                                {"text": "Passport A", "correct": True, "feedback": ""},
                                {"text": "Visa B", "correct": False, "feedback": ""},
                            )
                        ],
                    },
                }
            ]
        )
        publish(quiz)
    return tree


@pytest.fixture
def small_and_big(db):
    return (
        _with_questions(build_course(code="SML-101", modules=2)),
        _with_questions(build_course(code="BIG-101", modules=6)),
    )


def _count(client, url, *, cold: bool) -> int:
    """The queries of a GET of ``url``: with the caches as after a restart (cold), or just
    after the same page was served (warm)."""
    if cold:
        caches["pages"].clear()
        # And what a restarted server process would also read again: Wagtail's site root
        # paths, Django's content types.
        caches["default"].clear()
        ContentType.objects.clear_cache()
    else:
        client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    return len(queries.captured_queries)


def _enrolled(client, tree):
    client.post(reverse("course_enrol", args=[tree.course.pk]))
    return tree


def test_course_page_reads_as_much_for_6_modules_as_for_2(client, people, small_and_big):
    client.force_login(people["learner"])
    small, big = (_enrolled(client, t) for t in small_and_big)
    for cold in (True, False):
        counts = [_count(client, tree.course.url, cold=cold) for tree in (small, big)]
        assert counts[0] == counts[1], ("cold" if cold else "warm", counts)
    page = client.get(big.course.url).content.decode()
    assert all(f"Module {m}" in page for m in range(1, 7))


def test_module_page_reads_as_much_in_a_6_module_course(client, people, small_and_big):
    client.force_login(people["learner"])
    small, big = (_enrolled(client, t) for t in small_and_big)
    counts = [_count(client, tree.modules[1].url, cold=False) for tree in (small, big)]
    assert counts[0] == counts[1]


def test_lesson_page_reads_at_most_12_queries_whatever_the_course(client, people, small_and_big):
    client.force_login(people["learner"])
    small, big = (_enrolled(client, t) for t in small_and_big)
    lessons = [small.lessons[3], big.lessons[9]]  # second module, second lesson
    for lesson in lessons:
        client.get(lesson.url)  # opened once: what follows are the officer's later views
    cold = [_count(client, lesson.url, cold=True) for lesson in lessons]
    warm = [_count(client, lesson.url, cold=False) for lesson in lessons]
    assert cold[0] == cold[1] and warm[0] == warm[1], (cold, warm)
    assert warm[0] <= LESSON_PAGE_BUDGET, warm
    assert cold[0] >= warm[0]
    page = client.get(big.lessons[9].url).content.decode()
    assert "Teaching text of lesson 5.2." in page
    assert big.lessons[8].title in page and big.modules[4].title in page  # previous, module


def test_my_learning_reads_as_much_for_4_courses_as_for_1(client, people, db):
    trees = [build_course(code=f"TST-10{n}", modules=2) for n in range(1, 5)]
    one, four = people["learner"], people["learner_kh"]
    client.force_login(one)
    _enrolled(client, trees[0])
    client.force_login(four)
    for tree in trees:
        _enrolled(client, tree)
        client.get(tree.lessons[0].url)
    counts = []
    for learner in (one, four):
        client.force_login(learner)
        counts.append(_count(client, reverse("my_learning"), cold=False))
    assert counts[0] == counts[1], counts
    page = client.get(reverse("my_learning")).content.decode()
    assert all(f"Course TST-10{n}" in page for n in range(1, 5))
    assert page.count("Continue where you left off") == 4
