"""Benchmark: the reports app at scale — monthly recap, XLSX, annual report, strategic issues,
league table, the admin dashboard and the recap pages.

Loads N complaints (default 200,000 over three years) into a dedicated PostgreSQL database
with bench/public.py's COPY loader, extended here with what the reports read: a mix of
channels and urgency classes, response and resolution punctuality that differ by urgency and
agency, the deadline of each open state, the history-log events reports/figures.py counts
(dispatch, return by the agency, re-dispatch, out of authority, resolve, close, reopen — with
the create, respond, follow-up, personal-data and rating events around them, in time order)
and satisfaction answers for 40% of closed complaints; then VACUUM ANALYZE, as autovacuum
would have done. The recap of every month is generated (the backfill is timed too), then
measured in process, through Django's full request stack for the pages:
- reports.recap.generate() of last month: time, SQL queries, peak Python memory (tracemalloc,
  in a separate run so that tracing does not slow the timed ones);
- the XLSX of that month (reports/xlsx.py): time and bytes, and its download page;
- the annual report, recap.annual(year) of last year: time and queries, and its page (which
  adds the strategic issues of the year);
- strategic issues (reports/topics.py) for that month, and for 365 days (the annual view);
- the league table (reports/league.py) for that month;
- the Wagtail admin home page with the dashboard panels, as Admin Pengaduan and as the Admin
  OPD of the busiest agency: p50/p95 and queries;
- the recap index and detail pages, for both;
- with --pdf, the PDF download (needs Chromium).
The loader's states do not depend on age (3% of three years' complaints still wait for
verification), so the queue and late-complaint panels see more open complaints than a real
installation would, and its rows are not in time order on disk as real ones are.

Usage (PostgreSQL only):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/test .venv/bin/python bench/reports.py \
        [--complaints 200000] [--requests 20] [--repeat 5] [--pdf] [--keep]
--keep leaves the loaded database (sambat_bench_reports) for the next run, which then skips
the load. Writes bench/results/reports-postgresql.json (one entry per number of complaints,
the latest run of each, with the machine's load average while measuring) and prints a table.
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import statistics
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Run as a script, this file's folder heads sys.path and this file would shadow the
# ``reports`` app: the project root goes first instead.
sys.path[:] = [p for p in sys.path if Path(p or ".").resolve() != ROOT / "bench"]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sambat_site.settings.test")

from bench.public import (  # noqa: E402
    COMPLAINT_COLUMNS,
    load,
    percentile,
    run_in_bench_database,
)

BENCH_DB = "sambat_bench_reports"
COLUMN = {name.strip(): index for index, name in enumerate(COMPLAINT_COLUMNS.split(","))}
EXTRA_COLUMNS = ("resolved_on_time",)
CHANNELS = [  # share of each intake channel
    ("whatsapp", 55),
    ("web", 14),
    ("phone", 6),
    ("sms", 3),
    ("email", 3),
    ("letter", 2),
    ("walk_in", 3),
    ("instagram", 4),
    ("facebook", 3),
    ("twitter", 1),
    ("tiktok", 1),
    ("lapor", 4),
    ("open311", 1),
]
URGENCIES = [
    ("urgent", 8),
    ("normal", 52),
    ("information", 15),
    ("no_inspection", 15),
    ("field_inspection", 10),
]
# Share resolved within the follow-up deadline, by urgency class (before the agency's own
# offset), and that deadline in calendar days (the SOP's working days × 7/5).
RESOLVED_ON_TIME = {
    "urgent": 0.55,
    "normal": 0.75,
    "information": 0.9,
    "no_inspection": 0.85,
    "field_inspection": 0.7,
}
FOLLOW_UP_DAYS = {
    "urgent": 1.4,
    "normal": 4.2,
    "information": 7,
    "no_inspection": 19.6,
    "field_inspection": 60,
}

# The history log, one INSERT … SELECT branch per kind of event: (action, actor kind, from
# state, to state, agency, time, which complaints). One complaint in 33 was first sent to the
# wrong agency (%(lo)s/%(n)s: the agency ids), returned by it and re-dispatched; one closed
# complaint in 50 was reopened and resolved again.
WRONG = "%(lo)s + (c.agency_id - %(lo)s + 1) %% %(n)s"
REDISPATCHED = "c.dispatched_at IS NOT NULL AND c.id %% 33 = 0"
REOPENED = "c.closed_at IS NOT NULL AND c.id %% 50 = 7"
RATED = "c.closed_at IS NOT NULL AND c.id %% 5 < 2"
HISTORY = [
    ("create", "reporter", "", "submitted", "NULL::bigint", "c.created_at", "TRUE"),
    (
        "view_personal_data",
        "staff",
        "",
        "",
        "NULL",
        "c.created_at + interval '10 minutes'",
        "c.id %% 3 = 0",
    ),
    (
        "verify_and_dispatch",
        "staff",
        "submitted",
        "dispatched",
        f"CASE WHEN c.id %% 33 = 0 THEN {WRONG} ELSE c.agency_id END",
        "CASE WHEN c.id %% 33 = 0 THEN c.created_at + interval '20 minutes' "
        "ELSE c.dispatched_at END",
        "c.dispatched_at IS NOT NULL",
    ),
    (
        "return_by_agency",
        "staff",
        "dispatched",
        "returned_by_agency",
        WRONG,
        "c.created_at + interval '40 minutes'",
        REDISPATCHED,
    ),
    (
        "redispatch",
        "staff",
        "returned_by_agency",
        "dispatched",
        "c.agency_id",
        "c.dispatched_at",
        REDISPATCHED,
    ),
    (
        "return_by_agency",
        "staff",
        "dispatched",
        "returned_by_agency",
        "c.agency_id",
        "c.dispatched_at + interval '2 hours'",
        "c.status = 'returned_by_agency'",
    ),
    (
        "forward_out_of_authority",
        "staff",
        "submitted",
        "out_of_authority",
        "NULL",
        "c.created_at + interval '1 hour'",
        "c.status = 'out_of_authority'",
    ),
    (
        "archive",
        "staff",
        "submitted",
        "archived",
        "NULL",
        "c.created_at + interval '2 hours'",
        "c.status = 'archived'",
    ),
    (
        "respond",
        "staff",
        "dispatched",
        "responded",
        "c.agency_id",
        "c.responded_at",
        "c.responded_at IS NOT NULL",
    ),
    (
        "add_follow_up",
        "staff",
        "",
        "",
        "c.agency_id",
        "c.responded_at + interval '1 day'",
        "c.responded_at IS NOT NULL AND c.id %% 2 = 0",
    ),
    (
        "resolve",
        "staff",
        "responded",
        "resolved",
        "c.agency_id",
        "c.resolved_at",
        "c.resolved_at IS NOT NULL",
    ),
    (
        "reopen",
        "reporter",
        "resolved",
        "responded",
        "NULL",
        "c.resolved_at + interval '1 day'",
        REOPENED,
    ),
    (
        "resolve",
        "staff",
        "responded",
        "resolved",
        "c.agency_id",
        "c.resolved_at + interval '40 hours'",
        REOPENED,
    ),
    ("close", "system", "resolved", "closed", "NULL", "c.closed_at", "c.closed_at IS NOT NULL"),
    ("rate", "reporter", "", "", "NULL", "c.closed_at + interval '20 minutes'", RATED),
]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=200_000)
    parser.add_argument("--requests", type=int, default=20, help="requests per page")
    parser.add_argument("--repeat", type=int, default=5, help="calls per report function")
    parser.add_argument("--pdf", action="store_true", help="also the PDF (needs Chromium)")
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the loaded DB")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection

    if connection.vendor != "postgresql":
        sys.exit("bench/reports.py needs PostgreSQL: set DATABASE_URL (see the docstring).")
    # No setup_test_environment(): its instrumented template rendering (the test client then
    # copies every template context) would inflate the admin pages' timings.
    settings.RATELIMIT_ENABLE = False
    settings.ALLOWED_HOSTS = ["*"]
    results = run_in_bench_database(connection, BENCH_DB, args.keep, lambda: run(args, connection))

    out = ROOT / "bench" / "results" / "reports-postgresql.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    # One entry per number of complaints (the latest run of each); a run on a kept database
    # keeps the load times of the run that loaded it.
    runs = json.loads(out.read_text()).get("runs", {}) if out.exists() else {}
    earlier = runs.get(str(results["complaints"]), {})
    if results["reused_database"] and earlier.get("load_seconds"):
        for key in ("load_seconds", "history_seconds"):
            results[key] = earlier[key]
    runs[str(results["complaints"])] = results
    runs = dict(sorted(runs.items(), key=lambda item: int(item[0])))
    out.write_text(json.dumps({"runs": runs}, indent=2, ensure_ascii=False) + "\n")
    print(
        f"\ncomplaints: {results['complaints']:,} ({results['month_complaints']:,} filed in "
        f"{results['month']}), history-log rows: {results['activity_log_rows']:,}, "
        f"satisfaction answers: {results['satisfaction_responses']:,}"
    )
    print(
        f"load: {results['load_seconds']} s + history {results['history_seconds']} s + "
        f"VACUUM {results['vacuum_seconds']} s; "
        f"{results['recaps']} recaps generated in {results['backfill_seconds']} s; "
        f"{results['hardware']}, load average {results['load_average']}"
    )
    print(f"{'measure':<46}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'queries':>9}{'n':>5}  note")
    for name, row in results["measures"].items():
        print(
            f"{name:<46}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['max_ms']:>9.1f}"
            f"{row['queries']:>9}{row['n']:>5}  {row.get('note', '')}"
        )
    print(f"written to {out.relative_to(ROOT)}")


# --- loading -------------------------------------------------------------------------


def row_extender(seed: int = 2027):
    """The ``extend_row`` hook of bench.public.load: channel, urgency, punctuality (each
    agency a little better or worse than the rest), the deadline of the current state, and
    resolved_on_time (EXTRA_COLUMNS). Its own random generator leaves the loader's alone."""
    rng = random.Random(seed)
    channels = [c for c, share in CHANNELS for _ in range(share)]
    urgencies = [u for u, share in URGENCIES for _ in range(share)]
    offset: dict[int, float] = {}
    hour, day = dt.timedelta(hours=1), dt.timedelta(days=1)

    def extend(row: tuple) -> tuple:
        row = list(row)
        agency = row[COLUMN["agency_id"]]
        bonus = offset.setdefault(agency, rng.uniform(-0.2, 0.1)) if agency else 0.0
        urgency = rng.choice(urgencies)
        row[COLUMN["channel"]] = rng.choice(channels)
        row[COLUMN["urgency"]] = urgency
        created, dispatched, responded, resolved = (
            row[COLUMN[name]]
            for name in ("created_at", "dispatched_at", "responded_at", "resolved_at")
        )
        if responded:
            row[COLUMN["responded_on_time"]] = rng.random() < 0.8 + bonus
        resolved_on_time = rng.random() < RESOLVED_ON_TIME[urgency] + bonus if resolved else None
        row[COLUMN["due_at"]] = {
            "submitted": created + hour / 6,
            "returned_to_reporter": created + 5 * day,
            "dispatched": (dispatched or created) + 4 * hour,
            "returned_by_agency": (dispatched or created) + 2.2 * hour,
            "responded": (responded or created) + FOLLOW_UP_DAYS[urgency] * day,
            "resolved": (resolved or created) + 14 * day,
        }.get(row[COLUMN["status"]])
        return (*row, resolved_on_time)

    return extend


