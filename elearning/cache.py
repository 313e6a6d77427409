"""The caches of a post with no cache server: the rate limits' counters, and the pages'.

**Pages** (``PageFileCache``): Django's file cache lists its whole directory on every write to
see whether it is over ``MAX_ENTRIES``, and the page cache is written on every learner record
(the officer's generation, ADR 0037) and every lesson page kept: with thousands of entries that
listing cost more than the write. ``PageFileCache`` looks once every ``CULL_EVERY`` writes of a
process, so a directory may pass its limit by that many entries a process between two looks.

**Rate limits** (``CounterDatabaseCache``):

Django's database cache works across gunicorn workers with nothing more than the node's own
database, but its ``incr`` reads and writes in two steps (two workers can both count 4 -> 5)
and rewrites the entry with the default timeout (a counter for a one-hour window would vanish
after five minutes and start again at zero). ``CounterDatabaseCache`` keeps everything else and
makes ``incr`` one locked read-and-update that keeps the entry's expiry.

Its table is made by ``migrate`` (``nodes`` migration 0004 runs ``createcachetable``); a hub
that points ``ELEARNING_RATELIMIT_CACHE`` elsewhere runs ``manage.py createcachetable`` itself
when the new backend is a database cache.
"""

from __future__ import annotations

import base64
import itertools
import pickle
import random

from django.core.cache.backends.db import DatabaseCache
from django.core.cache.backends.filebased import FileBasedCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now


class PageFileCache(FileBasedCache):
    """Django's file cache, culled after one write in ``CULL_EVERY`` instead of after each, and
    then down to a ``CULL_FREQUENCY``th under ``MAX_ENTRIES``, as Django's would be."""

    CULL_EVERY = 100

    def __init__(self, dir, params):
        super().__init__(dir, params)
        self._writes = itertools.count(1)  # next() on a count is atomic under the GIL

    def _cull(self):
        if next(self._writes) % self.CULL_EVERY:
            return
        files = self._list_cache_files()
        over = len(files) - self._max_entries
        if over < 0:
            return
        if self._cull_frequency == 0:
            self.clear()
            return
        for name in random.sample(
            files, min(len(files), over + self._max_entries // self._cull_frequency)
        ):
            self._delete(name)


class CounterDatabaseCache(DatabaseCache):
    """Django's ``DatabaseCache`` with an atomic, expiry-keeping ``incr``."""

    def incr(self, key, delta=1, version=None):
        key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table, value_col = quote(self._table), quote("value")
        where = f"{quote('cache_key')} = %s AND {quote('expires')} > %s"
        # FOR UPDATE holds the row on PostgreSQL; SQLite has none, and needs none: its
        # transactions here begin IMMEDIATE (base settings), holding the write lock throughout.
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        now = connection.ops.adapt_datetimefield_value(tz_now().replace(microsecond=0))
        with transaction.atomic(using=db), connection.cursor() as cursor:
            cursor.execute(
                f"SELECT {value_col} FROM {table} WHERE {where}{lock}",  # noqa: S608 - names quoted
                [key, now],
            )
            row = cursor.fetchone()
            if row is None:
                raise ValueError(f"Key '{key}' not found.")
            value = pickle.loads(base64.b64decode(row[0].encode())) + delta  # noqa: S301 - ours
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            update = f"UPDATE {table} SET {value_col} = %s WHERE {where}"  # noqa: S608 - quoted
            cursor.execute(update, [encoded, key, now])
        return value
