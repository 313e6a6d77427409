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


def busy_cpu_seconds() -> float:
    """CPU time the whole machine has spent busy so far (every core: user, nice, system, irq,
    softirq, steal; /proc/stat), in seconds."""
    with open("/proc/stat") as lines:
        fields = next(lines).split()[1:]  # the first line, "cpu ...", sums every core
    busy = sum(int(fields[i]) for i in (0, 1, 2, 5, 6, 7))
    return busy / os.sysconf("SC_CLK_TCK")


def compile_project(root: os.PathLike | str) -> str:
    """Write the project's ``.pyc`` files once, as an installed node has them, and say so.

    A node compiles its modules at the first start and reads the ``.pyc`` files at every start
    after it (pip does the same for the libraries when it installs them). This machine sets
    ``PYTHONDONTWRITEBYTECODE=1``, so without this every command a benchmark times would compile
    the project's modules again (about 0.25 s of processor time per command here), which no
    deployed node pays. Python checks each ``.pyc`` against its source, so a stale one is
    never used."""
    import subprocess
    import sys

    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    subprocess.run(
        [
            sys.executable,
            "-m",
            "compileall",
            "-q",
            "-x",
            r"[/\\]\.venv[/\\]|[/\\]node_modules",
            ".",
        ],
        cwd=root,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return "the project's modules compiled to .pyc once before timing, as on an installed node"
