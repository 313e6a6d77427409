"""The hub's /sync/exchange/ reads a small signed header and knows who is speaking before it
reads anything else (issue 9, ADR 0007 "A bounded exchange"); packets of another format are
refused plainly."""

from __future__ import annotations

import io
import json

import pytest
from django.test import RequestFactory
from django.urls import reverse

from learning import services as learning
from nodes.container import container_bytes
from nodes.models import Peer
from nodes.selectors import enrolment_claim
from recordsync import views
from recordsync.export import export
from recordsync.services import PacketRefused, packet_export_bytes, packet_import
from recordsync.transport import exchange_request
from tests.recordsync.conftest import forget_records, record_count

pytestmark = pytest.mark.django_db


class Counting(io.BytesIO):
    """A request body that remembers how much of it the server read."""

    def __init__(self, data: bytes):
        super().__init__(data)
        self.taken = 0

    def read(self, size=-1):
        block = super().read(size)
        self.taken += len(block)
        return block


def _send(body: bytes):
    stream = Counting(body)
    request = RequestFactory().generic(
        "POST",
        reverse("sync_exchange"),
        data=b"",
        content_type="application/octet-stream",
        CONTENT_LENGTH=str(len(body)),
        **{"wsgi.input": stream},
    )
    response = views.exchange(request)
    return response.status_code, json.loads(response.content).get("error", ""), stream


def test_a_strangers_request_is_refused_on_its_header_before_its_body_is_read(network):
    network.be("stranger")
    big = b"\0" * (4 * 1024 * 1024)
    hub = Peer.objects.get(node_id=network.ids["hub"])
    Peer.objects.filter(node_id=network.ids["stranger"]).delete()
    request = exchange_request(big, hub=hub)
    network.be("hub")
    status, error, stream = _send(request)
    assert status == 403 and "does not know" in error
    assert stream.taken < 64 * 1024, "the body was read before the sender was known"

    # A header too large to be a request is refused after its first bytes, whoever sent it.
    padded = container_bytes(kind="exchange", meta={"fill": "x" * 200_000}, parts=[])
    status, error, stream = _send(padded)
    assert status == 403 and "larger than this node accepts" in error
    assert stream.taken < 1024


def test_a_post_enrolled_by_file_makes_first_contact_over_http(
    nodes, people, graded_course, tmp_path, client
):
    post = nodes.enrol_by_file("poipet", post_code="kh-p")
    officer = people["learner_kh"]
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    packet, _sent = packet_export_bytes()
    body = exchange_request(packet, hub=Peer.objects.get(node_id=nodes.ids["hub"]))
    forget_records(post.node_id)

    nodes.be("hub")
    answer = client.post(
        reverse("sync_exchange"), data=body, content_type="application/octet-stream"
    )
    assert answer.status_code == 200, answer.content
    assert Peer.objects.get(node_id=post.node_id).name == "Poipet"
    assert record_count(post.node_id) == 1
    nodes.be("poipet")
    packet_import(source=answer.content)
    assert enrolment_claim() is None


def test_a_packet_of_the_older_format_is_refused_plainly(network, people, graded_course):
    network.be("poipet")
    officer = people["learner_kh"]
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    meta, parts, _summary = export(recipient=None, everything=True, max_chunks=None, progress=None)
    del meta["format"]  # what a node before format 2 wrote
    old = container_bytes(kind="packet", meta=meta, parts=parts)
    forget_records(network.ids["poipet"])
    network.be("hub")
    with pytest.raises(PacketRefused, match=r"packet format 1; this node reads format 4"):
        packet_import(source=old)
    assert record_count(network.ids["poipet"]) == 0


def _answer(body: bytes) -> bytes:
    request = RequestFactory().generic(
        "POST", reverse("sync_exchange"), data=body, content_type="application/octet-stream"
    )
    response = views.exchange(request)
    assert response.status_code == 200, response.content
    return response.content


def test_while_a_post_is_still_uploading_the_hub_answers_with_its_holdings_alone(
    network, people, graded_course
):
    """A round of a longer upload (``more`` in the post's signed header) is answered with what
    the hub holds and no records; the upload's last round is answered with what the post lacks
    (ADR 0049)."""
    officer = people["learner_kh"]
    hub = Peer.objects.get(node_id=network.ids["hub"])
    network.be("poipet")
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    packet, sent = packet_export_bytes()
    assert sent.records >= 1 and sent.complete
    uploading = exchange_request(packet, hub=hub, more=True)
    finishing = exchange_request(packet, hub=hub)

    # Headquarters records something about the post's officer that the post does not hold.
    network.be("hub")
    learning.lesson_open(learner=officer, lesson=graded_course.lessons[0])
    during = _answer(uploading)
    last = _answer(finishing)

    network.be("poipet")
    assert packet_import(source=during).received == 0
    assert packet_import(source=last).received >= 1, "the last round's answer carries it"
