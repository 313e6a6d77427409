"""Export: what a packet for a peer holds, read from the database as wire rows, chunked,
compressed, sealed to the recipient and signed.

At the hub the packet for a post holds the records of the officers of that post (each synced
table's ``scope``) and the rows about no officer that are the post's all the same (``of_post``:
its cohorts), and the rows of the tables that make officers for every officer those
records name. At a post it holds this post's own records the hub lacks, and the chunks it
carries for other posts.
"""

from __future__ import annotations

import hashlib
import uuid
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import orjson
import zstandard
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.db import connection
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
from .holdings import have_json, held_build
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
    ZSTD_LEVEL,
    Progress,
    SyncError,
    chunk_signature,
)


def chunk_data(
    *, table: SyncedTable, origin: str, rows: list[list]
) -> list[tuple[bytes, list[list]]]:
    """Zstandard-compressed JSON of ``rows`` with the rows it holds (split in halves while
    larger than CHUNK_MAX_BYTES), and the shared parts they name (``SharedParts``)."""
    names = [c.name for c in columns(table)]
    document: dict = {
        "v": FORMAT_VERSION,
        "table": table.name,
        "origin": origin,
        "columns": names,
        "rows": rows,
    }
    if table.shared is not None:
        at, named = names.index(table.shared.column), table.shared.named
        document["shared"] = table.shared.texts(set().union(*(named(row[at]) for row in rows)))
    raw = orjson.dumps(document, default=encode)  # compact UTF-8, as json.dumps would write
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
    return [(zstandard.ZstdCompressor(level=ZSTD_LEVEL).compress(raw), rows)]


@dataclass(frozen=True)
class _Chunk:
    part: str
    data: bytes | Path  # a file in the spool folder when the packet goes to a file
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


def _wire_rows(
    table: SyncedTable, *, where: Q, lacking: dict[str, rng.Ranges] | None
) -> Iterator[list]:
    """Rows of ``table`` matching ``where`` that a peer holding ``lacking`` (ranges by origin
    hex) does not have, in (origin, sequence) order, as wire values, streamed. UUIDs are read
    as hex text by the database itself: making 100,000s of UUID objects only to print them
    again is slow."""
    wired = columns(table)
    names = [c.name for c in wired]
    origin_at, seq_at = names.index("origin_node"), names.index("origin_seq")
    wire: dict[str, Func] = {
        f"wire_{c.name}": Replace(Cast(c.lookup, CharField()), Value("-"), Value(""))
        for c in wired
        if c.is_uuid
    }
    wire.update({f"wire_{c.name}": Cast(c.lookup, TextField()) for c in wired if c.is_json})
    # SQLite stores an aware time as UTC text ("2026-11-23 21:25:03.335731"): read as text and
    # given its ISO form here, rather than parsed into 100,000s of datetimes and printed again.
    times = [
        i
        for i, c in enumerate(wired)
        if connection.vendor == "sqlite" and c.field.get_internal_type() == "DateTimeField"
    ]
    wire.update({f"wire_{wired[i].name}": Cast(wired[i].lookup, TextField()) for i in times})
    as_text = {f"wire_{c.name}" for c in wired} & set(wire)
    queryset = (
        table.model.objects.filter(where)
        .annotate(**wire)
        .order_by("origin_node", "origin_seq")
        .values_list(
            *[f"wire_{c.name}" if f"wire_{c.name}" in as_text else c.lookup for c in wired]
        )
    )
    for found in queryset.iterator(chunk_size=CHUNK_ROWS):
        if lacking is not None and rng.contains(lacking.get(found[origin_at], []), found[seq_at]):
            continue
        row = list(found)
        for i in times:
            if row[i] is not None:
                row[i] = f"{row[i][:10]}T{row[i][11:]}+00:00"
        yield row


def rows_for(
    table: SyncedTable, *, where: Q, lacking: dict[uuid.UUID, rng.Ranges] | None
) -> dict[str, list[list]]:
    """Rows of ``table`` matching ``where`` that a peer holding ``lacking`` does not have, by
    origin (hex), in sequence order, as wire values."""
    lacking_hex = None if lacking is None else {o.hex: r for o, r in lacking.items()}
    origin_at = [c.name for c in columns(table)].index("origin_node")
    found: dict[str, list[list]] = defaultdict(list)
    for row in _wire_rows(table, where=where, lacking=lacking_hex):
        found[row[origin_at]].append(row)
    return found


def _lacked(
    held: dict[uuid.UUID, rng.Ranges], theirs: dict[uuid.UUID, rng.Ranges] | None
) -> Q | None:
    """Where the rows a peer holding ``theirs`` lacks lie (None: nowhere): for each origin of
    which this node holds something the peer does not, its numbers from the first it lacks.
    Nothing is read of an origin the peer holds all of (ADR 0030)."""
    if theirs is None:
        return Q()
    where = Q(pk__in=[])
    found = False
    for origin, ranges in held.items():
        missing = rng.difference(ranges, theirs.get(origin, []))
        if missing:
            where |= Q(origin_node=origin, origin_seq__gte=missing[0][0])
            found = True
    return where if found else None


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


