"""Exam sessions run at a post with the uplink cut, and their events reach the hub by packet;
a post's events about another post's session, or about another post's officer, are refused."""

from __future__ import annotations

import uuid

import pytest
from django.db import transaction
from django.utils import timezone

from audittrail.models import AuditEntry
from examsessions import services
from examsessions.models import SessionEvent
from learning.services import enrolment_create
from nodes.models import ThisNode
from recordsync.services import packet_export, packet_import
from tests.examsessions.conftest import open_session
from tests.recordsync.conftest import forget_records, snapshot

pytestmark = pytest.mark.django_db


def _at_poipet(network):
    network.be("poipet")
    ThisNode.objects.update_or_create(pk=1, defaults={"post_code": "kh-p", "name": "Poipet"})


def test_a_session_run_at_a_post_reaches_the_hub_whole(network, people, exam, tmp_path):
    officer = people["learner_kh"]
    _at_poipet(network)
    enrolment_create(learner=officer, course=exam.get_parent().get_parent().specific, actor=officer)
    session, code = open_session(people["coordinator"], exam, [officer])
    services.session_check_in(actor=officer, quiz=exam, code=code)
    services.session_extend(
        actor=people["coordinator"], session=session, officer=officer, minutes=5
    )
    services.session_close(actor=people["coordinator"], session=session)
    poipet = network.ids["poipet"]
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)  # signs a checkpoint of the post's audit trail as it goes
    made = snapshot(poipet)
    assert len(made["exam_session_event"]) == 4
    assert sorted(AuditEntry.objects.values_list("action", flat=True)) == [
        "examsession.close",
        "examsession.extend",
        "examsession.open",
    ]
    forget_records(poipet)

    network.be("hub")
    summary = packet_import(source=packet)
    assert summary.rejected == []
    assert snapshot(poipet) == made
    assert sorted(SessionEvent.objects.values_list("kind", flat=True)) == [
        "checked_in",
        "closed",
        "extended",
        "opened",
    ]


def test_a_posts_events_about_another_posts_session_or_officer_are_refused(
    network, people, exam, tmp_path
):
    _at_poipet(network)
    coordinator = people["coordinator"]
    thai_officer = people["learner"]
    common = {"by": coordinator, "quiz_key": exam.translation_key}
    with transaction.atomic():
        # As a tampered post would write them: a session at Aranyaprathet, and one at
        # Poipet naming an officer of Aranyaprathet.
        for post_code in ("th-a", "kh-p"):
            SessionEvent.stamped(
                recorded_at=timezone.now(),
                session=uuid.uuid4(),
                kind="opened",
                post_code=post_code,
                starts_at=timezone.now(),
                ends_at=timezone.now(),
                admitted=[thai_officer.uuid.hex],
                **common,
            )
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    forget_records(network.ids["poipet"])

    network.be("hub")
    summary = packet_import(source=packet)
    reasons = [r for _o, _s, table, r in summary.rejected if table == "exam_session_event"]
    assert len(reasons) == 2
    assert any("may not write events of an exam session at post th-a" in r for r in reasons)
    assert any("who is not at post kh-p" in r for r in reasons)
    assert not SessionEvent.objects.exists()
