"""The assignments' derived table (ADR 0044) holds what the records fold to: kept up to date as
records are written here and imported by sync, it equals the table rebuilt from the records;
the coordinator's list reads it a page at a time, in the coordinator's scope, saying how many
match, with as many queries for 60 assignments as for 3."""

from __future__ import annotations

import datetime
import itertools
import uuid

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from assignments.derived import assignment_state_rebuild
from assignments.models import AssignmentState
from assignments.rules import Status, status_on
from assignments.selectors import STATUS_FILTERS, assignment_rows, status_is
from assignments.services import (
    assignment_create,
    assignment_due_change,
    assignment_withdraw,
    cohort_assign,
    cohort_create,
    cohort_member_add,
)
from learning import services as learning
from officers.services import officer_create
from recordsync.services import packet_export, packet_import
from tests.conftest import build_course
from tests.learning.test_page_queries import _count
from tests.recordsync.conftest import forget_records

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 5, 1)


def _table() -> list[tuple]:
    return sorted(
        AssignmentState.objects.values_list(
            "officer_id",
            "course_key",
            "cohort",
            "assigned_by_id",
            "assigned_at",
            "due_on",
            "progress",
            "withdrawn",
        ),
        key=str,
    )


def _shown(officer, today=DUE) -> dict[str, str]:
    """What the officer's rows say: course title -> status on ``today``."""
    held = AssignmentState.objects.filter(officer=officer, withdrawn=False)
    return {
        row.course_title: row.status
        for row in assignment_rows(held.select_related("officer", "assigned_by"), today)
    }


