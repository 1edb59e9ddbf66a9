"""A real Dramatiq worker on the configured broker (the real Redis in CI, embedded otherwise)."""

import dramatiq
import pytest

from workflow import services, transports
from workflow.models import Notification
from workflow.tasks import send_notification, sweep_outbox

from .factories import ReporterFactory


@pytest.fixture
def worker():
    broker = dramatiq.get_broker()
    broker.flush_all()
    worker = dramatiq.Worker(broker, worker_threads=2, worker_timeout=100)
    worker.start()
    yield broker
    worker.stop()
    broker.flush_all()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_committed_notifications_are_sent_by_a_real_worker(worker):
    reporter = ReporterFactory(name="Sutrisno")
    complaint = services.submit(reporter=reporter, text="Jalan Supiturang rusak berat.")
    worker.join(send_notification.queue_name, timeout=30_000)
    ticket = Notification.objects.get(complaint=complaint, template_key="reporter.ticket_issued")
    assert ticket.status == Notification.State.SENT
    assert [m["to"] for m in transports.outbox] == [reporter.whatsapp_number]
    assert complaint.tracking_number in transports.outbox[0]["text"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_lost_broker_message_is_recovered_by_the_sweep_actor(worker):
    import datetime as dt

    reporter = ReporterFactory()
    complaint = services.submit(reporter=reporter, text="Sampah menumpuk di pasar.")
    worker.join(send_notification.queue_name, timeout=30_000)
    transports.outbox.clear()
    # Pretend the broker lost the message of a second row: it stays pending in the database.
    lost = Notification.objects.create(
        complaint=complaint,
        audience="reporter",
        channel="whatsapp",
        recipient_phone=reporter.whatsapp_number,
        template_key="reporter.dispatched",
        text="Pesan yang hilang dari antrean.",
        idempotency_key="lost:1",
        next_attempt_at=complaint.created_at - dt.timedelta(minutes=10),
    )
    sweep_outbox.send()
    worker.join(sweep_outbox.queue_name, timeout=30_000)
    worker.join(send_notification.queue_name, timeout=30_000)
    lost.refresh_from_db()
    assert lost.status == Notification.State.SENT
    assert [m["notification"] for m in transports.outbox] == [lost.pk]


def test_the_scheduler_knows_every_periodic_job():
    from dramatiq_crontab import scheduler

    names = {job.name for job in scheduler.get_jobs()}
    assert {"sweep_outbox", "sweep_reminders", "sweep_lifecycle"} <= names


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_no_actor_returns_a_value_for_the_worker_to_warn_about(worker, caplog):
    """Without a results backend Dramatiq warns about every returned value: every minute for
    the sweeps, burying what matters in the console. Every actor returns None."""
    import inspect

    for actor in sorted(worker.get_declared_actors()):
        fn = worker.get_actor(actor).fn
        args = [0] * len(inspect.signature(fn).parameters)  # ids that do not exist
        assert fn(*args) is None, actor

    sweep_outbox.send()
    worker.join(sweep_outbox.queue_name, timeout=30_000)
    assert not [r for r in caplog.records if "returned a value" in r.getMessage()]
