"""Dashboard panels on the admin home page, each for what the signed-in person may see:
their queue, late complaints, today's intake by channel, and per-agency service levels."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db.models import Count, Q
from django.utils import timezone
from wagtail.admin.ui.components import Component

from pengaduan.models import Agency, Complaint
from workflow import policy
from workflow.states import STAFF_CLOCK_STATES

from .xlsx import CHANNELS

QUEUE_SIZE = 10
WEEKS = 8


class Panel(Component):
    name = ""

    def __init__(self, request):
        self.request = request


class MyQueuePanel(Panel):
    name = "sambat_my_queue"
    order = 10
    template_name = "reports/panels/my_queue.html"

    def get_context_data(self, parent_context=None):
        queue = Complaint.objects.waiting_for(self.request.user)
        now = timezone.now()
        rows = list(queue.select_related("agency").order_by("due_at", "created_at")[:QUEUE_SIZE])
        for row in rows:
            row.late = row.is_late(now)
        return {"rows": rows, "total": queue.count()}


class LatePanel(Panel):
    name = "sambat_late"
    order = 20
    template_name = "reports/panels/late.html"

    def get_context_data(self, parent_context=None):
        late = Complaint.objects.visible_to(self.request.user).overdue(timezone.now())
        # The most overdue of each open state, merged here: the (status, due_at) index is in
        # due order within one state only, so one ORDER BY due_at over all four states reads
        # and sorts every late complaint (0.2–0.3 s at 200,000 complaints, bench/reports.py).
        rows = sorted(
            (
                row
                for state in sorted(STAFF_CLOCK_STATES)
                for row in late.filter(status=state)
                .select_related("agency")
                .order_by("due_at")[:QUEUE_SIZE]
            ),
            key=lambda row: row.due_at,
        )
        return {"rows": rows[:QUEUE_SIZE], "total": late.count()}


class TodayPanel(Panel):
    name = "sambat_today"
    order = 30
    template_name = "reports/panels/today.html"

    def get_context_data(self, parent_context=None):
        user = self.request.user
        start = timezone.localtime().replace(hour=0, minute=0, second=0, microsecond=0)
        if policy.ADMIN_PENGADUAN in policy.roles_of(user):
            rows = Complaint.objects.filter(created_at__gte=start)
            label = "filed"
        else:  # an agency's intake is what was dispatched to it today
            agency_id = policy.agency_id_of(user)
            rows = Complaint.objects.filter(agency_id=agency_id, dispatched_at__gte=start)
            if agency_id is None:
                rows = rows.none()
            label = "dispatched"
        counts = dict(rows.values("channel").annotate(n=Count("id")).values_list("channel", "n"))
        return {
            "label": label,
            "total": sum(counts.values()),
            "channels": [
                (CHANNELS.get(channel, channel), n)
                for channel, n in sorted(counts.items(), key=lambda item: -item[1])
            ],
        }


def sparkline(values: list[float | None], width: int = 96, height: int = 24) -> list[dict]:
    """One small bar per week (height = on-time %); a week without responses is a dash."""
    slot = width / max(1, len(values))
    bars = []
    for index, value in enumerate(values):
        bar_height = 2 if value is None else max(2.0, round((height - 2) * value / 100, 1))
        bars.append(
            {
                "x": round(index * slot + 1, 1),
                "y": round(height - bar_height, 1),
                "width": round(slot - 2, 1),
                "height": bar_height,
                "empty": value is None,
            }
        )
    return bars


def agency_sla(user, now=None, weeks: int = WEEKS) -> list[dict]:
    """Per agency over the last ``weeks`` weeks: responses, on-time share, and the weekly
    on-time share for a sparkline. Admin Pengaduan sees every agency, agency staff theirs."""
    now = now or timezone.now()
    start = now - dt.timedelta(weeks=weeks)
    responded = Complaint.objects.filter(
        responded_at__gte=start, responded_at__lte=now, agency__isnull=False
    )
    if policy.ADMIN_PENGADUAN not in policy.roles_of(user):
        agency_id = policy.agency_id_of(user)
        if agency_id is None:
            return []
        responded = responded.filter(agency_id=agency_id)
    # Counted by the database, one row per agency (not one per response: at a million
    # complaints the 8 weeks hold tens of thousands of responses).
    aggregates = {}
    for week in range(weeks):
        low = start + dt.timedelta(weeks=week)
        in_week = Q(responded_at__gte=low)
        if week < weeks - 1:
            in_week &= Q(responded_at__lt=low + dt.timedelta(weeks=1))
        aggregates[f"n{week}"] = Count("id", filter=in_week)
        aggregates[f"ok{week}"] = Count("id", filter=in_week & Q(responded_on_time=True))
    weekly: dict[int, list[list[int]]] = defaultdict(lambda: [[0, 0] for _ in range(weeks)])
    for row in responded.order_by().values("agency_id").annotate(**aggregates):
        weekly[row["agency_id"]] = [[row[f"n{w}"], row[f"ok{w}"]] for w in range(weeks)]
    names = dict(Agency.objects.filter(pk__in=weekly).values_list("pk", "short_name"))
    rows = []
    for agency, buckets in weekly.items():
        total = sum(b[0] for b in buckets)
        good = sum(b[1] for b in buckets)
        shares = [round(100 * b[1] / b[0], 1) if b[0] else None for b in buckets]
        rows.append(
            {
                "agency": names.get(agency, "?"),
                "responded": total,
                "on_time_percent": round(100 * good / total, 1) if total else None,
                "weekly": shares,
                "bars": sparkline(shares),
            }
        )
    return sorted(rows, key=lambda r: (r["on_time_percent"] or 0, -r["responded"]))


class AgencySlaPanel(Panel):
    name = "sambat_agency_sla"
    order = 40
    template_name = "reports/panels/agency_sla.html"

    def get_context_data(self, parent_context=None):
        return {"rows": agency_sla(self.request.user)[:30], "weeks": WEEKS}
