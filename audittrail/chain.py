"""The audit trail's hash chain and checkpoints as pure rules (no Django, no clock): how an
entry is hashed, what a checkpoint signs, and how a node's trail is walked to find the first
broken link (ADR 0033).

Each node keeps its own chain: entry ``n`` of a node carries the hash of entry ``n - 1``
(``GENESIS`` for the first) and its own hash, SHA-256 over the canonical JSON of every field
that matters and that previous hash. Changing an entry changes its hash; deleting one leaves a
gap in the numbers or a link that points at nothing; cutting the tail is seen when a signed
checkpoint names an entry the chain no longer reaches.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

GENESIS = "0" * 64
CHECKPOINT_DOMAIN = b"elearning-audit-checkpoint:"

# The fields an entry's hash covers, besides the previous hash. Times are ISO 8601 in UTC,
# UUIDs 32 lowercase hex digits (or "" for none), before/after the JSON values themselves.
HASHED = (
    "id",
    "origin_node",
    "origin_seq",
    "recorded_at",
    "chain_index",
    "actor",
    "actor_name",
    "action",
    "officer",
    "officer_country",
    "officer_post",
    "subject",
    "before",
    "after",
)


def canonical(value: Any) -> bytes:
    """One byte string for a JSON value, whatever the key order or the database it came from."""
    return json.dumps(
        value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode()


def entry_hash(fields: Mapping[str, Any], prev_hash: str) -> str:
    """The hash of an entry with ``fields`` (every name of HASHED) after ``prev_hash``."""
    document = {name: fields[name] for name in HASHED} | {"prev_hash": prev_hash}
    return hashlib.sha256(canonical(document)).hexdigest()


def checkpoint_message(*, node: str, index: int, entry_hash: str, time: str) -> bytes:
    """What a node signs for a checkpoint: its id (hex), the index and hash of its newest
    entry, and the time it signed."""
    return CHECKPOINT_DOMAIN + canonical(
        {"node": node, "index": index, "entry_hash": entry_hash, "time": time}
    )


@dataclass(frozen=True)
class Entry:
    """An entry as it is stored: its hashed fields, and the two hashes it carries."""

    index: int
    fields: Mapping[str, Any]
    prev_hash: str
    entry_hash: str


@dataclass(frozen=True)
class Checkpoint:
    index: int
    entry_hash: str
    time: str
    signature_valid: bool


@dataclass(frozen=True)
class Problem:
    """The first broken link of a node's trail: where, and which kind (``KINDS``)."""

    index: int
    kind: str
    detail: str


CHANGED, MISSING, LINK, CHECKPOINT_SIGNATURE, CHECKPOINT_MISMATCH, TAIL_CUT = (
    "changed entry",
    "missing entry",
    "broken link",
    "bad checkpoint signature",
    "checkpoint does not match the chain",
    "entries missing after the last one held",
)
KINDS = (CHANGED, MISSING, LINK, CHECKPOINT_SIGNATURE, CHECKPOINT_MISMATCH, TAIL_CUT)


@dataclass(frozen=True)
class Walk:
    """A node's trail walked: how many entries and checkpoints, and the first problem."""

    entries: int
    last_index: int
    checkpoints: int
    problem: Problem | None


def _chain_problem(entries: Iterable[Entry], hashes: dict[int, str]) -> tuple[int, Problem | None]:
    """Walk ``entries`` (in index order), filling ``hashes`` (index -> stored hash); the count
    and the first problem."""
    expected, previous, count = 1, GENESIS, 0
    for entry in entries:
        count += 1
        if entry.index != expected:
            first_missing = (
                f"{expected}" if entry.index == expected + 1 else f"{expected}-{entry.index - 1}"
            )
            return count, Problem(expected, MISSING, f"entries {first_missing} are not here")
        if entry_hash(entry.fields, entry.prev_hash) != entry.entry_hash:
            return count, Problem(entry.index, CHANGED, "its content does not match its hash")
        if entry.prev_hash != previous:
            return count, Problem(
                entry.index, LINK, "it does not point at the entry before it as that one is now"
            )
        hashes[entry.index] = entry.entry_hash
        previous, expected = entry.entry_hash, expected + 1
    return count, None


def trail_walk(entries: Iterable[Entry], checkpoints: Iterable[Checkpoint]) -> Walk:
    """Check a node's trail: ``entries`` in index order, and its checkpoints. The chain's first
    problem is named; when the chain is whole, the first checkpoint (by index) it fails."""
    hashes: dict[int, str] = {}
    count, problem = _chain_problem(entries, hashes)
    last = max(hashes, default=0)
    marks = sorted(checkpoints, key=lambda c: c.index)
    if problem is None:
        problem = _checkpoint_problem(marks, hashes, last)
    return Walk(entries=count, last_index=last, checkpoints=len(marks), problem=problem)


def _checkpoint_problem(
    marks: list[Checkpoint], hashes: dict[int, str], last: int
) -> Problem | None:
    for mark in marks:
        if not mark.signature_valid:
            return Problem(mark.index, CHECKPOINT_SIGNATURE, f"the checkpoint of {mark.time}")
        if mark.index > last:
            return Problem(
                last + 1,
                TAIL_CUT,
                f"the checkpoint of {mark.time} covers entries up to {mark.index}",
            )
        if hashes.get(mark.index) != mark.entry_hash:
            return Problem(mark.index, CHECKPOINT_MISMATCH, f"the checkpoint of {mark.time}")
    return None
