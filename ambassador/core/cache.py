"""A Redis cache that fails open: when Redis is down the site keeps answering, uncached and unthrottled.

What uses the cache (the public API's rate limit, above all) treats it as an optimisation, so an
outage must not turn every request into an error. ``FailOpenRedisCache`` is Django's
``RedisCache`` with every call guarded: while Redis is unreachable a read returns the default (a
miss), a write does nothing and reports failure (``add`` returns False, ``incr`` raises
``ValueError`` as for a missing key), and the outage is logged at most once a minute per process.
Short socket timeouts (``OPTIONS``, see the settings) make an unreachable Redis cost milliseconds.

``clear()`` deletes only this cache's keys (those under ``KEY_PREFIX``), never the whole Redis
database, which may also hold the Celery broker's queues.
"""

from __future__ import annotations

import functools
import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

OUTAGE_ERRORS = (RedisConnectionError, RedisTimeoutError, OSError)
LOG_EVERY_SECONDS = 60
CLEAR_BATCH = 500


def glob_escape(text: str) -> str:
    return "".join(f"\\{char}" if char in "*?[]\\" else char for char in text)


class FailOpenRedisCache(RedisCache):
    _last_logged = 0.0

    def _outage(self, operation: str, error: Exception) -> None:
        now = time.monotonic()
        if now - FailOpenRedisCache._last_logged >= LOG_EVERY_SECONDS:
            FailOpenRedisCache._last_logged = now
            logger.warning(
                "The cache is not answering (%s on %s: %s); serving without it (logged at most once a minute)",
                type(error).__name__, operation, error,
            )

    def _guarded(self, operation: str, call, fallback):
        try:
            return call()
        except OUTAGE_ERRORS as error:
            self._outage(operation, error)
            return fallback

    def get(self, key, default=None, version=None):
        return self._guarded("get", functools.partial(super().get, key, default, version), default)

    def get_many(self, keys, version=None):
        return self._guarded("get_many", functools.partial(super().get_many, keys, version), {})

    def has_key(self, key, version=None):
        return self._guarded("has_key", functools.partial(super().has_key, key, version), False)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("add", functools.partial(super().add, key, value, timeout, version), False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        self._guarded("set", functools.partial(super().set, key, value, timeout, version), None)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("set_many", functools.partial(super().set_many, data, timeout, version), list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._guarded("touch", functools.partial(super().touch, key, timeout, version), False)

    def delete(self, key, version=None):
        return self._guarded("delete", functools.partial(super().delete, key, version), False)

    def delete_many(self, keys, version=None):
        self._guarded("delete_many", functools.partial(super().delete_many, keys, version), None)

    def incr(self, key, delta=1, version=None):
        missing = object()
        value = self._guarded("incr", functools.partial(super().incr, key, delta, version), missing)
        if value is missing:
            raise ValueError(f"Key '{key}' not found (the cache is not answering)")
        return value

    def clear(self):
        """Deletes this cache's keys only (``KEY_PREFIX``), leaving whatever else shares the Redis database."""

        def delete_prefixed():
            client = self._cache.get_client(write=True)
            # Django's keys are "<prefix>:<version>:<key>"; the broker's never start that way.
            pattern = f"{glob_escape(self.key_prefix)}:*"
            batch = []
            for key in client.scan_iter(match=pattern, count=CLEAR_BATCH):
                batch.append(key)
                if len(batch) >= CLEAR_BATCH:
                    client.delete(*batch)
                    batch = []
            if batch:
                client.delete(*batch)
            return True

        return self._guarded("clear", delete_prefixed, False)
