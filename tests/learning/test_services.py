"""Learner records written by the services: what is recorded, once, and what is refused."""

import pytest
from django.core.exceptions import PermissionDenied
from django.db import transaction

from learning import selectors, services
from learning.models import ImmutableRecordError, LearnerRecord, RecordKind
from nodes.identity import node_identity
from tests.conftest import translate


def kinds(user):
    return list(user.learner_records.order_by("origin_seq").values_list("kind", flat=True))


def test_enrolling_twice_records_one_enrolment(course_tree, people):
    learner = people["learner"]
    first = services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    again = services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    assert first.pk == again.pk
    assert kinds(learner) == [RecordKind.ENROLLED]


def test_record_carries_node_sequence_revision_and_language(course_tree, people):
    learner = people["learner"]
    services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    lesson = course_tree.lessons[0]
    record = services.lesson_open(learner=learner, lesson=lesson)
    assert record.origin_node == node_identity().node_id
    assert record.content_revision == str(lesson.live_revision_id)
    assert record.content_locale == "en"
    assert record.lesson_key == lesson.translation_key
    seqs = list(LearnerRecord.objects.values_list("origin_seq", flat=True).order_by("origin_seq"))
    assert seqs == list(range(seqs[0], seqs[0] + len(seqs)))


def test_records_cannot_be_changed_or_deleted(course_tree, people):
    learner = people["learner"]
    record = services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    record.kind = RecordKind.COURSE_COMPLETED
    with pytest.raises(ImmutableRecordError):
        record.save()
    with pytest.raises(ImmutableRecordError):
        record.delete()
    with pytest.raises(ImmutableRecordError):
        LearnerRecord.objects.filter(pk=record.pk).update(kind="course_completed")
    with pytest.raises(ImmutableRecordError):
        LearnerRecord.objects.all().delete()
    assert kinds(learner) == [RecordKind.ENROLLED]


def test_not_enrolled_cannot_open_or_complete(course_tree, people):
    lesson = course_tree.lessons[0]
    with pytest.raises(services.NotEnrolled):
        services.lesson_open(learner=people["learner"], lesson=lesson)
    with pytest.raises(services.NotEnrolled):
        services.lesson_complete(learner=people["learner"], lesson=lesson)
    assert not LearnerRecord.objects.exists()


def test_a_lesson_never_opened_cannot_be_completed(course_tree, people):
    learner = people["learner"]
    services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    with pytest.raises(services.LessonNotOpened):
        services.lesson_complete(learner=learner, lesson=course_tree.lessons[3])
    assert kinds(learner) == [RecordKind.ENROLLED]


def test_reloading_a_lesson_records_one_opening(course_tree, people):
    learner = people["learner"]
    services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    for _ in range(3):
        services.lesson_open(learner=learner, lesson=course_tree.lessons[0])
    assert kinds(learner).count(RecordKind.LESSON_OPENED) == 1


def test_finishing_lessons_finishes_module_then_course_once(course_tree, people):
    learner = people["learner"]
    services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    for lesson in course_tree.lessons:
        services.lesson_open(learner=learner, lesson=lesson)
        services.lesson_complete(learner=learner, lesson=lesson)
        assert services.lesson_complete(learner=learner, lesson=lesson) == []
    assert kinds(learner) == [
        "enrolled",
        "lesson_opened",
        "lesson_completed",
        "lesson_opened",
        "lesson_completed",
        "module_completed",
        "lesson_opened",
        "lesson_completed",
        "lesson_opened",
        "lesson_completed",
        "module_completed",
        "course_completed",
    ]


def test_progress_counts_a_lesson_done_in_another_language(course_tree, people):
    learner = people["learner"]
    services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    translate(course_tree.index, "th")
    translate(course_tree.course, "th", title="หลักสูตรทดสอบ")
    thai_module = translate(course_tree.modules[0], "th", title="โมดูล 1")
    thai_lesson = translate(course_tree.lessons[0], "th", title="บทเรียน 1.1")
    assert thai_module.locale.language_code == "th"
    services.lesson_open(learner=learner, lesson=thai_lesson)
    (done, *_) = services.lesson_complete(learner=learner, lesson=thai_lesson)
    assert done.content_locale == "th"
    from modules.selectors import course_outline

    state = selectors.progress_for(
        learner=learner, outline=course_outline(course=course_tree.course)
    )
    assert course_tree.lessons[0].translation_key in state.completed_lessons
    assert state.lessons_done == 1


def test_coordinator_enrols_only_officers_in_scope(course_tree, people):
    coordinator = people["coordinator"]
    record = services.enrolment_create(
        learner=people["learner_kh"], course=course_tree.course, actor=coordinator
    )
    assert record.actor == coordinator
    with pytest.raises(PermissionDenied):
        services.enrolment_create(
            learner=people["learner_la"], course=course_tree.course, actor=coordinator
        )
    with pytest.raises(PermissionDenied):
        services.enrolment_create(
            learner=people["learner_la"], course=course_tree.course, actor=people["learner"]
        )
    assert not people["learner_la"].learner_records.exists()


def test_unpublished_course_cannot_be_enrolled(course_tree, people):
    course_tree.course.unpublish()
    course_tree.course.refresh_from_db()
    with pytest.raises(PermissionDenied):
        services.enrolment_create(
            learner=people["learner"], course=course_tree.course, actor=people["learner"]
        )


def test_a_failed_write_leaves_no_record_and_no_gap(course_tree, people):
    learner = people["learner"]
    with pytest.raises(RuntimeError), transaction.atomic():
        services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
        raise RuntimeError("power cut")
    assert not LearnerRecord.objects.exists()
    record = services.enrolment_create(learner=learner, course=course_tree.course, actor=learner)
    from nodes.models import NodeSequence

    assert NodeSequence.objects.get(node_id=record.origin_node).last_value == record.origin_seq
