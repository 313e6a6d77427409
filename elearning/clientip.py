"""The client's address, asked by the lock-out (axes) and the rate limits (django-ratelimit) so
both see the same client."""

from __future__ import annotations

from django.conf import settings


def client_ip(request) -> str:
    """``REMOTE_ADDR``; behind the hub's reverse proxy (``ELEARNING_BEHIND_PROXY``), the last
    address in X-Forwarded-For: the one the proxy itself appended, which a client cannot forge
    (addresses before it are the client's own claims)."""
    if settings.ELEARNING_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        last = forwarded.rsplit(",", 1)[-1].strip()
        if last:
            return last
    return request.META.get("REMOTE_ADDR") or "127.0.0.1"  # a test client or a socket
