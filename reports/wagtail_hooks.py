"""Reports in the admin menu, and the dashboard panels of the Wagtail home page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from workflow import policy

from . import panels, views

READERS = frozenset({policy.ADMIN_PENGADUAN}) | policy.AGENCY_ROLES


class ReportMenuItem(MenuItem):
    def is_shown(self, request):
        return bool(policy.roles_of(request.user) & READERS)


@hooks.register("register_admin_urls")
def report_urls():
    return [
        path("laporan/rekap/", views.recap_index, name="reports_recaps"),
        path("laporan/rekap/buat/", views.recap_generate, name="reports_recap_generate"),
        path("laporan/rekap/<str:month>/", views.recap_detail, name="reports_recap"),
        path(
            "laporan/rekap/<str:month>/unduh.<str:fmt>",
            views.recap_download,
            name="reports_recap_download",
        ),
        path("laporan/harian/", views.daily_report, name="reports_daily"),
        path("laporan/isu-strategis/", views.strategic_issues, name="reports_strategic"),
        path("laporan/peringkat-opd/", views.league_table, name="reports_league"),
        path("laporan/tahunan/", views.annual_report, name="reports_annual"),
    ]


# One "Laporan" menu: ours go first in Wagtail's own reports menu (its "Reports"), which also
# holds the page reports (locked pages, workflows, site history) for those allowed to see them.
REPORT_ITEMS = (
    (_("Rekap bulanan"), "reports_recaps", "table"),
    (_("Laporan harian"), "reports_daily", "date"),
    (_("Laporan tahunan"), "reports_annual", "calendar"),
    (_("Isu strategis"), "reports_strategic", "tag"),
    (_("Peringkat OPD"), "reports_league", "order"),
)


def _register_report_item(order: int, label, url_name: str, icon: str) -> None:
    @hooks.register("register_reports_menu_item")
    def item():
        return ReportMenuItem(label, reverse(url_name), name=url_name, icon_name=icon, order=order)


for _order, (_label, _url_name, _icon) in enumerate(REPORT_ITEMS, start=1):
    _register_report_item(_order, _label, _url_name, _icon)


@hooks.register("construct_main_menu")
def reports_menu_in_place(request, menu_items):
    """Wagtail puts its reports menu last; ours sits after the complaints, as before."""
    for item in menu_items:
        if item.name == "reports":
            item.order, item.icon_name = 250, "table"


# Wagtail's panels that ask this person to act: shown first, before any figures.
REVIEW_PANELS = ("workflow_objects_to_moderate", "pages_for_moderation")
COMPLAINT_ROLES = frozenset({policy.ADMIN_PENGADUAN, policy.VALIDATOR}) | policy.AGENCY_ROLES


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panel_list):
    """Each role sees panels about its own work only: complaint staff their queue, what is
    late and their intake; the Editor FAQ no complaint panels at all. Reviews waiting for
    this person ("Menunggu tinjauan Anda") come first."""
    for panel in panel_list:
        if getattr(panel, "name", "") in REVIEW_PANELS:
            panel.order = 1
    roles = policy.roles_of(request.user)
    if not roles & COMPLAINT_ROLES:
        return
    ours = [panels.MyQueuePanel(request), panels.LatePanel(request)]
    if roles & READERS:  # intake and service levels: the desk and the agencies
        ours += [panels.TodayPanel(request), panels.AgencySlaPanel(request)]
    panel_list[:0] = ours
