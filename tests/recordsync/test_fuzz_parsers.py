"""Property-based fuzzing of the parsers a stranger's bytes reach (issue 9): the container, a
packet's chunks, an enrolment file and a request to /sync/exchange/. Each returns a result or
raises its one documented error, and none writes anything when it refuses."""

from __future__ import annotations

import base64
import gzip
import hashlib
import io
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from learning import services as learning
from nodes.container import ContainerError, container_bytes, open_container
from nodes.models import Enrolment, Peer
from nodes.sealing import seal
from nodes.selectors import enrolment_file_read, trusted_key
from nodes.services import enrolment_create, enrolment_file_write
from recordsync.models import ImportedPacket, PendingRecord, RejectedRecord, RelayChunk
from recordsync.services import (
    PacketRefused,
    exchange_answer,
    packet_export_bytes,
    packet_import,
)
from recordsync.transport import exchange_request
from recordsync.wire import FORMAT_VERSION, chunk_signature
from tests.recordsync.conftest import forget_records, record_count

pytestmark = pytest.mark.django_db

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@st.composite
def damaged(draw, original: bytes) -> bytes:
    """``original`` with bytes flipped, cut, inserted or replaced: never equal to it."""
    data = bytearray(original)
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(["flip", "cut", "insert", "overwrite"]))
        at = draw(st.integers(0, max(0, len(data) - 1)))
        if how == "flip" and data:
            data[at] ^= draw(st.integers(1, 255))
        elif how == "cut":
            del data[at : at + draw(st.integers(1, 64))]
        elif how == "insert":
            data[at:at] = draw(st.binary(min_size=1, max_size=16))
        else:
            chunk = draw(st.binary(min_size=1, max_size=16))
            data[at : at + len(chunk)] = chunk
    return bytes(data) if bytes(data) != original else original + b"\0"


def _state() -> tuple:
    return (
        record_count(),
        Peer.objects.count(),
        Enrolment.objects.filter(used_by__isnull=False).count(),
        ImportedPacket.objects.count(),
        PendingRecord.objects.count(),
        RejectedRecord.objects.count(),
        RelayChunk.objects.count(),
    )


@pytest.fixture
def poipet_packet(network, people, graded_course):
    """A real packet from Poipet for the hub, its records forgotten, the hub playing now."""
    network.be("poipet")
    officer = people["learner_kh"]
    learning.enrolment_create(learner=officer, course=graded_course.course, actor=officer)
    body, _summary = packet_export_bytes()
    forget_records(network.ids["poipet"])
    network.be("hub")
    return body


def test_the_container_reader_refuses_any_damage_with_its_one_error(network):
    network.be("hub")
    original = container_bytes(
        kind="packet", meta={"m": [1, "two"]}, parts=[("a", b"alpha" * 50), ("b", b"")]
    )

    @FUZZ
    @given(data=st.one_of(damaged(original), st.binary(max_size=400)))
    def check(data):
        try:
            opened = open_container(data, kinds={"packet"})
        except ContainerError as error:
            assert str(error)
        else:
            raise AssertionError(f"damaged container accepted: {opened.meta}")

    check()


def test_a_packet_damaged_anywhere_is_refused_and_nothing_written(poipet_packet):
    before = _state()

    @FUZZ
    @given(data=damaged(poipet_packet))
    def check(data):
        with pytest.raises(PacketRefused):
            packet_import(source=data)
        assert _state() == before

    check()


def _chunk_payloads():
    """What a signed, sealed chunk can hold: bytes, gzip of bytes, any JSON, gzip'd JSON."""
    json_values = st.recursive(
        st.none() | st.booleans() | st.integers() | st.text(max_size=20),
        lambda inner: (
            st.lists(inner, max_size=5) | st.dictionaries(st.text(max_size=8), inner, max_size=5)
        ),
        max_leaves=20,
    )
    documents = st.fixed_dictionaries(
        {
            "v": st.sampled_from([2, 1, "2"]),
            "table": st.sampled_from(["learner_record", "quiz_attempt", "nope"]),
            "origin": st.text(max_size=40),
            "columns": st.lists(st.text(max_size=12), max_size=6),
            "rows": st.lists(st.lists(json_values, max_size=6), max_size=4),
        }
    )
    return st.one_of(
        st.binary(max_size=200),
        st.binary(max_size=200).map(gzip.compress),
        json_values.map(lambda v: gzip.compress(json.dumps(v).encode())),
        documents.map(lambda d: gzip.compress(json.dumps(d).encode())),
    )


