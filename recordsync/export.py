"""Export: what a packet for a peer holds, read from the database as wire rows, chunked,
compressed, sealed to the recipient and signed.

At the hub the packet for a post holds the records of the officers of that post (each synced
table's ``scope``), and the rows of the tables that make officers for every officer those
records name. At a post it holds this post's own records the hub lacks, and the chunks it
carries for other posts.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import uuid
from collections import defaultdict
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db.models import CharField, Func, Q, TextField, Value
from django.db.models.functions import Cast, Replace
from django.utils.translation import gettext as _

from nodes.identity import node_identity
from nodes.models import NodeRole, Peer
from nodes.sealing import seal
from nodes.selectors import enrolment_claim, hub_peer, is_hub, node_name, peers_roster, trusted_key
from nodes.services import exchange_log
from nodes.syncing import SyncedTable

from . import ranges as rng
from .holdings import have_json
from .models import RelayChunk
from .registry import OFFICER, TABLES, columns, encode, officer_makers
from .relay import relay_prune, relays_recheck
from .selectors import holdings, peer_holdings
from .summaries import ExportSummary
from .wire import (
    CHUNK_MAX_BYTES,
    CHUNK_MAX_UNPACKED,
    CHUNK_ROWS,
    FORMAT_VERSION,
    GZIP_LEVEL,
    Progress,
    SyncError,
    chunk_signature,
)


def chunk_data(
    *, table: SyncedTable, origin: str, rows: list[list]
) -> list[tuple[bytes, list[list]]]:
    """Gzip'd JSON of ``rows`` with the rows it holds (split in halves while larger than
    CHUNK_MAX_BYTES)."""
    document = {
        "v": FORMAT_VERSION,
        "table": table.name,
        "origin": origin,
        "columns": [c.name for c in columns(table)],
        "rows": rows,
    }
    raw = json.dumps(document, default=encode, separators=(",", ":"), ensure_ascii=False).encode()
    if len(raw) > CHUNK_MAX_BYTES and len(rows) > 1:
        half = len(rows) // 2
        return chunk_data(table=table, origin=origin, rows=rows[:half]) + chunk_data(
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


def _officers_at(peer: Peer) -> set[uuid.UUID]:
    """The officers of the post ``peer``, as the tables that make officers say."""
    if not peer.post_code:
        return set()
    return {
        officer
        for table in officer_makers()
        if table.officers_at_post is not None
        for officer in table.officers_at_post(peer.post_code)
    }


def rows_for(
    table: SyncedTable, *, where: Q, lacking: dict[uuid.UUID, rng.Ranges] | None
) -> dict[str, list[list]]:
    """Rows of ``table`` matching ``where`` that a peer holding ``lacking`` does not have, by
    origin (hex), in sequence order, as wire values. UUIDs are read as hex text by the
    database itself: making 100,000s of UUID objects only to print them again is slow."""
    wired = columns(table)
    names = [c.name for c in wired]
    origin_at, seq_at = names.index("origin_node"), names.index("origin_seq")
    lacking_hex = {origin.hex: ranges for origin, ranges in (lacking or {}).items()}
    wire: dict[str, Func] = {
        f"wire_{c.name}": Replace(Cast(c.lookup, CharField()), Value("-"), Value(""))
        for c in wired
        if c.is_uuid
    }
    wire.update({f"wire_{c.name}": Cast(c.lookup, TextField()) for c in wired if c.is_json})
    queryset = (
        table.model.objects.filter(where)
        .annotate(**wire)
        .order_by("origin_node", "origin_seq")
        .values_list(*[f"wire_{c.name}" if c.is_uuid or c.is_json else c.lookup for c in wired])
    )
    found: dict[str, list[list]] = defaultdict(list)
    for row in queryset.iterator(chunk_size=5000):
        origin = row[origin_at]
        if lacking is not None and rng.contains(lacking_hex.get(origin, []), row[seq_at]):
            continue
        found[origin].append(list(row))
    return found


def _referenced_officers(table: SyncedTable, rows: dict[str, list[list]]) -> set[str]:
    indexes = [i for i, c in enumerate(columns(table)) if c.refers_to == OFFICER]
    return {
        row[i]
        for origin_rows in rows.values()
        for row in origin_rows
        for i in indexes
        if row[i] is not None
    }


def _for_outsiders(table: SyncedTable, rows: dict[str, list[list]], *, insiders: set[str]) -> None:
    """Change ``rows`` (wire values by origin) in place as the hub sends them to a post whose
    officers are ``insiders`` (hex UUIDs): a row about anyone else as ``table.for_outsiders``
    makes it."""
    if table.for_outsiders is None:
        return
    names = [c.name for c in columns(table)]
    officer_at = next(i for i, c in enumerate(columns(table)) if c.lookup == table.scope)
    for batch in rows.values():
        for i, row in enumerate(batch):
            if row[officer_at] not in insiders:
                changed = table.for_outsiders(dict(zip(names, row, strict=True)))
                batch[i] = [changed[name] for name in names]


def _hub_plan(
    *, recipient: uuid.UUID | None, everything: bool
) -> tuple[Peer, dict[SyncedTable, dict[str, list[list]]]]:
    """At the hub: the post the packet is for, and the rows of its officers; then the rows of
    the tables that make officers, for every officer those rows name."""
    if recipient is None:
        raise SyncError(_("Say which post the packet is for (--for)."))
    peer = Peer.objects.filter(node_id=recipient, role=NodeRole.POST).first()
    if peer is None:
        raise SyncError(_("%(node)s is not an enrolled post.") % {"node": recipient})
    lacking = None if everything else peer_holdings(peer.node_id)
    officers = _officers_at(peer)
    insiders = {officer.hex for officer in officers}
    referenced: set[str] = set(insiders)
    plan: dict[SyncedTable, dict[str, list[list]]] = {}
    for table in TABLES:
        if table.makes_officers:
            continue
        where = Q(**{f"{table.scope}__in": list(officers)})
        plan[table] = rows_for(table, where=where, lacking=lacking)
        referenced |= _referenced_officers(table, plan[table])
    for table in officer_makers():
        where = Q(**{f"{table.scope}__in": sorted(referenced)})
        plan[table] = rows_for(table, where=where, lacking=lacking)
        _for_outsiders(table, plan[table], insiders=insiders)
    return peer, {table: plan[table] for table in TABLES if table in plan}


def _post_plan(
    *, recipient: uuid.UUID | None, everything: bool
) -> tuple[Peer, dict[SyncedTable, dict[str, list[list]]]]:
    """At a post: its hub, and this post's own rows the hub does not hold."""
    me = node_identity().node_id
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
    return peer, {table: rows_for(table, where=where, lacking=lacking) for table in TABLES}


