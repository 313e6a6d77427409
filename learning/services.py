"""Writes of learner records: enrolling, opening and completing lessons.

Every write of a record goes through here, never a view, a signal or ``save()``: each takes the
node's next sequence number in the same transaction, and each is idempotent where a user could
repeat it (a double click, a resent form).
"""

from __future__ import annotations

import uuid
from collections.abc import Iterator

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import CharField, Max, Min
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail.models import Page

from audittrail.services import audit_record
from courses.models import CoursePage
from modules.contentcache import officer_changed
from modules.models import LessonPage, QuizPage, ScormLessonPage
from modules.selectors import CourseOutline, course_of, course_outline, language_of
from officers.models import User
from officers.selectors import officer_is_in_scope
from officers.services import officer_lock
from quizzes import services as quiz_services
from quizzes.models import QuizAttempt, QuizSubmission

from . import completion, selectors
from .models import LearnerRecord, RecordKind
from .rules import Progress, completions_due


class NotEnrolled(Exception):
    """The learner is not enrolled in the course the page belongs to."""


class LessonNotOpened(Exception):
    """A lesson cannot be completed before it has been opened."""


def _lock_learner(learner: User) -> None:
    officer_lock(officer=learner)


def _append(
    *,
    learner: User,
    kind: str,
    course_key: uuid.UUID,
    actor: User | None = None,
    module_key: uuid.UUID | None = None,
    lesson_key: uuid.UUID | None = None,
    page: Page | None = None,
) -> LearnerRecord:
    record = LearnerRecord.stamped(
        recorded_at=timezone.now(),
        kind=kind,
        learner=learner,
        actor=actor if actor is not None and actor.pk != learner.pk else None,
        course_key=course_key,
        module_key=module_key,
        lesson_key=lesson_key,
        content_revision=str(page.live_revision_id or "") if page is not None else "",
        content_locale=language_of(page) if page is not None else "",
    )
    officer_changed([learner.pk])  # the pages kept for them (learning.pagecache) are past
    return record


def enrolment_create(*, learner: User, course: CoursePage, actor: User) -> LearnerRecord:
    """Enrol ``learner`` in ``course``; returns the enrolment record (the existing one if any).

    ``actor`` is the learner themselves or a coordinator/administrator with the learner in scope;
    anyone else gets PermissionDenied. The course must be live.
    """
    if actor.pk != learner.pk and not officer_is_in_scope(viewer=actor, officer=learner):
        raise PermissionDenied
    if not course.live:
        raise PermissionDenied
    course_key = course.translation_key
    with transaction.atomic():
        _lock_learner(learner)
        existing = selectors.enrolment_for(learner=learner, course_key=course_key)
        if existing is not None:
            return existing
        record = _append(
            learner=learner,
            kind=RecordKind.ENROLLED,
            course_key=course_key,
            actor=actor,
            page=course,
        )
        if actor.pk != learner.pk:
            audit_record(
                actor=actor,
                action="enrolment.create",
                officer=learner,
                subject=f"course:{course_key}",
                after={"course": course.code, "record": str(record.pk)},
            )
        return record


def _lesson_course(lesson: LessonPage | ScormLessonPage) -> tuple[CoursePage, CourseOutline]:
    course = course_of(page=lesson)
    if course is None:
        raise NotEnrolled
    return course, course_outline(course=course)


def _module_key(lesson: Page, outline: CourseOutline) -> uuid.UUID:
    """The translation key of ``lesson``'s module: from the outline, without a query, where the
    lesson is in it."""
    for module in outline.modules:
        if lesson.translation_key in module.lesson_keys:
            return module.key
    return lesson.get_parent().translation_key


def lesson_open(
    *,
    learner: User,
    lesson: LessonPage | ScormLessonPage,
    state: selectors.CourseState | None = None,
) -> LearnerRecord | None:
    """Record that ``learner`` opened ``lesson``, the first time they do.

    Raises NotEnrolled if they are not enrolled in its course. A lesson they have opened before
    records nothing: every later view is a read, never a write transaction. ``state``: the
    course state the request already read (``selectors.course_state``) for ``lesson``, which
    answers both questions without a query.
    """
    if state is not None:
        if not state.enrolled:
            raise NotEnrolled
        if lesson.translation_key in state.opened_lessons:
            return None
        course, outline = state.course, state.outline
    else:
        course, outline = _lesson_course(lesson)
        # Reading again is the common case: answer it without taking the write lock.
        if selectors.lesson_was_opened(learner=learner, lesson_key=lesson.translation_key):
            return None
    with transaction.atomic():
        _lock_learner(learner)
        if selectors.enrolment_for(learner=learner, course_key=course.translation_key) is None:
            raise NotEnrolled
        if selectors.lesson_was_opened(learner=learner, lesson_key=lesson.translation_key):
            return None
        return _append(
            learner=learner,
            kind=RecordKind.LESSON_OPENED,
            course_key=course.translation_key,
            module_key=_module_key(lesson, outline),
            lesson_key=lesson.translation_key,
            page=lesson,
        )


