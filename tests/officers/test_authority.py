"""Who may change an officer's profile: the pure rule (``officers.authority``) in the orders
records really arrive in, and what the hub sends a post, which follows only its own decisions."""

from __future__ import annotations

import uuid

import pytest
from django.utils import timezone

from nodes.identity import node_identity
from nodes.models import NodeRole, Peer
from officers.authority import Refusal, Version, profile_authority
from officers.models import ProfileRecord
from officers.selectors import officer_uuids_for_post, profile_snapshot

HUB = uuid.UUID("00000000-0000-0000-0000-0000000000aa")
POIPET = uuid.UUID("10000000-0000-0000-0000-000000000000")
ARANYA = uuid.UUID("20000000-0000-0000-0000-000000000000")
CODES = {POIPET: "kh-p", ARANYA: "th-a", HUB: ""}


def judge(origin, clock, post, held):
    return profile_authority(
        version=Version(origin, clock, post), held=held, hub=HUB, maker_post=CODES[origin]
    ).refusal


def test_the_hub_changes_anyone():
    assert judge(HUB, 9, "th-a", [Version(POIPET, 1, "kh-p")]) is None


def test_a_post_creates_and_changes_its_own_officers():
    assert judge(POIPET, 1, "kh-p", []) is None
    assert judge(POIPET, 2, "kh-p", [Version(POIPET, 1, "kh-p")]) is None


def test_another_post_is_refused_whatever_the_clock_or_post_it_claims():
    created = [Version(POIPET, 1, "kh-p")]
    assert judge(ARANYA, 7, "kh-p", created) == Refusal.NOT_HOME
    assert judge(ARANYA, 7, "th-a", created) == Refusal.NOT_HOME  # claiming her for itself
    assert judge(ARANYA, 1, "th-a", created) == Refusal.CREATED_ELSEWHERE
    assert judge(ARANYA, 0, "th-a", []) == Refusal.BAD_CLOCK


def test_only_the_hub_moves_an_officer():
    assert judge(POIPET, 1, "th-a", []) == Refusal.MOVES
    assert judge(POIPET, 2, "th-a", [Version(POIPET, 1, "kh-p")]) == Refusal.MOVES
    assert judge(POIPET, 3, "", [Version(POIPET, 1, "kh-p"), Version(HUB, 2, "kh-p")]) == (
        Refusal.MOVES
    )
    assert judge(POIPET, 1, "", []) is None  # the post's own staff, at no post


def test_a_transfer_gives_the_new_post_the_officer_from_its_version_on():
    held = [Version(POIPET, 1, "kh-p"), Version(HUB, 2, "th-a")]
    assert judge(ARANYA, 3, "th-a", held) is None
    assert judge(POIPET, 3, "kh-p", held) == Refusal.NOT_HOME
    # The old post's change made before it saw the transfer (a lower or equal clock) counts,
    # whichever arrives first.
    assert judge(POIPET, 2, "kh-p", held) is None
    assert judge(POIPET, 2, "kh-p", held[:1]) is None


def test_an_officer_headquarters_made_without_a_post_is_only_headquarters():
    assert judge(POIPET, 2, "kh-p", [Version(HUB, 1, "")]) == Refusal.NOT_HOME


def _record(officer, origin, seq, clock, post_code, posts):
    post = posts[{"kh-p": "kh", "th-a": "th"}[post_code]]
    data = profile_snapshot(user=officer) | {
        "post": {"uuid": str(post.uuid), "code": post.code, "name": post.name, "country": "TH"}
    }
    return ProfileRecord.objects.create(
        officer_uuid=officer.uuid,
        origin_node=origin,
        origin_seq=seq,
        clock=clock,
        data=data,
        recorded_at=timezone.now(),
    )


@pytest.mark.django_db
def test_the_hub_sends_a_post_only_officers_it_placed_there(people, posts):
    """A version a post wrote to claim another post's officer, stored before imports refused
    such versions, does not make the hub send that post the officer and their history."""
    Peer.objects.create(
        node_id=ARANYA, role=NodeRole.POST, name="Aranyaprathet", post_code="th-a", public_key="a"
    )
    assert node_identity().role == NodeRole.HUB
    officer = people["learner_kh"]  # made here, at headquarters, at Poipet
    _record(officer, ARANYA, 1, 50, "th-a", posts)
    assert officer.uuid not in officer_uuids_for_post("th-a")
    assert officer.uuid in officer_uuids_for_post("kh-p")
    # Once headquarters transfers the officer, the post receives them.
    officer.post = posts["th"]
    officer.save()
    assert officer.uuid in officer_uuids_for_post("th-a")
