"""The cache of the work every officer's page repeats: a course's outline and navigation, and a
lesson's rendered body, per revision and language.

Content only: nothing of one officer (progress, answers, a form's CSRF token) is ever put in
it, so every officer may be served the same entry. Every key holds the content generation, a
random value replaced whenever a page is published, unpublished, moved or deleted (the signal
handlers in ``modules.apps``), again when that transaction commits: an entry made from the
content before the change can then no longer be found. A lesson body's key also holds the
page's live revision and the reader's language, so a stale body cannot be served even by a
node whose generation was missed.

The cache is Django's ``pages`` alias (settings: a file cache under the node's data directory
at a post; at a hub with several app servers a cache they all share, or a publish on one would
not reach the others). Cold, stale or cleared, it gives the same pages: a miss is built again
from the database.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import TypeVar

from django.core.cache import caches
from django.db import transaction

CACHE_ALIAS = "pages"
_GENERATION_KEY = "content:generation"
_MISSING = object()

T = TypeVar("T")


def _cache():
    return caches[CACHE_ALIAS]


def content_generation() -> str:
    """The current content generation (a new random one if the cache has none)."""
    cache = _cache()
    value = cache.get(_GENERATION_KEY)
    if value is None:
        cache.add(_GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        value = cache.get(_GENERATION_KEY) or ""
    return value


def content_changed() -> None:
    """Make every cached entry unreachable. Called when a page is published, unpublished, moved
    or deleted: at once, and again when the surrounding transaction commits, so a page built
    from the old content while the change was not yet visible is not kept."""

    def renew() -> None:
        _cache().set(_GENERATION_KEY, uuid.uuid4().hex, timeout=None)

    renew()
    transaction.on_commit(renew)


def content_cached(parts: tuple, build: Callable[[], T]) -> T:
    """The value cached under ``parts`` in the current content generation, or ``build()``'s
    (then stored). ``parts`` must name everything the value depends on besides content (its
    language, its revision); never an officer."""
    cache = _cache()
    key = ":".join(["content", content_generation(), *(str(p) for p in parts)])
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        cache.set(key, value)
    return value  # type: ignore[return-value]
