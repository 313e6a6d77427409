"""Bad files at the command line, on real nodes: one flipped byte anywhere in a real bundle or
packet, a packet for another hub, a replayed packet, a bundle from another hub, an older bundle.
Each is refused with a plain message (from a real process: a non-zero exit, no traceback) or
recognised, and nothing the node stores changes: its records, pages, officers, peers and
installed courses."""

from __future__ import annotations

import json
import random
import struct
from pathlib import Path

import pytest

from tests.multinode.harness import Node, flip_byte, truncate

POIPET = {"post_name": "Poipet", "country": "KH", "post_code": "kh-poipet"}
SEED = random.randrange(1_000_000)


def offsets(path: Path, rng: random.Random) -> dict[str, int]:
    """Where to flip a byte: the file's first and last bytes, and one random byte of its header,
    its signature, its first part's start and anywhere in its parts (``nodes.container``)."""
    data = path.read_bytes()
    (length,) = struct.unpack(">I", data[9:13])
    signature = 13 + length
    parts = signature + 64
    assert parts < len(data) - 1, "the file has no part to damage"
    return {
        "first byte": 0,
        "header": rng.randrange(13, signature),
        "signature": rng.randrange(signature, parts),
        "first part byte": parts,
        "inside a part": rng.randrange(parts + 1, len(data) - 1),
        "last byte": len(data) - 1,
    }


def refused(node: Node, command: str, files: dict[str, Path], rng: random.Random) -> dict[str, str]:
    """``COMMAND FILE`` for each file on ``node``: each must fail with a plain message. One file,
    chosen at random, goes through a real ``manage.py`` process (exit status, no traceback); the
    rest through the node's driver, which runs the same command in-process (a process start
    costs seconds). Returns the messages."""
    messages = {}
    by_process = rng.choice(list(files))
    for name, path in files.items():
        if name == by_process:
            done = node.manage(command, path)
            assert done.returncode != 0, f"{name}: accepted!\n{done.stdout}\n{done.stderr}"
            assert "Traceback" not in done.stderr, f"{name}:\n{done.stderr}"
            message = done.stderr.strip().splitlines()[-1].removeprefix("CommandError: ")
        else:
            result = node.call(command, path, check=False)
            assert not result.ok, f"{name}: accepted!\n{result.output}"
            message = result.error
        assert message.endswith(".") and len(message) < 300, f"{name}: {message}"
        assert "Error" not in message and "Exception" not in message, f"{name}: {message}"
        messages[f"{command} {name}"] = message
    return messages


@pytest.fixture
def nodes(network):
    hub = network.hub()
    post = network.enrolled_post(hub, "poipet", courses=["WLC-101"], **POIPET)
    post.fn(
        "officer_register", username="vanna", full_name_latin="Vanna Keo", post_code="kh-poipet"
    )
    post.fn("course_learn", username="vanna", course_code="WLC-101", modules=[1])
    return hub, post


