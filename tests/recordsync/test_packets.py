"""Sync packets by file (a USB stick): round trip, replays, order, damage, strangers, relays."""

from __future__ import annotations

import datetime
import json
import random
import uuid

import pytest
from django.contrib.auth.hashers import is_password_usable
from django.core.management import CommandError, call_command

from certificates.models import Certificate
from learning import services as learning
from learning.models import LearnerRecord, RecordKind
from nodes import container as node_container
from nodes.models import Peer
from quizzes.models import QuizSubmission
from recordsync import ranges as rng
from recordsync.models import (
    ImportedPacket,
    PeerHoldings,
    PendingRecord,
    RejectedRecord,
    RelayChunk,
)
from recordsync.selectors import holdings, outbox_summary
from recordsync.services import PacketRefused, packet_export, packet_import
from tests.certificates.conftest import complete
from tests.recordsync.conftest import (
    forged_chunk,
    forget_records,
    lessons_packets,
    record_count,
    snapshot,
)

pytestmark = pytest.mark.django_db


def _learn_at(nodes, name, officer, tree):
    """``officer`` completes ``tree`` at post ``name`` (a certificate is issued there)."""
    nodes.be(name)
    complete(officer, tree)


def _bookkeeping() -> tuple:
    return (
        ImportedPacket.objects.count(),
        PendingRecord.objects.count(),
        RejectedRecord.objects.count(),
        RelayChunk.objects.count(),
        list(PeerHoldings.objects.values_list("peer_id", "origin", "ranges")),
    )


def test_round_trip_by_file_brings_every_record_to_the_hub(
    network, people, graded_course, tmp_path
):
    officer = people["learner_kh"]
    _learn_at(network, "poipet", officer, graded_course)
    post = network.ids["poipet"]
    made = snapshot(post)
    assert made["certificate"] and made["quiz_submission"] and made["learner_record"]
    waiting = outbox_summary()
    assert waiting.total == record_count(post) and waiting.oldest is not None

    packet = tmp_path / "poipet.packet"
    call_command("sync_export", "-o", str(packet), verbosity=0)
    forget_records(post)
    network.be("hub")
    out = _call_json("sync_import", str(packet))
    assert out["refused"] is False
    assert out["received"] == out["new"] == sum(len(rows) for rows in made.values())
    assert out["already_present"] == 0 and out["rejected"] == [] and out["pending"] == 0
    assert snapshot(post) == made
    # The officer's certificate, issued at the post, is not issued again at the hub.
    assert Certificate.objects.filter(holder=officer).count() == 1


def _call_json(*args) -> dict:
    import io

    out = io.StringIO()
    call_command(*args, "--json", stdout=out)
    return json.loads(out.getvalue())


def test_a_packet_read_twice_changes_nothing_the_second_time(
    network, people, graded_course, tmp_path
):
    _learn_at(network, "poipet", people["learner_kh"], graded_course)
    learning.enrolment_create(
        learner=people["learner_la"], course=graded_course.course, actor=people["learner_la"]
    )
    packet = tmp_path / "p.packet"
    packet_export(path=packet)
    forget_records(network.ids["poipet"])
    network.be("hub")
    first = packet_import(source=packet)
    assert first.new > 0
    after = snapshot(), _bookkeeping()
    again = packet_import(source=packet)
    assert again.new == 0 and again.received == 0
    assert "already imported" in " ".join(again.lines())
    assert (snapshot(), _bookkeeping()) == after

    # The same records in a new packet with one more: only that one is added.
    network.be("poipet")
    # A lesson opened for the first time is one record (a second opening records nothing).
    learning.lesson_open(learner=people["learner_la"], lesson=graded_course.lessons[1])
    second = tmp_path / "p2.packet"
    packet_export(path=second, everything=True)
    made = snapshot(network.ids["poipet"])
    forget_records(network.ids["poipet"])
    network.be("hub")
    assert packet_import(source=packet).replay_of  # the first one, again: still nothing
    assert record_count(network.ids["poipet"]) == 0
    summary = packet_import(source=second)
    assert summary.new == first.new + 1 and summary.already_present == 0
    assert snapshot(network.ids["poipet"]) == made


