"""Reading compressed or streamed input from another node without trusting its size.

Every gzip read of data that travels (packet chunks, bundle manifests) goes through
:func:`gunzip_bounded`, which stops at a limit on the decompressed size instead of inflating a
"zip bomb" into memory, and every streamed body through :func:`copy_bounded`.
"""

from __future__ import annotations

import zlib
from typing import BinaryIO

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
