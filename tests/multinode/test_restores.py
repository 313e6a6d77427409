"""Restores lose nothing, between real nodes (own SQLite files, data directories, processes): a
hub or a post put back from an older copy of its database, a carried chunk damaged at the
carrier, a new post's first packet on a stick that visits another post first."""

from __future__ import annotations

import os
import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.disks import fill, tiny_disk
from tests.multinode.harness import (
    Node,
    carry,
    checkpoint,
    enrol_by_file,
    hub_server,
    keys_create,
    node_char,
    node_from,
)

POIPET = {"post_name": "Poipet", "country": "KH", "post_code": "kh-poipet"}
ENROL_POIPET = {"name": "Poipet", "country": "KH", "post_code": "kh-poipet"}
ARANYA = {"post_name": "Aranyaprathet", "country": "TH", "post_code": "th-aranyaprathet"}


def backup(node: Node, to: Path) -> Path:
    """Copy the node's database file while it is stopped, as a nightly backup would."""
    node.stop()
    checkpoint(node.db)
    shutil.copy2(node.db, to)
    return to


def restore(node: Node, copy: Path) -> None:
    """Put an older copy of the database back while the node is stopped: a real restore."""
    node.stop()
    for leftover in node.dir.glob("db.sqlite3-*"):
        leftover.unlink()
    shutil.copy2(copy, node.db)


def learner(post: Node, username: str = "vanna") -> None:
    post.fn(
        "officer_register",
        username=username,
        full_name_latin="Vanna Keo",
        post_code="kh-poipet",
    )


def test_a_hub_restored_from_a_backup_gets_the_lost_records_again(network):
    hub = network.hub()
    post = network.enrolled_post(hub, "poipet", courses=["WLC-101"], **POIPET)
    learner(post)
    old_hub = backup(hub, network.root / "hub-backup.sqlite3")
    post.fn("course_learn", username="vanna", course_code="WLC-101", modules=[1])
    with hub_server(hub, network.hub_port) as url:
        post.call("sync", "--hub", url)
    assert post.own_records() <= hub.records()

    # Over HTTP: the next sync notices, says so, and sends everything again.
    restore(hub, old_hub)
    assert not post.own_records() <= hub.records()
    with hub_server(hub, network.hub_port) as url:
        synced = post.call("sync", "--hub", url)
    assert "Headquarters no longer holds" in synced.stdout, synced.output
    assert "being sent again" in synced.stdout
    assert post.own_records() <= hub.records()

    # By USB: the restored hub's packet says what it holds now; the post's answer fills it.
    restore(hub, old_hub)
    told = carry(hub, post, network.files, "hub-after-restore", "--for", post.node_id)
    assert told["peer_lost"] > 0, told
    assert any("no longer holds" in warning for warning in told["warnings"]), told
    summary = carry(post, hub, network.files, "post-after-restore")
    assert summary["rejected"] == [] and summary["new"] > 0, summary
    assert post.own_records() <= hub.records()
    assert hub.fn("sync_backlog") == {"pending": 0, "rejected": []}


def test_a_post_restored_from_a_backup_never_reuses_a_number(network):
    hub = network.hub()
    post = network.enrolled_post(hub, "poipet", courses=["WLC-101", "HRB-101"], **POIPET)
    learner(post)
    post.fn("course_learn", username="vanna", course_code="WLC-101", modules=[1])
    old_post = backup(post, network.root / "post-backup.sqlite3")
    post.fn("course_learn", username="vanna", course_code="WLC-101", modules=[2])
    with hub_server(hub, network.hub_port) as url:
        post.call("sync", "--hub", url)
    before = post.own_records()
    assert before <= hub.records()

    # The post's database is put back; officers keep learning before the next sync.
    restore(post, old_post)
    post.fn("course_learn", username="vanna", course_code="HRB-101", modules=[1])
    made_after = post.own_records() - before
    assert made_after
    used = {seq for _table, _origin, seq, _id in before}
    assert not {seq for _table, _origin, seq, _id in made_after} & used
    with hub_server(hub, network.hub_port) as url:
        synced = post.call("sync", "--hub", url)
    assert synced.ok, synced.output
    assert made_after <= hub.records()
    assert before <= hub.records()
    assert hub.fn("sync_backlog") == {"pending": 0, "rejected": []}
    # What the hub had from before the restore came back to the post.
    assert before <= post.records()


