"""One Django process, two origins (ADR 0024): the platform, and the SCORM content origin.

On the content origin's host (``SCORM_CONTENT_ORIGIN``) only package files (``PACKAGE_PREFIX``),
the launch document, the commit endpoint and the offline save document and service worker
(``RUNTIME_DOCUMENT_PREFIX``), answered by ``content_urls``, and the player's own static files
(scorm-again) and Workbox's (for that worker) are served; every
other URL is 404, so a package cannot reach a platform page through it. Cookies the browser
sends there are dropped before any other middleware reads them (a second *port* of the same host
still receives the platform's cookies: browsers do not separate cookies by port), and every
response loses its ``Set-Cookie``: nothing on the content origin ever has a session. On every
other host package files do not exist: ``content_urls`` is not in the platform's URL map.
"""

from __future__ import annotations

from collections.abc import Callable
from http.cookies import SimpleCookie

from django.conf import settings
from django.http import HttpRequest, HttpResponseBase, HttpResponseNotFound

from .origins import origin_host

PACKAGE_PREFIX = "/scorm-content/"
RUNTIME_DOCUMENT_PREFIX = "/scorm-runtime/"  # the launch document and the commit endpoint
RUNTIME_PREFIX = "/static/scormplayer/"
# Workbox, which the content origin's service worker imports (ADR 0045).
WORKBOX_PREFIX = "/static/offlinemode/vendor/workbox-"


class ContentOriginMiddleware:
    """First in ``MIDDLEWARE``: it runs before sessions and CSRF read a cookie, and after
    everything else on the way out."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if request.get_host().lower() != origin_host(settings.SCORM_CONTENT_ORIGIN):
            return self.get_response(request)
        request.META.pop("HTTP_COOKIE", None)
        request.COOKIES = {}
        if request.path_info.startswith(
            (PACKAGE_PREFIX, RUNTIME_DOCUMENT_PREFIX, RUNTIME_PREFIX, WORKBOX_PREFIX)
        ):
            # WhiteNoise answers the runtime's files; anything else that passes is resolved in
            # the content origin's own URL map, never the platform's.
            request.urlconf = "scormplayer.content_urls"
            response = self.get_response(request)
        else:
            response = HttpResponseNotFound(b"Not found", content_type="text/plain")
        response.cookies = SimpleCookie()
        return response