def test_packets_out_of_order_wait_then_apply(network, people, graded_course, tmp_path):
    """The second packet (quiz submissions) arrives before the first (their attempts): its
    records wait, and apply when the first arrives."""
    officer = people["learner_kh"]
    post = network.be("poipet")
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    attempt = learning.quiz_start(learner=officer, quiz=graded_course.quizzes[0])
    first = tmp_path / "1.packet"
    packet_export(path=first)
    # The hub acknowledged the first packet (its next packet said so).
    hub_id = network.ids["hub"]
    acknowledged = holdings()[post.node_id]
    PeerHoldings.objects.create(peer_id=hub_id, origin=post.node_id, ranges=acknowledged)
    learning.quiz_submit(learner=officer, attempt=attempt, responses={})
    second = tmp_path / "2.packet"
    assert packet_export(path=second).records == 1
    made = snapshot(post.node_id)

    forget_records(post.node_id)
    network.be("hub")
    early = packet_import(source=second)
    assert (early.new, early.pending) == (0, 1)
    assert "waiting" in " ".join(early.lines())
    assert not QuizSubmission.objects.exists()
    late = packet_import(source=first)
    assert late.new == 2 and late.pending_applied == 1
    assert not PendingRecord.objects.exists()
    assert snapshot(post.node_id) == made


@pytest.fixture
def poipet_packet(network, people, graded_course, tmp_path):
    _learn_at(network, "poipet", people["learner_kh"], graded_course)
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    forget_records(network.ids["poipet"])
    network.be("hub")
    return packet


def test_a_packet_cut_short_anywhere_is_refused_and_nothing_applied(
    poipet_packet, network, tmp_path
):
    poipet = network.ids["poipet"]
    data = poipet_packet.read_bytes()
    before = _bookkeeping()
    cut = tmp_path / "cut.packet"
    for offset in [
        0,
        5,
        12,
        100,
        len(data) // 2,
        len(data) - 1,
        *random.sample(range(len(data)), 12),
    ]:
        cut.write_bytes(data[:offset])
        with pytest.raises(PacketRefused) as refused:
            packet_import(source=cut)
        assert "Nothing was applied" in str(refused.value) or "nothing was applied" in str(
            refused.value
        )
        assert record_count(poipet) == 0 and _bookkeeping() == before


def test_one_flipped_byte_anywhere_is_refused_and_nothing_applied(poipet_packet, network, tmp_path):
    poipet = network.ids["poipet"]
    data = poipet_packet.read_bytes()
    before = _bookkeeping()
    positions = sorted({0, 9, 13, 40, len(data) - 1, *random.sample(range(len(data)), 60)})
    for position in positions:
        damaged = bytearray(data)
        damaged[position] ^= 0x01
        with pytest.raises(PacketRefused):
            packet_import(source=bytes(damaged))
        assert record_count(poipet) == 0 and _bookkeeping() == before
    assert packet_import(source=data).new > 0  # the undamaged packet is fine


def test_a_packet_from_an_unknown_node_is_refused(network, people, graded_course, tmp_path):
    stranger = network.be("stranger")
    hub = Peer.objects.get(node_id=network.ids["hub"])
    assert hub.role == "hub"
    learning.enrolment_create(
        learner=people["learner"], course=graded_course.course, actor=people["learner"]
    )
    packet = tmp_path / "s.packet"
    packet_export(path=packet)
    assert stranger.node_id not in set(Peer.objects.values_list("node_id", flat=True))
    forget_records(stranger.node_id)
    network.be("hub")
    with pytest.raises(PacketRefused, match="does not know"):
        packet_import(source=packet)
    assert record_count(stranger.node_id) == 0


def test_a_packet_for_another_hub_is_refused(poipet_packet, network):
    network.be("hub-other")
    with pytest.raises(PacketRefused, match="is for Hub, not this node"):
        packet_import(source=poipet_packet)
    assert record_count(network.ids["poipet"]) == 0


