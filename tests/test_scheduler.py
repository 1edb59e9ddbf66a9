"""The scheduler process stays up: a Redis restart or a second scheduler never ends it.

dramatiq-crontab's own ``crontab`` exits when its Redis lock is lost; under honcho that stopped
the whole quickstart. ``manage.py scheduler`` stands by and takes the lock again.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
import redis

from sambat_site.broker import EmbeddedRedis

from .test_embedded_redis import ROOT, dev_env, wait_for

LOCK = "dramatiq-scheduler"


@pytest.fixture
def embedded(tmp_path):
    server = EmbeddedRedis(tmp_path / "redis" / "sambat.db")
    server.acquire()
    yield server
    server.release()


def start_scheduler(tmp_path, server, name):
    env = {**dev_env(tmp_path), "REDIS_URL": server.url, "SAMBAT_SCHEDULER_RETRY_SECONDS": "1"}
    log = open(tmp_path / f"{name}.log", "w")  # noqa: SIM115 - closed by stop()
    process = subprocess.Popen(
        [sys.executable, "manage.py", "scheduler"],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    process.logfile = log
    process.logpath = tmp_path / f"{name}.log"
    return process


def stop(process) -> int:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
    try:
        return process.wait(timeout=30)
    finally:
        process.logfile.close()


def lock_holder(server) -> bytes | None:
    try:
        client = redis.Redis.from_url(server.url, socket_timeout=2)
        try:
            return client.get(LOCK)
        finally:
            client.close()
    except redis.ConnectionError:
        return None


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_redis_restart_and_a_second_scheduler_do_not_end_it(tmp_path, embedded):
    first = start_scheduler(tmp_path, embedded, "first")
    second = None
    try:
        wait_for(lambda: lock_holder(embedded), 90, "the first scheduler to take the lock")
        token = lock_holder(embedded)

        # Redis dies and comes back empty (as the quickstart's watchdog brings it back).
        os.kill(embedded._server_pid(), signal.SIGKILL)
        wait_for(lambda: not embedded.alive(), 10, "redis-server to die")
        embedded.ensure_running()
        wait_for(lambda: lock_holder(embedded), 60, "the scheduler to take the lock again")
        assert first.poll() is None, first.logpath.read_text()
        assert lock_holder(embedded) != token

        # A second scheduler waits while the first holds the lock, then takes over.
        second = start_scheduler(tmp_path, embedded, "second")
        held = lock_holder(embedded)
        wait_for(lambda: "Another scheduler" in second.logpath.read_text(), 90, "the standby")
        assert second.poll() is None and lock_holder(embedded) == held
        assert stop(first) == 0
        wait_for(lambda: lock_holder(embedded) not in (None, held), 60, "the takeover")
        assert second.poll() is None
    finally:
        stop(first)
        if second is not None:
            assert stop(second) == 0
    assert lock_holder(embedded) is None  # released on the way out
