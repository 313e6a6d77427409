"""Inserting many new rows of a model at once: what ``bulk_create`` stores, without its cost
per object.

``bulk_create`` compiles its INSERT's values object by object (for 2,800 officers a sync makes,
a third of applying their profiles); here one statement is prepared once and run by
``executemany``, its values prepared a column at a time."""

from __future__ import annotations

from django.db import connection, models

# Fields whose preparation for the database gives a value of these types back as it is
# (``get_db_prep_save`` of a str is the str, of a bool the bool): such a column of such values
# needs no call per value.
_AS_THEY_ARE: dict[type[models.Field], type] = {
    models.CharField: str,
    models.EmailField: str,
    models.TextField: str,
    models.BooleanField: bool,
}


def rows_insert(model: type[models.Model], objects: list) -> None:
    """Insert ``objects`` (new ``model`` instances, their keys unset) as ``bulk_create`` would:
    every concrete field but the key, each value through the field's ``pre_save`` and
    ``get_db_prep_save``, no signals. The objects do not get their keys (read them back if
    needed). Precondition: the caller's transaction (a failing row fails them all)."""
    if not objects:
        return
    meta = model._meta
    fields = [f for f in meta.concrete_fields if not f.primary_key]
    columns = [_column_prepared(field, objects) for field in fields]
    quote = connection.ops.quote_name
    sql = "INSERT INTO {} ({}) VALUES ({})".format(  # noqa: S608 (names from the model)
        quote(meta.db_table),
        ", ".join(quote(f.column) for f in fields),
        ", ".join(["%s"] * len(fields)),
    )
    with connection.cursor() as cursor:
        cursor.executemany(sql, list(zip(*columns, strict=True)))


def _column_prepared(field: models.Field, objects: list) -> list:
    """The values of ``field`` in ``objects`` as the database takes them, as ``bulk_create``
    prepares them (``pre_save`` then ``get_db_prep_save``), a column at a time."""
    if type(field).pre_save is models.Field.pre_save:
        values = [getattr(row, field.attname) for row in objects]
    else:
        values = [field.pre_save(row, True) for row in objects]
    plain = _AS_THEY_ARE.get(type(field))
    if plain is not None and all(type(value) is plain for value in values):
        return values
    return [field.get_db_prep_save(value, connection) for value in values]
