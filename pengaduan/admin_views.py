"""Wagtail admin views for complaints.

Every view that touches one complaint loads it through ``Complaint.objects.visible_to(user)``,
so a complaint of another agency is a 404 whatever the URL, and every action goes through
``workflow.services`` via the action forms.
"""

from __future__ import annotations

from io import BytesIO

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponseRedirect, StreamingHttpResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import FormView
from wagtail.admin.ui.tables import Column, DateColumn, TitleColumn
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.widgets.button import Button
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.snippets.views import snippets as snippet_views

from workflow import policy, services
from workflow.models import ActivityLog

from . import lapor
from .forms import ACTION_FORMS, IntakeForm, LaporImportForm, complaint_edit_form
from .models import Attachment, Complaint
from .validators import mask_nik, mask_phone

PERSONAL_DATA_PERMISSION = "pengaduan.view_personal_data"
URL_NAMESPACE = "wagtailsnippets_pengaduan_complaint"


def url_name(name: str) -> str:
    return f"{URL_NAMESPACE}:{name}"


def visible_complaints(user):
    return Complaint.objects.visible_to(user).select_related("agency", "reporter")


def get_visible_complaint(user, pk) -> Complaint:
    try:
        pk = int(pk)
    except (TypeError, ValueError) as exc:
        raise Http404 from exc
    return get_object_or_404(visible_complaints(user), pk=pk)


def can_see_personal_data(user) -> bool:
    return user.has_perm(PERSONAL_DATA_PERMISSION)


def reporter_label(user, complaint: Complaint) -> str:
    """What a staff list shows as the reporter: agencies never see who filed an anonymous one."""
    if complaint.visibility == Complaint.Visibility.ANONYMOUS and not can_see_personal_data(user):
        return _("Anonim")
    return complaint.reporter.name


class ComplaintPermissionPolicy(ModelPermissionPolicy):
    """Model permissions for the coarse checks, the workflow policy for each complaint.

    Nobody deletes a complaint: it is archived instead, and the record stays.
    """

    def user_has_permission(self, user, action):
        if action == "delete":
            return False
        return super().user_has_permission(user, action)

    def user_has_permission_for_instance(self, user, action, instance):
        if action == "delete":
            return False
        return super().user_has_permission(user, action) and policy.can_view(user, instance)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return Complaint.objects.none()
        return Complaint.objects.visible_to(user)


class ScopedObjectMixin:
    """Load the complaint of the URL only from what the user may see (404 otherwise)."""

    def get_object(self, *args, **kwargs):
        if getattr(self, "object", None) is not None:
            return self.object
        return get_visible_complaint(self.request.user, self.kwargs.get("pk"))


# --- list ------------------------------------------------------------------------------


class StatusColumn(Column):
    cell_template_name = "pengaduan/admin/cells/status.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["status"] = instance.status
        context["label"] = instance.get_status_display()
        return context


class DeadlineColumn(Column):
    cell_template_name = "pengaduan/admin/cells/deadline.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["due_at"] = instance.due_at if instance.is_open else None
        context["late"] = instance.is_late()
        return context


class ReporterColumn(Column):
    def get_value(self, instance):
        return instance  # rendered per user below

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["value"] = reporter_label(parent_context["request"].user, instance)
        return context


def _excerpt(complaint: Complaint) -> str:
    text = " ".join(complaint.text.split())
    return text if len(text) <= 90 else text[:87].rsplit(" ", 1)[0] + "…"


LAPOR_EXPORT_FORMATS = ("lapor-xlsx", "lapor-csv")


def may_import_lapor(user) -> bool:
    return policy.has_any_role(user, {policy.ADMIN_PENGADUAN})


