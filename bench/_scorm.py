"""What the SCORM benchmarks share: running a command with its own peak memory measured, running
the script again inside a throw-away PostgreSQL cluster, and the machine line of the report."""

from __future__ import annotations

import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

from _machine import machine_summary
from _server import ROOT
from quiz_submissions import progress, rerun_in_postgres

PG_RUN_TIMEOUT_SECONDS = 3600
__all__ = ["Run", "db_version_of", "machine_lines", "measured", "progress", "run_databases"]


@dataclass
class Run:
    """One finished process: exit status, wall and CPU seconds, peak RSS, its output."""

    status: int
    wall: float
    cpu: float
    peak_kb: int  # ru_maxrss of this process alone (os.wait4), kilobytes
    stdout: str
    stderr: str


def measured(command: list[str], env: dict[str, str]) -> Run:
    """Runs ``command`` from the repository root and waits for it with ``os.wait4``, whose
    resource usage belongs to that one process (not to every child this script waited for)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=err)
        _pid, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            status=process.returncode,
            wall=wall,
            cpu=usage.ru_utime + usage.ru_stime,
            peak_kb=usage.ru_maxrss,
            stdout=out.read().decode(errors="replace"),
            stderr=err.read().decode(errors="replace"),
        )


def in_postgres_cluster() -> bool:
    """True inside ``pg_virtualenv`` (it sets PGPORT and PGVERSION)."""
    return bool(os.environ.get("PGPORT") and os.environ.get("PGVERSION"))


def run_databases(
    db: str, script: Path, argv: list[str], here: Callable[[str], dict]
) -> list[dict]:
    """Each asked database's figures, in order: ``here("sqlite")`` (``here("postgres")`` when
    this process is the one inside the cluster), then ``script`` run again inside a throw-away
    PostgreSQL cluster."""
    results = []
    if db in ("sqlite", "both") or in_postgres_cluster():
        results.append(here("postgres" if in_postgres_cluster() else "sqlite"))
    if db in ("postgres", "both") and not in_postgres_cluster():
        results += rerun_in_postgres(script, argv, PG_RUN_TIMEOUT_SECONDS) or []
    return results


def machine_lines(db_version: str) -> list[str]:
    """The machine and the software the figures were measured with."""
    load = " ".join(f"{x:.1f}" for x in os.getloadavg())
    return [
        f"cores:     {machine_summary()}; load average {load}",
        f"software:  Python {platform.python_version()}, Django {version('django')}, "
        f"gunicorn {version('gunicorn')}, psycopg {version('psycopg')}, {db_version}",
    ]


def db_version_of(env: dict[str, str]) -> str:
    """The database the node in ``env`` uses, with its version."""
    code = (
        "from django.db import connection\n"
        "import sqlite3\n"
        "if connection.vendor == 'postgresql':\n"
        "    c = connection.cursor(); c.execute('SHOW server_version')\n"
        "    print('PostgreSQL ' + c.fetchone()[0].split(' ')[0])\n"
        "else:\n"
        "    print('SQLite ' + sqlite3.sqlite_version)\n"
    )
    run = measured([sys.executable, "manage.py", "shell", "-c", code], env)
    return run.stdout.strip().splitlines()[-1] if run.status == 0 and run.stdout else "?"