def test_the_table_kept_as_records_come_equals_the_table_rebuilt_from_them(
    network, people, posts, tmp_path
):
    coordinator, th, kh = people["coordinator"], people["learner"], people["learner_kh"]
    first, second = build_course(code="TST-101", modules=1), build_course(code="TST-102")
    # At the hub: a cohort assigns the first course; the Thai officer is also assigned the
    # second alone, then its date changes.
    cohort = cohort_create(actor=coordinator, name="Border intake", post=posts["kh"])
    cohort_member_add(actor=coordinator, cohort=cohort.uuid, officer=kh)
    cohort_assign(actor=coordinator, cohort=cohort.uuid, course=first.course, due_on=DUE)
    assignment_create(actor=coordinator, officer=th, course=second.course, due_on=DUE)
    assignment_due_change(
        actor=coordinator,
        officer=th,
        course_key=second.course.translation_key,
        due_on=DUE + datetime.timedelta(days=7),
    )
    # At Poipet, the post assigns its officer the second course, and the officer completes
    # the first: records the hub learns by packet.
    network.be("poipet")
    assignment_create(actor=coordinator, officer=kh, course=second.course, due_on=None)
    for lesson in first.lessons:
        learning.lesson_open(learner=kh, lesson=lesson)
        learning.lesson_complete(learner=kh, lesson=lesson)
    assert _shown(kh) == {"Course TST-101": "completed", "Course TST-102": "not_started"}
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    forget_records(network.ids["poipet"])
    assignment_state_rebuild()  # the hub's own table: built from what the hub holds
    assert _shown(kh) == {"Course TST-101": "not_started"}

    network.be("hub")
    packet_import(source=packet)
    # Sync's derive step made the imported records' rows.
    assert _shown(kh) == {"Course TST-101": "completed", "Course TST-102": "not_started"}
    # More at the hub: the Thai officer starts; the Poipet officer's second course withdrawn.
    learning.lesson_open(learner=th, lesson=second.lessons[0])
    assignment_withdraw(actor=coordinator, officer=kh, course_key=second.course.translation_key)
    assert _shown(th) == {"Course TST-102": "in_progress"}
    assert _shown(th, today=DUE + datetime.timedelta(days=8)) == {"Course TST-102": "overdue"}
    assert _shown(kh) == {"Course TST-101": "completed"}

    kept = _table()
    assert len(kept) == 3  # the withdrawn assignment keeps its row, marked withdrawn
    call_command("assignment_state_rebuild", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert _table() == kept


def test_the_status_query_says_what_the_rule_says_for_every_progress_and_date(people):
    today = datetime.date(2026, 6, 2)
    dates = [None, today - datetime.timedelta(days=1), today, today + datetime.timedelta(days=1)]
    progresses = [Status.NOT_STARTED, Status.IN_PROGRESS, Status.COMPLETED]
    for progress, due_on in itertools.product(progresses, dates):
        AssignmentState.objects.create(
            officer=people["learner"], course_key=uuid.uuid4(), due_on=due_on, progress=progress
        )
    rows = list(AssignmentState.objects.all())
    for state in STATUS_FILTERS:
        by_rule = {
            r.pk
            for r in rows
            if status_on(progress=Status(r.progress), due_on=r.due_on, today=today) == state
        }
        by_query = set(
            AssignmentState.objects.filter(status_is(state, today)).values_list("pk", flat=True)
        )
        assert by_query == by_rule, state


def _officers(n: int, post, prefix: str) -> list:
    return [
        officer_create(
            username=f"{prefix}-{i}",
            password="x",
            post=post,
            full_name_latin=f"{prefix.title()} Officer {i:03d}",
        )
        for i in range(n)
    ]


def test_the_list_pages_through_the_coordinators_scope_and_says_how_many_match(
    login, people, posts
):
    tree = build_course(code="TST-101", modules=1)
    admin = people["admin"]
    today = timezone.localdate()
    for officer in _officers(55, posts["th"], "thai"):
        assignment_create(actor=admin, officer=officer, course=tree.course, due_on=today)
    for officer in _officers(3, posts["la"], "lao"):  # outside the coordinator's scope
        assignment_create(actor=admin, officer=officer, course=tree.course, due_on=today)
    client = login(people["coordinator"])
    url = reverse("assignments:list")
    first = client.get(url).content.decode()
    second = client.get(url, {"page": 2}).content.decode()
    assert "Showing 1\N{EN DASH}50 of 55" in first and "Showing 51\N{EN DASH}55 of 55" in second
    shown = [
        page.split("<tbody>")[1].split("</tbody>")[0].count("Thai Officer")
        for page in (first, second)
    ]
    assert shown == [50, 5]
    assert "Lao Officer" not in first + second
    searched = client.get(url, {"q": "Officer 05"}).content.decode()
    assert "Showing 1\N{EN DASH}6 of 6" in searched  # 050 to 054, and 005
    # Filtered by post and course; a post outside the scope is no filter and shows no outsider.
    assert "of 55" in client.get(url, {"post": posts["th"].pk}).content.decode()
    assert "No assignment matches." in client.get(url, {"post": posts["kh"].pk}).content.decode()
    outside = client.get(url, {"post": posts["la"].pk}).content.decode()
    assert "of 55" in outside and "Lao Officer" not in outside
    other = build_course(code="TST-102", modules=1)
    assert "No assignment matches." in client.get(url, {"course": other.course.pk}).content.decode()
    assert "of 55" in client.get(url, {"course": tree.course.pk}).content.decode()
    # An administrator sees all 58.
    everyone = login(admin).get(url).content.decode()
    assert "Showing 1\N{EN DASH}50 of 58" in everyone


def test_the_list_reads_as_much_for_60_assignments_as_for_3(login, people, posts):
    tree = build_course(code="TST-101", modules=1)
    admin, coordinator = people["admin"], people["coordinator"]
    today = timezone.localdate()
    cohort = cohort_create(actor=admin, name="Aranyaprathet intake", post=posts["th"])
    counts = []
    for officers in (_officers(3, posts["th"], "few"), _officers(57, posts["th"], "many")):
        for officer in officers:
            cohort_member_add(actor=admin, cohort=cohort.uuid, officer=officer)
        cohort_assign(actor=admin, cohort=cohort.uuid, course=tree.course, due_on=today)
        client = login(coordinator)
        counts.append(_count(client, reverse("assignments:list"), cold=False))
        counts.append(
            _count(
                client, reverse("assignments:list") + "?status=not_started&q=Officer", cold=False
            )
        )
    assert counts[:2] == counts[2:], counts
