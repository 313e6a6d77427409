"""The learner's pages: enrol, read, complete, see progress; nothing forged counts."""

import re

from django.urls import reverse

from learning import services
from learning.models import LearnerRecord


def enrol(client, tree):
    return client.post(reverse("course_enrol", args=[tree.course.pk]))


def test_enrol_open_complete_and_continue(client, course_tree, people):
    client.force_login(people["learner"])
    assert enrol(client, course_tree)["Location"] == course_tree.course.url
    course_page = client.get(course_tree.course.url).content.decode()
    assert "0 of 4 lessons completed" in course_page
    assert "Start the course" in course_page

    first, second = course_tree.lessons[:2]
    lesson_page = client.get(first.url).content.decode()
    assert "Teaching text of lesson 1.1." in lesson_page
    done = client.post(reverse("lesson_complete", args=[first.pk]))
    assert done["Location"] == second.url

    course_page = client.get(course_tree.course.url).content.decode()
    assert "1 of 4 lessons completed" in course_page
    assert 'aria-valuenow="25"' in course_page
    my = client.get(reverse("my_learning")).content.decode()
    assert "Continue where you left off" in my
    assert f'href="{second.url}"' in my


def test_last_lesson_of_module_returns_to_module_with_congratulations(client, course_tree, people):
    client.force_login(people["learner"])
    enrol(client, course_tree)
    for lesson in course_tree.lessons[:2]:
        client.get(lesson.url)
        response = client.post(reverse("lesson_complete", args=[lesson.pk]), follow=True)
    assert response.redirect_chain[-1][0] == course_tree.modules[0].url
    assert "you have completed this module" in response.content.decode()


def test_completing_without_opening_or_enrolling_records_nothing(client, course_tree, people):
    client.force_login(people["learner"])
    lesson = course_tree.lessons[2]
    assert client.post(reverse("lesson_complete", args=[lesson.pk])).status_code == 404
    enrol(client, course_tree)
    response = client.post(reverse("lesson_complete", args=[lesson.pk]), follow=True)
    assert "Open the lesson before marking it complete." in response.content.decode()
    assert not LearnerRecord.objects.filter(kind="lesson_completed").exists()


def test_completion_needs_post_and_a_live_lesson(client, course_tree, people):
    client.force_login(people["learner"])
    enrol(client, course_tree)
    lesson = course_tree.lessons[0]
    assert client.get(reverse("lesson_complete", args=[lesson.pk])).status_code == 405
    lesson.unpublish()
    assert client.post(reverse("lesson_complete", args=[lesson.pk])).status_code == 404
    assert client.post(reverse("lesson_complete", args=[999999])).status_code == 404


def test_csrf_is_enforced_on_completion(course_tree, people):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    strict.force_login(people["learner"])
    services.enrolment_create(
        learner=people["learner"], course=course_tree.course, actor=people["learner"]
    )
    lesson = course_tree.lessons[0]
    strict.get(lesson.url)
    assert strict.post(reverse("lesson_complete", args=[lesson.pk])).status_code == 403
    assert not LearnerRecord.objects.filter(kind="lesson_completed").exists()


def test_lesson_page_requests_nothing_from_another_host(client, course_tree, people):
    client.force_login(people["trainer"])
    html = client.get(course_tree.lessons[0].url).content.decode()
    urls = re.findall(r'(?:src|href|action)="([^"]+)"', html)
    assert urls
    assert [u for u in urls if re.match(r"^(https?:)?//", u)] == []


def test_lesson_page_queries_are_bounded(
    client, course_tree, people, django_assert_max_num_queries
):
    client.force_login(people["learner"])
    enrol(client, course_tree)
    client.get(course_tree.lessons[0].url)
    with django_assert_max_num_queries(40):
        response = client.get(course_tree.lessons[1].url)
    assert response.status_code == 200


def test_enrolling_through_another_languages_page_speaks_the_officers_language(
    client, course_tree, people
):
    from tests.conftest import translate

    translate(course_tree.index, "th")
    thai = translate(course_tree.course, "th", title="หลักสูตรภาษาไทย")
    client.force_login(people["learner"])  # English interface
    response = client.post(reverse("course_enrol", args=[thai.pk]), follow=True)
    html = response.content.decode()
    assert "You are enrolled in Course TST-101." in html
    assert "หลักสูตรภาษาไทย" not in html


def test_pages_learners_hit_most_have_bounded_queries(
    client, course_tree, people, django_assert_max_num_queries
):
    """Measured with two modules of two lessons: catalogue 15, course 35 (two per module for
    its contents), module 25, lesson 25 (re-read), my learning 12. The bounds leave a little
    room; growth past them is a regression to look at."""
    client.force_login(people["learner"])
    enrol(client, course_tree)
    lesson = course_tree.lessons[0]
    client.get(lesson.url)
    for url, bound in [
        ("/", 17),
        (course_tree.course.url, 38),
        (course_tree.modules[0].url, 28),
        (lesson.url, 28),
        (reverse("my_learning"), 14),
    ]:
        with django_assert_max_num_queries(bound):
            assert client.get(url).status_code == 200
