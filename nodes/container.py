"""One signed file format for everything that travels between nodes: course bundles, sync
packets and enrolment files.

Layout (all integers big-endian)::

    b"ELNODE/1\\n"                     magic, 9 bytes
    header length                    4 bytes
    header                           UTF-8 JSON: kind, sender, created, meta,
                                     parts [{name, sha256, size}]
    signature                        64 bytes, Ed25519 by the sender over magic + length + header
    part data                        each part's bytes, in the order listed, nothing after

The header names every part with its SHA-256 and size, so the one signature covers the whole file:
a flipped byte anywhere (magic, header, signature, any part), a truncated file or one with bytes
appended is refused by :func:`open_container` before any caller applies anything. Parts are stored
as they are (media is already compressed), so the overhead is the header and 77 bytes.

Writing is atomic: a temporary file in the destination's directory is written, flushed to disk
and renamed, so a full USB stick or a pulled cable leaves no half file that looks complete.
"""

from __future__ import annotations

import contextlib
import datetime
import errno
import hashlib
import io
import json
import os
import struct
import uuid
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey
from django.utils.translation import gettext as _

from .files import atomic_file
from .identity import NodeIdentity, node_identity

MAGIC = b"ELNODE/1\n"
SIGNATURE_SIZE = 64
# A header lists every part (about 330 bytes a sync chunk of 500 records, 110 a bundle's file):
# 8 MB is some 12 million records or 70,000 media files in one file, and bounds what a stranger
# can make this node parse before its signature is checked. Requests over HTTP pass a far
# smaller bound (``receive_container``).
MAX_HEADER = 8 * 1024 * 1024
_COPY = 1024 * 1024
_NO_SPACE = {errno.ENOSPC, errno.EDQUOT, errno.EFBIG}

KeyFor = Callable[[uuid.UUID, dict], Ed25519PublicKey | None]
PartSource = bytes | Path


class ContainerError(Exception):
    """A bundle, packet or enrolment file that cannot be written or trusted. ``str()`` is a
    message for the operator; nothing was applied."""


@dataclass(frozen=True)
class Part:
    name: str
    sha256: str
    size: int
    offset: int


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds")


def _hash_source(source: PartSource) -> tuple[str, int]:
    if isinstance(source, bytes | bytearray | memoryview):
        return hashlib.sha256(source).hexdigest(), len(source)
    digest = hashlib.sha256()
    size = 0
    with open(source, "rb") as handle:
        while block := handle.read(_COPY):
            digest.update(block)
            size += len(block)
    return digest.hexdigest(), size


def _head(*, kind: str, meta: dict, parts: list[dict], identity: NodeIdentity) -> bytes:
    header = json.dumps(
        {
            "kind": kind,
            "sender": str(identity.node_id),
            "created": _now(),
            "meta": meta,
            "parts": parts,
        },
        separators=(",", ":"),
        ensure_ascii=False,
        sort_keys=True,
    ).encode()
    signed = MAGIC + struct.pack(">I", len(header)) + header
    return signed + identity.sign(signed)


def _listing(parts: Iterable[tuple[str, PartSource]]) -> tuple[list[dict], list[PartSource]]:
    listed: list[dict] = []
    sources: list[PartSource] = []
    seen: set[str] = set()
    for name, source in parts:
        if name in seen:
            raise ValueError(f"part {name!r} listed twice")
        seen.add(name)
        sha, size = _hash_source(source)
        listed.append({"name": name, "sha256": sha, "size": size})
        sources.append(source)
    return listed, sources


def _write_part(out: BinaryIO, listed: dict, source: PartSource) -> None:
    if isinstance(source, bytes | bytearray | memoryview):
        out.write(source)
        return
    digest = hashlib.sha256()
    with open(source, "rb") as handle:
        while block := handle.read(_COPY):
            digest.update(block)
            out.write(block)
    if digest.hexdigest() != listed["sha256"]:
        raise ContainerError(
            _("The file %(name)s changed while it was being written. Try again.")
            % {"name": Path(source).name}
        )


def no_space(error: BaseException) -> bool:
    """Whether ``error`` says the disk is full: a file write's, or the database's own (SQLite
    "database or disk is full", PostgreSQL "could not extend file" with ENOSPC)."""
    if isinstance(error, OSError):
        return error.errno in _NO_SPACE
    text = str(error).lower()
    return "disk is full" in text or "no space left" in text


