"""Enrolling a post with the hub: by a file the operator carries, or by a code over a link.

One database plays both nodes here (the role and key directory are switched); the separate
processes and databases of a real hub and post are in tests/multinode/.
"""

import datetime
import json

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from nodes.container import ContainerError
from nodes.models import Enrolment, Peer
from nodes.sealing import normalised_code
from nodes.selectors import (
    EnrolmentError,
    claim_token,
    clock_behind,
    enrolment_claim,
    hub_peer,
    key_for_packet,
    peers_roster,
    token_hash,
)
from nodes.services import (
    enrolment_accept,
    enrolment_create,
    enrolment_file_write,
    enrolment_load,
    peers_roster_apply,
    signed_time_note,
)
from tests.conftest import Nodes

pytestmark = pytest.mark.django_db


@pytest.fixture
def nodes(settings, tmp_path):
    return Nodes(settings, tmp_path)


def _invite(nodes, tmp_path, name="Poipet", **extra):
    hub = nodes.be("hub", "hub")
    enrolment, code = enrolment_create(name=name, country="KH", post_code="poipet", **extra)
    path = tmp_path / f"{name}.enrol"
    enrolment_file_write(enrolment=enrolment, code=code, hub_url="https://hq.example", path=path)
    return hub, path, code


def test_file_enrolment_then_first_packet_registers_the_post(nodes, tmp_path):
    hub, path, code = _invite(nodes, tmp_path)
    post = nodes.be("post", "post")
    peer = enrolment_load(path=path, code=code)
    assert peer.node_id == hub.node_id and peer.url == "https://hq.example"
    claim = enrolment_claim()
    # The code travels sealed to the hub: a lost stick with the first packet does not give it.
    assert claim["public_key"] == post.public_key_bytes.hex()
    assert "token" not in claim and normalised_code(code) not in normalised_code(json.dumps(claim))

    # The post's first packet is signed by its own key and carries the claim.
    packet_meta = {"enrolment": claim}
    nodes.be("hub", "hub")
    Peer.objects.filter(node_id=hub.node_id).delete()  # the hub does not list itself
    assert claim_token(claim) == code
    assert key_for_packet(post.node_id, packet_meta) is not None
    assert key_for_packet(post.node_id, {}) is None
    registered = enrolment_accept(claim=claim, sender=post.node_id)
    assert (registered.name, registered.country, registered.post_code) == ("Poipet", "KH", "poipet")
    assert enrolment_accept(claim=claim, sender=post.node_id) == registered  # a resent packet
    roster = peers_roster()
    assert {entry["node_id"] for entry in roster} == {str(hub.node_id), str(post.node_id)}

    # The hub's answer lists the post: the post stops sending its claim.
    nodes.be("post", "post")
    Peer.objects.filter(node_id=post.node_id).delete()
    enrolment_load(path=path, code=code)
    peers_roster_apply(roster=roster, sender=hub.node_id)
    assert enrolment_claim() is None
    assert hub_peer().node_id == hub.node_id


def test_a_code_works_for_one_post_only(nodes, tmp_path):
    _hub, _path, code = _invite(nodes, tmp_path)
    first = nodes.be("first", "post")
    second = nodes.be("second", "post")
    nodes.be("hub", "hub")
    claim = {"token": code, "public_key": first.public_key_bytes.hex()}
    enrolment_accept(claim=claim, sender=first.node_id)
    stolen = {"token": code, "public_key": second.public_key_bytes.hex()}
    assert key_for_packet(second.node_id, {"enrolment": stolen}) is None
    with pytest.raises(EnrolmentError, match="already been used"):
        enrolment_accept(claim=stolen, sender=second.node_id)
    with pytest.raises(EnrolmentError, match="does not match the key"):
        enrolment_accept(claim=claim, sender=second.node_id)
    assert Peer.objects.filter(role="post").count() == 1


def test_expired_invitation_and_unknown_code(nodes, tmp_path):
    _hub, _path, code = _invite(nodes, tmp_path, valid_days=1)
    post = nodes.be("post", "post")
    Enrolment.objects.update(expires_at=timezone.now() - datetime.timedelta(minutes=1))
    nodes.be("hub", "hub")
    claim = {"token": code, "public_key": post.public_key_bytes.hex()}
    with pytest.raises(EnrolmentError, match="unknown or has expired"):
        enrolment_accept(claim=claim, sender=post.node_id)
    with pytest.raises(EnrolmentError, match="unknown or has expired"):
        enrolment_accept(claim={**claim, "token": "AAAA-BBBB"}, sender=post.node_id)


def test_an_expired_enrolment_file_is_refused_at_the_post(nodes, tmp_path):
    _hub, path, code = _invite(nodes, tmp_path, name="Late", valid_days=-1)
    nodes.be("post", "post")
    with pytest.raises(EnrolmentError, match="expired on"):
        enrolment_load(path=path, code=code)
    assert hub_peer() is None


def test_post_refuses_a_second_hub_and_the_hub_refuses_files(nodes, tmp_path):
    _hub, path, code = _invite(nodes, tmp_path)
    nodes.be("other-hub", "hub")
    other_enrolment, other_code = enrolment_create(name="Poipet")
    other_path = tmp_path / "other.enrol"
    enrolment_file_write(enrolment=other_enrolment, code=other_code, hub_url="", path=other_path)
    nodes.be("post", "post")
    enrolment_load(path=path, code=code)
    with pytest.raises(EnrolmentError, match="already enrolled with"):
        enrolment_load(path=other_path, code=other_code)
    nodes.be("hub", "hub")
    with pytest.raises(EnrolmentError, match="only a border post"):
        enrolment_load(path=path, code=code)