def test_records_of_another_origin_are_refused_whole(network, people, graded_course, tmp_path):
    """Poipet signs a chunk of Aranyaprathet's records as if it could speak for them."""

    from django.db.models import Q

    from nodes.container import container_bytes
    from recordsync.export import export, rows_for
    from recordsync.registry import by_name
    from recordsync.wire import chunk_signature

    network.be("aranya")
    officer = people["learner"]
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    network.be("poipet")
    learning.enrolment_create(
        learner=people["learner_kh"], course=graded_course.course, actor=people["learner_kh"]
    )
    meta, parts, _summary = export(recipient=None, everything=True, max_chunks=None, progress=None)
    table = by_name()["learner_record"]
    rows = rows_for(table, where=Q(), lacking=None)
    aranya = network.ids["aranya"]
    assert rows[aranya.hex], "the forged chunk carries Aranyaprathet's real rows"
    entry, forged = forged_chunk(network, table, aranya, rows[aranya.hex], seqs=[[1, 1]], count=1)
    sha = entry["sha256"]
    meta["chunks"].append(entry)
    claiming = container_bytes(kind="packet", meta=meta, parts=[*parts, ("forged", forged)])

    # A chunk listed as Poipet's own whose rows are Aranyaprathet's.
    meta2, parts2, _summary = export(
        recipient=None, everything=True, max_chunks=None, progress=None
    )
    meta2["chunks"][0].update({"sha256": sha, "signature": chunk_signature(sha), "seqs": [[1, 1]]})
    disguised = container_bytes(
        kind="packet", meta=meta2, parts=[(parts2[0][0], forged), *parts2[1:]]
    )
    forget_records(aranya, network.ids["poipet"])
    network.be("hub")
    with pytest.raises(PacketRefused, match="may not speak for them"):
        packet_import(source=claiming)
    with pytest.raises(PacketRefused, match=r"may not speak for them|claim to be from"):
        packet_import(source=disguised)
    assert record_count(aranya, network.ids["poipet"]) == 0


def test_a_post_carries_another_posts_packet_to_the_hub(network, people, graded_course, tmp_path):
    officer = people["learner_kh"]
    _learn_at(network, "poipet", officer, graded_course)
    poipet = network.ids["poipet"]
    made = snapshot(poipet)
    from_poipet = tmp_path / "poipet.packet"
    packet_export(path=from_poipet)
    forget_records(poipet)

    # The stick visits Aranyaprathet first: it keeps Poipet's chunks, applies nothing.
    network.be("aranya")
    carried = packet_import(source=from_poipet)
    assert carried.relayed == sum(len(rows) for rows in made.values())
    assert carried.new == 0 and record_count(poipet) == 0
    assert "headquarters" in " ".join(carried.lines())
    assert outbox_summary().carried == carried.relayed
    to_hub = tmp_path / "aranya.packet"
    assert packet_export(path=to_hub).relayed_chunks == RelayChunk.objects.count() > 0

    network.be("hub")
    arrived = packet_import(source=to_hub)
    assert arrived.new == carried.relayed
    assert snapshot(poipet) == made

    # The hub's next packet tells Aranyaprathet what it holds: the carried chunks are dropped.
    back = tmp_path / "hub-to-aranya.packet"
    packet_export(path=back, recipient=network.ids["aranya"])
    network.be("aranya")
    packet_import(source=back)
    assert not RelayChunk.objects.exists()


def test_records_waiting_for_an_officer_apply_when_the_officer_arrives(
    network, people, graded_course, tmp_path
):
    """A record whose officer is not on this node waits (reported), then applies at the next
    import after the officer's profile arrived."""
    officer = people["learner_kh"]
    network.be("poipet")
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    packet = tmp_path / "p.packet"
    packet_export(path=packet)
    poipet = network.ids["poipet"]
    made = snapshot(poipet)
    forget_records(poipet)
    network.be("hub")
    real_uuid = officer.uuid
    type(officer).objects.filter(pk=officer.pk).update(uuid=uuid.uuid4())  # not here yet
    summary = packet_import(source=packet)
    assert summary.pending == 1 and summary.new == 0
    assert PendingRecord.objects.get().reason.startswith("the officer")
    assert "waiting" in " ".join(summary.lines())
    # Waiting records count as held: the post is not asked to send them again.
    assert holdings()[poipet] == [[1, 1]]

    type(officer).objects.filter(pk=officer.pk).update(uuid=real_uuid)  # the profile arrives
    network.be("poipet")
    PeerHoldings.objects.create(peer_id=network.ids["hub"], origin=poipet, ranges=[[1, 1]])
    nothing_new = tmp_path / "p2.packet"
    assert packet_export(path=nothing_new).records == 0
    network.be("hub")
    later = packet_import(source=nothing_new)
    assert later.new == 0 and later.pending_applied == 1
    assert not PendingRecord.objects.exists()
    assert snapshot(poipet) == made


