"""gunicorn's hooks for elearning/gunicorn_post.py and elearning/gunicorn_hub.py."""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
from pathlib import Path
from typing import Any

from .taskworker import TaskWorker

M_ARENA_MAX = -8  # glibc's malloc.h

# A web worker whose own (unshared) memory passes this is replaced once its current requests
# are answered, rather than grow until the machine's memory limit kills it mid-request.
MAX_PRIVATE_MIB = int(os.environ.get("ELEARNING_WORKER_MAX_PRIVATE_MIB", "300"))
CHECK_EVERY = 50  # requests between two looks at /proc (a look costs about a millisecond)

_task_worker = TaskWorker()
_requests = {"seen": 0}


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
    if _requests["seen"] % CHECK_EVERY:
        return
    used = private_mib()
    if used > MAX_PRIVATE_MIB and worker.alive:
        worker.log.warning(
            "Worker %s holds %.0f MiB of its own (limit %s): replacing it after its requests",
            worker.pid,
            used,
            MAX_PRIVATE_MIB,
        )
        worker.alive = False
