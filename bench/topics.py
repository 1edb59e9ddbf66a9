"""Benchmark: the strategic-issues report (reports/topics.py) on a month of N complaints.

Creates a throwaway database (SQLite by default, PostgreSQL with DATABASE_URL) and fills it
with two months of complaints made from the demo texts (reports/data/demo_month.py: N in the
month measured, N in the month before it, which "rising" compares with), then times
topics.strategic_issues() over the month: whole runs (database read, privacy pass,
reading, counting) and the SQL queries of one run. Prints the topics it found.

Usage: .venv/bin/python bench/topics.py [--complaints 10000] [--repeat 3]
Writes bench/results/topics-<vendor>.json and prints a table.
"""

import argparse
import datetime as dt
import json
import os
import platform
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder heads sys.path; the project root goes first instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sambat_site.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=10000)
    parser.add_argument("--repeat", type=int, default=3)
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
    out = out_dir / f"topics-{results['database']}.json"
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\n{'measure':<52}{'value':>14}")
    print(f"{'complaints in the month (+ the month before)':<52}{results['complaints']:>14,}")
    print(f"{'load (s)':<52}{results['load_s']:>14.1f}")
    timing = f"{results['p50_s']:.2f} / {results['max_s']:.2f}"
    print(f"{'strategic_issues() p50 / max (s)':<52}{timing:>14}")
    print(f"{'SQL queries per run':<52}{results['queries']:>14}")
    print(f"\nwritten to {out.relative_to(ROOT)}")


def run(args, connection, capture) -> dict:
    from django.utils import timezone

    from reports import topics
    from reports.data import demo_month

    tz = timezone.get_default_timezone()
    start = dt.datetime(2025, 5, 1, tzinfo=tz)
    end = dt.datetime(2025, 5, 31, tzinfo=tz)
    began = time.perf_counter()
    demo_month.store(
        demo_month.month(args.complaints, start - dt.timedelta(days=30), seed=1), prefix="SB-P"
    )
    demo_month.store(
        demo_month.month(args.complaints, start, seed=2, boost={r"\bPDAM\b": 2.5}), prefix="SB-C"
    )
    load = time.perf_counter() - began

    timings = []
    result = None
    for _ in range(max(1, args.repeat)):
        began = time.perf_counter()
        result = topics.strategic_issues(start, end)
        timings.append(time.perf_counter() - began)
    with capture(connection) as captured:
        topics.strategic_issues(start, end)

    print(f"{result['complaints']:,} complaints. Top topics:")
    for t in result["top"]:
        print(f"  {t.term}: {t.count} (before {t.previous}) {t.agencies[:1]} {t.kecamatan[:1]}")
    print("Rising:")
    for t in result["rising"]:
        print(f"  {t.term}: {t.previous} → {t.count}")
    return {
        "database": connection.vendor,
        "complaints": result["complaints"],
        "load_s": round(load, 2),
        "timings_s": [round(t, 3) for t in timings],
        "p50_s": round(statistics.median(timings), 3),
        "max_s": round(max(timings), 3),
        "queries": len(captured.captured_queries),
        "top": [(t.term, t.count, t.previous) for t in result["top"]],
        "rising": [(t.term, t.count, t.previous) for t in result["rising"]],
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count()},
        "load_average": os.getloadavg()[0] if hasattr(os, "getloadavg") else None,
    }


if __name__ == "__main__":
    main()
