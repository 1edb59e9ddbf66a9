"""A first, rule-based redaction of personal data for the public copy of a complaint [004].

Admins review and edit ``public_text``; this only makes the safe choice the default, so a NIK
or phone number the citizen typed into the text never reaches the public site by accident.
"""

import re

NIK_PLACEHOLDER = "[NIK disamarkan]"
PHONE_PLACEHOLDER = "[nomor disamarkan]"
EMAIL_PLACEHOLDER = "[email disamarkan]"

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
