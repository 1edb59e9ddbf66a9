"""Staff admin: complaints as a snippet; agencies, reporters and staff through ModelAdmin."""

import django_filters
from django.db.models import Q
from django.templatetags.static import static
from django.urls import path
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.filters import DateRangePickerWidget, WagtailFilterSet
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import EditView, InspectView

from workflow import services
from workflow.states import STAFF_CLOCK_STATES, Status
from workflow.wagtail_hooks import PermissionCheckedChooserViewSet, PermissionCheckedHistoryView

from . import admin_views
from .models import Agency, Category, Complaint, Reporter, StaffProfile
from .validators import mask_nik, mask_phone


class ComplaintFilterSet(WagtailFilterSet):
    status = django_filters.MultipleChoiceFilter(
        label=_("Status"),
        choices=Status.choices,
        widget=django_filters.widgets.forms.CheckboxSelectMultiple,
    )
    agency = django_filters.ModelChoiceFilter(
        label=_("OPD"), queryset=Agency.objects.order_by("name")
    )
    channel = django_filters.ChoiceFilter(label=_("Kanal"), choices=Complaint.Channel.choices)
    urgency = django_filters.ChoiceFilter(label=_("Klasifikasi"), choices=Complaint.Urgency.choices)
    visibility = django_filters.ChoiceFilter(
        label=_("Sifat aduan"), choices=Complaint.Visibility.choices
    )
    created_at = django_filters.DateFromToRangeFilter(
        label=_("Tanggal diterima"), widget=DateRangePickerWidget
    )
    late = django_filters.BooleanFilter(label=_("Terlambat"), method="filter_late")
    antrean = django_filters.BooleanFilter(label=_("Antrean saya"), method="filter_queue")

    class Meta:
        model = Complaint
        fields = ["status", "agency", "channel", "urgency", "visibility", "created_at"]

    def __init__(self, *args, request=None, **kwargs):
        super().__init__(*args, request=request, **kwargs)
        user = getattr(request, "user", None)
        if user is not None:
            # An agency sees only itself in the agency filter.
            agency_ids = Complaint.objects.visible_to(user).values("agency_id")
            self.filters["agency"].queryset = Agency.objects.filter(pk__in=agency_ids).order_by(
                "name"
            )

    def filter_queue(self, queryset, name, value):
        """The dashboard's "Antrean saya": what waits for this person's next step."""
        user = getattr(self.request, "user", None)
        if value is None or user is None:
            return queryset
        waiting = Complaint.objects.waiting_for(user).values("pk")
        return queryset.filter(pk__in=waiting) if value else queryset.exclude(pk__in=waiting)

    def filter_late(self, queryset, name, value):
        late = Q(status__in=sorted(STAFF_CLOCK_STATES), due_at__lt=timezone.now())
        if value is True:
            return queryset.filter(late)
        if value is False:
            return queryset.exclude(late)
        return queryset


register_permission_policy(
    Complaint, admin_views.ComplaintPermissionPolicy(Complaint), exact_class=True
)


class ComplaintViewSet(SnippetViewSet):
    model = Complaint
    icon = "warning"
    menu_label = _("Aduan")
    menu_name = "aduan"
    menu_order = 100
    add_to_admin_menu = True
    inspect_view_enabled = True
    copy_view_enabled = False
    index_view_class = admin_views.ComplaintIndexView
    inspect_view_class = admin_views.ComplaintInspectView
    chooser_viewset_class = PermissionCheckedChooserViewSet
    filterset_class = ComplaintFilterSet
    # Plain database lookups (no separate search index to keep in step with the rows).
    search_fields = ["tracking_number", "text", "location_text"]
    search_backend_name = None
    list_per_page = 50
    ordering = ["-created_at", "-id"]
    list_export = [
        "tracking_number",
        "get_status_display",
        "agency_name",
        "get_channel_display",
        "get_urgency_display",
        "get_visibility_display",
        "created_at",
        "due_at",
        "location_text",
        "public_text",
    ]
    export_headings = {
        "tracking_number": _("Nomor aduan"),
        "get_status_display": _("Status"),
        "agency_name": _("OPD"),
        "get_channel_display": _("Kanal"),
        "get_urgency_display": _("Klasifikasi"),
        "get_visibility_display": _("Sifat"),
        "created_at": _("Diterima"),
        "due_at": _("Batas waktu"),
        "location_text": _("Lokasi kejadian"),
        "public_text": _("Isi (versi publik)"),
    }
    export_filename = "aduan-sambat-bunda"

    def get_queryset(self, request):
        return admin_views.visible_complaints(request.user)

    @property
    def add_view(self):
        return admin_views.ComplaintIntakeView.as_view()

    @property
    def edit_view(self):
        return admin_views.ComplaintEditView.as_view()

    @property
    def delete_view(self):
        # Complaints are archived, never deleted (the permission policy refuses "delete").
        return self.construct_view(
            type(
                "ComplaintDeleteView", (admin_views.ScopedObjectMixin, self.delete_view_class), {}
            ),
            **self.get_delete_view_kwargs(),
        )

    @property
    def history_view(self):
        return self.construct_view(
            type(
                "ComplaintHistoryView", (admin_views.ScopedObjectMixin, self.history_view_class), {}
            ),
            **self.get_history_view_kwargs(),
        )

    @property
    def history_results_view(self):
        return self.construct_view(
            type(
                "ComplaintHistoryView", (admin_views.ScopedObjectMixin, self.history_view_class), {}
            ),
            **self.get_history_view_kwargs(),
            results_only=True,
        )

    @property
    def usage_view(self):
        return self.construct_view(
            type("ComplaintUsageView", (admin_views.ScopedObjectMixin, self.usage_view_class), {}),
            **self.get_usage_view_kwargs(),
        )

    def get_urlpatterns(self):
        return [
            *super().get_urlpatterns(),
            path(
                "action/<str:action>/<int:pk>/",
                admin_views.ComplaintActionView.as_view(),
                name="action",
            ),
            path("attachment/<int:pk>/", admin_views.attachment_view, name="attachment"),
            path("lapor/impor/", admin_views.LaporImportView.as_view(), name="lapor_import"),
        ]


