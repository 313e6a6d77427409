"""The page cache (modules.contentcache) never shows an officer a stale page or another
language's: a trainer's publish shows at once, a cleared cache gives the same page, Thai and
English readers each see their own; and a lesson viewed again writes nothing."""

import re

from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from officers.services import officer_create
from tests.conftest import PASSWORD, publish, text_body, translate


def _enrol(client, tree):
    client.post(reverse("course_enrol", args=[tree.course.pk]))


def _html(client, url) -> str:
    # The CSRF token is masked afresh on every response; everything else must be equal.
    page = client.get(url).content.decode()
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page)


def test_a_trainer_publishes_and_the_officer_next_view_shows_it(client, course_tree, people):
    client.force_login(people["learner"])
    _enrol(client, course_tree)
    first, second = course_tree.lessons[:2]
    assert "Teaching text of lesson 1.1." in _html(client, first.url)
    assert "Lesson 1.1" in _html(client, second.url)  # "previous"
    assert "Lesson 1.2" in _html(client, course_tree.course.url)

    first.body = text_body("Revised teaching text.")
    first.title = "Lesson 1.1, revised"
    publish(first)
    page = _html(client, first.url)
    assert "Revised teaching text." in page and "Teaching text of lesson 1.1." not in page
    assert "← Lesson 1.1, revised" in _html(client, second.url)
    assert "Lesson 1.1, revised" in _html(client, course_tree.course.url)

    second.unpublish()
    course_page = _html(client, course_tree.course.url)
    assert "Lesson 1.2" not in course_page and "0 of 3 lessons completed" in course_page

    course_tree.lessons[3].move(course_tree.modules[0], pos="last-child")
    assert "Lesson 2.2" in _html(client, course_tree.modules[0].url)
    course_tree.lessons[2].delete()
    assert "Lesson 2.1" not in _html(client, course_tree.course.url)


def test_a_lesson_renamed_or_unpublished_is_not_served_at_its_old_address(
    client, course_tree, people
):
    """Which page a URL leads to is cached (modules.routes): a trainer's new slug or unpublish
    shows at once, even for an address every officer has just opened."""
    client.force_login(people["learner"])
    _enrol(client, course_tree)
    first, second = course_tree.lessons[:2]
    old_url = first.url
    assert client.get(old_url).status_code == 200
    assert client.get(old_url).status_code == 200  # now from the cache

    first.slug = "renamed-lesson"
    publish(first)
    assert client.get(old_url).status_code == 404
    assert first.url != old_url and "Teaching text of lesson 1.1." in _html(client, first.url)

    assert client.get(second.url).status_code == 200
    second.unpublish()
    assert client.get(second.url).status_code == 404


def test_a_cleared_cache_gives_the_same_pages(client, course_tree, people):
    client.force_login(people["learner"])
    _enrol(client, course_tree)
    urls = [
        course_tree.course.url,
        course_tree.modules[0].url,
        course_tree.lessons[1].url,
        reverse("my_learning"),
    ]
    client.get(course_tree.lessons[1].url)
    warm = [_html(client, url) for url in urls]
    caches["pages"].clear()
    cold = [_html(client, url) for url in urls]
    assert cold == warm
    assert [_html(client, url) for url in urls] == warm


def test_thai_and_english_readers_do_not_see_each_others_pages(client, course_tree, people):
    translate(course_tree.index, "th")
    translate(course_tree.course, "th", title="หลักสูตรทดสอบ")
    translate(course_tree.modules[0], "th", title="โมดูล 1")
    translate(
        course_tree.lessons[0], "th", title="บทเรียน 1.1", body=text_body("เนื้อหาบทเรียนภาษาไทย")
    )
    thai = officer_create(username="somchai", password=PASSWORD, preferred_language="th")
    english = people["learner"]
    lesson, course = course_tree.lessons[0], course_tree.course
    for _round in range(2):  # the second round from a warm cache
        for officer, mine, theirs in (
            (english, ["Teaching text of lesson 1.1.", "Module 1"], ["เนื้อหาบทเรียนภาษาไทย"]),
            (thai, ["เนื้อหาบทเรียนภาษาไทย", "โมดูล 1"], ["Teaching text of lesson 1.1."]),
        ):
            client.force_login(officer)
            _enrol(client, course_tree)
            page = _html(client, lesson.url) + _html(client, course.url)
            assert all(text in page for text in mine), officer.username
            assert not any(text in page for text in theirs), officer.username


def test_the_second_view_of_a_lesson_writes_nothing(client, course_tree, people):
    client.force_login(people["learner"])
    _enrol(client, course_tree)
    lesson = course_tree.lessons[0]
    views = []
    for _view in range(2):
        with CaptureQueriesContext(connection) as queries:
            page = client.get(lesson.url).content.decode()
        views.append([q["sql"] for q in queries.captured_queries if _writes(q["sql"])])
    assert any("INSERT" in sql for sql in views[0])  # the first open is recorded
    assert views[1] == []
    assert "0 of 4 steps" in page or "0 of 4 lessons" in page
    assert "Mark as complete and continue" in page
    client.post(reverse("lesson_complete", args=[lesson.pk]))
    with CaptureQueriesContext(connection) as queries:
        page = client.get(lesson.url).content.decode()
    assert not [q for q in queries.captured_queries if _writes(q["sql"])]
    assert "Lesson completed" in page and "1 of 4" in page


def _writes(sql: str) -> bool:
    return sql.lstrip().upper().startswith(("INSERT", "UPDATE", "DELETE", "REPLACE"))
