"""Staff forms: manual intake, editing, and one small form per workflow action.

Each action form knows which service function it calls (``perform``), so the admin has one
generic action view and the rules stay in ``workflow.services`` and ``workflow.policy``.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext_lazy as _

from workflow import services

from .attachments import clean_upload
from .lapor import MAX_FILE_BYTES
from .models import Agency, Attachment, Category, Complaint, normalize_tracking_number
from .validators import normalize_nik, normalize_phone


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class EvidenceField(forms.FileField):
    """Several photos/PDFs in one input, each checked by content (see attachments.py)."""

    widget = MultipleFileInput

    def __init__(self, *args, **kwargs):
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": "image/jpeg,image/png,image/webp,application/pdf"}),
        )
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else ([data] if data else [])
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(clean_upload(upload))
            except ValidationError as exc:
                errors.extend(exc.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


def _text(label, required=True, rows=4, help_text=""):
    return forms.CharField(
        label=label,
        required=required,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


def _active_agencies():
    return Agency.objects.filter(active=True).order_by("kind", "name")


class ActionForm(forms.Form):
    """Base of the action forms; each subclass's ``perform()`` calls its service function."""

    def __init__(self, *args, complaint: Complaint, user, **kwargs):
        self.complaint = complaint
        self.user = user
        super().__init__(*args, **kwargs)


class SuggestingForm(ActionForm):
    """Shows the routing model's top agencies and preselects the first one."""

    def suggest(self, exclude=None):
        from .routing import Suggestion, suggest

        suggestions = suggest(self.complaint.text)
        category = self.complaint.category
        if category is not None and category.agency_id and category.agency.active:
            # The reporter (or the client app) picked a category: its agency comes first.
            suggestions = [
                (
                    category.agency,
                    Suggestion(
                        category.agency.short_name,
                        1.0,
                        _("kategori: %(name)s") % {"name": category.name},
                    ),
                ),
                *((agency, s) for agency, s in suggestions if agency != category.agency),
            ]
        self.suggestions = [(agency, s) for agency, s in suggestions if agency != exclude]
        if self.suggestions and not self.is_bound:
            self.fields["agency"].initial = self.suggestions[0][0].pk


