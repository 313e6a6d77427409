"""Reads of learner records and the progress derived from them."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import QuerySet

from courses.models import CoursePage
from courses.selectors import course_by_key
from modules.selectors import CourseOutline, course_outline, lesson_for_key
from officers.models import User
from quizzes.selectors import passed_quiz_keys, passed_quiz_keys_by_learner

from .models import LearnerRecord, RecordKind
from .rules import OutlineModule, Progress, RecordFact, Status, progress, resume_lesson

FACT_FIELDS = ("kind", "recorded_at", "origin_node", "origin_seq", "lesson_key")


def outline_modules(outline: CourseOutline) -> list[OutlineModule]:
    return [
        OutlineModule(
            key=m.key,
            lesson_keys=tuple(lesson.key for lesson in m.lessons),
            quiz_key=m.quiz_key,
            required=m.required,
        )
        for m in outline.modules
    ]


def _facts(rows: Iterable[dict]) -> list[RecordFact]:
    return [RecordFact(**{f: row[f] for f in FACT_FIELDS}) for row in rows]


def enrolment_for(*, learner: User, course_key: uuid.UUID) -> LearnerRecord | None:
    return (
        LearnerRecord.objects.filter(
            learner=learner, course_key=course_key, kind=RecordKind.ENROLLED
        )
        .order_by("recorded_at", "origin_seq")
        .first()
    )


def last_record(*, learner: User, course_key: uuid.UUID) -> LearnerRecord | None:
    return (
        LearnerRecord.objects.filter(learner=learner, course_key=course_key)
        .order_by("-recorded_at", "-origin_seq")
        .first()
    )


def lesson_was_opened(*, learner: User, lesson_key: uuid.UUID) -> bool:
    return LearnerRecord.objects.filter(
        learner=learner, lesson_key=lesson_key, kind=RecordKind.LESSON_OPENED
    ).exists()


def progress_for(*, learner: User, outline: CourseOutline) -> Progress:
    rows = LearnerRecord.objects.filter(learner=learner, course_key=outline.key).values(
        *FACT_FIELDS
    )
    facts = _facts(rows)
    enrolled = any(f.kind == RecordKind.ENROLLED for f in facts)
    passed = (
        passed_quiz_keys(learner=learner, quizzes=outline.quizzes)
        if outline.quizzes
        else frozenset()
    )
    return progress(
        modules=outline_modules(outline), records=facts, enrolled=enrolled, passed_quizzes=passed
    )


@dataclass(frozen=True)
class CourseProgressRow:
    course: CoursePage
    progress: Progress
    resume_url: str | None


def my_learning(*, learner: User) -> list[CourseProgressRow]:
    """Each course ``learner`` is enrolled in, in the active language, with progress and the
    lesson "continue" leads to. Most recently active first."""
    course_keys = list(
        LearnerRecord.objects.filter(learner=learner, kind=RecordKind.ENROLLED)
        .values_list("course_key", flat=True)
        .distinct()
    )
    rows = []
    for key in course_keys:
        course = course_by_key(key)
        if course is None:
            continue
        outline = course_outline(course=course)
        state = progress_for(learner=learner, outline=outline)
        target = resume_lesson(modules=outline_modules(outline), state=state)
        lesson = lesson_for_key(key=target) if target else None
        rows.append(
            CourseProgressRow(
                course=course, progress=state, resume_url=lesson.url if lesson else None
            )
        )
    rows.sort(
        key=lambda r: r.progress.last_activity.timestamp() if r.progress.last_activity else 0,
        reverse=True,
    )
    return rows


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
    by_learner: dict[int, list[dict]] = defaultdict(list)
    for row in LearnerRecord.objects.filter(
        course_key=outline.key, learner__in=[o.pk for o in officer_list]
    ).values("learner_id", *FACT_FIELDS):
        by_learner[row["learner_id"]].append(row)
    passed = passed_quiz_keys_by_learner(
        learner_ids=[o.pk for o in officer_list], quizzes=outline.quizzes
    )
    result = []
    for officer in officer_list:
        facts = _facts(by_learner.get(officer.pk, []))
        enrolled = any(f.kind == RecordKind.ENROLLED for f in facts)
        result.append(
            OfficerProgressRow(
                officer=officer,
                progress=progress(
                    modules=modules,
                    records=facts,
                    enrolled=enrolled,
                    passed_quizzes=passed.get(officer.pk, frozenset()),
                ),
            )
        )
    return result


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


def is_enrolled(*, learner: User, course: CoursePage) -> bool:
    return enrolment_for(learner=learner, course_key=course.translation_key) is not None
