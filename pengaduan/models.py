"""Complaints, the agencies that handle them and the citizens who file them."""

from __future__ import annotations

import functools
import hashlib
import operator
import secrets
import uuid
from collections.abc import Callable

from django.conf import settings
from django.core.files.storage import storages
from django.db import IntegrityError, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_fsm import ConcurrentTransitionMixin, FSMField, transition
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from workflow import policy
from workflow.states import PUBLIC_STATES, STAFF_CLOCK_STATES, Status

from .validators import normalize_phone, validate_attribute_definitions, validate_nik


class PhoneNumberField(models.CharField):
    """A WhatsApp number, stored normalised to E.164 (``+628…``)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 20)
        super().__init__(*args, **kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if value in (None, ""):
            return value
        return normalize_phone(value)


class Agency(models.Model):
    """An OPD (Perangkat Daerah) or another institution complaints are sent to."""

    class Kind(models.TextChoices):
        DINAS = "dinas", _("Dinas")
        BADAN = "badan", _("Badan")
        BAGIAN = "bagian", _("Bagian Sekretariat Daerah")
        KECAMATAN = "kecamatan", _("Kecamatan")
        KELURAHAN = "kelurahan", _("Kelurahan")
        DESA = "desa", _("Desa")
        INSTANSI_VERTIKAL = "instansi_vertikal", _("Instansi vertikal")
        LAINNYA = "lainnya", _("Lainnya")

    name = models.CharField(_("nama"), max_length=200, unique=True)
    short_name = models.CharField(_("singkatan"), max_length=30, unique=True)
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    admin_whatsapp = PhoneNumberField(_("WhatsApp Admin OPD"), blank=True)
    sekdin_whatsapp = PhoneNumberField(_("WhatsApp Sekretaris (Pejabat Penghubung)"), blank=True)
    kadis_whatsapp = PhoneNumberField(_("WhatsApp Kepala OPD"), blank=True)
    keywords = models.TextField(
        _("profil kata kunci"),
        blank=True,
        help_text=_("Kata kunci aduan yang menjadi urusan OPD ini, dipisah koma."),
    )
    requires_response_approval = models.BooleanField(
        _("tanggapan perlu persetujuan"),
        default=False,
        help_text=_(
            "Tanggapan Admin OPD baru dikirim ke pelapor setelah disetujui Pejabat Penghubung "
            "atau Kepala OPD."
        ),
    )
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("OPD")
        verbose_name_plural = _("OPD")

    def __str__(self) -> str:
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip().lower() for k in self.keywords.replace("\n", ",").split(",") if k.strip()]

    def alert_numbers(self) -> list[str]:
        """WhatsApp numbers told of a new disposition [000 step 6]: Admin OPD, Sekdin, Kadis."""
        numbers = [self.admin_whatsapp, self.sekdin_whatsapp, self.kadis_whatsapp]
        return list(dict.fromkeys(n for n in numbers if n))


class Category(models.Model):
    """A kind of complaint ("Jalan rusak", "Lampu PJU mati"), usually one agency's business.

    Published as an Open311 *service*; its attributes are the extra questions a client asks
    (GeoReport v2 service definition), and its agency is the first suggestion at dispatch.
    """

    code = models.SlugField(
        _("kode"),
        max_length=50,
        unique=True,
        help_text=_("Kode layanan yang dipakai aplikasi lain (Open311 service_code)."),
    )
    name = models.CharField(_("nama"), max_length=150)
    description = models.TextField(_("keterangan"), blank=True)
    agency = models.ForeignKey(
        Agency,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="categories",
        verbose_name=_("OPD penanggung jawab"),
    )
    keywords = models.CharField(
        _("kata kunci"), max_length=500, blank=True, help_text=_("Dipisah koma.")
    )
    attributes = models.JSONField(
        _("pertanyaan tambahan"),
        default=list,
        blank=True,
        validators=[validate_attribute_definitions],
        help_text=_(
            "Daftar pertanyaan tambahan: code, description, datatype (string, number, "
            "datetime, text, singlevaluelist, multivaluelist), required, order, values."
        ),
    )
    order = models.PositiveSmallIntegerField(_("urutan"), default=0)
    active = models.BooleanField(_("aktif"), default=True)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("kategori aduan")
        verbose_name_plural = _("kategori aduan")

    def __str__(self) -> str:
        return self.name

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.split(",") if k.strip()]


class Reporter(models.Model):
    """A citizen who filed at least one complaint."""

    class NikStatus(models.TextChoices):
        UNCHECKED = "unchecked", _("Belum diperiksa")
        VALID = "valid", _("Valid")
        INVALID = "invalid", _("Tidak valid")

    name = models.CharField(_("nama"), max_length=150)
    whatsapp_number = PhoneNumberField(_("nomor WhatsApp"), blank=True, null=True)
    nik = models.CharField(
        _("NIK"),
        max_length=16,
        blank=True,
        validators=[validate_nik],
        help_text=_("16 digit sesuai KTP-el. Hanya terlihat oleh petugas yang berwenang."),
    )
    nik_status = models.CharField(
        _("status NIK"), max_length=10, choices=NikStatus.choices, default=NikStatus.UNCHECKED
    )
    nik_checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diperiksa oleh"),
    )
    nik_checked_at = models.DateTimeField(_("diperiksa pada"), null=True, blank=True)
    address = models.TextField(_("alamat"), blank=True)
    email = models.EmailField(_("email"), blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    # Wagtail's reference index ("usage") is for content; these are records, and indexing
    # each save would double the cost of every workflow step.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["name"]
        verbose_name = _("pelapor")
        verbose_name_plural = _("pelapor")
        constraints = [
            models.UniqueConstraint(
                fields=["whatsapp_number"],
                condition=Q(whatsapp_number__isnull=False),
                name="reporter_unique_whatsapp_number",
            )
        ]
        permissions = [
            ("view_personal_data", _("Dapat melihat data pribadi pelapor (NIK, nomor, alamat)")),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def initials(self) -> str:
        return initials_of(self.name)


def initials_of(name: str) -> str:
    """Avatar letters as on the Beranda [000]: "Siti Nur Khomsah" → SK, "Riska" → RI."""
    parts = [p for p in (name or "").split() if p[:1].isalpha()]
    if not parts:
        return "?"
    if len(parts) == 1:
        letters = [ch for ch in parts[0] if ch.isalpha()]
        return "".join(letters[:2]).upper()
    return (parts[0][0] + parts[-1][0]).upper()


class StaffProfile(models.Model):
    """Links a staff account to the agency it works for (none for central staff)."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="sambat_profile",
        verbose_name=_("akun"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="staff",
        verbose_name=_("OPD"),
    )
    whatsapp_number = PhoneNumberField(_("nomor WhatsApp"), blank=True)

    # Wagtail's reference index ("usage") is for content; these are records, and indexing
    # each save would double the cost of every workflow step.
    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("petugas")
        verbose_name_plural = _("petugas")

    def __str__(self) -> str:
        name = self.user.get_full_name() or self.user.get_username()
        return f"{name} ({self.agency.short_name})" if self.agency else name