def test_a_record_that_clashes_is_refused_with_its_reason_and_the_rest_applied(
    network, people, graded_course, tmp_path
):
    officer = people["learner_kh"]
    _learn_at(network, "poipet", officer, graded_course)
    packet = tmp_path / "p.packet"
    packet_export(path=packet)
    code = Certificate.objects.get().code
    poipet = network.ids["poipet"]
    made = snapshot(poipet)
    forget_records(poipet)
    # The hub already has a different certificate with the same code (it cannot happen with
    # real codes, which carry the node; it stands for any record that can never apply).
    network.be("hub")
    complete(people["learner"], graded_course)
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("UPDATE certificates_certificate SET code = %s", [code])
    summary = packet_import(source=packet)
    assert len(summary.rejected) == 1
    _origin, seq, table, reason = summary.rejected[0]
    assert table == "certificate" and "clashes" in reason
    assert "refused" in " ".join(summary.lines())
    assert RejectedRecord.objects.get().seq == seq
    assert summary.new == sum(len(rows) for rows in made.values()) - 1
    # A refused record is not asked for again.
    assert rng.contains(holdings()[poipet], seq)


def test_a_sender_clock_years_off_is_reported_and_records_kept(
    poipet_packet, network, people, graded_course, tmp_path, monkeypatch
):
    network.be("poipet")
    learning.enrolment_create(
        learner=people["learner_kh"], course=graded_course.course, actor=people["learner_kh"]
    )
    years_ago = datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=3 * 365 + 2)
    monkeypatch.setattr(node_container, "_now", lambda: years_ago.isoformat(timespec="seconds"))
    old = tmp_path / "old-clock.packet"
    packet_export(path=old, everything=True)
    forget_records(network.ids["poipet"])
    network.be("hub")
    summary = packet_import(source=old)
    assert summary.new == 1
    assert any("3 years behind" in w for w in summary.warnings)


def test_module_one_at_one_post_and_module_two_at_another_completes_the_course(
    network, people, course_tree, tmp_path
):
    officer = people["learner_kh"]
    module_one, module_two = course_tree.lessons[:2], course_tree.lessons[2:]
    packets = []
    for name, lessons in (("poipet", module_one), ("aranya", module_two)):
        network.be(name)
        learning.enrolment_create(learner=officer, course=course_tree.course, actor=officer)
        for lesson in lessons:
            learning.lesson_open(learner=officer, lesson=lesson)
            learning.lesson_complete(learner=officer, lesson=lesson)
        assert not LearnerRecord.objects.filter(kind=RecordKind.COURSE_COMPLETED).exists()
        packets.append(tmp_path / f"{name}.packet")
        packet_export(path=packets[-1])
        forget_records(network.ids[name])
    hub = network.be("hub")
    for packet in packets:
        packet_import(source=packet)
    done = LearnerRecord.objects.get(kind=RecordKind.COURSE_COMPLETED, learner=officer)
    assert done.origin_node == hub.node_id
    certificate = Certificate.objects.get(holder=officer)
    assert certificate.origin_node == hub.node_id


def test_the_hub_sends_a_post_its_officers_with_their_history(
    network, people, graded_course, tmp_path
):
    """An officer who learned at Aranyaprathet is now at Poipet: the hub's packet for Poipet
    carries their records from every node, and a revocation made at the hub."""
    officer = people["learner_kh"]  # at Poipet (kh-p)
    _learn_at(network, "aranya", officer, graded_course)
    network.be("hub")
    from certificates.services import certificate_revoke

    certificate_revoke(
        certificate=Certificate.objects.get(holder=officer),
        actor=people["admin"],
        reason="Issued in error.",
    )
    learning.enrolment_create(
        learner=people["learner"], course=graded_course.course, actor=people["learner"]
    )
    everything = snapshot()
    packet = tmp_path / "hub-to-poipet.packet"
    summary = packet_export(path=packet, recipient=network.ids["poipet"])
    assert summary.tables["revocation"] == 1
    forget_records()
    network.be("poipet")
    received = packet_import(source=packet)
    assert received.new == summary.records
    got = snapshot()
    assert got["revocation"] == everything["revocation"]
    assert got["certificate"] == everything["certificate"]
    # The Thai officer at Aranyaprathet is not in Poipet's scope.
    assert all(row[5] == officer.uuid for row in got["learner_record"])


