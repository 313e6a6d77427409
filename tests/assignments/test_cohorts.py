"""A coordinator makes a cohort by hand, fills it through the searchable picker, assigns it a
course with a due date (every member is enrolled at once, and one added later too), and cannot
reach an officer or a cohort outside their scope, whatever the form sends."""

from __future__ import annotations

import pytest
from django.urls import reverse

from assignments.models import AssignmentRecord, CohortRecord
from assignments.selectors import cohort_state
from assignments.services import cohort_create
from learning.selectors import is_enrolled
from officers.models import BorderPost
from tests.coordination.downloaded import csv_rows, page_tables, xlsx_rows

pytestmark = pytest.mark.django_db


def _new_cohort(client, name: str, home: str) -> str:
    response = client.post(reverse("assignments:cohorts"), {"name": name, "home": home})
    assert response.status_code == 302, response.content.decode()[:2000]
    return response["Location"]


def test_a_cohort_made_and_filled_by_hand_is_enrolled_in_a_course_at_once(
    login, people, course_tree
):
    client = login(people["coordinator"])
    cohort_url = _new_cohort(client, "Aranyaprathet intake 2026-03", "post:th-a")
    # The picker finds officers in scope by a name in their own script.
    page = client.get(cohort_url, {"q": "สมชาย"}).content.decode()
    assert "Somchai Jaidee" in page or "สมชาย ใจดี" in page
    assert str(people["learner"].uuid) in page
    client.post(f"{cohort_url}add/", {"officer": [str(people["learner"].uuid)]})
    client.post(f"{cohort_url}add/", {"officer": [str(people["learner_kh"].uuid)]})
    response = client.post(
        f"{cohort_url}assign/",
        {"course": course_tree.course.pk, "due_on": "2026-04-30"},
        follow=True,
    )
    assert "Assigned to 2 members, who are enrolled." in response.content.decode()
    for officer in (people["learner"], people["learner_kh"]):
        assert is_enrolled(learner=officer, course=course_tree.course)
    page = client.get(cohort_url).content.decode()
    assert "Members (2)" in page and course_tree.course.title in page


def test_a_member_added_later_gets_the_cohorts_courses(login, people, course_tree):
    client = login(people["coordinator"])
    cohort_url = _new_cohort(client, "Poipet intake", "post:kh-p")
    client.post(f"{cohort_url}assign/", {"course": course_tree.course.pk, "due_on": ""})
    late = people["learner_kh"]
    assert not is_enrolled(learner=late, course=course_tree.course)
    client.post(f"{cohort_url}add/", {"officer": [str(late.uuid)]})
    assert is_enrolled(learner=late, course=course_tree.course)
    client.force_login(late)
    page = client.get(reverse("my_learning")).content.decode()
    assert "Assigned to you" in page and "with cohort Poipet intake" in page
    # Adding them again changes nothing.
    before = AssignmentRecord.objects.count(), CohortRecord.objects.count()
    client.force_login(people["coordinator"])
    client.post(f"{cohort_url}add/", {"officer": [str(late.uuid)]})
    assert (AssignmentRecord.objects.count(), CohortRecord.objects.count()) == before


def test_an_officer_outside_scope_cannot_be_picked_added_or_assigned(login, people, course_tree):
    client = login(people["coordinator"])
    outsider = people["learner_la"]
    cohort_url = _new_cohort(client, "Intake", "country:TH")
    page = client.get(cohort_url, {"q": "Khamla"}).content.decode()
    assert str(outsider.uuid) not in page
    # A forged form with the outsider's UUID: not found, nothing written.
    before = AssignmentRecord.objects.count(), CohortRecord.objects.count()
    assert client.post(f"{cohort_url}add/", {"officer": [str(outsider.uuid)]}).status_code == 404
    response = client.post(
        reverse("assignments:assign"),
        {"officer": [str(outsider.uuid)], "course": course_tree.course.pk, "due_on": ""},
    )
    assert response.status_code == 404
    assert (AssignmentRecord.objects.count(), CohortRecord.objects.count()) == before
    assert not is_enrolled(learner=outsider, course=course_tree.course)


