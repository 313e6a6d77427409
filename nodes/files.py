"""Files a node writes whole or not at all: a packet, a bundle, a certificate PDF, the sequence
marker. A power cut or a full disk leaves the old file (or none), never half of a new one."""

from __future__ import annotations

import contextlib
import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import BinaryIO


@contextlib.contextmanager
def atomic_file(path: Path, *, sync_directory: bool = False) -> Iterator[BinaryIO]:
    """A binary stream whose bytes become ``path`` when the block ends: written to a temporary
    file beside it, flushed and fsync'd, then renamed over it. On any error the temporary file
    is removed and ``path`` is untouched. ``sync_directory`` also makes the rename itself
    durable (fsync of the folder), for a file that must survive a power cut right after."""
    path = Path(path)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.partial")
    try:
        with open(temporary, "wb") as out:
            yield out
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    if sync_directory:
        directory = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(directory)
        finally:
            os.close(directory)