def _export_plan(
    *, recipient: uuid.UUID | None, everything: bool
) -> tuple[Peer, dict[SyncedTable, dict[str, list[list]]], list[RelayChunk]]:
    """Who the packet is for, and what to put in it: rows by table and origin, and (at a
    post) the chunks it carries for other posts."""
    if is_hub():
        peer, plan = _hub_plan(recipient=recipient, everything=everything)
        return peer, plan, []
    peer, plan = _post_plan(recipient=recipient, everything=everything)
    relay_prune()
    return peer, plan, list(RelayChunk.objects.all())


@dataclass
class _Packing:
    """The chunks of a packet as they are added, within ``max_chunks``."""

    summary: ExportSummary
    max_chunks: int | None
    progress: Progress
    total: int
    chunks: list[_Chunk] = field(default_factory=list)

    def room(self) -> bool:
        if self.max_chunks is None or len(self.chunks) < self.max_chunks:
            return True
        self.summary.complete = False
        return False

    def add(self, data: bytes, entry: dict) -> None:
        part = f"c{len(self.chunks) + 1:05d}"
        self.chunks.append(_Chunk(part, data, {"part": part} | entry))

    def counted(self, table: str, count: int) -> None:
        self.summary.records += count
        self.summary.tables[table] = self.summary.tables.get(table, 0) + count
        if self.progress:
            self.progress(self.summary.records, self.total)


def _pack_table(
    packing: _Packing,
    table: SyncedTable,
    by_origin: dict[str, list[list]],
    *,
    seal_to: Ed25519PublicKey,
) -> None:
    """Chunks of ``table``'s rows, by origin, sealed to the recipient and signed here."""
    me = node_identity().node_id
    seq_at = [c.name for c in columns(table)].index("origin_seq")
    for origin in sorted(by_origin):
        rows = by_origin[origin]
        for start in range(0, len(rows), CHUNK_ROWS):
            batch = rows[start : start + CHUNK_ROWS]
            if not packing.room():
                break
            for plain, held in chunk_data(table=table, origin=origin, rows=batch):
                data = seal(plain, to=seal_to)
                sha = hashlib.sha256(data).hexdigest()
                packing.add(
                    data,
                    {
                        "table": table.name,
                        "origin": str(uuid.UUID(origin)),
                        "signer": str(me),
                        "signature": chunk_signature(sha),
                        "sha256": sha,
                        "count": len(held),
                        "seqs": rng.to_ranges(row[seq_at] for row in held),
                    },
                )
            packing.counted(table.name, len(batch))


def _pack_relays(packing: _Packing, relays: list[RelayChunk]) -> None:
    """The chunks carried for other posts, verbatim with their signatures."""
    for relay in relays:
        if not packing.room():
            break
        packing.add(
            bytes(relay.data),
            {
                "table": relay.table,
                "origin": str(relay.origin),
                "signer": str(relay.signer),
                "signature": relay.signature,
                "sha256": relay.sha256,
                "count": relay.count,
                "seqs": relay.seqs,
            },
        )
        packing.summary.relayed_chunks += 1
        packing.counted(relay.table, relay.count)


def export(
    *,
    recipient: uuid.UUID | None,
    everything: bool,
    max_chunks: int | None,
    progress: Progress,
) -> tuple[dict, list[tuple[str, bytes]], ExportSummary]:
    """A packet's meta, parts and summary for ``recipient`` (``packet_export``)."""
    peer, plan, relays = _export_plan(recipient=recipient, everything=everything)
    seal_to = trusted_key(peer.node_id)
    summary = ExportSummary(recipient=peer.node_id, recipient_name=peer.name)
    relays = relays_recheck(relays, summary)
    total = sum(len(rows) for by_origin in plan.values() for rows in by_origin.values())
    total += sum(relay.count for relay in relays)
    packing = _Packing(summary, max_chunks, progress, total)
    for table, by_origin in plan.items():
        _pack_table(packing, table, by_origin, seal_to=seal_to)
    _pack_relays(packing, relays)
    summary.chunks = len(packing.chunks)
    meta: dict = {
        "format": FORMAT_VERSION,
        "recipient": str(peer.node_id),
        "have": have_json(holdings()),
        "chunks": [chunk.entry for chunk in packing.chunks],
    }
    if is_hub():
        meta["roster"] = peers_roster()
    else:
        claim = enrolment_claim()
        if claim:
            meta["enrolment"] = claim
    return meta, [(chunk.part, chunk.data) for chunk in packing.chunks], summary


def log_sent(summary: ExportSummary, *, what: str) -> None:
    if summary.records:
        exchange_log(
            peer_id=summary.recipient,
            direction="sent",
            what=what,
            count=summary.records,
            detail={"chunks": summary.chunks, "tables": summary.tables, "file": summary.path},
        )
