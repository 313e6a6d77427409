"""A border post's memory: its processes' PSS idle, and 30 learners inside a 1 GB limit.

Starts a throw-away production node (bench/_server.py) with the post's gunicorn configuration
(elearning/gunicorn_post.py: the web workers and the task worker forked from one preloaded
master; ELEARNING_WORKERS and ELEARNING_THREADS pass through to it) inside a cgroup v1 memory
group limited to 1 GB (its processes start in it: all they ever hold is charged there), sums
the proportional set size (PSS, /proc/PID/smaps_rollup) of every process of the node after a
walk through the courses (once the tasks its setup queued have run and no process is running
tasks), loads it with learners reading lessons (bench/_load.py), and sums it again after the
load and once the node has been quiet for its web workers' idle time (``--idle-seconds``, the
post's ELEARNING_WORKER_IDLE_SECONDS: a worker that served is then a fresh fork again), which
is a post idle between sessions. Prints errors (budget 0), the group's peak usage
(memory.max_usage_in_bytes, budget: under the limit, no OOM kill) and PSS idle (budget
150 MiB), after the walk and after the load. ``--separate-worker`` runs ``manage.py db_worker``
as a process of its own instead, for comparison; ``--config`` takes another gunicorn
configuration.

Needs root (to make the cgroup) and the cgroup v1 memory controller at /sys/fs/cgroup/memory;
without them the load still runs, outside any limit, and says so. Only 127.0.0.1 is contacted.

    .venv/bin/python bench/memory.py [--users 30] [--seconds 20] [--limit-mib 1024]
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shlex
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

from _load import LoadResult
from _machine import proc_field
from _procs import MIB, tree_pss
from _server import DEMO_PASSWORD, ROOT, BenchServer, bench_username, run_bench
from pages import discover_courses, measure_load, progress, report_load

CGROUP_ROOT = Path("/sys/fs/cgroup/memory")
PSS_BUDGET_MIB = 150
SETTLE_SECONDS = 5.0
# Past the workers' idle time: their watch looks every 10 s, and a new fork takes a moment.
IDLE_MARGIN_SECONDS = 20
QUEUE_WAIT_SECONDS = 180


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=30, help="concurrent learners (30)")
    parser.add_argument("--seconds", type=float, default=20, help="length of the load (20)")
    parser.add_argument("--limit-mib", type=int, default=1024, help="memory limit (1024 MiB)")
    parser.add_argument("--config", default="elearning/gunicorn_post.py", help="gunicorn config")
    parser.add_argument(
        "--separate-worker",
        action="store_true",
        help="run db_worker as its own process (not forked from gunicorn)",
    )
    parser.add_argument(
        "--idle-seconds",
        type=int,
        default=120,
        help="ELEARNING_WORKER_IDLE_SECONDS: a web worker that served is replaced after this "
        "long without a request (120, the post's default; 0: never)",
    )
    parser.add_argument("--think", type=float, default=0.0, help="pause between pages (0 s)")
    parser.add_argument("--max-requests", type=int, default=5000, help="per learner (5000)")
    args = parser.parse_args(argv)
    args.workers, args.threads = "config", "config"  # for report_load's heading
    return args


class MemoryGroup:
    """A cgroup v1 memory group with a limit; removed (its processes moved out) on exit."""

    def __init__(self, limit: int):
        self.path = CGROUP_ROOT / f"elearning-bench-{os.getpid()}"
        self.limit = limit

    def __enter__(self) -> MemoryGroup:
        self.path.mkdir()
        try:
            self._write("memory.limit_in_bytes", self.limit)
        except BaseException:
            self.path.rmdir()
            raise
        return self

    def __exit__(self, *exc_info) -> None:
        parent = CGROUP_ROOT / "cgroup.procs"
        for pid in self.read("cgroup.procs").split():
            with contextlib.suppress(OSError):
                parent.write_text(pid)
        self.path.rmdir()

    def _write(self, name: str, value: int) -> None:
        (self.path / name).write_text(str(value))

    def read(self, name: str) -> str:
        return (self.path / name).read_text()

    def join(self) -> None:
        """Move the calling process in (``preexec_fn`` of the node's processes, which start
        inside the group: everything they ever hold is charged to it)."""
        self._write("cgroup.procs", os.getpid())

    def oom_kills(self) -> int:
        for line in self.read("memory.oom_control").splitlines():
            if line.startswith("oom_kill "):
                return int(line.split()[1])
        return 0


def start_db_worker(server: BenchServer) -> subprocess.Popen:
    log = (server.data_dir / "db_worker.log").open("ab")
    return subprocess.Popen(
        [sys.executable, "manage.py", "db_worker"],
        cwd=ROOT,
        env=server.env,
        stdout=log,
        stderr=subprocess.STDOUT,
        start_new_session=True,
        preexec_fn=server.preexec,
    )


def queue_drain(server: BenchServer, roots: list[int]) -> None:
    """Wait (up to QUEUE_WAIT_SECONDS) until the tasks the node's setup queued (load_demo
    publishes pages: Wagtail queues tasks for each) have run and no process is running tasks
    any more: idle means no task to run, as at a post most of the day."""
    deadline = time.monotonic() + QUEUE_WAIT_SECONDS
    progress("waiting for the queued tasks to run (idle: nothing to do)")
    while time.monotonic() < deadline:
        connection = sqlite3.connect(f"file:{server.data_dir / 'db.sqlite3'}?mode=ro", uri=True)
        try:
            (ready,) = connection.execute(
                "SELECT COUNT(*) FROM django_tasks_database_dbtaskresult "
                "WHERE status IN ('READY', 'RUNNING')"
            ).fetchone()
        finally:
            connection.close()
        # The post's task worker runs tasks in a child of its own, which leaves once idle.
        runners = [pid for pid in tree_pss(roots) if len(ancestry(pid, roots)) > 2]
        if not ready and not runners:
            return
        time.sleep(1)
    progress(f"tasks still queued or running after {QUEUE_WAIT_SECONDS} s")


def ancestry(pid: int, roots: list[int]) -> list[int]:
    """``pid`` and its parents up to one of ``roots``."""
    chain = [pid]
    while chain[-1] not in roots and chain[-1] > 1:
        chain.append(int(proc_field(f"/proc/{chain[-1]}/status", "PPid:") or "1"))
    return chain


def node_pss(roots: list[int]) -> tuple[int, dict[int, tuple[int, int]]]:
    """The node's PSS, and each process's PSS and private memory, read at the same moment."""
    each = tree_pss(roots)
    return sum(each.values()), {pid: (pss, private_bytes(pid)) for pid, pss in each.items()}


def private_bytes(pid: int) -> int:
    """What only this process holds (its private pages; 0 if it has gone): PSS less this is its
    share of the pages it shares with the node's other processes."""
    kib = (
        int((proc_field(f"/proc/{pid}/smaps_rollup", key) or "0").split()[0])
        for key in ("Private_Clean:", "Private_Dirty:")
    )
    return sum(kib) * 1024