class ComplaintIndexView(snippet_views.IndexView):
    # The LAPOR! layout is one more pair of formats of the same list: same filters, search,
    # ordering and row-level access as what the user sees.
    FORMATS = (*snippet_views.IndexView.FORMATS, *LAPOR_EXPORT_FORMATS)
    # Spreadsheet cells must not start a formula in whoever opens the CSV [OWASP CSV injection].
    custom_value_preprocess = {
        **snippet_views.IndexView.custom_value_preprocess,
        str: {"csv": lambda v: "'" + v if v[:1] in ("=", "+", "-", "@", "\t", "\r") else v},
    }

    @cached_property
    def columns(self):
        return [
            TitleColumn(
                "tracking_number",
                label=gettext_lazy("Nomor aduan"),
                sort_key="tracking_number",
                get_url=lambda c: reverse(url_name("inspect"), args=[c.pk]),
            ),
            StatusColumn("status", label=gettext_lazy("Status"), sort_key="status"),
            Column(
                "agency",
                label=gettext_lazy("OPD"),
                accessor=lambda c: c.agency.short_name if c.agency else "—",
                sort_key="agency__short_name",
            ),
            ReporterColumn("reporter", label=gettext_lazy("Pelapor")),
            Column("summary", label=gettext_lazy("Ringkasan"), accessor=_excerpt),
            Column("channel", label=gettext_lazy("Kanal"), accessor="get_channel_display"),
            DateColumn("created_at", label=gettext_lazy("Diterima"), sort_key="created_at"),
            DeadlineColumn("due_at", label=gettext_lazy("Batas waktu"), sort_key="due_at"),
        ]

    def as_spreadsheet(self, queryset, spreadsheet_format):
        services.log_export(
            self.request.user,
            count=queryset.count(),
            export_format=spreadsheet_format,
            query=self.request.GET.urlencode(),
        )
        if spreadsheet_format in LAPOR_EXPORT_FORMATS:
            return self.lapor_export(queryset, spreadsheet_format)
        return super().as_spreadsheet(queryset, spreadsheet_format)

    def lapor_export(self, queryset, spreadsheet_format):
        """The list in the LAPOR! import layout, for manual entry into SP4N-LAPOR!."""
        complaints = lapor.export_queryset(queryset).iterator(chunk_size=500)
        filename = f"lapor-sambat-bunda-{timezone.localdate():%Y%m%d}"
        if spreadsheet_format == "lapor-csv":
            response = StreamingHttpResponse(
                lapor.iter_csv(complaints), content_type="text/csv; charset=utf-8"
            )
            response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
            return response
        output = BytesIO()
        lapor.write_xlsx(complaints, output)
        output.seek(0)
        return FileResponse(
            output,
            as_attachment=True,
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename=f"{filename}.xlsx",
        )

    @cached_property
    def header_more_buttons(self):
        buttons = [
            *super().header_more_buttons,
            Button(
                _("Ekspor LAPOR! (XLSX)"),
                url=self.get_export_url("lapor-xlsx"),
                icon_name="download",
                priority=110,
            ),
            Button(
                _("Ekspor LAPOR! (CSV)"),
                url=self.get_export_url("lapor-csv"),
                icon_name="download",
                priority=120,
            ),
        ]
        if may_import_lapor(self.request.user):
            buttons.append(
                Button(
                    _("Impor LAPOR!"),
                    url=reverse(url_name("lapor_import")),
                    icon_name="upload",
                    priority=130,
                )
            )
        return buttons


# --- one complaint ---------------------------------------------------------------------


class ComplaintViewMixin(WagtailAdminTemplateMixin):
    """Shared furniture of the per-complaint views (breadcrumbs, loading, URLs)."""

    header_icon = "warning"

    def dispatch(self, request, *args, **kwargs):
        self.object = get_visible_complaint(request.user, kwargs.get("pk"))
        return super().dispatch(request, *args, **kwargs)

    def inspect_url(self, complaint=None):
        return reverse(url_name("inspect"), args=[(complaint or self.object).pk])

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(url_name("list")), "label": _("Aduan")},
            {"url": self.inspect_url(), "label": self.object.tracking_number},
            {"url": "", "label": self.get_page_title()},
        ]


