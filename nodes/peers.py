"""The nodes this one trusts, and how a post is enrolled with the hub.

Enrolment is one trip for the operator: the hub writes a one-time enrolment file (or shows a code)
for a named post; the post loads it and from then on trusts the hub's key, and its first sync
packet (by USB or HTTP) carries a claim signed with the post's own key, which the hub accepts once
for that invitation. Over HTTP, ``enrolment_by_code`` does both halves at once. Only the token's
hash is stored at the hub, and a token works once, before it expires.
"""

from __future__ import annotations

import base64
import datetime
import hashlib
import hmac
import json
import secrets
import uuid
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .container import ContainerError, open_container, write_container
from .http import LinkError, node_request
from .identity import node_id_for_public_key, node_identity
from .models import Enrolment, NodeRole, Peer, PeerExchange, ThisNode
from .sealing import SealError, normalised_code, seal, seal_with_code, unseal, unseal_with_code

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


def _key(hex_key: str) -> Ed25519PublicKey:
    return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_key))


def _key_for(node_id: uuid.UUID, key_hex) -> Ed25519PublicKey | None:
    """The public key ``key_hex`` names, if it is a well-formed key and ``node_id`` is the id
    derived from it (so a node id can only be claimed with its own key); None otherwise."""
    try:
        if node_id_for_public_key(bytes.fromhex(key_hex)) != node_id:
            return None
        return _key(key_hex)
    except (TypeError, ValueError):
        return None


def trusted_key(node_id: uuid.UUID) -> Ed25519PublicKey | None:
    """This node's own key, or an enrolled peer's; None for a stranger."""
    identity = node_identity()
    if node_id == identity.node_id:
        return identity.public_key
    peer = Peer.objects.filter(node_id=node_id).first()
    return _key(peer.public_key) if peer else None


def trusted_keys() -> dict[uuid.UUID, Ed25519PublicKey]:
    """Every key this node trusts, by node id (its own included)."""
    identity = node_identity()
    keys = {
        uuid.UUID(str(node_id)): _key(key)
        for node_id, key in Peer.objects.values_list("node_id", "public_key")
    }
    keys[identity.node_id] = identity.public_key
    return keys


def key_for_header(sender: uuid.UUID, meta: dict) -> Ed25519PublicKey | None:
    """The default trust for ``open_container``: known nodes only."""
    return trusted_key(sender)


def _token_hash(code: str) -> str:
    return hashlib.sha256(b"elearning-enrolment:" + normalised_code(code).encode()).hexdigest()


def _claim_token(claim: dict) -> str:
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


def _claim_key(sender: uuid.UUID, claim) -> Ed25519PublicKey | None:
    """The key a well-formed claim names, if it is the sender's own key."""
    return _key_for(sender, claim.get("public_key")) if isinstance(claim, dict) else None


