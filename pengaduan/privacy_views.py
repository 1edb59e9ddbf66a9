"""Admin views for a reporter's personal-data rights: download a copy, erase (pengaduan.privacy).

Reached from the reporter's page (*Data induk → Pelapor*), for Admin Pengaduan only
(``pengaduan.view_personal_data`` and ``pengaduan.change_reporter``); anyone else gets
Wagtail's "permission denied". The URLs are registered in ``pengaduan.wagtail_hooks``.
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from workflow.services import WorkflowError

from . import privacy
from .models import Reporter
from .redaction import ERASED_NAME
from .validators import mask_phone

EXPORT_URL_NAME = "pengaduan_reporter_personal_data_export"
ERASE_URL_NAME = "pengaduan_reporter_personal_data_erase"


def reporter_url(reporter: Reporter) -> str:
    return reverse("pengaduan_reporter_modeladmin_inspect", args=[reporter.pk])


def _reporter_for(user, pk) -> Reporter:
    if not privacy.may_manage_personal_data(user):
        raise PermissionDenied
    return get_object_or_404(Reporter, pk=pk)


@require_GET
def export_view(request, pk: int) -> HttpResponse:
    """The reporter's data as a JSON download; never cached, logged by the export itself."""
    reporter = _reporter_for(request.user, pk)
    document = privacy.export_reporter(reporter, by=request.user)
    response = HttpResponse(
        privacy.export_json(document), content_type="application/json; charset=utf-8"
    )
    # The file name carries no personal data: it ends up in download folders and histories.
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = (
        f'attachment; filename="data-pribadi-pelapor-{reporter.pk}-{stamp}.json"'
    )
    patch_cache_control(response, no_store=True, private=True)
    return response


class ErasureForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Alasan / dasar permintaan"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=gettext_lazy(
            "Mis. “Permintaan pelapor lewat surat tanggal …”. Tersimpan di log riwayat "
            "(nama, nomor, NIK, alamat dan email pelapor di dalamnya ikut disamarkan)."
        ),
    )
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "Saya mengerti: nama, nomor, NIK, alamat dan email pelapor dihapus, teks aduannya "
            "disamarkan, dan ini tidak dapat dibatalkan."
        ),
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise forms.ValidationError(_("Tuliskan alasan atau dasar permintaan."))
        return reason


class ErasureView(WagtailAdminTemplateMixin, FormView):
    """Confirmation page (reason + checkbox); POST erases through ``privacy.erase_reporter``."""

    template_name = "pengaduan/admin/reporter_erase.html"
    header_icon = "bin"
    form_class = ErasureForm

    def dispatch(self, request, *args, **kwargs):
        self.reporter = _reporter_for(request.user, kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Hapus data pribadi pelapor")

    def get_page_subtitle(self):
        return self.reporter.name

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {
                "url": reverse("pengaduan_reporter_modeladmin_index"),
                "label": _("Pelapor"),
            },
            {"url": reporter_url(self.reporter), "label": self.reporter.name},
            {"url": "", "label": self.get_page_title()},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        reporter = self.reporter
        still_open = list(privacy.open_complaints(reporter))
        context.update(
            {
                "reporter": reporter,
                "masked_number": mask_phone(reporter.whatsapp_number),
                "already_erased": reporter.name == ERASED_NAME,
                "complaint_count": reporter.complaints.count(),
                "open_complaints": still_open,
                "refusal": (
                    privacy.refusal_message([c.tracking_number for c in still_open])
                    if still_open
                    else ""
                ),
                "cancel_url": reporter_url(reporter),
            }
        )
        return context

    def form_valid(self, form):
        try:
            summary = privacy.erase_reporter(
                self.reporter, by=self.request.user, reason=form.cleaned_data["reason"]
            )
        except WorkflowError as exc:
            form.add_error(None, str(exc))
            return self.form_invalid(form)
        if summary.changed:
            messages.success(
                self.request,
                _(
                    "Data pribadi pelapor telah dihapus: %(complaints)d aduan disamarkan, "
                    "%(messages)d pesan masuk dan %(notifications)d notifikasi dibersihkan."
                )
                % {
                    "complaints": summary.complaints,
                    "messages": summary.inbound_messages,
                    "notifications": summary.notifications,
                },
            )
        else:
            messages.info(self.request, _("Data pribadi pelapor ini sudah dihapus sebelumnya."))
        return HttpResponseRedirect(reporter_url(self.reporter))
