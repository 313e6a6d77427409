"""gunicorn's hooks for elearning/gunicorn_post.py and elearning/gunicorn_hub.py."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
import threading
import time
from pathlib import Path
from typing import Any

from .taskworker import TaskWorker

M_ARENA_MAX = -8  # glibc's malloc.h

# A web worker whose own (unshared) memory passes this is replaced once its current requests
# are answered, rather than grow until the machine's memory limit kills it mid-request.
MAX_PRIVATE_MIB = int(os.environ.get("ELEARNING_WORKER_MAX_PRIVATE_MIB", "300"))
CHECK_EVERY = 50  # requests between two looks at /proc (a look costs about a millisecond)

# A web worker that has answered requests and then had none for this long is replaced by a
# fresh fork of the preloaded master: what it came to hold of its own while it served (40 to 60
# MiB after a walk through every lesson, bench/memory.py) goes back to the machine while the
# post is quiet, between sessions and at night. Its next request costs a database connection.
# 0: never.
IDLE_SECONDS = int(os.environ.get("ELEARNING_WORKER_IDLE_SECONDS", "120"))
# A fresh fork holds about 5 MiB of its own, and some 10 once it has answered a few requests
# (bench/memory.py): a worker holding less than this is left alone, since replacing it would
# give back next to nothing. A post's three workers each holding 24 (the earlier threshold)
# would have kept it over its 150 MiB budget while idle.
IDLE_KEEP_MIB = int(os.environ.get("ELEARNING_WORKER_IDLE_KEEP_MIB", "12"))

_task_worker = TaskWorker()
_requests = {"seen": 0, "last": 0.0}


def warm(server: Any) -> None:
    """Load in the master what every worker loads at its first requests (the URL map and each
    language's reverse map, every model's fields and relations, the project's templates
    compiled, each language's translations, the task worker's command), so that the forked
    processes share it instead of each holding its own copy."""
    from django.apps import apps
    from django.conf import settings
    from django.core.management import load_command_class
    from django.template import TemplateSyntaxError, engines
    from django.urls import get_resolver
    from django.utils import translation

    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - loads every URLconf
    for model in apps.get_models(include_auto_created=True):
        model._meta.get_fields()  # Django works these out (and keeps them) at first use
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Log in")
            resolver.reverse_dict  # noqa: B018 - each language's, and every URL's regex
    templates = engines["django"]
    for folder in sorted(Path(settings.BASE_DIR).glob("*/templates")):
        for path in sorted(folder.rglob("*.html")):
            try:
                templates.get_template(str(path.relative_to(folder)))
            except TemplateSyntaxError:
                server.log.warning("Template %s does not compile", path)
    load_command_class("django_tasks_db", "db_worker")


def freeze_loaded(server: Any) -> None:
    """Load what workers share, then keep the collector off it (``gc.freeze``): collecting
    would write to every object's header and so copy every page into each forked process."""
    warm(server)
    gc.collect()
    gc.freeze()


def before_fork(server: Any, worker: Any) -> None:
    """gunicorn's ``pre_fork``: no database connection of the master's may reach a child, where
    two processes would write through one SQLite handle or one PostgreSQL socket."""
    from django.db import connections

    connections.close_all()


def one_malloc_arena(server: Any, worker: Any) -> None:
    """gunicorn's ``post_fork`` at a post: the web worker's threads share one ``malloc`` arena
    (glibc's ``M_ARENA_MAX``; ``ELEARNING_MALLOC_ARENAS``), instead of one arena per thread,
    each holding on to the pages its thread once used. A thread runs Python only with the GIL,
    so they seldom wait on the arena's lock. Nothing where the C library is not glibc."""
    arenas = int(os.environ.get("ELEARNING_MALLOC_ARENAS", "1"))
    name = ctypes.util.find_library("c")
    if arenas <= 0 or name is None:
        return
    try:
        mallopt = ctypes.CDLL(name).mallopt
    except (OSError, AttributeError):  # not glibc
        return
    mallopt(M_ARENA_MAX, arenas)


def post_worker_fork(server: Any, worker: Any) -> None:
    """gunicorn's ``post_fork`` at a post: one malloc arena, and retirement when idle."""
    one_malloc_arena(server, worker)
    retire_when_idle(worker)


def note_request(worker: Any, req: Any) -> None:
    """gunicorn's ``pre_request``: when this worker last began a request."""
    _requests["last"] = time.monotonic()


def retire_when_idle(worker: Any, seconds: float | None = None) -> None:
    """Watch, in a thread of the worker, for ``seconds`` (IDLE_SECONDS) without a request after
    it has answered some; then, if it holds more than IDLE_KEEP_MIB of its own, end it as
    ``max_requests`` would (``worker.alive``: it finishes what it is answering, and the master
    forks a new one). No request is running then: none lasts longer than the timeout."""
    seconds = IDLE_SECONDS if seconds is None else seconds
    if seconds <= 0:
        return
    _requests.update(seen=0, last=time.monotonic())

    def watch() -> None:
        while worker.alive:
            time.sleep(min(10.0, seconds / 4))
            idle = time.monotonic() - _requests["last"]
            if not _requests["seen"] or idle < seconds:
                continue
            if _retired_if_over(
                worker,
                IDLE_KEEP_MIB,
                worker.log.info,
                f"idle for {idle:.0f} s with %.0f MiB of its own: replacing it",
            ):
                return

    threading.Thread(target=watch, name="retire-when-idle", daemon=True).start()


def start_task_worker(server: Any) -> None:
    """Warm and freeze, then fork the task worker (unless ELEARNING_TASK_WORKER=0: then run
    ``manage.py db_worker`` apart)."""
    freeze_loaded(server)
    if os.environ.get("ELEARNING_TASK_WORKER", "1") != "0":
        _task_worker.start(server)


def stop_task_worker(server: Any) -> None:
    _task_worker.stop(server)


def private_mib(pid: int | str = "self") -> float:
    """Memory only this process holds (private pages of /proc/PID/smaps_rollup), in MiB."""
    total = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as lines:
            for line in lines:
                if line.startswith(("Private_Clean:", "Private_Dirty:")):
                    total += int(line.split()[1])
    except OSError:
        return 0.0
    return total / 1024


def retire_when_large(worker: Any, req: Any, environ: Any, resp: Any) -> None:
    _requests["seen"] += 1
    _requests["last"] = time.monotonic()
    if _requests["seen"] % CHECK_EVERY:
        return
    _retired_if_over(
        worker,
        MAX_PRIVATE_MIB,
        worker.log.warning,
        f"holds %.0f MiB of its own (limit {MAX_PRIVATE_MIB}): replacing it after its requests",
    )


def _retired_if_over(worker: Any, limit_mib: float, log: Any, why: str) -> bool:
    """End ``worker`` as ``max_requests`` would (``worker.alive``: it answers what it is
    answering, then the master forks a new one) if it holds more than ``limit_mib`` MiB of its
    own; ``why`` is logged after its pid, with that figure for its ``%.0f``."""
    own = private_mib()
    if own <= limit_mib or not worker.alive:
        return False
    log("Worker %s " + why, worker.pid, own)
    worker.alive = False
    return True