def test_one_flipped_byte_anywhere_is_refused_and_nothing_changes(network, nodes):
    hub, post = nodes
    print(f"tampering seed {SEED}")
    rng = random.Random(SEED)
    bundle, packet = network.files / "HRB-101.bundle", network.files / "poipet.packet"
    hub.call("export_bundle", "HRB-101", "-o", bundle)
    post.call("sync_export", "-o", packet)
    post_before, hub_before = post.fn("state"), hub.fn("state")

    damaged_bundles, damaged_packets = {}, {}
    for originals, damaged in ((bundle, damaged_bundles), (packet, damaged_packets)):
        for where, offset in offsets(originals, rng).items():
            target = network.files / f"{where.replace(' ', '-')}-{offset}{originals.suffix}"
            flip_byte(originals, target, offset)
            damaged[f"{where} ({offset})"] = target
        cut = rng.randrange(1, originals.stat().st_size)
        damaged[f"cut at {cut}"] = network.files / f"cut-{cut}{originals.suffix}"
        truncate(originals, damaged[f"cut at {cut}"], cut)

    messages = refused(post, "import_bundle", damaged_bundles, rng)
    messages |= refused(hub, "sync_import", damaged_packets, rng)
    print(json.dumps(messages, indent=1))
    assert post.fn("state") == post_before
    assert hub.fn("state") == hub_before

    # The undamaged files still go in (the refusals left nothing behind that blocks them).
    assert "installed" in post.call("import_bundle", bundle).stdout
    done = hub.manage("sync_import", packet, "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["new"] > 0
    assert post.own_records() <= hub.records()


def test_replayed_packet_changes_nothing(network, nodes):
    hub, post = nodes
    packet = network.files / "poipet.packet"
    post.call("sync_export", "-o", packet)
    first = json.loads(hub.call("sync_import", packet, "--json").stdout)
    assert first["new"] > 0
    before = hub.fn("state")
    replay = hub.call("sync_import", packet)
    assert replay.ok and "already imported" in replay.stdout, replay.output
    assert json.loads(hub.call("sync_import", packet, "--json").stdout)["new"] == 0
    assert hub.fn("state") == before
    # A post that reads headquarters' packet twice is no different.
    back = network.files / "hub-to-poipet.packet"
    hub.call("sync_export", "--for", post.node_id, "-o", back)
    post.call("sync_import", back)
    before = post.fn("state")
    assert "already imported" in post.call("sync_import", back).stdout
    assert post.fn("state") == before


def test_packet_for_another_hub_and_bundle_from_another_hub(network, nodes):
    hub, post = nodes
    other_hub = network.hub("other-hub", own_keys=True)
    assert other_hub.node_id != hub.node_id
    stranger = network.enrolled_post(
        other_hub, "stranger", post_name="Stranger", country="LA", post_code="la-x", courses=[]
    )
    stranger.fn(
        "officer_register", username="khamsing", full_name_latin="Khamsing", post_code="la-x"
    )
    for_other = network.files / "for-other-hub.packet"
    stranger.call("sync_export", "-o", for_other)
    from_other = network.files / "from-other-hub.packet"
    other_hub.call("sync_export", "--for", stranger.node_id, "-o", from_other)
    foreign_bundle = network.files / "foreign-HRB-101.bundle"
    other_hub.call("export_bundle", "HRB-101", "-o", foreign_bundle)
    hub_before, post_before = hub.fn("state"), post.fn("state")

    refused = hub.call("sync_import", for_other, check=False)
    assert not refused.ok and "not know" in refused.error, refused.output
    refused = post.call("sync_import", from_other, check=False)
    assert not refused.ok and "not know" in refused.error, refused.output
    refused = post.call("import_bundle", foreign_bundle, check=False)
    assert not refused.ok and refused.error, refused.output
    # A packet headquarters wrote for Poipet is not for the other post, even if it knew the hub.
    for_poipet = network.files / "for-poipet.packet"
    hub.call("sync_export", "--for", post.node_id, "-o", for_poipet)
    refused = stranger.call("sync_import", for_poipet, check=False)
    assert not refused.ok and refused.error, refused.output
    # Poipet's packet carried back to Poipet is not applied there either.
    own = network.files / "own.packet"
    post.call("sync_export", "-o", own)
    refused = post.call("sync_import", own, check=False)
    assert not refused.ok and "written by this node" in refused.error, refused.output
    assert hub.fn("state") == hub_before
    assert post.fn("state") == post_before


def test_older_bundle_after_newer_is_refused_and_same_bundle_twice_changes_nothing(network, nodes):
    hub, post = nodes
    old = network.files / "WLC-101.bundle"  # installed by the fixture
    hub.fn("lesson_retitle", course_code="WLC-101", title="Concealment methods (revised)")
    new = network.files / "WLC-101-new.bundle"
    hub.call("export_bundle", "WLC-101", "--since", old, "-o", new)
    assert new.stat().st_size < old.stat().st_size  # the files the post has stay behind
    assert "updated" in post.call("import_bundle", new).stdout
    assert "Concealment methods (revised)" in post.fn("lesson_titles", course_code="WLC-101")
    # Vanna's progress survived the update.
    assert post.fn("course_progress", username="vanna", course_code="WLC-101")["percent"] > 0
    before = post.fn("state")
    again = post.call("import_bundle", new)
    assert "already installed" in again.stdout, again.output
    older = post.call("import_bundle", old, check=False)
    assert not older.ok and "newer version" in older.error, older.output
    assert post.fn("state") == before
