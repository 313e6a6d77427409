"""Verification: everything in a packet is checked before its import commits (the container's
signature and every part's hash, every chunk's signer and signature before anything is read,
every row's origin as its chunk is read to be applied); on any doubt the whole packet is
refused (``PacketRefused``) and nothing changes."""

from __future__ import annotations

import hashlib
import re
import uuid
from dataclasses import dataclass
from typing import Any, NamedTuple

import orjson
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils.translation import gettext as _

from nodes.bounded import TooLarge, unpack_bounded
from nodes.container import Container, ContainerError
from nodes.identity import node_identity
from nodes.sealing import SealError, unseal
from nodes.selectors import hub_peer, is_hub, key_for_packet, node_name, trusted_key
from nodes.syncing import SyncedTable

from . import ranges as rng
from .registry import by_name, columns
from .wire import CHUNK_MAX_UNPACKED, READABLE_FORMATS, chunk_signature_valid, hub_id, refuse


def key_for_carrying(sender: uuid.UUID, meta: dict) -> Ed25519PublicKey | None:
    """``key_for_packet``, and at a post the reason it cannot carry a new post's first packet:
    the hub has not told it that post's key yet (its roster comes with the hub's next packet),
    so nothing in it can be checked here, and an unchecked chunk is never carried."""
    key = key_for_packet(sender, meta)
    hub = None if key is not None or is_hub() else hub_peer()
    first_contact = hub is not None and isinstance(meta.get("enrolment"), dict)
    if first_contact and str(meta.get("recipient")) == str(hub.node_id):
        raise ContainerError(
            _(
                "This is the first packet of a new post (%(node)s) that headquarters has not "
                "told this post about yet, so it cannot be checked here and is not carried. "
                "Take it to headquarters directly, or import it here again after this "
                "post's next exchange with headquarters. Nothing was applied."
            )
            % {"node": sender}
        )
    return key


@dataclass(frozen=True)
class Listed:
    part: str
    table: SyncedTable
    origin: uuid.UUID
    signer: uuid.UUID
    signature: str
    sha256: str
    count: int
    seqs: rng.Ranges


class Chunk(NamedTuple):
    columns: list[str]
    rows: list[list]
    shared: dict[str, str]  # the shared parts its rows name (``SharedParts``), unchecked


SHARED_NAME = re.compile(r"[0-9a-f]{64}")


def _shared_read(table: SyncedTable, shared: Any) -> dict[str, str]:
    """A chunk's shared parts (name -> text), if its table has them and each is named as a
    SHA-256 is; raises ValueError otherwise. The texts kept are checked by ``shared_checked``."""
    if shared is None:
        return {}
    if table.shared is None or not isinstance(shared, dict):
        raise ValueError("shared parts where none belong")
    if not all(isinstance(t, str) and SHARED_NAME.fullmatch(n) for n, t in shared.items()):
        raise ValueError("not a shared part")
    return shared


def shared_checked(parts: dict[str, str]) -> dict[str, str]:
    """``parts`` (a chunk's shared parts that this node will keep) if each is a JSON object
    whose SHA-256 is its name; raises PacketRefused for one that is not what it is named."""
    for name, text in parts.items():
        try:
            if hashlib.sha256(text.encode()).hexdigest() != name:
                raise ValueError(name)
            if not isinstance(orjson.loads(text), dict):
                raise ValueError(name)
        except ValueError:
            raise refuse(
                _(
                    "A part of the packet holds content shared by its records (such as a quiz "
                    "question) that is not what it is named: it was changed after it was "
                    "written."
                )
            ) from None
    return parts


