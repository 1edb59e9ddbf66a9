"""A first, rule-based redaction of personal data for the public copy of a complaint [004].

Admins review and edit ``public_text``; this only makes the safe choice the default, so a NIK
or phone number the citizen typed into the text never reaches the public site by accident.
"""

import re
from collections.abc import Iterable

NIK_PLACEHOLDER = "[NIK disamarkan]"
PHONE_PLACEHOLDER = "[nomor disamarkan]"
EMAIL_PLACEHOLDER = "[email disamarkan]"
NAME_PLACEHOLDER = "[nama disamarkan]"
ADDRESS_PLACEHOLDER = "[alamat disamarkan]"
# What an erased reporter is called (pengaduan.privacy); never a name to mask in texts.
ERASED_NAME = "Pelapor (data dihapus)"

# 16 digits, optionally grouped by spaces, dots or dashes (how people copy a KTP number).
_NIK = re.compile(r"(?<!\d)(?:\d[\s.\-]?){15}\d(?!\d)")
# Indonesian mobile and landline numbers: +62 / 62 / 0 followed by 8–13 digits, with separators.
_PHONE = re.compile(
    r"(?<![\w+])(?:\+62|62|0)[\s.\-]?(?:\(?\d{2,4}\)?[\s.\-]?)\d{3,4}[\s.\-]?\d{2,5}(?!\d)"
)
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def redact(text: str) -> str:
    text = _EMAIL.sub(EMAIL_PLACEHOLDER, text or "")
    text = _NIK.sub(NIK_PLACEHOLDER, text)
    return _PHONE.sub(PHONE_PLACEHOLDER, text)


def name_variants(names: Iterable[str]) -> list[str]:
    """The whole names and their words of three letters or more, longest first.

    "Siti Nur Khomsah" → ["Siti Nur Khomsah", "Khomsah", "Siti", "Nur"]: an officer's "Ibu
    Siti" names her as surely as the full name does.
    """
    variants = set()
    for raw in names:
        name = " ".join((raw or "").split())
        if not name or name == ERASED_NAME:
            continue
        variants.add(name)
        variants.update(p for p in name.split() if len(p) >= 3 and p[:1].isalpha())
    return sorted(variants, key=len, reverse=True)


def mask_names(text: str, names: Iterable[str], placeholder: str = NAME_PLACEHOLDER) -> str:
    """Replace every whole-word occurrence of the names (and their parts), any case."""
    for part in name_variants(names):
        text = re.sub(rf"(?<!\w){re.escape(part)}(?!\w)", placeholder, text, flags=re.I)
    return text


def mask_address(text: str, address: str, placeholder: str = ADDRESS_PLACEHOLDER) -> str:
    """The reporter's address as we hold it, wherever a text repeats it (any case, spacing)."""
    words = (address or "").split()
    if len(words) < 2:  # a lone word (a town's name) is a place, not somebody's address
        return text
    pattern = r"\s+".join(re.escape(word) for word in words)
    return re.sub(rf"(?<!\w){pattern}(?!\w)", placeholder, text, flags=re.I)


def public_copy(text: str, *, reporter, anonymous: bool) -> str:
    """The last pass over anything the public may read or search for [SPEC §7]: NIK, phone
    numbers, e-mail and the reporter's address out; the reporter's name too unless they chose
    to be named (an officer's "Terima kasih Ibu Siti" must not undo the anonymity)."""
    text = mask_address(redact(text or ""), reporter.address)
    return mask_names(text, [reporter.name]) if anonymous else text