TRACKING_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"  # no 0/O, 1/I/L: read over the phone
TRACKING_RANDOM_LENGTH = 5


def random_tracking_number(now=None) -> str:
    """``SB-2511-7K3QX``: prefix, year+month, five random characters (31^5 ≈ 28.6 million).

    The random part comes from ``secrets``, so a number says nothing about its neighbours and
    the public status page needs no password.
    """
    local = timezone.localtime(now or timezone.now())
    random_part = "".join(secrets.choice(TRACKING_ALPHABET) for _ in range(TRACKING_RANDOM_LENGTH))
    return f"{settings.SAMBAT_TRACKING_PREFIX}-{local:%y%m}-{random_part}"


def normalize_tracking_number(raw: str) -> str:
    """What a citizen types (``sb 2511 7k3qx``, ``#SB-2511-7K3QX``) → ``SB-2511-7K3QX``."""
    compact = "".join(ch for ch in (raw or "").upper() if ch.isalnum())
    prefix = settings.SAMBAT_TRACKING_PREFIX.upper()
    if not compact.startswith(prefix):
        return compact
    body = compact[len(prefix) :]
    if len(body) != 4 + TRACKING_RANDOM_LENGTH:
        return compact
    return f"{prefix}-{body[:4]}-{body[4:]}"


# Visible on the public site: verified and decided by staff, and not confidential [SPEC §7].
PUBLIC_VISIBILITIES = ("public", "anonymous")
PUBLIC_Q = Q(status__in=sorted(PUBLIC_STATES), visibility__in=PUBLIC_VISIBILITIES)


