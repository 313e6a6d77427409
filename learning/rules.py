"""Pure rules: progress and completion from records and a course outline.

Plain data in, frozen results out; no ORM, no clock. The same code runs at headquarters and at a
border post and gives the same answer for the same records, whatever order they arrived in.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Status(StrEnum):
    NOT_ENROLLED = "not_enrolled"
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    COMPLETED = "completed"


@dataclass(frozen=True)
class RecordFact:
    """What the rules need of a learner record."""

    kind: str
    recorded_at: datetime
    origin_node: uuid.UUID
    origin_seq: int
    lesson_key: uuid.UUID | None = None


@dataclass(frozen=True)
class OutlineModule:
    key: uuid.UUID
    lesson_keys: tuple[uuid.UUID, ...]
    quiz_key: uuid.UUID | None = None  # a quiz that must be passed to finish the module
    required: bool = True  # needed for the course to be complete


@dataclass(frozen=True)
class Progress:
    status: Status
    lessons_done: int
    lessons_total: int
    completed_lessons: frozenset[uuid.UUID]
    completed_modules: frozenset[uuid.UUID]
    last_lesson: uuid.UUID | None
    last_activity: datetime | None
    quizzes_passed: int = 0
    quizzes_total: int = 0

    # The one definition of "how far", which a progress bar and the words beside it both show:
    # a step is a lesson of the course or a module quiz; done is a completed lesson or a passed
    # quiz.

    @property
    def steps_done(self) -> int:
        return self.lessons_done + self.quizzes_passed

    @property
    def steps_total(self) -> int:
        return self.lessons_total + self.quizzes_total

    @property
    def percent(self) -> int:
        """The bar's fill: the share of steps done, rounded down (full only when every step is
        done), so the words "3 of 7 steps" and the bar never disagree. A course with no steps is
        full once completed and empty before."""
        if self.steps_total == 0:
            return 100 if self.status == Status.COMPLETED else 0
        return 100 * self.steps_done // self.steps_total


def _order_key(fact: RecordFact) -> tuple[datetime, str, int]:
    # Wall clocks at posts disagree; the sequence number orders records of one node exactly and
    # the node id breaks ties, so the order is total and the same on every node.
    return (fact.recorded_at, str(fact.origin_node), fact.origin_seq)


def progress(
    *,
    modules: Sequence[OutlineModule],
    records: Iterable[RecordFact],
    enrolled: bool,
    passed_quizzes: frozenset[uuid.UUID] = frozenset(),
) -> Progress:
    """Progress through a course whose live structure is ``modules``, from the learner's records
    and the module quizzes they have passed.

    A lesson counts once completed in any language on any node. A module is complete when all
    its lessons are and its quiz (if it has one) is passed; the course when every required
    module is.
    Lessons and quizzes no longer in the course do not count; a course with nothing in it is
    never complete by default.
    """
    facts = sorted(records, key=_order_key)
    course_lessons = [key for module in modules for key in module.lesson_keys]
    in_course = set(course_lessons)
    completed = frozenset(
        f.lesson_key for f in facts if f.kind == "lesson_completed" and f.lesson_key in in_course
    )
    counted = [m for m in modules if m.lesson_keys or m.quiz_key]  # empty modules do not count
    required = [m for m in counted if m.required]
    quiz_keys = {m.quiz_key for m in counted if m.quiz_key}
    passed = passed_quizzes & quiz_keys
    completed_modules = frozenset(
        m.key
        for m in counted
        if set(m.lesson_keys) <= completed and (m.quiz_key is None or m.quiz_key in passed)
    )
    touched = [f for f in facts if f.lesson_key in in_course]
    last_lesson = touched[-1].lesson_key if touched else None
    last_activity = max((f.recorded_at for f in facts), default=None)
    if not enrolled:
        status = Status.NOT_ENROLLED
    elif required and all(m.key in completed_modules for m in required):
        status = Status.COMPLETED
    elif touched or passed:
        status = Status.IN_PROGRESS
    else:
        status = Status.NOT_STARTED
    return Progress(
        status=status,
        lessons_done=len(completed),
        lessons_total=len(in_course),
        completed_lessons=completed,
        completed_modules=completed_modules,
        last_lesson=last_lesson,
        last_activity=last_activity,
        quizzes_passed=len(passed),
        quizzes_total=len(quiz_keys),
    )


def resume_lesson(*, modules: Sequence[OutlineModule], state: Progress) -> uuid.UUID | None:
    """Where "continue" takes the officer: the last lesson touched if not yet done, else the
    first lesson not done after it, else the first lesson not done at all."""
    order = [key for module in modules for key in module.lesson_keys]
    if not order:
        return None
    if state.last_lesson in order:
        if state.last_lesson not in state.completed_lessons:
            return state.last_lesson
        after = order[order.index(state.last_lesson) + 1 :]
        pending = [k for k in after if k not in state.completed_lessons]
        if pending:
            return pending[0]
    pending = [k for k in order if k not in state.completed_lessons]
    return pending[0] if pending else order[0]


def completions_due(
    *, modules: Sequence[OutlineModule], before: Progress, after: Progress
) -> tuple[list[uuid.UUID], bool]:
    """Modules, and whether the course, became complete between two progress states."""
    newly = [m.key for m in modules if m.key in after.completed_modules - before.completed_modules]
    course_done = after.status == Status.COMPLETED and before.status != Status.COMPLETED
    return newly, course_done
