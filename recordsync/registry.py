"""Every table that syncs, in the order its records depend on each other, and how a row of each
becomes compact JSON and back.

A foreign key travels as the UUID that is the same on every node: an officer as ``User.uuid``,
an attempt or a certificate as its record id. Other fields travel as JSON values (times and dates
in ISO 8601, decimals as strings). Adding a syncable table is one line in ``TABLES``.
"""

from __future__ import annotations

import datetime
import decimal
import json
import re
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache

from django.apps import apps
from django.conf import settings
from django.db import models


@dataclass(frozen=True)
class Column:
    """One field of a synced row: its name in a chunk, the model field and database column it
    fills, the ``values()`` lookup that reads it, and what it refers to. UUIDs travel as 32
    lowercase hex digits (how SQLite stores them), read and written without making objects."""

    name: str
    attname: str
    db_column: str
    lookup: str
    refers_to: str  # "" (a plain value), "officer", or the name of another synced table
    is_uuid: bool
    field: models.Field

    @property
    def is_json(self) -> bool:
        """JSON fields travel as their JSON text, read and written as the database stores it:
        no parsing of 100,000 quiz snapshots only to print them again. The database checks the
        text (SQLite's JSON_VALID constraint, PostgreSQL's jsonb input)."""
        return self.field.get_internal_type() == "JSONField"

    def decode(self, value):
        """The Python value of a wire value."""
        if value is None:
            return None
        if self.is_json:
            return json.loads(value) if isinstance(value, str) else value
        return _DECODERS.get(self.field.get_internal_type(), _same)(value)

    def to_db(self, connection) -> Callable:
        """A function from a wire value to the value the database takes, for ``connection``.
        Plain text, numbers and booleans go as they are (the fast path for 100,000 rows);
        UUIDs are checked; other types go through the field's own preparation."""
        if self.is_uuid:
            native = connection.features.has_native_uuid_field
            return _uuid_native if native else _uuid_hex
        if self.field.get_internal_type() in _AS_IS:
            return _same
        if self.is_json:
            return _json_text
        if self.field.get_internal_type() == "DateTimeField" and connection.vendor == "sqlite":
            return _sqlite_datetime
        field = self.field

        def prepare(value):
            return None if value is None else field.get_db_prep_save(self.decode(value), connection)

        return prepare


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


def _uuid_hex(value):
    if value is None or (isinstance(value, str) and _HEX32.fullmatch(value)):
        return value
    return uuid.UUID(str(value)).hex  # ValueError for anything that is not a UUID


def _sqlite_datetime(value):
    """What Django stores on SQLite for an aware time in UTC ("2026-11-23 21:25:03.335731"),
    straight from its ISO form; any other offset goes through the datetime."""
    if value is None:
        return None
    if len(value) >= 25 and value[10] == "T" and value.endswith("+00:00"):
        return f"{value[:10]} {value[11:-6]}"
    moment = datetime.datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError("a time without its time zone")
    return str(moment.astimezone(datetime.UTC).replace(tzinfo=None))


def _json_text(value):
    """A JSON column's wire value as the text the database takes (a packet from a node that
    sent the value itself is accepted too)."""
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _uuid_native(value):
    return None if value is None else uuid.UUID(str(value))


@dataclass(frozen=True)
class SyncTable:
    """A table of node records that sync. ``scope`` is the lookup from a row to the officer it
    is about (the hub sends a post the records of its officers)."""

    name: str
    model_label: str
    scope: str
    label: str  # for messages: "learner record"

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    @property
    def columns(self) -> list[Column]:
        return _columns(self.model_label)

    def refused(self, rows: list[dict]) -> dict[tuple[str, int], str]:
        """Rows new here that their maker may not write (a post changing another post's
        officer), with the reason, by (origin hex, seq): refused, never inserted."""
        if self.name == "profile_record" and rows:
            from officers.selectors import profile_rows_refused

            return profile_rows_refused(rows)
        return {}

    def for_outsiders(self, rows: dict[str, list[list]], *, insiders: set[str]) -> None:
        """Change ``rows`` (wire values by origin) in place as the hub sends them to a post whose
        officers are ``insiders`` (hex UUIDs): a profile of anyone else travels without its
        password hash (``profile_data_for_outsider``)."""
        if self.name != "profile_record":
            return
        from officers.selectors import profile_data_for_outsider

        names = [c.name for c in self.columns]
        officer_at, data_at = names.index(self.scope), names.index("data")
        for batch in rows.values():
            for row in batch:
                if row[officer_at] not in insiders:
                    row[data_at] = profile_data_for_outsider(row[data_at])

    @property
    def has_after_insert(self) -> bool:
        return self.name in ("profile_record", "certificate")

    def after_insert(self, instances: list) -> list[str]:
        """What must follow inserting new rows (a profile record updates the officer's row; a
        certificate from a wrong clock gets the hub's correction); returns notices for the
        operator (a username taken here, for instance)."""
        if self.name == "profile_record" and instances:
            from officers.services import profiles_apply

            return profiles_apply(records=instances)
        if self.name == "certificate" and instances:
            from certificates.services import certificates_arrived

            return certificates_arrived(certificates=instances)
        return []


TABLES = [
    SyncTable("profile_record", "officers.ProfileRecord", "officer_uuid", "officer profile"),
    SyncTable("learner_record", "learning.LearnerRecord", "learner__uuid", "learner record"),
    SyncTable("quiz_attempt", "quizzes.QuizAttempt", "learner__uuid", "quiz attempt"),
    SyncTable(
        "quiz_submission", "quizzes.QuizSubmission", "attempt__learner__uuid", "quiz submission"
    ),
    SyncTable("certificate", "certificates.Certificate", "holder__uuid", "certificate"),
    SyncTable("revocation", "certificates.Revocation", "certificate__holder__uuid", "revocation"),
    SyncTable(
        "certificate_correction",
        "certificates.CertificateCorrection",
        "certificate__holder__uuid",
        "certificate date correction",
    ),
]


def _same(value):
    return value


_DECODERS: dict[str, Callable] = {
    "UUIDField": uuid.UUID,
    "ForeignKey": uuid.UUID,
    "OneToOneField": uuid.UUID,
    "DateTimeField": datetime.datetime.fromisoformat,
    "DateField": datetime.date.fromisoformat,
    "DecimalField": decimal.Decimal,
}


@cache
def _columns(model_label: str) -> list[Column]:
    model = apps.get_model(model_label)
    by_model = {t.model_label.lower(): t.name for t in TABLES}
    user_label = settings.AUTH_USER_MODEL.lower()
    columns = []
    for field in model._meta.concrete_fields:
        if field.is_relation:
            target = field.related_model._meta.label_lower
            if target == user_label:
                name, lookup, refers_to = field.name, f"{field.name}__uuid", "officer"
            elif target in by_model:
                name, lookup, refers_to = field.attname, field.attname, by_model[target]
            else:
                raise TypeError(f"{model_label}.{field.name} refers to a table that does not sync")
            columns.append(
                Column(name, field.attname, field.column, lookup, refers_to, True, field)
            )
        else:
            is_uuid = field.get_internal_type() == "UUIDField"
            columns.append(
                Column(
                    field.attname, field.attname, field.column, field.attname, "", is_uuid, field
                )
            )
    return columns


def encode(value):
    """``json.dumps`` default: the types ``values()`` gives that JSON has no word for."""
    if isinstance(value, uuid.UUID):
        return value.hex
    if isinstance(value, datetime.datetime | datetime.date):
        return value.isoformat()
    if isinstance(value, decimal.Decimal):
        return str(value)
    raise TypeError(f"cannot encode {type(value).__name__}")
