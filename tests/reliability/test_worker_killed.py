"""A Dramatiq worker killed (SIGKILL) in the middle of sending 1,000 notifications.

What "exactly once" can honestly mean here. A notification is claimed with a conditional
UPDATE (pending → sending), handed to the provider, then marked ``sent``. A worker that dies
leaves three kinds of rows behind:

- ``pending`` rows whose broker messages it had fetched: they sit in its unacked set in
  Redis. The minute sweep re-enqueues pending rows nobody picked up within ``PENDING_GRACE``.
- ``sending`` rows whose message the provider never got: the sweep releases rows claimed
  longer than ``SENDING_TIMEOUT`` ago, and they are sent once.
- ``sending`` rows whose message the provider had already accepted when the worker died,
  before the ``sent`` UPDATE committed. Nothing on our side knows the difference from the
  row before: the WhatsApp Cloud API takes no idempotency key and the provider's message id
  was never stored, so the sweep releases these too and they go out a second time. That is
  the window ``workflow/outbox.py`` documents; it holds at most one message per worker thread
  that was inside it at the moment of the kill.

So the test asserts what the design guarantees: every notification reaches the provider;
every one reaches it exactly once, except those the provider had accepted while their row was
still ``sending`` when the worker died — each of these exactly twice, and never more of them
than the dead worker had threads. A second delivery of the same broker message, the sweep
re-enqueueing rows that still have a message in Redis, and two workers meeting on one row
all end at the claim and send nothing twice.
"""

import datetime as dt

import pytest
from django.db.models import F
from django.utils import timezone

from workflow import outbox
from workflow.models import Notification
from workflow.tasks import sweep_outbox

from .conftest import forget_worker, wait_until
from .transport import accepted

AGENTS = ("victim", "rescuer")
pytestmark = [
    pytest.mark.reliability,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BATCH = 1000
THREADS = 4
MINUTE = dt.timedelta(minutes=1)


def queue_batch(size: int) -> list[int]:
    now = timezone.now()
    Notification.objects.bulk_create(
        Notification(
            audience=Notification.Audience.AGENCY_ADMIN,
            channel=Notification.Channel.WHATSAPP,
            recipient_phone=f"+62811{i:07d}",
            template_key="agency.reminder",
            text=f"Pengingat uji {i}",
            idempotency_key=f"reliability:kill:{i}",
            created_at=now,
            next_attempt_at=now,
        )
        for i in range(size)
    )
    return list(batch().order_by("pk").values_list("pk", flat=True))


def batch():
    return Notification.objects.filter(idempotency_key__startswith="reliability:kill:")


def statuses() -> dict[int, str]:
    return dict(batch().values_list("pk", "status"))


def test_a_worker_killed_mid_batch_loses_nothing_and_resends_only_what_it_could_not_record(
    agents, broker
):
    victim, rescuer = agents("victim", "rescuer")
    sent_log = victim.sent_log
    ids = queue_batch(BATCH)
    for pk in ids:  # what each transaction's on_commit hook does
        outbox.enqueue(pk)

    victim.call("worker", threads=THREADS)
    wait_until(
        lambda: sum(accepted(sent_log).values()) >= BATCH * 3 // 10,
        timeout=60,
        interval=0.005,
        what=lambda: f"the victim to send 30% of the batch{victim.tail()}",
    )
    victim.kill()
    rescuer.ready()

    # The moment of death, as the provider and the database saw it.
    at_death = accepted(sent_log)
    state = statuses()
    sending = {pk for pk, status in state.items() if status == Notification.State.SENDING}
    sent = {pk for pk, status in state.items() if status == Notification.State.SENT}
    ambiguous = sending & set(at_death)  # accepted by the provider, not yet marked sent
    assert 0 < len(sent) < BATCH, "the kill must land in the middle of the batch"
    assert sent <= set(at_death)
    assert max(at_death.values()) == 1
    assert len(sending) <= THREADS

    # Time passes: the claims of the dead worker expire, its fetched messages are overdue.
    batch().filter(status=Notification.State.SENDING).update(
        claimed_at=F("claimed_at") - outbox.SENDING_TIMEOUT - MINUTE
    )
    batch().filter(status=Notification.State.PENDING).update(
        next_attempt_at=F("next_attempt_at") - outbox.PENDING_GRACE - MINUTE
    )
    rescuer.call("worker", threads=THREADS)
    sweep_outbox.send()  # the scheduler's minute tick
    wait_until(
        lambda: set(statuses().values()) == {Notification.State.SENT},
        timeout=60,
        interval=0.1,
        what=lambda: f"every notification to be sent{rescuer.tail()}",
    )
    # No row is claimed any more, so nothing can be in flight: the provider's record is final.
    rescuer.call("stop_worker")
    forget_worker(broker, victim.info["broker_id"])

    final = accepted(sent_log)
    assert set(final) == set(ids), "a notification was lost"
    assert {pk for pk, times in final.items() if times > 1} == ambiguous
    assert all(final[pk] == 2 for pk in ambiguous)
    assert sum(final.values()) == BATCH + len(ambiguous)
    print(
        f"killed with {len(sent)} sent, {len(sending)} claimed, {len(ambiguous)} accepted "
        "but not recorded (sent twice)"
    )