def allow_copy_defaults(connection) -> list[str]:
    """Give a database default to any NOT NULL column the COPY does not fill (a field added
    since bench/public.py was written: Django keeps defaults in Python, COPY needs one in
    the table). Only in the bench database."""
    defaults = {"jsonb": "'{}'::jsonb", "text": "''", "character varying": "''", "boolean": "false"}
    covered = set(COLUMN) | set(EXTRA_COLUMNS) | {"id"}
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = "
            "'pengaduan_complaint' AND is_nullable = 'NO' AND column_default IS NULL "
            "AND is_generated = 'NEVER' AND is_identity = 'NO'"
        )
        missing = [(name, kind) for name, kind in cursor.fetchall() if name not in covered]
        for name, kind in missing:
            if kind not in defaults:
                sys.exit(f"pengaduan_complaint.{name} ({kind}) needs a value in the loader.")
            cursor.execute(
                f'ALTER TABLE pengaduan_complaint ALTER COLUMN "{name}" '
                f"SET DEFAULT {defaults[kind]}"
            )
    return [name for name, _kind in missing]


def fill_history(connection) -> float:
    """The history log (in time order, as it is written) and the satisfaction answers."""
    started = time.perf_counter()
    branches = [  # fixed SQL of this file (HISTORY), no outside input
        f"SELECT c.id, c.reporter_id, '{action}', '{source}', '{target}', '{kind}', "  # noqa: S608
        f"{agency}, {moment} FROM pengaduan_complaint c WHERE {where}"
        for action, kind, source, target, agency, moment, where in HISTORY
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT min(id), count(*) FROM pengaduan_agency")
        lo, n = cursor.fetchone()
        # Bulk-load manners (this database only): the log's secondary indexes are built once
        # afterwards instead of row by row, and the foreign-key triggers are skipped (every
        # row is made from an existing complaint).
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes WHERE tablename = 'workflow_activitylog'"
            " AND indexname NOT LIKE '%%_pkey'"
        )
        indexes = cursor.fetchall()
        for name, _definition in indexes:
            cursor.execute(f'DROP INDEX "{name}"')
        cursor.execute("SET work_mem = '256MB'")
        cursor.execute("SET maintenance_work_mem = '512MB'")
        cursor.execute("SET session_replication_role = replica")
        cursor.execute(
            "INSERT INTO workflow_activitylog (complaint_id, reporter_id, action, from_state,"  # noqa: S608
            " to_state, actor_kind, agency_id, created_at, reason, data)"
            " SELECT *, '', '{}'::jsonb FROM (" + " UNION ALL ".join(branches) + ") AS e"
            " ORDER BY 8",
            {"lo": lo, "n": n},
        )
        cursor.execute(
            "INSERT INTO pengaduan_satisfactionresponse (complaint_id, rating, comment,"  # noqa: S608
            " created_at) SELECT c.id, CASE WHEN c.id * 37 %% 100 < 6 THEN 1"
            " WHEN c.id * 37 %% 100 < 14 THEN 2 WHEN c.id * 37 %% 100 < 32 THEN 3"
            " WHEN c.id * 37 %% 100 < 68 THEN 4 ELSE 5 END, '',"
            " c.closed_at + interval '20 minutes' FROM pengaduan_complaint c"
            f" WHERE {RATED} ORDER BY c.closed_at",
            {"lo": lo, "n": n},
        )
        cursor.execute("SET session_replication_role = DEFAULT")
        print(f"  history log written in {time.perf_counter() - started:.0f} s", flush=True)
        for _name, definition in indexes:
            cursor.execute(definition)
        print(f"  its indexes built by {time.perf_counter() - started:.0f} s", flush=True)
        cursor.execute("RESET work_mem")
        cursor.execute("RESET maintenance_work_mem")
    return round(time.perf_counter() - started, 1)


