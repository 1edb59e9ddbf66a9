"""The ways a message comes in from outside: WhatsApp, the web chat, SMS (and Open311)."""

import json
import math
import re
from decimal import Decimal, InvalidOperation

# What no text column can hold: NUL (PostgreSQL refuses it in text and jsonb) and lone UTF-16
# surrogates, which a JSON "\ud800" escape produces and UTF-8 cannot encode.
_UNSTORABLE = re.compile("[\x00\ud800-\udfff]")


def storable(text: str) -> str:
    """``text`` without the characters a database cannot store; they carry no meaning."""
    return _UNSTORABLE.sub("", text)


def _no_constant(name: str):
    raise ValueError(f"{name} is not valid JSON")


def _finite(literal: str) -> float:
    number = float(literal)
    if math.isinf(number):  # 1e999: a number no column, timestamp or coordinate can hold
        raise ValueError(f"number {literal[:20]} is out of range")
    return number


def loads(body: bytes | str):
    """JSON as the standard defines it: no NaN/Infinity, no number that overflows a float.

    Python's parser accepts both; the database (jsonb) and every later float use would not,
    so a delivery carrying one is refused at the door (the caller answers 400). Raises
    ValueError (or UnicodeDecodeError/RecursionError) like ``json.loads``.
    """
    return json.loads(body, parse_constant=_no_constant, parse_float=_finite)


def _degrees(value) -> Decimal | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError, TypeError):
        return None
    if not number.is_finite() or abs(number) > 180:
        return None
    return number.quantize(Decimal("0.000001"))


def coordinates(latitude, longitude) -> tuple[Decimal, Decimal] | None:
    """A location pin as the database stores it (6 decimals), or None if it is not one.

    WhatsApp sends numbers, the web chat's browser geolocation sends JSON numbers; both go
    through here so a pin from either channel lands in the same columns the same way.
    """
    latitude, longitude = _degrees(latitude), _degrees(longitude)
    if latitude is None or longitude is None or abs(latitude) > 90:
        return None
    return latitude, longitude
