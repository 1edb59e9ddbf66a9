"""The embedded Redis of the quickstart, shared by every process of the machine.

A management command in a second terminal joins the running site's Redis; leaving, it must
leave it running. Only when nobody uses it any more does it stop, and a site whose Redis
vanished keeps serving pages. The processes here are real ones (``manage.py`` on the dev
settings, a data folder of the test's own, the test run's database).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from pathlib import Path

import psutil
import pytest
import redis
from django.conf import settings
from django.db import connection

from sambat_site.broker import EmbeddedRedis

ROOT = Path(settings.BASE_DIR)
BOOT_SECONDS = 90


def wait_for(condition, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while True:
        value = condition()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out waiting for {what}")
        time.sleep(0.1)


def database_url() -> str:
    """The test run's database (already migrated) for a child process."""
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"sqlite:///{db['NAME']}"
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    return f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"


def dev_env(var_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DATABASE_URL"}}
    env.update(
        DJANGO_SETTINGS_MODULE="sambat_site.settings.dev",
        SAMBAT_VAR_DIR=str(var_dir),
        DATABASE_URL=database_url(),
        PYTHONUNBUFFERED="1",
    )
    return env


def manage(var_dir: Path, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=dev_env(var_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=20) as response:  # noqa: S310 - local test server
            return response.status
    except urllib.error.HTTPError as error:
        return error.code
    except OSError:
        return 0


def redis_pid(var_dir: Path) -> int | None:
    server = EmbeddedRedis(var_dir / "redis" / "sambat.db")
    return server._server_pid() if server.alive() else None


@pytest.fixture
def site(tmp_path, transactional_db):
    """``manage.py runserver`` on dev settings: the first process, so the Redis owner. It
    shares the test run's database, so the test holds no transaction open."""
    port = free_port()
    log = open(tmp_path / "web.log", "w")  # noqa: SIM115 - closed below
    process = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", "--noreload", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=dev_env(tmp_path),
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        wait_for(lambda: get(f"{base}/") == 200, BOOT_SECONDS, "the site to serve /")
        process.base = base
        process.var_dir = tmp_path
        process.log = tmp_path / "web.log"
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)  # Ctrl+C: its exit handlers run
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
        log.close()


SERVED = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@SERVED
def test_a_second_command_leaves_the_running_sites_redis_alone(site):
    owner_pid = redis_pid(site.var_dir)
    assert owner_pid is not None

    joined = manage(
        site.var_dir,
        "shell",
        "-c",
        "from django.core.cache import cache; cache.set('dari-terminal-kedua', 1); "
        "print(cache.get('dari-terminal-kedua'))",
    )
    assert joined.returncode == 0, joined.stderr
    assert joined.stdout.strip().endswith("\n1")  # it really used the shared Redis
    assert manage(site.var_dir, "check").returncode == 0

    # Still the same server, and the site still serves every kind of page.
    assert redis_pid(site.var_dir) == owner_pid
    for path in ("/", "/favicon.ico", "/aduan/SB-0000-XXXXX/", "/tema.css"):
        assert get(f"{site.base}{path}") in (200, 404), path
    assert get(f"{site.base}/") == 200
    assert "Error" not in site.log.read_text()

    # The owner stops it when it leaves: no redis-server stays behind.
    site.send_signal(signal.SIGINT)
    site.wait(timeout=30)
    wait_for(lambda: not psutil.pid_exists(owner_pid), 15, "the embedded Redis to stop")


@SERVED
def test_a_site_whose_redis_vanished_keeps_serving(site):
    pid = redis_pid(site.var_dir)
    os.kill(pid, signal.SIGKILL)
    wait_for(lambda: not psutil.pid_exists(pid), 10, "redis-server to die")

    for path in ("/", "/", "/favicon.ico"):
        assert get(f"{site.base}{path}") == 200, path
    log = site.log.read_text()
    assert "Redis tidak menjawab" in log
    assert " 500 " not in log and "Traceback" not in log


HOLD = textwrap.dedent(
    """
    import sys
    from sambat_site.broker import embedded_redis
    server = embedded_redis(sys.argv[1])
    print("joined" if server.joined else "started", flush=True)
    sys.stdin.readline()
    """
)


def holder(db_path: Path) -> subprocess.Popen:
    process = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(db_path)],
        cwd=ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    process.role = process.stdout.readline().strip()
    return process


def leave(process: subprocess.Popen) -> None:
    process.stdin.write("\n")
    process.stdin.close()
    assert process.wait(timeout=30) == 0
    process.stdout.close()


def test_the_last_process_out_stops_it_whoever_started_it(tmp_path):
    db_path = tmp_path / "redis" / "sambat.db"
    first, second = holder(db_path), holder(db_path)
    assert (first.role, second.role) == ("started", "joined")
    server = EmbeddedRedis(db_path)
    pid = server._server_pid()

    leave(first)  # the owner goes while the second still works with it
    assert server.alive() and server._server_pid() == pid
    client = redis.Redis.from_url(server.url)
    client.set("masih", "jalan")
    assert client.get("masih") == b"jalan"
    client.close()

    leave(second)
    wait_for(lambda: not psutil.pid_exists(pid), 15, "the embedded Redis to stop")
    assert not server.alive()


def test_an_orphan_left_by_a_killed_owner_is_stopped_by_the_next_user(tmp_path):
    db_path = tmp_path / "redis" / "sambat.db"
    owner = holder(db_path)
    pid = EmbeddedRedis(db_path)._server_pid()
    owner.kill()  # no exit handlers: the server outlives it
    owner.wait(timeout=10)
    owner.stdin.close()
    owner.stdout.close()
    assert psutil.pid_exists(pid)

    later = holder(db_path)
    assert later.role == "joined"
    leave(later)
    wait_for(lambda: not psutil.pid_exists(pid), 15, "the orphaned Redis to stop")


def test_the_quickstarts_watchdog_brings_a_killed_redis_back_on_the_same_socket(tmp_path):
    server = EmbeddedRedis(tmp_path / "redis" / "sambat.db")
    url = server.acquire()
    try:
        assert server.ensure_running() is False  # running: nothing to do
        os.kill(server._server_pid(), signal.SIGKILL)
        wait_for(lambda: not server.alive(), 10, "redis-server to die")
        assert server.ensure_running() is True
        assert server.url == url
        assert redis.Redis.from_url(url).ping() is True
    finally:
        server.release()
    assert not server.alive()
