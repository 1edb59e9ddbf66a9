"""The ways a message comes in from outside: WhatsApp, the web chat, SMS (and Open311)."""

import re

# What no text column can hold: NUL (PostgreSQL refuses it in text and jsonb) and lone UTF-16
# surrogates, which a JSON "\ud800" escape produces and UTF-8 cannot encode.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` without the characters a database cannot store; they carry no meaning."""
    return _UNSTORABLE.sub("", text)
