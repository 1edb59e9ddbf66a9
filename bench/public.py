"""Benchmark: the public site at scale (SPEC §10: list/search p95 < 300 ms at 1,000,000
complaints with ≤ 10 queries per page; tracking lookup p95 < 50 ms).

Loads N complaints (default 1,000,000) into a dedicated PostgreSQL database with COPY —
realistic texts (the demo complaints plus village names), all nine states, public /
anonymous / confidential, three years of dates, the 72 demo agencies — then measures
through Django's full request stack (in process, no network):
- the Beranda list, first page and page 500 (reached by following "lebih lama" 499 times);
- an OPD filter, keyword searches (common and rare words), all filters combined;
- each search of SEARCHES on its own, in both orders ("Paling relevan", "Terbaru"): words
  found through synonyms and slang, queries that fall back to partial matches, and the
  pages that follow (reached through "berikutnya" / "lebih lama");
- tracking lookups by number (published, confidential and unknown numbers);
- the statistics page, uncached and cached.

Usage (PostgreSQL only; SQLite is the quickstart's fallback, not a 1M-row store):
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/sambat_bench_public \
        .venv/bin/python bench/public.py \
        [--complaints 1000000] [--requests 40] [--keep]
--keep leaves the loaded database (sambat_bench_public) for the next run, which then skips
the load. Writes bench/results/public-postgresql.json and prints a table.
"""

import argparse
import datetime as dt
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sambat_site.settings.test")

BENCH_DB = "sambat_bench_public"
ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
STATES = [  # share of each state in a mature installation
    ("submitted", 3),
    ("returned_to_reporter", 1),
    ("dispatched", 6),
    ("returned_by_agency", 1),
    ("responded", 12),
    ("resolved", 10),
    ("closed", 58),
    ("archived", 6),
    ("out_of_authority", 3),
]
VISIBILITY = [("public", 70), ("anonymous", 20), ("confidential", 10)]
VILLAGES = [
    "Kalibendo",
    "Pasirian",
    "Sumberwuluh",
    "Candipuro",
    "Supiturang",
    "Pronojiwo",
    "Ditotrunan",
    "Citrodiwangsan",
    "Tempeh",
    "Jatiroto",
    "Klakah",
    "Ranuyoso",
    "Yosowilangun",
    "Kunir",
    "Tekung",
    "Rowokangkung",
    "Senduro",
    "Gucialit",
    "Padang",
    "Sukodono",
    "Randuagung",
    "Kedungjajang",
    "Pasrujambe",
    "Tempursari",
    "Ranupane",
    "Argosari",
    "Burno",
    "Wonorejo",
    "Tukum",
    "Jogotrunan",
    "Rogotrunan",
    "Kepuharjo",
    "Sememu",
    "Bades",
    "Selok",
    "Jarit",
    "Condro",
    "Madurejo",
]
# The columns of each COPY row of pengaduan_complaint, in order (see ``load``).
COMPLAINT_COLUMNS = (
    "tracking_number, reporter_id, channel, source_reference, text, public_text, "
    "location_text, visibility, status, agency_id, urgency, archive_reason, forwarded_to, "
    "due_at, created_at, updated_at, status_changed_at, dispatched_at, responded_at, "
    "resolved_at, closed_at, responded_on_time, response_office_minutes, "
    "resolution_office_minutes, search_text, attributes"
)
KEYWORDS = ["jalan rusak", "lampu", "sampah", "bpjs", "kalibendo", "air pdam mati", "sekolah"]
# Measured one by one: (label, query). Multi-word queries answered through synonyms
# (rusak ~ berlubang ~ retak …) and slang (jln, bolong, pju), and queries few complaints
# match in full, which fall back to partial matches ranked by the words they hold.
SEARCHES = [
    ("jalan rusak", "jalan rusak"),
    ("lampu jalan mati", "lampu jalan mati"),
    ("slang: jln bolong", "jln bolong"),
    ("slang: pju mati", "pju mati"),
    ("one common word: jalan", "jalan"),
    ("fallback, 3 words: sampah kalibendo bpjs", "sampah kalibendo bpjs"),
    ("fallback, 6 words", "jalan rusak sampah banjir lampu mati"),
    ("nothing at all: tidakadakatasepertiini", "tidakadakatasepertiini"),
]


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def run_in_bench_database(connection, name: str, keep: bool, run):
    """``run()`` inside a throwaway PostgreSQL database ``name`` (kept for the next run with
    ``keep``); shared by the benchmarks that load a million rows."""
    connection.settings_dict["TEST"]["NAME"] = name
    old_name = connection.creation.create_test_db(
        verbosity=0, autoclobber=True, keepdb=keep, serialize=False
    )
    try:
        return run()
    finally:
        if keep:
            connection.close()
            connection.settings_dict["NAME"] = old_name
        else:
            connection.creation.destroy_test_db(old_name, verbosity=0)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--complaints", type=int, default=1_000_000)
    parser.add_argument("--requests", type=int, default=40)
    parser.add_argument("--keep", action="store_true", help="keep (and reuse) the loaded DB")
    args = parser.parse_args()

    import django

    django.setup()
    from django.conf import settings
    from django.db import connection
    from django.test.utils import setup_test_environment

    if connection.vendor != "postgresql":
        sys.exit("bench/public.py needs PostgreSQL: set DATABASE_URL (see the docstring).")
    setup_test_environment()
    settings.RATELIMIT_ENABLE = False  # one client hammering on purpose
    settings.ALLOWED_HOSTS = ["*"]
    results = run_in_bench_database(connection, BENCH_DB, args.keep, lambda: run(args, connection))

    out = ROOT / "bench" / "results" / "public-postgresql.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\ncomplaints: {results['complaints']:,}, load: {results['load_seconds']} s")
    print(f"{'measure':<72}{'p50 ms':>9}{'p95 ms':>9}{'max ms':>9}{'queries':>9}{'n':>6}")
    for name, row in results["pages"].items():
        print(
            f"{name:<72}{row['p50_ms']:>9.1f}{row['p95_ms']:>9.1f}{row['max_ms']:>9.1f}"
            f"{row['queries']:>9}{row['n']:>6}"
        )
    print(f"page 500 / first page (p50): {results['deep_vs_first_p50']}")
    print(f"written to {out.relative_to(ROOT)}")