def test_a_cohort_elsewhere_is_not_found_and_cannot_be_made(login, people, posts, course_tree):
    away = cohort_create(actor=people["admin"], name="Vientiane", post=posts["la"])
    client = login(people["coordinator"])
    cohorts_page = client.get(reverse("assignments:cohorts")).content.decode()
    assert "Vientiane" not in cohorts_page
    url = reverse("assignments:cohort_assign", args=[away.uuid])
    assert client.post(url, {"course": course_tree.course.pk}).status_code == 404
    # A forged "belongs to" outside the choices is refused by the form.
    response = client.post(reverse("assignments:cohorts"), {"name": "X", "home": "post:la-v"})
    assert response.status_code == 200
    assert CohortRecord.objects.filter(name="X").count() == 0
    assert cohort_state(away.uuid).courses == {}


def test_a_course_withdrawn_from_a_cohort_leaves_its_members_enrolled(login, people, course_tree):
    client = login(people["coordinator"])
    cohort_url = _new_cohort(client, "Poipet intake", "post:kh-p")
    member = people["learner_kh"]
    client.post(f"{cohort_url}add/", {"officer": [str(member.uuid)]})
    client.post(f"{cohort_url}assign/", {"course": course_tree.course.pk, "due_on": ""})
    key = course_tree.course.translation_key
    response = client.post(f"{cohort_url}withdraw/{key}/", follow=True)
    assert "withdrawn from the cohort and from 1 member" in response.content.decode()
    client.force_login(member)
    page = client.get(reverse("my_learning")).content.decode()
    assert "Assigned to you" not in page and course_tree.course.title in page  # still enrolled
    # A member who joins later no longer gets it.
    client.force_login(people["coordinator"])
    client.post(f"{cohort_url}add/", {"officer": [str(people["learner"].uuid)]})
    assert not is_enrolled(learner=people["learner"], course=course_tree.course)


def test_a_renamed_cohort_shows_its_new_name_to_its_members(login, people, course_tree):
    client = login(people["coordinator"])
    cohort_url = _new_cohort(client, "Intake", "post:th-a")
    client.post(f"{cohort_url}add/", {"officer": [str(people["learner"].uuid)]})
    client.post(f"{cohort_url}assign/", {"course": course_tree.course.pk, "due_on": ""})
    client.post(f"{cohort_url}rename/", {"name": "  Aranyaprathet   intake 2026-03 "})
    assert (
        "Aranyaprathet intake 2026-03"
        in client.get(reverse("assignments:cohorts")).content.decode()
    )
    client.force_login(people["learner"])
    page = client.get(reverse("my_learning")).content.decode()
    assert "with cohort Aranyaprathet intake 2026-03" in page


def test_the_cohorts_page_searches_and_its_downloads_hold_the_same_rows(login, people):
    coordinator = people["coordinator"]
    for name, post in (("Aranyaprathet intake 2026-03", "th-a"), ("Poipet intake", "kh-p")):
        cohort_create(actor=coordinator, name=name, post=BorderPost.objects.get(code=post))
    cohort_create(actor=people["admin"], name="=cmd|' /C calc'!A0", country="TH")
    client = login(coordinator)
    for search, expected in (("", 3), ("intake", 2), ("poipet", 1)):
        shown = page_tables(client.get(reverse("assignments:cohorts"), {"q": search}))["cohorts"]
        assert len(shown) - 1 == expected
        for extension, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
            url = reverse("coordination:cohorts_export", args=[extension])
            rows = read(client.get(url, {"q": search}))
            assert rows[0] == ["Cohort", "Belongs to", "Members", "Courses"]
            assert [[str(cell).lstrip("'") for cell in row] for row in rows[1:]] == shown[1:]
            assert not any(str(row[0]).startswith("=") for row in rows)
