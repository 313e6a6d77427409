"""Writes of record sync: exporting a packet, importing one, and syncing over HTTP.

A packet is a ``nodes.container`` of kind ``packet`` signed by its sender. Its parts are chunks:
gzip'd JSON of up to 500 rows of one table and one origin node, each also signed by the node that
may speak for those records (their origin, or the hub, which speaks for everyone), so a chunk
stays trustworthy when a third node carries it. The header's meta says who the packet is for,
what the sender holds (ranges of sequence numbers per origin: the receiver learns what not to
send back) and lists the chunks.

Importing verifies everything first (the container's signature and every part's hash, every
chunk's signer and signature, every row's origin) and refuses the whole packet on any doubt.
Then each chunk is applied in its own transaction: rows whose ``(origin, seq)`` is new are
inserted, rows already here are counted, rows whose officer, attempt or certificate has not
arrived wait in ``PendingRecord`` (tried again after every import), and rows that can never
apply are kept in ``RejectedRecord`` with the reason. Nothing is silently dropped, and a packet
read twice, out of order or cut short loses and duplicates nothing.
"""

from __future__ import annotations

import base64
import contextlib
import datetime
import fcntl
import gzip
import hashlib
import json
import os
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from cryptography.exceptions import InvalidSignature
from django.conf import settings
from django.db import DatabaseError, IntegrityError, connection, transaction
from django.db.models import CharField, Q, TextField, Value
from django.db.models.functions import Cast, Replace
from django.utils import timezone
from django.utils.dateparse import parse_datetime
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from learning.models import LearnerRecord, RecordKind
from learning.services import progress_recompute
from nodes.bounded import TooLarge, gunzip_bounded
from nodes.container import (
    ContainerError,
    container_bytes,
    no_space,
    no_space_error,
    open_container,
    receive_container,
    write_container,
)
from nodes.http import LinkError, node_request
from nodes.identity import node_identity
from nodes.models import NodeRole, Peer
from nodes.peers import (
    EnrolmentError,
    describe_duration,
    enrolment_accept,
    enrolment_claim,
    exchange_log,
    hub_peer,
    is_hub,
    key_for_packet,
    node_name,
    peers_roster,
    peers_roster_apply,
    signed_time_note,
    trusted_key,
)
from nodes.sealing import SealError, seal, unseal
from nodes.services import sequence_at_least
from officers.models import User
from officers.selectors import officer_uuids_for_post
from quizzes.models import QuizAttempt

from . import ranges as rng
from .models import (
    ImportedPacket,
    PeerHoldings,
    PendingRecord,
    RecomputeDue,
    RejectedRecord,
    RelayChunk,
)
from .registry import TABLES, Column, SyncTable, encode
from .selectors import holdings, peer_holdings

PACKET_KIND = "packet"
CHUNK_ROWS = 500
CHUNK_MAX_BYTES = 8 * 1024 * 1024  # uncompressed JSON; a chunk of large quiz snapshots splits
# What a chunk may inflate to when read: a split chunk is at most CHUNK_MAX_BYTES, but one row
# alone is never split. Past this a chunk is refused, not inflated into memory.
CHUNK_MAX_UNPACKED = 4 * CHUNK_MAX_BYTES
# Format 2: chunks sealed to the recipient, their signatures over the sealed bytes' hash.
CHUNK_DOMAIN = b"elearning-chunk/2:"
FORMAT_VERSION = 2
# Level 3 compresses 100,000 seeded records in 1.7 s against 4.4 s at level 6, for a packet
# 22 % larger (462 against 379 bytes a record); level 1 saves only 0.4 s more for 18 % more.
GZIP_LEVEL = 3
IMPORTED_KEEP_DAYS = 180
EXCHANGE_PATH = "/sync/exchange/"
# A request to /sync/exchange/ is a small signed container of this kind whose one part is the
# packet: the hub reads at most EXCHANGE_MAX_HEADER bytes and checks who signed them before it
# reads (or unpacks) anything else.
EXCHANGE_KIND = "exchange"
EXCHANGE_PART = "packet"
EXCHANGE_MAX_HEADER = 64 * 1024

Progress = Callable[[int, int], None] | None


def _setting(name: str, default):
    return getattr(settings, name, default)


def max_pending() -> int:
    return _setting("ELEARNING_SYNC_MAX_PENDING", 100_000)


def max_relay_chunks() -> int:
    return _setting("ELEARNING_SYNC_MAX_RELAY_CHUNKS", 20_000)


def chunks_per_request() -> int:
    return _setting("ELEARNING_SYNC_CHUNKS_PER_REQUEST", 20)


def max_body() -> int:
    return _setting("ELEARNING_SYNC_MAX_BODY", 64 * 1024 * 1024)


class SyncError(Exception):
    """Sync cannot go ahead (not enrolled, no such node, hub unreachable); ``str()`` is for the
    operator."""


class PacketRefused(SyncError):
    """A packet refused whole: damaged, unsigned, from a stranger, for another node, or holding
    records its signer may not speak for. Nothing was applied."""


class SyncBusy(SyncError):
    """Another sync is running on this node."""


# --- Results --------------------------------------------------------------------------------


@dataclass
class TableCounts:
    received: int = 0
    new: int = 0
    already_present: int = 0
    pending: int = 0
    rejected: int = 0


@dataclass
class ImportSummary:
    """What an import did. ``rejected`` lists (origin, seq, table, reason) of every record
    refused; ``pending`` counts records of this packet waiting for another to arrive."""

    sender: uuid.UUID
    sender_name: str
    written: str = ""
    received: int = 0
    new: int = 0
    already_present: int = 0
    pending: int = 0
    pending_applied: int = 0
    rejected: list[tuple[str, int, str, str]] = field(default_factory=list)
    relayed: int = 0
    warnings: list[str] = field(default_factory=list)
    tables: dict[str, TableCounts] = field(default_factory=dict)
    replay_of: str = ""
    chunks: int = 0
    peer_lost: int = 0  # records of this node the sender no longer holds (restored)

    def counts(self, table: str) -> TableCounts:
        return self.tables.setdefault(table, TableCounts())

    def as_dict(self) -> dict:
        return {
            "sender": str(self.sender),
            "sender_name": self.sender_name,
            "written": self.written,
            "received": self.received,
            "new": self.new,
            "already_present": self.already_present,
            "pending": self.pending,
            "pending_applied": self.pending_applied,
            "rejected": [
                {"origin": origin, "seq": seq, "table": table, "reason": reason}
                for origin, seq, table, reason in self.rejected
            ],
            "relayed": self.relayed,
            "warnings": list(self.warnings),
            "replay_of": self.replay_of,
            "peer_lost": self.peer_lost,
            "tables": {name: vars(counts) for name, counts in self.tables.items()},
        }

    def lines(self) -> list[str]:
        """The summary for a post operator, in plain words."""
        out = [_("Sync packet from %(name)s.") % {"name": self.sender_name}]
        if self.replay_of:
            out += self.warnings
            return out
        if self.received:
            out.append(
                ngettext(
                    "%(count)d record received: %(new)d new, %(present)d already here.",
                    "%(count)d records received: %(new)d new, %(present)d already here.",
                    self.received,
                )
                % {"count": self.received, "new": self.new, "present": self.already_present}
            )
        elif not self.relayed:
            out.append(_("Nothing new in it: this node already has everything it holds."))
        if self.pending:
            out.append(
                ngettext(
                    "%(count)d record is waiting for another that has not arrived yet (an "
                    "officer's profile or a quiz attempt); it will be added when that arrives.",
                    "%(count)d records are waiting for others that have not arrived yet (an "
                    "officer's profile or a quiz attempt); they will be added when those arrive.",
                    self.pending,
                )
                % {"count": self.pending}
            )
        if self.pending_applied:
            out.append(
                ngettext(
                    "%(count)d record that was waiting has now been added.",
                    "%(count)d records that were waiting have now been added.",
                    self.pending_applied,
                )
                % {"count": self.pending_applied}
            )
        if self.relayed:
            out.append(
                ngettext(
                    "%(count)d record of another post is kept here for headquarters; it goes "
                    "with this post's next packet to headquarters.",
                    "%(count)d records of another post are kept here for headquarters; they go "
                    "with this post's next packet to headquarters.",
                    self.relayed,
                )
                % {"count": self.relayed}
            )
        if self.rejected:
            out.append(
                ngettext(
                    "%(count)d record was refused:",
                    "%(count)d records were refused:",
                    len(self.rejected),
                )
                % {"count": len(self.rejected)}
            )
            out += [
                f"  {table} {origin}:{seq}: {reason}"
                for origin, seq, table, reason in self.rejected
            ]
        out += self.warnings
        return out


