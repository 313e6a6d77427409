"""The signed container every bundle, packet and enrolment file uses: whatever happens to the
file on the way (a flipped byte, a cut, bytes added, another signer), it is refused whole with
a message an operator understands, and writing never leaves a half file behind."""

import os

import pytest

from nodes.container import ContainerError, container_bytes, open_container, write_container
from nodes.identity import node_identity
from tests.disks import tiny_disk


@pytest.fixture
def other_node(tmp_path, settings):
    """An identity from another key directory (another node)."""
    settings.NODE_KEY_DIR = tmp_path / "other-keys"
    other = node_identity()
    settings.NODE_KEY_DIR = tmp_path / "my-keys"
    return other


@pytest.fixture
def me(tmp_path, settings):
    settings.NODE_KEY_DIR = tmp_path / "my-keys"
    return node_identity()


def _trust(*identities):
    keys = {who.node_id: who.public_key for who in identities}
    return lambda sender, meta: keys.get(sender)


def _write(path, me, media):
    write_container(
        path,
        kind="bundle",
        meta={"course": "TIP-101", "title": "ការជួញដូរមនុស្ស"},
        parts=[("manifest", b'{"pages": []}'), ("abc", media), ("empty", b"")],
        identity=me,
    )


def test_round_trip_streams_files_and_reads_parts(tmp_path, me):
    media = tmp_path / "video.webm"
    media.write_bytes(os.urandom(3 * 1024 * 1024 + 17))
    path = tmp_path / "out.bundle"
    _write(path, me, media)
    opened = open_container(path, kinds={"bundle"}, key_for=_trust(me))
    assert opened.sender == me.node_id
    assert opened.meta["title"] == "ការជួញដូរមនុស្ស"
    assert [p.name for p in opened.parts] == ["manifest", "abc", "empty"]
    assert opened.read("manifest") == b'{"pages": []}'
    assert opened.read("empty") == b""
    copy = tmp_path / "copy.webm"
    opened.copy_to("abc", copy)
    assert copy.read_bytes() == media.read_bytes()
    overhead = path.stat().st_size - media.stat().st_size
    assert overhead < 1024, "the container adds a header, not a re-encoding"
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".partial")]


def test_bytes_and_file_forms_are_the_same_format(me):
    data = container_bytes(kind="packet", meta={"n": 1}, parts=[("c1", b"x" * 10)], identity=me)
    opened = open_container(data, kinds={"packet"}, key_for=_trust(me))
    assert opened.read("c1") == b"x" * 10


def _refusal(data: bytes, me) -> str:
    with pytest.raises(ContainerError) as refused:
        open_container(data, kinds={"bundle"}, key_for=_trust(me))
    return str(refused.value)


def test_every_single_flipped_byte_is_refused(tmp_path, me):
    path = tmp_path / "small.bundle"
    _write(path, me, b"IMAGE" * 40)
    good = path.read_bytes()
    open_container(good, kinds={"bundle"}, key_for=_trust(me))
    for position in range(len(good)):
        for bit in (0x01, 0x80):
            bad = bytearray(good)
            bad[position] ^= bit
            message = _refusal(bytes(bad), me)
            assert "nothing was applied" in message.lower() or "not a course bundle" in message


def test_truncation_anywhere_and_appended_bytes_are_refused(tmp_path, me):
    path = tmp_path / "small.bundle"
    _write(path, me, b"IMAGE" * 40)
    good = path.read_bytes()
    for cut in range(0, len(good)):
        message = _refusal(good[:cut], me)
        assert "incomplete" in message or "damaged" in message or "not a course" in message
    assert "incomplete" in _refusal(good[: len(good) - 7], me)
    assert "damaged" in _refusal(good + b"\0", me)


def test_a_stranger_and_a_wrong_kind_are_refused(tmp_path, me, other_node):
    data = container_bytes(kind="bundle", meta={}, parts=[], identity=other_node)
    with pytest.raises(ContainerError, match="does not know"):
        open_container(data, kinds={"bundle"}, key_for=_trust(me))
    mine = container_bytes(kind="packet", meta={}, parts=[], identity=me)
    with pytest.raises(ContainerError, match="sync packet, not a course bundle"):
        open_container(mine, kinds={"bundle"}, key_for=_trust(me))


def test_a_signer_posing_as_another_node_is_refused(me, other_node):
    """The header names the sender; a file signed with one key but naming another node fails
    the signature check against the named node's key."""
    data = bytearray(container_bytes(kind="bundle", meta={}, parts=[], identity=other_node))
    forged = bytes(data).replace(str(other_node.node_id).encode(), str(me.node_id).encode())
    with pytest.raises(ContainerError, match="damaged or was changed"):
        open_container(forged, kinds={"bundle"}, key_for=_trust(me, other_node))


def test_not_a_container_and_missing_file(tmp_path, me):
    with pytest.raises(ContainerError, match="not a course bundle"):
        open_container(b"PK\x03\x04 a zip file", kinds={"bundle"}, key_for=_trust(me))
    with pytest.raises(ContainerError, match="There is no file"):
        open_container(tmp_path / "nope", kinds={"bundle"}, key_for=_trust(me))


def test_a_file_changed_after_checking_is_caught_when_read(tmp_path, me):
    path = tmp_path / "small.bundle"
    _write(path, me, b"IMAGE" * 40)
    opened = open_container(path, kinds={"bundle"}, key_for=_trust(me))
    data = bytearray(path.read_bytes())
    data[-10] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(ContainerError, match="changed after it was checked"):
        opened.read("abc")
    with pytest.raises(ContainerError, match="changed after it was checked"):
        opened.copy_to("abc", tmp_path / "copy")
    assert not (tmp_path / "copy").exists()


@pytest.mark.skipif(os.geteuid() != 0, reason="a full disk is simulated with a tmpfs mount")
def test_a_full_disk_leaves_nothing_behind(tmp_path, me):
    media = tmp_path / "big.bin"
    media.write_bytes(os.urandom(1024 * 1024))
    with tiny_disk(tmp_path / "stick") as stick:
        (stick / "earlier.packet").write_bytes(b"kept")
        with pytest.raises(ContainerError, match="Not enough space"):
            _write(stick / "course.bundle", me, media)
        assert sorted(p.name for p in stick.iterdir()) == ["earlier.packet"]
        assert (stick / "earlier.packet").read_bytes() == b"kept"
