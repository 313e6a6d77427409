"""Cohorts and assignments as the records say they are now, and what is due: pure rules, no ORM,
no clock (``today`` is always handed in), so the hub and every post fold the same records into
the same state.

- A cohort's state is the fold of its records in the order they were made (``recorded_at``,
  then origin and sequence number, the same on every node): the newest name and home, the
  members added and not removed since, and the courses assigned to it and not withdrawn.
- An officer's assignment of a course is the fold of the assignment records of that officer and
  course: assigned (with a due date or none), its due date changed, withdrawn. Assigned again
  after a withdrawal, it is current again.
- Authority: the hub speaks for anyone; a border post only for its own officers (their post
  is the post's) and its own cohorts (the cohort's home post is the post's).
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from enum import StrEnum
from uuid import UUID


class CohortKind(StrEnum):
    CREATED = "created"
    RENAMED = "renamed"
    MEMBER_ADDED = "member_added"
    MEMBER_REMOVED = "member_removed"
    COURSE_ASSIGNED = "course_assigned"
    COURSE_WITHDRAWN = "course_withdrawn"


class AssignmentKind(StrEnum):
    ASSIGNED = "assigned"
    DUE_CHANGED = "due_changed"
    WITHDRAWN = "withdrawn"


class Status(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"
    OVERDUE = "overdue"


class Notice(StrEnum):
    """What a reminder is about: the thresholds ``send_reminders`` sends each once."""

    DUE_SOON = "due_soon"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class CohortEvent:
    kind: str
    cohort: UUID
    name: str
    country: str
    post_code: str
    officer: int | None = None
    course_key: UUID | None = None
    due_on: datetime.date | None = None
    order: tuple = ()  # (recorded_at, origin hex, seq): how every node orders them


@dataclass
class CohortState:
    uuid: UUID
    name: str = ""
    country: str = ""
    post_code: str = ""
    members: set[int] = field(default_factory=set)
    courses: dict[UUID, datetime.date | None] = field(default_factory=dict)


def cohorts_fold(events: Iterable[CohortEvent]) -> dict[UUID, CohortState]:
    """Every cohort the events speak of, as they say it is now."""
    states: dict[UUID, CohortState] = {}
    for event in sorted(events, key=lambda e: e.order):
        state = states.setdefault(event.cohort, CohortState(uuid=event.cohort))
        if event.kind in (CohortKind.CREATED, CohortKind.RENAMED) or not state.name:
            state.name, state.country, state.post_code = (
                event.name,
                event.country,
                event.post_code,
            )
        if event.kind == CohortKind.MEMBER_ADDED and event.officer is not None:
            state.members.add(event.officer)
        elif event.kind == CohortKind.MEMBER_REMOVED and event.officer is not None:
            state.members.discard(event.officer)
        elif event.kind == CohortKind.COURSE_ASSIGNED and event.course_key is not None:
            state.courses[event.course_key] = event.due_on
        elif event.kind == CohortKind.COURSE_WITHDRAWN and event.course_key is not None:
            state.courses.pop(event.course_key, None)
    return states


@dataclass(frozen=True)
class AssignmentEvent:
    kind: str
    officer: int
    course_key: UUID
    due_on: datetime.date | None = None
    cohort: UUID | None = None
    actor: int | None = None
    order: tuple = ()
    at: datetime.datetime | None = None  # when it was recorded


@dataclass(frozen=True)
class Assignment:
    """An assignment in force: who assigned it, when it is due, through which cohort, and
    when it was assigned (the record that assigned it last)."""

    officer: int
    course_key: UUID
    due_on: datetime.date | None
    assigned_by: int | None
    cohort: UUID | None
    assigned_at: datetime.datetime | None = None


def assignments_fold(
    events: Iterable[AssignmentEvent],
) -> dict[tuple[int, UUID], Assignment]:
    """The assignments in force, by (officer, course key)."""
    current: dict[tuple[int, UUID], Assignment] = {}
    for event in sorted(events, key=lambda e: e.order):
        key = (event.officer, event.course_key)
        if event.kind == AssignmentKind.ASSIGNED:
            current[key] = Assignment(
                event.officer, event.course_key, event.due_on, event.actor, event.cohort, event.at
            )
        elif event.kind == AssignmentKind.DUE_CHANGED and key in current:
            held = current[key]
            current[key] = Assignment(
                held.officer,
                held.course_key,
                event.due_on,
                held.assigned_by,
                held.cohort,
                held.assigned_at,
            )
        elif event.kind == AssignmentKind.WITHDRAWN:
            current.pop(key, None)
    return current


def progress(*, completed: bool, started: bool) -> Status:
    """What an assigned officer has done of the course, whatever the date: completed, in
    progress or not started (the part of ``status`` a derived table can keep)."""
    if completed:
        return Status.COMPLETED
    return Status.IN_PROGRESS if started else Status.NOT_STARTED


def status(
    *, due_on: datetime.date | None, completed: bool, started: bool, today: datetime.date
) -> Status:
    """An assignment's status: completed whenever the course is, overdue after its due date,
    else in progress or not started."""
    return status_on(
        progress=progress(completed=completed, started=started), due_on=due_on, today=today
    )


def status_on(*, progress: Status, due_on: datetime.date | None, today: datetime.date) -> Status:
    """The status on ``today`` of an assignment whose officer's ``progress`` is known: overdue
    when not completed and past its due date, else the progress."""
    if progress != Status.COMPLETED and due_on is not None and due_on < today:
        return Status.OVERDUE
    return progress


def due_notice(
    *, due_on: datetime.date | None, completed: bool, today: datetime.date, notice_days: int
) -> Notice | None:
    """Whether an assignment needs a reminder today: overdue after its due date, due soon
    within ``notice_days`` of it; never once completed or without a due date."""
    if completed or due_on is None:
        return None
    if due_on < today:
        return Notice.OVERDUE
    if due_on <= today + datetime.timedelta(days=notice_days):
        return Notice.DUE_SOON
    return None


class Refusal(StrEnum):
    NOT_HOME_OFFICER = "not_home_officer"
    NOT_HOME_COHORT = "not_home_cohort"


def refusal(
    *,
    maker: UUID,
    hub: UUID | None,
    maker_post: str,
    officer_post: str | None,
    cohort_post: str | None,
) -> Refusal | None:
    """Whether a record made by ``maker`` may stand: the hub's always; a post's only about its
    own officers (``officer_post``: the officer's post code, None when the record names no
    officer) and its own cohorts (``cohort_post``: the cohort's home post code, None when the
    record is no cohort's)."""
    if hub is not None and maker == hub:
        return None
    if officer_post is not None and (not maker_post or officer_post != maker_post):
        return Refusal.NOT_HOME_OFFICER
    if cohort_post is not None and (not maker_post or cohort_post != maker_post):
        return Refusal.NOT_HOME_COHORT
    return None