def _profiles_in(packet) -> dict[str, dict]:
    """The profile data a packet carries, by officer UUID (hex), read as its recipient."""
    from nodes.container import open_container
    from nodes.selectors import key_for_packet
    from recordsync.verify import checked_listing, read_chunk

    container = open_container(packet, kinds={"packet"}, key_for=key_for_packet)
    found = {}
    sender_key = key_for_packet(container.sender, container.meta)
    for listed in checked_listing(container, sender_key):
        if listed.table.name == "profile_record":
            columns, rows, _shared = read_chunk(container, listed)
            for row in rows:
                record = dict(zip(columns, row, strict=True))
                data = record["data"]
                found[uuid.UUID(str(record["officer_uuid"])).hex] = (
                    json.loads(data) if isinstance(data, str) else data
                )
    return found


def test_a_post_gets_password_hashes_of_its_own_officers_only(
    network, people, graded_course, tmp_path
):
    """The administrator who revoked a Poipet officer's certificate travels to Poipet (the
    revocation names them), but without their password hash: only an officer's own post may
    check their log-in offline, so a stolen post computer holds no one else's."""
    officer = people["learner_kh"]
    _learn_at(network, "poipet", officer, graded_course)
    network.be("hub")
    from certificates.services import certificate_revoke

    certificate_revoke(
        certificate=Certificate.objects.get(holder=officer),
        actor=people["admin"],
        reason="Issued in error.",
    )
    packet = tmp_path / "hub-to-poipet.packet"
    packet_export(path=packet, recipient=network.ids["poipet"], everything=True)
    network.be("poipet")
    profiles = _profiles_in(packet)
    admin, own = profiles[people["admin"].uuid.hex], profiles[officer.uuid.hex]
    assert admin["username"] == people["admin"].username
    assert not is_password_usable(admin["password"])
    assert admin["password"] != people["admin"].password
    assert own["password"] == officer.password and is_password_usable(own["password"])
    assert people["learner"].uuid.hex not in profiles  # a Thai officer: not Poipet's at all


def test_export_at_the_hub_needs_a_post_and_a_post_needs_a_hub(network, tmp_path):
    network.be("hub")
    with pytest.raises(CommandError, match="which post"):
        call_command("sync_export", "-o", str(tmp_path / "x"), verbosity=0)
    Peer.objects.filter(role="hub").delete()
    network.be("poipet")
    with pytest.raises(CommandError, match="not enrolled"):
        call_command("sync_export", "-o", str(tmp_path / "x"), verbosity=0)


def test_sync_import_refuses_with_a_non_zero_exit_and_json(poipet_packet, tmp_path):
    bad = tmp_path / "bad.packet"
    bad.write_bytes(poipet_packet.read_bytes()[:-3])
    import io

    out = io.StringIO()
    with pytest.raises(CommandError, match="incomplete"):
        call_command("sync_import", str(bad), "--json", stdout=out)
    assert json.loads(out.getvalue())["refused"] is True


def test_a_new_posts_first_packet_enrols_it_and_the_hubs_answer_confirms(
    nodes, people, graded_course, tmp_path
):
    from nodes.selectors import enrolment_claim

    post = nodes.enrol_by_file("poipet", post_code="kh-p")
    learning.enrolment_create(
        learner=people["learner_kh"], course=graded_course.course, actor=people["learner_kh"]
    )
    first = tmp_path / "first.packet"
    packet_export(path=first)
    forget_records(post.node_id)

    nodes.be("hub")
    assert packet_import(source=first).new == 1
    assert Peer.objects.get(node_id=post.node_id).name == "Poipet"
    answer = tmp_path / "answer.packet"
    packet_export(path=answer, recipient=post.node_id)
    nodes.be("poipet")
    packet_import(source=answer)
    assert enrolment_claim() is None


