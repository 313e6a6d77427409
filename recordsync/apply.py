"""Apply: the rows of verified chunks go in, each chunk in its own transaction.

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
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from nodes.container import Container
from nodes.identity import node_identity
from nodes.selectors import is_hub
from nodes.services import sequence_at_least
from nodes.syncing import SyncedTable, Touched

from . import ranges as rng
from .derive import derive_due, due_note, touched_by
from .holdings import held_add, held_build, held_locked
from .models import PendingRecord, RejectedRecord
from .registry import OFFICER, TABLES, Column, by_name, columns, officer_makers
from .summaries import ImportSummary
from .verify import Listed, read_chunk
from .wire import Progress, batches, by_origin, hub_id, max_pending, row_key, shown


@dataclass
class _Applied:
    new: list[dict] = field(default_factory=list)  # wire rows inserted
    present: int = 0
    pending: list[tuple[dict, str]] = field(default_factory=list)
    rejected: list[tuple[dict, str]] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    officers: dict[str, int] = field(default_factory=dict)  # officer uuid (hex) -> pk here


def _resolve(table: SyncedTable, rows: list[dict]) -> tuple[dict[str, int], dict[str, set[str]]]:
    """Look up, in one query per kind and 900 values, the officers (uuid hex -> pk) and the
    records (ids, hex) that ``rows`` refer to."""
    users: set[str] = set()
    records: dict[str, set[str]] = defaultdict(set)
    for column in columns(table):
        if not column.refers_to:
            continue
        values = {row[column.name] for row in rows if row[column.name] is not None}
        if column.refers_to == OFFICER:
            users |= values
        else:
            records[column.refers_to] |= values
    user_pks: dict[str, int] = {}
    people = get_user_model().objects
    for batch in batches(sorted(users)):
        user_pks.update(
            (u.hex, pk) for u, pk in people.filter(uuid__in=batch).values_list("uuid", "pk")
        )
    present: dict[str, set[str]] = {}
    known = by_name()
    for name, ids in records.items():
        present[name] = set()
        model = known[name].model
        for batch in batches(sorted(ids)):
            present[name] |= {
                pk.hex for pk in model.objects.filter(pk__in=batch).values_list("pk", flat=True)
            }
    return user_pks, present


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
    table: SyncedTable, rows: list[dict], *, signer: uuid.UUID | None = None
) -> _Applied:
    """Insert the rows of ``table`` that are new here. Precondition: inside a transaction;
    rows are dicts of wire values (a chunk's, signed by ``signer``, or waiting records').

    Rows this node cannot read (``SyncedTable.malformed``) are refused, whoever sent them; rows
    their maker may not write (``SyncedTable.refused``) are refused, unless the hub signed them
    for a post: the hub sends only what it accepted, so its decision stands.

    Rows go in with one ``executemany`` (the ORM's per-object work costs more than the
    database for 100,000 rows); if the database refuses the batch, each row is tried alone
    in a savepoint so only the clashing ones are refused."""
    result = _Applied()
    fresh = _fresh(table, rows, result)
    fresh = _judged(table, fresh, result, hub_signed=_hub_signed_here(signer))
    if not fresh:
        return result
    ready = _prepared(table, fresh, result)
    _insert(table, ready, result)
    if table.after_insert is not None and result.new:
        instances = []
        for origin, seqs in by_origin(result.new).items():
            for batch in batches(seqs):
                instances += list(
                    table.model.objects.filter(origin_node=origin, origin_seq__in=batch)
                )
        result.notices = table.after_insert(instances)
    return result


def _hub_signed_here(signer: uuid.UUID | None) -> bool:
    """Whether rows signed by ``signer`` come, at a post, from its hub."""
    return signer is not None and not is_hub() and signer == hub_id()


def _fresh(table: SyncedTable, rows: list[dict], result: _Applied) -> list[dict]:
    """The rows new here (once each); counts the rows already here in ``result``, and refuses
    again a row refused before or whose number its origin used for another record."""
    existing: dict[tuple[str, int], str] = {}  # (origin, seq) -> the id stored here (hex)
    refused: dict[tuple[str, int], str] = {}
    any_refused = RejectedRecord.objects.filter(table=table.name).exists()
    numbers = by_origin(rows)
    held = held_locked([uuid.UUID(origin) for origin in numbers])
    for origin, seqs in numbers.items():
        ranges = held.get(uuid.UUID(origin), [])
        for batch in batches(seqs):
            if not any(rng.contains(ranges, seq) for seq in batch):
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


def _judged(
    table: SyncedTable, fresh: list[dict], result: _Applied, *, hub_signed: bool
) -> list[dict]:
    """``fresh`` without the rows the table's own checks refuse (refused in ``result``)."""
    checks = [table.malformed]
    if not hub_signed:
        checks.append(table.refused)
    for check in checks:
        if check is None or not fresh:
            continue
        refusals = check(fresh)
        result.rejected += [
            (row, refusals[row_key(row)]) for row in fresh if row_key(row) in refusals
        ]
        fresh = [row for row in fresh if row_key(row) not in refusals]
    return fresh


