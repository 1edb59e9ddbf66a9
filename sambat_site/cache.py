"""The shared cache on Redis, which keeps the site up when Redis is away.

The cache holds nothing that cannot be rebuilt (filter lists, menus, statistics, rate-limit
counters), so losing Redis must not turn public pages into HTTP 500s. When Redis does not
answer, this process uses its own memory for a few seconds and then tries Redis again; the
outage is logged once, and so is the recovery.
"""

from __future__ import annotations

import functools
import logging
import threading
import time

import redis
from django.core.cache.backends.locmem import LocMemCache
from django.core.cache.backends.redis import RedisCache, RedisCacheClient

logger = logging.getLogger(__name__)

RETRY_SECONDS = 5.0
UNREACHABLE = (redis.ConnectionError, redis.TimeoutError, OSError)


def _raw_key(key: str, key_prefix: str, version: int) -> str:
    return key  # the keys arrive already made by RedisCache


class _FallbackClient(RedisCacheClient):
    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._local = LocMemCache("sambat-cache-fallback", {"KEY_FUNCTION": _raw_key})
        self._down_until = 0.0
        self._lock = threading.Lock()

    def _redis_away(self, error: Exception) -> None:
        with self._lock:
            if not self._down_until:
                logger.warning(
                    "Redis tidak menjawab (%s); cache sementara disimpan di memori proses ini.",
                    error,
                )
            self._down_until = time.monotonic() + RETRY_SECONDS

    def _redis_back(self) -> None:
        with self._lock:
            if self._down_until:
                self._down_until = 0.0
                logger.warning("Redis kembali menjawab; cache kembali ke Redis.")


def _resilient(name: str):
    redis_method = getattr(RedisCacheClient, name)

    @functools.wraps(redis_method)
    def method(self: _FallbackClient, *args):
        if self._down_until and time.monotonic() < self._down_until:
            return getattr(self._local, name)(*args)
        try:
            result = redis_method(self, *args)
        except UNREACHABLE as error:
            self._redis_away(error)
            return getattr(self._local, name)(*args)
        if self._down_until:
            self._redis_back()
        return result

    return method


for _name in (
    "add",
    "get",
    "set",
    "touch",
    "delete",
    "get_many",
    "has_key",
    "incr",
    "set_many",
    "delete_many",
    "clear",
):
    setattr(_FallbackClient, _name, _resilient(_name))


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, falling back to process memory while Redis is unreachable."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _FallbackClient