@dataclass
class ExportSummary:
    recipient: uuid.UUID
    recipient_name: str
    records: int = 0
    chunks: int = 0
    relayed_chunks: int = 0
    complete: bool = True
    tables: dict[str, int] = field(default_factory=dict)
    path: str = ""
    size: int = 0
    warnings: list[str] = field(default_factory=list)

    def lines(self) -> list[str]:
        if not self.records:
            out = [
                _("Nothing to send to %(name)s: it already holds everything this node has for it.")
                % {"name": self.recipient_name}
            ]
        else:
            out = [
                ngettext(
                    "%(count)d record for %(name)s.",
                    "%(count)d records for %(name)s.",
                    self.records,
                )
                % {"count": self.records, "name": self.recipient_name}
            ]
        if self.path:
            out.append(
                _("Written to %(path)s (%(size)s KB).")
                % {"path": self.path, "size": f"{self.size / 1024:,.0f}"}
            )
        if not self.complete:
            out.append(_("There is more to send: write another packet after this one."))
        return out + self.warnings


# --- What a node holds ----------------------------------------------------------------------


def _have_json(have: dict[uuid.UUID, rng.Ranges]) -> dict[str, rng.Ranges]:
    return {str(origin): ranges for origin, ranges in sorted(have.items(), key=lambda i: str(i[0]))}


def _have_parse(value) -> dict[uuid.UUID, rng.Ranges]:
    if not isinstance(value, dict):
        raise ValueError("have must be an object")
    return {uuid.UUID(origin): rng.parse(ranges) for origin, ranges in value.items()}


def _holdings_note(
    *, peer_id: uuid.UUID, have: dict[uuid.UUID, rng.Ranges], current: bool, summary
) -> None:
    """Take what ``peer_id`` says it holds now as what it holds (never a union with what it said
    before: a peer restored from a backup has lost records, and only its word now says which).
    ``current`` is False for a statement older than one already read (an old packet read late):
    it still replaces the holdings (at worst records go again, and arrive once) but warns of
    nothing. Tells the operator (``summary.warnings``) of records of this node the peer no
    longer holds (``summary.peer_lost``: they go again), and of numbers of this node's the peer
    holds beyond this database's counter (it went back in time: it continues after them)."""
    me = node_identity().node_id
    known = peer_holdings(peer_id)
    notices = summary.warnings
    lost = rng.count(rng.difference(known.get(me, []), have.get(me, [])))
    if lost and current:
        summary.peer_lost = lost
        notices.append(
            ngettext(
                "%(name)s no longer holds %(count)d record made here (restored from an older "
                "backup?); it is being sent again.",
                "%(name)s no longer holds %(count)d records made here (restored from an older "
                "backup?); they are being sent again.",
                lost,
            )
            % {"name": node_name(peer_id), "count": lost}
        )
    if have.get(me) and sequence_at_least(node_id=me, value=have[me][-1][1]):
        notices.append(
            _(
                "This node's database is older than what %(name)s holds from it (restored from "
                "a backup?): new records are numbered after number %(seq)d, so none is reused."
            )
            % {"name": node_name(peer_id), "seq": have[me][-1][1]}
        )
    if known != have:
        now = timezone.now()
        PeerHoldings.objects.filter(peer_id=peer_id).exclude(origin__in=list(have)).delete()
        for origin, ranges in have.items():
            if known.get(origin) != ranges:
                PeerHoldings.objects.update_or_create(
                    peer_id=peer_id, origin=origin, defaults={"ranges": ranges, "updated_at": now}
                )


def _said_lately(sender: uuid.UUID, created: str) -> bool:
    """Whether a file ``sender`` signed at ``created`` is not older than the newest it signed
    that this node has read (by the sender's own clock)."""
    latest = Peer.objects.filter(node_id=sender).values_list("latest_signed_time", flat=True)
    stamp = parse_datetime(created or "")
    return not latest or latest[0] is None or stamp is None or stamp >= latest[0]


# --- Chunks ---------------------------------------------------------------------------------


def _chunk_signature(sha256_hex: str) -> str:
    signature = node_identity().sign(CHUNK_DOMAIN + bytes.fromhex(sha256_hex))
    return base64.b64encode(signature).decode()


def _chunk_data(
    *, table: SyncTable, origin: str, rows: list[list]
) -> list[tuple[bytes, list[list]]]:
    """Gzip'd JSON of ``rows`` with the rows it holds (split in halves while larger than
    CHUNK_MAX_BYTES)."""
    document = {
        "v": FORMAT_VERSION,
        "table": table.name,
        "origin": origin,
        "columns": [c.name for c in table.columns],
        "rows": rows,
    }
    raw = json.dumps(document, default=encode, separators=(",", ":"), ensure_ascii=False).encode()
    if len(raw) > CHUNK_MAX_BYTES and len(rows) > 1:
        half = len(rows) // 2
        return _chunk_data(table=table, origin=origin, rows=rows[:half]) + _chunk_data(
            table=table, origin=origin, rows=rows[half:]
        )
    if len(raw) > CHUNK_MAX_UNPACKED:
        raise SyncError(
            _(
                "A %(table)s record of %(node)s is larger than any node accepts (%(mb)d MB); "
                "nothing was written. Report it to headquarters."
            )
            % {
                "table": table.label,
                "node": node_name(uuid.UUID(origin)),
                "mb": CHUNK_MAX_UNPACKED >> 20,
            }
        )
    return [(gzip.compress(raw, compresslevel=GZIP_LEVEL, mtime=0), rows)]


@dataclass(frozen=True)
class _Chunk:
    part: str
    data: bytes
    entry: dict  # the listing in meta["chunks"]


