"""Every table that syncs, in the order its records depend on each other, and how a row of each
becomes compact JSON and back.

A table syncs when the app that owns its model declares it (a ``nodes.syncing.SyncedTable`` in
the list ``SYNCED`` of the app's ``synced`` module): ``TABLES`` is every installed app's
declarations, found when this module is first imported (after the apps are ready), ordered by
what their rows refer to. Adding a syncable table is one declaration in the app that owns it,
and nothing here.

A foreign key travels as the UUID that is the same on every node: an officer as the user's ``uuid``,
a record of another synced table as its record id. Other fields travel as JSON values (times
and dates in ISO 8601, decimals as strings).
"""

from __future__ import annotations

import datetime
import decimal
import importlib
import json
import re
import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cache
from typing import Any

from django.apps import AppConfig, apps
from django.conf import settings
from django.db import models
from django.db.backends.base.base import BaseDatabaseWrapper
from django.utils.module_loading import module_has_submodule

from nodes.syncing import SyncedTable

DECLARING_MODULE = "synced"
OFFICER = "officer"  # what a column refers to when it names an officer (the user model)


@dataclass(frozen=True)
class Column:
    """One field of a synced row: its name in a chunk, the model field and database column it
    fills, the ``values()`` lookup that reads it, and what it refers to. UUIDs travel as 32
    lowercase hex digits (how SQLite stores them), read and written without making objects."""

    name: str
    attname: str
    db_column: str
    lookup: str
    refers_to: str  # "" (a plain value), OFFICER, or the name of another synced table
    is_uuid: bool
    field: models.Field

    @property
    def is_json(self) -> bool:
        """JSON fields travel as their JSON text, read and written as the database stores it:
        no parsing of 100,000 quiz snapshots only to print them again. The database checks the
        text (SQLite's JSON_VALID constraint, PostgreSQL's jsonb input)."""
        return self.field.get_internal_type() == "JSONField"

    def decode(self, value: Any) -> Any:
        """The Python value of a wire value."""
        if value is None:
            return None
        if self.is_json:
            return json.loads(value) if isinstance(value, str) else value
        return _DECODERS.get(self.field.get_internal_type(), _same)(value)

    def to_db(self, connection: BaseDatabaseWrapper) -> Callable[[Any], Any]:
        """A function from a wire value to the value the database takes, for ``connection``.
        Plain text, numbers and booleans go as they are (the fast path for 100,000 rows);
        UUIDs are checked; other types go through the field's own preparation."""
        if self.is_uuid:
            # Checked, and given as 32 hex digits: SQLite stores that, PostgreSQL reads it into
            # its uuid type (no 100,000s of UUID objects made for the driver to print again).
            return _uuid_hex
        if self.field.get_internal_type() in _AS_IS:
            return _same
        if self.is_json:
            return _json_text
        if self.field.get_internal_type() == "DateTimeField" and connection.vendor == "sqlite":
            return _sqlite_datetime
        field = self.field

        def prepare(value: Any) -> Any:
            return None if value is None else field.get_db_prep_save(self.decode(value), connection)

        return prepare

    def to_db_many(self, connection: BaseDatabaseWrapper) -> Callable[[list], list]:
        """``to_db`` for a whole column of a chunk at once: a column of UUIDs already in the
        form SQLite stores is checked with one match, decimals written as text become
        decimals without the field's per-value work, and values that go as they are are not
        touched (100,000 rows are a million values). Raises ValueError or TypeError for a
        column ``to_db`` would not take as it is; the caller then goes value by value."""
        one = self.to_db(connection)
        if one is _same:
            return _same
        if one is _uuid_hex:
            return _uuids_hex
        if self.field.get_internal_type() == "DecimalField":
            return _decimals
        if one is _json_text:
            return _json_texts
        if one is _sqlite_datetime:
            return _sqlite_datetimes
        if self.field.get_internal_type() == "DateTimeField":
            return _aware_datetimes
        return lambda values: [one(value) for value in values]


