"""Reads of learner records and the progress derived from them."""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _
from wagtail.models import Locale, Page

from courses.models import CoursePage
from courses.selectors import course_for_page
from modules.models import LessonPage
from modules.selectors import CourseNav, CourseOutline, course_nav, course_of, course_outline
from officers.models import User
from quizzes.forms import responses_from_post
from quizzes.practice import check_answer, check_question, check_view
from quizzes.qtypes.base import Form
from quizzes.selectors import passed_quiz_keys

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


def record_fact(record: LearnerRecord) -> RecordFact:
    """A record just written, as a fact for the progress rules (no query)."""
    return RecordFact(**{f: getattr(record, f) for f in FACT_FIELDS})


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


def record_facts(*, learner: User, course_key: uuid.UUID) -> list[RecordFact]:
    """``learner``'s records in one course, as facts for the progress rules. One query."""
    return _facts(
        LearnerRecord.objects.filter(learner=learner, course_key=course_key).values(*FACT_FIELDS)
    )


def passed_in(*, learner: User, outline: CourseOutline) -> frozenset[uuid.UUID]:
    """The module quizzes of ``outline`` that ``learner`` passed: one query, none without
    quizzes."""
    if not outline.quizzes:
        return frozenset()
    return passed_quiz_keys(learner=learner, quizzes=outline.quizzes)


def progress_for(*, learner: User, outline: CourseOutline) -> Progress:
    return progress_from_facts(
        modules=outline_modules(outline),
        facts=record_facts(learner=learner, course_key=outline.key),
        passed=passed_in(learner=learner, outline=outline),
    )


def _last(facts: list[RecordFact]) -> RecordFact | None:
    """The learner's latest record, in ``last_record``'s order."""
    return max(facts, key=lambda f: (f.recorded_at, f.origin_seq), default=None)


@dataclass(frozen=True)
class CourseState:
    """What an officer's page shows of the course it belongs to, read once per request: the
    course, its outline and navigation in the reader's language (content, cached for every
    officer), and this officer's progress and where "continue" leads (never cached)."""

    course: CoursePage
    outline: CourseOutline
    nav: CourseNav
    facts: tuple[RecordFact, ...]
    progress: Progress
    resume_url: str | None

    @property
    def enrolled(self) -> bool:
        return self.progress.status != Status.NOT_ENROLLED

    @property
    def opened_lessons(self) -> frozenset[uuid.UUID]:
        return frozenset(
            f.lesson_key for f in self.facts if f.kind == RecordKind.LESSON_OPENED and f.lesson_key
        )

    @property
    def last_record(self) -> RecordFact | None:
        return _last(list(self.facts))


def course_state(*, learner: User, page: Page) -> CourseState | None:
    """The state of the course ``page`` belongs to (itself if it is one) for ``learner``, or
    None outside a course. The course, its outline and navigation come from the content cache
    (no query when warm; a few, the same whatever the size of the course, when cold); then one
    query for the records and one for the quizzes passed (none if the course has none)."""
    course = course_of(page=page)
    if course is None:
        return None
    outline = course_outline(course=course)
    nav = course_nav(course=course)
    facts = record_facts(learner=learner, course_key=outline.key)
    return _state(
        course=course,
        outline=outline,
        nav=nav,
        facts=facts,
        passed=passed_in(learner=learner, outline=outline),
    )


def _state(
    *,
    course: CoursePage,
    outline: CourseOutline,
    nav: CourseNav,
    facts: list[RecordFact],
    passed: frozenset[uuid.UUID],
) -> CourseState:
    modules = outline_modules(outline)
    state = progress_from_facts(modules=modules, facts=facts, passed=passed)
    target = resume_lesson(modules=modules, state=state)
    resume = nav.item(target)
    return CourseState(
        course=course,
        outline=outline,
        nav=nav,
        facts=tuple(facts),
        progress=state,
        resume_url=resume.url if resume else None,
    )


@dataclass(frozen=True)
class CourseProgressRow:
    course: CoursePage
    progress: Progress
    resume_url: str | None


