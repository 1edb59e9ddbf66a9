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


ATTRIBUTE_DATATYPES = ("string", "number", "datetime", "text", "singlevaluelist", "multivaluelist")
LIST_DATATYPES = ("singlevaluelist", "multivaluelist")


def validate_attribute_definitions(value) -> None:
    """Extra questions of a category, in the shape of a GeoReport v2 service definition.

    Checked when staff save them so that the Open311 definition and the answers stored on
    complaints can rely on it: unique codes, a known datatype, and choices for list types.
    """
    if not isinstance(value, list):
        raise ValidationError(_("Pertanyaan tambahan harus berupa daftar."))
    seen = set()
    for position, item in enumerate(value, start=1):
        where = {"n": position}
        if not isinstance(item, dict):
            raise ValidationError(_("Pertanyaan ke-%(n)s harus berupa objek.") % where)
        code = item.get("code")
        if not isinstance(code, str) or not re.fullmatch(r"[A-Za-z0-9_-]{1,50}", code):
            raise ValidationError(
                _("Pertanyaan ke-%(n)s: code wajib diisi (huruf, angka, _ atau -).") % where
            )
        if code in seen:
            raise ValidationError(_("Code pertanyaan %(code)s dipakai dua kali.") % {"code": code})
        seen.add(code)
        named = {"code": code}
        if item.get("datatype") not in ATTRIBUTE_DATATYPES:
            raise ValidationError(
                _("Pertanyaan %(code)s: datatype harus salah satu dari %(types)s.")
                % {"code": code, "types": ", ".join(ATTRIBUTE_DATATYPES)}
            )
        if not isinstance(item.get("description", ""), str) or not item.get("description"):
            raise ValidationError(_("Pertanyaan %(code)s: description wajib diisi.") % named)
        if not isinstance(item.get("required", False), bool):
            raise ValidationError(_("Pertanyaan %(code)s: required harus true/false.") % named)
        if not isinstance(item.get("order", position), int):
            raise ValidationError(_("Pertanyaan %(code)s: order harus bilangan bulat.") % named)
        values = item.get("values", [])
        if item["datatype"] in LIST_DATATYPES:
            if not values or not all(
                isinstance(v, dict) and str(v.get("key", "")).strip() and v.get("name")
                for v in values
            ):
                raise ValidationError(
                    _("Pertanyaan %(code)s: pilihan (values) wajib berisi key dan name.") % named
                )
        elif values:
            raise ValidationError(
                _("Pertanyaan %(code)s: values hanya untuk singlevaluelist/multivaluelist.") % named
            )
