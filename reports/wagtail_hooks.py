"""Reports in the admin menu, and the dashboard panels of the Wagtail home page."""

from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import Menu, MenuItem, SubmenuMenuItem

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


@hooks.register("register_admin_menu_item")
def report_menu():
    items = [
        ReportMenuItem(_("Rekap bulanan"), reverse("reports_recaps"), icon_name="table"),
        ReportMenuItem(_("Laporan harian"), reverse("reports_daily"), icon_name="date"),
        ReportMenuItem(_("Laporan tahunan"), reverse("reports_annual"), icon_name="calendar"),
        ReportMenuItem(_("Isu strategis"), reverse("reports_strategic"), icon_name="tag"),
        ReportMenuItem(_("Peringkat OPD"), reverse("reports_league"), icon_name="order"),
    ]

    class ReportsSubmenu(SubmenuMenuItem):
        def is_shown(self, request):
            return bool(policy.roles_of(request.user) & READERS)

    return ReportsSubmenu(_("Laporan"), Menu(items=items), icon_name="table", order=250)


@hooks.register("construct_homepage_panels")
def dashboard_panels(request, panel_list):
    if not policy.roles_of(request.user):
        return
    panel_list[:0] = [
        panels.MyQueuePanel(request),
        panels.LatePanel(request),
        panels.TodayPanel(request),
        panels.AgencySlaPanel(request),
    ]