class ComplaintQuerySet(models.QuerySet):
    def public(self) -> ComplaintQuerySet:
        """What anybody may read on sambatbunda.id; the public pages start from nothing else."""
        return self.filter(PUBLIC_Q)

    def visible_to(self, user) -> ComplaintQuerySet:
        """Only the complaints ``user`` may see (workflow.policy decides); used everywhere."""
        condition = policy.visibility_q(user)
        if condition is None:
            return self.none()
        return self.filter(condition)

    def for_agency(self, agency) -> ComplaintQuerySet:
        return self.filter(agency=agency)

    def open(self) -> ComplaintQuerySet:
        return self.filter(status__in=sorted(STAFF_CLOCK_STATES))

    def overdue(self, now=None) -> ComplaintQuerySet:
        return self.open().filter(due_at__lt=now or timezone.now())

    def waiting_for(self, user) -> ComplaintQuerySet:
        """What waits for this person's next step: the dashboard's "Antrean saya" and the
        complaint list's filter of the same name."""
        roles = policy.roles_of(user)
        parts = []
        if policy.ADMIN_PENGADUAN in roles:
            parts.append(Q(status__in=[Status.SUBMITTED, Status.RETURNED_BY_AGENCY]))
        if policy.VALIDATOR in roles:
            parts.append(
                Q(status=Status.SUBMITTED, reporter__nik_status="unchecked") & ~Q(reporter__nik="")
            )
        if policy.ADMIN_OPD in roles:
            parts.append(Q(status__in=[Status.DISPATCHED, Status.RESPONDED], draft_waiting=False))
        if roles & policy.APPROVER_ROLES:
            parts.append(Q(status=Status.DISPATCHED, draft_waiting=True))
        if not parts:
            return self.none()
        draft_waiting = models.Exists(
            ComplaintUpdate.objects.filter(
                complaint=models.OuterRef("pk"),
                kind=ComplaintUpdate.Kind.RESPONSE,
                status=ComplaintUpdate.State.DRAFT,
            )
        )
        return (
            self.visible_to(user)
            .alias(draft_waiting=draft_waiting)
            .filter(functools.reduce(operator.or_, parts))
        )


class ComplaintManager(models.Manager.from_queryset(ComplaintQuerySet)):
    def create_with_tracking_number(
        self, generator: Callable[[], str] | None = None, attempts: int = 8, **fields
    ) -> Complaint:
        """Create a complaint with a fresh unique number, retrying on the rare collision.

        Each attempt runs in its own savepoint, so a collision with a number another request
        is inserting at the same moment rolls back only that attempt.
        """
        generator = generator or random_tracking_number
        last_error: IntegrityError | None = None
        for _attempt in range(attempts):
            complaint = self.model(tracking_number=generator(), **fields)
            try:
                with transaction.atomic():
                    complaint.save(force_insert=True)
            except IntegrityError as exc:
                if not self.filter(tracking_number=complaint.tracking_number).exists():
                    raise
                last_error = exc
                continue
            return complaint
        raise last_error


