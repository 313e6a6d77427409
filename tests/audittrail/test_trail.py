"""The audit trail as an administrator or headquarters meets it (issue 14, ADR 0033): what a
coordinator does leaves an entry with before and after; ``audit_verify`` finds a changed, a
deleted and a cut-off entry and names the first broken link; a post's trail reaches the hub by
sync and verifies there; a forged checkpoint and another node's trail are refused."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection, models, transaction
from django.db.models import Q
from django.utils import timezone

from audittrail.models import AuditCheckpoint, AuditEntry
from audittrail.services import audit_checkpoint, audit_record, checkpoint_signature
from learning import services as learning
from nodes.identity import node_identity
from officers.models import Role
from officers.services import officer_profile_update, officer_set_role
from recordsync.export import export, rows_for
from recordsync.models import RejectedRecord
from recordsync.registry import by_name
from recordsync.services import PacketRefused, packet_export, packet_import
from tests.recordsync.conftest import forget_records, packet_claiming

pytestmark = pytest.mark.django_db


def _verify(*args: str) -> tuple[int, list[dict]]:
    """``audit_verify --json``: its exit status and what it printed."""
    out = StringIO()
    try:
        call_command("audit_verify", "--json", *args, stdout=out)
        status = 0
    except SystemExit as stop:
        status = int(stop.code or 0)
    return status, json.loads(out.getvalue())


def _trail(node) -> list[AuditEntry]:
    return list(AuditEntry.objects.filter(origin_node=node).order_by("chain_index"))


def _me():
    return node_identity().node_id


def test_a_coordinators_actions_leave_entries_with_before_and_after(people, posts, course_tree):
    coordinator, officer = people["coordinator"], people["learner"]
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=coordinator)
    officer_profile_update(actor=coordinator, officer=officer, rank="Sergeant", post=posts["kh"])
    officer_set_role(user=people["trainer"], role=Role.COORDINATOR, actor=people["admin"])
    # An officer's own enrolment is their learning, not an action on them.
    learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)

    entries = {e.action: e for e in AuditEntry.objects.filter(actor__isnull=False)}
    enrolled = entries["enrolment.create"]
    assert (enrolled.actor, enrolled.officer) == (coordinator, officer)
    assert enrolled.actor_name and enrolled.officer_country == "TH"
    changed = entries["officer.profile_update"]
    assert changed.before == {"rank": "", "post": "th-a", "country": "TH"}
    assert changed.after == {"rank": "Sergeant", "post": "kh-p", "country": "KH"}
    assert (changed.officer_country, changed.officer_post) == ("KH", "kh-p")
    role = entries["officer.role_set"]
    assert (role.actor, role.officer) == (people["admin"], people["trainer"])
    assert (role.before, role.after) == ({"role": "trainer"}, {"role": "coordinator"})
    assert AuditEntry.objects.filter(action="enrolment.create").count() == 1
    status, trails = _verify()
    assert status == 0 and all(t["ok"] for t in trails)


def _tamper(sql: str, params: list) -> None:
    """Raw SQL: what someone with the database file could do, bypassing immutability."""
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


def _made(people, count: int) -> list[AuditEntry]:
    for number in range(count):
        with transaction.atomic():
            audit_record(
                actor=people["admin"],
                action="test.action",
                officer=people["learner"],
                subject=f"thing:{number}",
                after={"n": number},
            )
    return _trail(_me())


def test_a_changed_entry_is_found_and_named(people):
    entries = _made(people, 5)
    assert _verify()[0] == 0
    third = entries[-3]
    # An update that bypasses the records' immutability (a plain queryset).
    models.QuerySet(AuditEntry).filter(pk=third.pk).update(after={"n": 99})
    status, trails = _verify()
    mine = next(t for t in trails if t["node"] == str(_me()))
    assert status == 1 and not mine["ok"]
    assert mine["problem"]["index"] == third.chain_index
    assert mine["problem"]["kind"] == "changed entry"


def test_a_deleted_entry_and_a_cut_tail_are_found(people):
    entries = _made(people, 6)
    assert audit_checkpoint() is not None
    me = _me()
    middle = entries[-3]
    table = AuditEntry._meta.db_table
    _tamper(f'DELETE FROM "{table}" WHERE id = %s', [middle.pk.hex])
    status, trails = _verify("--node", str(me))
    assert status == 1
    assert trails[0]["problem"]["index"] == middle.chain_index
    assert trails[0]["problem"]["kind"] == "missing entry"

    # Put it back, and cut the tail instead: the checkpoint still names the last entry.
    _tamper(
        f'DELETE FROM "{table}" WHERE origin_node = %s AND chain_index >= %s',
        [me.hex, middle.chain_index],
    )
    status, trails = _verify("--node", str(me))
    assert status == 1
    assert trails[0]["problem"]["index"] == middle.chain_index
    assert trails[0]["problem"]["kind"] == "entries missing after the last one held"


def test_the_command_prints_the_broken_link_for_an_operator(people, capsys):
    entries = _made(people, 3)
    models.QuerySet(AuditEntry).filter(pk=entries[-2].pk).update(action="test.other")
    with pytest.raises(SystemExit) as stop:
        call_command("audit_verify")
    assert stop.value.code == 1
    assert f"BROKEN at entry {entries[-2].chain_index}: changed entry" in capsys.readouterr().out


def test_a_posts_trail_syncs_to_the_hub_and_verifies_there(network, people, posts, tmp_path):
    coordinator, officer = people["coordinator"], people["learner_kh"]
    poipet = network.be("poipet").node_id
    officer_profile_update(actor=coordinator, officer=officer, rank="Captain")
    officer_profile_update(actor=coordinator, officer=officer, rank="Major")
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)  # signs a checkpoint, which the packet carries
    made = _trail(poipet)
    assert [e.action for e in made] == ["officer.profile_update"] * 2
    assert AuditCheckpoint.objects.filter(origin_node=poipet, chain_index=2).exists()
    forget_records(poipet)

    network.be("hub")
    packet_import(source=packet)
    arrived = _trail(poipet)
    assert [(e.chain_index, e.entry_hash) for e in arrived] == [
        (e.chain_index, e.entry_hash) for e in made
    ]
    status, trails = _verify("--node", str(poipet))
    assert status == 0
    assert trails[0]["entries"] == 2 and trails[0]["checkpoints"] == 1

    # The hub sends a post no trail, not even entries about its own officers.
    _meta, _parts, summary = export(
        recipient=poipet, everything=True, max_chunks=None, progress=None
    )
    assert "audit_entry" not in summary.tables and "audit_checkpoint" not in summary.tables


def test_a_forged_checkpoint_is_refused_with_its_reason(network, people, tmp_path):
    coordinator, officer = people["coordinator"], people["learner_kh"]
    poipet = network.be("poipet").node_id
    officer_profile_update(actor=coordinator, officer=officer, rank="Captain")
    head = _trail(poipet)[-1]
    with transaction.atomic():
        # The chain claimed longer than it is, signed by someone else's key.
        network.be("aranya")
        now = timezone.now()
        signature = checkpoint_signature(index=9, entry_hash=head.entry_hash, time=now)
        network.be("poipet")
        AuditCheckpoint.stamped(
            recorded_at=now, chain_index=9, entry_hash=head.entry_hash, signature=signature
        )
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    forget_records(poipet)

    network.be("hub")
    summary = packet_import(source=packet)
    refused = RejectedRecord.objects.get(table="audit_checkpoint")
    assert "signature" in refused.reason and summary.rejected
    assert AuditCheckpoint.objects.filter(origin_node=poipet, chain_index=9).count() == 0
    # The genuine checkpoint the packet carried is kept, and the trail verifies.
    assert _verify("--node", str(poipet))[0] == 0


def test_a_post_may_not_send_another_nodes_trail(network, people, tmp_path):
    coordinator, officer = people["coordinator"], people["learner_kh"]
    aranya = network.be("aranya").node_id
    officer_profile_update(actor=coordinator, officer=officer, rank="Captain")
    table = by_name()["audit_entry"]
    rows = rows_for(table, where=Q(origin_node=aranya), lacking=None)[aranya.hex]
    network.be("poipet")
    claiming = packet_claiming(network, table, aranya, rows)
    forget_records(aranya, network.ids["poipet"])
    network.be("hub")
    with pytest.raises(PacketRefused, match="may not speak for them"):
        packet_import(source=claiming)
    assert not AuditEntry.objects.filter(origin_node=aranya).exists()
