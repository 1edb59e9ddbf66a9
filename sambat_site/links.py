"""Absolute links to this installation, all from one setting: ``SAMBAT_PUBLIC_BASE_URL``.

Messages leave the site (WhatsApp, SMS, e-mail, Open311 responses), so their links must be
absolute; they all come from here. The quickstart sets the address from the port it serves;
production from its configured public domain.
"""

from __future__ import annotations

from django.conf import settings


def base_url() -> str:
    return settings.SAMBAT_PUBLIC_BASE_URL.rstrip("/")


def absolute_url(path: str = "/") -> str:
    """``path`` (``/aduan/SB-…/``) on the installation's public address."""
    return f"{base_url()}/{path.lstrip('/')}"
