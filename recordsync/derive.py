"""Derive: the state sync's new rows imply but no record states yet (a module finished at one
post and another at a second completes the course).

Which rows touch derived state, and how it is derived, is declared by the apps that own them
(``SyncedTable.touches`` and ``derive``). Touches come by topic, in the words of the app whose
rows they are ("learning.completion": these records may imply a completion); a derive step
hears the topics it names (``derive_on``) and is given only their pairs, so a lower app's step
is not handed work a higher app's step needs. What is touched is noted in ``RecomputeDue``, by
topic, in the transaction that applies the rows, and derived after the import, so a process
that dies in between leaves the note for the next import."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.db.models.constants import OnConflict

from nodes.syncing import Pairs, SyncedTable, Touched, WireRow

from .models import RecomputeDue
from .registry import TABLES
from .wire import batches


def touched_by(table: SyncedTable, rows: list[WireRow], officers: dict[str, int]) -> Touched:
    """Whose derived state the new ``rows`` of ``table`` may change (``officers``: the uuid hex
    -> pk here of the officers they name)."""
    if table.touches is None or not rows:
        return {}
    return {topic: pairs for topic, pairs in table.touches(rows, officers).items() if pairs}


def touched_add(touched: Touched, more: Touched) -> None:
    """Add ``more`` to ``touched``, topic by topic."""
    for topic, pairs in more.items():
        touched.setdefault(topic, set()).update(pairs)


def due_note(touched: Touched) -> None:
    """Note, in the applying transaction, whose state must be derived again under which topic
    (one statement for every pair, a pair noted already kept as it is: a packet touches
    thousands)."""
    if not any(touched.values()):
        return
    ops, meta = connection.ops, RecomputeDue._meta
    key = meta.get_field("course_key")
    fields = [meta.get_field("topic"), meta.get_field("learner_id"), key]
    sql = (
        f"{ops.insert_statement(on_conflict=OnConflict.IGNORE)} {ops.quote_name(meta.db_table)} "
        f"({', '.join(ops.quote_name(f.column) for f in fields)}) VALUES (%s, %s, %s) "
        f"{ops.on_conflict_suffix_sql(fields, OnConflict.IGNORE, None, None)}"
    )
    with connection.cursor() as cursor:
        cursor.executemany(
            sql,
            [
                (topic, pk, key.get_db_prep_value(course, connection))
                for topic, pairs in touched.items()
                for pk, course in pairs
            ],
        )


def derivations() -> list[tuple[Callable[[Pairs], None], frozenset[str]]]:
    """Every derive step the synced tables declare, once each, in the tables' order, with the
    topics it hears (a step declared on two tables hears what both name)."""
    steps: dict[Callable[[Pairs], None], frozenset[str]] = {}
    for table in TABLES:
        if table.derive is not None:
            steps[table.derive] = steps.get(table.derive, frozenset()) | table.derive_on
    return list(steps.items())


def derive_due() -> None:
    """Derive everything noted as due, including what an earlier, interrupted import noted:
    each declared ``derive`` is given the pairs noted under the topics it hears (and those
    noted with no topic, before topics were), and is not called when there are none; then
    the notes are forgotten."""
    due = list(RecomputeDue.objects.values_list("pk", "topic", "learner_id", "course_key"))
    if not due:
        return
    for derive, topics in derivations():
        pairs = {
            (learner, course) for _id, topic, learner, course in due if topic in topics or not topic
        }
        if pairs:
            derive(pairs)
    _forget([row_id for row_id, _topic, _learner, _course in due])


def _forget(ids: list[int]) -> None:
    """Remove the notes ``ids``, one statement per 900 (``QuerySet.delete`` would read every
    note back first, for the delete signals other apps connect: 0.3 s for a packet's 5,000)."""
    ops, meta = connection.ops, RecomputeDue._meta
    table, pk = ops.quote_name(meta.db_table), ops.quote_name(meta.pk.column)
    with connection.cursor() as cursor:
        for batch in batches(ids):
            marks = ", ".join(["%s"] * len(batch))
            cursor.execute(f"DELETE FROM {table} WHERE {pk} IN ({marks})", batch)  # noqa: S608
