"""Benchmark a hub on PostgreSQL importing a post's USB packet (issue 13, "A hub that holds a
region": at least 10,000 records/s), with the nodes a ``bench/sync.py --keep`` run left.

The kept hub (SQLite) is copied, row for row, into a throw-away PostgreSQL cluster's database
(``pg_virtualenv -t -v 15``: the script runs itself again inside one), with its own data
directory (keys, media) copied beside; a copy of the kept post writes its packet
(``sync_export``), and the PostgreSQL hub imports it (``sync_import``), timed from outside as
``sync.py`` times its commands (wall, and processor time of the command from ``wait4``; the
database server's own work is in the wall time only). Django's start-up (``manage.py check``
at the hub, median of three) is taken off for the rate. The rows of the post's origin at the
hub are then counted per table against the post's. Run it from the repository root:

    .venv/bin/python bench/sync_postgres.py --reuse FOLDER [--runs 2]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

from _machine import compile_project, machine_summary
from _server import ROOT, SetupError
from quiz_submissions import postgres_url
from sync import Node, progress

PG_VERSION = "15"
RATE_BUDGET = 10_000  # records/s imported at the hub (issue 13)
RUN_TIMEOUT_SECONDS = 3600

# Runs inside ``manage.py shell`` at the PostgreSQL hub: every table of the SQLite database
# BENCH_SQLITE copied into this node's database (emptied first), then its sequences set past
# the copied ids. SQLite's booleans are integers; everything else goes as SQLite holds it
# (hex UUIDs, ISO times and JSON text are what PostgreSQL reads for those types).
COPY_FROM_SQLITE = """
import os, sqlite3
from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, transaction
source = sqlite3.connect(os.environ["BENCH_SQLITE"])
quote = connection.ops.quote_name
here = set(connection.introspection.table_names())
names = [n for (n,) in source.execute(
    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
    if n in here and n != "django_migrations"]
copied = 0
with transaction.atomic(), connection.cursor() as cursor:
    cursor.execute("TRUNCATE " + ", ".join(quote(n) for n in names) + " CASCADE")
    for name in names:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = %s",
            [name])
        types = dict(cursor.fetchall())
        columns = [row[1] for row in source.execute(f'PRAGMA table_info("{name}")')]
        flags = [i for i, c in enumerate(columns) if types.get(c) == "boolean"]
        rows = source.execute(f'SELECT {", ".join(quote(c) for c in columns)} FROM "{name}"')
        sql = (f"INSERT INTO {quote(name)} ({', '.join(quote(c) for c in columns)}) "
               f"VALUES ({', '.join(['%s'] * len(columns))})")
        while batch := rows.fetchmany(2000):
            if flags:
                batch = [[None if v is None else bool(v) if i in flags else v
                          for i, v in enumerate(row)] for row in batch]
            cursor.executemany(sql, batch)
            copied += len(batch)
    for statement in connection.ops.sequence_reset_sql(
            no_style(), apps.get_models(include_auto_created=True)):
        cursor.execute(statement)
    cursor.execute("ANALYZE")
print("BENCH-JSON", copied)
"""


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reuse", metavar="FOLDER", required=True, help="a folder kept by bench/sync.py --keep"
    )
    parser.add_argument("--runs", type=int, default=1, help="imports, each into a fresh copy")
    return parser.parse_args(argv)


def in_cluster() -> bool:
    return bool(os.environ.get("PGPORT") and os.environ.get("PGVERSION"))


def server_cpu() -> float:
    """Processor seconds used so far by this cluster's server: its postmaster (with the
    backends that have exited, which it waited for) and its live processes."""
    checkpointer = subprocess.run(
        ["psql", "-tAc", "SELECT pid FROM pg_stat_activity WHERE backend_type = 'checkpointer'"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    postmaster = Path(f"/proc/{checkpointer}/stat").read_text().rsplit(")", 1)[1].split()[1]
    ticks = 0
    for entry in Path("/proc").iterdir():
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if entry.name == postmaster:
            ticks += sum(int(f) for f in fields[11:15])  # its own time and its children's
        elif fields[1] == postmaster:
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def pg_hub(kept: Node, work: Path, name: str) -> Node:
    """A copy of the kept hub whose database is this cluster's (a database of its own)."""
    hub = kept.copy(name, work)
    (hub.data_dir / "db.sqlite3").unlink()
    database = name.replace("-", "_")
    subprocess.run(["dropdb", "--if-exists", database], check=True)
    subprocess.run(["createdb", database], check=True)
    hub.database_url = postgres_url().rsplit("/", 1)[0] + "/" + database
    hub.manage("migrate", "--noinput")
    copied = hub.manage(
        "shell",
        "-c",
        COPY_FROM_SQLITE,
        extra_env={"BENCH_SQLITE": str(kept.data_dir / "db.sqlite3")},
    )
    progress(f"{name}: {copied.stdout.split()[-1]} rows copied into PostgreSQL")
    return hub


