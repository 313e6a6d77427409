"""The cache of the work every officer's page repeats: a course's outline and navigation, and a
lesson's rendered body, per revision and language.

Content only: nothing of one officer (progress, answers, a form's CSRF token) is ever put in
it, so every officer may be served the same entry. Every key holds the content generation, a
random value replaced whenever a page is published, unpublished, moved or deleted (the signal
handlers in ``modules.apps``), again when that transaction commits: an entry made from the
content before the change can then no longer be found. A lesson body's key also holds the
page's live revision and the reader's language, so a stale body cannot be served even by a
node whose generation was missed.

Beside the content generation, each officer has one of their own (``officer_generation``),
renewed whenever something of theirs a page shows changes (records, quiz results, groups):
the whole lesson pages kept per officer (``learning.pagecache``) hold both in their keys.

The cache is Django's ``pages`` alias (settings: a file cache under the node's data directory
at a post; at a hub with several app servers a cache they all share, or a publish on one would
not reach the others). Cold, stale or cleared, it gives the same pages: a miss is built again
from the database.

In front of it each process keeps a small memory of its own (``FRONT_ENTRIES`` entries, the
least recently used dropped first), so a warm page opens no file and decompresses nothing.
It is keyed exactly as the shared cache, generation included, so it can never hold what the
shared cache would not: an entry of an old generation is simply never asked for again. It
stores pickles, so every reader gets its own copy. The generation itself is always read from
the shared cache (where another process's publish renews it), once per request: a request
reads its page from one generation from start to end.
"""

from __future__ import annotations

import threading
import uuid
from collections.abc import Callable, Iterable
from typing import TypeVar

from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction

CACHE_ALIAS = "pages"
_GENERATION_KEY = "content:generation"
_OFFICERS_KEY = "officers:generation"
ONE_BY_ONE = 50  # officers renewed one by one by officer_changed; more renew them all
_MISSING = object()
# About a training room's working set: a few courses' outlines and navigation in two or three
# languages, and the lessons being read (a rendered body is a few kB).
FRONT_ENTRIES = 300
_front = LocMemCache(
    "modules.contentcache.front",
    {"TIMEOUT": None, "OPTIONS": {"MAX_ENTRIES": FRONT_ENTRIES, "CULL_FREQUENCY": 4}},
)
# The generation read in this thread's current request (``request_started`` to
# ``request_finished``); outside a request it is read on every use.
_request = threading.local()

T = TypeVar("T")


def _cache():
    return caches[CACHE_ALIAS]


def request_began(**kwargs) -> None:
    """A request starts in this thread: its first use reads the generation, the rest reuse it."""
    _request.in_request, _request.generation = True, None


def request_ended(**kwargs) -> None:
    _request.in_request, _request.generation = False, None


def _generations(keys: list[str]) -> dict[str, str]:
    """The generation under each of ``keys``, a new random one where the cache has none: added
    only if still absent, then read again, so two processes starting one agree on it."""
    cache = _cache()
    found = cache.get_many(keys)
    for missing in [key for key in keys if key not in found]:
        cache.add(missing, uuid.uuid4().hex, timeout=None)
        found[missing] = cache.get(missing) or ""
    return found


def content_generation() -> str:
    """The current content generation (a new random one if the cache has none), read from the
    shared cache once per request."""
    remembered = getattr(_request, "generation", None)
    if remembered is not None:
        return remembered
    value = _generations([_GENERATION_KEY])[_GENERATION_KEY]
    if getattr(_request, "in_request", False):
        _request.generation = value
    return value


def content_changed() -> None:
    """Make every cached entry unreachable. Called when a page is published, unpublished, moved
    or deleted: at once, and again when the surrounding transaction commits, so a page built
    from the old content while the change was not yet visible is not kept."""

    def renew() -> None:
        _cache().set(_GENERATION_KEY, uuid.uuid4().hex, timeout=None)
        _request.generation = None  # this request reads on in the new generation

    renew()
    transaction.on_commit(renew)


