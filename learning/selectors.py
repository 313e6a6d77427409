"""Reads of learner records and the progress derived from them."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from courses.models import CoursePage
from courses.selectors import course_by_key
from modules.selectors import CourseOutline, course_outline, lesson_for_key
from officers.models import User
from quizzes.selectors import passed_quiz_keys

from .models import LearnerRecord, RecordKind
from .rules import OutlineModule, Progress, RecordFact, progress, resume_lesson

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


def record_facts_by_learner(
    *, learner_ids: list[int], course_key: uuid.UUID
) -> dict[int, list[RecordFact]]:
    """Each of ``learner_ids``' records in one course, as facts for the progress rules, in one
    query whatever the number of learners. A learner without records has no key."""
    by_learner: dict[int, list[dict]] = defaultdict(list)
    for row in LearnerRecord.objects.filter(course_key=course_key, learner__in=learner_ids).values(
        "learner_id", *FACT_FIELDS
    ):
        by_learner[row["learner_id"]].append(row)
    return {learner: _facts(rows) for learner, rows in by_learner.items()}


def progress_from_facts(
    *, modules: list[OutlineModule], facts: list[RecordFact], passed: frozenset[uuid.UUID]
) -> Progress:
    """One learner's progress in a course from their records and the quizzes they passed."""
    enrolled = any(f.kind == RecordKind.ENROLLED for f in facts)
    return progress(modules=modules, records=facts, enrolled=enrolled, passed_quizzes=passed)


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
    passed = (
        passed_quiz_keys(learner=learner, quizzes=outline.quizzes)
        if outline.quizzes
        else frozenset()
    )
    return progress_from_facts(modules=outline_modules(outline), facts=_facts(rows), passed=passed)


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


def is_enrolled(*, learner: User, course: CoursePage) -> bool:
    return enrolment_for(learner=learner, course_key=course.translation_key) is not None
