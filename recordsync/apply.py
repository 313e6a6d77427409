"""Apply: the rows of a packet's chunks go in, all of them in the one transaction that
imports the packet (``services.packet_import``), each chunk checked as it is read.

Rows whose ``(origin, seq)`` is new are inserted, rows already here are counted, rows whose
officer or referred-to record has not arrived wait in ``PendingRecord`` (tried again after
every import), and rows that can never apply are kept in ``RejectedRecord`` with the reason.
Nothing is silently dropped, and a packet read twice, out of order or cut short loses and
duplicates nothing. What a table needs beyond inserting (checks, what follows an insert, what
it touches) is declared by the app that owns it (``nodes.syncing.SyncedTable``).
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from itertools import chain

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.db.models import Model
from django.utils.translation import gettext as _

from nodes.container import Container
from nodes.identity import node_identity
from nodes.selectors import is_hub
from nodes.services import sequence_at_least
from nodes.syncing import RowKey, SyncedTable, Touched

from . import ranges as rng
from .derive import due_note, touched_add, touched_by
from .holdings import held_add, held_build, held_locked
from .models import PendingRecord, RejectedRecord
from .registry import OFFICER, TABLES, Column, by_name, columns, is_wire_id, officer_makers
from .summaries import ImportSummary
from .verify import Listed, read_chunk, shared_checked
from .wire import Progress, batches, by_origin, hub_id, max_pending, row_key, shown


@dataclass
class _Applied:
    new: list[dict] = field(default_factory=list)  # wire rows inserted
    present: int = 0
    pending: list[tuple[dict, str]] = field(default_factory=list)
    rejected: list[tuple[dict, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    officers: dict[str, int] = field(default_factory=dict)  # officer uuid (hex) -> pk here


@dataclass
class _Known:
    """What one import has learnt of this node, kept from chunk to chunk inside its
    transaction, so no chunk asks the database again: the officers and records found or
    inserted, what the node held of each origin when the import began (those rows locked),
    and the numbers the import has stored since (inserted, waiting or refused)."""

    officers: dict[str, int] = field(default_factory=dict)  # officer uuid (hex) -> pk here
    records: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))
    held: dict[uuid.UUID, rng.Ranges] = field(default_factory=dict)
    stored: dict[str, set[int]] = field(default_factory=lambda: defaultdict(set))
    # Per table, whether any row of it is refused here (asked once, noted as rows are refused).
    refusing: dict[str, bool] = field(default_factory=dict)

    def any_refused(self, table: SyncedTable) -> bool:
        if table.name not in self.refusing:
            self.refusing[table.name] = RejectedRecord.objects.filter(table=table.name).exists()
        return self.refusing[table.name]

    def held_of(self, origins: list[str]) -> dict[uuid.UUID, rng.Ranges]:
        wanted = [uuid.UUID(origin) for origin in origins]
        unread = [origin for origin in wanted if origin not in self.held]
        if unread:
            self.held.update(held_locked(unread))
            self.held.update((origin, []) for origin in unread if origin not in self.held)
        return self.held


def _resolve(table: SyncedTable, rows: list[dict], known: _Known) -> None:
    """Look up, in one query per kind and 900 values, the officers (uuid hex -> pk) and the
    records (ids, hex) that ``rows`` refer to and ``known`` does not know yet; found ones are
    added to ``known``."""
    users: set[str] = set()
    records: dict[str, set[str]] = defaultdict(set)
    for column in columns(table):
        if not column.refers_to:
            continue
        # Only ids in the form a chunk carries them are looked up (PostgreSQL would refuse
        # the whole query for one that is not a UUID); a row with another is refused alone.
        values = {row[column.name] for row in rows if is_wire_id(row[column.name])}
        if column.refers_to == OFFICER:
            users |= values - known.officers.keys()
        else:
            records[column.refers_to] |= values - known.records[column.refers_to]
    people = get_user_model()
    known.officers.update(_found(people, people._meta.get_field("uuid").column, sorted(users)))
    tables = by_name()
    for name, ids in records.items():
        model = tables[name].model
        known.records[name] |= {
            key for key, _pk in _found(model, model._meta.pk.column, sorted(ids))
        }


def _found(model: type[Model], column: str, wanted: list[str]) -> Iterator[tuple[str, int]]:
    """The rows of ``model`` whose UUID ``column`` holds one of ``wanted`` (32 hex digits, as
    SQLite stores them and PostgreSQL reads them), as (that hex, primary key). A plain query:
    the ORM made a UUID of every value asked for and of every value found (tens of thousands
    an import). A value not in that form finds nothing, as it found no key before."""
    quote = connection.ops.quote_name
    key = quote(model._meta.pk.column)
    for batch in batches(wanted):
        marks = ", ".join(["%s"] * len(batch))
        sql = (
            f"SELECT {quote(column)}, {key} FROM {quote(model._meta.db_table)} "  # noqa: S608
            f"WHERE {quote(column)} IN ({marks})"
        )
        with connection.cursor() as cursor:
            cursor.execute(sql, batch)
            for value, pk in cursor.fetchall():
                yield (value if isinstance(value, str) else value.hex), pk


def _missing(column: Column, value: object) -> str:
    """Why a row waits for the record ``value`` of ``column`` (as the table that holds such
    records words it)."""
    if column.refers_to == OFFICER:
        makers = officer_makers()
        wording = makers[0].missing if makers else ""
    else:
        wording = by_name()[column.refers_to].missing
    if not wording:
        wording = _("the record %(id)s it refers to is not on this node yet")
    return str(wording) % {"id": shown(value)}


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
    ) % {"id": shown(stored_id)}


def _insert_sql(table: SyncedTable) -> str:
    quote = connection.ops.quote_name
    wired = columns(table)
    names = ", ".join(quote(c.db_column) for c in wired)
    marks = ", ".join(["%s"] * len(wired))
    return f"INSERT INTO {quote(table.model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608


def _apply_rows(
    table: SyncedTable,
    rows: list[dict],
    *,
    signer: uuid.UUID | None = None,
    known: _Known | None = None,
    shared: dict[str, str] | None = None,
) -> _Applied:
    """Insert the rows of ``table`` that are new here. Precondition: inside a transaction;
    rows are dicts of wire values (a chunk's, signed by ``signer``, or waiting records');
    ``known``: what the import learnt from its earlier chunks (in the same transaction);
    ``shared``: the shared parts their chunk carried (name -> text, not checked yet).

    Rows this node cannot read (``SyncedTable.malformed``) are refused, whoever sent them; rows
    their maker may not write (``SyncedTable.refused``) are refused, unless the hub signed them
    for a post: the hub sends only what it accepted, so its decision stands. Then the shared
    parts (``SyncedTable.shared``) the rows left name are kept, those not held here yet taken
    from ``shared`` and checked (PacketRefused for one not what it is named: the caller's
    rollback leaves nothing), and a row naming a part neither held nor carried is refused.

    Rows go in with one ``executemany`` (the ORM's per-object work costs more than the
    database for 100,000 rows); if the database refuses the batch, each row is tried alone
    in a savepoint so only the clashing ones are refused."""
    known = known if known is not None else _Known()
    result = _Applied()
    fresh = _fresh(table, rows, result, known)
    fresh = _judged(table, fresh, result, hub_signed=_hub_signed_here(signer), shared=shared or {})
    if not fresh:
        return result
    ready = _prepared(table, fresh, result, known)
    _insert(table, ready, result)
    known.records[table.name].update(row["id"] for row in result.new)
    if result.new:
        result.notices = _after_insert(table, result.new)
    return result


def _after_insert(table: SyncedTable, new: list[dict]) -> list[str]:
    """What the table declares must follow inserting ``new`` (wire rows now stored here), and
    its notices."""
    if table.after_insert_rows is None:
        return []
    return table.after_insert_rows(new)


def _hub_signed_here(signer: uuid.UUID | None) -> bool:
    """Whether rows signed by ``signer`` come, at a post, from its hub."""
    return signer is not None and not is_hub() and signer == hub_id()


def _fresh(table: SyncedTable, rows: list[dict], result: _Applied, known: _Known) -> list[dict]:
    """The rows new here (once each); counts the rows already here in ``result``, and refuses
    again a row refused before or whose number its origin used for another record."""
    existing: dict[tuple[str, int], str] = {}  # (origin, seq) -> the id stored here (hex)
    refused: dict[tuple[str, int], str] = {}
    any_refused = known.any_refused(table)
    numbers = by_origin(rows)
    held = known.held_of(list(numbers))
    for origin, seqs in numbers.items():
        ranges, stored = held[uuid.UUID(origin)], known.stored.get(origin, ())
        if not ranges and not stored:
            continue  # nothing of this origin is stored, waiting or refused here
        for batch in batches(seqs):
            if not any(seq in stored or rng.contains(ranges, seq) for seq in batch):
                continue  # none of them is stored, waiting or refused here
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
    if not existing and not refused:
        keys = {row_key(row) for row in rows}
        if len(keys) == len(rows):
            return list(rows)  # the usual case: every row is new
    fresh: list[dict] = []
    seen: set[tuple[str, int]] = set()
    for row in rows:
        key = row_key(row)
        if key in existing and existing[key] != row["id"]:
            result.rejected.append((row, _reused(existing[key])))
        elif key in existing or key in seen:
            result.present += 1
        elif key in refused:
            result.rejected.append((row, refused[key]))
        else:
            seen.add(key)
            fresh.append(row)
    return fresh


def _parts_kept(table: SyncedTable, rows: list[dict], shared: dict[str, str]) -> dict[RowKey, str]:
    """Keep the shared parts ``rows`` name that are not held here, from ``shared`` (checked);
    the rows that name a part neither held nor in ``shared``, with the reason. A part the rows
    do not name is not kept: a chunk cannot fill the table with what no record needs."""
    if table.shared is None:
        return {}
    named = {row_key(row): table.shared.named(row[table.shared.column]) for row in rows}
    wanted = set().union(*named.values())
    lacking = wanted - table.shared.held(wanted) if wanted else set()
    new = shared_checked({name: shared[name] for name in lacking if name in shared})
    if new:
        table.shared.keep(new)
    missing = lacking - set(new)
    return {
        key: _("it names content shared by records (%(name)s) that did not come with it")
        % {"name": sorted(names & missing)[0][:12]}
        for key, names in named.items()
        if names & missing
    }


def _judged(
    table: SyncedTable,
    fresh: list[dict],
    result: _Applied,
    *,
    hub_signed: bool,
    shared: dict[str, str],
) -> list[dict]:
    """``fresh`` without the rows the table's own checks refuse, then without those naming a
    shared part that is not here (refused in ``result``); the parts the others name kept."""
    checks = [table.malformed]
    if not hub_signed:
        checks.append(table.refused)
    checks.append(lambda rows: _parts_kept(table, rows, shared))
    for check in checks:
        if check is None or not fresh:
            continue
        refusals = check(fresh)
        result.rejected += [
            (row, refusals[row_key(row)]) for row in fresh if row_key(row) in refusals
        ]
        fresh = [row for row in fresh if row_key(row) not in refusals]
    return fresh


class _OneByOne(Exception):
    """A column holds a value that cannot go in as it is: the rows are prepared one by one."""


def _prepared(
    table: SyncedTable, fresh: list[dict], result: _Applied, known: _Known
) -> list[tuple[dict, Sequence]]:
    """The rows whose references are all here, with their values as the database takes them;
    the others wait (``result.pending``) or, malformed, are refused. Column by column when
    every reference is here and every value converts (the usual case), else row by row."""
    _resolve(table, fresh, known)
    result.officers = known.officers
    try:
        return list(zip(fresh, _by_column(table, fresh, known), strict=True))
    except _OneByOne:
        return _by_row(table, fresh, result, known)


def _by_column(table: SyncedTable, fresh: list[dict], known: _Known) -> list[tuple]:
    """The database values of ``fresh``, converted a column at a time; raises _OneByOne when a
    row must wait, or a value does not convert."""
    converted = []
    for column in columns(table):
        values = [row[column.name] for row in fresh]
        if column.refers_to == OFFICER:
            officers = known.officers
            try:
                values = [None if value is None else officers[value] for value in values]
            except KeyError:
                raise _OneByOne from None
            converted.append(values)
            continue
        if column.refers_to:
            present = known.records[column.refers_to]
            if not all(value is None or value in present for value in values):
                raise _OneByOne
        try:
            converted.append(column.to_db_many(connection)(values))
        except (ValueError, TypeError, AttributeError):
            raise _OneByOne from None
    return list(zip(*converted, strict=True))


def _by_row(
    table: SyncedTable, fresh: list[dict], result: _Applied, known: _Known
) -> list[tuple[dict, Sequence]]:
    """``_prepared`` a row at a time, saying which rows wait or are malformed, and why."""
    prepare = [(c, c.to_db(connection)) for c in columns(table)]
    ready: list[tuple[dict, Sequence]] = []
    for row in fresh:
        values, reason = [], ""
        for column, to_db in prepare:
            value = row[column.name]
            if value is not None and column.refers_to and not is_wire_id(value):
                result.rejected.append(
                    (row, _("it is malformed (%(column)s is not an id)") % {"column": column.name})
                )
                reason = "malformed"
                break
            if value is not None and column.refers_to == OFFICER:
                if value not in known.officers:
                    reason = _missing(column, value)
                    break
                value = known.officers[value]
            elif (
                value is not None
                and column.refers_to
                and value not in known.records[column.refers_to]
            ):
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
    return ready


def _insert_many(table: SyncedTable, rows: list[Sequence]) -> None:
    """Insert ``rows`` (database values in ``columns(table)``'s order) at once. SQLite: one
    ``executemany`` (one statement prepared once). PostgreSQL: one ``COPY ... FROM STDIN``
    through psycopg's own cursor on Django's connection, in the packet's transaction: the
    server reads the rows as a stream, with no statement to parse, plan and execute per row
    (ADR 0043). Errors come out as Django's, so a clash still falls back to the rows one by
    one."""
    if connection.vendor == "postgresql":
        from psycopg import Cursor  # only on PostgreSQL: a post may not have it

        quote = connection.ops.quote_name
        names = ", ".join(quote(c.db_column) for c in columns(table))
        statement = f"COPY {quote(table.model._meta.db_table)} ({names}) FROM STDIN"
        connection.ensure_connection()
        with (
            connection.wrap_database_errors,
            Cursor(connection.connection) as cursor,
            cursor.copy(statement) as copy,
        ):
            for values in rows:
                copy.write_row(values)
        return
    with connection.cursor() as cursor:
        cursor.executemany(_insert_sql(table), rows)


def _insert(table: SyncedTable, ready: list[tuple[dict, Sequence]], result: _Applied) -> None:
    sql = _insert_sql(table)
    try:
        with transaction.atomic():
            _insert_many(table, [values for _row, values in ready])
        result.new = [row for row, _values in ready]
    except IntegrityError:
        for row, values in ready:
            try:
                with transaction.atomic(), connection.cursor() as cursor:
                    cursor.execute(sql, values)
                result.new.append(row)
            except IntegrityError as error:
                result.rejected.append((row, _clash(error)))


def _held(
    model: type[PendingRecord] | type[RejectedRecord],
    table: SyncedTable,
    rows: list[tuple[dict, str]],
) -> list:
    """Rows kept here (waiting or refused), each with its reason, as unsaved ``model`` objects."""
    return [
        model(
            table=table.name,
            origin=row["origin_node"],
            seq=row["origin_seq"],
            data=row,
            reason=reason,
        )
        for row, reason in rows
    ]


def _keep_waiting(
    table: SyncedTable, waiting: list[tuple[dict, str]], summary: ImportSummary
) -> list[tuple[dict, str]]:
    """Keep ``waiting`` rows while the waiting room has room; returns those kept (the others
    are asked for again at the next sync)."""
    if not waiting:
        return []
    room = max(0, max_pending() - PendingRecord.objects.count())
    kept = waiting[:room]
    PendingRecord.objects.bulk_create(_held(PendingRecord, table, kept), ignore_conflicts=True)
    if len(kept) < len(waiting):
        summary.warnings.append(
            _(
                "%(count)d records could not be kept waiting here (the waiting room is full); "
                "they will be asked for again at the next sync."
            )
            % {"count": len(waiting) - len(kept)}
        )
    return kept


def _reject(table: SyncedTable, rejected: list[tuple[dict, str]], summary: ImportSummary) -> None:
    if not rejected:
        return
    RejectedRecord.objects.bulk_create(
        _held(RejectedRecord, table, rejected), ignore_conflicts=True
    )
    summary.rejected += [
        (shown(row["origin_node"]), row["origin_seq"], table.name, reason)
        for row, reason in rejected
    ]


def _sequence_catch_up(rows: list[dict]) -> None:
    """A node that gets its own records back (restored from an old backup) numbers its next
    records after them, never reusing a number."""
    me = node_identity().node_id.hex
    mine = [row["origin_seq"] for row in rows if row["origin_node"] == me]
    if mine:
        sequence_at_least(node_id=node_identity().node_id, value=max(mine))


def apply_listing(
    container: Container, listing: list[Listed], summary: ImportSummary, *, progress: Progress
) -> None:
    """Read, check and apply the chunks in order, each read once (``read_chunk`` checks its
    rows against the listing as it opens it). Precondition: inside the transaction that
    imports the packet, after ``checked_listing``: a chunk that fails its check raises
    PacketRefused, and the caller's rollback leaves nothing of the packet behind, so a packet
    is applied whole or not at all, and what this node holds is noted in the same transaction.
    What the new rows imply is noted as due (``due_note``), and derived by the caller after
    the commit (``derive_due``)."""
    total = sum(listed.count for listed in listing)
    done = 0
    held_build()
    known = _Known()
    touched: Touched = {}
    has_waiting = PendingRecord.objects.exists()
    for listed in listing:
        chunk = read_chunk(container, listed)
        rows = [dict(zip(chunk.columns, row, strict=True)) for row in chunk.rows]
        applied = _apply_rows(
            listed.table, rows, signer=listed.signer, known=known, shared=chunk.shared
        )
        kept = _keep_waiting(listed.table, applied.pending, summary)
        _reject(listed.table, applied.rejected, summary)
        if applied.rejected:
            known.refusing[listed.table.name] = True
        for row in chain(applied.new, (row for row, _reason in kept + applied.rejected)):
            known.stored[row["origin_node"]].add(row["origin_seq"])
        _sequence_catch_up(applied.new)
        if has_waiting:
            _forget_waiting(listed.table, applied, rows)
        touched_add(touched, touched_by(listed.table, applied.new, applied.officers))
        _count(summary, listed.table, rows, applied)
        done += listed.count
        if progress:
            progress(done, total)
    held_add({uuid.UUID(origin): rng.to_ranges(seqs) for origin, seqs in known.stored.items()})
    due_note(touched)
    _retry_waiting(summary)


def _count(summary: ImportSummary, table: SyncedTable, rows: list[dict], applied: _Applied) -> None:
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


def _forget_waiting(table: SyncedTable, applied: _Applied, rows: list[dict]) -> None:
    """Rows that arrived again and now applied (or were here) need not wait any more."""
    waiting = {(row["origin_node"], row["origin_seq"]) for row, _reason in applied.pending}
    done = by_origin(
        [row for row in rows if (row["origin_node"], row["origin_seq"]) not in waiting]
    )
    for origin, seqs in done.items():
        for batch in batches(seqs):
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
                applied = _apply_rows(table, [data for _pk, data in waiting], known=_Known())
                still = {(r["origin_node"], r["origin_seq"]) for r, _reason in applied.pending}
                settled = [
                    pk
                    for pk, data in waiting
                    if (data["origin_node"], data["origin_seq"]) not in still
                ]
                _reject(table, applied.rejected, summary)
                for batch in batches(settled):
                    PendingRecord.objects.filter(pk__in=batch).delete()
                _sequence_catch_up(applied.new)
                due_note(touched_by(table, applied.new, applied.officers))
            summary.warnings += [n for n in applied.notices if n not in summary.warnings]
            if applied.new:
                progress_made = True
                summary.pending_applied += len(applied.new)
                summary.counts(table.name).new += len(applied.new)