class Complaint(ConcurrentTransitionMixin, models.Model):
    """One citizen report with its public number, moving through the states of SPEC §3."""

    Status = Status

    class Channel(models.TextChoices):
        WHATSAPP = "whatsapp", _("WhatsApp")
        WEB = "web", _("Chat situs web")
        SMS = "sms", _("SMS")
        PHONE = "phone", _("Telepon")
        EMAIL = "email", _("Email")
        LETTER = "letter", _("Surat")
        WALK_IN = "walk_in", _("Datang langsung")
        INSTAGRAM = "instagram", _("Instagram")
        TWITTER = "twitter", _("Twitter/X")
        FACEBOOK = "facebook", _("Facebook")
        YOUTUBE = "youtube", _("YouTube")
        TIKTOK = "tiktok", _("TikTok")
        LAPOR = "lapor", _("SP4N-LAPOR!")
        OPEN311 = "open311", _("Open311")
        OTHER = "other", _("Lainnya")

    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Publik")
        ANONYMOUS = "anonymous", _("Anonim")
        CONFIDENTIAL = "confidential", _("Rahasia")

    class Urgency(models.TextChoices):
        URGENT = "urgent", _("Mendesak (1 hari)")
        NORMAL = "normal", _("Biasa (3 hari kerja)")
        INFORMATION = "information", _("Permintaan informasi / normatif (5 hari kerja)")
        NO_INSPECTION = "no_inspection", _("Tanpa pemeriksaan lapangan (14 hari kerja)")
        FIELD_INSPECTION = "field_inspection", _("Perlu pemeriksaan lapangan (60 hari)")

    class ArchiveReason(models.TextChoices):
        SPAM = "spam", _("Spam")
        DUPLICATE = "duplicate", _("Duplikat")
        INVALID = "invalid", _("Tidak valid / informasi palsu")
        IRRELEVANT = "irrelevant", _("Tidak relevan")
        INCOMPLETE = "incomplete", _("Tidak dilengkapi pelapor")

    tracking_number = models.CharField(_("nomor aduan"), max_length=24, unique=True, editable=False)
    reporter = models.ForeignKey(
        Reporter, on_delete=models.PROTECT, related_name="complaints", verbose_name=_("pelapor")
    )
    channel = models.CharField(
        _("kanal"), max_length=20, choices=Channel.choices, default=Channel.WHATSAPP
    )
    source_reference = models.CharField(
        _("tautan / nomor sumber"),
        max_length=500,
        blank=True,
        help_text=_("Tautan unggahan media sosial, nomor surat, atau nomor tiket LAPOR!."),
    )
    lapor_id = models.CharField(
        _("nomor tracking LAPOR!"),
        max_length=40,
        null=True,
        blank=True,
        unique=True,
        help_text=_("Nomor aduan di SP4N-LAPOR! bila aduan datang dari atau dicatat ke sana."),
    )
    category = models.ForeignKey(
        Category,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("kategori"),
    )
    attributes = models.JSONField(
        _("data tambahan"),
        default=dict,
        blank=True,
        help_text=_("Jawaban pertanyaan tambahan kategori dan data dari kanal asal."),
    )
    text = models.TextField(_("isi aduan"))
    public_text = models.TextField(
        _("isi untuk publik"),
        blank=True,
        help_text=_(
            "Salinan yang tampil di situs publik. Hapus nama, NIK, nomor telepon dan data "
            "pribadi lain; isi asli tetap tersimpan untuk petugas."
        ),
    )
    location_text = models.CharField(_("lokasi kejadian"), max_length=300, blank=True)
    latitude = models.DecimalField(
        _("lintang"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("bujur"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    visibility = models.CharField(
        _("sifat aduan"), max_length=15, choices=Visibility.choices, default=Visibility.PUBLIC
    )
    status = FSMField(
        _("status"), max_length=30, choices=Status.choices, default=Status.SUBMITTED, protected=True
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name=_("OPD"),
    )
    urgency = models.CharField(
        _("klasifikasi"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL
    )
    archive_reason = models.CharField(
        _("alasan arsip"), max_length=15, choices=ArchiveReason.choices, blank=True
    )
    duplicate_of = models.ForeignKey(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name=_("duplikat dari"),
    )
    forwarded_to = models.CharField(
        _("diteruskan ke instansi"),
        max_length=200,
        blank=True,
        help_text=_("Untuk aduan bukan kewenangan daerah, mis. LAPOR!, BPJS, Kepolisian."),
    )
    due_at = models.DateTimeField(_("batas waktu"), null=True, blank=True)
    created_at = models.DateTimeField(_("diterima"), default=timezone.now)
    updated_at = models.DateTimeField(_("diperbarui"), auto_now=True)
    status_changed_at = models.DateTimeField(_("status berubah"), default=timezone.now)
    dispatched_at = models.DateTimeField(_("didisposisi"), null=True, blank=True)
    responded_at = models.DateTimeField(_("ditanggapi"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("diselesaikan"), null=True, blank=True)
    closed_at = models.DateTimeField(_("ditutup"), null=True, blank=True)
    # Service-level outcomes, fixed when they happen so reports never recompute them under
    # a later policy or holiday list: office time from disposition to response / resolution.
    responded_on_time = models.BooleanField(
        _("ditanggapi tepat waktu"), null=True, blank=True, editable=False
    )
    response_office_minutes = models.PositiveIntegerField(
        _("waktu tanggapan (menit kerja)"), null=True, blank=True, editable=False
    )
    resolution_office_minutes = models.PositiveIntegerField(
        _("waktu penyelesaian (menit kerja)"), null=True, blank=True, editable=False
    )
    resolved_on_time = models.BooleanField(
        _("diselesaikan tepat waktu"), null=True, blank=True, editable=False
    )
    # Normalised words of the public text and agency (pengaduan.search); on PostgreSQL a
    # generated tsvector column with a GIN index is built from it (migration 0004).
    search_text = models.TextField(editable=False, blank=True, default="")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dicatat oleh"),
    )

    objects = ComplaintManager()

    # Wagtail's reference index ("usage") is for content; these are records, and indexing
    # each save would double the cost of every workflow step.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("aduan")
        verbose_name_plural = _("aduan")
        indexes = [
            models.Index(fields=["status", "agency"], name="complaint_status_agency"),
            models.Index(
                fields=["agency", "status", "-created_at"], name="complaint_agency_recent"
            ),
            models.Index(fields=["-created_at", "-id"], name="complaint_recent"),
            models.Index(fields=["status", "due_at"], name="complaint_status_due"),
            # The public list walks these newest-first (keyset pagination), overall or per OPD.
            models.Index(
                fields=["-created_at", "-id"], condition=PUBLIC_Q, name="complaint_public_recent"
            ),
            models.Index(
                fields=["agency", "-created_at", "-id"],
                condition=PUBLIC_Q,
                name="complaint_public_agency",
            ),
            models.Index(fields=["dispatched_at"], name="complaint_dispatched"),
            models.Index(fields=["resolved_at"], name="complaint_resolved"),
        ]

    def __str__(self) -> str:
        return self.tracking_number

    def save(self, *args, **kwargs):
        # The search words follow the public text and the agency, however the save is called.
        update_fields = kwargs.get("update_fields")
        if update_fields is None or {"public_text", "agency", "forwarded_to"} & set(update_fields):
            from .search import document

            self.search_text = document(self)
            if update_fields is not None:
                kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATES and self.visibility in PUBLIC_VISIBILITIES

    # --- read helpers -------------------------------------------------------------------

    @property
    def is_open(self) -> bool:
        return self.status in STAFF_CLOCK_STATES

    def is_late(self, now=None) -> bool:
        """Past its deadline while staff owe the next step (the clock pauses on the reporter)."""
        return bool(self.is_open and self.due_at and self.due_at < (now or timezone.now()))

    def extra_details(self) -> list[tuple[str, str, bool]]:
        """(label, value, is_link) rows for staff: answers to the category's questions, in
        its order and with its labels, and what an Open311 client added."""
        rows = []
        answers = (self.attributes or {}).get("answers") or {}
        questions = {q["code"]: q for q in (self.category.attributes if self.category else [])}
        for code, value in answers.items():
            question = questions.get(code, {})
            names = {str(v.get("key")): v.get("name") for v in question.get("values", [])}
            values = value if isinstance(value, list) else [value]
            shown = ", ".join(str(names.get(str(v), v)) for v in values)
            rows.append((question.get("description") or code, shown, False))
        origin = (self.attributes or {}).get("open311") or {}
        if origin.get("address_id"):
            rows.append((str(_("ID alamat (Open311)")), origin["address_id"], False))
        if origin.get("media_url"):
            rows.append(
                (str(_("Foto di aplikasi pengirim (tautan luar)")), origin["media_url"], True)
            )
        return rows

    @property
    def agency_name(self) -> str:
        return self.agency.name if self.agency_id else ""

    def has_nik(self) -> bool:
        return bool(self.reporter.nik)

    @cached_property
    def pending_response(self) -> ComplaintUpdate | None:
        return (
            self.updates.filter(
                kind=ComplaintUpdate.Kind.RESPONSE, status=ComplaintUpdate.State.DRAFT
            )
            .order_by("-created_at")
            .first()
        )

    def has_pending_response(self) -> bool:
        return self.pending_response is not None

    def has_no_pending_response(self) -> bool:
        return self.pending_response is None

    def reporter_display_name(self) -> str:
        """The name the public may see: nothing for anonymous and confidential complaints."""
        if self.visibility == self.Visibility.PUBLIC:
            return self.reporter.name
        return str(_("Anonim"))

    # --- transitions: the state changes themselves; workflow.services is the only caller --

    def _entered(self, now):
        self.status_changed_at = now

    @transition(
        field=status,
        source=policy.sources("verify_and_dispatch"),
        target=Status.DISPATCHED,
        permission=policy.transition_permission("verify_and_dispatch"),
    )
    def verify_and_dispatch(self, agency: Agency, now) -> None:
        self.agency = agency
        self.dispatched_at = now

    @transition(
        field=status,
        source=policy.sources("return_to_reporter"),
        target=Status.RETURNED_TO_REPORTER,
        permission=policy.transition_permission("return_to_reporter"),
    )
    def return_to_reporter(self) -> None:
        pass

    @transition(
        field=status,
        source=policy.sources("resubmit"),
        target=Status.SUBMITTED,
        permission=policy.transition_permission("resubmit"),
    )
    def resubmit(self) -> None:
        pass

    @transition(
        field=status,
        source=policy.sources("archive"),
        target=Status.ARCHIVED,
        permission=policy.transition_permission("archive"),
    )
    def archive(self, reason: str) -> None:
        self.archive_reason = reason

    @transition(
        field=status,
        source=policy.sources("restore"),
        target=Status.SUBMITTED,
        permission=policy.transition_permission("restore"),
    )
    def restore(self) -> None:
        self.archive_reason = ""
        self.duplicate_of = None

    @transition(
        field=status,
        source=policy.sources("forward_out_of_authority"),
        target=Status.OUT_OF_AUTHORITY,
        permission=policy.transition_permission("forward_out_of_authority"),
    )
    def forward_out_of_authority(self, institution: str) -> None:
        self.forwarded_to = institution

    @transition(
        field=status,
        source=policy.sources("return_by_agency"),
        target=Status.RETURNED_BY_AGENCY,
        permission=policy.transition_permission("return_by_agency"),
    )
    def return_by_agency(self) -> None:
        pass

    @transition(
        field=status,
        source=policy.sources("redispatch"),
        target=Status.DISPATCHED,
        permission=policy.transition_permission("redispatch"),
    )
    def redispatch(self, agency: Agency, now) -> None:
        self.agency = agency
        self.dispatched_at = now

    @transition(
        field=status,
        source=policy.sources("respond"),
        target=Status.RESPONDED,
        permission=policy.transition_permission("respond"),
    )
    def respond(self, now) -> None:
        self.responded_at = now

    @transition(
        field=status,
        source=policy.sources("approve_response"),
        target=Status.RESPONDED,
        permission=policy.transition_permission("approve_response"),
    )
    def approve_response(self, now) -> None:
        self.responded_at = now

    @transition(
        field=status,
        source=policy.sources("resolve"),
        target=Status.RESOLVED,
        permission=policy.transition_permission("resolve"),
    )
    def resolve(self, now) -> None:
        self.resolved_at = now

    @transition(
        field=status,
        source=policy.sources("close"),
        target=Status.CLOSED,
        permission=policy.transition_permission("close"),
    )
    def close(self, now) -> None:
        self.closed_at = now

    @transition(
        field=status,
        source=policy.sources("reopen"),
        target=Status.RESPONDED,
        permission=policy.transition_permission("reopen"),
    )
    def reopen(self) -> None:
        self.resolved_at = None
        self.closed_at = None

    @transition(
        field=status,
        source=policy.sources("merge_duplicate"),
        target=Status.ARCHIVED,
        permission=policy.transition_permission("merge_duplicate"),
    )
    def merge_into(self, survivor: Complaint) -> None:
        self.duplicate_of = survivor
        self.archive_reason = self.ArchiveReason.DUPLICATE


class ComplaintUpdate(models.Model):
    """A response, follow-up, resolution report or internal note on a complaint."""

    class Kind(models.TextChoices):
        RESPONSE = "response", _("Tanggapan")
        FOLLOW_UP = "follow_up", _("Tindak lanjut")
        RESOLUTION = "resolution", _("Hasil penyelesaian")
        REPORTER_MESSAGE = "reporter_message", _("Pesan pelapor")
        NOTE = "note", _("Catatan internal")

    class State(models.TextChoices):
        DRAFT = "draft", _("Menunggu persetujuan")
        APPROVED = "approved", _("Disetujui")
        REJECTED = "rejected", _("Ditolak")
        SENT = "sent", _("Terkirim ke pelapor")
        INTERNAL = "internal", _("Internal")

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="updates", verbose_name=_("aduan")
    )
    kind = models.CharField(_("jenis"), max_length=20, choices=Kind.choices)
    text = models.TextField(_("isi"))
    status = models.CharField(_("status"), max_length=10, choices=State.choices)
    is_public = models.BooleanField(
        _("tampil di situs publik"),
        default=True,
        help_text=_("Pelapor tetap menerima isinya lewat WhatsApp; ini hanya soal situs publik."),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("penulis"),
    )
    agency = models.ForeignKey(
        Agency,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OPD"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("disetujui/ditolak oleh"),
    )
    decided_at = models.DateTimeField(_("disetujui/ditolak pada"), null=True, blank=True)
    decision_note = models.TextField(_("catatan persetujuan"), blank=True)
    sent_at = models.DateTimeField(_("dikirim"), null=True, blank=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)

    # Wagtail's reference index ("usage") is for content; these are records, and indexing
    # each save would double the cost of every workflow step.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("tanggapan / tindak lanjut")
        verbose_name_plural = _("tanggapan / tindak lanjut")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.complaint}"


def _attachment_path(instance: Attachment, filename: str) -> str:
    # Never reuse the citizen's file name on disk: it may carry personal data.
    extension = Attachment.EXTENSIONS.get(instance.content_type, "bin")
    return f"attachments/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


def _private_storage():
    return storages["private"]


class Attachment(models.Model):
    """A photo or document kept outside the public media folder, served only after a check."""

    EXTENSIONS = {
        "image/jpeg": "jpg",
        "image/png": "png",
        "image/webp": "webp",
        "application/pdf": "pdf",
    }

    complaint = models.ForeignKey(
        Complaint, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("aduan")
    )
    update = models.ForeignKey(
        ComplaintUpdate,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="attachments",
        verbose_name=_("tanggapan / tindak lanjut"),
    )
    file = models.FileField(_("berkas"), upload_to=_attachment_path, storage=_private_storage)
    original_name = models.CharField(_("nama berkas asli"), max_length=255, blank=True)
    content_type = models.CharField(_("jenis berkas"), max_length=50)
    size = models.PositiveIntegerField(_("ukuran (byte)"))
    sha256 = models.CharField(max_length=64, editable=False)
    is_public = models.BooleanField(_("tampil di situs publik"), default=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("diunggah oleh"),
    )
    created_at = models.DateTimeField(_("diunggah"), default=timezone.now)

    # Wagtail's reference index ("usage") is for content; these are records, and indexing
    # each save would double the cost of every workflow step.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("lampiran")
        verbose_name_plural = _("lampiran")

    def __str__(self) -> str:
        return self.original_name or self.file.name

    @property
    def is_image(self) -> bool:
        return self.content_type.startswith("image/")

    @staticmethod
    def digest(data: bytes) -> str:
        return hashlib.sha256(data).hexdigest()


class SatisfactionResponse(models.Model):
    """The reporter's rating of how the complaint was handled (SKM, 1–5) [002][SPEC §9].

    One per complaint. The rating is public on the complaint page and in the statistics;
    the comment may name people or places and stays internal.
    """

    class Rating(models.IntegerChoices):
        VERY_DISSATISFIED = 1, _("Sangat tidak puas")
        DISSATISFIED = 2, _("Tidak puas")
        FAIR = 3, _("Cukup puas")
        SATISFIED = 4, _("Puas")
        VERY_SATISFIED = 5, _("Sangat puas")

    complaint = models.OneToOneField(
        Complaint, on_delete=models.CASCADE, related_name="satisfaction", verbose_name=_("aduan")
    )
    rating = models.PositiveSmallIntegerField(_("nilai"), choices=Rating.choices)
    comment = models.TextField(_("komentar"), blank=True)
    created_at = models.DateTimeField(_("diisi"), default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("survei kepuasan")
        verbose_name_plural = _("survei kepuasan")
        constraints = [
            models.CheckConstraint(
                condition=Q(rating__gte=1, rating__lte=5), name="satisfaction_rating_1_to_5"
            )
        ]

    def __str__(self) -> str:
        return f"{self.complaint} · {self.rating}"


# --- intake channels ---------------------------------------------------------------------


@register_setting(icon="mail")
class IntakeSettings(BaseGenericSetting):
    """How the conversation engine takes complaints (WhatsApp and web chat)."""

    require_nik = models.BooleanField(
        _("wajib NIK"),
        default=False,
        help_text=_("Pelapor diminta NIK dan Validator memeriksanya [SOP 2018]."),
    )
    messages_per_minute = models.PositiveIntegerField(
        _("batas pesan per menit dari satu nomor"),
        default=12,
        help_text=_("Lebih dari ini dianggap spam dan diperlambat [Buku Pedoman BAB VI]."),
    )
    conversation_timeout_hours = models.PositiveIntegerField(
        _("percakapan kedaluwarsa setelah (jam tanpa pesan)"), default=24
    )

    class Meta:
        verbose_name = _("pengaturan penerimaan aduan")


class WebhookEvent(models.Model):
    """A raw WhatsApp webhook delivery, stored before anything is done with it."""

    body = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now, db_index=True)
    processed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("kiriman webhook")
        verbose_name_plural = _("kiriman webhook")

    def __str__(self) -> str:
        return f"webhook {self.pk} {self.received_at:%Y-%m-%d %H:%M:%S}"


class Conversation(models.Model):
    """The state of one contact's chat on one channel; survives restarts, expires when idle."""

    class Channel(models.TextChoices):
        WHATSAPP = "whatsapp", _("WhatsApp")
        WEB = "web", _("Chat situs web")
        SMS = "sms", _("SMS")

    channel = models.CharField(max_length=10, choices=Channel.choices)
    # A WhatsApp number (E.164), or "web:<session key>".
    contact = models.CharField(max_length=120)
    profile_name = models.CharField(max_length=150, blank=True)
    step = models.CharField(max_length=30, default="idle")
    data = models.JSONField(default=dict, blank=True)
    reporter = models.ForeignKey(
        Reporter, on_delete=models.SET_NULL, null=True, blank=True, related_name="conversations"
    )
    last_complaint = models.ForeignKey(
        Complaint, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    last_inbound_at = models.DateTimeField(null=True, blank=True)
    throttled_until = models.DateTimeField(null=True, blank=True)
    # The web chat's last messages both ways, so the widget shows the same chat on every page
    # (WhatsApp keeps its own). Bounded by pengaduan.channels.webchat.TRANSCRIPT_LENGTH.
    transcript = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        verbose_name = _("percakapan")
        verbose_name_plural = _("percakapan")
        constraints = [
            models.UniqueConstraint(fields=["channel", "contact"], name="conversation_per_contact")
        ]

    def __str__(self) -> str:
        return f"{self.channel}:{self.contact}"


def _inbound_media_path(instance, filename: str) -> str:
    extension = Attachment.EXTENSIONS.get(instance.media_content_type, "bin")
    return f"inbound/{timezone.now():%Y/%m}/{uuid.uuid4().hex}.{extension}"


class InboundMessage(models.Model):
    """One message from a citizen, kept once: the provider id is unique, so Meta's retries
    and duplicate deliveries never produce a second reply or a second complaint."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Teks")
        LOCATION = "location", _("Lokasi")
        IMAGE = "image", _("Gambar")
        DOCUMENT = "document", _("Dokumen")
        INTERACTIVE = "interactive", _("Tombol / daftar")
        UNSUPPORTED = "unsupported", _("Tidak didukung")

    class State(models.TextChoices):
        RECEIVED = "received", _("Diterima")
        PROCESSING = "processing", _("Diproses")
        DONE = "done", _("Selesai")
        FAILED = "failed", _("Gagal")

    channel = models.CharField(max_length=10, choices=Conversation.Channel.choices)
    provider_message_id = models.CharField(max_length=200, unique=True)
    contact = models.CharField(max_length=120, db_index=True)
    kind = models.CharField(max_length=15, choices=Kind.choices)
    text = models.TextField(blank=True)
    # Button or list reply id, the location pin, the quoted message (WhatsApp "context").
    reply_id = models.CharField(max_length=256, blank=True)
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    context_message_id = models.CharField(max_length=200, blank=True)
    media_id = models.CharField(max_length=200, blank=True)
    media_file = models.FileField(
        upload_to=_inbound_media_path, storage=_private_storage, blank=True
    )
    media_content_type = models.CharField(max_length=50, blank=True)
    media_name = models.CharField(max_length=255, blank=True)
    payload = models.JSONField(default=dict, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    received_at = models.DateTimeField(default=timezone.now)
    state = models.CharField(max_length=12, choices=State.choices, default=State.RECEIVED)
    claimed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True)
    complaint = models.ForeignKey(
        Complaint,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="inbound_messages",
    )

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["received_at", "id"]
        verbose_name = _("pesan masuk")
        verbose_name_plural = _("pesan masuk")
        indexes = [models.Index(fields=["contact", "received_at"], name="inbound_contact_time")]

    def __str__(self) -> str:
        return f"{self.channel} {self.kind} {self.provider_message_id}"


# --- agency routing (pengaduan/routing.py trains and uses these) -------------------------


class RoutingModel(models.Model):
    """The latest trained router, shared by every process."""

    created_at = models.DateTimeField(default=timezone.now)
    examples = models.PositiveIntegerField(default=0)
    data = models.JSONField()

    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"router {self.created_at:%Y-%m-%d %H:%M} ({self.examples} contoh)"


class RoutingExample(models.Model):
    """A historical complaint with the agency that handled it (imported from a CSV)."""

    text = models.TextField()
    agency = models.ForeignKey("pengaduan.Agency", on_delete=models.CASCADE, related_name="+")
    source = models.CharField(max_length=200, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    wagtail_reference_index_ignore = True

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["text", "agency"], name="routing_example_unique")
        ]

    def __str__(self) -> str:
        return self.text[:60]