def no_space_error(path: Path) -> ContainerError:
    """The one message for a full disk, whatever was being written."""
    return ContainerError(
        _(
            "Not enough space in %(folder)s to write %(name)s. Free some space (or use a "
            "larger USB stick) and try again; nothing was written."
        )
        % {"folder": path.parent, "name": path.name}
    )


def write_container(
    path: Path,
    *,
    kind: str,
    meta: dict,
    parts: Iterable[tuple[str, PartSource]],
    identity: NodeIdentity | None = None,
) -> None:
    """Write a signed container to ``path`` atomically. Parts are bytes, or paths of files that
    are streamed (never held in memory). On a full disk nothing is left behind."""
    identity = identity or node_identity()
    path = Path(path)
    listed, sources = _listing(parts)
    head = _head(kind=kind, meta=meta, parts=listed, identity=identity)
    try:
        with atomic_file(path) as out:
            out.write(head)
            for item, source in zip(listed, sources, strict=True):
                _write_part(out, item, source)
    except OSError as error:
        if no_space(error):
            raise no_space_error(path) from error
        raise ContainerError(
            _("Could not write %(name)s: %(reason)s.") % {"name": path, "reason": error.strerror}
        ) from error


def container_bytes(
    *,
    kind: str,
    meta: dict,
    parts: Iterable[tuple[str, bytes]],
    identity: NodeIdentity | None = None,
) -> bytes:
    """The same format in memory (for HTTP bodies)."""
    identity = identity or node_identity()
    listed, sources = _listing(parts)
    out = io.BytesIO()
    out.write(_head(kind=kind, meta=meta, parts=listed, identity=identity))
    for source in sources:
        out.write(source)
    return out.getvalue()


class _Region(io.RawIOBase):
    """A read-only window onto part of a file."""

    def __init__(self, path: Path, offset: int, size: int):
        self._handle = open(path, "rb")  # noqa: SIM115 - closed by close()
        self._handle.seek(offset)
        self._left = size

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self._left <= 0:
            return 0
        view = memoryview(buffer)[: self._left]
        count = self._handle.readinto(view)
        self._left -= count
        return count

    def close(self) -> None:
        self._handle.close()
        super().close()


@dataclass
class Container:
    """A verified container. Its parts were checked when it was opened; ``read`` and
    ``copy_to`` check them again, so a file changed on the stick since is still caught."""

    kind: str
    sender: uuid.UUID
    created: str
    meta: dict
    parts: list[Part]
    size: int
    sha256: str
    _path: Path | None
    _data: bytes | None

    def part(self, name: str) -> Part:
        for part in self.parts:
            if part.name == name:
                return part
        raise KeyError(name)

    def open(self, name: str) -> BinaryIO:
        part = self.part(name)
        if self._data is not None:
            return io.BytesIO(self._data[part.offset : part.offset + part.size])
        return io.BufferedReader(_Region(self._path, part.offset, part.size))

    def read(self, name: str) -> bytes:
        part = self.part(name)
        with self.open(name) as handle:
            data = handle.read()
        if hashlib.sha256(data).hexdigest() != part.sha256:
            raise ContainerError(_changed())
        return data

    def copy_to(self, name: str, dest: Path) -> None:
        part = self.part(name)
        digest = hashlib.sha256()
        with self.open(name) as handle, open(dest, "wb") as out:
            while block := handle.read(_COPY):
                digest.update(block)
                out.write(block)
        if digest.hexdigest() != part.sha256:
            Path(dest).unlink(missing_ok=True)
            raise ContainerError(_changed())


def _changed() -> str:
    return _("The file changed after it was checked. Copy it again and retry.")


def _incomplete() -> str:
    return _(
        "The file is incomplete: it ends before its last part. It was probably cut off while "
        "being copied. Copy it again; nothing was applied."
    )


def _damaged() -> str:
    return _(
        "The file is damaged or was changed after it was signed (its contents do not match its "
        "signature). Nothing was applied. Copy it again from the original."
    )


def _parse_header(head: bytes) -> dict:
    try:
        header = json.loads(head)
        header["sender"] = uuid.UUID(header["sender"])
        if not isinstance(header["meta"], dict) or not isinstance(header["parts"], list):
            raise ValueError
        for part in header["parts"]:
            if not (
                isinstance(part["name"], str)
                and isinstance(part["sha256"], str)
                and isinstance(part["size"], int)
                and part["size"] >= 0
            ):
                raise ValueError
        return header
    except (ValueError, KeyError, TypeError, AttributeError):
        raise ContainerError(_damaged()) from None


