"""The post's master loads what its workers will share before it forks (elearning.serverhooks)."""

import logging

from django.conf import settings
from django.urls import get_resolver

from elearning import serverhooks


class _Server:
    log = logging.getLogger("tests.gunicorn")


def test_warming_loads_every_languages_url_map_and_every_template_without_a_warning(caplog):
    with caplog.at_level(logging.WARNING, logger="tests.gunicorn"):
        serverhooks.warm(_Server())

    assert not caplog.records  # a template that does not compile is logged here
    assert {code for code, _name in settings.LANGUAGES} <= set(get_resolver()._reverse_dict)


def test_the_master_forks_a_worker_holding_no_database_connection(django_db_blocker):
    from django.db import connection

    with django_db_blocker.unblock():
        connection.ensure_connection()
        assert connection.connection is not None
        serverhooks.before_fork(_Server(), worker=None)

    assert connection.connection is None


# In a process of its own: four threads each keep 64 blocks of 64 KiB from malloc (bytes of
# that size are malloc's, not Python's small-object allocator's), then glibc's malloc_info says
# how many arenas hold them. Prints that count.
ARENAS_IN_USE = """
import ctypes, ctypes.util, sys, tempfile, threading
from elearning import serverhooks
if sys.argv[1] == "hook":
    serverhooks.one_malloc_arena(None, None)
kept, ready = [], threading.Barrier(4)
def work():
    ready.wait()  # all four running at once, as a worker's threads under load
    kept.append([bytes(64 * 1024) for _ in range(64)])
threads = [threading.Thread(target=work) for _ in range(4)]
for thread in threads:
    thread.start()
for thread in threads:
    thread.join()
libc = ctypes.CDLL(ctypes.util.find_library("c"))
libc.fopen.restype = ctypes.c_void_p
with tempfile.NamedTemporaryFile() as out:
    stream = libc.fopen(out.name.encode(), b"w")
    libc.malloc_info(0, ctypes.c_void_p(stream))
    libc.fclose(ctypes.c_void_p(stream))
    print(open(out.name).read().count("<heap nr="))
"""


def test_a_posts_web_worker_keeps_its_threads_memory_in_one_malloc_arena():
    """gunicorn_post.py's post_fork: a web worker's threads share one arena (glibc), not one
    each holding on to what its thread once used (bench/memory.py: the serving worker's own
    memory)."""
    import subprocess
    import sys

    from elearning import gunicorn_post

    assert gunicorn_post.post_fork is serverhooks.post_worker_fork

    def arenas(mode: str) -> int:
        done = subprocess.run(
            [sys.executable, "-c", ARENAS_IN_USE, mode],
            capture_output=True,
            text=True,
            check=True,
            cwd=settings.BASE_DIR,
        )
        return int(done.stdout)

    assert arenas("hook") == 1
    assert arenas("none") > 1  # what glibc does by itself: the hook is what makes it one
