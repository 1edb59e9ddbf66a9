"""The public complaint list: filters that combine, and keyset pagination [SPEC §7].

Pages are cut by the last complaint shown (its ``created_at`` and id), never by OFFSET: page
500 costs what page 1 costs, and a complaint published while someone reads does not shift
what the next page shows.

A keyword search ordered "Paling relevan" that fell back to partial matches
(pengaduan/search.py) is read tier by tier, most groups matched first: its cursor adds the
tier of the last complaint shown, ``<created_at>-<id>-<tier>`` — a keyset on (groups matched,
created_at, id). Ordered "Terbaru", the partial matches are one tier, 0. A cursor without a
tier continues the complaints matching every word (or the whole list).
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
_CURSOR = re.compile(r"^(\d{1,17})-(\d{1,19})(?:-(\d))?$")
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
RELEVANCE, NEWEST = "relevan", "terbaru"  # the "Urutan" choices; relevance is the default


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


def encode_cursor(complaint: Complaint, tier: int | None = None) -> str:
    micros = (complaint.created_at - _EPOCH) // dt.timedelta(microseconds=1)
    return f"{micros}-{complaint.pk}" + ("" if tier is None else f"-{tier}")


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


def cursor_tier(raw: str) -> int | None:
    """The search tier a cursor continues (see the module docstring), or None."""
    match = _CURSOR.match(raw or "")
    return int(match[3]) if match and match[3] is not None else None


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
    urutan = forms.ChoiceField(
        label=_("Urutan"),
        required=False,
        choices=[(RELEVANCE, _("Paling relevan")), (NEWEST, _("Terbaru"))],
    )
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
    partial: bool = False  # few complaints hold every word: partial matches follow
    by_relevance: bool = False  # and they are ranked by the words they hold, not by date


def month_range(value: str) -> tuple[dt.datetime, dt.datetime] | None:
    match = _MONTH.match(value or "")
    if not match:
        return None
    year, month = int(match[1]), int(match[2])
    tz = timezone.get_current_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def filtered(form: ComplaintFilterForm) -> tuple[object, search.SearchQuery | None, bool]:
    """The public queryset narrowed by every valid filter (invalid ones are ignored), the
    keyword query to search it with, and whether the words were all too general."""
    data = _data(form)
    queryset = Complaint.objects.public()
    if data.get("opd"):
        queryset = queryset.filter(agency_id=form.agencies[data["opd"]][1])
    if data.get("status"):
        queryset = queryset.filter(status=data["status"])
    span = month_range(data.get("bulan", ""))
    if span:
        queryset = queryset.filter(created_at__gte=span[0], created_at__lt=span[1])
    text = (data.get("q") or "").strip()
    query = search.parse(text)
    return queryset, query, bool(text and query is None)


def _data(form: ComplaintFilterForm) -> dict:
    return form.cleaned_data if form.is_valid() else _valid_parts(form)


def _valid_parts(form: ComplaintFilterForm) -> dict:
    """The fields that did validate when others did not (e.g. a stale OPD in a shared link)."""
    return {name: value for name, value in form.cleaned_data.items() if name not in form.errors}


def _shape(queryset):
    """What a card reads, in one statement."""
    return queryset.select_related("agency", "reporter").only(*LIST_FIELDS)


def _tier_fits(query: search.SearchQuery, tier: int, relevance: bool) -> bool:
    """A cursor's tier belongs to this query and order (else the link was edited)."""
    if query.size < 2:
        return False
    return query.quorum <= tier <= query.size if relevance else tier == 0


def page_of(form: ComplaintFilterForm, size: int = PAGE_SIZE) -> ListPage:
    queryset, query, too_general = filtered(form)
    relevance = _data(form).get("urutan") != NEWEST
    raw = form.cleaned_data.get("sebelum", "") if form.is_valid() else ""
    cursor = decode_cursor(raw)
    if query is None:
        rows, partial = _newest(queryset, cursor, size + 1), False
        tiers = [None] * len(rows)
    else:
        tier = cursor_tier(raw)
        if cursor is not None and tier is not None and not _tier_fits(query, tier, relevance):
            cursor = None  # a hand-made link: start again
        found, partial = search.collect(
            queryset,
            query,
            relevance=relevance,
            need=size + 1,
            page_size=size,
            cursor=None if cursor is None else (tier, *cursor),
            shape=_shape,
        )
        rows, tiers = [row for row, _level in found], [level for _row, level in found]
    more = len(rows) > size
    rows = rows[:size]
    for row in rows:
        row.display_text = safe_text(row.public_text, row)
    next_cursor = ""
    if more and rows:
        next_cursor = encode_cursor(
            rows[-1], (tiers[size - 1] if relevance else 0) if partial else None
        )
    return ListPage(
        complaints=rows,
        next_cursor=next_cursor,
        is_first=cursor is None,
        terms=query.terms if query else [],
        query_too_general=too_general,
        partial=partial,
        by_relevance=partial and relevance,
    )


def _newest(queryset, cursor: tuple[dt.datetime, int] | None, limit: int) -> list[Complaint]:
    if cursor is not None:
        moment, pk = cursor
        # The first condition is what an index range scan can start from; the second
        # breaks ties between complaints received in the same microsecond.
        queryset = queryset.filter(created_at__lte=moment).filter(
            Q(created_at__lt=moment) | Q(pk__lt=pk)
        )
    return list(_shape(queryset).order_by("-created_at", "-id")[:limit])
