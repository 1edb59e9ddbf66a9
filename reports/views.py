"""Report pages in the admin. Admin Pengaduan reads every agency; an agency's staff read only
their agency (reports.recap.scope_of); everyone else gets 403."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from pengaduan.models import Agency
from workflow import policy, services
from workflow.models import InstallationSettings

from . import figures, league, pdf, recap, topics, xlsx
from .models import MonthlyRecap
from .xlsx import CHANNELS


def _scope(request) -> tuple[int | None, str]:
    agency_id = recap.scope_of(request.user)
    name = Agency.objects.filter(pk=agency_id).values_list("name", flat=True).first() or ""
    return agency_id, name


def _recap(month_text: str) -> MonthlyRecap:
    try:
        month = recap.parse_month(month_text)
    except ValueError as exc:
        raise Http404 from exc
    found = MonthlyRecap.objects.filter(month=month).first()
    if found is None:
        raise Http404
    return found


def recap_index(request):
    agency_id, scope_name = _scope(request)
    rows = []
    for item in MonthlyRecap.objects.all()[:36]:
        data = recap.scoped(item.data, agency_id)
        rows.append((item, data["overall"]))
    return TemplateResponse(
        request,
        "reports/recap_index.html",
        {
            "rows": rows,
            "scope_name": scope_name,
            "can_generate": agency_id is None,
            "default_month": f"{recap.previous_month():%Y-%m}",
        },
    )


@require_POST
def recap_generate(request):
    if recap.scope_of(request.user) is not None:
        raise PermissionDenied
    try:
        month = recap.parse_month(request.POST.get("month", ""))
    except ValueError as exc:
        messages.error(request, str(exc))
        return redirect("reports_recaps")
    if month > timezone.localdate().replace(day=1):
        messages.error(request, _("Rekap hanya dapat dibuat untuk bulan yang sudah berjalan."))
        return redirect("reports_recaps")
    made = recap.generate(month, by=request.user)
    messages.success(request, _("Rekap %(bulan)s sudah dibuat.") % {"bulan": made.data["label"]})
    return redirect("reports_recap", month=f"{month:%Y-%m}")


def _print_context(item: MonthlyRecap, agency_id, scope_name, *, screen: bool) -> dict:
    data = recap.scoped(item.data, agency_id)
    rows = [(_("Semua OPD") if agency_id is None else scope_name, data["overall"])]
    rows += [(a["name"], a) for a in data["agencies"]] if agency_id is None else []
    return {
        "data": data,
        "rows": rows,
        "channels": [
            (CHANNELS.get(k, k), v) for k, v in data["overall"]["received_by_channel"].items()
        ],
        "generated_at": item.generated_at,
        "scope_name": scope_name,
        "definitions": figures.DEFINITIONS,
        "screen": screen,
        "back_url": reverse("reports_recap", args=[f"{item.month:%Y-%m}"]),
        "installation": InstallationSettings.load(),
    }


def recap_detail(request, month: str):
    agency_id, scope_name = _scope(request)
    item = _recap(month)
    context = _print_context(item, agency_id, scope_name, screen=False)
    context.update({"recap": item, "month": month})
    return TemplateResponse(request, "reports/recap_detail.html", context)


def recap_download(request, month: str, fmt: str):
    agency_id, scope_name = _scope(request)
    item = _recap(month)
    data = recap.scoped(item.data, agency_id)
    suffix = f"-{data['agencies'][0]['short_name']}" if agency_id and data["agencies"] else ""
    filename = f"rekap-sambat-bunda-{month}{suffix}"
    if fmt == "print":
        html = render_to_string(
            "reports/recap_print.html", _print_context(item, agency_id, scope_name, screen=True)
        )
        return HttpResponse(html)
    if fmt == "xlsx":
        body = xlsx.workbook(data)
        content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    elif fmt == "pdf":
        html = render_to_string(
            "reports/recap_print.html", _print_context(item, agency_id, scope_name, screen=False)
        )
        try:
            body = pdf.html_to_pdf(html)
        except pdf.PdfUnavailable as exc:
            messages.warning(
                request, _("%(error)s Silakan pakai versi cetak.") % {"error": str(exc)}
            )
            return redirect("reports_recap_download", month=month, fmt="print")
        content_type = "application/pdf"
    else:
        raise Http404
    services.log_export(
        request.user, count=len(data["agencies"]), export_format=fmt, query=f"rekap {month}"
    )
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}.{fmt}"'
    return response


def _day(request) -> dt.date:
    try:
        return dt.date.fromisoformat(request.GET.get("tanggal", ""))
    except ValueError:
        return timezone.localdate()


def daily_report(request):
    """Laporan harian layanan pengaduan [001 a]: the day's figures and the day's new complaints."""
    agency_id, scope_name = _scope(request)
    day = _day(request)
    tz = timezone.get_default_timezone()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    end = start + dt.timedelta(days=1)
    period = figures.compute(start, end, agency_id)
    from pengaduan.models import Complaint

    new = (
        Complaint.objects.visible_to(request.user)
        .filter(created_at__gte=start, created_at__lt=end)
        .select_related("agency")
        .order_by("created_at")[:200]
    )
    late = Complaint.objects.visible_to(request.user).overdue(timezone.now()).count()
    return TemplateResponse(
        request,
        "reports/daily.html",
        {
            "day": day,
            "previous_day": day - dt.timedelta(days=1),
            "next_day": day + dt.timedelta(days=1) if day < timezone.localdate() else None,
            "overall": period.overall.as_dict(),
            "agencies": period.as_dict()["agencies"],
            "new": new,
            "late": late,
            "scope_name": scope_name,
            "channels": CHANNELS,
        },
    )


def strategic_issues(request):
    """Laporan isu strategis [001 b]: recurring and rising topics, the agencies and kecamatan
    they concentrate in, and the main topics of each (reports.topics)."""
    agency_id, scope_name = _scope(request)
    try:
        days = max(1, min(int(request.GET.get("hari", 7)), 366))
    except ValueError:
        days = 7
    end_day = _day(request) + dt.timedelta(days=1)
    tz = timezone.get_default_timezone()
    end = dt.datetime.combine(end_day, dt.time.min, tzinfo=tz)
    result = topics.strategic_issues(end - dt.timedelta(days=days), end, agency_id=agency_id)
    names = dict(
        Agency.objects.filter(
            short_name__in=[group["name"] for group in result["by_agency"]]
        ).values_list("short_name", "name")
    )
    for group in result["by_agency"]:
        group["full_name"] = names.get(group["name"], "")
    return TemplateResponse(
        request,
        "reports/strategic.html",
        {"result": result, "days": days, "scope_name": scope_name},
    )


def league_table(request):
    """Peringkat OPD: fair, normalised by urgency mix and volume (reports.league)."""
    recap.scope_of(request.user)  # agency staff may see where they stand too
    try:
        month = recap.parse_month(request.GET.get("bulan", ""))
        start, end = figures.month_bounds(month.year, month.month)
        label = recap.month_label(month)
    except ValueError:
        end = timezone.now()
        start = end - dt.timedelta(days=90)
        label = _("90 hari terakhir")
    own = policy.agency_id_of(request.user)
    return TemplateResponse(
        request,
        "reports/league.html",
        {
            "rows": league.table(start, end),
            "label": label,
            "formula": league.FORMULA,
            "own": own,
        },
    )


def annual_report(request):
    """Laporan tahunan [001 d]: twelve months side by side, the year per agency, and its topics."""
    agency_id, scope_name = _scope(request)
    today = timezone.localdate()
    try:
        year = int(request.GET.get("tahun", today.year))
    except ValueError:
        year = today.year
    year = min(max(year, today.year - 10), today.year)
    data = recap.annual(year, agency_id)
    if request.GET.get("unduh") == "xlsx":
        services.log_export(
            request.user, count=len(data["agencies"]), export_format="xlsx", query=f"tahunan {year}"
        )
        response = HttpResponse(
            xlsx.workbook(data),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
        response["Content-Disposition"] = (
            f'attachment; filename="laporan-tahunan-sambat-bunda-{year}.xlsx"'
        )
        return response
    tz = timezone.get_default_timezone()
    issues = topics.strategic_issues(
        dt.datetime(year, 1, 1, tzinfo=tz),
        dt.datetime(year + 1, 1, 1, tzinfo=tz),
        agency_id=agency_id,
        limit=10,
    )
    return TemplateResponse(
        request,
        "reports/annual.html",
        {
            "data": data,
            "year": year,
            "years": list(range(today.year, today.year - 5, -1)),
            "issues": issues,
            "scope_name": scope_name,
        },
    )
