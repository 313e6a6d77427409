"""An assignment as the officer and the coordinator meet it: on My learning with who assigned
it and when it is due, overdue in words after the date, done once completed; in the
coordinator's list by status, searchable; its due date changed or withdrawn."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from assignments.selectors import assignment_rows, assignments_in_scope, my_assignments
from assignments.services import assignment_create
from audittrail.models import AuditEntry
from audittrail.selectors import trails_verify
from learning import services as learning
from tests.coordination.downloaded import csv_rows, page_tables, xlsx_rows

pytestmark = pytest.mark.django_db


def _my_learning(client, officer) -> str:
    client.force_login(officer)
    return client.get(reverse("my_learning")).content.decode()


def test_an_assignment_shows_on_my_learning_with_its_due_date_and_who_assigned_it(
    client, people, course_tree
):
    officer, coordinator = people["learner"], people["coordinator"]
    coordinator.full_name_latin = "Anong Coordinator"
    coordinator.save()
    due = timezone.localdate() + datetime.timedelta(days=30)
    client.force_login(coordinator)
    response = client.post(
        reverse("assignments:assign"),
        {
            "officer": [str(officer.uuid)],
            "course": course_tree.course.pk,
            "due_on": due.isoformat(),
        },
        follow=True,
    )
    assert "Assigned to 1 officer, who is enrolled." in response.content.decode()
    page = _my_learning(client, officer)
    assigned = page.split('id="assigned-heading"')[1].split("</table>")[0]
    assert course_tree.course.title in assigned
    assert "Anong Coordinator" in assigned
    assert due.strftime("%Y") in assigned and "Not started" in assigned
    assert "Overdue" not in assigned


def test_overdue_stands_out_in_words_after_the_due_date_and_completed_shows_done(
    client, people, course_tree
):
    officer = people["learner"]
    due = datetime.date(2026, 3, 10)
    assignment_create(
        actor=people["coordinator"], officer=officer, course=course_tree.course, due_on=due
    )
    # Before and after the date, as the selectors are handed "today".
    on_the_day = my_assignments(learner=officer, today=due)
    assert [row.status for row in on_the_day] == ["not_started"]
    day_after = my_assignments(learner=officer, today=due + datetime.timedelta(days=1))
    assert [row.status for row in day_after] == ["overdue"]
    # The page is today's: the due date lies in the past, so it says so in words.
    page = _my_learning(client, officer)
    assert '<strong class="status-overdue">Overdue</strong>' in page
    assert "was due on" in page  # the reminder at the top
    for lesson in course_tree.lessons:
        learning.lesson_open(learner=officer, lesson=lesson)
        learning.lesson_complete(learner=officer, lesson=lesson)
    rows = my_assignments(learner=officer, today=due + datetime.timedelta(days=1))
    assert [row.status for row in rows] == ["completed"]
    page = _my_learning(client, officer)
    assigned = page.split('id="assigned-heading"')[1].split("</table>")[0]
    assert "Completed" in assigned and "Overdue" not in assigned
    assert "was due on" not in page


def test_the_coordinators_list_filters_searches_changes_and_withdraws(login, people, course_tree):
    coordinator = people["coordinator"]
    today = timezone.localdate()
    for officer in (people["learner"], people["learner_kh"]):
        assignment_create(
            actor=coordinator,
            officer=officer,
            course=course_tree.course,
            due_on=today - datetime.timedelta(days=1) if officer == people["learner"] else None,
        )
    client = login(coordinator)
    page = client.get(reverse("assignments:list"), {"status": "overdue"}).content.decode()
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "Somchai Jaidee" in table or "สมชาย ใจดี" in table
    assert "Sokha Chan" not in table
    page = client.get(reverse("assignments:list"), {"q": "Sokha"}).content.decode()
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    assert "Sokha Chan" in table and "Somchai" not in table
    change = reverse(
        "assignments:change", args=[people["learner"].uuid, course_tree.course.translation_key]
    )
    later = today + datetime.timedelta(days=14)
    client.post(change, {"due_on": later.isoformat()})
    found = assignments_in_scope(viewer=coordinator, search="Somchai", today=today)
    rows = assignment_rows(found, today)
    assert [(r.due_on, r.status) for r in rows] == [(later, "not_started")]
    client.post(change, {"action": "withdraw"})
    assert not assignments_in_scope(viewer=coordinator, search="Somchai", today=today).exists()
    assert "Assigned to you" not in _my_learning(client, people["learner"])
    # An outsider's assignment cannot be changed through a forged address.
    outsider = reverse(
        "assignments:change", args=[people["learner_la"].uuid, course_tree.course.translation_key]
    )
    client.force_login(coordinator)
    assert client.post(outsider, {"action": "withdraw"}).status_code == 404


def test_assigning_changing_and_withdrawing_are_in_the_audit_trail_with_before_and_after(
    login, people, course_tree
):
    coordinator, officer = people["coordinator"], people["learner"]
    today = timezone.localdate()
    assignment_create(actor=coordinator, officer=officer, course=course_tree.course, due_on=today)
    client = login(coordinator)
    change = reverse("assignments:change", args=[officer.uuid, course_tree.course.translation_key])
    later = today + datetime.timedelta(days=14)
    client.post(change, {"due_on": later.isoformat()})
    client.post(change, {"action": "withdraw"})
    trail = AuditEntry.objects.filter(action__startswith="assignment.").order_by("chain_index")
    assert [(e.action, e.actor, e.officer, e.before, e.after) for e in trail] == [
        (
            "assignment.assigned",
            coordinator,
            officer,
            None,
            {"due_on": today.isoformat(), "cohort": None},
        ),
        (
            "assignment.due_changed",
            coordinator,
            officer,
            {"due_on": today.isoformat(), "cohort": None},
            {"due_on": later.isoformat(), "cohort": None},
        ),
        (
            "assignment.withdrawn",
            coordinator,
            officer,
            {"due_on": later.isoformat(), "cohort": None},
            None,
        ),
    ]
    # The trail is intact: audit_verify finds every entry in its place.
    assert [status.ok for status in trails_verify()] == [True]


def test_the_lists_downloads_hold_every_row_the_page_shows_for_the_same_filters(
    login, people, course_tree
):
    coordinator = people["coordinator"]
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    for officer in (people["learner"], people["learner_kh"]):
        assignment_create(
            actor=coordinator, officer=officer, course=course_tree.course, due_on=yesterday
        )
    people["learner_kh"].full_name_latin = '=HYPERLINK("http://x")'
    people["learner_kh"].save()
    client = login(coordinator)
    for filters in ({}, {"status": "overdue", "q": "Somchai"}):
        page = page_tables(client.get(reverse("assignments:list"), filters))
        shown = [row[:2] + [row[4]] for row in page["assignments"][1:]]
        for extension, read in (("csv", csv_rows), ("xlsx", xlsx_rows)):
            response = client.get(
                reverse("coordination:assignments_export", args=[extension]), filters
            )
            rows = read(response)
            assert rows[0][:2] == ["Course", "Officer"]
            assert len(rows) - 1 == len(shown)
            for got, seen in zip(rows[1:], shown, strict=True):
                assert got[0] == seen[0] and got[6] == seen[2]  # course and status
                assert seen[1].startswith(str(got[1]).lstrip("'"))  # the officer's name
                assert (got[2] or "") in seen[1]  # service number
            assert not any(str(cell).startswith("=") for row in rows for cell in row if cell)
    assert len(shown) == 1
