"""The public complaint list: filters that combine, and keyset pagination [SPEC §7].

Pages are cut by the last complaint shown (its ``created_at`` and id), never by OFFSET: page
500 costs what page 1 costs, and a complaint published while someone reads does not shift
what the next page shows.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from django import forms
from django.core.cache import cache
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from pengaduan import search
from pengaduan.models import Agency, Complaint
from workflow.states import PUBLIC_STATES, Status

from .public import safe_text
from .templatetags.sambat import bulan

PAGE_SIZE = 20
MONTHS_OFFERED = 24
_CURSOR = re.compile(r"^(\d{1,17})-(\d{1,19})$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

LIST_FIELDS = (
    "tracking_number",
    "created_at",
    "public_text",
    "visibility",
    "status",
    "forwarded_to",
    "agency__name",
    "agency__short_name",
    "reporter__name",
    "reporter__address",  # public.safe_text masks it where the reporter typed it
)


AGENCY_CACHE_KEY = "public-agency-options:v1"


def agency_options() -> dict[str, tuple[str, int]]:
    """Active agencies for "Pilih OPD", by short name: (name, id). Cached; an agency's save
    or deletion clears it (home.apps)."""
    options = cache.get(AGENCY_CACHE_KEY)
    if options is None:
        options = {
            short_name: (name, pk)
            for pk, short_name, name in Agency.objects.filter(active=True)
            .order_by("name")
            .values_list("pk", "short_name", "name")
        }
        cache.set(AGENCY_CACHE_KEY, options, 3600)
    return options


def encode_cursor(complaint: Complaint) -> str:
    micros = (complaint.created_at - _EPOCH) // dt.timedelta(microseconds=1)
    return f"{micros}-{complaint.pk}"


def decode_cursor(raw: str) -> tuple[dt.datetime, int] | None:
    match = _CURSOR.match(raw or "")
    if not match:
        return None
    pk = int(match[2])
    if pk >= 2**63:  # beyond a bigint: the database would refuse the comparison
        return None
    try:
        moment = _EPOCH + dt.timedelta(microseconds=int(match[1]))
    except OverflowError:
        return None
    return moment, pk


def month_choices(today: dt.date, extra: str = "") -> list[tuple[str, str]]:
    choices = [("", _("Semua bulan"))]
    year, month = today.year, today.month
    for _i in range(MONTHS_OFFERED):
        choices.append((f"{year:04d}-{month:02d}", bulan(dt.date(year, month, 1))))
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    if extra and extra not in dict(choices):
        match = _MONTH.match(extra)
        if match and 2000 <= int(match[1]) <= 2100 and 1 <= int(match[2]) <= 12:
            choices.append((extra, bulan(dt.date(int(match[1]), int(match[2]), 1))))
    return choices


class ComplaintFilterForm(forms.Form):
    """The Beranda filter bar. Every field is optional; wrong values are reported, not 500s."""

    opd = forms.ChoiceField(label=_("Pilih OPD"), required=False)
    q = forms.CharField(
        label=_("Pencarian"),
        max_length=100,
        required=False,
        widget=forms.TextInput(attrs={"type": "search", "placeholder": _("Masukkan kata kunci")}),
    )
    status = forms.ChoiceField(label=_("Status"), required=False)
    bulan = forms.ChoiceField(label=_("Bulan"), required=False)
    sebelum = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, data=None, *, today: dt.date | None = None):
        super().__init__(data)
        self.agencies = agency_options()
        self.fields["opd"].choices = [("", _("Semua OPD"))] + [
            (short_name, name) for short_name, (name, _pk) in self.agencies.items()
        ]
        self.fields["status"].choices = [("", _("Semua status"))] + [
            (value, label) for value, label in Status.choices if value in PUBLIC_STATES
        ]
        today = today or timezone.localdate()
        self.fields["bulan"].choices = month_choices(today, (data or {}).get("bulan", ""))

    def clean_sebelum(self):
        raw = self.cleaned_data.get("sebelum", "")
        if raw and decode_cursor(raw) is None:
            raise forms.ValidationError(_("Tautan halaman tidak valid; kembali ke yang terbaru."))
        return raw


@dataclass
class ListPage:
    complaints: list[Complaint]
    next_cursor: str = ""
    is_first: bool = True
    terms: list[str] = field(default_factory=list)
    query_too_general: bool = False


def month_range(value: str) -> tuple[dt.datetime, dt.datetime] | None:
    match = _MONTH.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def filtered(form: ComplaintFilterForm) -> tuple[object, list[str], bool]:
    """The public queryset narrowed by every valid filter (invalid ones are ignored)."""
    data = form.cleaned_data if form.is_valid() else _valid_parts(form)
    queryset = Complaint.objects.public()
    if data.get("opd"):
        queryset = queryset.filter(agency_id=form.agencies[data["opd"]][1])
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    span = month_range(data.get("bulan", ""))
    if span:
        queryset = queryset.filter(created_at__gte=span[0], created_at__lt=span[1])
    query = (data.get("q") or "").strip()
    words = search.terms(query)
    queryset = search.matching(queryset, words)
    return queryset, words, bool(query and not words)


def _valid_parts(form: ComplaintFilterForm) -> dict:
    """The fields that did validate when others did not (e.g. a stale OPD in a shared link)."""
    return {name: value for name, value in form.cleaned_data.items() if name not in form.errors}


def page_of(form: ComplaintFilterForm, size: int = PAGE_SIZE) -> ListPage:
    queryset, words, too_general = filtered(form)
    cursor = decode_cursor(form.cleaned_data.get("sebelum", "")) if form.is_valid() else None

    def fetch(queryset):
        if cursor is not None:
            moment, pk = cursor
            # The first condition is what an index range scan can start from; the second
            # breaks ties between complaints received in the same microsecond.
            queryset = queryset.filter(created_at__lte=moment).filter(
                Q(created_at__lt=moment) | Q(pk__lt=pk)
            )
        return list(
            queryset.select_related("agency", "reporter")
            .only(*LIST_FIELDS)
            .order_by("-created_at", "-id")[: size + 1]
        )

    if search.uses_full_text(queryset, words):
        with search.pinned_plans(queryset.db) as plans:
            ids = search.sparse_matches(queryset, plans)
            if ids is not None:  # few matches: take them by id, the sort is trivial
                rows = fetch(Complaint.objects.filter(pk__in=ids))
            else:  # many: walking the newest-first index finds a page at once
                plans.pin(walk=True)
                rows = fetch(queryset)
    else:
        rows = fetch(queryset)
    more = len(rows) > size
    rows = rows[:size]
    for row in rows:
        row.display_text = safe_text(row.public_text, row)
    return ListPage(
        complaints=rows,
        next_cursor=encode_cursor(rows[-1]) if more and rows else "",
        is_first=cursor is None,
        terms=words,
        query_too_general=too_general,
    )
