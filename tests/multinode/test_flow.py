"""The whole journey across separate nodes (own databases, data directories, keys, processes):
a course travels from headquarters to a border post, an officer learns there, the records come
back by USB stick and over the network, headquarters sees and prints the certificate, and any
node verifies it. Then a USB stick visits a second post on the way, and an officer transferred
between posts finishes at the second what they started at the first."""

from __future__ import annotations

import subprocess

from tests.multinode.harness import carry, hub_server

COORDINATOR = "coordinator.poipet"  # the demo's coordinator of the Poipet post
DEMO_PASSWORD = "border-demo-2026"
POIPET = {"post_name": "Poipet", "country": "KH", "post_code": "kh-poipet"}
ARANYA = {"post_name": "Aranyaprathet", "country": "TH", "post_code": "th-aranyaprathet"}


def _row_of(page_text: str, name: str) -> str:
    """The words of the progress table row that names ``name``."""
    for row in page_text.split("<tr")[1:]:
        if name in row:
            return row
    raise AssertionError(f"{name} is not on the page")


def test_course_to_post_and_records_back_to_headquarters(network):
    hub = network.hub()
    post = network.enrolled_post(hub, "poipet", courses=["WLC-101", "HRB-101"], **POIPET)
    assert "Poipet" in hub.call("node_status").stdout
    assert {"HRB-101", "WLC-101"} <= set(post.fn("course_codes"))

    # An officer registered at the post learns there until the course is complete.
    post.fn(
        "officer_register",
        username="vanna",
        full_name_latin="Vanna Keo",
        full_name_native="វណ្ណា កែវ",
        post_code="kh-poipet",
    )
    progress = post.fn("course_learn", username="vanna", course_code="WLC-101")
    assert progress == {"status": "completed", "percent": 100}
    [certificate] = post.fn("certificates", username="vanna")
    assert certificate["origin_node"] == post.node_id

    # Back to headquarters on a USB stick.
    summary = carry(post, hub, network.files, "poipet-1")
    assert summary["new"] > 0 and summary["rejected"] == [] and summary["pending"] == 0
    assert post.own_records() <= hub.records()
    assert hub.fn("course_progress", username="vanna", course_code="WLC-101")["status"] == (
        "completed"
    )

    # More learning, then the network: both directions, and the hub's roster comes back.
    assert post.fn("course_learn", username="vanna", course_code="HRB-101", modules=[1])[
        "status"
    ] == ("in_progress")
    with hub_server(hub, network.hub_port) as url:
        synced = post.call("sync", "--hub", url)
        assert "Sent" in synced.stdout, synced.output
        again = post.call("sync", "--hub", url, "-v", "2")  # cron every few minutes
    assert "Sent" not in again.stdout, again.output
    # With the link, the post also fetched the course it did not have yet.
    assert "TIP-101" in post.fn("course_codes"), synced.output
    assert post.own_records() <= hub.records()
    assert hub.fn("course_progress", username="vanna", course_code="HRB-101") == post.fn(
        "course_progress", username="vanna", course_code="HRB-101"
    )
    # The hub sent the post the records of the officers at Poipet it has (the demo's Sokha).
    [sokha_certificate] = hub.fn("certificates", username="sokha")
    assert post.fn("certificates", username="sokha") == [sokha_certificate]

    # The coordinator at headquarters sees the officer's progress and the certificate.
    course = hub.fn("course_pk", course_code="WLC-101")
    page = hub.fn(
        "browse",
        username=COORDINATOR,
        password=DEMO_PASSWORD,
        path="coordination:progress",
        query={"course": course},
    )
    assert page["status"] == 200
    row = hub.fn("html_text", html=_row_of(page["text"], "Vanna Keo"))
    assert "Completed" in row and "100%" in row, row
    listing = hub.fn(
        "browse", username=COORDINATOR, password=DEMO_PASSWORD, path="certificates:coordinator"
    )
    assert certificate["code"] in listing["text"]

    # ... and prints it.
    pdf = network.root / "vanna.pdf"
    printed = hub.fn(
        "browse",
        username=COORDINATOR,
        password=DEMO_PASSWORD,
        path=f"certificates:pdf|{certificate['id']}",
        save_to=str(pdf),
    )
    assert printed["status"] == 200 and printed["content_type"] == "application/pdf"
    text = subprocess.run(["pdftotext", pdf, "-"], capture_output=True, text=True, check=True)
    assert "Vanna Keo" in text.stdout and certificate["code"] in text.stdout

    # The QR payload verifies offline at the post, as at the hub; so does one the hub issued.
    for node, payload in [
        (post, certificate["payload"]),
        (hub, certificate["payload"]),
        (post, sokha_certificate["payload"]),
    ]:
        checked = node.call("verify_certificate", payload)
        assert checked.ok and checked.stdout.startswith("VALID"), (node, checked.output)
    tampered = certificate["payload"][:-3] + ("A" if certificate["payload"][-3] != "A" else "B")
    refused = post.call("verify_certificate", tampered + certificate["payload"][-2:], check=False)
    assert not refused.ok and not refused.stdout.startswith("VALID")


