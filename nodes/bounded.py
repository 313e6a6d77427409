"""Reading compressed or streamed input from another node without trusting its size.

Every gzip read of data that travels (packet chunks, bundle manifests) goes through
:func:`gunzip_bounded`, which stops at a limit on the decompressed size instead of inflating a
"zip bomb" into memory, every Zstandard read (packet chunks since format 3) through
:func:`unzstd_bounded`, which refuses a frame whose declared size is past the limit before it
allocates anything, and every streamed body through :func:`copy_bounded`.
"""

from __future__ import annotations

import zlib
from typing import BinaryIO

import zstandard

GZIP_MAGIC = b"\x1f\x8b"
ZSTD_MAGIC = zstandard.FRAME_HEADER

_BLOCK = 1024 * 1024


class TooLarge(ValueError):
    """The input is larger than the limit allowed for it."""


def gunzip_bounded(data: bytes, *, limit: int) -> bytes:
    """The one gzip member in ``data``, decompressed. Raises TooLarge past ``limit`` bytes
    decompressed (having inflated at most ``limit + 1``), ValueError when ``data`` is not one
    complete gzip member with nothing after it."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(bytes(data), limit + 1)
    except zlib.error as error:
        raise ValueError(f"not gzip data: {error}") from None
    if len(out) > limit or inflater.unconsumed_tail:
        raise TooLarge(f"more than {limit} bytes once decompressed")
    if not inflater.eof or inflater.unused_data:
        raise ValueError("incomplete gzip data, or data after it")
    return out


def unzstd_bounded(data: bytes, *, limit: int) -> bytes:
    """The one Zstandard frame in ``data``, decompressed. Raises TooLarge when the frame
    declares more than ``limit`` bytes (nothing is decompressed then), ValueError when ``data``
    is not one complete frame that declares its size, with nothing after it, or decompresses
    to another size than it declares."""
    try:
        size = zstandard.get_frame_parameters(bytes(data)).content_size
    except zstandard.ZstdError as error:
        raise ValueError(f"not zstd data: {error}") from None
    if size == zstandard.CONTENTSIZE_UNKNOWN:
        raise ValueError("zstd data that does not say its size")
    if size > limit:
        raise TooLarge(f"more than {limit} bytes once decompressed")
    try:
        out = zstandard.ZstdDecompressor().decompress(bytes(data), allow_extra_data=False)
    except zstandard.ZstdError as error:
        raise ValueError(f"damaged zstd data: {error}") from None
    if len(out) != size:
        raise ValueError("zstd data that is not the size it says")
    return out


def unpack_bounded(data: bytes, *, limit: int) -> bytes:
    """``data`` decompressed as gzip or Zstandard, whichever it starts like (the bounds of
    ``gunzip_bounded`` and ``unzstd_bounded``)."""
    if bytes(data[:4]) == ZSTD_MAGIC:
        return unzstd_bounded(data, limit=limit)
    return gunzip_bounded(data, limit=limit)


def copy_bounded(source: BinaryIO, out: BinaryIO, *, size: int, digest=None) -> None:
    """Copy exactly ``size`` bytes from ``source`` to ``out`` in blocks (never all in memory),
    updating ``digest`` if given. Raises EOFError if ``source`` ends first."""
    left = size
    while left:
        block = source.read(min(_BLOCK, left))
        if not block:
            raise EOFError
        if digest is not None:
            digest.update(block)
        out.write(block)
        left -= len(block)
