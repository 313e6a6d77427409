"""Writes of cohorts and assignments: each a record (``CohortRecord``, ``AssignmentRecord``) with
this node's next sequence number, in the transaction of what it causes (enrolments), and the
e-mailed reminders.

Every service takes the ``actor`` (the coordinator or administrator doing it) and checks their
scope itself: an officer outside it, or a cohort outside it, is PermissionDenied whatever a
form sent. Repeating an action (a double click, the same spreadsheet twice) writes nothing new.
"""

from __future__ import annotations

import datetime
import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from audittrail.services import audit_record
from courses.models import CoursePage
from courses.selectors import course_by_key
from elearning.localdates import format_local_date
from learning.services import enrolment_create
from officers.models import BorderPost, User
from officers.selectors import officer_is_in_scope

from . import derived, selectors
from .models import AssignmentRecord, CohortRecord, ReminderSent
from .rules import Assignment, AssignmentKind, CohortKind, CohortState


def _in_scope(actor: User, officer: User) -> None:
    if not officer_is_in_scope(viewer=actor, officer=officer):
        raise PermissionDenied


def _cohort_in_scope(actor: User, cohort: uuid.UUID) -> CohortState:
    state = selectors.cohort_visible(viewer=actor, cohort=cohort)
    if state is None:
        raise PermissionDenied
    return state


def _cohort_record(
    state: CohortState, *, kind: str, actor: User | None, **fields: object
) -> CohortRecord:
    """A cohort record, and its entry in the audit trail (``cohort.<kind>``)."""
    name = fields.pop("name", state.name)
    record = CohortRecord.stamped(
        recorded_at=timezone.now(),
        kind=kind,
        cohort=state.uuid,
        name=name,
        country=state.country,
        post_code=state.post_code,
        actor=actor,
        **fields,
    )
    audit_record(
        actor=actor,
        action=f"cohort.{kind}",
        officer=fields.get("officer"),
        subject=f"cohort:{state.uuid}",
        before={"name": state.name} if name != state.name else None,
        after={
            "name": name,
            "country": state.country,
            "post": state.post_code,
            **{key: fields[key] for key in ("course_key", "due_on") if key in fields},
        },
    )
    return record


def cohort_create(
    *, actor: User, name: str, post: BorderPost | None = None, country: str = ""
) -> CohortState:
    """A new cohort called ``name`` belonging to ``post`` (or to ``country``, or, for an
    administrator, to no place). A coordinator's must belong to a post or country in their
    scope."""
    name = " ".join(name.split())
    if not name:
        raise ValueError("a cohort needs a name")
    if post is not None:
        country = post.country
    state = CohortState(
        uuid=uuid.uuid4(), name=name, country=country, post_code=post.code if post else ""
    )
    if not actor.is_administrator and not selectors.cohort_in_scope(viewer=actor, state=state):
        raise PermissionDenied
    with transaction.atomic():
        _cohort_record(state, kind=CohortKind.CREATED, actor=actor)
    return state


def cohort_rename(*, actor: User, cohort: uuid.UUID, name: str) -> CohortState:
    name = " ".join(name.split())
    if not name:
        raise ValueError("a cohort needs a name")
    with transaction.atomic():
        state = _cohort_in_scope(actor, cohort)
        if name != state.name:
            _cohort_record(state, kind=CohortKind.RENAMED, actor=actor, name=name)
            state.name = name
    return state


def cohort_member_add(*, actor: User, cohort: uuid.UUID, officer: User) -> bool:
    """Add ``officer`` (in ``actor``'s scope) to the cohort; they are assigned, and enrolled in,
    every course the cohort has. False when they were a member already."""
    _in_scope(actor, officer)
    with transaction.atomic():
        state = _cohort_in_scope(actor, cohort)
        if officer.pk in state.members:
            return False
        _cohort_record(state, kind=CohortKind.MEMBER_ADDED, actor=actor, officer=officer)
        for course_key, due_on in state.courses.items():
            course = course_by_key(course_key)
            if course is not None:
                assignment_create(
                    actor=actor, officer=officer, course=course, due_on=due_on, cohort=cohort
                )
    return True


