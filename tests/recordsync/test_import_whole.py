"""A packet is imported whole or not at all (one transaction, each chunk read and checked once
as it is applied), what it implies is derived once per officer and course, and packets an older
node wrote (format 2, gzip'd chunks) are still read."""

from __future__ import annotations

import copy
import gzip
from types import SimpleNamespace

import pytest

from learning import services as learning
from learning.models import LearnerRecord, RecordKind
from nodes.container import container_bytes
from recordsync import export as exporting
from recordsync.export import export
from recordsync.models import ImportedPacket, RecomputeDue
from recordsync.selectors import holdings
from recordsync.services import PacketRefused, packet_export, packet_import
from tests.certificates.conftest import complete
from tests.recordsync.conftest import forget_records, lessons_packets, record_count, snapshot

pytestmark = pytest.mark.django_db


def _course_completed(officer) -> bool:
    return LearnerRecord.objects.filter(learner=officer, kind=RecordKind.COURSE_COMPLETED).exists()


def test_a_packet_whose_last_chunk_is_bad_leaves_nothing_behind(network, people, graded_course):
    """Poipet's packet with its last chunk signed but not what the listing says (a damaged
    writer): every chunk before it was good and applied, yet the hub keeps none of its records,
    derives no progress, claims to hold nothing, and takes the packet when it is written again."""
    officer = people["learner_kh"]
    network.be("poipet")
    complete(officer, graded_course)
    post = network.ids["poipet"]
    made = snapshot(post)
    meta, parts, _summary = export(recipient=None, everything=True, max_chunks=None, progress=None)
    assert len(meta["chunks"]) > 2
    good = container_bytes(kind="packet", meta=meta, parts=parts)
    damaged_meta = copy.deepcopy(meta)
    damaged_meta["chunks"][-1]["count"] += 1
    damaged = container_bytes(kind="packet", meta=damaged_meta, parts=parts)
    forget_records(post)
    network.be("hub")
    held_before = holdings().get(post, [])

    with pytest.raises(PacketRefused, match="does not match its listing"):
        packet_import(source=damaged)
    assert record_count(post) == 0
    assert holdings().get(post, []) == held_before
    assert not _course_completed(officer)
    assert not RecomputeDue.objects.exists()
    assert not ImportedPacket.objects.exists()

    arrived = packet_import(source=good)
    assert arrived.new == sum(len(rows) for rows in made.values())
    assert snapshot(post) == made
    assert _course_completed(officer)


def test_progress_derived_at_import_is_what_recomputing_each_officer_finds(
    network, people, course_tree, tmp_path
):
    """Sokha does module 1 at Poipet and module 2 at Aranyaprathet; Khamla does module 1 at
    Poipet only. The hub imports both packets and derives Sokha's completion; asking for each
    officer's progress one by one afterwards finds nothing more to record."""
    sokha, khamla = people["learner_kh"], people["learner_la"]
    module_one, module_two = course_tree.lessons[:2], course_tree.lessons[2:]
    work = {"poipet": [(sokha, module_one), (khamla, module_one)], "aranya": [(sokha, module_two)]}
    packets = lessons_packets(network, course_tree, tmp_path, work)
    network.be("hub")
    for packet in packets:
        packet_import(source=packet)

    assert _course_completed(sokha)
    assert not _course_completed(khamla)
    key = course_tree.course.translation_key
    for officer in (sokha, khamla):
        assert learning.progress_recompute(learner=officer, course_key=key) == []
    assert not RecomputeDue.objects.exists()


class _Gzip:
    """What a node of packet format 2 compressed its chunks with."""

    def __init__(self, level: int):
        pass

    def compress(self, raw: bytes) -> bytes:
        return gzip.compress(raw, compresslevel=1, mtime=0)


def test_a_packet_an_older_node_wrote_with_gzip_is_still_read(
    network, people, graded_course, tmp_path, monkeypatch
):
    """A post not yet updated writes format 2 (gzip'd chunks): the hub reads all of it."""
    network.be("poipet")
    complete(people["learner_kh"], graded_course)
    post = network.ids["poipet"]
    made = snapshot(post)
    monkeypatch.setattr(exporting, "zstandard", SimpleNamespace(ZstdCompressor=_Gzip))
    monkeypatch.setattr(exporting, "FORMAT_VERSION", 2)
    packet = tmp_path / "old.packet"
    packet_export(path=packet)
    monkeypatch.undo()
    with open(packet, "rb") as handle:
        assert b'"format":2' in handle.read(64 * 1024)
    forget_records(post)
    network.be("hub")
    arrived = packet_import(source=packet)
    assert arrived.new == sum(len(rows) for rows in made.values())
    assert snapshot(post) == made


def test_records_too_large_for_a_chunk_arrive_every_one(
    network, people, graded_course, tmp_path, monkeypatch
):
    """Rows larger than a chunk may hold (quiz snapshots of a long quiz) are split into
    smaller chunks, and the table's next rows go at the size that fitted: every record of the
    post arrives at the hub, once, in chunks none of which is over the limit."""
    officer = people["learner_kh"]
    network.be("poipet")
    complete(officer, graded_course)
    post = network.ids["poipet"]
    made = snapshot(post)
    monkeypatch.setattr(exporting, "CHUNK_ROWS", 3)
    monkeypatch.setattr(exporting, "CHUNK_MAX_BYTES", 1)  # every row is "too large"
    packet = tmp_path / "p.packet"
    summary = packet_export(path=packet)
    assert summary.records == record_count(post) > 3
    assert summary.chunks == summary.records  # one row a chunk: none over the limit but alone
    forget_records(post)
    network.be("hub")
    imported = packet_import(source=packet)
    assert imported.new == imported.received == summary.records
    assert snapshot(post) == made


def test_rows_go_in_whole_groups_and_a_remainder_and_a_clash_refuses_only_its_row(
    network, people, graded_course
):
    """A chunk's rows go in several rows a statement (on PostgreSQL), then the rows left over:
    123 records arrive exactly as they were made (times with their zone, every UUID as it
    was); the same packet at a hub that already holds one record's id under another origin
    refuses that row alone, with its reason, and applies the 122 others."""
    from django.db import connection
    from django.utils import timezone

    officer = people["learner_kh"]
    course_key = graded_course.course.translation_key
    network.be("poipet")
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    for _n in range(122):
        LearnerRecord.stamped(
            recorded_at=timezone.now(),
            kind=RecordKind.LESSON_OPENED,
            learner=officer,
            course_key=course_key,
        )
    post = network.ids["poipet"]
    made = snapshot(post)
    assert len(made["learner_record"]) == 123
    meta, parts, _summary = export(recipient=None, everything=True, max_chunks=None, progress=None)
    packet = container_bytes(kind="packet", meta=meta, parts=parts)
    forget_records(post)
    network.be("hub")

    assert packet_import(source=packet).new == 123
    assert snapshot(post) == made

    clashing = LearnerRecord.objects.filter(origin_node=post).order_by("origin_seq")[60]
    forget_records(post)
    ImportedPacket.objects.all().delete()  # the same packet, to another database
    here = LearnerRecord.stamped(
        recorded_at=timezone.now(),
        kind=RecordKind.LESSON_OPENED,
        learner=officer,
        course_key=course_key,
    )
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {LearnerRecord._meta.db_table} SET id = %s WHERE id = %s",
            [clashing.pk.hex, here.pk.hex],
        )
    summary = packet_import(source=packet)
    assert summary.new == 122
    assert [(seq, "clashes" in reason) for _o, seq, _t, reason in summary.rejected] == [
        (clashing.origin_seq, True)
    ]
    assert record_count(post) == 122