class DispatchForm(SuggestingForm):
    agency = forms.ModelChoiceField(label=_("OPD tujuan"), queryset=Agency.objects.none())
    urgency = forms.ChoiceField(label=_("Klasifikasi"), choices=Complaint.Urgency.choices)
    note = _text(_("Catatan disposisi"), required=False, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _active_agencies()
        self.fields["urgency"].initial = self.complaint.urgency
        self.suggest()

    def perform(self):
        data = self.cleaned_data
        return services.verify_and_dispatch(
            self.complaint, data["agency"], by=self.user, note=data["note"], urgency=data["urgency"]
        )


class RedispatchForm(SuggestingForm):
    agency = forms.ModelChoiceField(label=_("OPD tujuan baru"), queryset=Agency.objects.none())
    note = _text(_("Alasan disposisi ulang"), required=False, rows=3)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = _active_agencies()
        self.suggest(exclude=self.complaint.agency)

    def perform(self):
        data = self.cleaned_data
        return services.redispatch(self.complaint, data["agency"], by=self.user, note=data["note"])


class ReasonForm(ActionForm):
    """Actions whose only input is a required reason."""

    reason = _text(_("Alasan"))
    service = None
    reason_label = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.reason_label:
            self.fields["reason"].label = self.reason_label

    def perform(self):
        return type(self).service(self.complaint, by=self.user, reason=self.cleaned_data["reason"])


class ReturnToReporterForm(ReasonForm):
    service = services.return_to_reporter
    reason_label = _("Yang perlu dilengkapi pelapor (dikirim ke pelapor)")


class ReturnByAgencyForm(ReasonForm):
    service = services.return_by_agency
    reason_label = _("Alasan aduan bukan tugas OPD ini")


class RestoreForm(ReasonForm):
    service = services.restore


class ReopenForm(ReasonForm):
    service = services.reopen
    reason_label = _("Mengapa aduan belum selesai")


class RejectResponseForm(ReasonForm):
    service = services.reject_response
    reason_label = _("Alasan penolakan (untuk Admin OPD)")


class ResubmitForm(ActionForm):
    text = _text(_("Kelengkapan dari pelapor"))
    location_text = forms.CharField(label=_("Lokasi kejadian (bila diperbarui)"), required=False)

    def perform(self):
        data = self.cleaned_data
        return services.resubmit(
            self.complaint, by=self.user, text=data["text"], location_text=data["location_text"]
        )


class ArchiveForm(ActionForm):
    reason_code = forms.ChoiceField(
        label=_("Alasan arsip"),
        choices=[
            c for c in Complaint.ArchiveReason.choices if c[0] != Complaint.ArchiveReason.DUPLICATE
        ],
    )
    note = _text(_("Catatan"), required=False, rows=3)

    def perform(self):
        data = self.cleaned_data
        return services.archive(
            self.complaint, by=self.user, reason_code=data["reason_code"], note=data["note"]
        )


class OutOfAuthorityForm(ActionForm):
    institution = forms.CharField(
        label=_("Instansi yang berwenang"),
        help_text=_("Mis. SP4N-LAPOR!, BPJS Kesehatan, Polres, PLN."),
    )
    note = _text(_("Penjelasan untuk pelapor (ke mana dan bagaimana mengadu)"))

    def perform(self):
        data = self.cleaned_data
        return services.forward_out_of_authority(
            self.complaint, by=self.user, institution=data["institution"], note=data["note"]
        )


class MergeForm(ActionForm):
    survivor = forms.CharField(label=_("Nomor aduan utama"), help_text=_("Mis. SB-2511-7K3QX"))
    note = _text(_("Catatan"), required=False, rows=3)

    def clean_survivor(self):
        number = normalize_tracking_number(self.cleaned_data["survivor"])
        survivor = Complaint.objects.visible_to(self.user).filter(tracking_number=number).first()
        if survivor is None:
            raise ValidationError(_("Aduan %(number)s tidak ditemukan.") % {"number": number})
        return survivor

    def perform(self):
        data = self.cleaned_data
        return services.merge_duplicate(
            self.complaint, data["survivor"], by=self.user, note=data["note"]
        )


class UpdateForm(ActionForm):
    """Response, follow-up, resolution: text, evidence, public flag."""

    text = _text(_("Isi"), rows=6)
    files = EvidenceField(label=_("Foto / dokumen"), required=False)
    is_public = forms.BooleanField(
        label=_("Tampilkan di situs publik"),
        required=False,
        initial=True,
        help_text=_("Pelapor tetap menerima isinya lewat WhatsApp."),
    )
    service = None
    text_label = None

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.text_label:
            self.fields["text"].label = self.text_label

    def perform(self):
        data = self.cleaned_data
        return type(self).service(
            self.complaint,
            by=self.user,
            text=data["text"],
            files=data["files"],
            is_public=data["is_public"],
        )


class RespondForm(UpdateForm):
    service = services.respond
    text_label = _("Tanggapan untuk pelapor")


class FollowUpForm(UpdateForm):
    service = services.add_follow_up
    text_label = _("Tindak lanjut yang sudah dilakukan")


class EvidenceChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj):
        return _("%(name)s (%(kind)s, %(date)s)") % {
            "name": obj.original_name or _("berkas"),
            "kind": obj.update.get_kind_display().lower(),
            "date": formats.date_format(timezone.localtime(obj.created_at), "j F Y"),
        }


