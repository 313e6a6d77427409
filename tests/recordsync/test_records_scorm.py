"""SCORM records travel like the other learner records: an attempt made at a post reaches the
hub by packet, and a node cannot speak for another node's SCORM records."""

from __future__ import annotations

import hashlib

import pytest
from django.db.models import Q

from nodes.container import container_bytes
from nodes.sealing import seal
from nodes.selectors import trusted_key
from recordsync.export import chunk_data, export, rows_for
from recordsync.registry import by_name, columns
from recordsync.services import PacketRefused, packet_export, packet_import
from recordsync.wire import chunk_signature
from scormplayer.models import ScormRecord
from scormplayer.selectors import runtime_seed
from scormplayer.services import commit_apply, launch_start
from tests.recordsync.conftest import forget_records, packet_claiming, snapshot
from tests.scormplayer.tracking import enrol, scorm_lesson

pytestmark = pytest.mark.django_db


@pytest.fixture
def lesson(settings, tmp_path):
    settings.ELEARNING_SCORM_ROOT = tmp_path / "scorm"
    return scorm_lesson(version="2004")


def _play(officer, lesson, location: str) -> None:
    enrol(officer, lesson)
    launch = launch_start(user=officer, page=lesson)
    seed = runtime_seed(launch=launch, sco_index=0)
    for seq, status in ((1, "incomplete"), (2, "completed")):
        commit = {"location": location, "completion_status": status, "session_time": "PT2M"}
        result = commit_apply(
            launch=launch, attempt=seed["attempt"], sco="intro", seq=seq, cmi=commit
        )
        assert result.error_code == 0, result.message


def test_a_scorm_attempt_made_at_a_post_reaches_the_hub_by_packet(
    network, people, lesson, tmp_path
):
    network.be("poipet")
    _play(people["learner_kh"], lesson, "page-7")
    post = network.ids["poipet"]
    made = snapshot(post)
    assert len(made["scorm_record"]) == 2
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    forget_records(post)
    assert not ScormRecord.objects.exists()
    network.be("hub")
    summary = packet_import(source=packet)
    assert summary.rejected == [] and summary.new == sum(len(rows) for rows in made.values())
    assert snapshot(post) == made
    latest = ScormRecord.objects.order_by("-commit_seq").first()
    assert (latest.origin_node, latest.completion_status) == (post, "completed")
    assert latest.state["location"] == "page-7"
    assert latest.learner == people["learner_kh"]


def test_a_post_cannot_send_another_posts_scorm_records(network, people, lesson):
    network.be("aranya")
    _play(people["learner"], lesson, "page-1")
    network.be("poipet")
    table = by_name()["scorm_record"]
    aranya = network.ids["aranya"]
    theirs = rows_for(table, where=Q(), lacking=None)[aranya.hex]
    assert len(theirs) == 2
    claiming = packet_claiming(network, table, aranya, theirs)
    forget_records(aranya, network.ids["poipet"])
    network.be("hub")
    with pytest.raises(PacketRefused, match="may not speak for them"):
        packet_import(source=claiming)
    assert not ScormRecord.objects.exists()


def test_a_scorm_record_the_hub_cannot_read_is_refused_alone_with_its_reason(
    network, people, lesson
):
    network.be("poipet")
    _play(people["learner_kh"], lesson, "page-2")
    post = network.ids["poipet"]
    meta, parts, _summary = export(recipient=None, everything=True, max_chunks=None, progress=None)
    table = by_name()["scorm_record"]
    ours = rows_for(table, where=Q(), lacking=None)[post.hex]
    names = [c.name for c in columns(table)]
    ours[0][names.index("scorm_version")] = "3.0"
    plain, _held = chunk_data(table=table, origin=post.hex, rows=ours)[0]
    sealed = seal(plain, to=trusted_key(network.ids["hub"]))
    sha = hashlib.sha256(sealed).hexdigest()
    chunk = next(c for c in meta["chunks"] if c["table"] == "scorm_record")
    chunk.update({"sha256": sha, "signature": chunk_signature(sha)})
    parts = [(name, sealed if name == chunk["part"] else data) for name, data in parts]
    packet = container_bytes(kind="packet", meta=meta, parts=parts)
    forget_records(post)
    network.be("hub")
    summary = packet_import(source=packet)
    assert len(summary.rejected) == 1
    assert "SCORM version '3.0' is not 1.2 or 2004" in str(summary.rejected[0])
    assert ScormRecord.objects.count() == 1  # the other commit of the attempt applies
