"""The admin page for SOP presets (Pengaturan → Preset SOP): list, diff, apply on confirm.

Only Admin Pengaduan (and superusers) may see or apply a preset: it changes every deadline.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from . import policy, presets


def can_apply(user) -> bool:
    return user.is_active and (
        user.is_superuser or user.groups.filter(name=policy.ADMIN_PENGADUAN).exists()
    )


def presets_view(request):
    """GET lists the presets, or with ``?preset=`` shows what it would change; POST applies."""
    if not can_apply(request.user):
        raise PermissionDenied
    available = presets.all_presets()
    chosen = available.get(request.POST.get("preset") or request.GET.get("preset") or "")
    if request.method == "POST":
        if chosen is None or request.POST.get("confirm") != "yes":
            messages.error(request, _("Pilih preset dan konfirmasi penerapannya."))
            return redirect("workflow_presets")
        changes = presets.apply(chosen)
        messages.success(
            request,
            _("Preset %(title)s diterapkan: %(count)d pengaturan berubah.")
            % {"title": chosen.title, "count": len(changes)},
        )
        return redirect(f"{reverse('workflow_presets')}?preset={chosen.name}")
    changes = presets.plan(chosen) if chosen else []
    return TemplateResponse(
        request,
        "workflow/admin/presets.html",
        {
            "presets": available.values(),
            "chosen": chosen,
            "changes": [(c.label, presets.show(c.old), presets.show(c.new)) for c in changes],
        },
    )


@hooks.register("register_admin_urls")
def preset_admin_urls():
    return [path("pengaturan/preset-sop/", presets_view, name="workflow_presets")]


class PresetMenuItem(MenuItem):
    def is_shown(self, request):
        return can_apply(request.user)


@hooks.register("register_settings_menu_item")
def preset_menu_item():
    return PresetMenuItem(
        gettext_lazy("Preset SOP"), reverse("workflow_presets"), icon_name="list-ul", order=900
    )
