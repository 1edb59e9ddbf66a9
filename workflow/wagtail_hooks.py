"""Workflow records in the admin: history log and notifications (read-only, with a retry for
failed messages), message templates, local holidays. The SLA policy is a Wagtail setting."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register

from pengaduan.validators import mask_phone

from .models import ActivityLog, Holiday, MessageTemplate, Notification
from .outbox import requeue


class ReadOnlyPermissionHelper(PermissionHelper):
    def user_can_create(self, user):
        return False

    def user_can_edit_obj(self, user, obj):
        return False

    def user_can_delete_obj(self, user, obj):
        return False


class ActivityLogAdmin(ModelAdmin):
    model = ActivityLog
    menu_label = gettext_lazy("Log riwayat & akses")
    menu_icon = "history"
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


class NotificationButtonHelper(ButtonHelper):
    def get_buttons_for_obj(self, obj, exclude=None, classnames_add=None, classnames_exclude=None):
        buttons = super().get_buttons_for_obj(obj, exclude, classnames_add, classnames_exclude)
        if obj.status in (
            Notification.State.FAILED,
            Notification.State.DEAD,
        ) and self.request.user.has_perm("workflow.change_notification"):
            buttons.append(
                {
                    "url": reverse("workflow_notification_requeue", args=[obj.pk]),
                    "label": _("Kirim ulang"),
                    "classname": "button button-small button-secondary",
                    "title": _("Kirim ulang notifikasi ini"),
                }
            )
        return buttons


class NotificationAdmin(ModelAdmin):
    model = Notification
    menu_label = gettext_lazy("Notifikasi")
    menu_icon = "mail"
    permission_helper_class = ReadOnlyPermissionHelper
    button_helper_class = NotificationButtonHelper
    inspect_view_enabled = True
    list_display = (
        "created_at",
        "template_key",
        "audience",
        "recipient",
        "status",
        "attempts",
        "last_error",
        "complaint",
    )
    list_filter = ("status", "channel", "audience", "template_key")
    search_fields = ("complaint__tracking_number", "template_key", "provider_message_id")
    list_select_related = ("complaint",)
    inspect_view_fields = (
        "complaint",
        "audience",
        "channel",
        "template_key",
        "text",
        "status",
        "attempts",
        "next_attempt_at",
        "last_error",
        "provider_message_id",
        "created_at",
        "sent_at",
        "delivered_at",
        "read_at",
    )

    def recipient(self, obj):
        return mask_phone(obj.recipient_phone) if obj.recipient_phone else obj.recipient_email

    recipient.short_description = gettext_lazy("Tujuan")


class MessageTemplateAdmin(ModelAdmin):
    model = MessageTemplate
    menu_label = gettext_lazy("Templat pesan")
    menu_icon = "doc-full"
    list_display = ("key", "description", "whatsapp_template")
    search_fields = ("key", "description", "body")
    form_fields_exclude = ("key",)


class HolidayAdmin(ModelAdmin):
    model = Holiday
    menu_label = gettext_lazy("Hari libur daerah")
    menu_icon = "date"
    list_display = ("date", "name")


class WorkflowGroup(ModelAdminGroup):
    menu_label = gettext_lazy("Layanan")
    menu_icon = "cogs"
    menu_order = 300
    items = (NotificationAdmin, MessageTemplateAdmin, HolidayAdmin, ActivityLogAdmin)


modeladmin_register(WorkflowGroup)


def requeue_view(request, pk):
    """GET asks for confirmation, POST puts a failed notification back in the outbox."""
    if not request.user.has_perm("workflow.change_notification"):
        raise PermissionDenied
    notification = get_object_or_404(Notification, pk=pk)
    index_url = reverse("workflow_notification_modeladmin_index")
    if request.method != "POST":
        return TemplateResponse(
            request,
            "workflow/admin/requeue_confirm.html",
            {"notification": notification, "cancel_url": index_url},
        )
    if requeue(notification):
        messages.success(request, _("Notifikasi akan dikirim ulang."))
    else:
        messages.warning(request, _("Hanya notifikasi yang gagal yang dapat dikirim ulang."))
    return redirect(index_url)


@hooks.register("register_admin_urls")
def workflow_admin_urls():
    return [
        path(
            "layanan/notifikasi/<int:pk>/kirim-ulang/",
            requeue_view,
            name="workflow_notification_requeue",
        )
    ]
