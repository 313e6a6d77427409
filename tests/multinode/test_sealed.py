"""A lost USB stick reveals nothing (ADR 0007, "Sealing"): sync packets and enrolment files
between real node processes hold no officer's name, service number or password hash in any
decoding, and a post carries another post's records for headquarters without being able to
read them, while headquarters applies them and a post receives what it needs to let a
transferred officer log in offline."""

from __future__ import annotations

import base64
import binascii
import json
import re
import zlib
from pathlib import Path

from tests.multinode.harness import carry
from tests.multinode.test_flow import ARANYA, POIPET

CHENDA = {
    "username": "chenda",
    "full_name_latin": "Chenda Sok",
    "full_name_native": "សុខ ចិន្តា",
    "service_number": "KH-PP-48213",
    "post_code": "kh-poipet",
}


def _gunzip_any(data: bytes) -> list[bytes]:
    """Every gzip stream that starts anywhere in ``data``, inflated as far as it goes."""
    found = []
    for match in re.finditer(b"\x1f\x8b\x08", data):
        inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
        try:
            found.append(inflater.decompress(data[match.start() :], 64 * 1024 * 1024))
        except zlib.error:
            continue
    return found


def _decodings(data: bytes) -> list[bytes]:
    """The bytes as they are, every gzip stream in them, and every base64 text in them (and
    the gzip streams in that): what anyone who finds the stick can read."""
    layers = [data, *_gunzip_any(data)]
    for text in re.findall(rb"[A-Za-z0-9+/]{24,}={0,2}", data):
        try:
            decoded = base64.b64decode(text + b"=" * (-len(text) % 4))
        except (binascii.Error, ValueError):
            continue
        layers += [decoded, *_gunzip_any(decoded)]
    return layers


def _forms(secret: str) -> list[bytes]:
    """How a value can be written: UTF-8, and JSON-escaped (``\\u17a0``)."""
    return [secret.encode(), json.dumps(secret).strip('"').encode()]


def assert_reveals_nothing(path: Path, secrets: list[str]) -> None:
    assert secrets
    for layer in _decodings(path.read_bytes()):
        for secret in secrets:
            for form in _forms(secret):
                assert form not in layer, f"{path.name} reveals {secret!r}"


def test_a_lost_stick_reveals_no_officer_and_a_carrier_cannot_read_what_it_carries(network):
    hub = network.hub()
    poipet = network.enrolled_post(hub, "poipet", courses=["WLC-101"], **POIPET)
    aranya = network.enrolled_post(hub, "aranya", courses=["WLC-101"], **ARANYA)
    for post in (poipet, aranya):
        carry(hub, post, network.files, f"roster-{post.name}", "--for", post.node_id)

    poipet.fn("officer_register", **CHENDA)
    poipet.fn("course_learn", username="chenda", course_code="WLC-101", modules=[1])
    secrets = poipet.fn("officer_secrets", username="chenda")
    assert len(secrets) >= 5 and any(s.startswith("pbkdf2_") for s in secrets)

    # Poipet's stick for headquarters: nothing about Chenda can be read from it.
    stick = network.files / "poipet-to-hub.packet"
    poipet.call("sync_export", "-o", stick)
    assert_reveals_nothing(stick, secrets)

    # It visits Aranyaprathet on the way, which keeps it for headquarters and cannot read it:
    # Aranyaprathet's own database holds nothing about her either.
    carried = json.loads(aranya.call("sync_import", stick, "--json").stdout)
    assert carried["relayed"] > 0 and carried["new"] == 0, carried
    assert aranya.fn("officer", username="chenda") is None
    onward = network.files / "aranya-to-hub.packet"
    aranya.call("sync_export", "-o", onward)
    assert_reveals_nothing(onward, secrets)
    aranya.stop()
    for database in aranya.dir.glob("db.sqlite3*"):
        assert_reveals_nothing(database, secrets)

    # Headquarters opens what Aranyaprathet carried and applies it, signed by Poipet.
    arrived = json.loads(hub.call("sync_import", onward, "--json").stdout)
    assert arrived["new"] == carried["relayed"], arrived
    assert hub.fn("officer", username="chenda")["full_name_latin"] == "Chenda Sok"
    from_poipet = {r for r in hub.records() if r[1] == poipet.node_id}
    assert from_poipet == poipet.own_records()

    # Transferred to Aranyaprathet, she arrives there by stick, sealed to that post, with what
    # she needs to log in offline (her password hash travels, sealed: ADR 0007).
    hub.fn("officer_transfer", username="chenda", post_code="th-aranyaprathet")
    transfer = network.files / "hub-to-aranya.packet"
    hub.call("sync_export", "--for", aranya.node_id, "-o", transfer)
    assert_reveals_nothing(transfer, secrets)
    refused = poipet.call("sync_import", transfer, check=False)
    assert not refused.ok and "not this node" in refused.output
    aranya.call("sync_import", transfer)
    assert aranya.fn("officer", username="chenda")["post"] == "th-aranyaprathet"
    assert aranya.fn("officer_can_log_in", username="chenda")


def test_an_enrolment_file_on_a_lost_stick_is_useless_without_its_code(network):
    hub = network.hub()
    invitation = network.files / "poipet.enrol"
    invited = hub.call(
        "enrol_post", "--post-code", "kh-poipet", "--url", network.hub_url, "-o", invitation
    )
    code = re.search(r"--code (\S+)", invited.stdout).group(1)
    assert_reveals_nothing(invitation, [code, code.replace("-", ""), "kh-poipet", "Poipet"])

    post = network.post("poipet")
    without = post.call("enrol", invitation, check=False)
    assert not without.ok and "code" in without.output
    wrong = post.call("enrol", invitation, "--code", "AAAA-BBBB-CCCC-DDDD", check=False)
    assert not wrong.ok and "does not open" in wrong.output
    assert post.fn("peers") == []
    post.call("enrol", invitation, "--code", code)
    assert [p["node_id"] for p in post.fn("peers")] == [hub.node_id]