register_snippet(ComplaintViewSet)


# --- agencies, reporters, staff (wagtail-modeladmin, as the design card names it) --------


class AgencyAdmin(ModelAdmin):
    model = Agency
    history_view_class = PermissionCheckedHistoryView
    menu_label = _("OPD")
    menu_icon = "group"
    list_display = ("name", "short_name", "kind", "requires_response_approval", "active")
    list_filter = ("kind", "active", "requires_response_approval")
    search_fields = ("name", "short_name", "keywords")
    inspect_view_enabled = True


class CategoryAdmin(ModelAdmin):
    model = Category
    history_view_class = PermissionCheckedHistoryView
    menu_label = _("Kategori aduan")
    menu_icon = "tag"
    list_display = ("name", "code", "agency", "order", "active")
    list_filter = ("active", "agency__kind")
    search_fields = ("name", "code", "keywords", "agency__name")


class PersonalDataLoggedInspectView(InspectView):
    """Opening a reporter's record shows NIK, number and address: log who looked."""

    def get(self, request, *args, **kwargs):
        services.log_personal_data_view(request.user, reporter=self.instance, what="reporter")
        return super().get(request, *args, **kwargs)


class PersonalDataLoggedEditView(EditView):
    def get(self, request, *args, **kwargs):
        services.log_personal_data_view(request.user, reporter=self.instance, what="reporter_edit")
        return super().get(request, *args, **kwargs)


class ReporterPermissionHelper(PermissionHelper):
    """The reporter pages need a permission on the reporter model itself. The custom
    ``view_personal_data`` (the Validator has it, to check a NIK on a complaint it may see)
    unmasks data where a role already has access; it must not open the list of every reporter.
    """

    def get_all_model_permissions(self):
        actions = ("add", "change", "delete", "view")
        codenames = [f"{action}_{self.opts.model_name}" for action in actions]
        return super().get_all_model_permissions().filter(codename__in=codenames)


class ReporterAdmin(ModelAdmin):
    model = Reporter
    permission_helper_class = ReporterPermissionHelper
    history_view_class = PermissionCheckedHistoryView
    menu_label = _("Pelapor")
    menu_icon = "user"
    list_display = ("name", "masked_whatsapp", "masked_nik", "nik_status", "created_at")
    list_filter = ("nik_status",)
    search_fields = ("name",)
    inspect_view_enabled = True
    inspect_view_class = PersonalDataLoggedInspectView
    edit_view_class = PersonalDataLoggedEditView
    # Adds the personal-data rights buttons (pengaduan.privacy_views) for Admin Pengaduan.
    inspect_template_name = "pengaduan/admin/reporter_inspect.html"
    inspect_view_fields = (
        "name",
        "whatsapp_number",
        "nik",
        "nik_status",
        "address",
        "email",
        "created_at",
    )
    form_fields_exclude = ("nik_checked_by", "nik_checked_at", "created_at")

    def masked_whatsapp(self, obj):
        return mask_phone(obj.whatsapp_number)

    masked_whatsapp.short_description = _("Nomor WhatsApp")

    def masked_nik(self, obj):
        return mask_nik(obj.nik)

    masked_nik.short_description = _("NIK")


class StaffProfileAdmin(ModelAdmin):
    model = StaffProfile
    history_view_class = PermissionCheckedHistoryView
    menu_label = _("Petugas OPD")
    menu_icon = "user"
    list_display = ("user", "agency", "whatsapp_number")
    list_filter = ("agency__kind",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "agency__name")


class MasterDataGroup(ModelAdminGroup):
    menu_label = _("Data induk")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (AgencyAdmin, CategoryAdmin, ReporterAdmin, StaffProfileAdmin)


modeladmin_register(MasterDataGroup)


@hooks.register("construct_main_menu")
def hide_snippets_menu(request, menu_items):
    """Complaints have their own menu item; the generic "Snippets" entry only confuses."""
    menu_items[:] = [item for item in menu_items if item.name != "snippets"]


@hooks.register("insert_global_admin_css")
def sambat_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("pengaduan/admin.css"))


# --- personal-data rights of a reporter (UU 27/2022 PDP): pengaduan.privacy_views ---------


@hooks.register("register_admin_urls")
def register_personal_data_urls():
    from . import privacy_views

    return [
        path(
            "pelapor/<int:pk>/data-pribadi/unduh/",
            privacy_views.export_view,
            name=privacy_views.EXPORT_URL_NAME,
        ),
        path(
            "pelapor/<int:pk>/data-pribadi/hapus/",
            privacy_views.ErasureView.as_view(),
            name=privacy_views.ERASE_URL_NAME,
        ),
    ]
