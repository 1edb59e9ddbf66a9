"""The public site's pages: Beranda with the complaint list and tracking, guides, statistics."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.http import Http404, HttpResponse, HttpResponseRedirect
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_ratelimit.core import is_ratelimited
from wagtail import blocks
from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from pengaduan.models import Complaint, SatisfactionResponse, normalize_tracking_number
from pengaduan.renditions import WIDTHS, public_rendition
from reports.league import FORMULA as LEAGUE_FORMULA
from workflow.models import InstallationSettings
from workflow.states import Status

from . import charts, listing, public, stats
from .templatetags.sambat import bulan, persen


def whatsapp_link(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit())
    if digits.startswith("0"):
        digits = "62" + digits[1:]
    return f"https://wa.me/{digits}" if digits else ""


def _limited(request, group: str, rate: str) -> bool:
    return is_ratelimited(request, group=group, key="ip", rate=rate, increment=True)


class HomePage(RoutablePageMixin, Page):
    """Beranda of sambatbunda.id [000 "Beranda"]: the hero, the filter bar, DAFTAR PENGADUAN,
    and the complaint pages under /aduan/<nomor>/."""

    kicker = models.CharField(_("baris pembuka"), max_length=100, blank=True)
    # Empty: the installation's names (Pengaturan → Pengaturan instalasi) are shown.
    service_name = models.CharField(
        _("nama layanan"),
        max_length=60,
        blank=True,
        help_text=_("Kosongkan untuk memakai nama layanan di pengaturan instalasi."),
    )
    tagline = models.CharField(
        _("slogan"),
        max_length=120,
        blank=True,
        help_text=_("Kosongkan untuk memakai slogan di pengaturan instalasi."),
    )
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gambar sampul"),
    )
    intro = RichTextField(_("pengantar"), blank=True)
    list_heading = models.CharField(
        _("judul daftar aduan"), max_length=80, default="DAFTAR PENGADUAN"
    )
    whatsapp_number = models.CharField(
        _("nomor WhatsApp layanan"),
        max_length=30,
        blank=True,
        help_text=_("Kosongkan untuk memakai nomor di pengaturan instalasi."),
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kicker"),
        FieldPanel("service_name"),
        FieldPanel("tagline"),
        FieldPanel("hero_image"),
        FieldPanel("intro"),
        FieldPanel("list_heading"),
        FieldPanel("whatsapp_number"),
    ]

    max_count = 1
    subpage_types = ["faq.FaqIndexPage", "home.GuidePage", "home.StatisticsPage"]

    class Meta:
        verbose_name = _("beranda")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        installation = InstallationSettings.load(request_or_site=request)
        context["hero_service_name"] = self.service_name or installation.service_name.upper()
        context["hero_tagline"] = self.tagline or installation.tagline
        context["whatsapp_number"] = self.whatsapp_number or (
            installation.whatsapp_number if installation.channel_whatsapp else ""
        )
        context["whatsapp_link"] = whatsapp_link(context["whatsapp_number"])
        return context

    def complaint_url(self, number: str) -> str:
        return self.url + self.reverse_subpage("complaint", args=[number])

    def rate_limited(self, request):
        response = self.render(
            request,
            template="home/rate_limited.html",
            context_overrides={"retry_seconds": 60},
        )
        response.status_code = 429
        response["Retry-After"] = "60"
        return response

    # --- the list --------------------------------------------------------------------

    @path("")
    def complaint_list(self, request):
        if _limited(request, "public-list", settings.SAMBAT_PUBLIC_LIST_RATE):
            return self.rate_limited(request)
        form = listing.ComplaintFilterForm(request.GET or None)
        if request.GET:
            form.is_valid()
        else:
            form.cleaned_data = {}
        page = listing.page_of(form)
        params = request.GET.copy()
        params.pop("sebelum", None)
        if page.next_cursor:
            params["sebelum"] = page.next_cursor
        first = request.GET.copy()
        first.pop("sebelum", None)
        return self.render(
            request,
            context_overrides={
                "form": form,
                "list_page": page,
                "next_query": params.urlencode() if page.next_cursor else "",
                "first_query": first.urlencode(),
                "filtered": any(request.GET.get(k) for k in ("opd", "q", "status", "bulan")),
            },
        )

    # --- tracking and the complaint page ----------------------------------------------

    @path("aduan/")
    def track(self, request):
        """The "Nomor Aduan #" box: straight to the complaint's page."""
        raw = (request.GET.get("nomor") or "").strip()[:40]
        number = normalize_tracking_number(raw)
        if number:
            return HttpResponseRedirect(self.complaint_url(number))
        return HttpResponseRedirect(self.url + "#lacak")

    @path("aduan/<str:number>/")
    def complaint(self, request, number: str):
        if _limited(request, "public-tracking", settings.SAMBAT_TRACKING_RATE):
            return self.rate_limited(request)
        canonical = normalize_tracking_number(number)
        if canonical and canonical != number:
            return HttpResponseRedirect(self.complaint_url(canonical))
        complaint = public.find(canonical) if canonical else None
        if complaint is None:
            response = self.render(
                request,
                template="home/complaint_not_found.html",
                context_overrides={"number": number[:40]},
            )
            response.status_code = 404
            return response
        context = {"complaint": complaint, "is_public": complaint.is_public}
        if complaint.is_public:
            updates = public.public_updates(complaint)
            context.update(
                {
                    "public_text": public.safe_text(complaint.public_text, complaint),
                    "timeline": public.timeline(complaint, updates),
                    "photos": list(
                        public.public_photos().filter(complaint=complaint, update__isnull=True)
                    ),
                    "satisfaction": _satisfaction(complaint),
                }
            )
        elif complaint.duplicate_of_id and complaint.duplicate_of.is_public:
            context["survivor"] = complaint.duplicate_of
        context["is_late"] = complaint.is_late()
        return self.render(
            request, template="home/complaint_detail.html", context_overrides=context
        )

    @path("aduan/<str:number>/foto/<int:attachment_id>/")
    def complaint_photo(self, request, number: str, attachment_id: int):
        if _limited(request, "public-photo", settings.SAMBAT_PUBLIC_PHOTO_RATE):
            return self.rate_limited(request)
        complaint = (
            Complaint.objects.filter(tracking_number=number)
            .only("id", "status", "visibility")
            .first()
        )
        photo = public.photo_for(complaint, attachment_id) if complaint else None
        if photo is None:
            raise Http404
        try:
            width = int(request.GET.get("w", WIDTHS[0]))
        except ValueError:
            width = WIDTHS[0]
        name = public_rendition(photo, width if width in WIDTHS else WIDTHS[0])
        # Renditions are small (≤ 1200 px JPEG): read whole, no file handle left to close.
        with storages["private"].open(name, "rb") as handle:
            response = HttpResponse(handle.read(), content_type="image/jpeg")
        response["Cache-Control"] = "public, max-age=3600"
        return response


