"""Workflow records: the history log [000 "History Log akses"], the notification outbox, the
editable message templates, the SLA policy and local holidays."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator, RegexValidator
from django.db import models
from django.template import Engine, TemplateSyntaxError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting

from .states import Status

# Plain-text message templates: no HTML escaping, no access to anything but their parameters.
TEXT_ENGINE = Engine(autoescape=False)


def validate_weekdays(value: str) -> None:
    try:
        days = [int(day) for day in value.split(",") if day.strip()]
    except ValueError as exc:
        raise ValidationError(_("Gunakan angka 0–6 dipisah koma.")) from exc
    if not days or any(day < 0 or day > 6 for day in days):
        raise ValidationError(_("Gunakan angka 0–6 dipisah koma (0 = Senin)."))


def validate_template_syntax(value: str) -> None:
    try:
        TEXT_ENGINE.from_string(value)
    except TemplateSyntaxError as exc:
        raise ValidationError(_("Templat tidak valid: %(error)s") % {"error": exc}) from exc


class ActivityLog(models.Model):
    class ActorKind(models.TextChoices):
        STAFF = "staff", _("Petugas")
        REPORTER = "reporter", _("Pelapor")
        SYSTEM = "system", _("Sistem")

    # Actions that are not workflow transitions; transitions log under their own name.
    CREATE = "create"
    EDIT = "edit"
    VIEW_PERSONAL_DATA = "view_personal_data"
    VIEW_ATTACHMENT = "view_attachment"
    EXPORT = "export"
    LAPOR_IMPORT = "lapor_import"  # one SP4N-LAPOR! file imported (pengaduan.lapor)
    LAPOR_SYNC = "lapor_sync"  # a complaint's LAPOR! data refreshed or its tracking id linked
    # A reporter's personal data downloaded / erased on request (UU 27/2022 PDP; pengaduan.privacy)
    EXPORT_PERSONAL_DATA = "export_personal_data"
    ERASE_PERSONAL_DATA = "erase_personal_data"

    complaint = models.ForeignKey(
        "pengaduan.Complaint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="activity",
        verbose_name=_("aduan"),
    )
    reporter = models.ForeignKey(
        "pengaduan.Reporter",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("pelapor"),
    )
    action = models.CharField(_("aksi"), max_length=40, db_index=True)
    from_state = models.CharField(
        _("dari status"), max_length=30, choices=Status.choices, blank=True
    )
    to_state = models.CharField(_("ke status"), max_length=30, choices=Status.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oleh"),
    )
    actor_kind = models.CharField(
        _("jenis pelaku"), max_length=10, choices=ActorKind.choices, default=ActorKind.STAFF
    )
    agency = models.ForeignKey(
        "pengaduan.Agency",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("OPD"),
    )
    reason = models.TextField(_("alasan / catatan"), blank=True)
    data = models.JSONField(_("rincian"), default=dict, blank=True)
    created_at = models.DateTimeField(_("waktu"), default=timezone.now, db_index=True)

    # Wagtail's reference index ("usage") is for content; these are records, and indexing
    # each save would double the cost of every workflow step.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("log riwayat")
        verbose_name_plural = _("log riwayat & akses")
        indexes = [models.Index(fields=["complaint", "created_at"], name="activity_complaint_time")]

    def __str__(self) -> str:
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.action}"

    @property
    def actor_display(self) -> str:
        if self.actor_kind != self.ActorKind.STAFF:
            return str(self.get_actor_kind_display())
        if self.actor is None:
            return "-"
        return self.actor.get_full_name() or self.actor.get_username()

    @property
    def action_display(self) -> str:
        from .policy import ACTIONS

        labels = {
            self.CREATE: _("Aduan diterima"),
            self.EDIT: _("Data aduan diubah"),
            self.VIEW_PERSONAL_DATA: _("Data pribadi pelapor dilihat"),
            self.VIEW_ATTACHMENT: _("Lampiran dibuka"),
            self.EXPORT: _("Ekspor data"),
            self.LAPOR_IMPORT: _("Impor SP4N-LAPOR!"),
            self.LAPOR_SYNC: _("Data SP4N-LAPOR! diperbarui"),
            self.EXPORT_PERSONAL_DATA: _("Data pribadi pelapor diunduh"),
            self.ERASE_PERSONAL_DATA: _("Data pribadi pelapor dihapus"),
        }
        if self.action in ACTIONS:
            return str(ACTIONS[self.action].label)
        return str(labels.get(self.action, self.action))


@register_setting(icon="time")
class SlaPolicy(BaseGenericSetting):
    """Service levels, editable by Admin Pengaduan; the defaults come from the SOPs (SPEC §4)."""

    office_start = models.TimeField(_("jam kantor mulai"), default=dt.time(7, 30))
    office_end = models.TimeField(_("jam kantor selesai"), default=dt.time(16, 0))
    working_weekdays = models.CharField(
        _("hari kerja"),
        max_length=20,
        default="0,1,2,3,4",
        validators=[validate_weekdays],
        help_text=_("Nomor hari dipisah koma: 0 = Senin … 6 = Minggu."),
    )
    verify_minutes = models.PositiveIntegerField(
        _("verifikasi & disposisi (menit jam kantor)"), default=5, help_text="[SOP 2025 langkah 4]"
    )
    response_hours = models.PositiveIntegerField(
        _("tanggapan OPD (jam kantor)"), default=4, help_text="[SOP 2025 langkah 7]"
    )
    reminder_interval_minutes = models.PositiveIntegerField(
        _("pengingat ulang setiap (menit)"),
        default=60,
        validators=[MinValueValidator(5)],
        help_text=_("Selama OPD belum menanggapi [SOP 2025 langkah 7]."),
    )
    escalate_after = models.PositiveIntegerField(
        _("eskalasi ke Sekretaris dan Kepala OPD mulai pengingat ke-"),
        default=2,
        validators=[MinValueValidator(1)],
    )
    max_reminders = models.PositiveIntegerField(
        _("pengingat paling banyak per disposisi"), default=12
    )
    quiet_start = models.TimeField(_("jam tenang mulai"), default=dt.time(21, 0))
    quiet_end = models.TimeField(_("jam tenang selesai"), default=dt.time(6, 0))
    follow_up_urgent_days = models.PositiveIntegerField(
        _("tindak lanjut mendesak (hari kerja)"), default=1
    )
    follow_up_normal_days = models.PositiveIntegerField(
        _("tindak lanjut biasa (hari kerja)"), default=3, help_text="[SOP 2025 langkah 9]"
    )
    follow_up_information_days = models.PositiveIntegerField(
        _("permintaan informasi / normatif (hari kerja)"), default=5, help_text="[SOP Rembang]"
    )
    follow_up_no_inspection_days = models.PositiveIntegerField(
        _("tanpa pemeriksaan lapangan (hari kerja)"), default=14, help_text="[SOP Rembang]"
    )
    follow_up_field_inspection_days = models.PositiveIntegerField(
        _("dengan pemeriksaan lapangan (hari kalender)"), default=60
    )
    auto_close_working_days = models.PositiveIntegerField(
        _("tutup otomatis setelah selesai tanpa jawaban pelapor (hari kerja)"),
        default=10,
        help_text="[SOP Rembang langkah 6]",
    )
    reporter_completion_working_days = models.PositiveIntegerField(
        _("arsipkan bila pelapor tidak melengkapi dalam (hari kerja)"), default=10
    )
    verify_working_days = models.PositiveIntegerField(
        _("verifikasi & disposisi (hari kerja)"),
        default=0,
        help_text=_("Bila lebih dari 0, dipakai sebagai ganti menit jam kantor [SOP Rembang]."),
    )
    response_working_days = models.PositiveIntegerField(
        _("tanggapan OPD (hari kerja)"),
        default=0,
        help_text=_("Bila lebih dari 0, dipakai sebagai ganti jam kantor [SOP Tanah Bumbu]."),
    )
    digest_time = models.TimeField(_("ringkasan keterlambatan harian pukul"), default=dt.time(7, 0))

    panels = [
        MultiFieldPanel(
            [FieldPanel("office_start"), FieldPanel("office_end"), FieldPanel("working_weekdays")],
            heading=_("Hari dan jam kerja"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("verify_minutes"),
                FieldPanel("verify_working_days"),
                FieldPanel("response_hours"),
                FieldPanel("response_working_days"),
                FieldPanel("follow_up_urgent_days"),
                FieldPanel("follow_up_normal_days"),
                FieldPanel("follow_up_information_days"),
                FieldPanel("follow_up_no_inspection_days"),
                FieldPanel("follow_up_field_inspection_days"),
                FieldPanel("auto_close_working_days"),
                FieldPanel("reporter_completion_working_days"),
            ],
            heading=_("Batas waktu"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("reminder_interval_minutes"),
                FieldPanel("escalate_after"),
                FieldPanel("max_reminders"),
                FieldPanel("quiet_start"),
                FieldPanel("quiet_end"),
                FieldPanel("digest_time"),
            ],
            heading=_("Pengingat"),
        ),
    ]

    class Meta:
        verbose_name = _("kebijakan layanan (SLA)")

    @property
    def weekdays(self) -> list[int]:
        return [int(day) for day in self.working_weekdays.split(",") if day.strip()]

    def is_quiet(self, moment: dt.datetime, tz: dt.tzinfo | None = None) -> bool:
        """Quiet hours on the installation's clock (WIB, WITA or WIT)."""
        if tz is None:
            tz = InstallationSettings.load().zone
        clock = timezone.localtime(moment, tz).time()
        if self.quiet_start <= self.quiet_end:
            return self.quiet_start <= clock < self.quiet_end
        return clock >= self.quiet_start or clock < self.quiet_end


