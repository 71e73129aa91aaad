"""The cache shared by every process when no Redis is configured: Django's DatabaseCache with an atomic
`incr` that keeps the key's expiry (counters of django-axes and django-ratelimit live here).

Django's DatabaseCache.incr is a get followed by a set: two processes incrementing at once can both
read 5 and write 6, and the set resets the expiry to the default timeout. Here the increment runs in one
transaction that holds the row (SQLite: the IMMEDIATE write lock; PostgreSQL: SELECT … FOR UPDATE) and
rewrites only the value.
"""

from __future__ import annotations

import base64
import pickle
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.db import DatabaseCache
from django.db import connections, router, transaction


class SharedDatabaseCache(DatabaseCache):
    def add(self, key: Any, value: Any, timeout: Any = DEFAULT_TIMEOUT, version: int | None = None) -> bool:
        """Django's `add` counts the table and reads the key inside a write transaction (on SQLite, with
        the IMMEDIATE write lock) even when the key exists. A rate limiter calls `add` then `incr` on
        every request, and after a client's first request the key exists: one plain read answers that,
        and the request takes the write lock once (for `incr`) instead of twice. A key that expires
        between the read and the `incr` makes `incr` raise ValueError, as before when two requests raced."""
        if self.has_key(key, version=version):
            return False
        return bool(super().add(key, value, timeout, version))

    def incr(self, key: Any, delta: int = 1, version: int | None = None) -> int:
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        table = connection.ops.quote_name(self._table)  # type: ignore[attr-defined]
        cache_key = self.make_and_validate_key(key, version=version)
        with transaction.atomic(using=db):
            if connection.features.has_select_for_update:
                with connection.cursor() as cursor:
                    cursor.execute(
                        f"SELECT cache_key FROM {table} WHERE cache_key = %s FOR UPDATE",  # noqa: S608 (quoted table name)
                        [cache_key],
                    )
            value = self.get(key, self._missing_key, version=version)
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            new_value = value + delta
            encoded = base64.b64encode(pickle.dumps(new_value, self.pickle_protocol)).decode("latin1")
            with connection.cursor() as cursor:
                cursor.execute(
                    f"UPDATE {table} SET value = %s WHERE cache_key = %s",  # noqa: S608 (quoted table name)
                    [encoded, cache_key],
                )
        return int(new_value)