def _open_enrolment(token: str) -> Enrolment | None:
    return Enrolment.objects.filter(
        token_hash=_token_hash(token), expires_at__gt=timezone.now()
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
    key = _claim_key(sender, claim)
    enrolment = _open_enrolment(_claim_token(claim))
    if key is None or enrolment is None or enrolment.used_by not in (None, sender):
        return None
    return key


def hub_peer() -> Peer | None:
    """At a post: the hub it is enrolled with."""
    return Peer.objects.filter(role=NodeRole.HUB).first()


def this_node() -> ThisNode:
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


# --- Enrolment at the hub -------------------------------------------------------------------


def _new_code() -> str:
    raw = base64.b32encode(secrets.token_bytes(10)).decode()
    return "-".join(raw[i : i + 4] for i in range(0, 16, 4))


def enrolment_create(
    *,
    name: str,
    country: str = "",
    post_code: str = "",
    border_post: dict | None = None,
    valid_days: int = 30,
) -> tuple[Enrolment, str]:
    """At the hub: a one-time invitation for a post. Returns it and its code (shown once).
    ``border_post`` ({uuid, code, name, country}) travels to the post, which creates the same
    border post, so officers registered there and at the hub name one post."""
    if not is_hub():
        raise EnrolmentError(_("Only headquarters enrols posts."))
    if not name.strip():
        raise EnrolmentError(_("Give the post a name."))
    code = _new_code()
    with transaction.atomic():
        highest = max(
            Enrolment.objects.aggregate(n=Max("number"))["n"] or 0,
            Peer.objects.aggregate(n=Max("number"))["n"] or 0,
        )
        enrolment = Enrolment.objects.create(
            token_hash=_token_hash(code),
            name=name.strip(),
            country=country.upper(),
            post_code=post_code,
            number=highest + 1,
            border_post=border_post,
            expires_at=timezone.now() + datetime.timedelta(days=valid_days),
        )
    return enrolment, code


def _hub_description(hub_url: str) -> dict:
    identity = node_identity()
    return {
        "node_id": str(identity.node_id),
        "public_key": identity.public_key_bytes.hex(),
        "name": this_node().name or _("Headquarters"),
        "url": hub_url,
    }


def _post_description(enrolment: Enrolment) -> dict:
    return {
        "name": enrolment.name,
        "country": enrolment.country,
        "post_code": enrolment.post_code,
        "number": enrolment.number,
        "border_post": enrolment.border_post,
    }


def enrolment_file_write(*, enrolment: Enrolment, code: str, hub_url: str, path: Path) -> None:
    """At the hub: write the enrolment file the post operator carries. The hub's public
    description stays readable (the post checks the file against the key it names); what
    the file says about the post is sealed with ``code``, which the operator is given apart
    from the file: the file alone neither enrols anyone nor says where it is going."""
    secret = json.dumps(
        {"post": _post_description(enrolment), "expires": enrolment.expires_at.isoformat()}
    ).encode()
    write_container(
        Path(path),
        kind=ENROLMENT_KIND,
        meta={
            "format": ENROLMENT_FORMAT,
            "hub": _hub_description(hub_url),
            "sealed": base64.b64encode(seal_with_code(secret, code=code)).decode(),
        },
        parts=[],
    )


def _hub_signed(sender: uuid.UUID, meta: dict):
    hub = meta.get("hub")
    return _key_for(sender, hub.get("public_key")) if isinstance(hub, dict) else None


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


def enrolment_accept(*, claim: dict, sender: uuid.UUID) -> Peer:
    """At the hub: register the post that signed a packet carrying ``claim``. Idempotent for
    the same post; a used, expired or unknown invitation is refused."""
    key = _claim_key(sender, claim)
    if key is None:
        raise EnrolmentError(_("The enrolment claim does not match the key that signed it."))
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .filter(token_hash=_token_hash(_claim_token(claim)))
            .first()
        )
        if enrolment is None or enrolment.expires_at <= timezone.now():
            raise EnrolmentError(_("This enrolment code is unknown or has expired."))
        if enrolment.used_by not in (None, sender):
            raise EnrolmentError(_("This enrolment code has already been used by another post."))
        enrolment.used_by, enrolment.used_at = sender, enrolment.used_at or timezone.now()
        enrolment.save(update_fields=["used_by", "used_at"])
        peer, _created = Peer.objects.update_or_create(
            node_id=sender,
            defaults={
                "role": NodeRole.POST,
                "name": enrolment.name,
                "country": enrolment.country,
                "post_code": enrolment.post_code,
                "public_key": claim["public_key"],
                "url": "",
                "number": enrolment.number,
            },
        )
    return peer


# --- Enrolment at the post ------------------------------------------------------------------


