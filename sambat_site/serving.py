"""Which address the running quickstart serves, for the other processes of this machine.

The quickstart writes ``var/serving.json`` when it starts and removes it when it stops; dev
settings read it, so ``manage.py …`` in a second terminal builds its links (tracking links in
WhatsApp messages, "Buka:" links to staff) with the port the site is really on.
"""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path

import psutil

FILENAME = "serving.json"


def _alive(pid: int, started: float) -> bool:
    try:
        return abs(psutil.Process(pid).create_time() - started) < 0.01
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return False


def served_base_url(var_dir: Path, default: str) -> str:
    """The running quickstart's address, else ``default``."""
    try:
        data = json.loads((Path(var_dir) / FILENAME).read_text())
        if _alive(int(data["pid"]), float(data["started"])):
            return str(data["base_url"]).rstrip("/")
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return default


def announce(var_dir: Path, base_url: str) -> Path:
    """Record that this process serves ``base_url``."""
    path = Path(var_dir) / FILENAME
    started = psutil.Process(os.getpid()).create_time()
    payload = {"base_url": base_url, "pid": os.getpid(), "started": started}
    path.write_text(json.dumps(payload))
    return path


def withdraw(var_dir: Path) -> None:
    path = Path(var_dir) / FILENAME
    with contextlib.suppress(OSError, ValueError, KeyError):
        if json.loads(path.read_text())["pid"] == os.getpid():
            path.unlink()