def _aware_datetimes(values: list) -> list:
    """Times in ISO form with their offset, as times with a time zone (the database's own type,
    PostgreSQL), a column at a time; ValueError for anything else (the caller then gives each
    value to the field's own preparation)."""
    try:
        found = [None if v is None else datetime.datetime.fromisoformat(v) for v in values]
    except TypeError:
        raise ValueError("not times") from None
    if not all(moment.tzinfo is not None for moment in found if moment is not None):
        raise ValueError("a time without its time zone")
    return found


def _json_texts(values: list) -> list:
    """A column of JSON text goes as it is (the usual case: no call per value)."""
    if all(type(value) is str or value is None for value in values):
        return values
    return [_json_text(value) for value in values]


def _sqlite_datetimes(values: list) -> list:
    """What Django stores on SQLite for aware times in UTC ("2026-11-23 21:25:03.335731"),
    straight from their ISO form, a column at a time with no call per value; any other offset
    goes through the datetime (``_offset_datetime``)."""
    return [
        f"{value[:10]} {value[11:-6]}"
        if type(value) is str and len(value) >= 25 and value[10] == "T" and value[-6:] == "+00:00"
        else _offset_datetime(value)
        for value in values
    ]


def _uuids_hex(values: list) -> list:
    text = [value for value in values if value is not None]
    try:
        if not text or (set(map(len, text)) == {32} and _HEX.fullmatch("".join(text))):
            return values
    except TypeError:
        pass  # not all text: each value is looked at
    return [_uuid_hex(value) for value in values]


def _decimals(values: list) -> list:
    """Decimals from their text, as ``DecimalField.to_python`` makes them; ValueError for
    anything else (a number sent as a float, a value that is not a finite decimal)."""
    try:
        found = [None if value is None else decimal.Decimal(value) for value in values]
    except (decimal.InvalidOperation, TypeError):
        raise ValueError("not decimals") from None
    if not all(type(value) is str for value in values if value is not None) or not all(
        value.is_finite() for value in found if value is not None
    ):
        raise ValueError("not decimals")
    return found


_AS_IS = {
    "CharField",
    "TextField",
    "BooleanField",
    "IntegerField",
    "BigIntegerField",
    "SmallIntegerField",
    "PositiveIntegerField",
    "PositiveBigIntegerField",
    "PositiveSmallIntegerField",
}
_HEX32 = re.compile(r"[0-9a-f]{32}")
_HEX = re.compile(r"[0-9a-f]*")


def is_wire_id(value: Any) -> bool:
    """Whether ``value`` is an id as a chunk carries it: 32 lowercase hex digits."""
    return isinstance(value, str) and _HEX32.fullmatch(value) is not None


def _uuid_hex(value: Any) -> str | None:
    if value is None or (isinstance(value, str) and _HEX32.fullmatch(value)):
        return value
    return uuid.UUID(str(value)).hex  # ValueError for anything that is not a UUID


def _sqlite_datetime(value: str | None) -> str | None:
    """``_sqlite_datetimes`` of one value."""
    return _sqlite_datetimes([value])[0]


def _offset_datetime(value: str | None) -> str | None:
    """A time with an offset other than UTC's (or a shorter form), as SQLite stores it."""
    if value is None:
        return None
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("a time without its time zone")
    return str(moment.astimezone(datetime.UTC).replace(tzinfo=None))


