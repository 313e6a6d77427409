"""What the benchmarks say about the machine they ran on."""

from __future__ import annotations

import os
import platform


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


def machine_summary() -> str:
    """'2 (2 usable), <CPU model>, 24 GiB': the cores, the processor and the memory."""
    cpu = proc_field("/proc/cpuinfo", "model name") or platform.processor()
    memory = (proc_field("/proc/meminfo", "MemTotal") or "0 kB").split()[0]
    usable = len(os.sched_getaffinity(0))
    return f"{os.cpu_count()} ({usable} usable), {cpu}, {int(memory) / 1024 / 1024:.0f} GiB"
