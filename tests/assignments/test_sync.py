"""Cohort and assignment records sync like every record: what a post's coordinator did for the
post's own officers and cohorts reaches the hub; what the post did about another post's officer
or cohort is refused there with the reason. Real packets, real signatures."""

from __future__ import annotations

import datetime

import pytest

from assignments.models import AssignmentRecord, CohortRecord
from assignments.rules import Status
from assignments.selectors import assignments_of, cohort_state
from assignments.services import assignment_create, cohort_create, cohort_member_add
from recordsync.models import RejectedRecord
from recordsync.services import packet_export, packet_import
from tests.recordsync.conftest import forget_records

pytestmark = pytest.mark.django_db

DUE = datetime.date(2026, 5, 1)


def test_a_posts_assignments_and_cohorts_reach_the_hub_and_others_are_refused(
    network, people, posts, course_tree, tmp_path
):
    coordinator, own, other = people["coordinator"], people["learner_kh"], people["learner"]
    network.be("poipet")
    assignment_create(actor=coordinator, officer=own, course=course_tree.course, due_on=DUE)
    assignment_create(actor=coordinator, officer=other, course=course_tree.course, due_on=DUE)
    home = cohort_create(actor=coordinator, name="Poipet intake", post=posts["kh"])
    cohort_member_add(actor=coordinator, cohort=home.uuid, officer=own)
    foreign = cohort_create(actor=coordinator, name="Aranyaprathet intake", post=posts["th"])
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    forget_records(network.ids["poipet"])
    assert not AssignmentRecord.objects.exists() and not CohortRecord.objects.exists()

    network.be("hub")
    summary = packet_import(source=packet)

    key = course_tree.course.translation_key
    held = assignments_of(officers=[own.pk, other.pk])
    assert held[(own.pk, key)].due_on == DUE
    assert (other.pk, key) not in held
    state = cohort_state(home.uuid)
    assert state is not None and state.members == {own.pk}
    assert cohort_state(foreign.uuid) is None
    reasons = {table: reason for _o, _s, table, reason in summary.rejected}
    assert set(reasons) == {"assignment_record", "cohort_record"}
    assert "not this post's" in reasons["assignment_record"]
    assert "Aranyaprathet intake" in reasons["cohort_record"]
    assert RejectedRecord.objects.count() == 2

    # The hub speaks for anyone: its own assignment of the Aranyaprathet officer stands.
    assignment_create(actor=people["admin"], officer=other, course=course_tree.course, due_on=None)
    assert (other.pk, key) in assignments_of(officers=[other.pk])


def test_an_imported_lesson_opening_starts_the_assignment_and_asks_learning_for_nothing(
    network, people, course_tree, tmp_path, monkeypatch
):
    """The hub assigns Sokha a course and she enrols there; at Aranyaprathet she opens a
    lesson, and nothing more. The hub imports that one record: her assignment shows started,
    and learning's derive step (which looks for completions merged from several nodes) is not
    handed her pair, though her records now come from two nodes: an opened lesson cannot
    complete a course."""
    from assignments.derived import assignment_state_rebuild
    from assignments.models import AssignmentState
    from learning import services as learning
    from learning.models import LearnerRecord, RecordKind
    from recordsync.models import RecomputeDue

    sokha, key = people["learner_kh"], course_tree.course.translation_key
    network.be("hub")
    assignment_create(
        actor=people["coordinator"], officer=sokha, course=course_tree.course, due_on=DUE
    )
    learning.enrolment_create(learner=sokha, course=course_tree.course, actor=sokha)
    network.be("aranya")
    learning.lesson_open(learner=sokha, lesson=course_tree.lessons[0])
    packet = tmp_path / "aranya.packet"
    packet_export(path=packet)
    forget_records(network.ids["aranya"])
    assignment_state_rebuild()  # the hub's table, from what the hub holds
    assert AssignmentState.objects.get(officer=sokha, course_key=key).progress == Status.NOT_STARTED

    network.be("hub")
    recomputed: list[tuple[int, object]] = []
    real = learning.progress_recompute

    def recording(*, learner, course_key):
        recomputed.append((learner.pk, course_key))
        return real(learner=learner, course_key=course_key)

    monkeypatch.setattr(learning, "progress_recompute", recording)
    summary = packet_import(source=packet)

    assert summary.counts("learner_record").new == 1
    origins = set(LearnerRecord.objects.filter(learner=sokha).values_list("origin_node", flat=True))
    assert origins == {network.ids["hub"], network.ids["aranya"]}
    assert LearnerRecord.objects.filter(learner=sokha, kind=RecordKind.LESSON_OPENED).exists()
    assert recomputed == []
    assert AssignmentState.objects.get(officer=sokha, course_key=key).progress == Status.IN_PROGRESS
    assert not RecomputeDue.objects.exists()


def test_a_cohort_the_hub_made_for_a_post_reaches_that_post_and_no_other(
    network, people, posts, course_tree, tmp_path
):
    """The hub makes a cohort at Poipet, with no member yet, and assigns it a course; and one at
    Aranyaprathet. Poipet's packet carries its cohort's own records: it is listed there, and an
    officer Poipet's coordinator adds gets the course. Each post gets its own cohort only."""
    from assignments.selectors import cohorts_visible_to
    from assignments.services import cohort_assign

    coordinator, sokha = people["coordinator"], people["learner_kh"]
    key = course_tree.course.translation_key
    network.be("hub")
    home = cohort_create(actor=people["admin"], name="Poipet refresher", post=posts["kh"])
    cohort_assign(actor=people["admin"], cohort=home.uuid, course=course_tree.course, due_on=DUE)
    elsewhere = cohort_create(actor=people["admin"], name="Aranya refresher", post=posts["th"])
    to_poipet, to_aranya = tmp_path / "poipet.packet", tmp_path / "aranya.packet"
    packet_export(path=to_poipet, recipient=network.ids["poipet"])
    packet_export(path=to_aranya, recipient=network.ids["aranya"])
    forget_records(network.ids["hub"])

    network.be("aranya")
    packet_import(source=to_aranya)
    assert cohort_state(home.uuid) is None
    assert cohort_state(elsewhere.uuid).name == "Aranya refresher"
    forget_records(network.ids["hub"])

    network.be("poipet")
    summary = packet_import(source=to_poipet)
    assert summary.rejected == []
    assert cohort_state(elsewhere.uuid) is None
    state = cohort_state(home.uuid)
    assert state is not None and state.name == "Poipet refresher" and state.members == set()
    assert "Poipet refresher" in {c.name for c in cohorts_visible_to(viewer=coordinator)}
    assert cohort_member_add(actor=coordinator, cohort=home.uuid, officer=sokha)
    assert assignments_of(officers=[sokha.pk])[(sokha.pk, key)].due_on == DUE