# --- loading -------------------------------------------------------------------------

REPORTER_COLUMNS = "name, whatsapp_number, nik, nik_status, address, email, created_at"


def check_copy_columns(connection, complaint_columns) -> None:
    """Stop with the column's name when a NOT NULL column without a database default is
    missing from a COPY (a field added to the model since: Django keeps defaults in Python,
    COPY needs a value), instead of a COPY error a million rows in."""
    covered = {
        "pengaduan_complaint": {name.strip() for name in complaint_columns},
        "pengaduan_reporter": {name.strip() for name in REPORTER_COLUMNS.split(",")},
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT table_name, column_name FROM information_schema.columns WHERE table_name"
            " IN ('pengaduan_complaint', 'pengaduan_reporter') AND is_nullable = 'NO' AND"
            " column_default IS NULL AND is_generated = 'NEVER' AND is_identity = 'NO'"
        )
        missing = [f"{t}.{c}" for t, c in cursor.fetchall() if c not in covered[t]]
    if missing:
        sys.exit(f"bench/public.py: the loader gives no value to {', '.join(missing)}.")


def load(count: int, connection, extend_row=None, extra_columns=()) -> float:
    """COPY ``count`` complaints (and their reporters and agencies) in; returns seconds.

    ``extend_row``, if given, receives each complaint row (a tuple in COMPLAINT_COLUMNS
    order) and returns the row to write instead, followed by the values of ``extra_columns``
    (bench/reports.py fills what the reports read this way).
    """
    from django.utils import timezone

    from faq.text import tokens
    from pengaduan.demo.agencies import AGENCIES
    from pengaduan.demo.complaints import COMPLAINTS
    from pengaduan.models import Agency
    from pengaduan.redaction import redact

    started = time.perf_counter()
    check_copy_columns(connection, [*COMPLAINT_COLUMNS.split(","), *extra_columns])
    rng = random.Random(2026)
    agencies = Agency.objects.bulk_create(
        [
            Agency(
                name=a["name"],
                short_name=a["short_name"],
                kind=a["kind"],
                keywords=", ".join(a["keywords"]),
            )
            for a in AGENCIES
        ]
    )
    by_short = {a.short_name: a for a in agencies}
    demo = [(c["text"], by_short[c["agency"]]) for c in COMPLAINTS if c["agency"] in by_short]
    reporters = max(1, count // 5)
    now = timezone.now()
    with connection.cursor() as cursor:
        raw = cursor.connection
        with (
            raw.cursor() as cur,
            cur.copy(f"COPY pengaduan_reporter ({REPORTER_COLUMNS}) FROM STDIN") as copy,
        ):
            for i in range(reporters):
                copy.write_row((f"Warga Uji {i}", f"+62857{i:08d}", "", "unchecked", "", "", now))
        cur = raw.cursor()
        cur.execute("SELECT min(id) FROM pengaduan_reporter")
        first_reporter = cur.fetchone()[0]

    states = [s for s, share in STATES for _ in range(share)]
    visibilities = [v for v, share in VISIBILITY for _ in range(share)]
    documents: dict[tuple[int, int], str] = {}
    village_words = {v: " ".join(tokens(f"Lokasi: Desa {v}.")) for v in VILLAGES}
    numbers: set[str] = set()
    span = dt.timedelta(days=3 * 365)
    columns = ", ".join([COMPLAINT_COLUMNS, *extra_columns])
    with connection.cursor() as cursor:
        raw = cursor.connection
        with (
            raw.cursor() as cur,
            cur.copy(f"COPY pengaduan_complaint ({columns}) FROM STDIN") as copy,
        ):
            write = (
                copy.write_row if extend_row is None else (lambda r: copy.write_row(extend_row(r)))
            )
            for i in range(count):
                created = now - span * rng.random()
                while True:
                    number = f"SB-{created:%y%m}-" + "".join(rng.choices(ALPHABET, k=5))
                    if number not in numbers:
                        numbers.add(number)
                        break
                index = rng.randrange(len(demo))
                text, agency = demo[index]
                village = rng.choice(VILLAGES)
                state = rng.choice(states)
                routed = state not in (
                    "submitted",
                    "returned_to_reporter",
                    "archived",
                    "out_of_authority",
                )
                key = (index, agency.pk if routed else 0)
                if key not in documents:
                    parts = [text] + ([agency.name, agency.short_name] if routed else [])
                    documents[key] = " ".join(tokens(" ".join(parts)))
                public_text = redact(f"{text} Lokasi: Desa {village}.")
                search_text = f" {documents[key]} {village_words[village]} "
                hour = dt.timedelta(hours=1)
                dispatched = created + hour if routed else None
                responded = (
                    created + hour * rng.uniform(1.2, 30)
                    if state in ("responded", "resolved", "closed")
                    else None
                )
                resolved = (
                    responded + hour * rng.uniform(2, 200)
                    if responded and state in ("resolved", "closed")
                    else None
                )
                closed = resolved + hour * 48 if resolved and state == "closed" else None
                write(
                    (
                        number,
                        first_reporter + rng.randrange(reporters),
                        "whatsapp",
                        "",
                        text,
                        public_text,
                        f"Desa {village}",
                        rng.choice(visibilities),
                        state,
                        agency.pk if routed else None,
                        "normal",
                        "",
                        "",
                        None,
                        created,
                        created,
                        closed or resolved or responded or dispatched or created,
                        dispatched,
                        responded,
                        resolved,
                        closed,
                        (rng.random() < 0.8) if responded else None,
                        int(rng.uniform(30, 900)) if responded else None,
                        int(rng.uniform(300, 9000)) if resolved else None,
                        search_text,
                        "{}",
                    )
                )
                if i and i % 100_000 == 0:
                    print(f"  {i:,} rows in {time.perf_counter() - started:.0f} s", flush=True)
        with raw.cursor() as cur:
            cur.execute("ANALYZE pengaduan_complaint")
            cur.execute("ANALYZE pengaduan_reporter")
    return round(time.perf_counter() - started, 1)


# --- measuring -----------------------------------------------------------------------


def run(args, connection) -> dict:
    import re
    from urllib.parse import urlencode

    from django.core.cache import cache
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from home.setup import ensure_public_pages
    from pengaduan.models import Complaint

    existing = Complaint.objects.count()
    load_seconds = 0.0
    if existing != args.complaints:
        if existing:
            sys.exit(f"{BENCH_DB} holds {existing} complaints; run without --keep to reload.")
        print(f"loading {args.complaints:,} complaints…", flush=True)
        load_seconds = load(args.complaints, connection)
        ensure_public_pages()
    from sambat_site.wsgi import warm_up_and_freeze

    warm_up_and_freeze()
    client = Client()
    rng = random.Random(11)
    pages: dict[str, dict] = {}

    def measure(name, urls, warm=True):
        if warm:
            client.get(urls[0])
        timings, queries, status = [], 0, set()
        for url in urls:
            with CaptureQueriesContext(connection) as captured:
                begin = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - begin) * 1000)
            queries = max(queries, len(captured.captured_queries))
            status.add(response.status_code)
        pages[name] = {
            "p50_ms": round(statistics.median(timings), 1),
            "p95_ms": round(percentile(timings, 0.95), 1),
            "max_ms": round(max(timings), 1),
            "queries": queries,
            "n": len(urls),
            "status": sorted(status),
        }
        print(f"  {name}: p50 {pages[name]['p50_ms']} ms, p95 {pages[name]['p95_ms']} ms")

    n = args.requests
    measure("list: first page", ["/"] * n)

    # Page 500, reached as a reader would: following "lebih lama" from the first page.
    url, walk = "/", []
    for _ in range(499):
        begin = time.perf_counter()
        html = client.get(url).content.decode()
        walk.append((time.perf_counter() - begin) * 1000)
        link = re.search(r'rel="next" href="([^"]*)"', html)
        url = link[1].replace("&amp;", "&")
    pages["list: pages 2–500 while walking"] = {
        "p50_ms": round(statistics.median(walk), 1),
        "p95_ms": round(percentile(walk, 0.95), 1),
        "max_ms": round(max(walk), 1),
        "queries": pages["list: first page"]["queries"],
        "n": len(walk),
        "status": [200],
    }
    measure("list: page 500", [url] * n)

    agencies = list(
        Complaint.objects.public().values_list("agency__short_name", flat=True).distinct()
    )
    agencies = [a for a in agencies if a]
    measure("list: OPD filter", [f"/?opd={rng.choice(agencies)}" for _ in range(n)])
    measure("list: keyword search", [f"/?q={KEYWORDS[i % len(KEYWORDS)]}" for i in range(n)])
    month = f"{dt.date.today().year - 1}-06"
    measure(
        "list: OPD + keyword + status + month",
        [f"/?opd={rng.choice(agencies)}&q=jalan&status=closed&bulan={month}" for _ in range(n)],
    )
    measure(
        "list: OPD + 'jalan rusak' + status + month",
        [
            f"/?opd={rng.choice(agencies)}&q=jalan+rusak&status=closed&bulan={month}"
            for _ in range(n)
        ],
    )
    searches = {}
    for label, query in SEARCHES:
        for order, name in (("relevan", "Paling relevan"), ("terbaru", "Terbaru")):
            first = f"/?{urlencode({'q': query, 'urutan': order})}"
            measure(f"search {label} ({name})", [first] * n)
            # The pages after the first, as a reader follows them (up to 20).
            url, later, shown, partial, later_queries = first, [], 0, False, 0
            for page in range(21):
                with CaptureQueriesContext(connection) as captured:
                    begin = time.perf_counter()
                    html = client.get(url).content.decode()
                if page:
                    later.append((time.perf_counter() - begin) * 1000)
                    later_queries = max(later_queries, len(captured.captured_queries))
                shown += len(re.findall(r'class="complaint-card"', html))
                partial = partial or "memuat sebagian ikut ditampilkan" in html
                link = re.search(r'rel="next" href="([^"]*)"', html)
                if not link:
                    break
                url = link[1].replace("&amp;", "&")
            searches[f"{label} ({name})"] = {
                "query": query,
                "order": order,
                "partial_matches": partial,
                "pages_read": len(later) + 1,
                "complaints_listed": shown,
            }
            if later:
                pages[f"search {label} ({name}): pages 2–{len(later) + 1}"] = {
                    "p50_ms": round(statistics.median(later), 1),
                    "p95_ms": round(percentile(later, 0.95), 1),
                    "max_ms": round(max(later), 1),
                    "queries": later_queries,
                    "n": len(later),
                    "status": [200],
                }
    sample = list(
        Complaint.objects.order_by("?").values_list("tracking_number", flat=True)[: n * 2]
    )
    lookups = [f"/aduan/{number}/" for number in sample]
    lookups += [f"/aduan/SB-2504-{''.join(rng.choices(ALPHABET, k=5))}/" for _ in range(n)]
    rng.shuffle(lookups)
    measure("tracking lookup (found and unknown)", lookups)
    public_numbers = list(
        Complaint.objects.public().order_by("?").values_list("tracking_number", flat=True)[:n]
    )
    measure("complaint page (published)", [f"/aduan/{x}/" for x in public_numbers])

    year = dt.date.today().year
    cache.clear()
    measure("statistics page (first, uncached)", [f"/statistik/?tahun={year}"], warm=False)
    measure("statistics page (cached)", [f"/statistik/?tahun={year}"] * n)

    return {
        "database": connection.vendor,
        "complaints": Complaint.objects.count(),
        "public_complaints": Complaint.objects.public().count(),
        "load_seconds": load_seconds,
        "pages": pages,
        "searches": searches,
        "deep_vs_first_p50": round(
            pages["list: page 500"]["p50_ms"] / pages["list: first page"]["p50_ms"], 2
        ),
        "targets": {"list_and_search_p95_ms": 300, "lookup_p95_ms": 50, "queries": 10},
        "measured_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
    }


if __name__ == "__main__":
    main()
