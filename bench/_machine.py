"""What the benchmarks say about the machine they ran on."""

from __future__ import annotations


def proc_field(path: str, key: str) -> str:
    """The value of ``key`` in a Linux /proc file of ``key: value`` lines ('' if absent or
    unreadable)."""
    try:
        with open(path) as lines:
            for line in lines:
                if line.startswith(key):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return ""
