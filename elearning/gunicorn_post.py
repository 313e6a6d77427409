"""gunicorn settings for a border post: one small machine, one training room (about 30
learners), the task worker inside the same process tree.

    gunicorn -c elearning/gunicorn_post.py

Memory is what a post lacks (bench/memory.py: the post's processes idle under 150 MiB PSS and
serve 30 learners inside a 1 GB memory limit). So: the application is loaded once, in the master
(``preload_app``), warmed and frozen (``gc.freeze``) there, and shared copy-on-write by the web
workers and by the task worker forked from the same master (``elearning.taskworker``).

Web workers (``ELEARNING_WORKERS``): one per core and one more, at most three; two threads each
(``ELEARNING_THREADS``). Three workers of two threads on a post's two cores since 2026-12-06
(the last paragraph says why); before that two of four, and before that one of eight: a lesson
page spends its time in Python, and one process runs Python on one core at a time (the GIL), so
on a post's two cores one worker left a core idle, and eight threads queueing for one GIL cost
CPU of their own. Measured side by side on the same code
(bench/kolibri.py and bench/memory.py, 2026-12-04, a loaded machine, bench/README.md): two
workers served 1.2-1.4x the requests of one (88.6 vs 74.3 requests/s at 30 connections; 84.0
vs 61.2 with 30 learners reading on), at 11.1 instead of 14.2 ms of server CPU per lesson page.

Memory, measured again once Wagtail's unused API and psycopg stopped loading (ADR 0038) and the
master warmed more before forking (bench/memory.py, 2026-12-04, load average 7-10): idle PSS
200 MiB for two workers (240 after 30 learners), 190 for one of eight (201 after), 165 for one
worker running the task worker as a thread of its own (176 after; a prototype, not offered:
a certificate batch would run on the web worker's GIL and die with it at ``max_requests``).
Two workers stay the default: 10 MiB more than one buys the second core.

Then (issue 13, ADR 0048): the task worker waits for tasks without Django (a read-only SQLite
query once a second; a child runs the tasks and leaves once the queue has been empty 10 s),
16.5 -> 5 MiB of its own while idle, and each SQLite connection keeps a 256 KiB page cache
instead of 2 MB (``elearning/settings/base.py``). bench/memory.py, 2026-12-05, load 4-10:
idle PSS 213 -> 180-185 MiB, after 30 learners 228 -> 213-222; cgroup peak 216-223 MiB of
1 GB, no error. Still over the 150 MiB idle budget, by 30-35 MiB: what is left is each process's
own copy of the pages it touches (CPython 3.11 writes reference counts and its specialising
interpreter's counters into every object and code object it uses), 40-62 MiB for a web worker
that has served every lesson once (bench/README.md). A one-core machine, or one short of
memory, sets ``ELEARNING_WORKERS=1 ELEARNING_THREADS=8``.

Then each web worker's threads share one ``malloc`` arena (``post_fork``,
``serverhooks.one_malloc_arena``; glibc gives every thread an arena of its own, which keeps the
pages its thread once used). bench/memory.py with the node as a post, 2026-12-05, in turns
with main (a CI run on the same two cores): idle PSS 186-188 MiB against 191-204, after 30
learners 192-194 against 232-241, no error.

Then a web worker that has served and then had no request for ``ELEARNING_WORKER_IDLE_SECONDS``
(120) is replaced by a fresh fork (``post_fork``/``pre_request``, ``serverhooks.
retire_when_idle``), if it holds more than 24 MiB of its own: the copies it made of the pages it
touched go back while the post is quiet. bench/memory.py, 2026-12-06, quiet machine: 191.4 MiB
just after the walk (the worker that walked: 56.9 MiB of its own), 161.4 just after 30
learners, 140.2 once quiet for 140 s (both web workers fresh forks, 5 MiB of their own each).

Then three workers of two threads (ADR 0052). A ``gthread`` worker accepts every connection
waiting on the shared socket while it is awake, and keeps each until it closes: 30 learners'
connections arriving together all went to one of two workers (``ss`` during bench/kolibri.py:
30 and 0), so that worker's GIL was the limit and the second core idled. Three workers split
them (16, 12 and 2 in the same look), and none is left with more than a core's work.
bench/kolibri.py, 2026-12-06, quiet machine, 30 connections: 911 requests/s at 2.1 ms of CPU
each, p95 68 ms (two of four: 392-588 at 2.5-3.1 ms); bench/memory.py, 30 learners: 717-794
requests/s (172-221 before). Memory: a third fresh fork is 5 MiB of its own, and an idle worker
is now replaced once it holds over 12 MiB, not 24: idle PSS 146.4 MiB (budget 150), cgroup peak
297 MiB of 1 GB, no error.
"""

import os

from elearning import serverhooks

# One web worker per core and one more, at most three (a post's memory): see the docstring.
DEFAULT_WORKERS = min((os.cpu_count() or 1) + 1, 3)

wsgi_app = "elearning.wsgi:application"
bind = os.environ.get("ELEARNING_BIND", "0.0.0.0:8000").split(",")
preload_app = True
workers = int(os.environ.get("ELEARNING_WORKERS", str(DEFAULT_WORKERS)))
worker_class = "gthread"
threads = int(os.environ.get("ELEARNING_THREADS", "2"))
# A worker is replaced (forked again from the preloaded master, in well under a second) after
# this many requests, so memory that Python does not give back cannot pile up for weeks.
max_requests = 2000
max_requests_jitter = 200
# A request still running after this many seconds is killed with its worker; its transaction
# is rolled back, never half written. Nothing a learner asks for takes that long; certificate
# batches run in the task worker.
timeout = 30
graceful_timeout = 30
keepalive = 5

when_ready = serverhooks.start_task_worker
on_exit = serverhooks.stop_task_worker
pre_fork = serverhooks.before_fork
post_fork = serverhooks.post_worker_fork
pre_request = serverhooks.note_request
post_request = serverhooks.retire_when_large
