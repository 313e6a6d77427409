"""What a node holds, kept as it imports (ADR 0030): the ranges an import notes are what the
tables hold, whatever the order packets arrive in, however often, and wherever one is cut off
(a packet is one transaction: all of it or none);
and a sync in rounds sends each record once, oldest first."""

from __future__ import annotations

import pytest

from learning import services as learning
from recordsync import apply as applying
from recordsync import export as exporting
from recordsync import ranges as rng
from recordsync.models import HeldRecords, PeerHoldings
from recordsync.selectors import holdings, holdings_scanned
from recordsync.services import packet_export, packet_import
from tests.certificates.conftest import complete
from tests.recordsync.conftest import forget_records, record_count, snapshot

pytestmark = pytest.mark.django_db


def _held(origin) -> list[list[int]]:
    return HeldRecords.objects.get(origin=origin).ranges


def _two_packets(network, officer, tree, tmp_path):
    """Two packets of Poipet's: the first (an enrolment and an attempt), then, after the hub
    acknowledged it, the second (the submission, which needs the attempt)."""
    post = network.be("poipet")
    learning.enrolment_create(learner=officer, course=tree.course, actor=officer)
    attempt = learning.quiz_start(learner=officer, quiz=tree.quizzes[0])
    first = tmp_path / "1.packet"
    packet_export(path=first)
    PeerHoldings.objects.create(
        peer_id=network.ids["hub"], origin=post.node_id, ranges=holdings()[post.node_id]
    )
    learning.quiz_submit(learner=officer, attempt=attempt, responses={})
    second = tmp_path / "2.packet"
    assert packet_export(path=second).records == 1
    return post.node_id, first, second


def test_a_gap_filled_later_leaves_one_range_and_the_tables_agree(
    network, people, graded_course, tmp_path
):
    post, first, second = _two_packets(network, people["learner_kh"], graded_course, tmp_path)
    made = snapshot(post)
    forget_records(post)
    network.be("hub")
    packet_export(path=tmp_path / "built.packet", recipient=network.ids["poipet"])
    early = packet_import(source=second)
    assert early.pending == 1
    # The waiting submission is held (not asked for again), the records before it are not.
    assert rng.count(_held(post)) == 1
    assert holdings()[post] == holdings_scanned()[post]
    packet_import(source=first)
    assert snapshot(post) == made
    assert holdings()[post] == holdings_scanned()[post] == [[1, rng.count(holdings()[post])]]


def test_a_replayed_packet_adds_no_record_and_no_range(network, people, graded_course, tmp_path):
    network.be("poipet")
    complete(people["learner_kh"], graded_course)
    post = network.ids["poipet"]
    packet = tmp_path / "p.packet"
    packet_export(path=packet)
    again = tmp_path / "again.packet"
    packet_export(path=again, everything=True)  # the same records, another file
    made = snapshot(post)
    forget_records(post)
    network.be("hub")
    packet_import(source=packet)
    held = holdings()
    assert packet_import(source=again).new == 0
    assert packet_import(source=packet).replay_of
    assert snapshot(post) == made and record_count(post) == rng.count(held[post])
    assert holdings() == held == holdings_scanned()


def test_an_import_cut_off_after_its_first_chunk_keeps_nothing_and_a_rerun_completes(
    network, people, graded_course, tmp_path, monkeypatch
):
    """The import dies after applying its first chunk (a power cut): the packet is one
    transaction, so the hub holds none of its records and claims none, and the same packet
    imported again brings them all, once each."""
    network.be("poipet")
    complete(people["learner_kh"], graded_course)
    post = network.ids["poipet"]
    packet = tmp_path / "p.packet"
    packet_export(path=packet)
    made = snapshot(post)
    forget_records(post)
    network.be("hub")
    packet_export(path=tmp_path / "built.packet", recipient=post)
    before = holdings().get(post, [])
    calls = []
    counted = applying._count

    def cut_at_the_second(*args, **kwargs):
        calls.append(1)
        if len(calls) == 2:
            raise SystemExit("power cut")
        counted(*args, **kwargs)

    monkeypatch.setattr(applying, "_count", cut_at_the_second)
    with pytest.raises(SystemExit):
        packet_import(source=packet)
    assert len(calls) == 2
    assert record_count(post) == 0
    assert holdings().get(post, []) == before
    assert holdings() == holdings_scanned()
    monkeypatch.undo()
    rerun = packet_import(source=packet)
    assert rerun.new == sum(len(rows) for rows in made.values())
    assert snapshot(post) == made
    assert holdings() == holdings_scanned()


def test_a_sync_in_rounds_sends_each_record_once_oldest_first(
    network, people, graded_course, tmp_path, monkeypatch
):
    """Rounds of two records: each packet holds the two oldest the hub lacks, whichever table
    they are in, so what the hub holds of the post stays one range from round to round."""
    network.be("poipet")
    complete(people["learner_kh"], graded_course)
    post = network.ids["poipet"]
    made = snapshot(post)
    seqs = sorted(row[2] for rows in made.values() for row in rows)  # (id, origin, seq, ...)
    monkeypatch.setattr(exporting, "CHUNK_ROWS", 2)
    packets = []
    for number in range(len(seqs)):
        network.be("poipet")
        packet = tmp_path / f"{number}.packet"
        if not packet_export(path=packet, max_chunks=1).records:
            break
        packets.append(packet)
        # The hub's next answer says what it holds: the records of every packet so far.
        PeerHoldings.objects.update_or_create(
            peer_id=network.ids["hub"],
            origin=post,
            defaults={"ranges": rng.to_ranges(seqs[: 2 * len(packets)])},
        )
    assert len(packets) == (len(seqs) + 1) // 2
    forget_records(post)
    network.be("hub")
    for number, packet in enumerate(packets, start=1):
        summary = packet_import(source=packet)
        assert summary.pending == 0 and summary.new == summary.received
        assert holdings()[post] == rng.to_ranges(seqs[: 2 * number])
    assert snapshot(post) == made
