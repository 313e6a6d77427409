"""Memory of a node's processes, read from Linux /proc: proportional set size (PSS) of a
process and its descendants. PSS counts a page shared by N processes as 1/N to each, so the sum
over a node's processes is what the node costs the machine."""

from __future__ import annotations

import os
from pathlib import Path

from _machine import proc_field

MIB = 1024 * 1024


def _tasks(pid: int):
    """The /proc folders of each thread of process ``pid`` (none if it has gone)."""
    return Path(f"/proc/{pid}/task").glob("*")


def children(pid: int) -> list[int]:
    """Direct children of ``pid`` (every thread's list: gunicorn's master forks from one)."""
    found: list[int] = []
    for task in _tasks(pid):
        try:
            found.extend(int(p) for p in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def process_tree(pid: int) -> list[int]:
    """``pid`` and every process below it."""
    tree, queue = [], [pid]
    while queue:
        current = queue.pop()
        if Path(f"/proc/{current}").exists():
            tree.append(current)
            queue.extend(children(current))
    return tree


def pss_bytes(pid: int) -> int:
    """The process's PSS (0 if it has gone)."""
    value = proc_field(f"/proc/{pid}/smaps_rollup", "Pss:")
    return int(value.split()[0]) * 1024 if value else 0


def tree_pss(pids: list[int]) -> dict[int, int]:
    """PSS of each process in the trees rooted at ``pids``."""
    return {pid: pss_bytes(pid) for root in pids for pid in process_tree(root)}


def _clock_seconds(pid: int, field: int) -> float:
    """Two clock-tick fields of /proc/PID/stat from ``field`` on, summed, in seconds (0 if the
    process has gone)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[field]) + int(fields[field + 1])) / os.sysconf("SC_CLK_TCK")


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) the process has used so far (0 if it has gone)."""
    return _clock_seconds(pid, 11)


def reaped_cpu_seconds(pid: int) -> float:
    """CPU time (user and system) of the children ``pid`` has waited for (0 if it has gone)."""
    return _clock_seconds(pid, 13)


def tree_cpu_seconds(pid: int) -> float:
    """CPU time used so far by ``pid`` and every process below it: those still running, and
    those that ended and were waited for (gunicorn replaces a worker after ``max_requests``:
    its CPU time then moves to the master's reaped children, not out of the sum)."""
    return sum(cpu_seconds(p) + reaped_cpu_seconds(p) for p in process_tree(pid))


def tree_tasks(pid: int):
    """The /proc folders of every thread of ``pid``'s process tree."""
    for process in process_tree(pid):
        yield from _tasks(process)


def tree_context_switches(pid: int) -> int:
    """Context switches (voluntary and not) of every thread of ``pid``'s process tree so far: a
    thread woken only to find the GIL taken is one more. Threads and processes that ended are
    not counted, so read it across a span in which none ends (a single-process server)."""
    total = 0
    for task in tree_tasks(pid):
        for key in ("voluntary_ctxt_switches:", "nonvoluntary_ctxt_switches:"):
            value = proc_field(str(task / "status"), key)
            total += int(value) if value else 0
    return total


def pin_tree(pid: int, cpus: set[int]) -> None:
    """Confine every thread of ``pid``'s process tree to ``cpus`` (processes forked later inherit
    their parent's; a thread that ends meanwhile is skipped)."""
    for task in tree_tasks(pid):
        try:
            os.sched_setaffinity(int(task.name), cpus)
        except (ProcessLookupError, FileNotFoundError):
            continue
