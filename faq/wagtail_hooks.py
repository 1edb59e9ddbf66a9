"""The FAQ in the admin: a direct menu item to its pages, and the AI log (every answer given
or withheld, read-only, SPEC §6)."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.sidebar import LinkMenuItem as LinkMenuItemComponent
from wagtail_modeladmin.options import ModelAdmin, modeladmin_register

from workflow.wagtail_hooks import PermissionCheckedHistoryView, ReadOnlyPermissionHelper

from .models import AiLog, FaqIndexPage


class FaqMenuItem(MenuItem):
    """ "FAQ" in the main menu, straight to the knowledge base's pages, for whoever may edit
    them (the Editor FAQ first): no hunting through the page tree."""

    def _index(self, request):
        if not hasattr(request, "_sambat_faq_index"):
            request._sambat_faq_index = FaqIndexPage.objects.order_by("path").first()
        return request._sambat_faq_index

    def is_shown(self, request):
        index = self._index(request)
        return index is not None and index.permissions_for_user(request.user).can_edit()

    def render_component(self, request):
        url = reverse("wagtailadmin_explore", args=[self._index(request).pk])
        return LinkMenuItemComponent(
            self.name, self.label, url, icon_name=self.icon_name, attrs=self.attrs
        )


@hooks.register("register_admin_menu_item")
def faq_menu_item():
    return FaqMenuItem(_("FAQ"), "#", name="faq", icon_name="help", order=150)


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
