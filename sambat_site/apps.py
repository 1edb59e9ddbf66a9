import logging

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

from .locale_build import compile_all

logger = logging.getLogger(__name__)


class SambatSiteConfig(AppConfig):
    """The project package as an app, for its operator commands (``quickstart``)."""

    name = "sambat_site"
    verbose_name = _("Sambat Bunda")

    def ready(self):
        # install.sh compiles the catalogues; this catches a `git pull` without it, before
        # the first request loads them. A read-only code directory keeps what it has.
        try:
            compile_all()
        except OSError as error:
            logger.warning("Katalog terjemahan tidak dapat dikompilasi: %s", error)