class ComplaintInspectView(ScopedObjectMixin, snippet_views.InspectView):
    template_name = "pengaduan/admin/complaint_inspect.html"

    def get_page_title(self):
        return _("Aduan")

    def get_page_subtitle(self):
        return self.object.tracking_number

    @cached_property
    def header_more_buttons(self):
        buttons = []
        if policy.editable_fields(self.request.user, self.object):
            buttons.append(
                Button(
                    _("Ubah data aduan"),
                    url=reverse(url_name("edit"), args=[self.object.pk]),
                    icon_name="edit",
                    priority=10,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        complaint = self.object
        may_see_personal = can_see_personal_data(user)
        reveal = may_see_personal and self.request.GET.get("data_pribadi") == "1"
        reporter = complaint.reporter
        if reveal:
            services.log_personal_data_view(user, complaint=complaint, what="inspect")
        updates = list(
            complaint.updates.select_related("author", "agency", "decided_by").prefetch_related(
                "attachments"
            )
        )
        history = complaint.activity.select_related("actor", "agency")
        if not policy.has_any_role(user, {policy.ADMIN_PENGADUAN}):
            history = history.exclude(
                action__in=[ActivityLog.VIEW_PERSONAL_DATA, ActivityLog.VIEW_ATTACHMENT]
            )
        context.update(
            {
                "complaint": complaint,
                "now": timezone.now(),
                "actions": [
                    {
                        "action": action,
                        "url": reverse(url_name("action"), args=[action.name, complaint.pk]),
                    }
                    for action in policy.allowed_actions(user, complaint)
                ],
                "reporter_name": reporter_label(user, complaint),
                "may_see_personal": may_see_personal,
                "reveal": reveal,
                "reporter_phone": reporter.whatsapp_number
                if reveal
                else mask_phone(reporter.whatsapp_number),
                "reporter_nik": reporter.nik if reveal else mask_nik(reporter.nik),
                "reporter_address": reporter.address if reveal else "",
                "reporter": reporter,
                "reveal_url": f"{self.request.path}?data_pribadi=1",
                "complaint_files": [a for a in complaint.attachments.all() if a.update_id is None],
                "updates": updates,
                "history": list(history.order_by("created_at", "id")),
                "attachment_url_name": url_name("attachment"),
                "duplicates": list(complaint.duplicates.values_list("tracking_number", flat=True)),
                "lapor": (complaint.attributes or {}).get("lapor") or {},
            }
        )
        return context


class ComplaintActionView(ComplaintViewMixin, FormView):
    """One workflow action on one complaint: show its form, call its service."""

    template_name = "pengaduan/admin/complaint_action.html"

    def dispatch(self, request, *args, **kwargs):
        name = kwargs["action"]
        if name not in ACTION_FORMS:
            raise Http404
        self.action = policy.ACTIONS[name]
        self.object = get_visible_complaint(request.user, kwargs.get("pk"))
        if not policy.can(request.user, name, self.object):
            if policy.has_any_role(request.user, self.action.roles):
                messages.error(
                    request,
                    _("“%(action)s” tidak tersedia untuk aduan berstatus “%(status)s”.")
                    % {"action": self.action.label, "status": self.object.get_status_display()},
                )
                return HttpResponseRedirect(self.inspect_url())
            raise PermissionDenied
        return FormView.dispatch(self, request, *args, **kwargs)

    def get_page_title(self):
        return str(self.action.label)

    def get_form_class(self):
        return ACTION_FORMS[self.action.name]

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs.update(complaint=self.object, user=self.request.user)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "complaint": self.object,
                "action": self.action,
                "cancel_url": self.inspect_url(),
                "pending_response": self.object.pending_response
                if self.action.name in ("approve_response", "reject_response")
                else None,
                "attachment_url_name": url_name("attachment"),
            }
        )
        return context

    def form_valid(self, form):
        try:
            form.perform()
        except services.WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        refreshed = (
            Complaint.objects.visible_to(self.request.user).filter(pk=self.object.pk).first()
        )
        messages.success(
            self.request,
            _("%(action)s: aduan %(number)s, status sekarang “%(status)s”.")
            % {
                "action": self.action.label,
                "number": self.object.tracking_number,
                "status": (
                    refreshed or Complaint.objects.get(pk=self.object.pk)
                ).get_status_display(),
            },
        )
        if refreshed is None:  # e.g. the agency returned it and no longer sees it
            return HttpResponseRedirect(reverse(url_name("list")))
        return HttpResponseRedirect(self.inspect_url())