def _trust_hub(*, hub: dict, post: dict, token: str) -> Peer:
    if not is_post():
        raise EnrolmentError(
            _("This node is headquarters; only a border post can be enrolled with a hub.")
        )
    hub_id = uuid.UUID(hub["node_id"])
    existing = hub_peer()
    if existing is not None and existing.node_id != hub_id:
        raise EnrolmentError(
            _("This post is already enrolled with %(name)s; it cannot join another hub.")
            % {"name": existing.name}
        )
    identity = node_identity()
    with transaction.atomic():
        node = this_node()
        node.name, node.country, node.post_code = post["name"], post["country"], post["post_code"]
        node.number = post.get("number") or None
        node.border_post = (
            post.get("border_post") if isinstance(post.get("border_post"), dict) else None
        )
        node.save()
        peer, _created = Peer.objects.update_or_create(
            node_id=hub_id,
            defaults={
                "role": NodeRole.HUB,
                "name": hub.get("name") or _("Headquarters"),
                "public_key": hub["public_key"],
                "url": hub.get("url", ""),
            },
        )
        if existing is None or existing.pending_claim:
            peer.pending_claim = {
                "token": token,
                "public_key": identity.public_key_bytes.hex(),
                "name": post["name"],
            }
            peer.save(update_fields=["pending_claim"])
    return peer


def enrolment_load(*, path: Path, code: str) -> Peer:
    """At a post: load the enrolment file from the hub, with the code given with it. The
    file must be signed by the hub key it names (it is carried by hand, so the operator's trip
    is the trust); from then on the post trusts that key and no other hub. Raises
    ContainerError (the file or code) or EnrolmentError (expired, wrong node, another hub)."""
    sender, hub, post, expires_text = enrolment_file_read(path=path, code=code)
    expires = parse_datetime(expires_text)
    if expires is not None and expires <= timezone.now():
        enrolled = hub_peer()
        if enrolled is None or enrolled.node_id != sender:
            raise EnrolmentError(
                _(
                    "This enrolment file expired on %(date)s. Ask headquarters for a new one. "
                    "(If this computer's date is wrong, correct it first.)"
                )
                % {"date": expires.date().isoformat()}
            )
    return _trust_hub(hub=hub, post=post, token=code)


def _proof(code: str, hub_key_hex: str, post_key_hex: str) -> str:
    key = hashlib.sha256(b"elearning-enrolment-proof:" + _token_hash(code).encode()).digest()
    return hmac.new(key, (hub_key_hex + post_key_hex).encode(), hashlib.sha256).hexdigest()


def enrolment_by_code(*, hub_url: str, code: str, timeout: float = 30) -> Peer:
    """At a post with a link: enrol with a code typed from the hub's screen. The hub registers
    this post at once and answers with its key and a proof made from the code, so a machine
    between the two that does not know the code cannot pass off its own key."""
    identity = node_identity()
    post_key = identity.public_key_bytes.hex()
    body = json.dumps(
        {
            "code": code,
            "public_key": post_key,
            "signature": identity.sign(("enrol:" + _token_hash(code)).encode()).hex(),
        }
    ).encode()
    try:
        answer = json.loads(
            node_request(
                hub_url.rstrip("/") + "/nodes/enrol/",
                data=body,
                headers={"Content-Type": "application/json"},
                method="POST",
                timeout=timeout,
            )
        )
    except LinkError as error:
        raise EnrolmentError(str(error)) from None
    except ValueError:
        raise EnrolmentError(
            _("Headquarters gave an answer this post does not understand.")
        ) from None
    hub = answer.get("hub") or {}
    expected = _proof(code, str(hub.get("public_key", "")), post_key)
    if not hmac.compare_digest(expected, str(answer.get("proof", ""))):
        raise EnrolmentError(
            _("The answer did not prove it came from headquarters. Check the address and code.")
        )
    hub["url"] = hub_url.rstrip("/")
    peer = _trust_hub(hub=hub, post=answer["post"], token=code)
    Peer.objects.filter(pk=peer.pk).update(pending_claim=None)
    return Peer.objects.get(pk=peer.pk)