def _scope_filter(*, recipient: Peer) -> tuple[set[uuid.UUID], Callable[[SyncTable], Q]]:
    officers = set(officer_uuids_for_post(recipient.post_code)) if recipient.post_code else set()
    return officers, lambda table: Q(**{f"{table.scope}__in": list(officers)})


def _rows_for(
    table: SyncTable, *, where: Q, lacking: dict[uuid.UUID, rng.Ranges] | None
) -> dict[str, list[list]]:
    """Rows of ``table`` matching ``where`` that a peer holding ``lacking`` does not have, by
    origin (hex), in sequence order, as wire values. UUIDs are read as hex text by the
    database itself: making 100,000s of UUID objects only to print them again is slow."""
    columns = table.columns
    names = [c.name for c in columns]
    origin_at, seq_at = names.index("origin_node"), names.index("origin_seq")
    lacking_hex = {origin.hex: ranges for origin, ranges in (lacking or {}).items()}
    wire = {
        f"wire_{c.name}": Replace(Cast(c.lookup, CharField()), Value("-"), Value(""))
        for c in columns
        if c.is_uuid
    }
    wire.update({f"wire_{c.name}": Cast(c.lookup, TextField()) for c in columns if c.is_json})
    queryset = (
        table.model.objects.filter(where)
        .annotate(**wire)
        .order_by("origin_node", "origin_seq")
        .values_list(*[f"wire_{c.name}" if c.is_uuid or c.is_json else c.lookup for c in columns])
    )
    found: dict[str, list[list]] = defaultdict(list)
    for row in queryset.iterator(chunk_size=5000):
        origin = row[origin_at]
        if lacking is not None and rng.contains(lacking_hex.get(origin, []), row[seq_at]):
            continue
        found[origin].append(list(row))
    return found


def _referenced_officers(table: SyncTable, rows: dict[str, list[list]]) -> set[str]:
    indexes = [i for i, c in enumerate(table.columns) if c.refers_to == "officer"]
    return {
        row[i]
        for origin_rows in rows.values()
        for row in origin_rows
        for i in indexes
        if row[i] is not None
    }


def _export_plan(
    *, recipient: uuid.UUID | None, everything: bool
) -> tuple[Peer, dict[SyncTable, dict[str, list[list]]], list[RelayChunk]]:
    """Who the packet is for, and what to put in it: rows by table and origin, and (at a
    post) the chunks it carries for other posts."""
    me = node_identity().node_id
    ordered = TABLES
    plan: dict[SyncTable, dict[str, list[list]]] = {}
    relays: list[RelayChunk] = []
    if is_hub():
        if recipient is None:
            raise SyncError(_("Say which post the packet is for (--for)."))
        peer = Peer.objects.filter(node_id=recipient, role=NodeRole.POST).first()
        if peer is None:
            raise SyncError(_("%(node)s is not an enrolled post.") % {"node": recipient})
        lacking = None if everything else peer_holdings(peer.node_id)
        officers, scope = _scope_filter(recipient=peer)
        referenced: set[str] = {officer.hex for officer in officers}
        for table in ordered:
            if table.name == "profile_record":
                continue
            plan[table] = _rows_for(table, where=scope(table), lacking=lacking)
            referenced |= _referenced_officers(table, plan[table])
        profiles = next((t for t in ordered if t.name == "profile_record"), None)
        if profiles is not None:
            plan[profiles] = _rows_for(
                profiles, where=Q(officer_uuid__in=sorted(referenced)), lacking=lacking
            )
            profiles.for_outsiders(plan[profiles], insiders={officer.hex for officer in officers})
        plan = {table: plan[table] for table in ordered if table in plan}
        return peer, plan, relays
    peer = hub_peer()
    if peer is None:
        raise SyncError(
            _("This post is not enrolled with headquarters yet. Load the enrolment file first.")
        )
    if recipient is not None and recipient != peer.node_id:
        raise SyncError(_("A post sends its records only to headquarters."))
    lacking = None if everything else peer_holdings(peer.node_id)
    own = (lacking or {}).get(me, [])
    where = Q(origin_node=me, origin_seq__gte=rng.first_missing(own))
    for table in ordered:
        plan[table] = _rows_for(table, where=where, lacking=lacking)
    _relay_prune()
    relays = list(RelayChunk.objects.all())
    return peer, plan, relays


def _export(
    *,
    recipient: uuid.UUID | None,
    everything: bool,
    max_chunks: int | None,
    progress: Progress,
) -> tuple[dict, list[tuple[str, bytes]], ExportSummary]:
    peer, plan, relays = _export_plan(recipient=recipient, everything=everything)
    me = node_identity().node_id
    seal_to = trusted_key(peer.node_id)
    summary = ExportSummary(recipient=peer.node_id, recipient_name=peer.name)
    relays = _relays_recheck(relays, summary)
    total = sum(len(rows) for by_origin in plan.values() for rows in by_origin.values())
    total += sum(relay.count for relay in relays)
    chunks: list[_Chunk] = []

    def room() -> bool:
        return max_chunks is None or len(chunks) < max_chunks

    for table, by_origin in plan.items():
        for origin in sorted(by_origin):
            rows = by_origin[origin]
            for start in range(0, len(rows), CHUNK_ROWS):
                batch = rows[start : start + CHUNK_ROWS]
                if not room():
                    summary.complete = False
                    break
                seq_at = [c.name for c in table.columns].index("origin_seq")
                for plain, held in _chunk_data(table=table, origin=origin, rows=batch):
                    data = seal(plain, to=seal_to)
                    sha = hashlib.sha256(data).hexdigest()
                    part = f"c{len(chunks) + 1:05d}"
                    chunks.append(
                        _Chunk(
                            part,
                            data,
                            {
                                "part": part,
                                "table": table.name,
                                "origin": str(uuid.UUID(origin)),
                                "signer": str(me),
                                "signature": _chunk_signature(sha),
                                "sha256": sha,
                                "count": len(held),
                                "seqs": rng.to_ranges(row[seq_at] for row in held),
                            },
                        )
                    )
                summary.records += len(batch)
                summary.tables[table.name] = summary.tables.get(table.name, 0) + len(batch)
                if progress:
                    progress(summary.records, total)
    for relay in relays:
        if not room():
            summary.complete = False
            break
        part = f"c{len(chunks) + 1:05d}"
        chunks.append(
            _Chunk(
                part,
                bytes(relay.data),
                {
                    "part": part,
                    "table": relay.table,
                    "origin": str(relay.origin),
                    "signer": str(relay.signer),
                    "signature": relay.signature,
                    "sha256": relay.sha256,
                    "count": relay.count,
                    "seqs": relay.seqs,
                },
            )
        )
        summary.records += relay.count
        summary.relayed_chunks += 1
        summary.tables[relay.table] = summary.tables.get(relay.table, 0) + relay.count
        if progress:
            progress(summary.records, total)
    summary.chunks = len(chunks)
    meta: dict = {
        "format": FORMAT_VERSION,
        "recipient": str(peer.node_id),
        "have": _have_json(holdings()),
        "chunks": [chunk.entry for chunk in chunks],
    }
    if is_hub():
        meta["roster"] = peers_roster()
    else:
        claim = enrolment_claim()
        if claim:
            meta["enrolment"] = claim
    return meta, [(chunk.part, chunk.data) for chunk in chunks], summary