@register_setting(icon="site")
class InstallationSettings(BaseGenericSetting):
    """What makes one installation its regency's own: names, number, channels, time zone.

    The SOP knobs here (time zone, channels, SMS keyword, approval, report schedule) are set by
    the SOP presets (workflow/presets/); the branding is never touched by a preset.
    """

    class TimeZone(models.TextChoices):
        WIB = "Asia/Jakarta", _("WIB (Asia/Jakarta)")
        WITA = "Asia/Makassar", _("WITA (Asia/Makassar)")
        WIT = "Asia/Jayapura", _("WIT (Asia/Jayapura)")

    ZONE_LABELS = {"Asia/Jakarta": "WIB", "Asia/Makassar": "WITA", "Asia/Jayapura": "WIT"}

    regency_name = models.CharField(
        _("nama daerah"),
        max_length=100,
        blank=True,
        help_text=_("Mis. “Kabupaten Banyuwangi” atau “Kota Malang”."),
    )
    service_name = models.CharField(_("nama layanan"), max_length=60, default="Sambat Bunda")
    tagline = models.CharField(_("slogan"), max_length=120, blank=True)
    logo = models.ForeignKey(
        "wagtailimages.Image",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("logo"),
    )
    primary_colour = models.CharField(
        _("warna utama"),
        max_length=7,
        default="#0b6e4f",
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Gunakan kode warna #RRGGBB."))],
    )
    whatsapp_number = models.CharField(_("nomor WhatsApp layanan"), max_length=30, blank=True)
    sms_keyword = models.CharField(
        _("kata kunci SMS"),
        max_length=30,
        blank=True,
        help_text=_("Kosong: pakai pengaturan server SMS_KEYWORD."),
    )
    sms_short_code = models.CharField(_("nomor SMS / kode pendek"), max_length=20, blank=True)
    contact_hours = models.CharField(_("jam layanan"), max_length=120, blank=True)
    time_zone = models.CharField(
        _("zona waktu"),
        max_length=20,
        choices=TimeZone.choices,
        default=TimeZone.WIB,
        help_text=_("Batas waktu, jam kantor dan jam tenang dihitung pada zona ini."),
    )
    channel_whatsapp = models.BooleanField(_("kanal WhatsApp"), default=True)
    channel_webchat = models.BooleanField(_("kanal chat situs"), default=True)
    channel_sms = models.BooleanField(_("kanal SMS"), default=True)
    channel_open311 = models.BooleanField(_("kanal Open311"), default=True)
    channel_lapor_import = models.BooleanField(_("impor SP4N-LAPOR!"), default=True)
    response_approval_required = models.BooleanField(
        _("semua tanggapan perlu persetujuan Kepala OPD"),
        default=False,
        help_text=_(
            "Bila aktif, tanggapan Admin OPD di semua OPD menunggu persetujuan; bila tidak, "
            "hanya di OPD yang ditandai [SOP Cilacap]."
        ),
    )
    report_monthly = models.BooleanField(_("rekap bulanan otomatis"), default=True)
    report_daily = models.BooleanField(_("laporan harian layanan dan isu strategis"), default=False)
    report_annual = models.BooleanField(_("laporan tahunan"), default=False)

    panels = [
        MultiFieldPanel(
            [
                FieldPanel("regency_name"),
                FieldPanel("service_name"),
                FieldPanel("tagline"),
                FieldPanel("logo"),
                FieldPanel("primary_colour"),
                FieldPanel("contact_hours"),
            ],
            heading=_("Identitas"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("whatsapp_number"),
                FieldPanel("sms_keyword"),
                FieldPanel("sms_short_code"),
                FieldPanel("channel_whatsapp"),
                FieldPanel("channel_webchat"),
                FieldPanel("channel_sms"),
                FieldPanel("channel_open311"),
                FieldPanel("channel_lapor_import"),
            ],
            heading=_("Kanal"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("time_zone"),
                FieldPanel("response_approval_required"),
                FieldPanel("report_monthly"),
                FieldPanel("report_daily"),
                FieldPanel("report_annual"),
            ],
            heading=_("Prosedur"),
        ),
    ]

    class Meta:
        verbose_name = _("pengaturan instalasi")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.time_zone)

    @property
    def zone_label(self) -> str:
        return self.ZONE_LABELS.get(self.time_zone, "")

    @property
    def government(self) -> str:
        """“Pemerintah Kabupaten X”, or a neutral name while the regency is not set."""
        return f"Pemerintah {self.regency_name}" if self.regency_name else "Pemerintah Daerah"

    @property
    def keyword(self) -> str:
        return (self.sms_keyword or settings.SMS_KEYWORD).strip()

    @property
    def whatsapp_link(self) -> str:
        digits = "".join(ch for ch in self.whatsapp_number if ch.isdigit())
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        return f"https://wa.me/{digits}" if digits else ""


