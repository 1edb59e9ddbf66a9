"""Benchmark: staff admin list/inspect latency and workflow-service throughput.

Creates a throwaway database (SQLite by default, PostgreSQL with DATABASE_URL), fills it with
N complaints spread over 30 agencies, then measures:
- the complaint list for Admin Pengaduan (all rows) and for one Admin OPD (its agency only),
  first page and a deep page, with the number of SQL queries per page;
- the inspect page of one complaint;
- verify_and_dispatch + respond through workflow.services (the full one-door path).

Usage: .venv/bin/python bench/admin_and_services.py [--complaints 20000] [--requests 30]
Writes bench/results/admin_and_services-<vendor>.json and prints a table.
"""

import argparse
import datetime as dt
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sambat_site.settings.test")


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))
    return ordered[index]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=20000)
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--transitions", type=int, default=200)
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        results = run(args, connection, CaptureQueriesContext)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)

    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"admin_and_services-{results['database']}.json"
    out.write_text(json.dumps(results, indent=2))
    print(f"\n{'measure':<42}{'p50 ms':>10}{'p95 ms':>10}{'queries':>10}")
    for name, row in results["pages"].items():
        print(f"{name:<42}{row['p50_ms']:>10.1f}{row['p95_ms']:>10.1f}{row['queries']:>10}")
    print(
        f"{'services: dispatch+respond per complaint':<42}"
        f"{results['services']['ms_per_complaint']:>10.1f}"
    )
    print(f"\nwritten to {out.relative_to(ROOT)}")


def run(args, connection, capture):
    import random

    from django.contrib.auth.models import Group, User
    from django.test import Client
    from django.urls import reverse
    from django.utils import timezone

    from pengaduan.models import Agency, Complaint, Reporter, StaffProfile, random_tracking_number
    from workflow import policy, services
    from workflow.states import Status

    rng = random.Random(7)
    agencies = Agency.objects.bulk_create(
        [
            Agency(name=f"Dinas Uji {i}", short_name=f"UJI{i}", kind=Agency.Kind.DINAS)
            for i in range(30)
        ]
    )
    reporters = Reporter.objects.bulk_create(
        [Reporter(name=f"Warga {i}", whatsapp_number=f"+62857{i:08d}") for i in range(2000)]
    )
    now = timezone.now()
    states = [Status.DISPATCHED, Status.RESPONDED, Status.RESOLVED, Status.CLOSED, Status.SUBMITTED]
    started = time.perf_counter()
    batch = []
    numbers = set()
    while len(numbers) < args.complaints:  # bulk_create has no retry on a collision
        numbers.add(random_tracking_number())
    for i, number in enumerate(sorted(numbers)):
        state = rng.choice(states)
        batch.append(
            Complaint(
                tracking_number=number,
                reporter=rng.choice(reporters),
                text=f"Aduan uji {i}: jalan berlubang dan lampu jalan mati di dusun {i % 97}.",
                public_text=f"Aduan uji nomor {i}.",
                status=state,
                agency=None if state == Status.SUBMITTED else rng.choice(agencies),
                created_at=now - dt.timedelta(minutes=i),
                due_at=now + dt.timedelta(hours=rng.randint(-48, 48)),
            )
        )
        if len(batch) == 2000:
            Complaint.objects.bulk_create(batch)
            batch = []
    Complaint.objects.bulk_create(batch)
    fill_seconds = time.perf_counter() - started

    admin = User.objects.create_user("bench.admin")
    admin.groups.add(Group.objects.get(name=policy.ADMIN_PENGADUAN))
    StaffProfile.objects.create(user=admin)
    operator = User.objects.create_user("bench.opd")
    operator.groups.add(Group.objects.get(name=policy.ADMIN_OPD))
    StaffProfile.objects.create(user=operator, agency=agencies[0])

    from sambat_site.wsgi import warm_up_and_freeze

    warm_up_and_freeze()  # as the production WSGI entry point does
    list_url = reverse("wagtailsnippets_pengaduan_complaint:list")
    pages = {}

    def measure(name, user, url, params=None):
        client = Client()
        client.force_login(user)
        client.get(url, params)  # warm up
        timings = []
        for _ in range(args.requests):
            begin = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - begin) * 1000)
            assert response.status_code == 200, (name, response.status_code)
        with capture(connection) as queries:
            client.get(url, params)
        pages[name] = {
            "p50_ms": statistics.median(timings),
            "p95_ms": percentile(timings, 0.95),
            "queries": len(queries),
        }

    measure("admin list, page 1", admin, list_url)
    measure("admin list, page 100", admin, list_url, {"p": 100})
    measure("admin list, search 'dusun 42'", admin, list_url, {"q": "dusun 42"})
    measure("admin list, filter late", admin, list_url, {"late": "true"})
    measure("Admin OPD list, page 1", operator, list_url)
    sample = Complaint.objects.filter(agency=agencies[0], status=Status.DISPATCHED).first()
    measure(
        "Admin OPD inspect",
        operator,
        reverse("wagtailsnippets_pengaduan_complaint:inspect", args=[sample.pk]),
    )

    # The one-door path: lock, policy check, transition, save, log (x2 per complaint).
    reporter = reporters[0]
    fresh = [
        services.submit(reporter=reporter, text=f"Aduan layanan {i}")
        for i in range(args.transitions)
    ]
    begin = time.perf_counter()
    for complaint in fresh:
        services.verify_and_dispatch(complaint, agencies[0], by=admin)
        services.respond(complaint, by=operator, text="Segera ditindaklanjuti.")
    service_seconds = time.perf_counter() - begin

    return {
        "database": connection.vendor,
        "complaints": args.complaints,
        "fill_seconds": round(fill_seconds, 2),
        "requests_per_measure": args.requests,
        "pages": pages,
        "services": {
            "complaints": args.transitions,
            "ms_per_complaint": service_seconds * 1000 / args.transitions,
        },
        "measured_at": timezone.now().isoformat(),
    }


if __name__ == "__main__":
    main()