class ResolveForm(UpdateForm):
    """The result and its evidence. Photos the agency already sent with a follow-up are
    offered, ticked, so finishing does not mean uploading the same photo again."""

    service = services.resolve
    text_label = _("Hasil tindak lanjut")
    reuse = EvidenceChoiceField(
        label=_("Bukti dari tindak lanjut sebelumnya"),
        queryset=Attachment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        earlier = services.reusable_evidence(self.complaint)
        self.fields["files"].label = _("Bukti dukung baru (foto atau dokumen)")
        if earlier.exists():
            self.fields["reuse"].queryset = earlier
            self.fields["reuse"].initial = list(earlier.values_list("pk", flat=True))
            self.fields["files"].help_text = _(
                "Tidak wajib bila bukti dari tindak lanjut sebelumnya sudah dipilih."
            )
        else:
            del self.fields["reuse"]
            self.fields["files"].label = _("Bukti dukung (wajib: foto atau dokumen)")
            self.fields["files"].required = True
            self.fields["files"].error_messages["required"] = _(
                "Aduan hanya dapat diselesaikan dengan bukti dukung: unggah minimal satu foto "
                "atau dokumen hasil pekerjaan."
            )

    def clean(self):
        data = super().clean()
        if "reuse" in self.fields and not data.get("files") and not data.get("reuse"):
            raise ValidationError(
                _(
                    "Aduan hanya dapat diselesaikan dengan bukti dukung: pilih bukti dari "
                    "tindak lanjut sebelumnya atau unggah foto/dokumen baru."
                )
            )
        return data

    def perform(self):
        data = self.cleaned_data
        return services.resolve(
            self.complaint,
            by=self.user,
            text=data["text"],
            files=data["files"],
            reuse=data.get("reuse") or (),
            is_public=data["is_public"],
        )


class ApproveResponseForm(ActionForm):
    text = _text(_("Tanggapan (boleh disunting sebelum disetujui)"), rows=6)
    note = _text(_("Catatan persetujuan"), required=False, rows=2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        pending = self.complaint.pending_response
        if pending is not None:
            self.fields["text"].initial = pending.text

    def perform(self):
        data = self.cleaned_data
        return services.approve_response(
            self.complaint, by=self.user, text=data["text"], note=data["note"]
        )


class CloseForm(ActionForm):
    note = _text(_("Catatan penutupan"), required=False, rows=3)

    def perform(self):
        return services.close(self.complaint, by=self.user, note=self.cleaned_data["note"])


class CheckIdentityForm(ActionForm):
    result = forms.ChoiceField(
        label=_("Hasil pemeriksaan NIK"),
        choices=[("valid", _("Valid")), ("invalid", _("Tidak valid"))],
        widget=forms.RadioSelect,
    )
    note = _text(_("Keterangan"), required=False, rows=2)

    def perform(self):
        data = self.cleaned_data
        return services.check_identity(
            self.complaint, by=self.user, valid=data["result"] == "valid", note=data["note"]
        )


class NoteForm(ActionForm):
    text = _text(_("Catatan internal (tidak pernah tampil ke publik atau pelapor)"))

    def perform(self):
        return services.add_note(self.complaint, by=self.user, text=self.cleaned_data["text"])


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "verify_and_dispatch": DispatchForm,
    "return_to_reporter": ReturnToReporterForm,
    "resubmit": ResubmitForm,
    "archive": ArchiveForm,
    "restore": RestoreForm,
    "forward_out_of_authority": OutOfAuthorityForm,
    "return_by_agency": ReturnByAgencyForm,
    "redispatch": RedispatchForm,
    "respond": RespondForm,
    "approve_response": ApproveResponseForm,
    "reject_response": RejectResponseForm,
    "add_follow_up": FollowUpForm,
    "resolve": ResolveForm,
    "close": CloseForm,
    "reopen": ReopenForm,
    "merge_duplicate": MergeForm,
    "check_identity": CheckIdentityForm,
    "add_note": NoteForm,
}


class IntakeForm(forms.Form):
    """Manual intake of a complaint received by phone, letter, social media, etc. [004 step 2]."""

    # The doors staff write down by hand; WhatsApp, the web chat and Open311 file by themselves.
    MANUAL_CHANNELS = (
        Complaint.Channel.PHONE,
        Complaint.Channel.SMS,
        Complaint.Channel.EMAIL,
        Complaint.Channel.LETTER,
        Complaint.Channel.WALK_IN,
        Complaint.Channel.INSTAGRAM,
        Complaint.Channel.TWITTER,
        Complaint.Channel.FACEBOOK,
        Complaint.Channel.YOUTUBE,
        Complaint.Channel.TIKTOK,
        Complaint.Channel.LAPOR,
        Complaint.Channel.OTHER,
    )
    # A post on social media is found again by its link; a LAPOR! report by its number.
    REFERENCE_REQUIRED = (
        Complaint.Channel.INSTAGRAM,
        Complaint.Channel.TWITTER,
        Complaint.Channel.FACEBOOK,
        Complaint.Channel.YOUTUBE,
        Complaint.Channel.TIKTOK,
        Complaint.Channel.LAPOR,
    )

    channel = forms.ChoiceField(
        label=_("Kanal"), choices=[(c.value, c.label) for c in MANUAL_CHANNELS]
    )
    source_reference = forms.CharField(
        label=_("Tautan / nomor sumber"),
        required=False,
        max_length=500,
        help_text=_(
            "Wajib untuk media sosial (tautan unggahan) dan LAPOR! (nomor tracking); "
            "untuk surat: nomor surat."
        ),
    )
    category = forms.ModelChoiceField(
        label=_("Kategori"),
        queryset=Category.objects.filter(active=True),
        required=False,
    )
    name = forms.CharField(label=_("Nama pelapor"), max_length=150)
    whatsapp_number = forms.CharField(
        label=_("Nomor WhatsApp / telepon"),
        required=False,
        help_text=_("Bila diisi, pelapor menerima Nomor Aduan dan kabar lewat WhatsApp."),
    )
    email = forms.EmailField(label=_("Email pelapor"), required=False)
    nik = forms.CharField(label=_("NIK"), required=False, max_length=24)
    address = forms.CharField(
        label=_("Alamat pelapor"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    text = _text(_("Isi aduan"), rows=6)
    location_text = forms.CharField(label=_("Lokasi kejadian"), required=False, max_length=300)
    visibility = forms.ChoiceField(
        label=_("Sifat aduan"),
        choices=Complaint.Visibility.choices,
        initial=Complaint.Visibility.PUBLIC,
        help_text=_(
            "Publik: tampil dengan nama. Anonim: tampil tanpa nama pelapor. "
            "Rahasia: isi tidak pernah tampil di situs publik."
        ),
    )
    urgency = forms.ChoiceField(
        label=_("Klasifikasi"), choices=Complaint.Urgency.choices, initial=Complaint.Urgency.NORMAL
    )
    files = EvidenceField(label=_("Foto / dokumen dari pelapor"), required=False)

    def clean_whatsapp_number(self):
        value = self.cleaned_data["whatsapp_number"].strip()
        return normalize_phone(value) if value else ""

    def clean_nik(self):
        value = self.cleaned_data["nik"].strip()
        return normalize_nik(value) if value else ""

    def clean(self):
        data = super().clean()
        channel = data.get("channel")
        reference = (data.get("source_reference") or "").strip()
        if channel in self.REFERENCE_REQUIRED and not reference:
            self.add_error(
                "source_reference",
                _("Isi tautan unggahan atau nomor tracking untuk kanal %(channel)s.")
                % {"channel": Complaint.Channel(channel).label},
            )
        if channel == Complaint.Channel.LAPOR and reference:
            from .lapor import TRACKING_ID_PATTERN, normalize_tracking_id

            # The same normal form as the LAPOR! import, so a typed "#4782913" and the
            # file's "4782913" are one report.
            number = normalize_tracking_id(reference)
            if not TRACKING_ID_PATTERN.match(number) or not any(c.isdigit() for c in number):
                self.add_error("source_reference", _("Nomor tracking LAPOR! tidak sah."))
            elif Complaint.objects.filter(lapor_id=number).exists():
                self.add_error(
                    "source_reference",
                    _("Aduan LAPOR! %(number)s sudah tercatat.") % {"number": number},
                )
            else:
                data["source_reference"] = number
        return data

    @transaction.atomic
    def save(self, user) -> Complaint:
        data = self.cleaned_data
        reporter = services.find_or_create_reporter(
            name=data["name"],
            whatsapp_number=data["whatsapp_number"],
            nik=data["nik"],
            address=data["address"],
            email=data["email"],
        )
        return services.submit(
            reporter=reporter,
            text=data["text"],
            by=user,
            channel=data["channel"],
            location_text=data["location_text"],
            visibility=data["visibility"],
            urgency=data["urgency"],
            source_reference=data["source_reference"],
            files=data["files"],
            category=data["category"],
            lapor_id=(
                data["source_reference"].strip() or None
                if data["channel"] == Complaint.Channel.LAPOR
                else None
            ),
        )


def complaint_edit_form(fields: tuple[str, ...]) -> type[forms.ModelForm]:
    """A form over exactly the fields the policy lets this user edit in this state."""
    return forms.modelform_factory(
        Complaint,
        fields=fields,
        widgets={
            "text": forms.Textarea(attrs={"rows": 6}),
            "public_text": forms.Textarea(attrs={"rows": 6}),
        },
    )


class LaporImportForm(forms.Form):
    """Upload of a SP4N-LAPOR! export (pengaduan.lapor does the checking and the import)."""

    file = forms.FileField(
        label=_("Berkas ekspor LAPOR! (.csv atau .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx,text/csv"}),
    )
    dry_run = forms.BooleanField(
        label=_("Periksa saja"),
        required=False,
        help_text=_("Jalankan pemeriksaan dan impor lalu batalkan: tidak ada yang tersimpan."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_FILE_BYTES:
            raise ValidationError(
                _("Berkas terlalu besar (maks. %(mb)d MB).") % {"mb": MAX_FILE_BYTES // 2**20}
            )
        return upload
