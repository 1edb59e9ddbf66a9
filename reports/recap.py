"""Monthly and annual recaps: generated, stored, announced, and read per role."""

from __future__ import annotations

import datetime as dt

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from sambat_site.links import absolute_url
from workflow import policy

from . import figures
from .models import MonthlyRecap

MONTHS = (
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
)


def month_label(month: dt.date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def parse_month(text: str) -> dt.date:
    """``2025-04`` → 1 April 2025; ValueError with an Indonesian message otherwise."""
    try:
        year, month = (int(part) for part in text.strip().split("-"))
        return dt.date(year, month, 1)
    except (ValueError, TypeError) as exc:
        raise ValueError(f"Bulan tidak valid: {text!r}; tulis seperti 2025-04.") from exc


def previous_month(today: dt.date | None = None) -> dt.date:
    today = today or timezone.localdate()
    return (today.replace(day=1) - dt.timedelta(days=1)).replace(day=1)


def generate(month: dt.date, *, by=None, announce: bool = True) -> MonthlyRecap:
    """Compute and store the recap of ``month`` (again, if it exists), then tell Admin
    Pengaduan once per month that it is ready."""
    start, end = figures.month_bounds(month.year, month.month)
    data = figures.compute(start, end).as_dict()
    data["month"] = f"{month:%Y-%m}"
    data["label"] = month_label(month)
    with transaction.atomic():
        recap, _created = MonthlyRecap.objects.update_or_create(
            month=month,
            defaults={
                "data": data,
                "generated_at": timezone.now(),
                "generated_by": by if getattr(by, "pk", None) else None,
            },
        )
        if announce:
            _announce(recap)
    return recap


def _announce(recap: MonthlyRecap) -> None:
    from workflow import notify

    link = absolute_url(reverse("reports_recap", args=[recap.month.strftime("%Y-%m")]))
    overall = recap.data["overall"]
    notify.to_admins(
        "admin.recap_ready",
        key=f"recap:{recap.month:%Y-%m}",
        params={
            "bulan": recap.data["label"],
            "diterima": overall["received"],
            "tepat_waktu": _percent(overall["responded_on_time_percent"]),
            "tautan_admin": link,
        },
    )


def _percent(value) -> str:
    return "-" if value is None else f"{value:.1f}%".replace(".", ",")


# --- who may read what ------------------------------------------------------------------


def scope_of(user) -> int | None:
    """None: every agency (Admin Pengaduan); an agency id: only that agency's figures.
    Everyone else (Validator, Editor FAQ) reads no reports."""
    roles = policy.roles_of(user)
    if policy.ADMIN_PENGADUAN in roles:
        return None
    if roles & policy.AGENCY_ROLES:
        agency_id = policy.agency_id_of(user)
        if agency_id is not None:
            return agency_id
    raise PermissionDenied


def scoped(data: dict, agency_id: int | None) -> dict:
    """The recap as one reader may see it: an agency reads only its own row, which is also
    its "overall"."""
    if agency_id is None:
        return data
    own = [row for row in data["agencies"] if row["id"] == agency_id]
    overall = dict(own[0]) if own else figures.Figures().finish().as_dict()
    for key in ("id", "name", "short_name"):
        overall.pop(key, None)
    return {**data, "overall": overall, "agencies": own}


def annual(year: int, agency_id: int | None = None) -> dict:
    """The annual report [001 d]: the year's figures per agency, and month by month."""
    tz = timezone.get_default_timezone()
    start = dt.datetime(year, 1, 1, tzinfo=tz)
    end = dt.datetime(year + 1, 1, 1, tzinfo=tz)
    data = figures.compute(start, end, agency_id).as_dict()
    data["label"] = f"Tahun {year}"
    today = timezone.localdate()
    data["months"] = [
        {
            "label": month_label(dt.date(year, month, 1)),
            **figures.compute(*figures.month_bounds(year, month), agency_id).overall.as_dict(),
        }
        for month in range(1, 13)
        if dt.date(year, month, 1) <= today
    ]
    return data