Batch = tuple[SyncedTable, str, list[list]]  # a table's rows of one origin (hex), in order


def _recipient(recipient: uuid.UUID | None) -> Peer:
    """Who a packet this node writes is for: at the hub, the enrolled post ``recipient``; at a
    post, its hub (``recipient``, if given, must be the hub)."""
    if is_hub():
        if recipient is None:
            raise SyncError(_("Say which post the packet is for (--for)."))
        peer = Peer.objects.filter(node_id=recipient, role=NodeRole.POST).first()
        if peer is None:
            raise SyncError(_("%(node)s is not an enrolled post.") % {"node": recipient})
        return peer
    hub = hub_peer()
    if hub is None:
        raise SyncError(
            _("This post is not enrolled with headquarters yet. Load the enrolment file first.")
        )
    if recipient is not None and recipient != hub.node_id:
        raise SyncError(_("A post sends its records only to headquarters."))
    return hub


def _hub_plan(
    *, recipient: uuid.UUID | None, everything: bool
) -> tuple[Peer, int, Iterable[Batch]]:
    """At the hub: the post the packet is for, and the rows of its officers; then the rows of
    the tables that make officers, for every officer those rows name."""
    peer = _recipient(recipient)
    lacking = None if everything else peer_holdings(peer.node_id)
    lacked = _lacked(holdings(), lacking)
    if lacked is None:
        return peer, 0, []
    officers = _officers_at(peer)
    insiders = {officer.hex for officer in officers}
    referenced: set[str] = set(insiders)
    plan: dict[SyncedTable, dict[str, list[list]]] = {}
    for table in TABLES:
        if table.makes_officers or not table.to_posts:
            continue
        where = Q(**{f"{table.scope}__in": list(officers)})
        if table.of_post is not None and peer.post_code:
            where |= table.of_post(peer.post_code)
        plan[table] = rows_for(table, where=where & lacked, lacking=lacking)
        referenced |= _referenced_officers(table, plan[table])
    for table in officer_makers():
        where = Q(**{f"{table.scope}__in": sorted(referenced)}) & lacked
        plan[table] = rows_for(table, where=where, lacking=lacking)
        _for_outsiders(table, plan[table], insiders=insiders)
    batches = [
        (table, origin, plan[table][origin])
        for table in TABLES
        if table in plan
        for origin in sorted(plan[table])
    ]
    return peer, sum(len(rows) for _t, _o, rows in batches), batches


def _round_end(me: uuid.UUID, low: int, theirs: rng.Ranges, budget: int) -> int:
    """The last number of this node's first ``budget`` records from ``low`` on that the peer
    lacks, over every table (read through the ``(origin_node, origin_seq)`` index, at most
    ``budget`` numbers a table): a round sends them whole, in the order they were made, so
    what the peer holds stays one range and the next round starts where this one ended."""
    seqs: list[int] = []
    for table in TABLES:
        found = 0
        numbers = (
            table.model._default_manager.filter(origin_node=me, origin_seq__gte=low)
            .order_by("origin_seq")
            .values_list("origin_seq", flat=True)
        )
        for seq in numbers.iterator(chunk_size=budget):
            if not rng.contains(theirs, seq):
                seqs.append(seq)
                found += 1
                if found == budget:
                    break
    seqs.sort()
    return seqs[budget - 1] if len(seqs) >= budget else seqs[-1] if seqs else low


def _post_plan(
    *, recipient: uuid.UUID | None, everything: bool, budget: int | None
) -> tuple[Peer, int, Iterable[Batch]]:
    """At a post: its hub, and this post's own rows the hub does not hold, at most ``budget``
    of them (the first made), streamed: nothing is read that does not go."""
    me = node_identity().node_id
    peer = _recipient(recipient)
    theirs = [] if everything else peer_holdings(peer.node_id).get(me, [])
    missing = rng.difference(holdings().get(me, []), theirs)
    if not missing:
        return peer, 0, []
    low = missing[0][0]
    where = Q(origin_node=me, origin_seq__gte=low)
    total = rng.count(missing)
    if budget is not None and total > budget:
        where &= Q(origin_seq__lte=_round_end(me, low, theirs, budget))
    return peer, total, _streamed(where, lacking={me.hex: theirs})


