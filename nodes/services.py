"""Writes for node identity: handing out sequence numbers, never one twice.

A database restored from a backup has forgotten the numbers it handed out since. So every
number is first covered by a marker outside the database (``sequences.json`` beside ``keys/``
in the data directory), written durably: the highest number any process may have handed out.
Numbers are reserved in blocks (one fsync per ``SEQUENCE_BLOCK`` records, not per record), and
a process's first number continues after the marker's block, so a database put back while the
node was stopped (a real restore) never reissues one.
"""

from __future__ import annotations

import contextlib
import fcntl
import json
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.db.models import F

from .files import atomic_file
from .identity import node_identity
from .models import NodeSequence

SEQUENCE_BLOCK = 1000
MARKER_FILE = "sequences.json"
# Per counter, the highest number this process knows the marker covers (the marker only grows
# while the node runs); absent until the process has continued the counter.
_covered: dict[tuple[Path, uuid.UUID], int] = {}
_started_lock = threading.Lock()


def _marker_path() -> Path:
    return Path(settings.NODE_KEY_DIR).parent / MARKER_FILE


@contextlib.contextmanager
def _marker_locked(path: Path) -> Iterator[dict[str, int]]:
    """The marker's reservations (counter hex -> highest number reserved), held under a file
    lock; what the block leaves in the dict is written durably (temporary file, fsync,
    rename, fsync of the directory) before the lock is released."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_suffix(".lock"), "a") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            marks = json.loads(path.read_text()) if path.exists() else {}
        except ValueError:
            marks = {}  # a damaged marker: the database and the hub still bound the numbers
        before = dict(marks)
        yield marks
        if marks == before:
            return
        with atomic_file(path, sync_directory=True) as out:
            out.write(json.dumps(marks).encode())


def sequence_next(*, node_id: uuid.UUID | None = None) -> tuple[uuid.UUID, int]:
    """Return (node id, next sequence number) for this node.

    Precondition: call inside the transaction that writes the record taking the number, so both
    commit together. The row is updated with ``F()`` under the database's write lock (SQLite
    runs IMMEDIATE transactions; PostgreSQL locks the row), so two concurrent callers never get
    the same number. The number is covered by the marker before it is returned; a process's
    first number for a counter comes after everything the marker says was reserved.
    """
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("sequence_next() must run inside transaction.atomic()")
    node_id = node_id or node_identity().node_id
    NodeSequence.objects.get_or_create(node_id=node_id)
    NodeSequence.objects.filter(node_id=node_id).update(last_value=F("last_value") + 1)
    value = NodeSequence.objects.values_list("last_value", flat=True).get(node_id=node_id)
    key = (_marker_path(), node_id)
    with _started_lock:
        if key in _covered and value <= _covered[key]:
            return node_id, value  # covered already: no file touched
        with _marker_locked(key[0]) as marks:
            reserved = marks.get(node_id.hex, 0)
            if key not in _covered and value <= reserved:
                value = reserved + 1  # the database may have forgotten numbers up to there
                NodeSequence.objects.filter(node_id=node_id).update(last_value=value)
            if value > reserved:
                marks[node_id.hex] = value + SEQUENCE_BLOCK - 1
            _covered[key] = marks[node_id.hex]
    return node_id, value


def sequence_at_least(*, node_id: uuid.UUID, value: int) -> bool:
    """Make sure ``node_id``'s next number comes after ``value`` (a number of its own that came
    back from another node). Returns True when the counter was behind it: this database had
    forgotten numbers it handed out (restored from a backup). Precondition: in a transaction."""
    NodeSequence.objects.get_or_create(node_id=node_id)
    return bool(
        NodeSequence.objects.filter(node_id=node_id, last_value__lt=value).update(last_value=value)
    )