class Holiday(models.Model):
    """A local holiday or collective leave day that the national calendar does not know."""

    date = models.DateField(_("tanggal"), unique=True)
    name = models.CharField(_("keterangan"), max_length=120)

    class Meta:
        ordering = ["-date"]
        verbose_name = _("hari libur daerah")
        verbose_name_plural = _("hari libur daerah")

    def __str__(self) -> str:
        return f"{self.date:%d-%m-%Y} {self.name}"


class MessageTemplate(models.Model):
    """An editable message text, with the approved WhatsApp template used outside 24 hours."""

    key = models.CharField(_("kunci"), max_length=60, unique=True)
    description = models.CharField(_("kapan dikirim"), max_length=200)
    body = models.TextField(
        _("isi pesan"),
        help_text=_("Gunakan {{ nomor }}, {{ status }}, {{ tautan }} dst. sesuai kunci pesan."),
        validators=[validate_template_syntax],
    )
    whatsapp_template = models.CharField(
        _("nama templat WhatsApp"),
        max_length=100,
        blank=True,
        help_text=_("Templat yang disetujui Meta, dipakai di luar jendela 24 jam."),
    )
    whatsapp_params = models.CharField(
        _("parameter templat"),
        max_length=300,
        blank=True,
        help_text=_("Nama variabel berurutan untuk {{1}}, {{2}}, …, dipisah koma."),
    )

    class Meta:
        ordering = ["key"]
        verbose_name = _("templat pesan")
        verbose_name_plural = _("templat pesan")

    def __str__(self) -> str:
        return self.key

    @property
    def param_names(self) -> list[str]:
        return [p.strip() for p in self.whatsapp_params.split(",") if p.strip()]


