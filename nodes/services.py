"""Writes of the nodes app: sequence numbers for node identity, enrolling a post with the hub,
taking the hub's roster, and noting what was exchanged with a peer.

How a post is enrolled is one trip for the operator: the hub writes a one-time enrolment file (or
shows a code) for a named post; the post loads it and from then on trusts the hub's key, and its
first sync packet (by USB or HTTP) carries a claim signed with the post's own key, which the hub
accepts once for that invitation. Over HTTP, ``enrolment_by_code`` does both halves at once. Only
the token's hash is stored at the hub, and a token works once, before it expires.

A sequence number is never handed out twice. A database restored from a backup has forgotten
the numbers it handed out since. So every number is first covered by a marker outside the
database (``sequences.json`` beside ``keys/`` in the data directory), written durably: the
highest number any process may have handed out. Numbers are reserved in blocks (one fsync per
``SEQUENCE_BLOCK`` records, not per record), and a process's first number continues after the
marker's block, so a database put back while the node was stopped (a real restore) never
reissues one.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import fcntl
import hashlib
import hmac
import json
import secrets
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from django.conf import settings
from django.db import connection, transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _

from .container import write_container
from .files import atomic_file
from .http import LinkError, node_request
from .identity import node_id_for_public_key, node_identity
from .models import Enrolment, NodeRole, NodeSequence, Peer, PeerExchange
from .sealing import seal_with_code
from .selectors import (
    ENROLMENT_FORMAT,
    ENROLMENT_KIND,
    EnrolmentError,
    claim_key,
    claim_token,
    claimed_key,
    enrolment_file_read,
    hub_peer,
    is_hub,
    is_post,
    peer_key,
    this_node,
    token_hash,
)

SEQUENCE_BLOCK = 1000
MARKER_FILE = "sequences.json"
# Per counter, the highest number this process knows the marker covers (the marker only grows
# while the node runs); absent until the process has continued the counter.
_covered: dict[tuple[Path, uuid.UUID], int] = {}
_started_lock = threading.Lock()


def _marker_path() -> Path:
    return Path(settings.NODE_KEY_DIR).parent / MARKER_FILE


@contextlib.contextmanager
def _marker_locked(path: Path) -> Iterator[dict[str, int]]:
    """The marker's reservations (counter hex -> highest number reserved), held under a file
    lock; what the block leaves in the dict is written durably (temporary file, fsync,
    rename, fsync of the directory) before the lock is released."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            marks = json.loads(path.read_text()) if path.exists() else {}
        except ValueError:
            marks = {}  # a damaged marker: the database and the hub still bound the numbers
        before = dict(marks)
        yield marks
        if marks == before:
            return
        with atomic_file(path, sync_directory=True) as out:
            out.write(json.dumps(marks).encode())


def _counter_bumped(node_id: uuid.UUID) -> int:
    """The counter's last value plus one, written and read back in one statement (``UPDATE
    ... RETURNING``: SQLite 3.35 and later, PostgreSQL), the counter's row made first on a
    database that has none. Every record a node writes takes a number: the ORM's way (make the
    row if absent, update, read back) was three statements."""
    meta = NodeSequence._meta
    quote = connection.ops.quote_name
    key = meta.get_field("node_id")
    value = meta.get_field("last_value").column
    for _made in (False, True):
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {quote(meta.db_table)} SET {quote(value)} = {quote(value)} + 1 "  # noqa: S608
                f"WHERE {quote(key.column)} = %s RETURNING {quote(value)}",
                [key.get_db_prep_value(node_id, connection)],
            )
            row = cursor.fetchone()
        if row is not None:
            return int(row[0])
        NodeSequence.objects.get_or_create(node_id=node_id)
    raise RuntimeError(f"no sequence counter for {node_id}")  # made just above: unreachable


def sequence_next(*, node_id: uuid.UUID | None = None) -> tuple[uuid.UUID, int]:
    """Return (node id, next sequence number) for this node.

    Precondition: call inside the transaction that writes the record taking the number, so both
    commit together. The row is updated in place (``_counter_bumped``) under the database's
    write lock (SQLite runs IMMEDIATE transactions; PostgreSQL locks the row), so two concurrent
    callers never get the same number. The number is covered by the marker before it is
    returned; a process's first number for a counter comes after everything the marker says was
    reserved.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sequence_next() must run inside transaction.atomic()")
    node_id = node_id or node_identity().node_id
    value = _counter_bumped(node_id)
    key = (_marker_path(), node_id)
    with _started_lock:
        if key in _covered and value <= _covered[key]:
            return node_id, value  # covered already: no file touched
        with _marker_locked(key[0]) as marks:
            reserved = marks.get(node_id.hex, 0)
            if key not in _covered and value <= reserved:
                value = reserved + 1  # the database may have forgotten numbers up to there
                NodeSequence.objects.filter(node_id=node_id).update(last_value=value)
            if value > reserved:
                marks[node_id.hex] = value + SEQUENCE_BLOCK - 1
            _covered[key] = marks[node_id.hex]
    return node_id, value


def sequence_at_least(*, node_id: uuid.UUID, value: int) -> bool:
    """Make sure ``node_id``'s next number comes after ``value`` (a number of its own that came
    back from another node). Returns True when the counter was behind it: this database had
    forgotten numbers it handed out (restored from a backup). Precondition: in a transaction."""
    NodeSequence.objects.get_or_create(node_id=node_id)
    return bool(
        NodeSequence.objects.filter(node_id=node_id, last_value__lt=value).update(last_value=value)
    )


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
            token_hash=token_hash(code),
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


def enrolment_accept(*, claim: dict, sender: uuid.UUID) -> Peer:
    """At the hub: register the post that signed a packet carrying ``claim``. Idempotent for
    the same post; a used, expired or unknown invitation is refused."""
    key = claim_key(sender, claim)
    if key is None:
        raise EnrolmentError(_("The enrolment claim does not match the key that signed it."))
    with transaction.atomic():
        enrolment = (
            Enrolment.objects.select_for_update()
            .filter(token_hash=token_hash(claim_token(claim)))
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
    key = hashlib.sha256(b"elearning-enrolment-proof:" + token_hash(code).encode()).digest()
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
            "signature": identity.sign(("enrol:" + token_hash(code)).encode()).hex(),
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
        key = peer_key(public_key)
        key.verify(bytes.fromhex(signature), ("enrol:" + token_hash(code)).encode())
    except (ValueError, InvalidSignature):
        raise EnrolmentError(_("The request was not signed by the key it carries.")) from None
    sender = node_id_for_public_key(bytes.fromhex(public_key))
    enrolment_accept(claim={"token": code, "public_key": public_key}, sender=sender)
    enrolment = Enrolment.objects.get(token_hash=token_hash(code))
    hub = _hub_description(hub_url)
    return {
        "hub": hub,
        "post": _post_description(enrolment),
        "proof": _proof(code, hub["public_key"], public_key),
    }


# --- The roster the hub shares with posts ---------------------------------------------------


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
        if claimed_key(node_id, key_hex) is None:
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
