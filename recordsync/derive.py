"""Derive: the state sync's new rows imply but no record states yet (a module finished at one
post and another at a second completes the course).

Which rows touch derived state, and how it is derived, is declared by the apps that own them
(``SyncedTable.touches`` and ``derive``). What is touched is noted in ``RecomputeDue`` in the
transaction that applies the rows, and derived after the import, so a process that dies in
between leaves the note for the next import."""

from __future__ import annotations

from django.db import connection
from django.db.models.constants import OnConflict

from nodes.syncing import SyncedTable, Touched, WireRow

from .models import RecomputeDue
from .registry import TABLES
from .wire import batches


def touched_by(table: SyncedTable, rows: list[WireRow], officers: dict[str, int]) -> Touched:
    """Whose derived state the new ``rows`` of ``table`` may change (``officers``: the uuid hex
    -> pk here of the officers they name)."""
    if table.touches is None or not rows:
        return set()
    return table.touches(rows, officers)


def due_note(touched: Touched) -> None:
    """Note, in the applying transaction, whose state must be derived again (one statement for
    every pair, a pair noted already kept as it is: a packet touches thousands)."""
    if not touched:
        return
    ops, meta = connection.ops, RecomputeDue._meta
    key = meta.get_field("course_key")
    fields = [meta.get_field("learner_id"), key]
    sql = (
        f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {ops.quote_name(meta.db_table)} "
        f"({', '.join(ops.quote_name(f.column) for f in fields)}) VALUES (%s, %s) "
        f"{ops.on_conflict_suffix_sql(fields, OnConflict.IGNORE, None, None)}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            sql, [(pk, key.get_db_prep_value(course, connection)) for pk, course in touched]
        )


def derive_due() -> None:
    """Derive everything noted as due, including what an earlier, interrupted import noted,
    with every ``derive`` the synced tables declare; then forget the notes."""
    due = list(RecomputeDue.objects.values_list("pk", "learner_id", "course_key"))
    if not due:
        return
    touched = {(learner, course) for _id, learner, course in due}
    derivations = []
    for table in TABLES:
        if table.derive is not None and table.derive not in derivations:
            derivations.append(table.derive)
    for derive in derivations:
        derive(touched)
    _forget([row_id for row_id, _learner, _course in due])


def _forget(ids: list[int]) -> None:
    """Remove the notes ``ids``, one statement per 900 (``QuerySet.delete`` would read every
    note back first, for the delete signals other apps connect: 0.3 s for a packet's 5,000)."""
    ops, meta = connection.ops, RecomputeDue._meta
    table, pk = ops.quote_name(meta.db_table), ops.quote_name(meta.pk.column)
    with connection.cursor() as cursor:
        for batch in batches(ids):
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({marks})", batch)  # noqa: S608