def _json_text(value: Any) -> str | None:
    """A JSON column's wire value as the text the database takes (a packet from a node that
    sent the value itself is accepted too)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _same(value: Any) -> Any:
    return value


_DECODERS: dict[str, Callable] = {
    "UUIDField": uuid.UUID,
    "ForeignKey": uuid.UUID,
    "OneToOneField": uuid.UUID,
    "DateTimeField": datetime.datetime.fromisoformat,
    "DateField": datetime.date.fromisoformat,
    "DecimalField": decimal.Decimal,
}


def discover(configs: Iterable[AppConfig]) -> list[SyncedTable]:
    """The tables the ``synced`` modules of the apps ``configs`` declare, in dependency order."""
    declared: list[SyncedTable] = []
    for config in configs:
        if module_has_submodule(config.module, DECLARING_MODULE):
            module = importlib.import_module(f"{config.name}.{DECLARING_MODULE}")
            declared += module.SYNCED
    return ordered(declared)


def ordered(declared: list[SyncedTable]) -> list[SyncedTable]:
    """``declared`` so that every table comes after the tables its rows refer to (a row naming
    an officer after the tables that make officers); otherwise in the order given. Raises
    TypeError for a name declared twice, a reference to a table that does not sync, or a
    cycle."""
    names = [table.name for table in declared]
    if len(set(names)) != len(names):
        raise TypeError(f"a synced table is declared twice: {sorted(names)}")
    needs = {table.name: _needs(table, declared) for table in declared}
    result: list[SyncedTable] = []
    placed: set[str] = set()
    remaining = list(declared)
    while remaining:
        ready = next((t for t in remaining if needs[t.name] <= placed), None)
        if ready is None:
            raise TypeError(f"synced tables refer to each other in a cycle: {remaining}")
        result.append(ready)
        placed.add(ready.name)
        remaining.remove(ready)
    return result


def _needs(table: SyncedTable, declared: list[SyncedTable]) -> set[str]:
    """The names of the tables whose rows ``table``'s rows refer to."""
    by_model = {t.model_label.lower(): t.name for t in declared}
    makers = {t.name for t in declared if t.makes_officers and t is not table}
    needs: set[str] = set()
    for field in table.model._meta.concrete_fields:
        if field.is_relation:
            refers_to = _refers_to(table.model_label, field, by_model)
            needs |= makers if refers_to == OFFICER else {refers_to}
    return needs


def _refers_to(model_label: str, field: models.Field, by_model: dict[str, str]) -> str:
    """What the foreign key ``field`` names on the wire: OFFICER, or a synced table (by model
    label, lower case, in ``by_model``). Raises TypeError for a table that does not sync."""
    target = field.related_model._meta.label_lower
    if target == settings.AUTH_USER_MODEL.lower():
        return OFFICER
    if target in by_model:
        return by_model[target]
    raise TypeError(f"{model_label}.{field.name} refers to a table that does not sync")


TABLES: list[SyncedTable] = discover(apps.get_app_configs())


def by_name() -> dict[str, SyncedTable]:
    return {table.name: table for table in TABLES}


def officer_makers() -> list[SyncedTable]:
    """The tables whose rows make the officers other rows refer to."""
    return [table for table in TABLES if table.makes_officers]


def columns(table: SyncedTable) -> list[Column]:
    """The columns of ``table``'s rows on the wire, in the model's field order."""
    return _columns(table.model_label)


@cache
def _columns(model_label: str) -> list[Column]:
    model = apps.get_model(model_label)
    by_model = {t.model_label.lower(): t.name for t in TABLES}
    found = []
    for field in model._meta.concrete_fields:
        if field.is_relation:
            refers_to = _refers_to(model_label, field, by_model)
            if refers_to == OFFICER:
                name, lookup = field.name, f"{field.name}__uuid"
            else:
                name, lookup = field.attname, field.attname
            found.append(Column(name, field.attname, field.column, lookup, refers_to, True, field))
        else:
            is_uuid = field.get_internal_type() == "UUIDField"
            found.append(
                Column(
                    field.attname, field.attname, field.column, field.attname, "", is_uuid, field
                )
            )
    return found


def encode(value: Any) -> str:
    """``json.dumps`` default: the types ``values()`` gives that JSON has no word for."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"cannot encode {type(value).__name__}")