def describe(each: dict[int, tuple[int, int]]) -> str:
    return ", ".join(
        f"{pid}: {pss / MIB:.1f} ({own / MIB:.1f} own)" for pid, (pss, own) in each.items()
    )


def group_figures(group: MemoryGroup | None) -> dict[str, int]:
    if group is None:
        return {}
    return {
        "peak": int(group.read("memory.max_usage_in_bytes")),
        "failcnt": int(group.read("memory.failcnt")),
        "oom_kills": group.oom_kills(),
        "processes": len(group.read("cgroup.procs").split()),
    }


def report(args, walked, after, idle, load: LoadResult, group: dict[str, int], server) -> None:
    idle_total, idle_each = idle
    ok = idle_total <= PSS_BUDGET_MIB * MIB
    print("\n== Memory of a post node (PSS: shared pages split between the processes)")
    print(
        f"  PSS idle:        {idle_total / MIB:.1f} MiB  (budget {PSS_BUDGET_MIB} MiB)  "
        f"{'OK' if ok else 'OVER'}  ratio {idle_total / MIB / PSS_BUDGET_MIB:.2f}"
        f"  (quiet for {args.idle_seconds + IDLE_MARGIN_SECONDS} s after the load)"
    )
    print(f"    by process (MiB, master first): {describe(idle_each)}")
    for label, (total, each) in (
        (f"after the walk ({SETTLE_SECONDS:.0f} s)", walked),
        (f"after the load ({SETTLE_SECONDS:.0f} s)", after),
    ):
        print(f"  PSS {label}: {total / MIB:.1f} MiB")
        print(f"    by process (MiB, master first): {describe(each)}")
    if group:
        peak_ok = group["peak"] < args.limit_mib * MIB and not group["oom_kills"]
        print(
            f"  cgroup peak:     {group['peak'] / MIB:.1f} MiB of a {args.limit_mib} MiB limit "
            f"(memory.max_usage_in_bytes since start; page cache included)  "
            f"{'OK' if peak_ok else 'OVER'}"
        )
        print(
            f"  cgroup:          {group['processes']} processes, failcnt {group['failcnt']}, "
            f"OOM kills {group['oom_kills']}"
        )
    errors = sum(load.errors.values()) + len(load.setup_errors)
    print(f"  errors:          {errors}  (budget 0)  {'OK' if not errors else 'OVER'}")
    report_load(load, args, args.think, "--")
    print(f"\n  command:  {shlex.join(sys.orig_argv)}")
    print(f"  gunicorn: {shlex.join(server.command[1:5])} ... {shlex.join(server.command[6:])}")
    apart = "manage.py db_worker, a process apart" if args.separate_worker else "forked by master"
    print(f"  task worker: {apart}")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    with contextlib.ExitStack() as stack:
        group = None
        if os.access(CGROUP_ROOT, os.W_OK):
            group = stack.enter_context(MemoryGroup(args.limit_mib * MIB))
        else:
            progress(f"{CGROUP_ROOT} is not writable: the node runs outside any memory limit")
        progress("setting up a fresh node (migrate, load_demo, collectstatic, learners)")
        extra = {"ELEARNING_WORKER_IDLE_SECONDS": str(args.idle_seconds)}
        if args.separate_worker:
            extra["ELEARNING_TASK_WORKER"] = "0"
        server = stack.enter_context(
            BenchServer(
                config=args.config,
                role="post",
                learners=args.users,
                extra_env=extra,
                preexec=group.join if group else None,
            )
        )
        worker = start_db_worker(server) if args.separate_worker else None
        if worker is not None:
            stack.callback(worker.wait, timeout=30)
            stack.callback(worker.terminate)
        roots = [server.pid] + ([worker.pid] if worker else [])
        discoverer = server.client()
        discoverer.login(bench_username(1), DEMO_PASSWORD)
        courses = discover_courses(discoverer)
        discoverer.close()
        queue_drain(server, roots)
        time.sleep(SETTLE_SECONDS)
        walked = node_pss(roots)
        load = measure_load(server, courses, args, think=args.think)
        time.sleep(SETTLE_SECONDS)
        after = node_pss(roots)
        progress(
            f"quiet for {args.idle_seconds + IDLE_MARGIN_SECONDS} s (workers that served retire)"
        )
        time.sleep(args.idle_seconds + IDLE_MARGIN_SECONDS)
        idle = node_pss(roots)
        report(args, walked, after, idle, load, group_figures(group), server)
        server_log = server.log().strip()
    if server_log:
        print(f"\n  gunicorn's error log:\n{server_log[-3000:]}")
    return 0


if __name__ == "__main__":
    run_bench(main)
