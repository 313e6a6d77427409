"""The attempt's snapshot column: whole questions in Python, their shared parts stored once
(``quizzes.drawn``, ADR 0051)."""

from __future__ import annotations

from django.db import models, router


class SnapshotField(models.JSONField):
    """A JSON field that stores a snapshot's questions as references to their shared parts
    (kept, as a file field keeps its file, when the row is written: ``save``, ``bulk_create``,
    ``loaddata``) and gives them back whole when read (objects, ``values``, ``values_list``).
    A snapshot stored whole, as before ADR 0051, reads as it is. The database column is the
    JSON field's own: sync reads and writes it as text, references and all."""

    def from_db_value(self, value, expression, connection):
        from .drawnstore import snapshot_whole

        snapshot = super().from_db_value(value, expression, connection)
        return snapshot_whole(snapshot, using=connection.alias)

    def pre_save(self, model_instance, add):
        from .drawnstore import snapshot_stored

        using = model_instance._state.db or router.db_for_write(type(model_instance))
        return snapshot_stored(super().pre_save(model_instance, add), using=using)