def _satisfaction(complaint: Complaint) -> SatisfactionResponse | None:
    if complaint.status not in (Status.RESOLVED, Status.CLOSED):
        return None
    try:
        return complaint.satisfaction
    except SatisfactionResponse.DoesNotExist:
        return None


class GuidePage(Page):
    """A page of the user guide (cara mengakses, cara menyampaikan aduan, alur, etika) [000]."""

    intro = models.CharField(_("ringkasan"), max_length=300, blank=True)
    body = StreamField(
        [
            ("heading", blocks.CharBlock(label=_("Subjudul"))),
            ("paragraph", blocks.RichTextBlock(label=_("Paragraf"))),
            (
                "steps",
                blocks.ListBlock(
                    blocks.StructBlock(
                        [
                            ("title", blocks.CharBlock(label=_("Langkah"))),
                            ("text", blocks.RichTextBlock(label=_("Keterangan"), required=False)),
                        ]
                    ),
                    label=_("Langkah-langkah"),
                ),
            ),
            (
                "dos_and_donts",
                blocks.StructBlock(
                    [
                        ("dos", blocks.ListBlock(blocks.CharBlock(), label=_("Wajib"))),
                        ("donts", blocks.ListBlock(blocks.CharBlock(), label=_("Dilarang"))),
                    ],
                    label=_("Wajib dan dilarang"),
                ),
            ),
        ],
        verbose_name=_("isi"),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("body")]
    search_fields = [*Page.search_fields, index.SearchField("intro"), index.SearchField("body")]
    parent_page_types = ["home.HomePage", "home.GuidePage"]
    subpage_types = ["home.GuidePage"]

    class Meta:
        verbose_name = _("halaman panduan")
        verbose_name_plural = _("halaman panduan")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        children = GuidePage.objects.child_of(self).live().only("title", "intro", "url_path")
        parent = self.get_parent().specific_deferred
        siblings = (
            GuidePage.objects.sibling_of(self, inclusive=False).live().only("title", "url_path")
            if isinstance(parent, GuidePage)
            else GuidePage.objects.none()
        )
        context.update(
            {
                "children": list(children),
                "siblings": list(siblings),
                "guide_parent": parent if isinstance(parent, GuidePage) else None,
            }
        )
        return context


