"""The history log in the admin: read-only, for Admin Pengaduan [000 "History Log akses"]."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.helpers import PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from .models import ActivityLog


class ReadOnlyPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ActivityLogAdmin(ModelAdmin):
    model = ActivityLog
    menu_label = _("Log riwayat & akses")
    menu_icon = "history"
    menu_order = 900
    add_to_settings_menu = True
    permission_helper_class = ReadOnlyPermissionHelper
    inspect_view_enabled = True
    list_display = (
        "created_at",
        "action_display",
        "complaint",
        "actor_display",
        "from_state",
        "to_state",
    )
    list_filter = ("action", "actor_kind", "created_at")
    search_fields = ("complaint__tracking_number", "actor__username", "reason")
    list_select_related = ("complaint", "actor")


modeladmin_register(ActivityLogAdmin)
