"""Where the shared parts of attempts' questions are kept (``quizzes.drawn``, ADR 0051): stored
once per node, read through a small cache.

A part is named by its content, so a text once read is right for as long as the process lives,
and the cache of texts needs no invalidation. Whether a part is *stored* is always asked of the
database (``INSERT`` that ignores a part already there, ``parts_held``): a transaction rolled
back, or a database restored from a backup, may lack a part this process has seen.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Mapping

from django.db import DEFAULT_DB_ALIAS

from .drawn import joined, named, split
from .models import DrawnQuestion

CACHED_TEXTS = 1024  # about 1.5 KB each: a few MB at most, in every process
BATCH = 500

_lock = threading.Lock()
_texts: OrderedDict[str, str] = OrderedDict()


def _remember(texts: Mapping[str, str]) -> None:
    with _lock:
        for name, text in texts.items():
            _texts[name] = text
            _texts.move_to_end(name)
        while len(_texts) > CACHED_TEXTS:
            _texts.popitem(last=False)


def parts_keep(parts: Mapping[str, str], *, using: str = DEFAULT_DB_ALIAS) -> None:
    """Store the parts not stored here yet (``parts``: digest -> text, already checked)."""
    names = sorted(parts)
    for start in range(0, len(names), BATCH):
        DrawnQuestion.objects.using(using).bulk_create(
            [DrawnQuestion(digest=n, text=parts[n]) for n in names[start : start + BATCH]],
            ignore_conflicts=True,
        )
    _remember(parts)


def parts_held(names: Iterable[str], *, using: str = DEFAULT_DB_ALIAS) -> set[str]:
    """Those of ``names`` stored here."""
    names = sorted(set(names))
    held: set[str] = set()
    for start in range(0, len(names), BATCH):
        held.update(
            DrawnQuestion.objects.using(using)
            .filter(digest__in=names[start : start + BATCH])
            .values_list("digest", flat=True)
        )
    return held


def parts_texts(names: Iterable[str], *, using: str = DEFAULT_DB_ALIAS) -> dict[str, str]:
    """The texts of those of ``names`` stored here, by digest: from the cache, the others in
    one query per 500."""
    names = set(names)
    with _lock:
        found = {name: _texts[name] for name in names if name in _texts}
    missing = sorted(names - set(found))
    read: dict[str, str] = {}
    for start in range(0, len(missing), BATCH):
        read.update(
            DrawnQuestion.objects.using(using)
            .filter(digest__in=missing[start : start + BATCH])
            .values_list("digest", "text")
        )
    _remember(read)
    return {**found, **read}


def snapshot_stored(snapshot: object, *, using: str = DEFAULT_DB_ALIAS) -> object:
    """``snapshot`` as an attempt stores it, its questions' shared parts kept here."""
    compact, parts = split(snapshot)
    if parts:
        parts_keep(parts, using=using)
    return compact


class PartMissing(LookupError):
    """An attempt refers to a shared part this node does not hold (never so after an import,
    which refuses such a row)."""


def snapshot_whole(snapshot: object, *, using: str = DEFAULT_DB_ALIAS) -> object:
    """``snapshot`` as stored, with its questions whole again."""
    names = named(snapshot)
    if not names:
        return snapshot
    texts = parts_texts(names, using=using)
    try:
        return joined(snapshot, texts)
    except KeyError as error:
        raise PartMissing(f"quiz question {error.args[0]} is not stored on this node") from None


def parts_cache_clear() -> None:
    """Forget the texts read so far: for a process that plays several nodes in turn (the tests),
    each with a database of its own."""
    with _lock:
        _texts.clear()