def _prepared(table: SyncedTable, fresh: list[dict], result: _Applied) -> list[tuple[dict, list]]:
    """The rows whose references are all here, with their values as the database takes them;
    the others wait (``result.pending``) or, malformed, are refused."""
    user_pks, present = _resolve(table, fresh)
    result.officers = user_pks
    prepare = [(c, c.to_db(connection)) for c in columns(table)]
    ready: list[tuple[dict, list]] = []
    for row in fresh:
        values, reason = [], ""
        for column, to_db in prepare:
            value = row[column.name]
            if value is not None and column.refers_to == OFFICER:
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
    return ready


def _insert(table: SyncedTable, ready: list[tuple[dict, list]], result: _Applied) -> None:
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


TRANSACTION_ROWS = 5000


def apply_listing(
    container: Container, listing: list[Listed], summary: ImportSummary, *, progress: Progress
) -> None:
    """Apply the chunks in order. Whole chunks are grouped into one transaction of up to
    TRANSACTION_ROWS rows (a commit per 500 rows costs more than the inserts on SQLite): a
    chunk is never half applied, and an import cut off keeps every group it committed."""
    total = sum(listed.count for listed in listing)
    done = 0
    held_build()
    groups: list[list[Listed]] = []
    for listed in listing:
        if not groups or sum(item.count for item in groups[-1]) + listed.count > TRANSACTION_ROWS:
            groups.append([])
        groups[-1].append(listed)
    has_waiting = PendingRecord.objects.exists()
    for group in groups:
        with transaction.atomic():
            touched: Touched = set()
            stored: list[dict] = []  # rows now held here: inserted, waiting or refused
            for listed in group:
                names, raw_rows = read_chunk(container, listed)
                rows = [dict(zip(names, row, strict=True)) for row in raw_rows]
                applied = _apply_rows(listed.table, rows, signer=listed.signer)
                kept = _keep_waiting(listed.table, applied.pending, summary)
                _reject(listed.table, applied.rejected, summary)
                stored += [row for row in applied.new]
                stored += [row for row, _reason in kept + applied.rejected]
                _sequence_catch_up(applied.new)
                if has_waiting:
                    _forget_waiting(listed.table, applied, rows)
                touched |= touched_by(listed.table, applied.new, applied.officers)
                _count(summary, listed.table, rows, applied)
            held_add(
                {
                    uuid.UUID(origin): rng.to_ranges(seqs)
                    for origin, seqs in by_origin(stored).items()
                }
            )
            due_note(touched)
        done += sum(item.count for item in group)
        if progress:
            progress(done, total)
    _retry_waiting(summary)
    derive_due()


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
                applied = _apply_rows(table, [data for _pk, data in waiting])
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
