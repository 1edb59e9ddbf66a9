"""App processes for the fault tests, driven by the test.

``python -m tests.reliability.agent`` is a zygote: it imports the heavy third-party libraries
once (the AI client alone takes seconds) and nothing of Django's configuration, then forks
one agent per ``{"cmd": "fork", ...}`` line on stdin. Each agent takes its own environment
(``DJANGO_SETTINGS_MODULE=tests.reliability.settings``, the database, ``REDIS_URL``), boots
Django from it — its own settings, its own broker — and serves the test on a Unix socket,
one command and one answer at a time:

- ``worker``: start a Dramatiq worker — the ``dramatiq.Worker`` that ``rundramatiq`` runs —
  with ``threads`` threads on this process's broker;
- ``stop_worker``: stop it the graceful way;
- ``enqueue``: hand notification ids to the broker, as the outbox does when a transaction
  commits;
- ``sweep_outbox``: run the scheduler's minute sweep once, here;
- ``remind``: at the wall-clock time ``at``, run the reminder sweeps for the moment ``now``
  (one scheduler tick);
- ``exit``.

When the test wants a worker to die it sends SIGKILL instead: no cleanup runs.
"""

import datetime as dt
import importlib
import json
import os
import signal
import sys
import time
import traceback
from multiprocessing.connection import Listener

# Imported by the zygote, shared by every agent; none of them reads Django's settings.
PRELOAD = [
    "anthropic",
    "openpyxl",
    "httpx",
    "redis",
    "dramatiq",
    "apscheduler.schedulers.blocking",
    "PIL.Image",
    "psycopg",
    "holidays",
    "django.db.models",
    "django.contrib.admin",
    "django.test",
    "rest_framework",
    "modelcluster",
    "taggit",
    "treebeard",
]


def zygote() -> None:
    for name in PRELOAD:
        try:
            importlib.import_module(name)
        except ImportError:
            continue
    from django.conf import settings

    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # agents are reaped as they die
    print(json.dumps({"ok": True}), flush=True)
    for line in sys.stdin:
        command = json.loads(line)
        if command["cmd"] != "fork":
            break
        assert not settings.configured, "the zygote must not load any settings"
        pid = os.fork()
        if pid == 0:
            code = 1
            try:
                become_agent(command)
                code = 0
            finally:
                os._exit(code)
        print(json.dumps({"ok": True, "pid": pid}), flush=True)


def become_agent(command: dict) -> None:
    signal.signal(signal.SIGCHLD, signal.SIG_DFL)
    log = os.open(command["log"], os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o600)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.dup2(os.open(os.devnull, os.O_RDONLY), 0)
    os.environ.clear()
    os.environ.update(command["env"])
    try:
        serve(command["address"])
    except Exception:
        traceback.print_exc()
        raise


def serve(address: str) -> None:
    import django

    django.setup()
    import dramatiq
    from django.db import connections

    from workflow import outbox, sweeps

    importlib.import_module("workflow.tasks")  # declares the actors and their queues

    broker = dramatiq.get_broker()
    settings_module = sys.modules["sambat_site.settings.test"]
    with Listener(address, family="AF_UNIX") as listener, listener.accept() as test:
        test.send(
            {
                "ok": True,
                "pid": os.getpid(),
                "broker_id": broker.broker_id,
                "tmp": str(settings_module._TMP),
            }
        )
        worker = None
        while True:
            command = test.recv()
            name = command.pop("cmd")
            try:
                if name == "worker":
                    worker = dramatiq.Worker(
                        broker, worker_threads=command["threads"], worker_timeout=100
                    )
                    worker.start()
                    test.send({"ok": True})
                elif name == "stop_worker":
                    worker.stop()
                    worker = None
                    test.send({"ok": True})
                elif name == "enqueue":
                    for pk in command["ids"]:
                        outbox.enqueue(pk)
                    test.send({"ok": True})
                elif name == "sweep_outbox":
                    test.send({"ok": True, **outbox.sweep_outbox()})
                elif name == "remind":
                    now = dt.datetime.fromisoformat(command["now"])
                    time.sleep(max(0.0, command["at"] - time.time()))
                    unanswered = sweeps.remind_unanswered(now=now)
                    follow_up = sweeps.remind_overdue_follow_ups(now=now)
                    test.send({"ok": True, "unanswered": unanswered, "follow_up": follow_up})
                elif name == "exit":
                    break
                else:
                    test.send({"ok": False, "error": f"unknown command {name}"})
            except Exception:
                test.send({"ok": False, "error": traceback.format_exc()})
        if worker is not None:
            worker.stop()
        connections.close_all()
        test.send({"ok": True, "bye": True})


if __name__ == "__main__":
    zygote()