def _second_import_killed_before_deriving(network, people, course_tree, tmp_path, monkeypatch):
    """At the hub: Poipet's packet (module 1 of an officer's course) imported, then
    Aranyaprathet's (module 2) cut off by a process that dies after the records are stored and
    before their progress is derived. Returns the officer and both packets."""
    from learning import services as learning_services

    officer = people["learner_kh"]
    module_one, module_two = course_tree.lessons[:2], course_tree.lessons[2:]
    work = {"poipet": [(officer, module_one)], "aranya": [(officer, module_two)]}
    packets = lessons_packets(network, course_tree, tmp_path, work)
    network.be("hub")
    packet_import(source=packets[0])

    def killed(**_kwargs):
        raise SystemExit("killed")

    monkeypatch.setattr(learning_services, "progress_recompute", killed)
    with pytest.raises(SystemExit):
        packet_import(source=packets[1])
    return officer, packets


def test_an_import_cut_off_before_progress_is_derived_finishes_it_next_time(
    network, people, course_tree, tmp_path, monkeypatch
):
    """The records of a chunk and the note that their officer's progress is due commit
    together; a process that dies before deriving it leaves the note, and the next import
    (even of the same packet) derives it: the course completes and the certificate is issued."""
    from recordsync.models import RecomputeDue

    officer, packets = _second_import_killed_before_deriving(
        network, people, course_tree, tmp_path, monkeypatch
    )
    assert LearnerRecord.objects.filter(origin_node=network.ids["aranya"]).exists()
    assert not LearnerRecord.objects.filter(kind=RecordKind.COURSE_COMPLETED).exists()
    assert RecomputeDue.objects.filter(learner_id=officer.pk).exists()
    monkeypatch.undo()
    packet_import(source=packets[1])
    assert LearnerRecord.objects.filter(kind=RecordKind.COURSE_COMPLETED, learner=officer).exists()
    assert Certificate.objects.filter(holder=officer).exists()
    assert not RecomputeDue.objects.exists()


def test_a_note_left_before_notes_had_topics_is_derived_by_every_step(
    network, people, course_tree, tmp_path, monkeypatch
):
    """An import cut off by a version that noted what is due without a topic: the updated
    node's next import hands those pairs to every derive step, so the course still completes."""
    from recordsync.models import RecomputeDue

    officer, packets = _second_import_killed_before_deriving(
        network, people, course_tree, tmp_path, monkeypatch
    )
    monkeypatch.undo()
    assert RecomputeDue.objects.filter(topic="learning.completion").exists()
    RecomputeDue.objects.filter(topic="learning.progress").delete()
    RecomputeDue.objects.update(topic="")  # as the older version wrote them
    packet_import(source=packets[1])
    assert LearnerRecord.objects.filter(kind=RecordKind.COURSE_COMPLETED, learner=officer).exists()
    assert not RecomputeDue.objects.exists()


@pytest.mark.parametrize("reference", ["not-a-uuid", "", "12345"])
def test_a_row_whose_officer_is_not_an_id_is_refused_alone(
    network, people, graded_course, reference
):
    """A post's own chunk where one row names its officer by something that is not an id: that
    row is refused as malformed (not left waiting for an officer that cannot come), the others
    apply, on SQLite and PostgreSQL alike (where such a value in a query of UUIDs would fail
    the whole import)."""
    from django.db.models import Q

    from nodes.container import container_bytes
    from recordsync.export import export, rows_for
    from recordsync.registry import by_name, columns

    network.be("poipet")
    poipet = network.ids["poipet"]
    for officer in (people["learner_kh"], people["learner"]):
        learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    table = by_name()["learner_record"]
    rows = [
        list(row) for row in rows_for(table, where=Q(origin_node=poipet), lacking=None)[poipet.hex]
    ]
    names = [c.name for c in columns(table)]
    rows[0][names.index("learner")] = reference
    seq_at = names.index("origin_seq")
    entry, sealed = forged_chunk(
        network, table, poipet, rows, seqs=[[rows[0][seq_at], rows[-1][seq_at]]]
    )
    meta, _parts, _summary = export(recipient=None, everything=True, max_chunks=None, progress=None)
    meta["chunks"] = [entry]
    packet = container_bytes(kind="packet", meta=meta, parts=[("forged", sealed)])
    forget_records(poipet)

    network.be("hub")
    summary = packet_import(source=packet)
    assert summary.new == len(rows) - 1
    assert summary.pending == 0
    assert "learner is not an id" in " ".join(summary.lines())
