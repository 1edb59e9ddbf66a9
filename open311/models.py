"""Who may file complaints through the Open311 GeoReport v2 API, and the tokens it hands out."""

from __future__ import annotations

import hashlib
import secrets

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

KEY_PREFIX_LENGTH = 8


def _digest(raw_key: str) -> str:
    return hashlib.sha256(raw_key.encode()).hexdigest()


class ApiClient(models.Model):
    """A third-party application (a village app, FixMyStreet, a partner's system) with a key.

    Only a SHA-256 digest of the key is stored: a leaked database does not leak working keys,
    and the key is shown once, when it is issued.
    """

    name = models.CharField(_("nama aplikasi"), max_length=150, unique=True)
    contact = models.CharField(
        _("kontak pengelola"), max_length=200, help_text=_("Nama dan email/telepon pengelola.")
    )
    key_prefix = models.CharField(_("awalan kunci"), max_length=KEY_PREFIX_LENGTH, editable=False)
    key_digest = models.CharField(max_length=64, unique=True, editable=False)
    rate = models.CharField(
        _("batas kiriman"),
        max_length=20,
        default="60/h",
        validators=[
            RegexValidator(
                r"^[1-9][0-9]{0,5}/[smhd]$", _("Tulis seperti 60/h: angka, garis miring, s/m/h/d.")
            )
        ],
        help_text=_("Aduan yang boleh dikirim per menit (/m), jam (/h) atau hari (/d), mis. 60/h."),
    )
    active = models.BooleanField(_("aktif"), default=True)
    created_at = models.DateTimeField(_("dibuat"), default=timezone.now)
    revoked_at = models.DateTimeField(_("dicabut"), null=True, blank=True, editable=False)
    last_used_at = models.DateTimeField(
        _("terakhir dipakai"), null=True, blank=True, editable=False
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("aplikasi Open311")
        verbose_name_plural = _("aplikasi Open311")

    def __str__(self) -> str:
        return self.name

    def new_key(self) -> str:
        """Give this client a fresh key (the old one stops working) and return it, once."""
        raw = secrets.token_urlsafe(32)
        self.key_prefix = raw[:KEY_PREFIX_LENGTH]
        self.key_digest = _digest(raw)
        return raw

    def revoke(self, now=None) -> None:
        self.active = False
        self.revoked_at = now or timezone.now()
        self.save(update_fields=["active", "revoked_at"])

    @classmethod
    def authenticate(cls, raw_key: str) -> ApiClient | None:
        if not raw_key or len(raw_key) > 200:
            return None
        client = cls.objects.filter(key_digest=_digest(raw_key), active=True).first()
        if client is not None:
            cls.objects.filter(pk=client.pk).update(last_used_at=timezone.now())
        return client


class RequestToken(models.Model):
    """The token a POST returns: the client can look the request up by it (GET tokens/…)."""

    token = models.CharField(max_length=40, unique=True, editable=False)
    complaint = models.OneToOneField(
        "pengaduan.Complaint", on_delete=models.CASCADE, related_name="open311_token"
    )
    client = models.ForeignKey(ApiClient, on_delete=models.PROTECT, related_name="tokens")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("token Open311")
        verbose_name_plural = _("token Open311")

    def __str__(self) -> str:
        return self.token

    @staticmethod
    def fresh() -> str:
        return secrets.token_hex(16)
