"""The task worker (``manage.py db_worker``'s work) as a child of gunicorn's master, for a post.

A post's memory is mostly Django and Wagtail loaded once per process. With ``preload_app`` the
master loads the application once and every process it forks shares those pages until it writes
to them; ``gc.freeze()`` keeps the collector from touching (and so copying) them. Forking the task
worker from the same master, rather than starting ``db_worker`` as a process of its own, lets it
share them too: a post's web server and task worker then cost one application's memory, not two
(README, "How a post and a hub start").

Even so, a process that runs Django copies every page it touches (CPython writes reference
counts into every object it uses): ``db_worker`` polling an empty queue through the ORM held
20-26 MiB of its own, all day, for tasks that come a few times a day. So on SQLite (every post)
the forked task worker does not run Django while the queue is empty: it asks the database file
once a second, through Python's ``sqlite3`` module, read-only, whether a task is due (one
query on django-tasks' own partial index of READY tasks), and only then forks a child that runs
the tasks with ``db_worker`` itself (django-tasks claims, runs and records them exactly as
before) until the queue has been empty ``RUNNER_IDLE_SECONDS``; then the child exits and its
memory goes back. Another database (a hub's PostgreSQL) runs ``db_worker`` as before.

The master watches the task worker from a thread and starts another if it exits (after a pause,
so a worker that cannot start does not spin); it stops it with SIGTERM when gunicorn stops. The
task worker passes SIGTERM on to a running child, whose task is finished before it exits
(``db_worker``'s own handling); only past ``STOP_TIMEOUT_SECONDS`` does the master kill both.
"""

from __future__ import annotations

import datetime
import os
import signal
import sqlite3
import sys
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path
from typing import Any

RESTART_PAUSE_SECONDS = 5.0
STOP_TIMEOUT_SECONDS = 30.0
POLL_SECONDS = 1.0  # as db_worker's default --interval
# A child that ran tasks waits this long for more before it exits: a batch of publishes queues
# tasks one after another, and forking again for each would pay Django's warm-up each time.
RUNNER_IDLE_SECONDS = 10.0
# Signals gunicorn's master handles; its task worker answers them as db_worker does.
_MASTER_SIGNALS = (
    "SIGHUP",
    "SIGQUIT",
    "SIGINT",
    "SIGTERM",
    "SIGTTIN",
    "SIGTTOU",
    "SIGUSR1",
    "SIGUSR2",
    "SIGWINCH",
    "SIGCHLD",
)
_STOP_SIGNALS = ("SIGTERM", "SIGINT", "SIGQUIT")


@dataclass(frozen=True)
class QueueProbe:
    """Whether ``db_worker`` would find a task to run, asked of the SQLite file without Django:
    the same conditions as django-tasks' ``DBTaskResult.objects.ready()`` for the backend and
    the queue ``db_worker`` serves by default, with the times written as Django writes them to
    SQLite (UTC, ``str()`` of a naive datetime) and so compared as Django compares them."""

    path: str
    table: str
    backend: str
    queue: str
    never: str  # django-tasks' run_after for "no date" (9999-01-01), as stored

    def due(self, connection: sqlite3.Connection) -> bool:
        now = str(datetime.datetime.now(datetime.UTC).replace(tzinfo=None))
        row = connection.execute(
            f'SELECT 1 FROM "{self.table}" WHERE status = ? AND backend_name = ? '  # noqa: S608
            "AND queue_name = ? AND (run_after = ? OR run_after <= ?) LIMIT 1",
            ("READY", self.backend, self.queue, self.never, now),
        ).fetchone()
        return row is not None

    def connect(self) -> sqlite3.Connection:
        """Read-only, with a page cache of 64 KiB: the query reads a few pages of one index."""
        uri = Path(self.path).resolve().as_uri() + "?mode=ro"
        connection = sqlite3.connect(uri, uri=True, timeout=5, check_same_thread=False)
        connection.execute("PRAGMA cache_size = -64")
        return connection


