"""The cache the rate limits count in, at a post with no cache server.

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
import pickle

from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction
from django.utils.timezone import now as tz_now


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
