"""Reads for coordinators: who in their scope has done what.

This is the home of coordinator reports: the progress table by course and post today, and the
dashboards, exports and cohorts to come (see "Where reports live" in docs/architecture.md). Learner
records are read through ``learning``'s selectors and scope through ``officers``'; this module
assembles them into what a coordinator reads. The trainers' question statistics stay in
``quizzes.reports`` (about questions, for authors, in the Wagtail admin)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from django.db.models import QuerySet

from courses.models import CoursePage
from learning.rules import Progress, Status
from learning.selectors import outline_modules, progress_from_facts, record_facts_by_learner
from modules.selectors import course_outline
from officers.models import BorderPost, User
from officers.selectors import officers_visible_to
from quizzes.selectors import passed_quiz_keys_by_learner


def officers_in_scope(*, viewer: User, post: BorderPost | None = None) -> QuerySet[User]:
    """The officers ``viewer`` may follow, at ``post`` only when one is given."""
    officers = officers_visible_to(viewer=viewer)
    return officers.filter(post=post) if post is not None else officers


def officer_in_scope(*, viewer: User, officer_uuid: uuid.UUID) -> User | None:
    """The officer ``officer_uuid`` if ``viewer`` may follow them, else None (out of scope and
    unknown look the same)."""
    return officers_visible_to(viewer=viewer).filter(uuid=officer_uuid).first()


@dataclass(frozen=True)
class OfficerProgressRow:
    officer: User
    progress: Progress


def progress_table(*, officers: QuerySet[User], course: CoursePage) -> list[OfficerProgressRow]:
    """Progress in ``course`` for each of ``officers`` (already scoped by the caller).

    Two queries for the course outline and one for all records, whatever the number of officers.
    """
    outline = course_outline(course=course)
    modules = outline_modules(outline)
    officer_list = list(officers.order_by("post__name", "full_name_latin", "username"))
    learner_ids = [o.pk for o in officer_list]
    facts = record_facts_by_learner(learner_ids=learner_ids, course_key=outline.key)
    passed = passed_quiz_keys_by_learner(learner_ids=learner_ids, quizzes=outline.quizzes)
    return [
        OfficerProgressRow(
            officer=officer,
            progress=progress_from_facts(
                modules=modules,
                facts=facts.get(officer.pk, []),
                passed=passed.get(officer.pk, frozenset()),
            ),
        )
        for officer in officer_list
    ]


@dataclass(frozen=True)
class TableSummary:
    officers: int
    enrolled: int
    in_progress: int
    completed: int


def progress_summary(rows: list[OfficerProgressRow]) -> TableSummary:
    statuses = [row.progress.status for row in rows]
    return TableSummary(
        officers=len(rows),
        enrolled=sum(status != Status.NOT_ENROLLED for status in statuses),
        in_progress=statuses.count(Status.IN_PROGRESS),
        completed=statuses.count(Status.COMPLETED),
    )
