"""gunicorn settings for one of the hub's app servers, behind nginx (deploy/nginx-hub.conf).

    gunicorn -c elearning/gunicorn_hub.py

App servers keep nothing of their own: sessions are in the shared database, the cache is
shared, media files are on storage nginx reads. Task workers run apart (``manage.py
db_worker`` on another machine or service), so a batch of certificates never takes a web
worker's memory or time. README, "How a post and a hub start".
"""

import multiprocessing
import os

from elearning import serverhooks

wsgi_app = "elearning.wsgi:application"
bind = os.environ.get("ELEARNING_BIND", "127.0.0.1:8000").split(",")
preload_app = True
workers = int(os.environ.get("ELEARNING_WORKERS", str(multiprocessing.cpu_count() + 1)))
worker_class = "gthread"
threads = int(os.environ.get("ELEARNING_THREADS", "4"))
max_requests = 5000
max_requests_jitter = 500
timeout = 60
graceful_timeout = 30
# Longer than nginx's upstream keepalive_timeout, so gunicorn never closes first.
keepalive = 75
# nginx on the same machine sets X-Forwarded-For and X-Forwarded-Proto (ELEARNING_BEHIND_PROXY).
forwarded_allow_ips = os.environ.get("ELEARNING_PROXY_IPS", "127.0.0.1,::1")

when_ready = serverhooks.freeze_loaded
pre_fork = serverhooks.before_fork
post_request = serverhooks.retire_when_large