class _Reader:
    """Reads a container from a file, bytes, or a stream of a known length (an HTTP body),
    hashing everything read."""

    def __init__(self, source: Path | bytes | BinaryIO, *, length: int | None = None):
        if isinstance(source, bytes | bytearray | memoryview):
            self._handle: BinaryIO = io.BytesIO(bytes(source))
            self.length = len(source)
        elif length is not None:
            self._handle = source
            self.length = length
        else:
            try:
                self._handle = open(source, "rb")  # noqa: SIM115 - closed by close()
            except FileNotFoundError:
                raise ContainerError(
                    _("There is no file at %(path)s.") % {"path": source}
                ) from None
            except OSError as error:
                raise ContainerError(
                    _("Could not read %(path)s: %(reason)s.")
                    % {"path": source, "reason": error.strerror}
                ) from None
            self.length = os.fstat(self._handle.fileno()).st_size
        self.whole = hashlib.sha256()
        self.position = 0

    def upto(self, count: int) -> bytes:
        data = b""
        while len(data) < count:
            block = self._handle.read(count - len(data))
            if not block:
                break
            data += block
        self.whole.update(data)
        self.position += len(data)
        return data

    def exactly(self, count: int) -> bytes:
        data = self.upto(count)
        if len(data) != count:
            raise ContainerError(_incomplete())
        return data

    def close(self) -> None:
        self._handle.close()


def _too_large() -> str:
    return _(
        "The file is larger than this node accepts in one piece. Nothing was applied; send "
        "less at a time."
    )


def _check_magic(reader: _Reader) -> None:
    """Refuse a file that does not start like a container: cut short, damaged or another kind
    of file altogether."""
    magic = reader.upto(len(MAGIC))
    if magic != MAGIC:
        if len(magic) < len(MAGIC) and MAGIC.startswith(magic):
            raise ContainerError(_incomplete())
        if magic[:6] == MAGIC[:6]:
            raise ContainerError(_damaged())
        raise ContainerError(
            _("This is not a course bundle, sync packet or enrolment file from this platform.")
        )


def _read_signed_head(reader: _Reader, *, max_header: int) -> tuple[bytes, bytes, bytes]:
    """The header's packed length, the header and its signature, reading at most
    ``max_header`` header bytes (a longer header is refused unread)."""
    packed = reader.exactly(4)
    (length,) = struct.unpack(">I", packed)
    if length > max_header:
        raise ContainerError(_too_large() if max_header < MAX_HEADER else _damaged())
    if len(MAGIC) + 4 + length > reader.length:
        raise ContainerError(_incomplete())
    head = reader.exactly(length)
    signature = reader.exactly(SIGNATURE_SIZE)
    return packed, head, signature


def _verified_header(
    packed: bytes, head: bytes, signature: bytes, *, kinds: set[str], key_for: KeyFor
) -> dict:
    """The parsed header, once its sender is trusted (``key_for``), its signature good and its
    kind one of ``kinds``."""
    header = _parse_header(head)
    key = key_for(header["sender"], header["meta"])
    if key is None:
        raise ContainerError(
            _(
                "This file was signed by a node this one does not know (%(node)s). Only "
                "files from headquarters and enrolled posts are accepted; nothing was "
                "applied."
            )
            % {"node": header["sender"]}
        )
    try:
        key.verify(signature, MAGIC + packed + head)
    except InvalidSignature:
        raise ContainerError(_damaged()) from None
    if header.get("kind") not in kinds:
        raise ContainerError(
            _("This file is a %(found)s, not a %(wanted)s.")
            % {
                "found": _kind_name(header.get("kind")),
                "wanted": _(" or ").join(_kind_name(kind) for kind in sorted(kinds)),
            }
        )
    return header


def _check_length(reader: _Reader, *, expected: int, max_size: int | None) -> None:
    """Refuse a file whose declared size is over ``max_size``, or that is shorter or longer
    than its header says, before any part is read."""
    if max_size is not None and expected > max_size:
        raise ContainerError(_too_large())
    if reader.length < expected:
        raise ContainerError(_incomplete())
    if reader.length > expected:
        raise ContainerError(_damaged())