def _streamed(where: Q, *, lacking: dict[str, rng.Ranges]) -> Iterator[Batch]:
    """The rows of every table matching ``where`` that a peer holding ``lacking`` lacks, in
    batches of at most CHUNK_ROWS rows of one origin (only one batch is in memory)."""
    for table in TABLES:
        origin_at = [c.name for c in columns(table)].index("origin_node")
        batch: list[list] = []
        for row in _wire_rows(table, where=where, lacking=lacking):
            if batch and (len(batch) == CHUNK_ROWS or batch[-1][origin_at] != row[origin_at]):
                yield table, batch[-1][origin_at], batch
                batch = []
            batch.append(row)
        if batch:
            yield table, batch[-1][origin_at], batch


def _export_plan(
    *, recipient: uuid.UUID | None, everything: bool, budget: int | None
) -> tuple[Peer, int, Iterable[Batch], list[RelayChunk]]:
    """Who the packet is for, and what to put in it: how many rows, the rows in batches, and
    (at a post) the chunks it carries for other posts."""
    held_build()
    if is_hub():
        peer, total, plan = _hub_plan(recipient=recipient, everything=everything)
        return peer, total, plan, []
    peer, total, plan = _post_plan(recipient=recipient, everything=everything, budget=budget)
    relay_prune()
    return peer, total, plan, list(RelayChunk.objects.all())


@dataclass
class _Packing:
    """The chunks of a packet as they are added, within ``max_chunks``."""

    summary: ExportSummary
    max_chunks: int | None
    progress: Progress
    total: int
    spool: Path | None = None  # where chunks wait for the packet file (not in memory)
    chunks: list[_Chunk] = field(default_factory=list)
    # Rows a chunk of a table takes once one of its chunks had to be split (rows of large quiz
    # snapshots): its next chunks are made at that size, not printed whole and split again.
    rows_per_chunk: dict[str, int] = field(default_factory=dict)

    def room(self) -> bool:
        if self.max_chunks is None or len(self.chunks) < self.max_chunks:
            return True
        self.summary.complete = False
        return False

    def add(self, data: bytes, entry: dict) -> None:
        part = f"c{len(self.chunks) + 1:05d}"
        kept: bytes | Path = data
        if self.spool is not None:
            kept = self.spool / part
            kept.write_bytes(data)
        self.chunks.append(_Chunk(part, kept, {"part": part} | entry))

    def counted(self, table: str, count: int) -> None:
        self.summary.records += count
        self.summary.tables[table] = self.summary.tables.get(table, 0) + count
        if self.progress:
            self.progress(self.summary.records, self.total)


def _pack_rows(
    packing: _Packing,
    table: SyncedTable,
    origin: str,
    rows: list[list],
    *,
    seal_to: Ed25519PublicKey,
) -> None:
    """Chunks of ``table``'s rows of ``origin``, sealed to the recipient and signed here."""
    me = node_identity().node_id
    seq_at = [c.name for c in columns(table)].index("origin_seq")
    start = 0
    while start < len(rows) and packing.room():
        batch = rows[start : start + packing.rows_per_chunk.get(table.name, CHUNK_ROWS)]
        start += len(batch)
        pieces = chunk_data(table=table, origin=origin, rows=batch)
        if len(pieces) > 1:
            packing.rows_per_chunk[table.name] = min(len(held) for _plain, held in pieces)
        for plain, held in pieces:
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
    spool: Path | None = None,
    holdings_only: bool = False,
) -> tuple[dict, list[tuple[str, bytes | Path]], ExportSummary]:
    """A packet's meta, parts and summary for ``recipient`` (``packet_export``). With
    ``spool`` (a folder), each chunk is written there as it is made and its part is that file:
    a packet of any size is written with one chunk in memory at a time. ``holdings_only``: a
    packet of no records, which tells the recipient what this node holds."""
    for declared in TABLES:
        if declared.before_export is not None:
            declared.before_export()
    budget = None if max_chunks is None else max_chunks * CHUNK_ROWS
    if holdings_only:
        held_build()
        peer, total, plan, relays = _recipient(recipient), 0, [], []
    else:
        peer, total, plan, relays = _export_plan(
            recipient=recipient, everything=everything, budget=budget
        )
    budgeted = budget is not None and not is_hub()
    seal_to = trusted_key(peer.node_id)
    summary = ExportSummary(recipient=peer.node_id, recipient_name=peer.name)
    if budget is not None and budgeted and total > budget:
        summary.complete = False
        total = budget
    relays = relays_recheck(relays, summary)
    total += sum(relay.count for relay in relays)
    # A post's rows are bounded in number already (``budget``), and go whole, oldest first,
    # however many tables they span: chunks are counted for what is carried for others.
    packing = _Packing(summary, None if budgeted else max_chunks, progress, total, spool)
    for table, origin, rows in plan:
        if not packing.room():
            break
        _pack_rows(packing, table, origin, rows, seal_to=seal_to)
    packing.max_chunks = max_chunks
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