def read_chunk(container: Container, listed: Listed) -> Chunk:
    """The columns, rows and shared parts of a chunk, unsealed with this node's key and inflated
    up to CHUNK_MAX_UNPACKED; raises PacketRefused unless every row is of the listed origin and
    sequence numbers and the columns are this node's."""
    try:
        plain = unseal(container.read(listed.part), identity=node_identity())
    except SealError:
        raise refuse(
            _("A part of the packet was sealed for another node; this node cannot open it.")
        ) from None
    try:
        plain = unpack_bounded(plain, limit=CHUNK_MAX_UNPACKED)
    except TooLarge:
        raise refuse(
            _("A part of the packet is larger than this node accepts (%(mb)d MB once unpacked).")
            % {"mb": CHUNK_MAX_UNPACKED // (1024 * 1024)}
        ) from None
    except ValueError:
        plain = b""
    try:
        document = orjson.loads(plain)
        sent, rows = document["columns"], document["rows"]
        if (
            document.get("v") not in READABLE_FORMATS
            or document["table"] != listed.table.name
            or not isinstance(rows, list)
            or not all(type(r) is list for r in rows)  # orjson makes lists, nothing else
            or (rows and set(map(len, rows)) != {len(sent)})
        ):
            raise ValueError
        shared = _shared_read(listed.table, document.get("shared"))
    except (ValueError, KeyError, TypeError, OSError, EOFError):
        raise refuse(
            _("A part of the packet cannot be read; it was made by a different version.")
        ) from None
    missing = {c.name for c in columns(listed.table)} - set(sent)
    if missing:
        raise refuse(
            _("The packet was made by a different version of the platform (%(table)s lacks %(f)s).")
            % {"table": listed.table.label, "f": ", ".join(sorted(missing))}
        )
    origin_at, seq_at = sent.index("origin_node"), sent.index("origin_seq")
    origin_text = listed.origin.hex
    if document.get("origin") != origin_text or any(row[origin_at] != origin_text for row in rows):
        raise refuse(
            _(
                "The packet holds records that claim to be from %(node)s but are not: it may "
                "not speak for them."
            )
            % {"node": node_name(listed.origin)}
        )
    seqs = [row[seq_at] for row in rows]
    if not all(isinstance(s, int) for s in seqs) or (
        len(rows) != listed.count or rng.to_ranges(seqs) != listed.seqs
    ):
        raise refuse(_("A part of the packet does not match its listing."))
    return Chunk(sent, rows, shared)


def checked_listing(container: Container, sender_key: Ed25519PublicKey | None) -> list[Listed]:
    """Every chunk listed, checked: its part exists, its signer may speak for its origin, and
    its signature (over the sealed bytes' hash) is good. Raises PacketRefused. The rows of a
    chunk sealed for this node are checked against its listing when it is read to be applied
    (``read_chunk``), inside the transaction that imports the packet, so a packet with one bad
    chunk leaves nothing behind; a chunk carried for the hub is never opened here."""
    listing = container.meta.get("chunks")
    if not isinstance(listing, list):
        raise refuse(_("The packet has no list of its contents."))
    context = _ListingContext(
        sender=container.sender,
        sender_key=sender_key,
        hub=hub_id(),
        parts={part.name: part for part in container.parts},
        known=by_name(),
    )
    return [_entry_checked(context, entry) for entry in listing]


@dataclass(frozen=True)
class _ListingContext:
    sender: uuid.UUID
    sender_key: Ed25519PublicKey | None
    hub: uuid.UUID | None
    parts: dict[str, Any]
    known: dict[str, SyncedTable]


def _entry_checked(context: _ListingContext, entry: Any) -> Listed:
    """One entry of a packet's list of contents, checked (``checked_listing``)."""
    known = context.known
    try:
        part = context.parts[entry["part"]]
        table_name = str(entry["table"])
        origin, signer = uuid.UUID(entry["origin"]), uuid.UUID(entry["signer"])
        signature, sha = str(entry["signature"]), str(entry["sha256"])
        count, seqs = int(entry["count"]), rng.parse(entry["seqs"])
    except (KeyError, TypeError, ValueError):
        raise refuse(_("The packet's list of contents is damaged.")) from None
    if table_name not in known:
        raise refuse(
            _(
                "The packet holds a kind of record this node does not know (%(kind)s). "
                "Update this node's software first."
            )
            % {"kind": table_name}
        )
    if sha != part.sha256:
        raise refuse(_("A part of the packet does not match its listing."))
    if signer != origin and signer != context.hub:
        raise refuse(
            _(
                "The packet holds records made by %(origin)s but signed by %(signer)s, "
                "which may not speak for them."
            )
            % {"origin": node_name(origin), "signer": node_name(signer)}
        )
    key = context.sender_key if signer == context.sender else trusted_key(signer)
    if key is None:
        raise refuse(
            _("The packet holds records signed by a node this one does not know (%(node)s).")
            % {"node": signer}
        )
    if not chunk_signature_valid(key, sha, signature):
        raise refuse(
            _("A part of the packet is not signed by %(node)s as it claims.")
            % {"node": node_name(signer)}
        )
    return Listed(part.name, known[table_name], origin, signer, signature, sha, count, seqs)
