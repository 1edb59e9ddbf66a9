"""API clients in the admin: issued with a key shown once, rotated or revoked later."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.panels import FieldPanel, ObjectList
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import CreateView, EditView, SnippetViewSet

from workflow.wagtail_hooks import PermissionCheckedChooserViewSet

from .models import ApiClient

KEY_MESSAGE = _(
    "Kunci API %(name)s: %(key)s — salin sekarang dan kirim ke pengelola lewat jalur aman; "
    "kunci ini tidak akan ditampilkan lagi."
)


class ApiClientForm(WagtailAdminModelForm):
    new_key = forms.BooleanField(
        label=_("Terbitkan kunci baru"),
        required=False,
        help_text=_("Kunci lama langsung tidak berlaku lagi."),
    )

    class Meta:
        model = ApiClient
        fields = ["name", "contact", "rate", "active", "new_key"]


class ApiClientCreateView(CreateView):
    def save_instance(self):
        self.raw_key = self.form.instance.new_key()
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_message(self, instance):
        return KEY_MESSAGE % {"name": instance.name, "key": self.raw_key}


class ApiClientEditView(EditView):
    def save_instance(self):
        client = self.form.instance
        self.raw_key = client.new_key() if self.form.cleaned_data.get("new_key") else None
        if "active" in self.form.changed_data:
            client.revoked_at = None if client.active else timezone.now()
        return super().save_instance()

    def get_success_message(self):
        if self.raw_key:
            return KEY_MESSAGE % {"name": self.object.name, "key": self.raw_key}
        if not self.object.active:
            return _("Akses %(name)s dicabut.") % {"name": self.object.name}
        return super().get_success_message()


class ApiClientViewSet(SnippetViewSet):
    model = ApiClient
    icon = "key"
    menu_label = _("Aplikasi Open311")
    menu_name = "open311-clients"
    menu_order = 260
    add_to_admin_menu = True
    list_display = ["name", "key_prefix", "rate", "active", "last_used_at", "revoked_at"]
    list_filter = ["active"]
    search_fields = ["name", "contact"]
    chooser_viewset_class = PermissionCheckedChooserViewSet
    add_view_class = ApiClientCreateView
    edit_view_class = ApiClientEditView
    edit_handler = ObjectList(
        [
            FieldPanel("name"),
            FieldPanel("contact"),
            FieldPanel("rate"),
            FieldPanel("active"),
            FieldPanel("new_key"),
        ],
        base_form_class=ApiClientForm,
    )


register_snippet(ApiClientViewSet)