def lesson_complete(*, learner: User, lesson: LessonPage | ScormLessonPage) -> list[LearnerRecord]:
    """Record that ``learner`` completed ``lesson``, and the module and course if that finished
    them. Returns the records written (none when it was already complete).

    Preconditions, checked here: enrolled (else NotEnrolled), lesson live and opened before
    (else LessonNotOpened): a learner cannot mark progress they did not make. The outline comes
    from the content cache; the learner's records are read once, inside the lock.
    """
    course, outline = _lesson_course(lesson)
    course_key = course.translation_key
    key = lesson.translation_key
    with transaction.atomic():
        _lock_learner(learner)
        facts = selectors.record_facts(learner=learner, course_key=course_key)
        if not any(f.kind == RecordKind.ENROLLED for f in facts):
            raise NotEnrolled
        if not lesson.live or not any(
            f.kind == RecordKind.LESSON_OPENED and f.lesson_key == key for f in facts
        ):
            raise LessonNotOpened
        modules = selectors.outline_modules(outline)
        passed = selectors.passed_in(learner=learner, outline=outline)
        before = selectors.progress_from_facts(modules=modules, facts=facts, passed=passed)
        if key in before.completed_lessons:
            return []
        record = _append(
            learner=learner,
            kind=RecordKind.LESSON_COMPLETED,
            course_key=course_key,
            module_key=_module_key(lesson, outline),
            lesson_key=key,
            page=lesson,
        )
        after = selectors.progress_from_facts(
            modules=modules, facts=[*facts, selectors.record_fact(record)], passed=passed
        )
        return [record] + _record_completions(
            learner=learner, course=course, outline=outline, before=before, after=after
        )


def _record_completions(
    *,
    learner: User,
    course: Page,
    outline: CourseOutline,
    before: Progress,
    after: Progress | None = None,
) -> list[LearnerRecord]:
    """Record the modules, and the course, that became complete between ``before`` and
    ``after`` (read now if not given). Precondition: inside the caller's transaction, learner
    locked."""
    course_key = course.translation_key
    if after is None:
        after = selectors.progress_for(learner=learner, outline=outline)
    modules_done, course_done = completions_due(
        modules=selectors.outline_modules(outline), before=before, after=after
    )
    written = [
        _append(
            learner=learner,
            kind=RecordKind.MODULE_COMPLETED,
            course_key=course_key,
            module_key=module_key,
        )
        for module_key in modules_done
    ]
    if course_done:
        written.append(
            _append(
                learner=learner,
                kind=RecordKind.COURSE_COMPLETED,
                course_key=course_key,
                page=course,
            )
        )
        completion.course_completed(learner=learner, course=course)
    return written


def quiz_start(*, learner: User, quiz: QuizPage) -> QuizAttempt:
    """Start (or resume) an attempt at ``quiz``. Raises NotEnrolled unless ``learner`` is
    enrolled in its course; quizzes.services.AttemptRefused when no attempt may start."""
    course = course_of(page=quiz)
    if (
        course is None
        or selectors.enrolment_for(learner=learner, course_key=course.translation_key) is None
    ):
        raise NotEnrolled
    return quiz_services.attempt_start(learner=learner, quiz=quiz)


def quiz_submit(
    *, learner: User, attempt: QuizAttempt, responses: dict | None = None
) -> tuple[QuizSubmission, list[LearnerRecord]]:
    """Grade ``attempt`` (once: see quizzes.services.attempt_submit) and record the module and
    course it completes, if any. Returns the submission and the completion records written."""
    # The quiz's place in the tree, not its questions: the attempt carries what it was asked.
    quiz = QuizPage.objects.filter(translation_key=attempt.quiz_key).defer("questions").first()
    course = course_of(page=quiz) if quiz else None
    with transaction.atomic():
        _lock_learner(learner)
        if course is None:
            return quiz_services.attempt_submit(
                learner=learner, attempt=attempt, responses=responses
            ), []
        outline = course_outline(course=course)
        modules = selectors.outline_modules(outline)
        facts = selectors.record_facts(learner=learner, course_key=course.translation_key)
        before = selectors.progress_from_facts(
            modules=modules,
            facts=facts,
            passed=selectors.passed_in(learner=learner, outline=outline),
        )
        submission = quiz_services.attempt_submit(
            learner=learner, attempt=attempt, responses=responses
        )
        # Grading writes no learner record: only the quizzes passed can have changed.
        after = selectors.progress_from_facts(
            modules=modules,
            facts=facts,
            passed=selectors.passed_in(learner=learner, outline=outline),
        )
        return submission, _record_completions(
            learner=learner, course=course, outline=outline, before=before, after=after
        )


