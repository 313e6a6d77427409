"""Reads of the nodes app: which role this node plays, the nodes it trusts and their keys,
what an enrolment file or claim says, and how far this node's clock is behind its peers'.

The writes (enrolling a post, taking the hub's roster, noting exchanges, handing out sequence
numbers) are in ``services``; wording for operators in ``wording``.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import json
import uuid
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from .container import ContainerError, open_container
from .identity import node_id_for_public_key, node_identity
from .models import Enrolment, NodeRole, Peer, ThisNode
from .sealing import SealError, normalised_code, seal, unseal, unseal_with_code

ENROLMENT_KIND = "enrolment"
# Format 2: what an enrolment file says about the post, and its expiry, are sealed with the code.
ENROLMENT_FORMAT = 2
CLOCK_TOLERANCE = datetime.timedelta(minutes=10)


class EnrolmentError(Exception):
    """An enrolment that cannot go ahead; ``str()`` is for the operator."""


def is_hub() -> bool:
    return settings.NODE_ROLE == NodeRole.HUB


def is_post() -> bool:
    return settings.NODE_ROLE == NodeRole.POST


def peer_key(hex_key: str) -> Ed25519PublicKey:
    """The Ed25519 public key written as hex (raises ValueError for one that is not)."""
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_key))


def claimed_key(node_id: uuid.UUID, key_hex: Any) -> Ed25519PublicKey | None:
    """The public key ``key_hex`` names, if it is a well-formed key and ``node_id`` is the id
    derived from it (so a node id can only be claimed with its own key); None otherwise."""
    try:
        if node_id_for_public_key(bytes.fromhex(key_hex)) != node_id:
            return None
        return peer_key(key_hex)
    except (TypeError, ValueError):
        return None


def trusted_key(node_id: uuid.UUID) -> Ed25519PublicKey | None:
    """This node's own key, or an enrolled peer's; None for a stranger."""
    identity = node_identity()
    if node_id == identity.node_id:
        return identity.public_key
    peer = Peer.objects.filter(node_id=node_id).first()
    return peer_key(peer.public_key) if peer else None


def trusted_keys() -> dict[uuid.UUID, Ed25519PublicKey]:
    """Every key this node trusts, by node id (its own included)."""
    identity = node_identity()
    keys = {
        uuid.UUID(str(node_id)): peer_key(key)
        for node_id, key in Peer.objects.values_list("node_id", "public_key")
    }
    keys[identity.node_id] = identity.public_key
    return keys


def key_for_header(sender: uuid.UUID, meta: dict) -> Ed25519PublicKey | None:
    """The default trust for ``open_container``: known nodes only."""
    return trusted_key(sender)


def token_hash(code: str) -> str:
    return hashlib.sha256(b"elearning-enrolment:" + normalised_code(code).encode()).hexdigest()


def claim_token(claim: dict) -> str:
    """The one-time code a claim carries: sealed to the hub on the wire (``sealed_token``),
    so a lost stick holding a post's first packet does not give the code away; or in clear
    from ``enrolment_answer``, which has it from the post's request."""
    sealed = claim.get("sealed_token")
    if sealed is None:
        return str(claim.get("token", ""))
    try:
        opened = unseal(base64.b64decode(str(sealed), validate=True), identity=node_identity())
        return opened.decode()
    except (SealError, ValueError, UnicodeDecodeError):
        return ""


def claim_key(sender: uuid.UUID, claim: object) -> Ed25519PublicKey | None:
    """The key a well-formed claim names, if it is the sender's own key."""
    return claimed_key(sender, claim.get("public_key")) if isinstance(claim, dict) else None


def open_enrolment(token: str) -> Enrolment | None:
    return Enrolment.objects.filter(
        token_hash=token_hash(token), expires_at__gt=timezone.now()
    ).first()


def key_for_packet(sender: uuid.UUID, meta: dict) -> Ed25519PublicKey | None:
    """Trust for sync packets: a known node, or (at the hub) a post making its first contact
    with a valid, unused enrolment claim signed by the key it claims."""
    key = trusted_key(sender)
    if key is not None or not is_hub():
        return key
    claim = meta.get("enrolment")
    if not isinstance(claim, dict):
        return None
    key = claim_key(sender, claim)
    enrolment = open_enrolment(claim_token(claim))
    if key is None or enrolment is None or enrolment.used_by not in (None, sender):
        return None
    return key


def hub_peer() -> Peer | None:
    """At a post: the hub it is enrolled with."""
    return Peer.objects.filter(role=NodeRole.HUB).first()


