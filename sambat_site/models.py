from django.db import models
from django.utils.translation import gettext_lazy as _


class SetupRecord(models.Model):
    """One thing the setup commands (``seed_demo``, ``setup_site``, ``setup_faq``) made once.

    Setup creates what is missing and never edits, republishes or reverts what exists. What it
    made once and staff later deleted stays deleted: the record says it was done.
    """

    key = models.CharField(_("kunci"), max_length=200, unique=True)
    created_at = models.DateTimeField(_("dibuat"), auto_now_add=True)

    class Meta:
        verbose_name = _("catatan penyiapan")
        verbose_name_plural = _("catatan penyiapan")

    def __str__(self) -> str:
        return self.key
