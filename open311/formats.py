"""GeoReport v2 documents in JSON and XML, with the element names the specification uses.

Every document is a list of flat records under a root element (``services`` → ``service``,
``service_requests`` → ``request``, ``errors`` → ``error``); a few fields hold lists of
records themselves (discovery endpoints, definition attributes and their values).
"""

from __future__ import annotations

import datetime as dt
import json
import re
import zoneinfo
from xml.etree import ElementTree as ET

from django.conf import settings
from django.http import HttpResponse

JSON = "json"
XML = "xml"
CONTENT_TYPES = {JSON: "application/json; charset=utf-8", XML: "text/xml; charset=utf-8"}

# Characters XML 1.0 cannot carry at all, not even escaped (control characters, lone
# surrogates, U+FFFE/U+FFFF); ElementTree would write them and break the document.
XML_INVALID = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")

# Nested lists in XML: the field's element holds one child element per item.
XML_ITEM_NAMES = {
    "endpoints": "endpoint",
    "formats": "format",
    "attributes": "attribute",
    "values": "value",
}


def w3c(moment: dt.datetime | None) -> str | None:
    """ISO 8601 with the offset, in the regency's time zone: 2025-05-13T08:15:00+07:00."""
    if moment is None:
        return None
    local = moment.astimezone(zoneinfo.ZoneInfo(settings.TIME_ZONE))
    return local.replace(microsecond=0).isoformat()


def _xml_value(parent: ET.Element, name: str, value) -> None:
    element = ET.SubElement(parent, name)
    if value is None:
        return
    if isinstance(value, bool):
        element.text = "true" if value else "false"
    elif isinstance(value, list):
        item_name = XML_ITEM_NAMES.get(name, "item")
        for item in value:
            if isinstance(item, dict):
                child = ET.SubElement(element, item_name)
                for key, sub in item.items():
                    _xml_value(child, key, sub)
            else:
                _xml_value(element, item_name, item)
    elif isinstance(value, dict):
        for key, sub in value.items():
            _xml_value(element, key, sub)
    else:
        element.text = XML_INVALID.sub("", str(value))


def to_xml(root: str, item: str | None, data) -> bytes:
    """``data`` is a list of records (``item`` elements under ``root``) or one record."""
    top = ET.Element(root)
    if item is None:
        for key, value in data.items():
            _xml_value(top, key, value)
    else:
        for record in data:
            child = ET.SubElement(top, item)
            for key, value in record.items():
                _xml_value(child, key, value)
    return ET.tostring(top, encoding="utf-8", xml_declaration=True)


def render(fmt: str, root: str, item: str | None, data, status: int = 200) -> HttpResponse:
    body = to_xml(root, item, data) if fmt == XML else json.dumps(data, ensure_ascii=False).encode()
    return HttpResponse(body, status=status, content_type=CONTENT_TYPES[fmt])


def error(fmt: str, status: int, description: str) -> HttpResponse:
    """The specification's error list: ``[{"code": 403, "description": "…"}]``."""
    return render(fmt, "errors", "error", [{"code": status, "description": description}], status)
