"""The packet's format and what every step of sync shares: limits, errors, chunk signatures.

A packet is a ``nodes.container`` of kind ``packet`` signed by its sender. Its parts are chunks:
Zstandard-compressed JSON (gzip'd in format 2, still read) of up to 500 rows of one table and
one origin node, each also signed by the node that may speak for those records (their origin,
or the hub, which speaks for everyone), so a chunk stays trustworthy when a third node carries
it. The header's meta says who the packet is for, what the sender holds (ranges of sequence
numbers per origin: the receiver learns what not to send back) and lists the chunks.
"""

from __future__ import annotations

import base64
import uuid
from collections import defaultdict
from collections.abc import Callable, Iterator

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.conf import settings
from django.utils.translation import gettext as _

from nodes.identity import node_identity
from nodes.selectors import hub_peer, is_hub

PACKET_KIND = "packet"
CHUNK_ROWS = 500
CHUNK_MAX_BYTES = 8 * 1024 * 1024  # uncompressed JSON; a chunk of large quiz snapshots splits
# What a chunk may inflate to when read: a split chunk is at most CHUNK_MAX_BYTES, but one row
# alone is never split. Past this a chunk is refused, not inflated into memory.
CHUNK_MAX_UNPACKED = 4 * CHUNK_MAX_BYTES
# Format 2: chunks sealed to the recipient, their signatures over the sealed bytes' hash.
# Format 3: the same, each chunk's JSON compressed with Zstandard instead of gzip. Every readable
# format is read (a chunk says which by its first bytes: a relayed chunk may be an older post's).
CHUNK_DOMAIN = b"elearning-chunk/2:"
# Format 4: the same, a chunk of a table with shared parts carrying those its rows name (a
# chunk of quiz attempts, the questions drawn: ADR 0051). A node that reads format 3 only
# would read those attempts' questions as references it cannot follow, so it refuses them.
FORMAT_VERSION = 4
READABLE_FORMATS = frozenset({2, 3, 4})
# Zstandard level 3 on 35,912 seeded records: 109 MB of chunk JSON in 0.11 s to 5.9 MB, where
# gzip level 1 took 0.56 s to 21.8 MB (and 0.25 s against 0.07 s to read): the chunks repeat
# themselves over more than gzip's 32 KiB window (issue 13: 100,000 records by USB in 10 s).
ZSTD_LEVEL = 3
IMPORTED_KEEP_DAYS = 180
EXCHANGE_PATH = "/sync/exchange/"
# A request to /sync/exchange/ is a small signed container of this kind whose one part is the
# packet: the hub reads at most EXCHANGE_MAX_HEADER bytes and checks who signed them before it
# reads (or unpacks) anything else.
EXCHANGE_KIND = "exchange"
EXCHANGE_PART = "packet"
EXCHANGE_MAX_HEADER = 64 * 1024

Progress = Callable[[int, int], None] | None


def _setting(name: str, default: int) -> int:
    return getattr(settings, name, default)


def max_pending() -> int:
    return _setting("ELEARNING_SYNC_MAX_PENDING", 100_000)


def max_relay_chunks() -> int:
    return _setting("ELEARNING_SYNC_MAX_RELAY_CHUNKS", 20_000)


def chunks_per_request() -> int:
    return _setting("ELEARNING_SYNC_CHUNKS_PER_REQUEST", 20)


def max_body() -> int:
    return _setting("ELEARNING_SYNC_MAX_BODY", 64 * 1024 * 1024)


class SyncError(Exception):
    """Sync cannot go ahead (not enrolled, no such node, hub unreachable); ``str()`` is for the
    operator."""


class PacketRefused(SyncError):
    """A packet refused whole: damaged, unsigned, from a stranger, for another node, or holding
    records its signer may not speak for. Nothing was applied."""


class SyncBusy(SyncError):
    """Another sync is running on this node."""


def chunk_signature(sha256_hex: str) -> str:
    signature = node_identity().sign(CHUNK_DOMAIN + bytes.fromhex(sha256_hex))
    return base64.b64encode(signature).decode()


def refuse(message: str) -> PacketRefused:
    return PacketRefused(message + " " + _("Nothing was applied."))


def hub_id() -> uuid.UUID | None:
    if is_hub():
        return node_identity().node_id
    hub = hub_peer()
    return hub.node_id if hub else None


def chunk_signature_valid(key: Ed25519PublicKey, sha256_hex: str, signature: str) -> bool:
    try:
        key.verify(
            base64.b64decode(signature, validate=True), CHUNK_DOMAIN + bytes.fromhex(sha256_hex)
        )
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def batches(values: list, size: int = 900) -> Iterator[list]:
    for start in range(0, len(values), size):
        yield values[start : start + size]


def row_key(row: dict) -> tuple[str, int]:
    return row["origin_node"], row["origin_seq"]


def by_origin(rows: list[dict]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for row in rows:
        found[row["origin_node"]].append(row["origin_seq"])
    return found


def shown(value: object) -> str:
    try:
        return str(uuid.UUID(str(value)))
    except ValueError:
        return str(value)