def vacuum(connection) -> float:
    """VACUUM ANALYZE, as autovacuum would long since have done in production (it is off on
    some servers): without the visibility map no count is an index-only scan, and a kept
    database may just have been rewritten by a new data migration."""
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for table in (
            "pengaduan_complaint",
            "workflow_activitylog",
            "pengaduan_satisfactionresponse",
        ):
            cursor.execute(f"VACUUM (ANALYZE) {table}")
    return round(time.perf_counter() - started, 1)


def staff_users(agency_id: int):
    from django.contrib.auth.models import Group, User

    from pengaduan.models import StaffProfile
    from workflow import policy

    made = []
    for username, role, agency in (
        ("bench.admin", policy.ADMIN_PENGADUAN, None),
        ("bench.opd", policy.ADMIN_OPD, agency_id),
    ):
        user, _ = User.objects.get_or_create(
            username=username, defaults={"email": f"{username}@example.org"}
        )
        user.groups.add(Group.objects.get(name=role))
        StaffProfile.objects.update_or_create(user=user, defaults={"agency_id": agency})
        made.append(user)
    return made


# --- measuring -----------------------------------------------------------------------


def run(args, connection) -> dict:
    from django.db.models import Count
    from django.test import Client
    from django.test.utils import CaptureQueriesContext
    from django.urls import reverse
    from django.utils import timezone

    from home.setup import ensure_public_pages
    from pengaduan.models import Complaint, SatisfactionResponse
    from reports import figures, league, pdf, recap, topics, xlsx
    from sambat_site.wsgi import warm_up_and_freeze
    from workflow.models import ActivityLog

    existing = Complaint.objects.count()
    load_seconds = history_seconds = 0.0
    defaulted: list[str] = []
    if existing != args.complaints:
        if existing:
            sys.exit(f"{BENCH_DB} holds {existing} complaints; run without --keep to reload.")
        print(f"loading {args.complaints:,} complaints…", flush=True)
        defaulted = allow_copy_defaults(connection)
        load_seconds = load(args.complaints, connection, row_extender(), EXTRA_COLUMNS)
        print(f"  loaded in {load_seconds} s; writing the history log…", flush=True)
        history_seconds = fill_history(connection)
        ensure_public_pages()
    vacuum_seconds = vacuum(connection)
    print(f"VACUUM ANALYZE: {vacuum_seconds} s", flush=True)

    busiest = (
        Complaint.objects.filter(agency__isnull=False)
        .values("agency_id")
        .annotate(n=Count("id"))
        .order_by("-n")
        .values_list("agency_id", flat=True)
        .first()
    )
    admin, operator = staff_users(busiest)

    # Every month's recap, as the scheduled job would have made them (the index lists 36).
    month = recap.previous_month()
    first = timezone.localdate(Complaint.objects.order_by("created_at").first().created_at)
    months, cursor = [], first.replace(day=1)
    while cursor <= month:
        months.append(cursor)
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    print(f"generating {len(months)} monthly recaps…", flush=True)
    begin = time.perf_counter()
    for item in months:
        recap.generate(item, announce=False)
    backfill_seconds = round(time.perf_counter() - begin, 1)

    warm_up_and_freeze()
    load_before = os.getloadavg()[0]
    measures: dict[str, dict] = {}
    measures_memory: dict[str, float] = {}

    def record(name, timings, queries, note=""):
        measures[name] = {
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
            "max_ms": round(max(timings), 1),
            "queries": queries,
            "n": len(timings),
        } | ({"note": note} if note else {})
        print(f"  {name}: p50 {measures[name]['p50_ms']} ms, max {measures[name]['max_ms']} ms")

    def call(name, function, repeat=args.repeat, memory=False, warm=True):
        """Time ``function`` (with ``warm``, after one uncounted call); with ``memory`` one
        more, traced call gives the peak of Python allocations."""
        value = function() if warm else None
        timings, queries = [], 0
        for _ in range(repeat):
            with CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                value = function()
                timings.append((time.perf_counter() - begin) * 1000)
            queries = max(queries, len(captured.captured_queries))
        note = ""
        if memory:
            tracemalloc.start()
            function()
            peak = tracemalloc.get_traced_memory()[1]
            tracemalloc.stop()
            note = f"peak Python memory {peak / 2**20:.1f} MiB"
            measures_memory[name] = round(peak / 2**20, 1)
        record(name, timings, queries, note)
        return value

    def get(name, client, urls, warm=True, content_type=None):
        if warm:
            client.get(urls[0])
        timings, queries, size = [], 0, 0
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            queries = max(queries, len(captured.captured_queries))
            if response.status_code != 200:
                sys.exit(f"{url}: HTTP {response.status_code}")
            if content_type and not response["Content-Type"].startswith(content_type):
                sys.exit(f"{url}: {response['Content-Type']}, not {content_type}")
            size = len(response.content)
        record(name, timings, queries, f"{size:,} bytes")

    label = f"{month:%Y-%m}"
    start, end = figures.month_bounds(month.year, month.month)
    year = month.year - 1 if month.month < 12 else month.year

    made = call(f"recap.generate({label})", lambda: recap.generate(month), memory=True)
    body = call(f"xlsx.workbook({label})", lambda: xlsx.workbook(made.data))
    measures[f"xlsx.workbook({label})"]["note"] = f"{len(body):,} bytes"
    measures[f"xlsx.workbook({label})"]["bytes"] = len(body)
    call(
        f"recap.annual({year})",
        lambda: recap.annual(year),
        repeat=min(2, args.repeat),
        memory=True,
        warm=False,
    )
    issues = call(
        f"topics.strategic_issues({label})",
        lambda: topics.strategic_issues(start, end),
        memory=True,
    )
    call(
        f"topics.strategic_issues(365 days to {label})",
        lambda: topics.strategic_issues(end - dt.timedelta(days=365), end, limit=10),
        repeat=1,
        warm=False,
    )
    rows = call(f"league.table({label})", lambda: league.table(start, end))

    clients = {}
    for role, user in (("Admin Pengaduan", admin), ("Admin OPD", operator)):
        clients[role] = Client()
        clients[role].force_login(user)
    n = args.requests
    for role, client in clients.items():
        get(f"GET /admin/ (dashboard) as {role}", client, ["/admin/"] * n)
    for role, client in clients.items():
        get(f"recap index as {role}", client, [reverse("reports_recaps")] * n)
        get(f"recap detail as {role}", client, [reverse("reports_recap", args=[label])] * n)
    get(
        "recap XLSX download as Admin Pengaduan",
        clients["Admin Pengaduan"],
        [reverse("reports_recap_download", args=[label, "xlsx"])] * max(3, n // 4),
        content_type="application/vnd.openxmlformats",
    )
    get(
        f"annual report page {year} as Admin Pengaduan",
        clients["Admin Pengaduan"],
        [reverse("reports_annual") + f"?tahun={year}"] * min(2, n),
        warm=False,
    )
    if args.pdf:
        if pdf.chromium_path():
            get(
                "recap PDF download as Admin Pengaduan",
                clients["Admin Pengaduan"],
                [reverse("reports_recap_download", args=[label, "pdf"])] * 3,
                content_type="application/pdf",
            )
        else:
            print("  --pdf: Chromium not found, PDF skipped")

    with connection.cursor() as cursor:
        cursor.execute("SELECT version()")
        version = cursor.fetchone()[0].split(" on ")[0]
    return {
        "database": connection.vendor,
        "postgresql": version,
        "hardware": f"{os.cpu_count()} cores, {platform.machine()}, Python "
        f"{platform.python_version()}",
        # Other work on the machine inflates the timings: the 1-minute load average when the
        # measuring started and ended (0 = idle, the number of cores = saturated).
        "load_average": [round(load_before, 2), round(os.getloadavg()[0], 2)],
        "complaints": Complaint.objects.count(),
        "month": label,
        "month_complaints": Complaint.objects.filter(
            created_at__gte=start, created_at__lt=end
        ).count(),
        "month_recap_overall": made.data["overall"],
        "recap_agencies": len(made.data["agencies"]),
        "recap_index_rows": min(36, len(months)),
        "activity_log_rows": ActivityLog.objects.count(),
        "satisfaction_responses": SatisfactionResponse.objects.count(),
        "strategic_top_terms": [t.term for t in issues["top"][:5]],
        "league_rows": len(rows),
        "opd_user_agency_complaints": Complaint.objects.filter(agency_id=busiest).count(),
        "defaulted_columns": defaulted,
        "reused_database": not load_seconds,
        "load_seconds": load_seconds,
        "history_seconds": history_seconds,
        "vacuum_seconds": vacuum_seconds,
        "recaps": len(months),
        "backfill_seconds": backfill_seconds,
        "peak_python_memory_mib": measures_memory,
        "measures": measures,
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


if __name__ == "__main__":
    main()