def courses_in_language(keys: list[uuid.UUID]) -> dict[uuid.UUID, CoursePage]:
    """Each live course of ``keys`` in the active language where live in it, else in the
    original (``courses.selectors.course_by_key`` for many keys, in one query)."""
    versions: dict[uuid.UUID, dict[int, CoursePage]] = defaultdict(dict)
    for course in CoursePage.objects.live().filter(translation_key__in=keys):
        versions[course.translation_key][course.locale_id] = course
    if not versions:
        return {}
    active, default = Locale.get_active(), Locale.get_default()
    return {
        key: by_locale.get(active.pk) or by_locale.get(default.pk) or next(iter(by_locale.values()))
        for key, by_locale in versions.items()
    }


def my_learning(*, learner: User) -> list[CourseProgressRow]:
    """Each course ``learner`` is enrolled in, in the active language, with progress and the
    lesson "continue" leads to. Most recently active first. The same queries whatever the
    number of courses once their outlines are cached."""
    by_course: dict[uuid.UUID, list[dict]] = defaultdict(list)
    for row in LearnerRecord.objects.filter(learner=learner).values("course_key", *FACT_FIELDS):
        by_course[row["course_key"]].append(row)
    enrolled = [
        key
        for key, rows in by_course.items()
        if any(r["kind"] == RecordKind.ENROLLED for r in rows)
    ]
    courses = courses_in_language(enrolled)
    outlines = {key: course_outline(course=course) for key, course in courses.items()}
    quizzes = [quiz for outline in outlines.values() for quiz in outline.quizzes]
    passed = passed_quiz_keys(learner=learner, quizzes=quizzes) if quizzes else frozenset()
    rows = []
    for key in enrolled:
        course = courses.get(key)
        if course is None:
            continue
        state = _state(
            course=course,
            outline=outlines[key],
            nav=course_nav(course=course),
            facts=_facts(by_course[key]),
            passed=passed,
        )
        rows.append(
            CourseProgressRow(course=course, progress=state.progress, resume_url=state.resume_url)
        )
    rows.sort(
        key=lambda r: r.progress.last_activity.timestamp() if r.progress.last_activity else 0,
        reverse=True,
    )
    return rows


def is_enrolled(*, learner: User, course: CoursePage) -> bool:
    return enrolment_for(learner=learner, course_key=course.translation_key) is not None


# --- A knowledge check marked (practice: nothing recorded) --------------------------------------


class CheckGone(Exception):
    """The lesson is not live, or has no such check (any more)."""


class CheckNotAllowed(Exception):
    """The officer is not enrolled in the lesson's course (and does not read without it)."""


@dataclass(frozen=True)
class CheckMarked:
    lesson: LessonPage
    response: object  # in shown ids, as the page sent it
    answered: bool
    correct: bool
    message: str
    details: list[str]

    def feedback(self) -> dict:
        return {
            "answered": self.answered,
            "correct": self.correct,
            "message": self.message,
            "details": self.details,
        }


def check_marked(*, learner: User, lesson_id: int, block_id: str, form: Form) -> CheckMarked:
    """The marking of an answer to a lesson's knowledge check, as the form sent it (``form``: a
    QueryDict, or a MultiValueDict of a check answer given offline), in the active language.
    Raises CheckGone when the lesson is not live or has no such check, CheckNotAllowed when
    ``learner`` is not enrolled in its course (and does not read without enrolling)."""
    lesson = LessonPage.objects.live().filter(pk=lesson_id).first()
    if lesson is None:
        raise CheckGone
    course = course_for_page(lesson)
    if not learner.reads_without_enrolling and (
        course is None or not is_enrolled(learner=learner, course=course)
    ):
        raise CheckNotAllowed
    block = next((b for b in lesson.body if b.block_type == "check" and b.id == block_id), None)
    question = check_question(block.value, block_id) if block is not None else None
    if question is None:
        raise CheckGone
    response = responses_from_post([check_view(question)], form).get(question["id"])
    result = check_answer(question, response)
    if not result.answered:
        message = _("Choose or write an answer first.")
    elif result.correct:
        message = _("Correct.")
    else:
        message = _("Not quite.")
    # Nothing of the key for an empty answer: feedback and explanation follow a real try.
    details = (
        [t for t in (result.feedback, *result.option_feedback, result.explanation) if t]
        if result.answered
        else []
    )
    if not result.correct and result.answered:
        details.append(_("The answer: %(answer)s") % {"answer": result.answer})
    return CheckMarked(lesson, response, result.answered, result.correct, message, details)
