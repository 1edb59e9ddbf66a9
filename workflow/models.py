"""The history log [000 "History Log akses"]: every state change, every view of a reporter's
personal data by staff and every export, visible to Admin Pengaduan."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .states import Status


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
        }
        if self.action in ACTIONS:
            return str(ACTIONS[self.action].label)
        return str(labels.get(self.action, self.action))
