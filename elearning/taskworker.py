"""The task worker (``manage.py db_worker``) as a child of gunicorn's master, for a post.

A post's memory is mostly Django and Wagtail loaded once per process. With ``preload_app`` the
master loads the application once and every process it forks shares those pages until it writes
to them; ``gc.freeze()`` keeps the collector from touching (and so copying) them. Forking the task
worker from the same master, rather than starting ``db_worker`` as a process of its own, lets it
share them too: a post's web server and task worker then cost one application's memory, not two
(README, "How a post and a hub start").

The master watches the task worker from a thread and starts another if it exits (after a pause,
so a worker that cannot start does not spin); it stops it with SIGTERM when gunicorn stops.
"""

from __future__ import annotations

import os
import signal
import sys
import threading
import time
import traceback
from typing import Any

RESTART_PAUSE_SECONDS = 5.0
STOP_TIMEOUT_SECONDS = 30.0
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


class TaskWorker:
    """One forked ``db_worker`` and the thread in the master that keeps it running."""

    def __init__(self) -> None:
        self.pid = 0
        self.stopping = threading.Event()

    def start(self, server: Any) -> None:
        """Fork the worker (after ``serverhooks.freeze_loaded``), and watch it."""
        from django.db import connections

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
        os._exit(_run_db_worker(server))

    def _watch(self, server: Any) -> None:
        while not self.stopping.wait(RESTART_PAUSE_SECONDS):
            if not self._alive() and not self.stopping.is_set():
                server.log.warning("Task worker %s exited: starting another", self.pid)
                self._spawn(server)


def _run_db_worker(server: Any) -> int:
    """In the forked child: drop what belongs to the master, then run ``db_worker``."""
    for name in _MASTER_SIGNALS:
        signal.signal(getattr(signal, name), signal.SIG_DFL)
    for listener in getattr(server, "LISTENERS", []):
        listener.close()
    try:
        from django.core.management import call_command

        call_command("db_worker")
    except SystemExit as stopped:
        return stopped.code if isinstance(stopped.code, int) else 1
    except BaseException:
        traceback.print_exc(file=sys.stderr)
        return 1
    return 0
