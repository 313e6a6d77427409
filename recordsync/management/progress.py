"""The progress bar the sync commands draw on stderr (as ``print_certificates`` does)."""

from __future__ import annotations

import sys


def progress_bar(label: str):
    """A ``progress(done, total)`` callback drawing ``label [#####.....] done/total``."""

    def progress(done: int, total: int) -> None:
        width = 30
        filled = width * done // max(total, 1)
        sys.stderr.write(f"\r{label} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            sys.stderr.write("\n")
        sys.stderr.flush()

    return progress
