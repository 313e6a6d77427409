"""Every URL as every role: who gets the page, who is sent to log in, who is refused.

A URL the user may not see answers 403 (a role that never may) or 404 (an object outside the
user's scope, so its existence does not leak), or sends an anonymous visitor to log in.
"""

import pytest
from django.urls import reverse

from learning import services

OK, LOGIN, FORBIDDEN, NOT_FOUND, TO_COURSE = 200, "login", 403, 404, "course"
ROLES = ["anonymous", "learner", "enrolled", "trainer", "coordinator", "admin"]

# url name -> expected outcome per role, in ROLES order
TABLE = {
    "catalogue": [LOGIN, OK, OK, OK, OK, OK],
    "course": [LOGIN, OK, OK, OK, OK, OK],
    "module": [LOGIN, OK, OK, OK, OK, OK],
    "lesson": [LOGIN, TO_COURSE, OK, OK, OK, OK],
    "quiz": [LOGIN, TO_COURSE, OK, OK, OK, OK],
    "my_learning": [LOGIN, OK, OK, OK, OK, OK],
    "password_change": [LOGIN, OK, OK, OK, OK, OK],
    "coordinator": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "officer_in_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "officer_password_in_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, OK, OK],
    "officer_out_of_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    "officer_password_out_of_scope": [LOGIN, FORBIDDEN, FORBIDDEN, FORBIDDEN, NOT_FOUND, OK],
    "wagtail_admin": [LOGIN, LOGIN, LOGIN, OK, LOGIN, OK],
    "django_admin": [LOGIN, LOGIN, LOGIN, LOGIN, LOGIN, OK],
    "unpublished_lesson": [NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND, NOT_FOUND],
}


@pytest.fixture
def world(course_tree, people):
    enrolled = people["learner_kh"]
    services.enrolment_create(learner=enrolled, course=course_tree.course, actor=enrolled)
    hidden = course_tree.lessons[-1]
    hidden.unpublish()
    urls = {
        "catalogue": "/",
        "course": course_tree.course.url,
        "module": course_tree.modules[0].url,
        "lesson": course_tree.lessons[0].url,
        "quiz": course_tree.quizzes[0].url,
        "my_learning": reverse("my_learning"),
        "password_change": reverse("password_change"),
        "coordinator": reverse("coordination:progress"),
        "officer_in_scope": reverse("coordination:officer", args=[people["learner"].uuid]),
        "officer_password_in_scope": reverse(
            "coordination:officer_password", args=[people["learner"].uuid]
        ),
        "officer_out_of_scope": reverse("coordination:officer", args=[people["learner_la"].uuid]),
        "officer_password_out_of_scope": reverse(
            "coordination:officer_password", args=[people["learner_la"].uuid]
        ),
        "wagtail_admin": "/admin/",
        "django_admin": "/django-admin/",
        "unpublished_lesson": hidden.url,
    }
    users = {
        "anonymous": None,
        "learner": people["learner"],
        "enrolled": enrolled,
        "trainer": people["trainer"],
        "coordinator": people["coordinator"],
        "admin": people["admin"],
    }
    return urls, users, course_tree


def outcome(response, course_url):
    if response.status_code == 302:
        location = response["Location"]
        if "login" in location:
            return LOGIN
        if location == course_url:
            return TO_COURSE
        return f"302 to {location}"
    return response.status_code


@pytest.mark.parametrize("name", TABLE)
def test_every_url_as_every_role(name, world, client):
    urls, users, tree = world
    seen = []
    for role in ROLES:
        client.logout()
        if users[role] is not None:
            client.force_login(users[role])
        seen.append(outcome(client.get(urls[name]), tree.course.url))
    assert seen == TABLE[name], dict(zip(ROLES, seen, strict=True))


def test_out_of_scope_pages_do_not_leak_the_officer(world, client):
    urls, users, _tree = world
    client.force_login(users["coordinator"])
    response = client.get(urls["officer_out_of_scope"])
    assert b"Khamla" not in response.content


def test_every_named_url_is_in_the_table():
    """A new URL must be added to TABLE before it ships."""
    from django.urls import get_resolver

    ours = {name for name, _ in get_resolver().reverse_dict.items() if isinstance(name, str)}
    covered = {
        "my_learning",
        "password_change",
        "login",
        "logout",
        "set_language",
        "course_enrol",
        "lesson_complete",
    }
    coordination = {
        n
        for n in get_resolver().namespace_dict["coordination"][1].reverse_dict
        if isinstance(n, str)
    }
    assert coordination == {"progress", "officer", "officer_enrol", "officer_password"}
    assert {"my_learning", "course_enrol", "lesson_complete", "set_language"} <= ours
    assert covered - ours == set()
