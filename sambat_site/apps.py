from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SambatSiteConfig(AppConfig):
    """The project package as an app, for its operator commands (``quickstart``)."""

    name = "sambat_site"
    verbose_name = _("Sambat Bunda")
