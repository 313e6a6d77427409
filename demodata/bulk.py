"""Writing many rows of one table fast, for seeding: PostgreSQL's ``COPY ... FROM STDIN``
(psycopg's ``cursor.copy()``), elsewhere ``bulk_create`` in batches.

Rows are dicts keyed by the model's field attribute names (``values()`` rows, ``learner_id``
not ``learner``), every concrete field present; primary keys are given (no sequence to move
on). Nothing about the rows is checked or changed, the caller makes them valid as the
services would have, except that a quiz snapshot is stored as the field stores it (its
questions' shared parts kept once: ``quizzes.fields.SnapshotField``).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection, models

from quizzes.drawn import split
from quizzes.drawnstore import parts_keep
from quizzes.fields import SnapshotField

BULK_BATCH = 1000


def rows_write(model: type[models.Model], rows: Iterable[dict]) -> int:
    """Insert ``rows`` into ``model``'s table; the number written. Precondition: inside the
    caller's transaction (a failure leaves none of its rows)."""
    rows = list(rows)
    if not rows:
        return 0
    if connection.vendor != "postgresql":
        model._default_manager.bulk_create([model(**row) for row in rows], batch_size=BULK_BATCH)
        return len(rows)
    from psycopg.types.json import Jsonb  # only on PostgreSQL, where psycopg is the driver

    fields = model._meta.local_concrete_fields
    # A JSON field's value is sent as JSON (None as JSON null unless the column takes NULL).
    json_at = {i: f.null for i, f in enumerate(fields) if isinstance(f, models.JSONField)}
    snapshot_at = [i for i, f in enumerate(fields) if isinstance(f, SnapshotField)]
    names = [f.attname for f in fields]
    quote = connection.ops.quote_name
    sql = "COPY {} ({}) FROM STDIN".format(
        quote(model._meta.db_table), ", ".join(quote(f.column) for f in fields)
    )
    if snapshot_at:  # the parts kept at once, before the COPY holds the connection
        parts: dict[str, str] = {}
        for row in rows:
            for i in snapshot_at:
                row[names[i]], found = split(row[names[i]])
                parts.update(found)
        parts_keep(parts)
    with connection.cursor() as cursor, cursor.cursor.copy(sql) as copy:
        for row in rows:
            values = [row[name] for name in names]
            for i, nullable in json_at.items():
                if values[i] is not None or not nullable:
                    values[i] = Jsonb(values[i])
            copy.write_row(values)
    return len(rows)


def tables_analyze(models_: Iterable[type[models.Model]]) -> None:
    """Have PostgreSQL read the tables' statistics again after a bulk load (autovacuum would,
    later): until it does, the planner guesses at the new rows and the first pages asked of a
    freshly seeded hub can get plans made for empty tables. Nothing to do elsewhere."""
    if connection.vendor != "postgresql":
        return
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for model in models_:
            cursor.execute(f"ANALYZE {quote(model._meta.db_table)}")