def test_a_changed_enrolment_file_is_refused(nodes, tmp_path):
    _hub, path, code = _invite(nodes, tmp_path)
    data = bytearray(path.read_bytes())
    data[data.index(b"hq.example")] = ord("X")
    path.write_bytes(bytes(data))
    nodes.be("post", "post")
    with pytest.raises(ContainerError, match="damaged or was changed"):
        enrolment_load(path=path, code=code)
    assert hub_peer() is None


def test_enrol_by_code_endpoint(nodes, tmp_path, client):
    _hub, _path, code = _invite(nodes, tmp_path)
    post = nodes.be("post", "post")
    signature = post.sign(("enrol:" + token_hash(code)).encode()).hex()
    body = {"code": code, "public_key": post.public_key_bytes.hex(), "signature": signature}
    hub = nodes.be("hub", "hub")
    url = reverse("node_enrol")
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 200, response.content
    answer = response.json()
    assert answer["hub"]["node_id"] == str(hub.node_id)
    assert answer["post"]["name"] == "Poipet"
    assert Peer.objects.get(node_id=post.node_id).role == "post"
    forged = {**body, "signature": "00" * 64}
    response = client.post(url, json.dumps(forged), content_type="application/json")
    assert response.status_code == 403 and "not signed" in response.json()["error"]
    response = client.post(url, "not json", content_type="application/json")
    assert response.status_code == 400
    assert client.get(url).status_code == 405
    nodes.be("post", "post")
    response = client.post(url, json.dumps(body), content_type="application/json")
    assert response.status_code == 404, "a post takes no enrolments"


def test_clock_behind_is_learnt_from_the_hubs_signatures(nodes, tmp_path):
    hub, path, code = _invite(nodes, tmp_path)
    nodes.be("post", "post")
    enrolment_load(path=path, code=code)
    assert clock_behind() is None
    three_years = timezone.now() + datetime.timedelta(days=3 * 365 + 2)
    skew = signed_time_note(peer_id=hub.node_id, created=three_years.isoformat())
    assert skew.days >= 3 * 365
    assert clock_behind().days >= 3 * 365


def test_node_status_shows_role_hub_and_exchanges(nodes, tmp_path, capsys):
    hub, path, code = _invite(nodes, tmp_path)
    post = nodes.be("post", "post")
    call_command("node_status")
    out = capsys.readouterr().out
    assert "border post" in out and "not enrolled yet" in out and str(post.node_id) in out
    enrolment_load(path=path, code=code)
    from nodes.services import exchange_log

    exchange_log(peer_id=hub.node_id, direction="sent", what="packet", count=42)
    call_command("node_status")
    out = capsys.readouterr().out
    assert "waiting for the hub to confirm" in out
    assert "last sent: packet, 42 item(s)" in out and "last received: never" in out


def test_certificate_signed_by_an_enrolled_post_verifies_at_the_hub(
    nodes, tmp_path, course_tree, people
):
    """Any node verifies a payload signed by any node it knows, and no other."""
    from certificates.selectors import verify_text
    from certificates.services import certificate_issue

    _hub, _path, code = _invite(nodes, tmp_path)
    post = nodes.be("post", "post")
    certificate = certificate_issue(
        holder=people["learner"], course=course_tree.course, actor=people["admin"], reason="Course"
    )
    assert verify_text(certificate.payload).status == "valid"
    nodes.be("hub", "hub")
    assert verify_text(certificate.payload).status == "unknown_issuer"
    enrolment_accept(
        claim={"token": code, "public_key": post.public_key_bytes.hex()}, sender=post.node_id
    )
    assert verify_text(certificate.payload).status == "valid"


def test_posts_are_numbered_and_their_certificate_codes_differ_from_the_hubs(
    nodes, tmp_path, course_tree, people
):
    from certificates.services import certificate_issue

    _invite(nodes, tmp_path, name="First")
    _hub, second_path, code = _invite(nodes, tmp_path, name="Second")
    assert list(Enrolment.objects.order_by("number").values_list("name", "number")) == [
        ("First", 1),
        ("Second", 2),
    ]
    nodes.be("hub", "hub")
    at_hub = certificate_issue(
        holder=people["learner"], course=course_tree.course, actor=people["admin"], reason="HQ"
    )
    # A post whose own id would give it the hub's character (one in thirty do).
    from certificates.codes import node_char_for

    attempt = 0
    while node_char_for(nodes.be(f"second-{attempt}", "post").node_id.bytes) != at_hub.code[-2]:
        attempt += 1
    enrolment_load(path=second_path, code=code)
    at_post = certificate_issue(
        holder=people["learner_kh"], course=course_tree.course, actor=people["admin"], reason="P"
    )
    # CC-YYYY-NNNN-SSSS-SSSS-XK: X is the node's character; the serials are both 1 (the
    # secrets SSSS-SSSS differ, as they do between any two codes).
    assert at_post.code[-2] != at_hub.code[-2]
    assert at_post.code[2:13] == at_hub.code[2:13]
