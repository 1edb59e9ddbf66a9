"""The public site's pages."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page


class HomePage(Page):
    """Beranda of sambatbunda.id [000 "Beranda"]."""

    kicker = models.CharField(_("baris pembuka"), max_length=100, default="BERSAMA LUMAJANG AMAN")
    service_name = models.CharField(_("nama layanan"), max_length=60, default="SAMBAT BUNDA")
    tagline = models.CharField(
        _("slogan"), max_length=120, default="AMANAH – MANUSIAWI – BERKEADILAN"
    )
    intro = RichTextField(_("pengantar"), blank=True)
    whatsapp_number = models.CharField(
        _("nomor WhatsApp layanan"), max_length=30, blank=True, default="0819-4422-0688"
    )

    content_panels = [
        *Page.content_panels,
        FieldPanel("kicker"),
        FieldPanel("service_name"),
        FieldPanel("tagline"),
        FieldPanel("intro"),
        FieldPanel("whatsapp_number"),
    ]

    max_count = 1

    class Meta:
        verbose_name = _("beranda")

    @property
    def whatsapp_link(self) -> str:
        digits = "".join(ch for ch in self.whatsapp_number if ch.isdigit())
        if digits.startswith("0"):
            digits = "62" + digits[1:]
        return f"https://wa.me/{digits}" if digits else ""
