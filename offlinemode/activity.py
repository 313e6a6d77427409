"""The shape of a batch of activity items sent by a device, and the clock rule (pure: no
Django, no clock of its own).

A device sends ``{"device", "sent_at", "items": [...]}``; each item is
``{id, device, officer, seq, kind, made_at, payload, sig}`` (issue 15, contract 4). Parsing
refuses the batch as a whole only when it is not a batch at all (``BatchError``); an item that
is not well formed is answered on its own (``Malformed``) and does not sink the others.

Time: the device's clock may be years off. The server estimates when an item was made by the
offset between its own clock and the device's at sending (``clock_offset``); the learner
records themselves always take the server's time.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta

from .signatures import canonical

LESSON_OPENED = "lesson_opened"
LESSON_COMPLETED = "lesson_completed"
CHECK_ANSWER = "check_answer"
KINDS = (LESSON_OPENED, LESSON_COMPLETED, CHECK_ANSWER)

MAX_BODY_BYTES = 256 * 1024  # a batch's body, refused unread past this (413)
MAX_ITEMS = 200  # items in one batch
CLOCK_NOTED = timedelta(minutes=5)  # a device clock further off than this is told so

_FIELDS = {"id", "device", "officer", "seq", "kind", "made_at", "payload", "sig"}
_MAX_TEXT = 2000  # one answer's text
_MAX_NAMES = 50  # fields of one check form, and values of one field
_MAX_SEQ = 2**62


class BatchError(ValueError):
    """The body is not a batch of items (answered 400 as a whole)."""


class TooManyItems(BatchError):
    """A batch of more than MAX_ITEMS items (answered 413 as a whole)."""


@dataclass(frozen=True)
class Item:
    """A well-formed item. ``signed``: the bytes its ``sig`` must sign (the item without it);
    ``digest``: their SHA-256, which tells a resend from an altered copy."""

    id: uuid.UUID
    device: uuid.UUID
    officer: int
    seq: int
    kind: str
    made_at: datetime
    made_at_text: str  # as the device wrote it
    payload: dict
    sig: str
    signed: bytes
    digest: str


@dataclass(frozen=True)
class Malformed:
    """An item that is not well formed; ``id`` as sent when it is one, else ""."""

    id: str
    problem: str


def _uuid(value: object) -> uuid.UUID:
    if not isinstance(value, str) or len(value) != 36:
        raise ValueError("not a UUID")
    return uuid.UUID(value)


def _int(value: object, low: int = 1) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= _MAX_SEQ:
        raise ValueError("not a positive whole number")
    return value


def aware_time(value: object) -> datetime:
    """An ISO 8601 time with its offset (``Z`` or ``+07:00``); ValueError otherwise."""
    if not isinstance(value, str) or len(value) > 40:
        raise ValueError("not a time")
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("a time without its offset")
    return moment


def _text(value: object, limit: int = _MAX_TEXT) -> str:
    if not isinstance(value, str) or len(value) > limit:
        raise ValueError("not a short text")
    return value


def _payload(kind: str, payload: object) -> None:
    if not isinstance(payload, dict):
        raise ValueError("payload not an object")
    _int(payload.get("lesson"))
    expected = {"lesson"}
    if kind == CHECK_ANSWER:
        expected |= {"block", "response"}
        _text(payload.get("block"), 100)
        response = payload.get("response")
        if not isinstance(response, dict) or len(response) > _MAX_NAMES:
            raise ValueError("response not a form")
        for name, values in response.items():
            _text(name, 100)
            if not isinstance(values, list) or len(values) > _MAX_NAMES:
                raise ValueError("response values not a list")
            for value in values:
                _text(value)
    if set(payload) != expected:
        raise ValueError("payload with other fields")


def parse_item(data: object) -> Item | Malformed:
    """One item as sent, checked for shape (not yet for who made it or its signature)."""
    sent_id = data.get("id") if isinstance(data, dict) else None
    sent_id = sent_id if isinstance(sent_id, str) and len(sent_id) <= 36 else ""
    if not isinstance(data, dict) or set(data) != _FIELDS:
        return Malformed(sent_id, "fields")
    try:
        kind = data["kind"]
        if kind not in KINDS:
            raise ValueError("unknown kind")
        _payload(kind, data["payload"])
        unsigned = {name: value for name, value in data.items() if name != "sig"}
        signed = canonical(unsigned)
        return Item(
            id=_uuid(data["id"]),
            device=_uuid(data["device"]),
            officer=_int(data["officer"]),
            seq=_int(data["seq"]),
            kind=kind,
            made_at=aware_time(data["made_at"]),
            made_at_text=data["made_at"],
            payload=data["payload"],
            sig=_text(data["sig"], 200),
            signed=signed,
            digest=hashlib.sha256(signed).hexdigest(),
        )
    except ValueError as error:
        return Malformed(sent_id, str(error))


def parse_batch(data: object) -> tuple[datetime, list[Item | Malformed]]:
    """The device's clock at sending and its items, malformed ones first, then in order of
    device and sequence number. Raises BatchError when ``data`` is not a batch."""
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise BatchError("not a batch of items")
    if len(data["items"]) > MAX_ITEMS:
        raise TooManyItems(f"more than {MAX_ITEMS} items")
    try:
        sent_at = aware_time(data.get("sent_at"))
    except ValueError:
        raise BatchError("no time of sending") from None
    items = [parse_item(entry) for entry in data["items"]]
    return sent_at, sorted(
        items,
        key=lambda item: (1, str(item.device), item.seq) if isinstance(item, Item) else (0, "", 0),
    )


def clock_offset(*, server_now: datetime, sent_at: datetime) -> timedelta:
    """How far the device's clock is behind the server's (negative: ahead)."""
    return server_now - sent_at


def made_at_estimate(
    *, made_at_device: datetime, offset: timedelta, received_at: datetime
) -> datetime:
    """When the item was made, by the server's clock: the device's time corrected by the
    offset, never later than its arrival."""
    return min(made_at_device + offset, received_at)


def clock_noted(offset: timedelta) -> bool:
    """Whether the device's clock is off by enough to tell the officer."""
    return abs(offset) > CLOCK_NOTED