def enrolment_answer(*, code: str, public_key: str, signature: str, hub_url: str) -> dict:
    """At the hub: the HTTP half of ``enrolment_by_code``."""
    try:
        key = _key(public_key)
        key.verify(bytes.fromhex(signature), ("enrol:" + _token_hash(code)).encode())
    except (ValueError, InvalidSignature):
        raise EnrolmentError(_("The request was not signed by the key it carries.")) from None
    sender = node_id_for_public_key(bytes.fromhex(public_key))
    enrolment_accept(claim={"token": code, "public_key": public_key}, sender=sender)
    enrolment = Enrolment.objects.get(token_hash=_token_hash(code))
    hub = _hub_description(hub_url)
    return {
        "hub": hub,
        "post": _post_description(enrolment),
        "proof": _proof(code, hub["public_key"], public_key),
    }


def enrolment_claim() -> dict | None:
    """At a post: the claim to send with packets until the hub acknowledges it, its code
    sealed to the hub (only the hub can read it; a lost stick does not give it away)."""
    hub = hub_peer()
    if hub is None or not hub.pending_claim:
        return None
    claim = {key: value for key, value in hub.pending_claim.items() if key != "token"}
    token = str(hub.pending_claim.get("token", "")).encode()
    claim["sealed_token"] = base64.b64encode(seal(token, to=_key(hub.public_key))).decode()
    return claim


# --- The roster the hub shares with posts ---------------------------------------------------


def peers_roster() -> list[dict]:
    """At the hub: every node and key, so posts verify each other's certificates and relay
    each other's packets."""
    identity = node_identity()
    roster = [
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


def peers_roster_apply(*, roster: list[dict], sender: uuid.UUID) -> None:
    """At a post: take the roster from the hub it is enrolled with (and only from it). Seeing
    itself listed means the hub accepted its enrolment."""
    hub = hub_peer()
    if hub is None or hub.node_id != sender:
        return
    me = node_identity().node_id
    for entry in roster:
        try:
            node_id = uuid.UUID(str(entry["node_id"]))
        except (KeyError, TypeError, ValueError):
            continue
        key_hex = entry.get("public_key")
        if _key_for(node_id, key_hex) is None:
            continue
        if node_id == me:
            if hub.pending_claim:
                hub.pending_claim = None
                hub.save(update_fields=["pending_claim"])
            node = this_node()
            if isinstance(entry.get("number"), int) and node.number != entry["number"]:
                node.number = entry["number"]
                node.save(update_fields=["number"])
            continue
        if node_id == hub.node_id or entry.get("role") != NodeRole.POST:
            continue
        Peer.objects.update_or_create(
            node_id=node_id,
            defaults={
                "role": NodeRole.POST,
                "name": str(entry.get("name", ""))[:200],
                "country": str(entry.get("country", ""))[:2],
                "post_code": str(entry.get("post_code", ""))[:40],
                "public_key": key_hex,
                "number": entry.get("number") if isinstance(entry.get("number"), int) else None,
            },
        )


# --- What was exchanged ---------------------------------------------------------------------


def exchange_log(
    *, peer_id: uuid.UUID, direction: str, what: str, count: int = 0, detail: dict | None = None
) -> None:
    """Note what was sent to or received from a peer (``node_status`` shows the newest)."""
    PeerExchange.objects.create(
        peer_id=peer_id, direction=direction, what=what, count=count, detail=detail or {}
    )


def signed_time_note(*, peer_id: uuid.UUID, created: str) -> datetime.timedelta | None:
    """Remember the newest time a peer signed a file, and return how far the peer's clock is
    from this node's (positive: the peer is ahead) when it is off by more than a day."""
    stamp = parse_datetime(created or "")
    if stamp is None:
        return None
    Peer.objects.filter(node_id=peer_id).filter(
        Q(latest_signed_time__isnull=True) | Q(latest_signed_time__lt=stamp)
    ).update(latest_signed_time=stamp)
    skew = stamp - timezone.now()
    return skew if abs(skew) > datetime.timedelta(days=1) else None


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


def describe_duration(delta: datetime.timedelta) -> str:
    days = abs(delta.days)
    if days >= 365:
        return _("%(n)d years") % {"n": days // 365}
    if days >= 1:
        return _("%(n)d days") % {"n": days}
    return _("%(n)d minutes") % {"n": abs(int(delta.total_seconds())) // 60}
