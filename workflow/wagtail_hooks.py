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
from wagtail.permissions import policy_registry
from wagtail.snippets.bulk_actions.delete import DeleteBulkAction
from wagtail.snippets.views import chooser
from wagtail_modeladmin.helpers import ButtonHelper, PermissionHelper
from wagtail_modeladmin.options import ModelAdmin, ModelAdminGroup, modeladmin_register
from wagtail_modeladmin.views import HistoryView

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


# --- holes in the generic admin views (tests/test_authorization_matrix.py) ----------------


class PermissionCheckedHistoryView(HistoryView):
    """wagtail-modeladmin's history view checks no permission at all: any staff user could open
    /admin/<app>/<model>/history/<pk>/ of any row and read its title, e.g. a notification's
    phone number or a reporter's name. Require what the list requires."""

    def check_action_permitted(self, user):
        return self.permission_helper.user_can_list(user)


CHOOSER_ACTIONS = ("view", "change")


class _PolicyScopedChooser:
    """Only what the model's permission policy lets this user see (for complaints: the rows of
    ``Complaint.objects.visible_to``), only for users allowed to list the model, and no
    "create" tab: rows are made by their own forms and services, never in a chooser."""

    def _policy(self):
        return policy_registry.get_by_type(self.model_class)

    def dispatch(self, request, *args, **kwargs):
        if not self._policy().user_has_any_permission(request.user, CHOOSER_ACTIONS):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def scoped(self):
        return self._policy().instances_user_has_any_permission_for(
            self.request.user, CHOOSER_ACTIONS
        )

    def can_create(self):
        return False


class _ScopedChooseView(_PolicyScopedChooser, chooser.ChooseView):
    def get_object_list(self):
        return self.scoped()


class _ScopedChooseResultsView(_PolicyScopedChooser, chooser.ChooseResultsView):
    def get_object_list(self):
        return self.scoped()


class _ScopedChosenView(_PolicyScopedChooser, chooser.SnippetChosenView):
    def get_object(self, pk):
        return self.scoped().get(pk=pk)


class _ScopedChosenMultipleView(_PolicyScopedChooser, chooser.SnippetChosenMultipleView):
    def get_objects(self, pks):
        return self.scoped().filter(pk__in=pks)


class _NoCreateView(_PolicyScopedChooser, chooser.SnippetCreateView):
    pass


class PermissionCheckedChooserViewSet(chooser.SnippetChooserViewSet):
    """Wagtail registers a chooser for every snippet that lists and returns every row to anyone
    with admin access (an Admin OPD could read every complaint number of every agency)."""

    choose_view_class = _ScopedChooseView
    choose_results_view_class = _ScopedChooseResultsView
    chosen_view_class = _ScopedChosenView
    chosen_multiple_view_class = _ScopedChosenMultipleView
    create_view_class = _NoCreateView


class PermissionCheckedDeleteBulkAction(DeleteBulkAction):
    """Wagtail's bulk delete confirmation lists the title of every id in the URL, whoever asks;
    only users who may delete rows of the model at all (for complaints: nobody) get it."""

    def dispatch(self, request, *args, **kwargs):
        if not self.permission_policy.user_has_permission(request.user, "delete"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


# Registered after Wagtail's own (order 0), so it replaces the delete action of every snippet.
hooks.register("register_bulk_action", PermissionCheckedDeleteBulkAction, order=1)


class ActivityLogAdmin(ModelAdmin):
    model = ActivityLog
    history_view_class = PermissionCheckedHistoryView
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
    history_view_class = PermissionCheckedHistoryView
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
    history_view_class = PermissionCheckedHistoryView
    menu_label = gettext_lazy("Templat pesan")
    menu_icon = "doc-full"
    list_display = ("key", "description", "whatsapp_template")
    search_fields = ("key", "description", "body")
    form_fields_exclude = ("key",)


class HolidayAdmin(ModelAdmin):
    model = Holiday
    history_view_class = PermissionCheckedHistoryView
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


# The SOP presets page (Pengaturan → Preset SOP) registers its own hooks.
from . import preset_admin  # noqa: E402, F401
