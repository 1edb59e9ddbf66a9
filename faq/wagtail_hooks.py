"""The AI log in the admin: every answer given or withheld, read-only (SPEC §6)."""

from django.utils.translation import gettext_lazy as _
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from workflow.wagtail_hooks import PermissionCheckedHistoryView, ReadOnlyPermissionHelper

from .models import AiLog


class AiLogAdmin(ModelAdmin):
    model = AiLog
    menu_label = _("Log jawaban AI")
    menu_icon = "help"
    menu_order = 310
    add_to_settings_menu = True
    permission_helper_class = ReadOnlyPermissionHelper
    history_view_class = PermissionCheckedHistoryView
    inspect_view_enabled = True
    list_display = ("created_at", "question", "confident", "confidence", "method")
    list_filter = ("confident", "method", "created_at")
    search_fields = ("question", "answer")


modeladmin_register(AiLogAdmin)
