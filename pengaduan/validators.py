"""Normalising and checking the personal data a reporter gives: WhatsApp number and NIK."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from stdnum.exceptions import ValidationError as StdnumError
from stdnum.id import nik as stdnum_nik

_SEPARATORS = re.compile(r"[\s\-().]")


def normalize_phone(raw: str) -> str:
    """Return the number in E.164 (``+628123456789``) or raise ValidationError.

    Accepts the ways Indonesians write numbers: ``0812-3456-789``, ``62812…``,
    ``+62 812…``, ``812…`` and ``(0334) 881234``. Other countries must start with ``+``.
    """
    if raw is None:
        raise ValidationError(_("Nomor WhatsApp wajib diisi."), code="required")
    value = _SEPARATORS.sub("", str(raw).strip())
    if value.startswith("00"):
        value = "+" + value[2:]
    if value.startswith("+"):
        digits = value[1:]
    elif value.startswith("62"):
        digits = value
    elif value.startswith("0"):
        digits = "62" + value[1:]
    elif value.startswith("8"):
        digits = "62" + value
    else:
        digits = value
    if not digits.isdigit() or digits.startswith("0"):
        raise ValidationError(
            _("Nomor WhatsApp tidak valid: gunakan angka, mis. 0812-3456-7890."), code="invalid"
        )
    if digits.startswith("62"):
        national = digits[2:]
        if national.startswith("0"):
            national = national[1:]
            digits = "62" + national
        if not 8 <= len(national) <= 13:
            raise ValidationError(
                _("Nomor WhatsApp Indonesia harus 9 sampai 14 digit (mis. 0812-3456-7890)."),
                code="invalid",
            )
    elif not 8 <= len(digits) <= 15:
        raise ValidationError(_("Nomor WhatsApp tidak valid."), code="invalid")
    return "+" + digits


def normalize_nik(raw: str) -> str:
    """Return the 16-digit NIK or raise ValidationError (structure only: region, birth date)."""
    try:
        return stdnum_nik.validate(raw)
    except StdnumError as exc:
        raise ValidationError(
            _(
                "NIK tidak valid: harus 16 digit sesuai KTP-el (kode wilayah, tanggal lahir, "
                "nomor urut)."
            ),
            code="invalid",
        ) from exc


def validate_nik(value: str) -> None:
    if value:
        normalize_nik(value)


def mask_phone(value: str | None) -> str:
    """``+6281234567890`` → ``+62812****7890`` for screens that must not show it whole."""
    if not value:
        return ""
    if len(value) <= 8:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_nik(value: str | None) -> str:
    if not value:
        return ""
    return value[:4] + "*" * (len(value) - 8) + value[-4:]
