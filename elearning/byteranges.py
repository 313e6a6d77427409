"""Which bytes a ``Range`` request header asks for (RFC 9110, section 14): pure, no Django.

Only one range is served: a header with several, or one this cannot read, is answered with the
whole file, which the RFC allows. Browsers ask for one range when they seek in a video.
"""

from __future__ import annotations

import re
from enum import Enum

_ONE_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class Unsatisfiable(Enum):
    """The range lies wholly past the end of the file: 416, and the file's size."""

    RANGE = "unsatisfiable"


UNSATISFIABLE = Unsatisfiable.RANGE


def byte_range(header: str, size: int) -> tuple[int, int] | Unsatisfiable | None:
    """The first and last byte (inclusive) of ``header``'s range in a file of ``size`` bytes;
    ``UNSATISFIABLE`` if none of it is in the file; ``None`` to send the whole file."""
    match = _ONE_RANGE.match(header or "")
    if not match:
        return None
    first, last = match.groups()
    if not first and not last:
        return None
    if not first:  # "bytes=-N": the last N bytes
        suffix = int(last)
        if suffix == 0:
            return UNSATISFIABLE
        return (max(size - suffix, 0), size - 1) if size else UNSATISFIABLE
    start = int(first)
    if last and int(last) < start:
        return None  # not a valid range: ignored, as the RFC says
    if start >= size:
        return UNSATISFIABLE
    return start, min(int(last), size - 1) if last else size - 1