def officer_generation(officer_id: int) -> str:
    """The current generation of ``officer_id``'s own state, read afresh on every call (another
    process may just have renewed it): their own generation and the one every officer shares,
    which a change to many officers at once renews instead (``officer_changed``). Inside a
    transaction that changed them and has not committed yet, read on its own connection, it
    also holds that transaction's latest token (``_Renewal``)."""
    key = _officer_key(officer_id)
    found = _generations([_OFFICERS_KEY, key])
    generation = f"{found[_OFFICERS_KEY]}:{found[key]}"
    renewal = _renewal()
    if renewal is not None and (key in renewal.keys or _OFFICERS_KEY in renewal.renewed()):
        generation += ":" + renewal.token
    return generation


def officer_changed(officer_ids: Iterable[int]) -> None:
    """Make every entry kept for these officers unreachable, once per transaction: when the
    surrounding transaction commits (at once outside one), one write for every officer it
    changed, however many records it wrote for them (a lesson that completes its module and
    course writes three). Until then, on the transaction's own connection, their generation
    reads with a token that changes on every change (``officer_generation``): a page rendered
    there after a change, with what other connections cannot see yet, is kept under a key no
    one will read again, and one rendered before it is not kept (the generation differs after
    rendering). Pages other connections render meanwhile from the state before are kept under
    the generation the commit renews. More than ``ONE_BY_ONE`` officers in one transaction (a
    sync import of a post's packet touches thousands) renew the generation every officer
    shares: one write instead of one per officer, each of which the file cache pays with a
    directory listing."""
    keys = {_officer_key(pk) for pk in officer_ids}
    if not keys:
        return
    if not transaction.get_connection().in_atomic_block:
        _Renewal(keys)()  # the change is visible to every connection now
        return
    renewal = _renewal()
    if renewal is None:
        renewal = _Renewal(set())
        transaction.on_commit(renewal)
    renewal.add(keys)


class _Renewal:
    """The officers one transaction changed, renewed when it commits: a callback registered
    with ``transaction.on_commit``, found there again by the later changes of the same
    transaction (a rolled-back transaction or savepoint drops it with its changes)."""

    def __init__(self, keys: set[str]) -> None:
        self.keys = keys
        self.token = uuid.uuid4().hex

    def add(self, keys: set[str]) -> None:
        self.keys |= keys
        self.token = uuid.uuid4().hex

    def renewed(self) -> set[str]:
        """The generation keys the commit writes."""
        return self.keys if len(self.keys) <= ONE_BY_ONE else {_OFFICERS_KEY}

    def __call__(self) -> None:
        _cache().set_many({key: uuid.uuid4().hex for key in self.renewed()}, timeout=None)


def _renewal() -> _Renewal | None:
    """The renewal the current transaction registered, if it changed an officer yet."""
    connection = transaction.get_connection()
    if not connection.in_atomic_block:
        return None
    for _savepoints, callback, _robust in connection.run_on_commit:
        if isinstance(callback, _Renewal):
            return callback
    return None


def _officer_key(officer_id: int) -> str:
    return f"officer:{officer_id}:generation"


def content_cached(
    parts: tuple, build: Callable[[], T], keep: Callable[[T], bool] | None = None
) -> T:
    """The value cached under ``parts`` in the current content generation, or ``build()``'s
    (then stored, unless ``keep`` says not to). ``parts`` must name everything the value
    depends on besides content (its language, its revision); never an officer."""
    key = ":".join(["content", content_generation(), *(str(p) for p in parts)])
    value = _front.get(key, _MISSING)
    if value is not _MISSING:
        return value  # type: ignore[return-value]
    cache = _cache()
    value = cache.get(key, _MISSING)
    if value is _MISSING:
        value = build()
        if keep is not None and not keep(value):
            return value
        cache.set(key, value)
    _front.set(key, value)
    return value  # type: ignore[return-value]
