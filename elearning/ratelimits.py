"""Per-client rate limits on the endpoints anyone can reach (django-ratelimit).

One decorator, ``rate_limited(group)``, and one check for a part of a view
(``rate_limit_reached``). The rates are ``ELEARNING_RATE_LIMITS[group]`` ("30/m", "10/h"...),
read at each request so that a deployment sets them by environment variables. A client is its
address (``elearning.clientip``), or the officer where one is logged in, so a training room
behind one address is not limited as one person. Counts live in ``RATELIMIT_USE_CACHE``, a
cache shared by every worker (``elearning.cache``).

A refused request gets 429 with a Retry-After header: a page in the user's language for
people, ``{"error": ...}`` for the node-to-node endpoints.
"""

from __future__ import annotations

from functools import wraps

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django_ratelimit.core import get_usage

from .clientip import client_ip


def _client(group: str, request) -> str:
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"officer:{user.pk}"
    return f"address:{client_ip(request)}"


def _rate(group: str, request) -> str | None:
    return settings.ELEARNING_RATE_LIMITS.get(group)


def rate_limit_reached(request, group: str) -> int | None:
    """Count this request against ``group``'s limit for its client; the seconds to wait when
    the limit is passed, else None."""
    usage = get_usage(request, group=group, key=_client, rate=_rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(usage["time_left"], 1)


def too_many_requests(request, *, wait: int, machine: bool = False):
    """The 429 answer: a page for people, JSON for nodes."""
    minutes = max(1, -(-wait // 60))
    message = _("Too many requests from this computer. Wait %(minutes)s min and try again.") % {
        "minutes": minutes
    }
    if machine:
        response = JsonResponse({"error": message}, status=429)
    else:
        response = render(request, "429.html", {"message": message}, status=429)
    response["Retry-After"] = str(wait)
    return response


def rate_limited(group: str, *, machine: bool = False):
    """Refuse a client's requests to the view past ``group``'s rate, before the view runs.
    ``machine``: the endpoint is for nodes, so the refusal is JSON."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            wait = rate_limit_reached(request, group)
            if wait is not None:
                return too_many_requests(request, wait=wait, machine=machine)
            return view(request, *args, **kwargs)

        return wrapped

    return decorator