def cohort_member_remove(*, actor: User, cohort: uuid.UUID, officer: User) -> bool:
    """Take ``officer`` out of the cohort. What they were assigned stays (withdraw it apart):
    a member leaving a group has not undone their training. False when not a member."""
    _in_scope(actor, officer)
    with transaction.atomic():
        state = _cohort_in_scope(actor, cohort)
        if officer.pk not in state.members:
            return False
        _cohort_record(state, kind=CohortKind.MEMBER_REMOVED, actor=actor, officer=officer)
    return True


def cohort_assign(
    *, actor: User, cohort: uuid.UUID, course: CoursePage, due_on: datetime.date | None
) -> int:
    """Assign ``course`` (due ``due_on``, or not dated) to the cohort: every member is assigned
    and enrolled now (those enrolled already stay enrolled once), and a member added later is
    too. How many members it reached."""
    if not course.live:
        raise PermissionDenied
    with transaction.atomic():
        state = _cohort_in_scope(actor, cohort)
        key = course.translation_key
        if state.courses.get(key, "absent") != due_on:
            _cohort_record(
                state, kind=CohortKind.COURSE_ASSIGNED, actor=actor, course_key=key, due_on=due_on
            )
        members = selectors.cohort_members(viewer=actor, state=state)
        for officer in members:
            assignment_create(
                actor=actor, officer=officer, course=course, due_on=due_on, cohort=cohort
            )
        return len(members)


def cohort_course_withdraw(*, actor: User, cohort: uuid.UUID, course_key: uuid.UUID) -> int:
    """Withdraw the course from the cohort: members who join later no longer get it, and the
    members' assignments of it that came through this cohort are withdrawn (enrolments stay).
    How many members' assignments were withdrawn."""
    with transaction.atomic():
        state = _cohort_in_scope(actor, cohort)
        if course_key not in state.courses:
            return 0
        _cohort_record(state, kind=CohortKind.COURSE_WITHDRAWN, actor=actor, course_key=course_key)
        members = selectors.cohort_members(viewer=actor, state=state)
        held = selectors.assignments_of(officers=members, course_key=course_key)
        withdrawn = 0
        for officer in members:
            assignment = held.get((officer.pk, course_key))
            if assignment is not None and assignment.cohort == cohort:
                _assignment_record(
                    actor,
                    officer,
                    course_key,
                    AssignmentKind.WITHDRAWN,
                    None,
                    cohort,
                    held=assignment,
                )
                withdrawn += 1
        return withdrawn


def assignment_create(
    *,
    actor: User,
    officer: User,
    course: CoursePage,
    due_on: datetime.date | None,
    cohort: uuid.UUID | None = None,
) -> AssignmentRecord | None:
    """Assign ``course`` to ``officer`` (in ``actor``'s scope), due ``due_on``, and enrol them
    (``learning.services.enrolment_create``). Assigned already: only a different due date is
    recorded (a change); None when nothing changed."""
    _in_scope(actor, officer)
    key = course.translation_key
    with transaction.atomic():
        enrolment_create(learner=officer, course=course, actor=actor)
        held = selectors.assignments_of(officers=[officer.pk], course_key=key).get(
            (officer.pk, key)
        )
        if held is not None and held.due_on == due_on:
            return None
        kind = AssignmentKind.ASSIGNED if held is None else AssignmentKind.DUE_CHANGED
        return _assignment_record(actor, officer, key, kind, due_on, cohort, held=held)


