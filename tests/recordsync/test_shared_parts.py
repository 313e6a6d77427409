"""A quiz attempt's questions stored once per node and carried once per chunk (ADR 0051): what
the hub reads is what the post drew, a part that is not what it is named is refused with its
packet, and an attempt that names a part nobody sent is refused alone."""

from __future__ import annotations

import orjson
import pytest
from django.db import connection

from learning import services as learning
from quizzes import drawnstore
from quizzes.drawn import canonical, digest, split
from quizzes.models import DrawnQuestion, QuizAttempt
from recordsync.models import RejectedRecord
from recordsync.services import PacketRefused, packet_export, packet_import
from recordsync.verify import shared_checked
from tests.recordsync.conftest import forget_records, record_count, snapshot

pytestmark = pytest.mark.django_db


def _quiz_taken_at_poipet(network, people, graded_course) -> QuizAttempt:
    officer = people["learner_kh"]
    network.be("poipet")
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    attempt = learning.quiz_start(learner=officer, quiz=graded_course.quizzes[0])
    learning.quiz_submit(learner=officer, attempt=attempt, responses={})
    return attempt


def _as_another_node(*origins) -> None:
    """The records of ``origins`` and every question part forgotten, as on a node that has not
    received them (the tests play every node on one database and in one process)."""
    forget_records(*origins)
    DrawnQuestion.objects.all().delete()
    drawnstore.parts_cache_clear()


def _stored_text(attempt: QuizAttempt) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT CAST(snapshot AS TEXT) FROM quizzes_quizattempt WHERE id = %s",
            [attempt.pk.hex if connection.vendor == "sqlite" else attempt.pk],
        )
        return cursor.fetchone()[0]


def test_the_hub_reads_the_questions_the_post_drew_from_parts_sent_once(
    network, people, graded_course, tmp_path
):
    attempt = _quiz_taken_at_poipet(network, people, graded_course)
    drawn = attempt.snapshot["questions"]
    # The row keeps references and the officer's own shown ids, not the questions' text.
    stored = _stored_text(attempt)
    assert drawn[0]["view"]["stem"] not in stored and '"ref"' in stored
    assert DrawnQuestion.objects.count() == len(drawn)
    assert QuizAttempt.objects.get(pk=attempt.pk).snapshot == attempt.snapshot
    made = snapshot(network.ids["poipet"])

    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    _as_another_node(network.ids["poipet"])
    network.be("hub")
    summary = packet_import(source=packet)
    assert summary.new == sum(len(rows) for rows in made.values()) and not summary.rejected
    assert DrawnQuestion.objects.count() == len(drawn)
    drawnstore.parts_cache_clear()
    assert QuizAttempt.objects.get(pk=attempt.pk).snapshot == attempt.snapshot
    assert snapshot(network.ids["poipet"]) == made


def test_a_part_that_is_not_what_it_is_named_refuses_the_packet(
    network, people, graded_course, tmp_path
):
    attempt = _quiz_taken_at_poipet(network, people, graded_course)
    _stored, parts = split({"questions": attempt.snapshot["questions"][:1]})
    ((name, text),) = parts.items()
    # What a post that rewrites a key after the fact would send, signed by itself.
    forged = canonical({**orjson.loads(text), "key": {"correct_answer": "whatever it likes"}})
    drawnstore._remember({name: forged})
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    _as_another_node(network.ids["poipet"])
    network.be("hub")
    with pytest.raises(PacketRefused, match="not what it is named"):
        packet_import(source=packet)
    assert record_count(network.ids["poipet"]) == 0
    assert not DrawnQuestion.objects.exists()


def test_an_attempt_naming_a_part_nobody_sent_is_refused_alone(
    network, people, graded_course, tmp_path
):
    attempt = _quiz_taken_at_poipet(network, people, graded_course)
    made = snapshot(network.ids["poipet"])
    # The post lost one part (a damaged database): its packet cannot carry it.
    lost = sorted(DrawnQuestion.objects.values_list("digest", flat=True))[0]
    DrawnQuestion.objects.filter(digest=lost).delete()
    drawnstore.parts_cache_clear()
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    _as_another_node(network.ids["poipet"])
    network.be("hub")
    summary = packet_import(source=packet)
    refused = RejectedRecord.objects.get(table="quiz_attempt")
    assert refused.seq == attempt.origin_seq and "did not come with it" in refused.reason
    assert lost[:12] in refused.reason
    assert not QuizAttempt.objects.filter(pk=attempt.pk).exists()
    # Everything else the packet held is in (the submission waits for its attempt).
    assert summary.new == sum(len(rows) for rows in made.values()) - 2
    assert snapshot(network.ids["poipet"])["learner_record"] == made["learner_record"]


def test_a_part_that_no_record_names_is_not_kept(
    network, people, graded_course, tmp_path, monkeypatch
):
    """A chunk cannot fill the hub's table of parts with what no record needs: a part it
    carries beside those its attempts name is dropped (well formed, rightly named)."""
    import zstandard

    from recordsync import export as exporting

    _quiz_taken_at_poipet(network, people, graded_course)
    stray = canonical({"id": "o-stray", "type": "true_false", "view": {"stem": "Filler"}})
    made = exporting.chunk_data

    def with_a_stray_part(*, table, origin, rows):
        pieces = made(table=table, origin=origin, rows=rows)
        if table.name != "quiz_attempt":
            return pieces
        (data, held), *rest = pieces
        document = orjson.loads(zstandard.ZstdDecompressor().decompress(data))
        document["shared"][digest(stray)] = stray
        return [(zstandard.ZstdCompressor().compress(orjson.dumps(document)), held), *rest]

    monkeypatch.setattr(exporting, "chunk_data", with_a_stray_part)
    packet = tmp_path / "poipet.packet"
    packet_export(path=packet)
    kept = set(DrawnQuestion.objects.values_list("digest", flat=True))
    _as_another_node(network.ids["poipet"])
    network.be("hub")
    summary = packet_import(source=packet)
    assert summary.new and not summary.rejected
    assert set(DrawnQuestion.objects.values_list("digest", flat=True)) == kept


def test_a_part_must_be_a_json_object_named_by_its_sha_256():
    """What a receiver keeps of a chunk's parts: JSON objects named by their text's SHA-256;
    a list rightly named, or an object under another's name, refuses the packet."""
    question = canonical({"id": "o-1", "type": "true_false", "view": {"stem": "Stem"}})
    assert shared_checked({digest(question): question}) == {digest(question): question}
    listed = orjson.dumps([question]).decode()
    for parts in ({digest(listed): listed}, {digest(question): question + " "}):
        with pytest.raises(PacketRefused, match="not what it is named"):
            shared_checked(parts)
