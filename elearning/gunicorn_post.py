"""gunicorn settings for a border post: one small machine, one training room (about 30
learners), the task worker inside the same process tree.

    gunicorn -c elearning/gunicorn_post.py

Memory is what a post lacks (bench/memory.py: the post's processes idle under 150 MiB PSS and
serve 30 learners inside a 1 GB memory limit). So: the application is loaded once, in the master
(``preload_app``), and shared by one web worker with threads and by the task worker forked from
the same master (``elearning.taskworker``). SQLite takes one writer at a time anyway, and a
lesson page spends its time in Python, so more processes would add memory, not speed.
"""

import os

from elearning import serverhooks

wsgi_app = "elearning.wsgi:application"
bind = os.environ.get("ELEARNING_BIND", "0.0.0.0:8000").split(",")
preload_app = True
workers = 1
worker_class = "gthread"
threads = int(os.environ.get("ELEARNING_THREADS", "8"))
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
post_request = serverhooks.retire_when_large