def test_a_signed_chunk_holding_anything_is_refused_whole_and_nothing_written(
    poipet_packet, network
):
    """Chunks signed and sealed correctly by an enrolled post, holding whatever it likes: the
    chunk parser answers with PacketRefused, and the hub writes nothing."""
    before = _state()
    hub_key = trusted_key(network.ids["hub"])

    @FUZZ
    @given(payload=_chunk_payloads(), count=st.integers(0, 3))
    def check(payload, count):
        network.be("poipet")
        sealed = seal(payload, to=hub_key)
        sha = hashlib.sha256(sealed).hexdigest()
        meta = {
            "format": FORMAT_VERSION,
            "recipient": str(network.ids["hub"]),
            "have": {},
            "chunks": [
                {
                    "part": "c1",
                    "table": "learner_record",
                    "origin": str(network.ids["poipet"]),
                    "signer": str(network.ids["poipet"]),
                    "signature": chunk_signature(sha),
                    "sha256": sha,
                    "count": count,
                    "seqs": [[1, count]] if count else [],
                }
            ],
        }
        packet = container_bytes(kind="packet", meta=meta, parts=[("c1", sealed)])
        network.be("hub")
        with pytest.raises(PacketRefused):
            packet_import(source=packet)
        assert _state() == before

    check()


def test_an_enrolment_file_damaged_or_sealed_with_anything_is_refused_with_its_one_error(
    network, tmp_path
):
    network.be("hub")
    enrolment, code = enrolment_create(name="Poipet", country="KH", post_code="kh-p")
    good = tmp_path / "good.enrol"
    enrolment_file_write(enrolment=enrolment, code=code, hub_url="http://hq", path=good)
    original = good.read_bytes()
    hub_meta = open_container(good, kinds={"enrolment"}).meta["hub"]
    network.be("poipet")
    before = _state()
    trial = tmp_path / "trial.enrol"

    @FUZZ
    @given(
        data=st.one_of(
            damaged(original),
            st.binary(max_size=64).map(
                lambda b: _signed_enrolment(network, hub_meta, base64.b64encode(b).decode())
            ),
            st.text(max_size=30).map(lambda t: _signed_enrolment(network, hub_meta, t)),
        ),
        typed=st.sampled_from([code, "", "AAAA-BBBB-CCCC-DDDD"]),
    )
    def check(data, typed):
        trial.write_bytes(data)
        try:
            enrolment_file_read(path=trial, code=typed)
        except ContainerError as error:
            assert str(error)
        else:
            assert typed == code and data == original
        assert _state() == before

    check()


def _signed_enrolment(network, hub_meta: dict, sealed: str) -> bytes:
    """An enrolment file properly signed by the hub whose sealed part is ``sealed``."""
    current = network.settings.NODE_KEY_DIR, network.settings.NODE_ROLE
    network.be("hub")
    try:
        return container_bytes(
            kind="enrolment", meta={"format": 2, "hub": hub_meta, "sealed": sealed}, parts=[]
        )
    finally:
        network.settings.NODE_KEY_DIR, network.settings.NODE_ROLE = current


def test_an_exchange_request_damaged_anywhere_is_refused_and_nothing_kept(
    poipet_packet, network, settings
):
    network.be("poipet")
    request = exchange_request(poipet_packet, hub=Peer.objects.get(node_id=network.ids["hub"]))
    network.be("hub")
    incoming = settings.DATA_DIR / "incoming"
    before = _state()

    @FUZZ
    @given(data=st.one_of(damaged(request), st.binary(max_size=400)))
    def check(data):
        with pytest.raises(PacketRefused):
            exchange_answer(stream=io.BytesIO(data), length=len(data))
        assert _state() == before
        assert not incoming.exists() or not any(incoming.iterdir())

    check()