def measure(folder: Path, runs: int) -> bool:
    load_before = os.getloadavg()
    work = folder / "postgres"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir()
    try:
        kept_hub = Node("hub", "hub", folder / "hub", "x" * 50)
        kept_post = Node("post", "post", folder / "post", "x" * 50)
        for node in (kept_hub, kept_post):
            node.manage("migrate", "--noinput")
        post_id = kept_post.holdings()["node"]
        wanted = kept_post.holdings(origin=post_id)["counts"]
        compiled = compile_project(ROOT)
        post = kept_post.copy("post", work)
        packet = work / "post.packet"
        progress("sync_export at a copy of the post")
        exported = post.manage("sync_export", "-o", str(packet))
        results = []
        for run in range(1, runs + 1):
            hub = pg_hub(kept_hub, work, f"hub-pg-{run}")
            startup = statistics.median(hub.manage("check").seconds for _ in range(3))
            # What the copy into PostgreSQL (and an earlier run) wrote is flushed first: left
            # to the cluster's next checkpoint, it fell inside the timed import.
            subprocess.run(["psql", "-qc", "CHECKPOINT"], check=True)
            os.sync()
            progress(f"run {run}: sync_import at the hub on PostgreSQL")
            before = server_cpu()
            imported = hub.manage("sync_import", str(packet), "--json")
            server = server_cpu() - before
            found = hub.holdings(origin=post_id)["counts"]
            results.append((imported, startup, server, found == wanted))
            shutil.rmtree(hub.data_dir)
            # Dropped at once: left, autovacuum worked through its 300 MB during the next run,
            # and the cluster's time counted it.
            subprocess.run(["dropdb", hub.database_url.rsplit("/", 1)[1]], check=True)
        return report(
            records=sum(wanted.values()),
            packet_bytes=packet.stat().st_size,
            exported=exported,
            results=results,
            load=(load_before, os.getloadavg()),
            compiled=compiled,
        )
    finally:
        shutil.rmtree(work, ignore_errors=True)


def report(*, records: int, packet_bytes: int, exported, results, load, compiled: str) -> bool:
    print(f"\nHub on PostgreSQL importing a post's USB packet: {records:,} records")
    print(f"  packet {packet_bytes / 1e6:.2f} MB (sync_export {exported.seconds:.2f} s wall)")
    print(
        f"\n  {'run':<5}{'wall s':>8}{'CPU s':>8}{'server CPU s':>14}{'start-up s':>12}"
        f"{'records/s':>11}{'less start-up':>15}{'budget':>9}{'ratio':>7}  rows"
    )
    ok = True
    for number, (run, startup, server, same) in enumerate(results, 1):
        inner = max(run.seconds - startup, 1e-9)
        rate = records / inner
        ok = ok and same and rate >= RATE_BUDGET
        print(
            f"  {number:<5}{run.seconds:>8.2f}{run.cpu_s:>8.2f}{server:>14.2f}{startup:>12.2f}"
            f"{records / run.seconds:>11,.0f}{rate:>15,.0f}{RATE_BUDGET:>9,}"
            f"{rate / RATE_BUDGET:>7.2f}  {'as at the post' if same else 'DIFFER'}"
        )
    database = subprocess.run(
        ["psql", "-tAc", "SHOW server_version"], capture_output=True, text=True, check=False
    ).stdout.strip()
    print(f"\n  cores: {machine_summary()}; PostgreSQL {database}")
    print(f"  load average {load[0][0]:.1f} at the start, {load[1][0]:.1f} at the end")
    print(f"  modules: {compiled}")
    print(
        "  CPU s: the sync_import command's (user + system, wait4); server CPU s: the"
        " cluster's processes' during it"
    )
    return ok


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not in_cluster():
        if shutil.which("pg_virtualenv") is None:
            print("[bench] pg_virtualenv is not installed (postgresql-15)", file=sys.stderr)
            return 2
        command = ["pg_virtualenv", "-t", "-v", PG_VERSION, sys.executable, __file__]
        return subprocess.run(
            [*command, *(argv if argv is not None else sys.argv[1:])],
            cwd=ROOT,
            timeout=RUN_TIMEOUT_SECONDS,
            check=False,
        ).returncode
    try:
        return 0 if measure(Path(args.reuse), args.runs) else 1
    except SetupError as error:
        print(f"[bench] {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
