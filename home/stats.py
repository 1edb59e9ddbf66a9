"""Figures for the public statistics page [SPEC §7][004].

Per agency, over complaints dispatched in the period (confidential ones count too: only
numbers leave): received, responded within the service level, median office time to the
response and to the resolution, resolved, satisfaction. Computed in the database (medians with
``percentile_cont`` on PostgreSQL, in Python on SQLite) and cached for a few minutes.

A median of fewer than ``MIN_SAMPLES`` complaints says more about the one or two complaints
than about the agency: the page shows "belum cukup data" instead (``*_time_known``).
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import defaultdict
from dataclasses import dataclass, field

from django.core.cache import cache
from django.db import connections
from django.db.models import Aggregate, Avg, Count, FloatField, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from pengaduan.models import Agency, Complaint

# Refreshed every 5 minutes for the default views by home.tasks; other periods on demand.
CACHE_SECONDS = 900
CACHE_VERSION = 2
# The fewest timed complaints a median is shown for.
MIN_SAMPLES = 5


class Median(Aggregate):
    function = "PERCENTILE_CONT"
    name = "median"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


@dataclass
class AgencyFigures:
    agency_id: int
    name: str
    short_name: str
    received: int = 0
    responded: int = 0
    on_time: int = 0
    resolved: int = 0
    median_response_minutes: float | None = None
    median_resolution_minutes: float | None = None
    # How many complaints each median is taken over.
    response_samples: int = 0
    resolution_samples: int = 0
    satisfaction: float | None = None
    ratings: int = 0

    @property
    def on_time_percent(self) -> float | None:
        return round(100 * self.on_time / self.responded, 1) if self.responded else None

    @property
    def response_time_known(self) -> bool:
        return self.median_response_minutes is not None and self.response_samples >= MIN_SAMPLES

    @property
    def resolution_time_known(self) -> bool:
        return self.median_resolution_minutes is not None and self.resolution_samples >= MIN_SAMPLES


@dataclass
class Statistics:
    start: dt.datetime
    end: dt.datetime
    agencies: list[AgencyFigures] = field(default_factory=list)
    total: AgencyFigures | None = None
    months: list[tuple[dt.date, int, int]] = field(default_factory=list)
    league: list = field(default_factory=list)

    @property
    def min_samples(self) -> int:
        return MIN_SAMPLES


def period(year: int, month: int | None = None) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_current_timezone()
    if month:
        start = dt.datetime(year, month, 1, tzinfo=tz)
        end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    else:
        start, end = dt.datetime(year, 1, 1, tzinfo=tz), dt.datetime(year + 1, 1, 1, tzinfo=tz)
    return start, end


def _key(year: int, month: int | None) -> str:
    return f"public-stats:{year}:{month or 0}"


def for_period(year: int, month: int | None = None) -> Statistics:
    cached = cache.get(_key(year, month), version=CACHE_VERSION)
    if cached is None:
        cached = compute(*period(year, month))
        cache.set(_key(year, month), cached, CACHE_SECONDS, version=CACHE_VERSION)
    return cached


def refresh_defaults(today: dt.date | None = None) -> list[str]:
    """Compute and cache this year and this month (what the page shows by default)."""
    today = today or timezone.localdate()
    keys = []
    for year, month in ((today.year, None), (today.year, today.month)):
        cache.set(
            _key(year, month), compute(*period(year, month)), CACHE_SECONDS, version=CACHE_VERSION
        )
        keys.append(_key(year, month))
    return keys


def compute(start: dt.datetime, end: dt.datetime) -> Statistics:
    dispatched = Complaint.objects.filter(
        dispatched_at__gte=start, dispatched_at__lt=end, agency__isnull=False
    )
    counts = dispatched.values("agency").annotate(
        received=Count("id"),
        responded=Count("id", filter=Q(responded_on_time__isnull=False)),
        on_time=Count("id", filter=Q(responded_on_time=True)),
        resolved=Count("id", filter=Q(resolved_at__isnull=False)),
        rating_mean=Avg("satisfaction__rating"),
        rating_count=Count("satisfaction"),
    )
    medians = _medians(dispatched)
    names = (
        {
            a.pk: a
            for a in Agency.objects.filter(pk__in=[row["agency"] for row in counts]).only(
                "name", "short_name"
            )
        }
        if counts
        else {}
    )
    rows = []
    for row in counts:
        agency = names[row["agency"]]
        response, resolution, response_n, resolution_n = medians.get(
            row["agency"], (None, None, 0, 0)
        )
        rows.append(
            AgencyFigures(
                agency_id=agency.pk,
                name=agency.name,
                short_name=agency.short_name,
                received=row["received"],
                responded=row["responded"],
                on_time=row["on_time"],
                resolved=row["resolved"],
                median_response_minutes=response,
                median_resolution_minutes=resolution,
                response_samples=response_n,
                resolution_samples=resolution_n,
                satisfaction=round(row["rating_mean"], 2) if row["rating_mean"] else None,
                ratings=row["rating_count"],
            )
        )
    rows.sort(key=lambda r: (-r.received, r.name))
    total = _total(dispatched, rows)
    from reports.league import table

    return Statistics(
        start=start,
        end=end,
        agencies=rows,
        total=total,
        months=_months(start, end),
        league=table(start, end)[:20],
    )


def _median(values: list) -> float | None:
    return statistics.median(values) if values else None


def _medians(queryset, *, by_agency: bool = True) -> dict[int, tuple]:
    """Median response and resolution office minutes per agency (or overall, under key 0),
    with the number of complaints behind each: ``(response, resolution, n_response,
    n_resolution)``."""
    if connections[queryset.db].vendor == "postgresql":
        medians = {
            "response": Median("response_office_minutes"),
            "resolution": Median("resolution_office_minutes"),
            "response_n": Count("response_office_minutes"),
            "resolution_n": Count("resolution_office_minutes"),
        }
        names = ("response", "resolution", "response_n", "resolution_n")
        if not by_agency:
            row = queryset.aggregate(**medians)
            return {0: tuple(row[name] for name in names)}
        rows = queryset.values("agency").annotate(**medians)
        return {row["agency"]: tuple(row[name] for name in names) for row in rows}
    values: dict[int, tuple[list, list]] = defaultdict(lambda: ([], []))
    for agency, response, resolution in queryset.values_list(
        "agency", "response_office_minutes", "resolution_office_minutes"
    ).iterator():
        key = agency if by_agency else 0
        if response is not None:
            values[key][0].append(response)
        if resolution is not None:
            values[key][1].append(resolution)
    return {key: (_median(a), _median(b), len(a), len(b)) for key, (a, b) in values.items()}


def _total(queryset, rows: list[AgencyFigures]) -> AgencyFigures:
    total = AgencyFigures(agency_id=0, name="", short_name="")
    for row in rows:
        total.received += row.received
        total.responded += row.responded
        total.on_time += row.on_time
        total.resolved += row.resolved
        total.ratings += row.ratings
    if total.ratings:
        total.satisfaction = round(
            sum((r.satisfaction or 0) * r.ratings for r in rows) / total.ratings, 2
        )
    # The overall median is not a mean of the agencies' medians: one more pass, all agencies
    # in one group.
    overall = _medians(queryset, by_agency=False)
    (
        total.median_response_minutes,
        total.median_resolution_minutes,
        total.response_samples,
        total.resolution_samples,
    ) = overall.get(0, (None, None, 0, 0))
    return total


def _months(start: dt.datetime, end: dt.datetime) -> list[tuple[dt.date, int, int]]:
    """Complaints received and resolved per month of the period (received = filed, any
    state, so the public sees the whole intake; resolved = finished by the agency)."""
    tz = timezone.get_current_timezone()
    received = dict(
        Complaint.objects.filter(created_at__gte=start, created_at__lt=end)
        .annotate(month=TruncMonth("created_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    resolved = dict(
        Complaint.objects.filter(resolved_at__gte=start, resolved_at__lt=end)
        .annotate(month=TruncMonth("resolved_at", tzinfo=tz))
        .values("month")
        .annotate(n=Count("id"))
        .values_list("month", "n")
    )
    by_month: dict[dt.date, list[int]] = defaultdict(lambda: [0, 0])
    for moment, n in received.items():
        by_month[timezone.localtime(moment, tz).date().replace(day=1)][0] += n
    for moment, n in resolved.items():
        by_month[timezone.localtime(moment, tz).date().replace(day=1)][1] += n
    months = []
    cursor = start.date().replace(day=1)
    last = min(end, timezone.now() + dt.timedelta(days=1)).date()
    while cursor < last:
        months.append((cursor, *by_month.get(cursor, [0, 0])))
        cursor = (cursor + dt.timedelta(days=32)).replace(day=1)
    return months
