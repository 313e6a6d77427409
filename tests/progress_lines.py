"""What a long command prints on standard error when that is not a terminal (a log, a pipe):
plain progress lines. Shared by the bundle and sync command tests."""

from __future__ import annotations

import re


def plain_progress(err: str, label: str) -> list[tuple[int, int]]:
    """The (done, total) of each progress line in ``err``; fails unless every line is plain
    (no carriage return, no bar drawn in place) and the last step reaches its total."""
    assert "\r" not in err
    pattern = re.compile(rf"^{label} \[(\d+)/(\d+)\] (\d+) %$")
    steps = []
    for line in err.splitlines():
        match = pattern.match(line)
        assert match, f"not a plain progress line: {line!r}"
        done, total, percent = map(int, match.groups())
        assert percent == 100 * done // total
        steps.append((done, total))
    assert steps and steps[-1][0] == steps[-1][1], steps
    assert len(set(steps)) == len(steps), "a step printed twice"
    return steps