def packet_export(
    *,
    path: Path | None,
    recipient: uuid.UUID | None = None,
    everything: bool = False,
    max_chunks: int | None = None,
    progress: Progress = None,
) -> ExportSummary:
    """Write a packet of what ``recipient`` lacks to ``path`` (atomically).

    At a post the recipient is its hub (``recipient`` may be omitted); the packet holds this
    post's own records the hub does not hold yet, and the chunks it carries for other posts.
    At the hub ``recipient`` is a post (required); the packet holds what that post needs: the
    profiles of officers who are or were at the post, all their records from every node, and
    revocations of their certificates. What the recipient holds is known from its last
    packet; without that, or with ``everything``, all of it is sent (a union: nothing is
    duplicated on arrival). Raises SyncError (not enrolled, unknown recipient) or
    ContainerError (full disk: nothing written).
    """
    meta, parts, summary = _export(
        recipient=recipient, everything=everything, max_chunks=max_chunks, progress=progress
    )
    if path is not None:
        write_container(Path(path), kind=PACKET_KIND, meta=meta, parts=parts)
        summary.path = str(path)
        summary.size = Path(path).stat().st_size
    _log_sent(summary, what="packet file")
    return summary


def packet_export_bytes(
    *,
    recipient: uuid.UUID | None = None,
    everything: bool = False,
    max_chunks: int | None = None,
    progress: Progress = None,
) -> tuple[bytes, ExportSummary]:
    """``packet_export`` in memory, for an HTTP body."""
    meta, parts, summary = _export(
        recipient=recipient, everything=everything, max_chunks=max_chunks, progress=progress
    )
    body = container_bytes(kind=PACKET_KIND, meta=meta, parts=parts)
    summary.size = len(body)
    return body, summary


def _log_sent(summary: ExportSummary, *, what: str) -> None:
    if summary.records:
        exchange_log(
            peer_id=summary.recipient,
            direction="sent",
            what=what,
            count=summary.records,
            detail={"chunks": summary.chunks, "tables": summary.tables, "file": summary.path},
        )


# --- Import ---------------------------------------------------------------------------------


def _refuse(message: str) -> PacketRefused:
    return PacketRefused(message + " " + _("Nothing was applied."))


def _hub_id() -> uuid.UUID | None:
    if is_hub():
        return node_identity().node_id
    hub = hub_peer()
    return hub.node_id if hub else None


def _verify_chunk_signature(key, sha256_hex: str, signature: str) -> bool:
    try:
        key.verify(
            base64.b64decode(signature, validate=True), CHUNK_DOMAIN + bytes.fromhex(sha256_hex)
        )
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _key_for_carrying(sender: uuid.UUID, meta: dict):
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
class _Listed:
    part: str
    table: SyncTable
    origin: uuid.UUID
    signer: uuid.UUID
    signature: str
    sha256: str
    count: int
    seqs: rng.Ranges


