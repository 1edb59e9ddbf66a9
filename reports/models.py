"""Stored reports: the monthly recap, generated on the 1st and on demand [000 step 14]."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class MonthlyRecap(models.Model):
    """The figures of one month as they were when generated (JSON, see reports.figures);
    spreadsheets and PDFs are made from them, so a download always matches the stored recap."""

    month = models.DateField(_("bulan"), unique=True, help_text=_("Hari pertama bulan itu."))
    data = models.JSONField(_("angka"))
    generated_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    generated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("dibuat oleh"),
    )

    class Meta:
        ordering = ["-month"]
        verbose_name = _("rekap bulanan")
        verbose_name_plural = _("rekap bulanan")

    def __str__(self) -> str:
        return f"{self.month:%Y-%m}"
