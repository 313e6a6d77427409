"""The pure progress rules: plain data in, the progress an officer would see out."""

import uuid
from datetime import UTC, datetime, timedelta

from learning.rules import (
    OutlineModule,
    RecordFact,
    Status,
    completions_due,
    progress,
    resume_lesson,
)

NODE_A = uuid.UUID(int=1)
NODE_B = uuid.UUID(int=2)
L = [uuid.UUID(int=100 + i) for i in range(4)]
MODULES = [
    OutlineModule(key=uuid.UUID(int=10), lesson_keys=(L[0], L[1])),
    OutlineModule(key=uuid.UUID(int=11), lesson_keys=(L[2], L[3])),
]
T0 = datetime(2026, 11, 1, 8, 0, tzinfo=UTC)


def fact(kind, lesson=None, minutes=0, node=NODE_A, seq=0):
    return RecordFact(
        kind=kind,
        recorded_at=T0 + timedelta(minutes=minutes),
        origin_node=node,
        origin_seq=seq,
        lesson_key=lesson,
    )


def test_not_enrolled_shows_as_such():
    state = progress(modules=MODULES, records=[], enrolled=False)
    assert state.status == Status.NOT_ENROLLED
    assert state.percent == 0


def test_enrolled_without_activity_is_not_started():
    state = progress(modules=MODULES, records=[fact("enrolled")], enrolled=True)
    assert (state.status, state.lessons_done, state.lessons_total) == (Status.NOT_STARTED, 0, 4)


def test_opened_lesson_is_in_progress_and_resumes_there():
    records = [fact("enrolled"), fact("lesson_opened", L[0], 1, seq=1)]
    state = progress(modules=MODULES, records=records, enrolled=True)
    assert state.status == Status.IN_PROGRESS
    assert resume_lesson(modules=MODULES, state=state) == L[0]


def test_completed_lesson_counts_once_and_resume_moves_on():
    records = [
        fact("enrolled"),
        fact("lesson_opened", L[0], 1, seq=1),
        fact("lesson_completed", L[0], 2, seq=2),
        fact("lesson_completed", L[0], 3, seq=3),
    ]
    state = progress(modules=MODULES, records=records, enrolled=True)
    assert state.lessons_done == 1
    assert state.percent == 25
    assert resume_lesson(modules=MODULES, state=state) == L[1]


def test_module_completes_with_all_its_lessons():
    records = [fact("lesson_completed", L[0]), fact("lesson_completed", L[1], 1)]
    state = progress(modules=MODULES, records=records, enrolled=True)
    assert state.completed_modules == {MODULES[0].key}
    assert state.status == Status.IN_PROGRESS


def test_lessons_done_at_two_nodes_complete_the_course_whatever_the_arrival_order():
    at_post_a = [
        fact("lesson_completed", L[0], 5, NODE_A, 1),
        fact("lesson_completed", L[1], 6, NODE_A, 2),
    ]
    # The second post's clock is years behind: order must not matter for completion.
    at_post_b = [
        fact("lesson_completed", L[2], -(10**6), NODE_B, 1),
        fact("lesson_completed", L[3], -(10**6) + 1, NODE_B, 2),
    ]
    one = progress(modules=MODULES, records=at_post_a + at_post_b, enrolled=True)
    other = progress(modules=MODULES, records=list(reversed(at_post_b + at_post_a)), enrolled=True)
    assert one == other
    assert one.status == Status.COMPLETED
    assert one.percent == 100


def test_lessons_removed_from_the_course_do_not_count():
    gone = uuid.UUID(int=999)
    state = progress(modules=MODULES, records=[fact("lesson_completed", gone)], enrolled=True)
    assert state.lessons_done == 0
    assert state.status == Status.NOT_STARTED


def test_course_without_lessons_is_never_complete():
    state = progress(modules=[], records=[fact("enrolled")], enrolled=True)
    assert state.status == Status.NOT_STARTED
    assert resume_lesson(modules=[], state=state) is None


def test_completions_due_reports_each_module_and_the_course_once():
    before = progress(
        modules=MODULES, records=[fact("lesson_completed", k) for k in L[:3]], enrolled=True
    )
    after = progress(
        modules=MODULES, records=[fact("lesson_completed", k) for k in L], enrolled=True
    )
    assert completions_due(modules=MODULES, before=before, after=after) == ([MODULES[1].key], True)
    assert completions_due(modules=MODULES, before=after, after=after) == ([], False)


def test_resume_after_everything_done_points_to_the_first_lesson():
    state = progress(
        modules=MODULES, records=[fact("lesson_completed", k) for k in L], enrolled=True
    )
    assert resume_lesson(modules=MODULES, state=state) == L[0]


def test_optional_modules_count_in_progress_but_not_for_completion():
    optional = OutlineModule(
        key=uuid.UUID(int=12), lesson_keys=(uuid.UUID(int=200),), required=False
    )
    modules = [*MODULES, optional]
    state = progress(
        modules=modules, records=[fact("lesson_completed", k) for k in L], enrolled=True
    )
    assert state.status == Status.COMPLETED
    assert state.percent == 80


def test_a_module_quiz_must_be_passed():
    quiz = uuid.UUID(int=300)
    modules = [OutlineModule(key=uuid.UUID(int=10), lesson_keys=(L[0],), quiz_key=quiz)]
    done = [fact("lesson_completed", L[0])]
    assert progress(modules=modules, records=done, enrolled=True).status == Status.IN_PROGRESS
    passed = progress(
        modules=modules, records=done, enrolled=True, passed_quizzes=frozenset({quiz})
    )
    assert passed.status == Status.COMPLETED
    assert passed.percent == 100
