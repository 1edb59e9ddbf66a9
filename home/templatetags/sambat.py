"""Indonesian dates, numbers and durations for the public pages, whatever the browser's
language: the site is Indonesian, and "05 April 2024" must not turn into "April 05, 2024"."""

from __future__ import annotations

import datetime as dt

from django import template
from django.utils import timezone
from django.utils.translation import gettext as _

from pengaduan.models import initials_of

register = template.Library()

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


def _local(value):
    if isinstance(value, dt.datetime):
        return timezone.localtime(value) if timezone.is_aware(value) else value
    return value


@register.filter
def tanggal(value) -> str:
    """05 April 2024"""
    if not value:
        return ""
    value = _local(value)
    return f"{value.day:02d} {MONTHS[value.month - 1]} {value.year}"


@register.filter
def tanggal_jam(value) -> str:
    """05 April 2024, 14.30 WIB"""
    if not value:
        return ""
    value = _local(value)
    zone = value.tzname() or ""
    return f"{tanggal(value)}, {value:%H.%M} {zone}".strip()


@register.filter
def bulan(value) -> str:
    """April 2024"""
    if not value:
        return ""
    return f"{MONTHS[value.month - 1]} {value.year}"


@register.filter
def angka(value, decimals: int = 0) -> str:
    """1.234 / 87,5 — Indonesian separators."""
    if value is None or value == "":
        return "–"
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    text = f"{number:,.{int(decimals)}f}"
    return text.replace(",", "\x00").replace(".", ",").replace("\x00", ".")


@register.filter
def persen(value) -> str:
    if value is None:
        return "–"
    return f"{angka(value, 1 if value % 1 else 0)}%"


@register.filter
def durasi_kerja(minutes, hours_per_day: float = 8.5) -> str:
    """Office minutes as people say them: "kurang dari 1 menit", "45 menit", "2 jam 30 menit",
    "3 hari kerja" (a working day being ``hours_per_day`` office hours).

    The one formatter for durations wherever they are shown: a median of a few seconds must
    not read "0 menit", and below a working day it reads like a clock (hours and whole
    minutes), above it in working days, the unit of the service levels.
    """
    if minutes is None or minutes == "":
        return "–"
    try:
        minutes = float(minutes)
    except (TypeError, ValueError):
        return str(minutes)
    if minutes < 1:
        return _("kurang dari 1 menit")
    whole = round(minutes)
    working_day = float(hours_per_day) * 60
    if whole < 60:
        return _("%(n)s menit") % {"n": whole}
    if whole < working_day:
        hours, rest = divmod(whole, 60)
        if not rest:
            return _("%(jam)s jam") % {"jam": hours}
        return _("%(jam)s jam %(menit)s menit") % {"jam": hours, "menit": rest}
    days = round(minutes / working_day, 1)
    return _("%(n)s hari kerja") % {"n": angka(days, 0 if days.is_integer() else 1)}


@register.filter
def inisial(name: str) -> str:
    return initials_of(name)


@register.filter
def cuplikan(text: str, length: int = 220) -> str:
    """The text cut at a word boundary, with an ellipsis when cut."""
    text = " ".join((text or "").split())
    length = int(length)
    if len(text) <= length:
        return text
    cut = text[:length]
    if " " in cut:
        cut = cut[: cut.rindex(" ")]
    return cut.rstrip(" ,.;:-") + "…"


MENU_CACHE_KEY = "public-menu:v1:{site}"


@register.inclusion_tag("includes/site_menu.html", takes_context=True)
def site_menu(context):
    """The pages under Beranda marked "show in menus" (guides, FAQ, statistics). Cached per
    site; publishing, unpublishing, moving or deleting a page clears it (home.apps)."""
    from django.core.cache import cache
    from wagtail.models import Page, Site

    request = context.get("request")
    site = Site.find_for_request(request) if request is not None else None
    if site is None:
        return {"items": []}
    key = MENU_CACHE_KEY.format(site=site.pk)
    entries = cache.get(key)
    if entries is None:
        pages = Page.objects.child_of(site.root_page).live().in_menu().only("title", "url_path")
        entries = [(page.title, page.get_url(request), page.url_path) for page in pages]
        cache.set(key, entries, 3600)
    current_path = getattr(context.get("page"), "url_path", "") or ""
    return {
        "items": [
            (title, url, current_path.startswith(url_path)) for title, url, url_path in entries
        ]
    }


@register.filter
def aduan_url(number: str) -> str:
    """The public page of a complaint (the Beranda is the site root; messages link here too)."""
    return f"/aduan/{number}/"
