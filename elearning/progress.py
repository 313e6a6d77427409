"""Progress of a long command (``import_bundle``, ``pull_bundles``, ``sync_import``,
``sync_export``) on standard error.

On a terminal, a bar redrawn in place. Anywhere else (cron, a log file, a pipe, the operator's
``| tee``), carriage returns would pile the whole bar into one long line, so each step is a
plain line instead, ``Label [done/total] percent %``, written when the whole percentage moves
(a step per line for up to 100 steps, never more than about 100 lines).
"""

from __future__ import annotations

import sys
from typing import TextIO

WIDTH = 30


class ProgressPrinter:
    """A ``progress(done, total)`` callback. Call ``finish()`` when the work stops (done or
    not), so that a bar cut short still ends its line."""

    def __init__(self, label: str = "", stream: TextIO | None = None):
        self.stream = stream if stream is not None else sys.stderr
        self.prefix = f"{label} " if label else ""
        self.on_terminal = self.stream.isatty()
        self._last: tuple[int, int] | None = None
        self._line_open = False

    def __call__(self, done: int, total: int) -> None:
        shown = min(done, total)
        percent = 100 * shown // max(total, 1)
        if self.on_terminal:
            filled = WIDTH * shown // max(total, 1)
            bar = f"[{'#' * filled}{'.' * (WIDTH - filled)}]"
            self.stream.write(f"\r{self.prefix}{bar} {done}/{total}")
            self._line_open = True
            if done >= total:
                self.finish()
        elif (percent, total) != self._last:
            self.stream.write(f"{self.prefix}[{done}/{total}] {percent} %\n")
        self._last = (percent, total)
        self.stream.flush()

    def finish(self) -> None:
        if self._line_open:
            self.stream.write("\n")
            self.stream.flush()
            self._line_open = False


def progress_printer(label: str = "", stream: TextIO | None = None) -> ProgressPrinter:
    return ProgressPrinter(label, stream)