def test_a_post_whose_marker_is_lost_too_is_caught_by_the_hub(network):
    """With the marker restored too (the whole data directory put back), numbers are reused:
    each is refused loudly on both sides, never counted as already there, and the hub's word
    on what it holds from the post moves the counter on."""
    hub = network.hub()
    post = network.enrolled_post(hub, "poipet", courses=["WLC-101", "HRB-101"], **POIPET)
    learner(post)
    old_post = backup(post, network.root / "post-backup.sqlite3")
    old_marker = (post.dir / "sequences.json").read_bytes()
    post.fn("course_learn", username="vanna", course_code="WLC-101", modules=[1])
    post.call("sync_export", "-o", network.files / "p1.packet")
    hub.call("sync_import", network.files / "p1.packet")
    restore(post, old_post)
    (post.dir / "sequences.json").write_bytes(old_marker)  # restored with the database
    # Records made before the hub is heard from reuse numbers: refused, and said so.
    post.fn("course_learn", username="vanna", course_code="WLC-101", modules=[1])
    summary = carry(post, hub, network.files, "p2")
    reused = {(r["origin"], r["seq"]) for r in summary["rejected"]}
    assert reused, summary
    assert any("reused its numbers" in r["reason"] for r in summary["rejected"]), summary[
        "rejected"
    ]
    carry(hub, post, network.files, "h1", "--for", post.node_id)
    post.fn("course_learn", username="vanna", course_code="HRB-101", modules=[1])
    later = post.own_records()
    summary = carry(post, hub, network.files, "p3")
    held = hub.records()
    reused |= {(r["origin"], r["seq"]) for r in summary["rejected"]}
    assert {r for r in later if (r[1], r[2]) not in reused} - held == set()


def test_a_damaged_carried_chunk_is_dropped_and_the_carriers_records_flow(network):
    hub = network.hub()
    poipet = network.enrolled_post(hub, "poipet", courses=["WLC-101"], **POIPET)
    aranya = network.enrolled_post(hub, "aranya", courses=["WLC-101"], **ARANYA)
    carry(hub, poipet, network.files, "roster", "--for", poipet.node_id)
    aranya.fn(
        "officer_register",
        username="somchai",
        full_name_latin="Somchai",
        post_code=ARANYA["post_code"],
    )
    aranya.call("sync_export", "-o", network.files / "aranya.packet")
    carried = poipet.call("sync_import", network.files / "aranya.packet", "--json")
    assert '"relayed": 0' not in carried.stdout
    poipet.stop()
    with sqlite3.connect(poipet.db) as db:
        (data,) = db.execute("SELECT data FROM recordsync_relaychunk LIMIT 1").fetchone()
        db.execute("UPDATE recordsync_relaychunk SET data = ?", [bytes([data[0] ^ 1]) + data[1:]])
    learner(poipet)
    exported = poipet.call("sync_export", "-o", network.files / "poipet.packet")
    assert "no longer verif" in exported.stdout, exported.output
    applied = hub.call("sync_import", network.files / "poipet.packet", check=False)
    assert applied.ok, applied.output
    assert poipet.own_records() <= hub.records()
    # Aranyaprathet's own packet still brings its records.
    hub.call("sync_import", network.files / "aranya.packet")
    assert aranya.own_records() <= hub.records()


def test_a_new_posts_first_packet_is_not_carried_and_the_reason_is_given(network):
    hub = network.hub()
    poipet = network.enrolled_post(hub, "poipet", courses=["WLC-101"], **POIPET)
    newcomer = network.post("aranya")
    enrol_by_file(
        hub,
        newcomer,
        url=network.hub_url,
        folder=network.files,
        name="Aranyaprathet",
        country="TH",
        post_code="th-aranyaprathet",
    )
    first = network.files / "aranya-first.packet"
    newcomer.call("sync_export", "-o", first)
    before = poipet.fn("state")
    refused = poipet.call("sync_import", first, check=False)
    assert not refused.ok
    assert "first packet of a new post" in refused.output, refused.output
    assert "Take it to headquarters directly" in refused.output
    assert poipet.fn("state") == before
    # At headquarters the same packet enrols the post.
    assert carry(newcomer, hub, network.files, "aranya-direct")["sender_name"] == "Aranyaprathet"


@pytest.mark.skipif(os.geteuid() != 0, reason="a full disk is simulated with a tmpfs mount")
def test_a_full_disk_on_import_is_one_plain_message_and_nothing_is_lost(network):
    hub = network.hub()
    size = network.migrated_db.stat().st_size // 1024 + 12 * 1024
    with tiny_disk(network.root / "disk", f"{size}k") as disk:
        post = node_from(network.migrated_db, disk / "poipet", name="poipet", role="post")
        keys_create(post.dir, node_chars_not={node_char(hub.dir)})
        network.nodes.append(post)
        enrol_by_file(hub, post, url=network.hub_url, folder=network.files, **ENROL_POIPET)
        carry(post, hub, network.files, "first")
        bundle = network.files / "WLC-101.bundle"
        hub.call("export_bundle", "WLC-101", "-o", bundle)
        packet = network.files / "hub.packet"
        hub.call("sync_export", "--for", post.node_id, "-o", packet)
        before = post.fn("state")
        post.stop()
        filler = fill(disk, leave=96 * 1024)  # room to start, not to finish

        for command in (["sync_import", packet], ["import_bundle", bundle]):
            done = post.manage(*command)
            assert done.returncode != 0, done
            assert "Not enough space in" in done.stderr, done.stderr
            assert "Traceback" not in done.stderr, done.stderr
        filler.unlink()
        assert post.fn("state") == before

        # Space freed: the same files go in whole.
        assert post.call("sync_import", packet).ok
        assert post.call("import_bundle", bundle).ok
        assert "WLC-101" in post.fn("course_codes")
        post.stop()