def _read_parts(
    reader: _Reader, listed: list[dict], *, offset: int, out: BinaryIO | None
) -> list[Part]:
    """Read every part the header lists, checking its hash (and that no name comes twice),
    copying what is read to ``out`` if given; nothing may follow the last part."""
    parts: list[Part] = []
    names: set[str] = set()
    for item in listed:
        if item["name"] in names:
            raise ContainerError(_damaged())
        names.add(item["name"])
        digest = hashlib.sha256()
        left = item["size"]
        while left:
            block = reader.exactly(min(_COPY, left))
            digest.update(block)
            if out is not None:
                out.write(block)
            left -= len(block)
        if digest.hexdigest() != item["sha256"]:
            raise ContainerError(_damaged())
        parts.append(Part(item["name"], item["sha256"], item["size"], offset))
        offset += item["size"]
    if reader.upto(1):
        raise ContainerError(_damaged())
    return parts


def _read_container(
    reader: _Reader,
    *,
    kinds: set[str],
    key_for: KeyFor,
    max_header: int,
    max_size: int | None = None,
    out: BinaryIO | None = None,
) -> tuple[dict, list[Part]]:
    """Read and verify a whole container from ``reader``: at most ``max_header`` bytes are
    read before the sender is known and its signature checked, and nothing past the header
    unless the sender is trusted and the declared size is within ``max_size``. Everything
    read is copied to ``out`` if given."""
    _check_magic(reader)
    packed, head, signature = _read_signed_head(reader, max_header=max_header)
    header = _verified_header(packed, head, signature, kinds=kinds, key_for=key_for)
    offset = len(MAGIC) + 4 + len(head) + SIGNATURE_SIZE
    expected = offset + sum(item["size"] for item in header["parts"])
    _check_length(reader, expected=expected, max_size=max_size)
    if out is not None:
        out.write(MAGIC + packed + head + signature)
    parts = _read_parts(reader, header["parts"], offset=offset, out=out)
    return header, parts


def open_container(
    source: Path | bytes,
    *,
    kinds: set[str],
    key_for: KeyFor | None = None,
) -> Container:
    """Open and verify a container completely before returning it.

    Checks, in order: the magic, the header, that the sender's key is trusted (``key_for``,
    by default this node's own key and its enrolled peers'), the signature, the kind, every
    part's size and SHA-256, and that nothing follows the last part. Raises
    :class:`ContainerError` with a message for the operator on the first failure.
    """
    if key_for is None:
        from .selectors import key_for_header

        key_for = key_for_header
    reader = _Reader(source)
    try:
        header, parts = _read_container(reader, kinds=kinds, key_for=key_for, max_header=MAX_HEADER)
    finally:
        reader.close()
    in_memory = isinstance(source, bytes | bytearray | memoryview)
    return _verified(
        header,
        parts,
        reader,
        path=None if in_memory else Path(source),
        data=bytes(source) if in_memory else None,
    )


def _verified(
    header: dict, parts: list[Part], reader: _Reader, *, path: Path | None, data: bytes | None
) -> Container:
    return Container(
        kind=header["kind"],
        sender=header["sender"],
        created=str(header.get("created", "")),
        meta=header["meta"],
        parts=parts,
        size=reader.length,
        sha256=reader.whole.hexdigest(),
        _path=path,
        _data=data,
    )


@contextlib.contextmanager
def receive_container(
    stream: BinaryIO,
    *,
    length: int,
    kinds: set[str],
    key_for: KeyFor,
    max_header: int,
    max_size: int,
    folder: Path,
) -> Iterator[Container]:
    """Receive a container from a stream of ``length`` bytes (an HTTP body) without holding it
    in memory: the sender is identified and its signature checked on a header of at most
    ``max_header`` bytes before anything else is read, a container larger than ``max_size`` is
    refused before its parts are read, and the parts are streamed to a temporary file in
    ``folder`` (removed when the block ends) as they are checked. Yields the verified
    container; raises ContainerError on the first doubt, having kept nothing."""
    if length > max_size:
        raise ContainerError(_too_large())
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".received.{uuid.uuid4().hex}.partial"
    reader = _Reader(stream, length=length)
    try:
        try:
            with open(temporary, "wb") as out:
                header, parts = _read_container(
                    reader,
                    kinds=kinds,
                    key_for=key_for,
                    max_header=max_header,
                    max_size=max_size,
                    out=out,
                )
        except OSError as error:
            raise ContainerError(
                _("Could not keep the file received: %(reason)s.") % {"reason": error.strerror}
            ) from error
        yield _verified(header, parts, reader, path=temporary, data=None)
    finally:
        temporary.unlink(missing_ok=True)


def _kind_name(kind) -> str:
    return {
        "bundle": _("course bundle"),
        "packet": _("sync packet"),
        "enrolment": _("enrolment file"),
        "exchange": _("sync request"),
    }.get(kind, _("file of an unknown kind"))
