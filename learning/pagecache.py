"""Whole lesson pages kept per officer: a lesson viewed again, with nothing of it or of the
officer changed, is served as it was rendered, its CSRF tokens replaced by this request's.

It sits after the middleware, inside Wagtail's ``serve``: the session and the user are read,
the idle clock, the forced password change, CSRF, Axes, redirects, language, CSP and gzip all
run on a kept page exactly as on a rendered one, and so does Wagtail's view-restriction check
(``on_serve_page``, outside ours). Only the lesson guard's course state, the "lesson opened"
write and the rendering are skipped, and only when they cannot differ (ADR 0037):

- The key holds the officer's id and a digest of every column of their user row as loaded for
  this request (role, language, name, password, forced change...), the page, its live
  revision, the reader's language, host and path, the content generation (renewed on every
  publish, unpublish, move or delete of any page: ``modules.contentcache``) and the officer's
  own generation (renewed whenever one of their learner records or quiz results is written
  here or arrives by sync). Never the cookie alone: one officer's page is never another's.
- A page is kept only if the officer's generation is the same after it was rendered as
  before the guard ran: the view that wrote "lesson opened" is not kept, the next one is. So
  a kept page implies the lesson was already opened and the officer allowed to read it, with
  the same records since.
- Not kept nor served: anything but a plain GET of a lesson (no query string, no preview, no
  draft), a request with messages waiting to be shown, or with a knowledge check's answer
  kept in the session to be shown once (``quizzes.practice``). Only a 200 is kept, its body
  and content type; no header or cookie is replayed.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from modules.contentcache import CACHE_ALIAS, content_generation, officer_generation
from modules.models import LessonPage
from quizzes.practice import answers_kept

_TOKEN = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]*"')
_PLACEHOLDER = b'name="csrfmiddlewaretoken" value="\x00csrf\x00"'
_PLANNED = "_learning_page_cache"
# A training day: an officer's pages are kept while they study, and do not pile up for the
# cache's week (a post's file cache lists its directory on every write to count its entries).
KEEP_SECONDS = 24 * 3600


@dataclass(frozen=True)
class _Plan:
    key: str
    officer: str  # the officer's generation when the request began
    hit: tuple[str, bytes] | None  # (content type, body with placeholders)


def lesson_page_lookup(request: HttpRequest, page) -> bool:
    """Called by the lesson guard before it reads anything: whether this request may be served
    the page kept for it (``lesson_page_serve`` then does, after Wagtail's access checks).
    Either way the key is remembered for ``lesson_page_serve`` to keep what it renders."""
    key_parts = _key_parts(request, page)
    if key_parts is None:
        return False
    officer = officer_generation(request.user.pk)
    key = (
        "lesson-page:"
        + hashlib.blake2b("\x1f".join([*key_parts, officer]).encode(), digest_size=20).hexdigest()
    )
    hit = caches[CACHE_ALIAS].get(key)
    request.__dict__[_PLANNED] = _Plan(key=key, officer=officer, hit=hit)
    return hit is not None


def lesson_page_serve(callback):
    """Wagtail's ``on_serve_page`` hook, inside its view-restriction check: the kept page if
    the guard found one, else the page rendered and kept when nothing changed meanwhile."""

    def serve(page, request, serve_args, serve_kwargs):
        plan: _Plan | None = request.__dict__.pop(_PLANNED, None)
        if plan is None:
            return callback(page, request, serve_args, serve_kwargs)
        if plan.hit is not None:
            content_type, body = plan.hit
            token = get_token(request).encode()
            return HttpResponse(
                body.replace(_PLACEHOLDER, b'name="csrfmiddlewaretoken" value="' + token + b'"'),
                content_type=content_type,
            )
        response = callback(page, request, serve_args, serve_kwargs)
        if hasattr(response, "render") and callable(response.render):
            response.render()
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and _nothing_to_show_once(request)
            and officer_generation(request.user.pk) == plan.officer
        ):
            body = _TOKEN.sub(_PLACEHOLDER, response.content)
            caches[CACHE_ALIAS].set(
                plan.key, (response["Content-Type"], body), timeout=KEEP_SECONDS
            )
        return response

    return serve


def _key_parts(request: HttpRequest, page) -> list[str] | None:
    """What the kept page depends on besides the officer's generation, or None where no page
    is to be kept or served."""
    user = request.user
    if (
        request.method != "GET"
        or type(page) is not LessonPage
        or request.GET
        or getattr(request, "is_preview", False)
        or not page.live_revision_id
        or not user.is_authenticated
        or not _nothing_to_show_once(request)
    ):
        return None
    return [
        str(user.pk),
        _row_digest(user),
        str(page.pk),
        str(page.live_revision_id),
        get_language() or "",
        request._get_raw_host(),
        request.path,
        content_generation(),
        # A browser that saved a course for offline use gets the offline scripts (offlinemode).
        request.COOKIES.get(settings.OFFLINE_COOKIE, ""),
    ]


def _nothing_to_show_once(request: HttpRequest) -> bool:
    """No message waiting, no knowledge-check answer kept: the page would show them once."""
    session = getattr(request, "session", None)
    return (
        session is not None
        and not answers_kept(session)
        and not len(messages.get_messages(request))
    )


def _row_digest(user) -> str:
    """A digest of every column of the officer's row as read for this request: a change of
    role, language, name, password or anything else of theirs gives another key."""
    values = repr(tuple(getattr(user, f.attname) for f in user._meta.concrete_fields))
    return hashlib.blake2b(values.encode(), digest_size=16).hexdigest()
