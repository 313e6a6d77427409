"""The officer profile as it travels between nodes: one declaration of the synced fields.

Pure (no Django, no clock): each field's name, how a ``ProfileRecord`` encodes it and the value
a record that lacks it takes. ``officers.selectors.profile_snapshot`` (encode), the apply in
``officers.services`` (decode), the receiver's filter and the admin's synced fieldset all read
this list; adding a synced field is one line here, with its default (ADR 0016).

A record's data carries the schema version it was written with under ``"v"``; a record
without one is version 1 (every record so far: version 1 writes none, so they stay as they
were). A newer version is read for the fields this node knows; fields it does not know are
ignored for applying and kept in the record as it came, so it still relays unchanged.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

# The schema version this node writes. Version 1 is the field list below, written without a
# "v" (every record made before this module existed is one, byte for byte); the first change to
# the list makes it 2, and records then carry ``"v": 2``.
VERSION = 1
VERSION_KEY = "v"


class Kind(StrEnum):
    TEXT = "text"  # a string, as is
    FLAG = "flag"  # a boolean
    INSTANT = "instant"  # an aware datetime as ISO 8601 in UTC, to the second; None if unset
    AGENCY = "agency"  # {uuid, name, short_name, country}, or None
    POST = "post"  # {uuid, code, name, country} (matched by UUID, then code), or None
    PASSWORD = "password"  # the hash; only the officer's own post gets it (outsiders: unusable)


class _Required:
    def __repr__(self) -> str:
        return "REQUIRED"


REQUIRED = _Required()  # no default: a record without the field is refused


@dataclass(frozen=True)
class Field:
    name: str
    kind: Kind
    default: object = REQUIRED
    sparse: bool = False  # written only when it differs from the default


# The password hash a record without one takes: Django's "unusable password" prefix.
UNUSABLE_PASSWORD = "!"

FIELDS: tuple[Field, ...] = (
    Field("username", Kind.TEXT),
    Field("first_name", Kind.TEXT, ""),
    Field("last_name", Kind.TEXT, ""),
    Field("full_name_native", Kind.TEXT, ""),
    Field("full_name_latin", Kind.TEXT, ""),
    Field("service_number", Kind.TEXT, ""),
    Field("agency", Kind.AGENCY, None),
    Field("rank", Kind.TEXT, ""),
    Field("country", Kind.TEXT, ""),
    Field("post", Kind.POST, None),
    Field("preferred_language", Kind.TEXT, ""),
    Field("role", Kind.TEXT, "learner"),
    Field("is_active", Kind.FLAG, True),
    Field("is_staff", Kind.FLAG, False),
    Field("is_superuser", Kind.FLAG, False),
    Field("password", Kind.PASSWORD, UNUSABLE_PASSWORD),
    Field("email", Kind.TEXT, ""),
    Field("date_joined", Kind.INSTANT, None),
    # Sparse: profiles recorded before the flag existed compare equal to today's.
    Field("must_change_password", Kind.FLAG, False, sparse=True),
)

NAMES: frozenset[str] = frozenset(f.name for f in FIELDS)
# The keys an agency or a post is written with (its local key never travels); a record may
# lack the optional ones (an agency's short name).
_REFERENCE_KEYS = {
    Kind.AGENCY: ("uuid", "name", "short_name", "country"),
    Kind.POST: ("uuid", "code", "name", "country"),
}
_OPTIONAL_KEYS = {"short_name"}


def encode(user: object) -> dict:
    """The record data for ``user`` (any object with the fields as attributes; agency and post
    objects with ``uuid``, ``name``, ``country`` and ``short_name`` or ``code``)."""
    data: dict = {VERSION_KEY: VERSION} if VERSION > 1 else {}
    for field in FIELDS:
        value = _encoded(field.kind, getattr(user, field.name))
        if field.sparse and value == field.default:
            continue
        data[field.name] = value
    return data


def _encoded(kind: Kind, value: Any) -> object:
    if kind is Kind.INSTANT:
        if value is None:
            return None
        return value.astimezone(datetime.UTC).replace(microsecond=0).isoformat()
    if kind in _REFERENCE_KEYS:
        if value is None:
            return None
        return {key: str(getattr(value, key)) for key in _REFERENCE_KEYS[kind]}
    return value


def schema_version(data: dict) -> int:
    """The schema version a record's data was written with (1 when it carries none)."""
    return data.get(VERSION_KEY, 1)


def known(data: dict) -> dict:
    """Every field this node knows, as ``data`` gives it or with its default where it lacks
    it; fields this node does not know and the version are left out. Precondition:
    ``shape_problem(data)`` is None. Two records with the same ``known`` are the same profile
    here."""
    return {f.name: data.get(f.name, f.default) for f in FIELDS}


def shape_problem(data: object) -> str | None:
    """None when this node can read ``data`` as a profile; else what is wrong: "record" (not
    an object, or a version that is not a whole number from 1) or the name of the first field
    that is missing without a default or has the wrong type."""
    if not isinstance(data, dict):
        return "record"
    version = data.get(VERSION_KEY, 1)
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        return "record"
    for field in FIELDS:
        if field.name not in data:
            if field.default is REQUIRED:
                return field.name
            continue
        if not _fits(field.kind, data[field.name]):
            return field.name
    return None


def _fits(kind: Kind, value: object) -> bool:
    if kind is Kind.FLAG:
        return isinstance(value, bool)
    if kind in (Kind.TEXT, Kind.PASSWORD):
        return isinstance(value, str)
    if value is None:
        return True
    if kind is Kind.INSTANT:
        if not isinstance(value, str):
            return False
        try:
            datetime.datetime.fromisoformat(value)
        except ValueError:
            return False
        return True
    if not isinstance(value, dict):
        return False
    return all(
        isinstance(value.get(key), str) or (key in _OPTIONAL_KEYS and key not in value)
        for key in _REFERENCE_KEYS[kind]
    )