def this_node() -> ThisNode:
    """This node's own description (name, post code, number); its one row is made on first
    read, empty until enrolment fills it."""
    node, _created = ThisNode.objects.get_or_create(pk=1)
    return node


def node_name(node_id: uuid.UUID) -> str:
    """A peer's name for messages ("Poipet post"), or its id when unknown."""
    if node_id == node_identity().node_id:
        return this_node().name or _("this node")
    peer = Peer.objects.filter(node_id=node_id).first()
    return peer.name if peer else str(node_id)


def peer_find(text: str) -> Peer:
    """A peer by node id, post code or name (for ``--for``); raises EnrolmentError."""
    text = text.strip()
    try:
        found = Peer.objects.filter(node_id=uuid.UUID(text)).first()
    except ValueError:
        found = (
            Peer.objects.filter(post_code__iexact=text).first()
            or Peer.objects.filter(name__iexact=text).first()
        )
    if found is None:
        raise EnrolmentError(_("No enrolled node is called %(name)s.") % {"name": text})
    return found


def _hub_signed(sender: uuid.UUID, meta: dict) -> Ed25519PublicKey | None:
    hub = meta.get("hub")
    return claimed_key(sender, hub.get("public_key")) if isinstance(hub, dict) else None


def enrolment_file_read(*, path: Path, code: str) -> tuple[uuid.UUID, dict, dict, str]:
    """Open an enrolment file with its code: (hub node id, hub description, post description,
    expiry). Raises ContainerError, and only that, for a file that is damaged, not signed by
    the hub key it names, of an older version, or that ``code`` does not open."""
    container = open_container(Path(path), kinds={ENROLMENT_KIND}, key_for=_hub_signed)
    meta = container.meta
    if meta.get("format") != ENROLMENT_FORMAT:
        raise ContainerError(
            _(
                "This enrolment file was written by an older version of the platform. Ask "
                "headquarters for a new one."
            )
        )
    if not normalised_code(code):
        raise ContainerError(
            _(
                "This enrolment file can be read only with the code headquarters gave with it. "
                "Give the code too."
            )
        )
    try:
        secret = json.loads(
            unseal_with_code(base64.b64decode(str(meta.get("sealed")), validate=True), code=code)
        )
        post, expires = secret["post"], str(secret["expires"])
        hub = dict(meta["hub"])
        uuid.UUID(str(hub["node_id"]))
        if not isinstance(post, dict) or not isinstance(hub.get("public_key"), str):
            raise TypeError
        for name in ("name", "country", "post_code"):
            post[name] = str(post.get(name) or "")
    except (SealError, ValueError, KeyError, TypeError):
        raise ContainerError(
            _(
                "The code does not open this enrolment file. Type the code headquarters gave "
                "with it (shown when the file was written)."
            )
        ) from None
    return container.sender, hub, post, expires


def enrolment_claim() -> dict | None:
    """At a post: the claim to send with packets until the hub acknowledges it, its code
    sealed to the hub (only the hub can read it; a lost stick does not give it away)."""
    hub = hub_peer()
    if hub is None or not hub.pending_claim:
        return None
    claim = {key: value for key, value in hub.pending_claim.items() if key != "token"}
    token = str(hub.pending_claim.get("token", "")).encode()
    claim["sealed_token"] = base64.b64encode(seal(token, to=peer_key(hub.public_key))).decode()
    return claim


def peers_roster() -> list[dict]:
    """At the hub: every node and key, so posts verify each other's certificates and relay
    each other's packets."""
    identity = node_identity()
    roster: list[dict[str, object]] = [
        {
            "node_id": str(identity.node_id),
            "role": NodeRole.HUB,
            "name": this_node().name or "Headquarters",
            "country": "",
            "post_code": "",
            "public_key": identity.public_key_bytes.hex(),
        }
    ]
    for peer in Peer.objects.filter(role=NodeRole.POST):
        roster.append(
            {
                "node_id": str(peer.node_id),
                "role": peer.role,
                "name": peer.name,
                "country": peer.country,
                "post_code": peer.post_code,
                "public_key": peer.public_key,
                "number": peer.number,
            }
        )
    return roster


def clock_behind() -> datetime.timedelta | None:
    """How far this node's clock is behind the newest time a trusted peer signed (None when
    it is not behind): a post whose clock is years off learns it from the hub's signatures."""
    newest = (
        Peer.objects.exclude(latest_signed_time=None)
        .order_by("-latest_signed_time")
        .values_list("latest_signed_time", flat=True)
        .first()
    )
    if newest is None:
        return None
    behind = newest - timezone.now()
    return behind if behind > CLOCK_TOLERANCE else None
