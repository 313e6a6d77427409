"""Page URLs routed from the content cache: Wagtail's ``serve`` without its routing queries.

Wagtail finds the page of a URL afresh on every request: the site of the host name, the root
page in the reader's language, then the tree down to the page (``courses.routing``), six
queries before a lesson is known. Which page a URL leads to is content, the same for every
reader of a language: it is kept in the content cache (``modules.contentcache``) per host,
port, path and language, as the page's type and id, and the page is then read in one query.
A publish, unpublish, move or delete of any page, or a change to a site or a locale, renews the
content generation and so forgets every route; the page read must still be live, or Wagtail
routes the request itself. Only a page Wagtail's own routing ended on with no arguments is
kept (never a page type with routing of its own), and only a URL that found one.

Nothing about access changes: Wagtail's ``serve`` then runs as before (the hooks that guard
lessons, view restrictions, the page's own ``serve``), given the page it would have found.
"""

from __future__ import annotations

from django.contrib.contenttypes.models import ContentType
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from wagtail import views as wagtail_views
from wagtail.models import Page
from wagtail.url_routing import RouteResult

from courses.routing import LocaleFallbackRouteMixin

from .contentcache import content_cached

# Longer host names and paths together are routed by Wagtail every time: cache keys stay under
# the 250 characters Django's caches warn about.
MAX_CACHED_ADDRESS = 180
_ROUTES = (Page.route, LocaleFallbackRouteMixin.route)


def serve(request: HttpRequest, path: str) -> HttpResponse:
    """Wagtail's ``serve`` view, given the page of ``path`` from the cache when it is there."""
    page = cached_route(request, path)
    if page is not None:
        request._wagtail_route_for_request = RouteResult(page)  # type: ignore[attr-defined]
    return wagtail_views.serve(request, path)


def cached_route(request: HttpRequest, path: str) -> Page | None:
    """The live page ``path`` leads to for this request's host and language, from the cache
    (then one query); or None, where Wagtail is to route (a miss then routes and keeps it)."""
    host = request._get_raw_host()
    if len(host) + len(path) > MAX_CACHED_ADDRESS:
        return None
    parts = ("route", host, request.get_port(), path, get_language() or "")
    found = content_cached(parts, lambda: _routed(request, path), keep=lambda f: f is not None)
    if found is None or hasattr(request, "_wagtail_route_for_request"):
        return None  # not to be kept, or just routed by Wagtail (its result is on the request)
    content_type_id, page_id = found
    model = ContentType.objects.get_for_id(content_type_id).model_class()
    if model is None:
        return None
    # ``get`` rather than ``first``: a primary key finds one row at most, and ``first`` would
    # have Django work out an ordering through the page's parent table on every request.
    try:
        return model.objects.get(pk=page_id, live=True)
    except model.DoesNotExist:
        return None


def _routed(request: HttpRequest, path: str) -> tuple[int, int] | None:
    """Route as Wagtail does (the result stays on the request for its ``serve``); what to keep
    of it: the page's content type and id, or None."""
    result = Page.route_for_request(request, path)
    if result is None:
        return None
    page, args, kwargs = result
    if args or kwargs or type(page).route not in _ROUTES:
        return None
    return page.content_type_id, page.pk