class ComplaintEditView(ComplaintViewMixin, FormView):
    """Edit what the policy allows in the current state (before dispatch: the text too)."""

    template_name = "pengaduan/admin/complaint_form.html"

    def dispatch(self, request, *args, **kwargs):
        self.object = get_visible_complaint(request.user, kwargs.get("pk"))
        self.fields = policy.editable_fields(request.user, self.object)
        if not self.fields:
            raise PermissionDenied
        return FormView.dispatch(self, request, *args, **kwargs)

    def get_page_title(self):
        return _("Ubah data aduan")

    def get_form_class(self):
        return complaint_edit_form(self.fields)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update({"complaint": self.object, "cancel_url": self.inspect_url()})
        return context

    def form_valid(self, form):
        changes = {name: form.cleaned_data[name] for name in form.changed_data}
        # The ModelForm already wrote the new values onto self.object; start from the database.
        fresh = Complaint.objects.get(pk=self.object.pk)
        try:
            services.edit_details(fresh, by=self.request.user, changes=changes)
        except services.WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request, _("Data aduan %(number)s disimpan.") % {"number": fresh.tracking_number}
        )
        return HttpResponseRedirect(self.inspect_url())


class ComplaintListPageMixin(WagtailAdminTemplateMixin):
    """An admin page reached from the complaint list: Aduan › <this page> in the breadcrumbs."""

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse(url_name("list")), "label": _("Aduan")},
            {"url": "", "label": self.get_page_title()},
        ]


class ComplaintIntakeView(ComplaintListPageMixin, FormView):
    """Manual intake: phone, letter, walk-in, social media, LAPOR! [004 step 1-2]."""

    template_name = "pengaduan/admin/complaint_form.html"
    header_icon = "warning"
    form_class = IntakeForm

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm("pengaduan.add_complaint"):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Catat aduan baru")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cancel_url"] = reverse(url_name("list"))
        return context

    def form_valid(self, form):
        try:
            complaint = form.save(self.request.user)
        except services.WorkflowError as error:
            form.add_error(None, str(error))
            return self.form_invalid(form)
        messages.success(
            self.request,
            _("Aduan dicatat dengan nomor %(number)s.") % {"number": complaint.tracking_number},
        )
        return HttpResponseRedirect(reverse(url_name("inspect"), args=[complaint.pk]))


class LaporImportView(ComplaintListPageMixin, FormView):
    """Upload a SP4N-LAPOR! export: the same all-or-nothing import as ``import_lapor``."""

    template_name = "pengaduan/admin/lapor_import.html"
    header_icon = "upload"
    form_class = LaporImportForm

    def dispatch(self, request, *args, **kwargs):
        if not may_import_lapor(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Impor SP4N-LAPOR!")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            {
                "columns": lapor.ALL_COLUMNS,
                "statuses": list(lapor.LAPOR_STATUSES),
                "max_rows": lapor.MAX_ROWS,
                "max_mb": lapor.MAX_FILE_BYTES // 2**20,
                "cancel_url": reverse(url_name("list")),
            }
        )
        return context

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        try:
            result = lapor.import_file(
                upload.read(),
                upload.name,
                by=self.request.user,
                dry_run=form.cleaned_data["dry_run"],
            )
        except lapor.LaporFileError as exc:
            return self.render_to_response(self.get_context_data(form=form, errors=exc.errors))
        if result.dry_run:
            return self.render_to_response(self.get_context_data(form=form, result=result))
        messages.success(self.request, result.summary())
        return HttpResponseRedirect(f"{reverse(url_name('list'))}?channel=lapor")


def attachment_view(request, pk):
    """Serve a private attachment to staff who may see its complaint; the view is logged."""
    attachment = get_object_or_404(Attachment.objects.select_related("complaint"), pk=pk)
    complaint = attachment.complaint
    if not policy.can_view(request.user, complaint):
        raise Http404
    ActivityLog.objects.create(
        complaint=complaint,
        action=ActivityLog.VIEW_ATTACHMENT,
        actor=request.user,
        data={"attachment": attachment.pk},
    )
    extension = Attachment.EXTENSIONS.get(attachment.content_type, "bin")
    filename = get_valid_filename(attachment.original_name.rsplit(".", 1)[0] or "lampiran")
    response = FileResponse(
        attachment.file.open("rb"),
        content_type=attachment.content_type,
        as_attachment=not attachment.is_image and attachment.content_type != "application/pdf",
        filename=f"{filename}.{extension}",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = (
        "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'"
    )
    response["Cache-Control"] = "private, no-store"
    return response