def _read_chunk(container, listed: _Listed) -> tuple[list[str], list[list]]:
    """The columns and rows of a chunk, unsealed with this node's key and inflated up to
    CHUNK_MAX_UNPACKED; raises PacketRefused unless every row is of the listed origin and
    sequence numbers and the columns are this node's."""
    try:
        plain = unseal(container.read(listed.part), identity=node_identity())
    except SealError:
        raise _refuse(
            _("A part of the packet was sealed for another node; this node cannot open it.")
        ) from None
    try:
        plain = gunzip_bounded(plain, limit=CHUNK_MAX_UNPACKED)
    except TooLarge:
        raise _refuse(
            _("A part of the packet is larger than this node accepts (%(mb)d MB once unpacked).")
            % {"mb": CHUNK_MAX_UNPACKED // (1024 * 1024)}
        ) from None
    except ValueError:
        plain = b""
    try:
        document = json.loads(plain)
        columns, rows = document["columns"], document["rows"]
        if (
            document.get("v") != FORMAT_VERSION
            or document["table"] != listed.table.name
            or not isinstance(rows, list)
            or not all(isinstance(r, list) and len(r) == len(columns) for r in rows)
        ):
            raise ValueError
    except (ValueError, KeyError, TypeError, OSError, EOFError):
        raise _refuse(
            _("A part of the packet cannot be read; it was made by a different version.")
        ) from None
    missing = {c.name for c in listed.table.columns} - set(columns)
    if missing:
        raise _refuse(
            _("The packet was made by a different version of the platform (%(table)s lacks %(f)s).")
            % {"table": listed.table.label, "f": ", ".join(sorted(missing))}
        )
    origin_at, seq_at = columns.index("origin_node"), columns.index("origin_seq")
    origin_text = listed.origin.hex
    if document.get("origin") != origin_text or any(row[origin_at] != origin_text for row in rows):
        raise _refuse(
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
        raise _refuse(_("A part of the packet does not match its listing."))
    return columns, rows


def _checked_listing(container, sender_key, *, readable: bool = True) -> list[_Listed]:
    """Every chunk listed, checked: its part exists, its signer may speak for its origin, its
    signature (over the sealed bytes' hash) is good, and, when it is ``readable`` (sealed for
    this node, not carried for the hub), its rows are what the listing says. Raises
    PacketRefused."""
    hub_id = _hub_id()
    by_name = {part.name: part for part in container.parts}
    listing = container.meta.get("chunks")
    if not isinstance(listing, list):
        raise _refuse(_("The packet has no list of its contents."))
    checked: list[_Listed] = []
    known = {t.name: t for t in TABLES}
    for entry in listing:
        try:
            part = by_name[entry["part"]]
            table_name = str(entry["table"])
            origin, signer = uuid.UUID(entry["origin"]), uuid.UUID(entry["signer"])
            signature, sha = str(entry["signature"]), str(entry["sha256"])
            count, seqs = int(entry["count"]), rng.parse(entry["seqs"])
        except (KeyError, TypeError, ValueError):
            raise _refuse(_("The packet's list of contents is damaged.")) from None
        if table_name not in known:
            raise _refuse(
                _(
                    "The packet holds a kind of record this node does not know (%(kind)s). "
                    "Update this node's software first."
                )
                % {"kind": table_name}
            )
        if sha != part.sha256:
            raise _refuse(_("A part of the packet does not match its listing."))
        if signer != origin and signer != hub_id:
            raise _refuse(
                _(
                    "The packet holds records made by %(origin)s but signed by %(signer)s, "
                    "which may not speak for them."
                )
                % {"origin": node_name(origin), "signer": node_name(signer)}
            )
        key = sender_key if signer == container.sender else trusted_key(signer)
        if key is None:
            raise _refuse(
                _("The packet holds records signed by a node this one does not know (%(node)s).")
                % {"node": signer}
            )
        if not _verify_chunk_signature(key, sha, signature):
            raise _refuse(
                _("A part of the packet is not signed by %(node)s as it claims.")
                % {"node": node_name(signer)}
            )
        checked.append(
            _Listed(part.name, known[table_name], origin, signer, signature, sha, count, seqs)
        )
    if readable:
        for listed in checked:
            _read_chunk(container, listed)
    return checked


def database_file() -> Path:
    """Where this node's database writes (for a full disk's message)."""
    name = connection.settings_dict["NAME"]
    return Path(name) if connection.vendor == "sqlite" else Path(settings.DATA_DIR) / str(name)


def packet_import(
    *,
    source: Path | bytes,
    progress: Progress = None,
    expect_sender: uuid.UUID | None = None,
) -> ImportSummary:
    """Verify and apply a packet; return what happened.

    Everything is checked before anything is applied (signature, every part, every chunk's
    signer and rows): on any doubt PacketRefused is raised and nothing changes. A packet for
    this node is applied chunk by chunk, each chunk in its own transaction, so an import cut
    off halfway keeps whole chunks and a second import finishes the job. At a post, a packet
    addressed to its hub is carried (its chunks kept verbatim for the hub). A packet already
    imported changes nothing. ``expect_sender`` refuses a packet from anyone else (HTTP
    answers must come from the hub). A full disk raises PacketRefused with the plain message
    a full disk gives everywhere; every chunk applied before it stays whole.
    """
    try:
        return _packet_import(source=source, progress=progress, expect_sender=expect_sender)
    except (OSError, DatabaseError) as error:
        if no_space(error):
            raise PacketRefused(str(no_space_error(database_file()))) from None
        raise


def _packet_import(*, source, progress, expect_sender) -> ImportSummary:
    try:
        container = open_container(source, kinds={PACKET_KIND}, key_for=_key_for_carrying)
    except ContainerError as error:
        raise PacketRefused(str(error)) from None
    return _packet_apply(container, progress=progress, expect_sender=expect_sender)


def _packet_apply(container, *, progress: Progress, expect_sender: uuid.UUID | None):
    """``packet_import`` of a container already opened and verified."""
    me = node_identity().node_id
    sender, meta = container.sender, container.meta
    if expect_sender is not None and sender != expect_sender:
        raise _refuse(_("The answer was not signed by headquarters."))
    if meta.get("format") != FORMAT_VERSION:
        raise _refuse(
            _(
                "This packet was written by another version of the platform (packet format "
                "%(found)s; this node reads format %(wanted)s). Update the node that wrote it "
                "and write the packet again."
            )
            % {"found": meta.get("format", 1), "wanted": FORMAT_VERSION}
        )
    summary = ImportSummary(sender=sender, sender_name=node_name(sender), written=container.created)
    previous = ImportedPacket.objects.filter(sha256=container.sha256).first()
    if previous is not None:
        when = timezone.localtime(previous.imported_at).strftime("%Y-%m-%d %H:%M")
        summary.replay_of = previous.imported_at.isoformat()
        summary.warnings.append(
            _("This packet was already imported on %(date)s; nothing new.") % {"date": when}
        )
        _recompute()  # whatever an interrupted import left due
        return summary
    try:
        recipient = uuid.UUID(str(meta.get("recipient")))
        have = _have_parse(meta.get("have", {}))
    except ValueError:
        raise _refuse(_("The packet's header is damaged.")) from None
    hub = hub_peer() if not is_hub() else None
    if sender == me:
        raise _refuse(
            _("This packet was written by this node; take it to %(name)s.")
            % {"name": node_name(recipient)}
        )
    if recipient == me:
        relay = False
    elif hub is not None and recipient == hub.node_id:
        relay = True
    else:
        raise _refuse(
            _("This packet is for %(name)s, not this node.") % {"name": node_name(recipient)}
        )
    sender_key = key_for_packet(sender, meta)
    listing = _checked_listing(container, sender_key, readable=not relay)
    claim = meta.get("enrolment")
    if not relay and is_hub() and isinstance(claim, dict) and trusted_key(sender) is None:
        try:
            enrolment_accept(claim=claim, sender=sender)
        except EnrolmentError as error:
            raise _refuse(str(error)) from None
        summary.sender_name = node_name(sender)
    current = _said_lately(sender, container.created)
    skew = signed_time_note(peer_id=sender, created=container.created)
    if relay:
        _relay_store(container, listing, summary, via=sender)
    else:
        _apply_listing(container, listing, summary, progress=progress)
        roster = meta.get("roster")
        if hub is not None and sender == hub.node_id and isinstance(roster, list):
            peers_roster_apply(roster=roster, sender=sender)
        _holdings_note(peer_id=sender, have=have, current=current, summary=summary)
        if hub is not None and sender == hub.node_id:
            _relay_prune()
    if skew is not None:
        summary.warnings.append(
            _(
                "The sender's clock is %(span)s %(direction)s this node's; records are kept "
                "and ordered by their sequence numbers, not by time."
            )
            % {
                "span": describe_duration(skew),
                "direction": _("ahead of") if skew > datetime.timedelta(0) else _("behind"),
            }
        )
    if listing:
        ImportedPacket.objects.create(
            sha256=container.sha256, sender=sender, summary=summary.as_dict()
        )
        ImportedPacket.objects.filter(
            imported_at__lt=timezone.now() - datetime.timedelta(days=IMPORTED_KEEP_DAYS)
        ).delete()
    if summary.received or summary.relayed:
        exchange_log(
            peer_id=sender,
            direction="received",
            what="packet",
            count=summary.new,
            detail={
                "received": summary.received,
                "new": summary.new,
                "pending": summary.pending,
                "rejected": len(summary.rejected),
                "relayed": summary.relayed,
            },
        )
    return summary


# --- Applying rows ----------------------------------------------------------------------------


@dataclass
class _Applied:
    new: list[dict] = field(default_factory=list)  # wire rows inserted
    present: int = 0
    pending: list[tuple[dict, str]] = field(default_factory=list)
    rejected: list[tuple[dict, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    officers: dict[str, int] = field(default_factory=dict)  # officer uuid (hex) -> pk here


def _batches(values: list, size: int = 900):
    for start in range(0, len(values), size):
        yield values[start : start + size]


def _resolve(table: SyncTable, rows: list[dict]) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Look up, in one query per kind and 900 values, the officers (uuid hex -> pk) and the
    records (ids, hex) that ``rows`` refer to."""
    users: set[str] = set()
    records: dict[str, set[str]] = defaultdict(set)
    for column in table.columns:
        if not column.refers_to:
            continue
        values = {row[column.name] for row in rows if row[column.name] is not None}
        if column.refers_to == "officer":
            users |= values
        else:
            records[column.refers_to] |= values
    user_pks: dict[str, int] = {}
    for batch in _batches(sorted(users)):
        user_pks.update(
            (u.hex, pk) for u, pk in User.objects.filter(uuid__in=batch).values_list("uuid", "pk")
        )
    present: dict[str, set[str]] = {}
    by_name = {t.name: t for t in TABLES}
    for name, ids in records.items():
        present[name] = set()
        for batch in _batches(sorted(ids)):
            present[name] |= {
                pk.hex
                for pk in by_name[name]
                .model.objects.filter(pk__in=batch)
                .values_list("pk", flat=True)
            }
    return user_pks, present


def _missing(column: Column, value) -> str:
    shown = _shown(value)
    if column.refers_to == "officer":
        return _("the officer %(id)s is not on this node yet") % {"id": shown}
    if column.refers_to == "quiz_attempt":
        return _("its quiz attempt %(id)s is not on this node yet") % {"id": shown}
    if column.refers_to == "certificate":
        return _("its certificate %(id)s is not on this node yet") % {"id": shown}
    return _("the record %(id)s it refers to is not on this node yet") % {"id": shown}


def _shown(value) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return str(value)


def _clash(error: Exception) -> str:
    detail = str(error).split("\n")[0][:200]
    return _(
        "it clashes with a record already on this node (the same code, attempt or certificate "
        "recorded twice); kept aside for an administrator (%(detail)s)"
    ) % {"detail": detail}


def _reused(stored_id: str) -> str:
    return _(
        "its origin used this number before for another record (%(id)s, kept here): the origin "
        "was restored from a backup and reused its numbers; both are kept for an administrator"
    ) % {"id": _shown(stored_id)}


def _insert_sql(table: SyncTable) -> str:
    quote = connection.ops.quote_name
    names = ", ".join(quote(c.db_column) for c in table.columns)
    marks = ", ".join(["%s"] * len(table.columns))
    return f"INSERT INTO {quote(table.model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608


def _apply_rows(table: SyncTable, rows: list[dict], *, signer: uuid.UUID | None = None) -> _Applied:
    """Insert the rows of ``table`` that are new here. Precondition: inside a transaction;
    rows are dicts of wire values (a chunk's, signed by ``signer``, or waiting records').

    Rows their maker may not write (``SyncTable.refused``) are refused, unless the hub signed
    them for a post: the hub sends only what it accepted, so its decision stands.

    Rows go in with one ``executemany`` (the ORM's per-object work costs more than the
    database for 100,000 rows); if the database refuses the batch, each row is tried alone
    in a savepoint so only the clashing ones are refused."""
    result = _Applied()
    columns = table.columns
    by_origin: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        by_origin[row["origin_node"]].append(row["origin_seq"])
    existing: dict[tuple[str, int], str] = {}  # (origin, seq) -> the id stored here (hex)
    refused: dict[tuple[str, int], str] = {}
    any_refused = RejectedRecord.objects.filter(table=table.name).exists()
    for origin, seqs in by_origin.items():
        for batch in _batches(seqs):
            existing.update(
                ((origin, seq), record_id.hex)
                for seq, record_id in table.model.objects.filter(
                    origin_node=origin, origin_seq__in=batch
                ).values_list("origin_seq", "id")
            )
            if any_refused:
                refused.update(
                    ((origin, seq), reason)
                    for seq, reason in RejectedRecord.objects.filter(
                        origin=origin, seq__in=batch, table=table.name
                    ).values_list("seq", "reason")
                )
    fresh: list[dict] = []
    seen: set[tuple[str, int]] = set()
    for row in rows:
        key = (row["origin_node"], row["origin_seq"])
        if key in existing and existing[key] != row["id"]:
            result.rejected.append((row, _reused(existing[key])))
        elif key in existing or key in seen:
            result.present += 1
        elif key in refused:
            result.rejected.append((row, refused[key]))
        else:
            seen.add(key)
            fresh.append(row)
    if fresh and not (signer is not None and not is_hub() and signer == _hub_id()):
        refusals = table.refused(fresh)
        result.rejected += [(row, refusals[_key(row)]) for row in fresh if _key(row) in refusals]
        fresh = [row for row in fresh if _key(row) not in refusals]
    if not fresh:
        return result
    user_pks, present = _resolve(table, fresh)
    result.officers = user_pks
    prepare = [(c, c.to_db(connection)) for c in columns]
    ready: list[tuple[dict, list]] = []
    for row in fresh:
        values, reason = [], ""
        for column, to_db in prepare:
            value = row[column.name]
            if value is not None and column.refers_to == "officer":
                if value not in user_pks:
                    reason = _missing(column, value)
                    break
                value = user_pks[value]
            elif value is not None and column.refers_to and value not in present[column.refers_to]:
                reason = _missing(column, value)
                break
            else:
                try:
                    value = to_db(value)
                except (ValueError, TypeError, AttributeError) as error:
                    result.rejected.append((row, _("it is malformed (%(e)s)") % {"e": error}))
                    reason = "malformed"
                    break
            values.append(value)
        if reason == "malformed":
            continue
        if reason:
            result.pending.append((row, reason))
        else:
            ready.append((row, values))
    sql = _insert_sql(table)
    try:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.executemany(sql, [values for _row, values in ready])
        result.new = [row for row, _values in ready]
    except IntegrityError:
        for row, values in ready:
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(sql, values)
                result.new.append(row)
            except IntegrityError as error:
                result.rejected.append((row, _clash(error)))
    if table.has_after_insert and result.new:
        instances = []
        for origin, seqs in _by_origin(result.new).items():
            for batch in _batches(seqs):
                instances += list(
                    table.model.objects.filter(origin_node=origin, origin_seq__in=batch)
                )
        result.notices = table.after_insert(instances)
    return result


def _key(row: dict) -> tuple[str, int]:
    return row["origin_node"], row["origin_seq"]


def _by_origin(rows: list[dict]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        found[row["origin_node"]].append(row["origin_seq"])
    return found


def _keep_waiting(table: SyncTable, waiting: list[tuple[dict, str]], summary: ImportSummary):
    if not waiting:
        return
    room = max(0, max_pending() - PendingRecord.objects.count())
    kept = waiting[:room]
    PendingRecord.objects.bulk_create(
        [
            PendingRecord(
                table=table.name,
                origin=row["origin_node"],
                seq=row["origin_seq"],
                data=row,
                reason=reason,
            )
            for row, reason in kept
        ],
        ignore_conflicts=True,
    )
    if len(kept) < len(waiting):
        summary.warnings.append(
            _(
                "%(count)d records could not be kept waiting here (the waiting room is full); "
                "they will be asked for again at the next sync."
            )
            % {"count": len(waiting) - len(kept)}
        )


def _reject(table: SyncTable, rejected: list[tuple[dict, str]], summary: ImportSummary) -> None:
    if not rejected:
        return
    RejectedRecord.objects.bulk_create(
        [
            RejectedRecord(
                table=table.name,
                origin=row["origin_node"],
                seq=row["origin_seq"],
                data=row,
                reason=reason,
            )
            for row, reason in rejected
        ],
        ignore_conflicts=True,
    )
    summary.rejected += [
        (_shown(row["origin_node"]), row["origin_seq"], table.name, reason)
        for row, reason in rejected
    ]


def _sequence_catch_up(rows: list[dict]) -> None:
    """A node that gets its own records back (restored from an old backup) numbers its next
    records after them, never reusing a number."""
    me = node_identity().node_id.hex
    mine = [row["origin_seq"] for row in rows if row["origin_node"] == me]
    if mine:
        sequence_at_least(node_id=node_identity().node_id, value=max(mine))


TRANSACTION_ROWS = 5000


def _apply_listing(container, listing: list[_Listed], summary: ImportSummary, *, progress):
    """Apply the chunks in order. Whole chunks are grouped into one transaction of up to
    TRANSACTION_ROWS rows (a commit per 500 rows costs more than the inserts on SQLite): a
    chunk is never half applied, and an import cut off keeps every group it committed."""
    total = sum(listed.count for listed in listing)
    done = 0
    groups: list[list[_Listed]] = []
    for listed in listing:
        if not groups or sum(item.count for item in groups[-1]) + listed.count > TRANSACTION_ROWS:
            groups.append([])
        groups[-1].append(listed)
    has_waiting = PendingRecord.objects.exists()
    for group in groups:
        with transaction.atomic():
            touched: set[tuple[int, uuid.UUID]] = set()
            for listed in group:
                columns, raw_rows = _read_chunk(container, listed)
                rows = [dict(zip(columns, row, strict=True)) for row in raw_rows]
                applied = _apply_rows(listed.table, rows, signer=listed.signer)
                _keep_waiting(listed.table, applied.pending, summary)
                _reject(listed.table, applied.rejected, summary)
                _sequence_catch_up(applied.new)
                if has_waiting:
                    _forget_waiting(listed.table, applied, rows)
                touched |= _touched(listed.table, applied)
                _count(summary, listed.table, rows, applied)
            _recompute_mark(touched)
        done += sum(item.count for item in group)
        if progress:
            progress(done, total)
    _retry_waiting(summary)
    _recompute()


def _count(summary: ImportSummary, table: SyncTable, rows: list[dict], applied: _Applied):
    counts = summary.counts(table.name)
    counts.received += len(rows)
    counts.new += len(applied.new)
    counts.already_present += applied.present
    counts.pending += len(applied.pending)
    counts.rejected += len(applied.rejected)
    summary.received += len(rows)
    summary.new += len(applied.new)
    summary.already_present += applied.present
    summary.pending += len(applied.pending)
    summary.chunks += 1
    summary.warnings += [n for n in applied.notices if n not in summary.warnings]


def _forget_waiting(table: SyncTable, applied: _Applied, rows: list[dict]) -> None:
    """Rows that arrived again and now applied (or were here) need not wait any more."""
    waiting = {(row["origin_node"], row["origin_seq"]) for row, _reason in applied.pending}
    done = _by_origin(
        [row for row in rows if (row["origin_node"], row["origin_seq"]) not in waiting]
    )
    for origin, seqs in done.items():
        for batch in _batches(seqs):
            PendingRecord.objects.filter(table=table.name, origin=origin, seq__in=batch).delete()


def _retry_waiting(summary: ImportSummary) -> None:
    """Try the waiting records again, table by table in dependency order, until no more
    apply (an officer's profile lets their attempts in, which let their submissions in)."""
    progress_made = True
    while progress_made:
        progress_made = False
        for table in TABLES:
            waiting = list(PendingRecord.objects.filter(table=table.name).values_list("pk", "data"))
            if not waiting:
                continue
            with transaction.atomic():
                applied = _apply_rows(table, [data for _pk, data in waiting])
                still = {(r["origin_node"], r["origin_seq"]) for r, _reason in applied.pending}
                settled = [
                    pk
                    for pk, data in waiting
                    if (data["origin_node"], data["origin_seq"]) not in still
                ]
                _reject(table, applied.rejected, summary)
                for batch in _batches(settled):
                    PendingRecord.objects.filter(pk__in=batch).delete()
                _sequence_catch_up(applied.new)
                _recompute_mark(_touched(table, applied))
            summary.warnings += [n for n in applied.notices if n not in summary.warnings]
            if applied.new:
                progress_made = True
                summary.pending_applied += len(applied.new)
                summary.counts(table.name).new += len(applied.new)


def _touched(table: SyncTable, applied: _Applied) -> set[tuple[int, uuid.UUID]]:
    """(learner pk, course key) whose completion the new rows may change."""
    if table.name == "learner_record":
        kinds = {RecordKind.ENROLLED, RecordKind.LESSON_COMPLETED, RecordKind.MODULE_COMPLETED}
        pairs = {
            (applied.officers[row["learner"]], row["course_key"])
            for row in applied.new
            if row["kind"] in kinds
        }
        return {(pk, uuid.UUID(key)) for pk, key in pairs}
    if table.name == "quiz_submission":
        passed = [row["attempt_id"] for row in applied.new if row["passed"]]
        model = next(t for t in TABLES if t.name == "quiz_attempt").model
        found: set[tuple[int, uuid.UUID]] = set()
        for batch in _batches(passed):
            found |= set(model.objects.filter(pk__in=batch).values_list("learner_id", "course_key"))
        return found
    return set()


def _recompute_mark(touched: set[tuple[int, uuid.UUID]]) -> None:
    """Note, in the applying transaction, whose progress must be derived again."""
    RecomputeDue.objects.bulk_create(
        [RecomputeDue(learner_id=pk, course_key=key) for pk, key in touched],
        ignore_conflicts=True,
        batch_size=500,
    )


def _recompute() -> None:
    """Record the completions the merged records imply (a module finished at one post and
    another at a second completes the course, and issues its certificate), for every officer
    and course noted as due, including those an earlier, interrupted import noted."""
    due = list(RecomputeDue.objects.values_list("pk", "learner_id", "course_key"))
    if not due:
        return
    touched = {(pk, key) for _id, pk, key in due}
    learner_list = sorted({pk for pk, _key in touched})
    done: set[tuple[int, uuid.UUID]] = set()
    for batch in _batches(learner_list):
        done |= set(
            LearnerRecord.objects.filter(
                kind=RecordKind.COURSE_COMPLETED, learner_id__in=batch
            ).values_list("learner_id", "course_key")
        )
    mixed = _made_on_several_nodes(learner_list)
    users = {u.pk: u for u in User.objects.filter(pk__in=learner_list)}
    for learner_pk, course_key in sorted(touched, key=lambda pair: (pair[0], str(pair[1]))):
        pair = (learner_pk, course_key)
        if pair in mixed and pair not in done and learner_pk in users:
            progress_recompute(learner=users[learner_pk], course_key=course_key)
    for batch in _batches([row_id for row_id, _pk, _key in due]):
        RecomputeDue.objects.filter(pk__in=batch).delete()


def _made_on_several_nodes(learner_list: list[int]) -> set[tuple[int, uuid.UUID]]:
    """(learner, course) pairs whose records (learner records and quiz attempts) come from more
    than one node. Only those can imply a completion no node has recorded: a node records
    completions as it makes records, so what one node made alone it has already derived."""
    origins: dict[tuple[int, uuid.UUID], set] = {}
    for model in (LearnerRecord, QuizAttempt):
        for batch in _batches(learner_list):
            rows = (
                model.objects.filter(learner_id__in=batch)
                .values_list("learner_id", "course_key", "origin_node")
                .distinct()
            )
            for learner_pk, course_key, origin in rows:
                origins.setdefault((learner_pk, course_key), set()).add(origin)
    return {pair for pair, found in origins.items() if len(found) > 1}


# --- Relaying -------------------------------------------------------------------------------


def _relay_store(container, listing: list[_Listed], summary: ImportSummary, *, via) -> None:
    """At a post: keep another post's chunks for the hub, verbatim with their signatures."""
    me = node_identity().node_id
    room = max(0, max_relay_chunks() - RelayChunk.objects.count())
    known = set(
        RelayChunk.objects.filter(sha256__in=[c.sha256 for c in listing]).values_list(
            "sha256", flat=True
        )
    )
    hub_has = peer_holdings(hub_peer().node_id)
    skipped = 0
    for listed in listing:
        if listed.origin == me or listed.sha256 in known:
            continue
        if rng.covers(hub_has.get(listed.origin, []), listed.seqs):
            continue  # headquarters already has them
        if room <= 0:
            skipped += listed.count
            continue
        RelayChunk.objects.create(
            sha256=listed.sha256,
            origin=listed.origin,
            table=listed.table.name,
            signer=listed.signer,
            signature=listed.signature,
            count=listed.count,
            seqs=listed.seqs,
            data=container.read(listed.part),
        )
        known.add(listed.sha256)
        room -= 1
        summary.relayed += listed.count
    if skipped:
        summary.warnings.append(
            _(
                "%(count)d records could not be carried: this post already carries as much as "
                "it may for other posts. Take that post's packet to headquarters directly."
            )
            % {"count": skipped}
        )


def _relays_recheck(relays: list[RelayChunk], summary: ExportSummary) -> list[RelayChunk]:
    """The carried chunks that still verify (their bytes match their hash, and their signer
    may speak for their origin and signed them), checked again before each packet: one
    damaged chunk would make the hub refuse the whole packet, this post's own records with
    it, at every sync. A bad one is dropped and reported; its origin still has its records."""
    hub_id = _hub_id()
    good = []
    for relay in relays:
        data, signer = bytes(relay.data), relay.signer
        key = trusted_key(signer) if signer in (relay.origin, hub_id) else None
        if (
            key is not None
            and hashlib.sha256(data).hexdigest() == relay.sha256
            and _verify_chunk_signature(key, relay.sha256, relay.signature)
        ):
            good.append(relay)
            continue
        relay.delete()
        summary.warnings.append(
            ngettext(
                "%(count)d record carried for %(name)s no longer verifies (damaged here) and "
                "was dropped; that post still has it and sends it itself.",
                "%(count)d records carried for %(name)s no longer verify (damaged here) and "
                "were dropped; that post still has them and sends them itself.",
                relay.count,
            )
            % {"count": relay.count, "name": node_name(relay.origin)}
        )
    return good


def _relay_prune() -> None:
    """Forget carried chunks the hub says it holds."""
    hub = hub_peer()
    if hub is None:
        return
    hub_has = peer_holdings(hub.node_id)
    done = [
        pk
        for pk, origin, seqs in RelayChunk.objects.values_list("pk", "origin", "seqs")
        if rng.covers(hub_has.get(origin, []), seqs)
    ]
    if done:
        RelayChunk.objects.filter(pk__in=done).delete()


# --- Over HTTP --------------------------------------------------------------------------------


@contextlib.contextmanager
def sync_lock() -> Iterator[None]:
    """Hold this node's sync lock (a file in ELEARNING_DATA_DIR); raise SyncBusy if another
    sync holds it. Safe from cron: two runs never overlap, and the lock goes with the process."""
    path = Path(settings.DATA_DIR) / "sync.lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = open(path, "a+")  # noqa: SIM115 - held for the duration
    try:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise SyncBusy(_("Another sync is running on this node.")) from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()


@dataclass
class SyncResult:
    rounds: int = 0
    sent: int = 0
    received: int = 0
    new: int = 0
    pending: int = 0
    rejected: list = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    @property
    def nothing_to_do(self) -> bool:
        return not (self.sent or self.received or self.rejected)


def sync_run(
    *,
    hub_url: str | None = None,
    per_request: int | None = None,
    max_rounds: int = 100_000,
    progress: Callable[[SyncResult], None] | None = None,
    timeout: float = 120,
) -> SyncResult:
    """At a post: exchange records with the hub over HTTP until neither side has anything the
    other lacks. Each round sends a bounded packet and applies the hub's bounded answer; a cut
    at any point loses nothing (each chunk applies whole, and the next run asks again for what
    is still missing). Raises SyncError (not enrolled, hub unreachable, packet refused) or
    SyncBusy (another sync is running)."""
    hub = hub_peer()
    if hub is None:
        raise SyncError(
            _("This post is not enrolled with headquarters yet. Load the enrolment file first.")
        )
    url = (hub_url or hub.url or "").rstrip("/")
    if not url:
        raise SyncError(_("No address for headquarters is known; give one with --hub."))
    per_request = per_request or chunks_per_request()
    result = SyncResult()
    with sync_lock():
        for _round in range(max_rounds):
            packet, sent = packet_export_bytes(recipient=hub.node_id, max_chunks=per_request)
            try:
                answer = node_request(
                    url + EXCHANGE_PATH,
                    data=_exchange_request(packet, hub=hub),
                    headers={"Content-Type": "application/octet-stream"},
                    method="POST",
                    timeout=timeout,
                    max_bytes=max_body(),
                )
            except LinkError as error:
                raise SyncError(str(error)) from None
            _log_sent(sent, what="sync")
            result.warnings += [w for w in sent.warnings if w not in result.warnings]
            summary = packet_import(source=answer, expect_sender=hub.node_id)
            result.rounds += 1
            result.sent += sent.records
            result.received += summary.received
            result.new += summary.new
            result.pending += summary.pending
            result.rejected += summary.rejected
            result.warnings += [w for w in summary.warnings if w not in result.warnings]
            if progress:
                progress(result)
            if not sent.records and not summary.received and not summary.peer_lost:
                break
    return result


def _exchange_request(packet: bytes, *, hub: Peer) -> bytes:
    """The body of a request to the hub: a small header signed by this post (with its
    enrolment claim until the hub has it), then the packet."""
    meta: dict = {"recipient": str(hub.node_id)}
    claim = enrolment_claim()
    if claim:
        meta["enrolment"] = claim
    return container_bytes(kind=EXCHANGE_KIND, meta=meta, parts=[(EXCHANGE_PART, packet)])


def exchange_answer(*, stream, length: int) -> bytes:
    """At the hub: apply the packet a post sent in a request of ``length`` bytes read from
    ``stream``, and answer with a bounded packet of what that post lacks.

    The request's header (at most EXCHANGE_MAX_HEADER bytes) must be signed by an enrolled
    post, or one with a valid enrolment claim, before anything else is read; a request larger
    than ELEARNING_SYNC_MAX_BODY is refused unread, and the packet is streamed to a temporary
    file, never held in memory. Raises PacketRefused; nothing is kept of a refused request."""
    incoming = Path(settings.DATA_DIR) / "incoming"
    try:
        with receive_container(
            stream,
            length=length,
            kinds={EXCHANGE_KIND},
            key_for=key_for_packet,
            max_header=EXCHANGE_MAX_HEADER,
            max_size=max_body(),
            folder=incoming,
        ) as request:
            if EXCHANGE_PART not in {part.name for part in request.parts}:
                raise _refuse(_("The request holds no packet."))
            packet = incoming / f".packet.{uuid.uuid4().hex}.partial"
            try:
                request.copy_to(EXCHANGE_PART, packet)
                container = open_container(packet, kinds={PACKET_KIND}, key_for=key_for_packet)
                if container.sender != request.sender:
                    raise _refuse(_("The packet in the request was not written by its sender."))
                summary = _packet_apply(container, progress=None, expect_sender=None)
            finally:
                packet.unlink(missing_ok=True)
    except ContainerError as error:
        raise PacketRefused(str(error)) from None
    answer, _summary = packet_export_bytes(
        recipient=summary.sender, max_chunks=chunks_per_request()
    )
    return answer
