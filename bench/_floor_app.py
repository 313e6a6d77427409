"""The floor under a lesson page, for bench/page_floor.py: our WSGI application with two more
addresses, served by the same gunicorn configuration.

- ``/bench-floor/bare/`` answers before Django sees the request: what gunicorn itself costs.
- ``/bench-floor/view/`` is a view that does nothing, behind the whole middleware stack: for a
  logged-in officer the session and the user are read, the language chosen, the idle clock
  checked, CSRF, messages, Axes, redirects, CSP and gzip all run. What any cache placed after
  the middleware (in a view) can at best cost.

Never part of the application: only the benchmark serves it (``bench._floor_app:application``).
"""

from __future__ import annotations

import os

from django.conf import settings
from django.http import HttpResponse
from django.urls import include, path

from elearning.wsgi import application as django_application

BARE_PATH, VIEW_PATH = "/bench-floor/bare/", "/bench-floor/view/"  # as in page_floor.py
BODY = b"<!doctype html><title>floor</title><p>" + b"x" * 200


def nothing(request):
    # The user is already loaded by the middleware (the language and the idle clock ask for it).
    return HttpResponse(BODY, content_type="text/html; charset=utf-8")


# bench/page_floor.py --conn-max-age N: SQLite connections kept N seconds (the settings make
# every request open its own), to measure what a new connection per request costs.
if os.environ.get("BENCH_CONN_MAX_AGE"):
    settings.DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ["BENCH_CONN_MAX_AGE"])

urlpatterns = [path(VIEW_PATH.strip("/") + "/", nothing), path("", include("elearning.urls"))]
settings.ROOT_URLCONF = __name__


def application(environ, start_response):
    if environ.get("PATH_INFO") == BARE_PATH:
        start_response(
            "200 OK",
            [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(BODY)))],
        )
        return [BODY]
    return django_application(environ, start_response)