def test_usb_stick_through_another_post_and_officer_transferred(network):
    hub = network.hub()
    poipet = network.enrolled_post(hub, "poipet", courses=["WLC-101"], **POIPET)
    aranya = network.enrolled_post(hub, "aranya", courses=["WLC-101"], **ARANYA)
    # Each post learns the other's key from the hub's roster.
    for post in (poipet, aranya):
        carry(hub, post, network.files, f"roster-{post.name}", "--for", post.node_id)
    assert {p["node_id"] for p in aranya.fn("peers")} == {hub.node_id, poipet.node_id}

    modules = poipet.fn("course_module_count", course_code="WLC-101")
    assert modules >= 2
    poipet.fn(
        "officer_register", username="chenda", full_name_latin="Chenda Sok", post_code="kh-poipet"
    )
    poipet.fn("course_learn", username="chenda", course_code="WLC-101", modules=[1])

    # Poipet's packet for headquarters visits Aranyaprathet on the way.
    carried = carry(poipet, aranya, network.files, "poipet-via-aranya")
    assert carried["relayed"] > 0 and carried["new"] == 0, carried
    assert aranya.fn("officer", username="chenda") is None  # carried, not applied
    aranya.fn(
        "officer_register",
        username="niran",
        full_name_latin="Niran Boonma",
        post_code="th-aranyaprathet",
    )
    aranya.fn("course_learn", username="niran", course_code="WLC-101", modules=[1])
    carry(aranya, hub, network.files, "aranya-with-poipet")
    from_posts = {r for r in hub.records() if r[1] in {poipet.node_id, aranya.node_id}}
    assert from_posts == poipet.own_records() | aranya.own_records()

    # Headquarters transfers Chenda to Aranyaprathet; the post receives her with her history.
    hub.fn("officer_transfer", username="chenda", post_code="th-aranyaprathet")
    carry(hub, aranya, network.files, "transfer", "--for", aranya.node_id)
    assert aranya.fn("officer", username="chenda")["post"] == "th-aranyaprathet"
    at_aranya = aranya.fn("course_progress", username="chenda", course_code="WLC-101")
    assert at_aranya == poipet.fn("course_progress", username="chenda", course_code="WLC-101")
    assert at_aranya["status"] == "in_progress"

    # She finishes at Aranyaprathet what she began at Poipet; headquarters sees it complete.
    rest = list(range(2, modules + 1))
    done = aranya.fn("course_learn", username="chenda", course_code="WLC-101", modules=rest)
    assert done["status"] == "completed"
    carry(aranya, hub, network.files, "aranya-2")
    assert hub.fn("course_progress", username="chenda", course_code="WLC-101") == {
        "status": "completed",
        "percent": 100,
    }
    [certificate] = hub.fn("certificates", username="chenda")
    assert certificate["origin_node"] == aranya.node_id
    # A certificate issued at one post verifies at another (its key came in the roster).
    checked = poipet.call("verify_certificate", certificate["payload"])
    assert checked.stdout.startswith("VALID"), checked.output
    from_posts = {r for r in hub.records() if r[1] in {poipet.node_id, aranya.node_id}}
    assert from_posts == poipet.own_records() | aranya.own_records()


def test_two_nodes_with_one_code_character(network):
    """One border post in thirty would share headquarters' code character if it took it from its
    node id; the hub numbers posts at enrolment instead, so the codes differ and every
    certificate reaches headquarters."""
    hub = network.hub()
    post = network.enrolled_post(
        hub, "poipet", courses=["WLC-101", "HRB-101"], code_character_of=hub, **POIPET
    )
    post.fn(
        "officer_register", username="vanna", full_name_latin="Vanna Keo", post_code="kh-poipet"
    )
    for course in ("HRB-101", "WLC-101"):
        post.fn("course_learn", username="vanna", course_code=course)
    at_post = {c["code"] for c in post.fn("certificates", username="vanna")}
    at_hub = {c["code"] for c in hub.fn("certificates", username="sokha")}
    assert not at_post & at_hub
    assert {code[-2] for code in at_post}.isdisjoint({code[-2] for code in at_hub})
    summary = carry(post, hub, network.files, "poipet")
    assert summary["rejected"] == [], summary["rejected"]
    assert {c["code"] for c in hub.fn("certificates", username="vanna")} == at_post