class Notification(models.Model):
    """One message to one person: written in the transaction that causes it, sent by a worker."""

    class Channel(models.TextChoices):
        WHATSAPP = "whatsapp", _("WhatsApp")
        EMAIL = "email", _("Email")
        WEB = "web", _("Chat situs")
        SMS = "sms", _("SMS")

    class State(models.TextChoices):
        PENDING = "pending", _("Menunggu dikirim")
        SENDING = "sending", _("Sedang dikirim")
        SENT = "sent", _("Terkirim")
        DELIVERED = "delivered", _("Diterima")
        READ = "read", _("Dibaca")
        FAILED = "failed", _("Gagal")
        DEAD = "dead", _("Gagal permanen (batas percobaan)")

    class Audience(models.TextChoices):
        REPORTER = "reporter", _("Pelapor")
        AGENCY_ADMIN = "agency_admin", _("Admin OPD")
        AGENCY_SECRETARY = "agency_secretary", _("Sekretaris OPD")
        AGENCY_HEAD = "agency_head", _("Kepala OPD")
        ADMIN = "admin", _("Admin Pengaduan")

    complaint = models.ForeignKey(
        "pengaduan.Complaint",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="notifications",
        verbose_name=_("aduan"),
    )
    audience = models.CharField(_("penerima"), max_length=20, choices=Audience.choices)
    channel = models.CharField(_("kanal"), max_length=10, choices=Channel.choices)
    recipient_phone = models.CharField(_("nomor tujuan"), max_length=20, blank=True)
    recipient_email = models.EmailField(_("email tujuan"), blank=True)
    recipient_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("akun tujuan"),
    )
    template_key = models.CharField(_("templat"), max_length=60)
    params = models.JSONField(_("parameter"), default=dict, blank=True)
    text = models.TextField(_("isi"))
    idempotency_key = models.CharField(max_length=200, unique=True)
    status = models.CharField(
        _("status"), max_length=10, choices=State.choices, default=State.PENDING
    )
    attempts = models.PositiveIntegerField(_("percobaan"), default=0)
    next_attempt_at = models.DateTimeField(_("percobaan berikut"), default=timezone.now)
    claimed_at = models.DateTimeField(null=True, blank=True)
    last_error = models.TextField(_("galat terakhir"), blank=True)
    provider_message_id = models.CharField(
        _("ID pesan penyedia"), max_length=200, blank=True, db_index=True
    )
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    sent_at = models.DateTimeField(_("terkirim"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("diterima"), null=True, blank=True)
    read_at = models.DateTimeField(_("dibaca"), null=True, blank=True)

    # Wagtail's reference index ("usage") is for content; these are records, and indexing
    # each save would double the cost of every workflow step.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("notifikasi")
        verbose_name_plural = _("notifikasi")
        indexes = [
            models.Index(fields=["status", "next_attempt_at"], name="notification_due"),
        ]

    def __str__(self) -> str:
        return f"{self.template_key} → {self.recipient_phone or self.recipient_email}"


class Reminder(models.Model):
    """One reminder period for one complaint: the row's uniqueness is what makes a reminder go
    out once per period, even with two schedulers or a restart in the middle of a sweep."""

    class Kind(models.TextChoices):
        RESPONSE = "response", _("Tanggapan belum dikirim")
        FOLLOW_UP = "follow_up", _("Tindak lanjut terlambat")

    complaint = models.ForeignKey(
        "pengaduan.Complaint", on_delete=models.CASCADE, related_name="reminders"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    # Which disposition / follow-up deadline this reminder belongs to (a timestamp).
    round_key = models.CharField(max_length=40)
    period = models.PositiveIntegerField()
    number = models.PositiveIntegerField(_("pengingat ke-"))
    escalated = models.BooleanField(default=False)
    created_at = models.DateTimeField(default=timezone.now)

    # Wagtail's reference index ("usage") is for content; these are records, and indexing
    # each save would double the cost of every workflow step.
    wagtail_reference_index_ignore = True

    class Meta:
        ordering = ["created_at"]
        verbose_name = _("pengingat")
        verbose_name_plural = _("pengingat")
        constraints = [
            models.UniqueConstraint(
                fields=["complaint", "kind", "round_key", "period"], name="reminder_once_per_period"
            ),
            # Two sweeps whose clocks straddle a period boundary compute different periods but
            # the same "Pengingat ke-n": the number settles it (tests/reliability).
            models.UniqueConstraint(
                fields=["complaint", "kind", "round_key", "number"], name="reminder_number_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.complaint_id} {self.kind} #{self.number}"