class StatisticsPage(Page):
    """Per-agency service figures with charts, and the month's resolved complaints [004]."""

    intro = RichTextField(_("pengantar"), blank=True)
    method_note = RichTextField(
        _("cara menghitung"),
        blank=True,
        help_text=_("Penjelasan untuk warga tentang arti setiap angka."),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("method_note")]
    parent_page_types = ["home.HomePage"]
    subpage_types: list[str] = []
    max_count = 1

    class Meta:
        verbose_name = _("halaman statistik")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        year, month = _year_month(request.GET, today)
        figures = stats.for_period(year, month)
        office_hours = _office_hours()
        top = figures.agencies[:15]
        context.update(
            {
                "figures": figures,
                "year": year,
                "month": month,
                "years": list(range(today.year, today.year - 5, -1)),
                "months": [(m, bulan(dt.date(2000, m, 1)).split()[0]) for m in range(1, 13)],
                "office_hours": office_hours,
                "received_chart": charts.horizontal_bars(
                    [(a.short_name, a.received, str(a.received)) for a in top]
                ),
                "on_time_chart": charts.horizontal_bars(
                    [
                        (a.short_name, a.on_time_percent or 0, persen(a.on_time_percent))
                        for a in top
                        if a.responded
                    ],
                    max_value=100,
                ),
                "month_chart": charts.grouped_columns(
                    [
                        (bulan(m)[:3], (received, resolved))
                        for m, received, resolved in figures.months
                    ],
                    (str(_("Aduan masuk")), str(_("Selesai ditindaklanjuti"))),
                ),
                "resolved": _resolved_in(
                    year, month or (today.month if year == today.year else 12)
                ),
                "league_formula": LEAGUE_FORMULA,
            }
        )
        return context


def _year_month(params, today: dt.date) -> tuple[int, int | None]:
    try:
        year = int(params.get("tahun", today.year))
    except ValueError:
        year = today.year
    if not today.year - 10 <= year <= today.year:
        year = today.year
    try:
        month = int(params.get("bulan") or 0) or None
    except ValueError:
        month = None
    if month is not None and not 1 <= month <= 12:
        month = None
    return year, month


def _office_hours() -> float:
    from workflow.sla import current_policy

    policy = current_policy()
    start = dt.datetime.combine(dt.date.today(), policy.office_start)
    end = dt.datetime.combine(dt.date.today(), policy.office_end)
    return round((end - start).total_seconds() / 3600, 2)


def _resolved_in(year: int, month: int, limit: int = 50) -> dict:
    start, end = stats.period(year, month)
    rows = list(
        Complaint.objects.public()
        .filter(resolved_at__gte=start, resolved_at__lt=end)
        .select_related("agency", "reporter")
        .only(
            "tracking_number",
            "resolved_at",
            "public_text",
            "status",
            "visibility",
            "agency__name",
            "reporter__name",
            "reporter__address",
        )
        .order_by("-resolved_at", "-id")[: limit + 1]
    )
    for row in rows:
        row.display_text = public.safe_text(row.public_text, row)
    return {"month": dt.date(year, month, 1), "rows": rows[:limit], "more": len(rows) > limit}
