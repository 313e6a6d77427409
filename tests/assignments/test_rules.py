"""The pure rules an officer and a coordinator meet through the pages: what a cohort is after
its records, an assignment's status around its due date, when a reminder is due, and who may
speak for whom. ``today`` is handed in: no clock."""

from __future__ import annotations

import datetime
import uuid

from assignments.rules import (
    AssignmentEvent,
    AssignmentKind,
    CohortEvent,
    CohortKind,
    Notice,
    Refusal,
    Status,
    assignments_fold,
    cohorts_fold,
    due_notice,
    refusal,
    status,
)
from certificates.dates import recertification

DAY = datetime.date(2026, 3, 10)
COHORT = uuid.uuid4()
COURSE = uuid.uuid4()


def cohort_event(n: int, kind: str, **fields) -> CohortEvent:
    defaults = {"name": "Intake", "country": "TH", "post_code": "th-a"}
    return CohortEvent(kind=kind, cohort=COHORT, order=(n,), **(defaults | fields))


def test_a_cohort_is_its_records_in_the_order_they_were_made():
    events = [
        cohort_event(4, CohortKind.MEMBER_REMOVED, officer=1),
        cohort_event(1, CohortKind.CREATED),
        cohort_event(2, CohortKind.MEMBER_ADDED, officer=1),
        cohort_event(3, CohortKind.MEMBER_ADDED, officer=2),
        cohort_event(5, CohortKind.RENAMED, name="Intake 2026-03"),
        cohort_event(6, CohortKind.COURSE_ASSIGNED, course_key=COURSE, due_on=DAY),
    ]
    state = cohorts_fold(events)[COHORT]
    assert state.name == "Intake 2026-03"
    assert state.members == {2}
    assert state.courses == {COURSE: DAY}
    withdrawn = cohorts_fold(
        [*events, cohort_event(7, CohortKind.COURSE_WITHDRAWN, course_key=COURSE)]
    )
    assert withdrawn[COHORT].courses == {}


def test_an_assignment_is_assigned_dated_and_withdrawn_in_order():
    def event(n, kind, due=None):
        return AssignmentEvent(
            kind=kind, officer=7, course_key=COURSE, due_on=due, actor=3, order=(n,)
        )

    held = assignments_fold(
        [
            event(1, AssignmentKind.ASSIGNED, DAY),
            event(2, AssignmentKind.DUE_CHANGED, DAY + datetime.timedelta(days=5)),
        ]
    )
    assert held[(7, COURSE)].due_on == datetime.date(2026, 3, 15)
    assert held[(7, COURSE)].assigned_by == 3
    gone = assignments_fold(
        [event(1, AssignmentKind.ASSIGNED, DAY), event(2, AssignmentKind.WITHDRAWN)]
    )
    assert gone == {}
    again = assignments_fold(
        [
            event(3, AssignmentKind.ASSIGNED),
            event(1, AssignmentKind.ASSIGNED, DAY),
            event(2, AssignmentKind.WITHDRAWN),
        ]
    )
    assert again[(7, COURSE)].due_on is None


def test_status_is_overdue_only_after_the_due_date_and_never_once_completed():
    before = DAY - datetime.timedelta(days=1)
    assert status(due_on=DAY, completed=False, started=False, today=DAY) == Status.NOT_STARTED
    assert status(due_on=DAY, completed=False, started=True, today=DAY) == Status.IN_PROGRESS
    assert status(due_on=before, completed=False, started=True, today=DAY) == Status.OVERDUE
    assert status(due_on=before, completed=True, started=True, today=DAY) == Status.COMPLETED
    assert status(due_on=None, completed=False, started=False, today=DAY) == Status.NOT_STARTED


def test_a_reminder_is_due_within_the_notice_days_and_after_the_date():
    soon = DAY + datetime.timedelta(days=7)
    assert due_notice(due_on=soon, completed=False, today=DAY, notice_days=7) == Notice.DUE_SOON
    assert due_notice(due_on=soon, completed=False, today=DAY, notice_days=6) is None
    late = DAY - datetime.timedelta(days=1)
    assert due_notice(due_on=late, completed=False, today=DAY, notice_days=7) == Notice.OVERDUE
    assert due_notice(due_on=late, completed=True, today=DAY, notice_days=7) is None
    assert due_notice(due_on=None, completed=False, today=DAY, notice_days=7) is None


def test_recertification_is_due_n_days_before_expiry_then_expired():
    until = DAY + datetime.timedelta(days=60)
    assert recertification(valid_until=until, today=DAY, notice_days=60) == "due"
    assert recertification(valid_until=until, today=DAY, notice_days=59) == ""
    assert (
        recertification(valid_until=DAY - datetime.timedelta(days=1), today=DAY, notice_days=60)
        == "expired"
    )
    assert recertification(valid_until=None, today=DAY, notice_days=60) == ""


def test_the_hub_speaks_for_anyone_a_post_only_for_its_own():
    hub, post = uuid.uuid4(), uuid.uuid4()
    anyone = {"officer_post": "la-v", "cohort_post": "la-v"}
    assert refusal(maker=hub, hub=hub, maker_post="", **anyone) is None
    assert (
        refusal(maker=post, hub=hub, maker_post="kh-p", officer_post="kh-p", cohort_post="kh-p")
        is None
    )
    assert (
        refusal(maker=post, hub=hub, maker_post="kh-p", officer_post="th-a", cohort_post=None)
        == Refusal.NOT_HOME_OFFICER
    )
    assert (
        refusal(maker=post, hub=hub, maker_post="kh-p", officer_post=None, cohort_post="th-a")
        == Refusal.NOT_HOME_COHORT
    )
    # A country's cohort (no post) is headquarters' to change, not a post's.
    assert (
        refusal(maker=post, hub=hub, maker_post="kh-p", officer_post=None, cohort_post="")
        == Refusal.NOT_HOME_COHORT
    )