def progress_recompute(*, learner: User, course_key: uuid.UUID) -> list[LearnerRecord]:
    """Record the module and course completions that ``learner``'s records now imply but no
    record states yet, as ``lesson_complete`` would have; returns the records written.

    For records merged from other nodes (an officer who did module 1 at one post and module 2
    at another completes the course where both arrive). A completed course calls the
    ``learning.completion`` handlers, so its certificate is issued once, as on completion here.
    Does nothing when the course is not on this node or the learner is not enrolled.
    Idempotent: completions already recorded (on any node) are not recorded again.
    """
    from courses.selectors import course_by_key

    from .rules import Progress, Status

    course = course_by_key(course_key)
    if course is None:
        return []
    outline = course_outline(course=course)
    with transaction.atomic():
        _lock_learner(learner)
        if selectors.enrolment_for(learner=learner, course_key=course_key) is None:
            return []
        recorded = LearnerRecord.objects.filter(
            learner=learner,
            course_key=course_key,
            kind__in=[RecordKind.MODULE_COMPLETED, RecordKind.COURSE_COMPLETED],
        ).values_list("kind", "module_key")
        modules = frozenset(key for kind, key in recorded if kind == RecordKind.MODULE_COMPLETED)
        course_done = any(kind == RecordKind.COURSE_COMPLETED for kind, _key in recorded)
        before = Progress(
            status=Status.COMPLETED if course_done else Status.IN_PROGRESS,
            lessons_done=0,
            lessons_total=0,
            completed_lessons=frozenset(),
            completed_modules=modules,
            last_lesson=None,
            last_activity=None,
        )
        return _record_completions(learner=learner, course=course, outline=outline, before=before)


def progress_recompute_merged(touched: set[tuple[int, uuid.UUID]]) -> None:
    """``progress_recompute`` for every (learner pk, course key) in ``touched`` whose records
    sync merged from more than one node and whose course is not completed yet: only those can
    imply a completion no node has recorded (a node records completions as it makes records,
    so what one node made alone it has already derived). The pages kept for every officer in
    ``touched`` (``learning.pagecache``) are past: their progress may show otherwise now."""
    learner_list = sorted({pk for pk, _key in touched})
    officer_changed(learner_list)
    done: set[tuple[int, uuid.UUID]] = set()
    for batch in _batches(learner_list):
        done |= set(
            LearnerRecord.objects.filter(
                kind=RecordKind.COURSE_COMPLETED, learner_id__in=batch
            ).values_list("learner_id", "course_key")
        )
    mixed = _made_on_several_nodes(learner_list)
    users = {u.pk: u for u in User.objects.filter(pk__in=learner_list)}
    for learner_pk, course_key in sorted(touched, key=lambda pair: (pair[0], str(pair[1]))):
        pair = (learner_pk, course_key)
        if pair in mixed and pair not in done and learner_pk in users:
            progress_recompute(learner=users[learner_pk], course_key=course_key)


def _made_on_several_nodes(learner_list: list[int]) -> set[tuple[int, uuid.UUID]]:
    """(learner, course) pairs whose records (learner records and quiz attempts) come from more
    than one node: the database groups the records, one row per pair and table with its
    lowest and highest origin (as text, which every database orders)."""
    bounds: dict[tuple[int, uuid.UUID], tuple[str, str]] = {}
    for model in (LearnerRecord, QuizAttempt):
        origin = Cast("origin_node", CharField())
        for batch in _batches(learner_list):
            rows = (
                model.objects.filter(learner_id__in=batch)
                .values("learner_id", "course_key")
                .annotate(low=Min(origin), high=Max(origin))
                .values_list("learner_id", "course_key", "low", "high")
                .order_by()
            )
            for learner_pk, course_key, low, high in rows:
                pair = (learner_pk, course_key)
                if pair in bounds:
                    low, high = min(low, bounds[pair][0]), max(high, bounds[pair][1])
                bounds[pair] = (low, high)
    return {pair for pair, (low, high) in bounds.items() if low != high}


def _batches(values: list, size: int = 900) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]