def queue_probe() -> QueueProbe | None:
    """The probe for this node's database, or None where only Django can say (not SQLite, an
    in-memory database, or times not stored in UTC): ``db_worker`` then polls as before."""
    from django.conf import settings
    from django.db import connections
    from django_tasks_db.compat import DEFAULT_TASK_BACKEND_ALIAS, DEFAULT_TASK_QUEUE_NAME
    from django_tasks_db.models import DBTaskResult, get_date_max

    connection = connections[DBTaskResult.objects.db]
    database = connection.settings_dict
    name = str(database.get("NAME") or "")
    if (
        database["ENGINE"] != "django.db.backends.sqlite3"
        or not name
        or name == ":memory:"
        or name.startswith("file:")
        or not settings.USE_TZ
        or database.get("TIME_ZONE")
    ):
        return None
    return QueueProbe(
        path=name,
        table=DBTaskResult._meta.db_table,
        backend=DEFAULT_TASK_BACKEND_ALIAS,
        queue=DEFAULT_TASK_QUEUE_NAME,
        never=str(connection.ops.adapt_datetimefield_value(get_date_max())),
    )


class TaskWorker:
    """One forked task worker and the thread in the master that keeps it running."""

    def __init__(self) -> None:
        self.pid = 0
        self.stopping = threading.Event()
        self.probe: QueueProbe | None = None

    def start(self, server: Any) -> None:
        """Fork the worker (after ``serverhooks.freeze_loaded``), and watch it."""
        from django.db import connections

        self.probe = queue_probe()
        connections.close_all()  # a connection must never be shared across a fork
        self._spawn(server)
        threading.Thread(target=self._watch, args=(server,), daemon=True).start()

    def stop(self, server: Any) -> None:
        self.stopping.set()
        if not self.pid:
            return
        try:
            os.kill(self.pid, signal.SIGTERM)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + STOP_TIMEOUT_SECONDS
        while time.monotonic() < deadline and self._alive():
            time.sleep(0.1)
        if self._alive():
            server.log.warning("Task worker %s did not stop in time: killing it", self.pid)
            # Its process group: the worker and the child running tasks, if there is one.
            try:
                os.killpg(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                os.kill(self.pid, signal.SIGKILL)

    def _alive(self) -> bool:
        try:
            pid, _status = os.waitpid(self.pid, os.WNOHANG)
        except ChildProcessError:  # gunicorn's master reaped it
            return False
        return pid == 0

    def _spawn(self, server: Any) -> None:
        pid = os.fork()
        if pid:
            self.pid = pid
            server.log.info("Task worker started (pid %s)", pid)
            return
        os._exit(_run_task_worker(server, self.probe))

    def _watch(self, server: Any) -> None:
        while not self.stopping.wait(RESTART_PAUSE_SECONDS):
            if not self._alive() and not self.stopping.is_set():
                server.log.warning("Task worker %s exited: starting another", self.pid)
                self._spawn(server)


def _run_task_worker(server: Any, probe: QueueProbe | None) -> int:
    """In the forked child: drop what belongs to the master, then wait for tasks (or, with no
    probe, run ``db_worker``)."""
    for name in _MASTER_SIGNALS:
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    for listener in getattr(server, "LISTENERS", []):
        listener.close()
    if probe is None:
        return _run_db_worker()
    # A process group of its own: a signal to gunicorn's group (a terminal's Ctrl-C) reaches
    # the child running tasks only through the master and this process, once (a second SIGTERM
    # makes db_worker abandon its task), and the master can kill both together if it must.
    os.setpgid(0, 0)
    try:
        return _wait_for_tasks(server, probe)
    except BaseException:
        traceback.print_exc(file=sys.stderr)
        return 1


def _wait_for_tasks(server: Any, probe: QueueProbe) -> int:
    """The task worker's loop while the queue is empty: no Django, one query a second.

    The loop runs in a thread of its own so that what it allocates (SQLite reads the whole
    schema into a new connection: 480 tables and indexes) comes from a malloc arena of that
    thread's, fresh pages, rather than from free gaps all over the heap inherited from the
    master, each of which would be copied on write."""
    stopping = threading.Event()

    def stop(signum: int, _frame: Any) -> None:
        stopping.set()

    for name in _STOP_SIGNALS:
        signal.signal(getattr(signal, name), stop)
    outcome = [1]
    loop = threading.Thread(
        target=lambda: outcome.__setitem__(0, _poll(server, probe, stopping)), daemon=True
    )
    loop.start()
    while loop.is_alive():
        loop.join(POLL_SECONDS)  # wakes to let the signal handler run in this (main) thread
    return outcome[0]


def _poll(server: Any, probe: QueueProbe, stopping: threading.Event) -> int:
    queue = _Queue(probe)
    runner = 0
    master = os.getppid()
    while not stopping.is_set():
        if os.getppid() != master:  # the master was killed: no one else will stop this
            break
        if runner:
            pid, status = os.waitpid(runner, os.WNOHANG)
            if pid:
                runner = 0
                if status:  # it failed: pause, as the master does for the worker itself
                    server.log.warning("Task runner %s exited (status %s)", pid, status)
                    stopping.wait(RESTART_PAUSE_SECONDS)
                continue
        elif queue.due():
            queue.close()  # a SQLite connection must never be shared across a fork
            runner = os.fork()
            if not runner:
                os._exit(_run_tasks(queue))
        stopping.wait(POLL_SECONDS)
    queue.close()
    if runner:
        os.kill(runner, signal.SIGTERM)  # it finishes the task it is running, then exits
        os.waitpid(runner, 0)
    return 0


class _Queue:
    """A ``QueueProbe`` and its connection, kept between polls (opening one reads the schema)."""

    def __init__(self, probe: QueueProbe) -> None:
        self.probe = probe
        self.connection: sqlite3.Connection | None = None

    def due(self) -> bool:
        """True also when the file cannot be read (not yet migrated, say): ``db_worker`` then
        meets the same trouble and reports it, as it did before there was a probe."""
        try:
            if self.connection is None:
                self.connection = self.probe.connect()
            return self.probe.due(self.connection)
        except sqlite3.Error:
            self.close()
            return True

    def close(self) -> None:
        if self.connection is not None:
            self.connection.close()
            self.connection = None


def _run_tasks(queue: _Queue) -> int:
    """In the task worker's child: run what is due with ``db_worker``'s own ``Worker`` (it
    claims, runs and records each task), again whenever more is due, and exit once the queue
    has been empty ``RUNNER_IDLE_SECONDS`` (never during a task: a batch run returns only
    between tasks), once its parent has gone, or on SIGTERM once the running task is done."""
    for name in _STOP_SIGNALS:  # until the Worker sets its own: no task is running yet
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    parent = os.getppid()
    try:
        from django.utils.crypto import get_random_string
        from django_tasks_db.management.commands.db_worker import Worker

        worker = Worker(
            queue_names=[queue.probe.queue],
            interval=POLL_SECONDS,
            batch=True,
            backend_name=queue.probe.backend,
            startup_delay=False,
            max_tasks=None,
            worker_id=get_random_string(32),
            excluded_queue_names=[],
        )
        worker.configure_signals()  # SIGTERM: finish the running task, then stop
        while worker.running:
            worker.run()
            idle_until = time.monotonic() + RUNNER_IDLE_SECONDS
            while worker.running and not queue.due():
                if time.monotonic() >= idle_until or os.getppid() != parent:
                    return 0
                time.sleep(POLL_SECONDS)
        return 0
    except SystemExit as stopped:  # the Worker's answer to SIGTERM between tasks
        return stopped.code if isinstance(stopped.code, int) else 1
    except BaseException:
        traceback.print_exc(file=sys.stderr)
        return 1
    finally:
        queue.close()


def _run_db_worker() -> int:
    """``db_worker`` as it comes: where no probe can stand in for its polling."""
    try:
        from django.core.management import call_command

        call_command("db_worker")
    except SystemExit as stopped:
        return stopped.code if isinstance(stopped.code, int) else 1
    except BaseException:
        traceback.print_exc(file=sys.stderr)
        return 1
    return 0