def _assignment_record(
    actor: User,
    officer: User,
    key: uuid.UUID,
    kind: str,
    due_on: datetime.date | None,
    cohort: uuid.UUID | None = None,
    *,
    held: Assignment | None = None,
) -> AssignmentRecord:
    """An assignment record, its officer's row of the derived table made again
    (``derived``), and its entry in the audit trail (``assignment.<kind>``; before: the
    assignment ``held`` until now, if any)."""
    record = AssignmentRecord.stamped(
        recorded_at=timezone.now(),
        kind=kind,
        officer=officer,
        course_key=key,
        due_on=due_on,
        cohort=cohort,
        actor=actor,
    )
    derived.assignment_state_refresh(pairs=[(officer.pk, key)])
    audit_record(
        actor=actor,
        action=f"assignment.{kind}",
        officer=officer,
        subject=f"course:{key}",
        before={"due_on": held.due_on, "cohort": held.cohort} if held is not None else None,
        after=None if kind == AssignmentKind.WITHDRAWN else {"due_on": due_on, "cohort": cohort},
    )
    return record


def assignment_due_change(
    *, actor: User, officer: User, course_key: uuid.UUID, due_on: datetime.date | None
) -> bool:
    """Change the due date of ``officer``'s assignment of the course; False when it is not
    assigned or already due then."""
    _in_scope(actor, officer)
    with transaction.atomic():
        held = selectors.assignments_of(officers=[officer.pk], course_key=course_key).get(
            (officer.pk, course_key)
        )
        if held is None or held.due_on == due_on:
            return False
        _assignment_record(
            actor, officer, course_key, AssignmentKind.DUE_CHANGED, due_on, held=held
        )
    return True


def assignment_withdraw(*, actor: User, officer: User, course_key: uuid.UUID) -> bool:
    """Withdraw ``officer``'s assignment of the course. The enrolment stays (learner records are
    facts): the course leaves their assignments, not their learning. False when not assigned."""
    _in_scope(actor, officer)
    with transaction.atomic():
        held = selectors.assignments_of(officers=[officer.pk], course_key=course_key).get(
            (officer.pk, course_key)
        )
        if held is None:
            return False
        _assignment_record(actor, officer, course_key, AssignmentKind.WITHDRAWN, None, held=held)
    return True


def _subject(notice: str) -> str:
    texts = {
        "due_soon": _("Reminder: %(title)s is due on %(date)s"),
        "overdue": _("Overdue: %(title)s was due on %(date)s"),
        "recertification_due": _(
            "Recertification due: %(title)s, certificate valid until %(date)s"
        ),
        "expired": _("Certificate expired: %(title)s, valid until %(date)s"),
    }
    return texts[notice]


def reminders_send(*, today: datetime.date, site_url: str) -> int:
    """E-mail each officer with an address their reminders on ``today``
    (``selectors.reminders_for``), in their language, each (subject, threshold, date) once:
    what this node sent is kept (``ReminderSent``), so a second run sends nothing again. A
    node without a mail server (``EMAIL_HOST`` empty: a border post) sends nothing. How many
    e-mails were sent."""
    if not settings.EMAIL_HOST:
        return 0
    sent = 0
    for officer in selectors.officers_with_email():
        language = officer.preferred_language or settings.LANGUAGE_CODE
        with translation.override(language):
            for reminder in selectors.reminders_for(learner=officer, today=today):
                sent += _reminder_send(officer, reminder, language, site_url)
    return sent


def _reminder_send(
    officer: User, reminder: selectors.Reminder, language: str, site_url: str
) -> int:
    try:
        with transaction.atomic():
            ReminderSent.objects.create(
                officer=officer,
                subject=reminder.subject,
                notice=reminder.notice,
                due_on=reminder.due_on,
                sent_at=timezone.now(),
            )
            names = {
                "title": reminder.title,
                "date": format_local_date(reminder.due_on, language),
            }
            subject = _subject(reminder.notice) % names
            body = "\n\n".join(
                [
                    subject,
                    _("Open My learning to see what is assigned to you: %(url)s")
                    % {"url": site_url.rstrip("/") + reverse("my_learning")},
                ]
            )
            send_mail(subject, body, None, [officer.email])
    except IntegrityError:
        return 0  # sent before
    return 1
