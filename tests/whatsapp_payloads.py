"""Real-shaped WhatsApp Cloud API webhook payloads, and a signed POST helper."""

import hashlib
import hmac
import itertools
import json

from django.conf import settings

PHONE = "6281234567890"
_ids = itertools.count(1)


def envelope(messages=(), statuses=(), name="Siti Nur Khomsah", wa_id=PHONE) -> dict:
    value = {
        "messaging_product": "whatsapp",
        "metadata": {"display_phone_number": "6281944220688", "phone_number_id": "109876543210"},
    }
    if messages:
        value["contacts"] = [{"profile": {"name": name}, "wa_id": wa_id}]
        value["messages"] = list(messages)
    if statuses:
        value["statuses"] = list(statuses)
    return {
        "object": "whatsapp_business_account",
        "entry": [{"id": "102290129340398", "changes": [{"value": value, "field": "messages"}]}],
    }


def _base(kind, sender=PHONE, wamid=None, context=None):
    message = {
        "from": sender,
        "id": wamid or f"wamid.HBgNNjI4MTIzNDU2Nzg5MBUCABIYFjNFQjA{next(_ids):06d}",
        "timestamp": "1763881200",
        "type": kind,
    }
    if context:
        message["context"] = {"from": "6281944220688", "id": context}
    return message


def text(body, **kwargs):
    return {**_base("text", **kwargs), "text": {"body": body}}


def location(latitude, longitude, name="", address="", **kwargs):
    loc = {"latitude": latitude, "longitude": longitude}
    if name:
        loc["name"] = name
    if address:
        loc["address"] = address
    return {**_base("location", **kwargs), "location": loc}


def image(media_id, caption="", **kwargs):
    content = {"mime_type": "image/jpeg", "sha256": "abc", "id": media_id}
    if caption:
        content["caption"] = caption
    return {**_base("image", **kwargs), "image": content}


def document(media_id, filename="surat.pdf", **kwargs):
    return {
        **_base("document", **kwargs),
        "document": {
            "filename": filename,
            "mime_type": "application/pdf",
            "sha256": "x",
            "id": media_id,
        },
    }


def button(reply_id, title, **kwargs):
    return {
        **_base("interactive", **kwargs),
        "interactive": {"type": "button_reply", "button_reply": {"id": reply_id, "title": title}},
    }


def list_choice(reply_id, title, description="", **kwargs):
    """A row picked from an interactive list message."""
    reply = {"id": reply_id, "title": title}
    if description:
        reply["description"] = description
    return {
        **_base("interactive", **kwargs),
        "interactive": {"type": "list_reply", "list_reply": reply},
    }


def sticker(**kwargs):
    return {**_base("sticker", **kwargs), "sticker": {"id": "STK", "mime_type": "image/webp"}}


def status(wamid, state, errors=None):
    entry = {
        "id": wamid,
        "status": state,
        "timestamp": "1763881300",
        "recipient_id": PHONE,
    }
    if errors:
        entry["errors"] = errors
    return entry


def sign(body: bytes, secret: str | None = None) -> str:
    key = (secret or settings.WHATSAPP_APP_SECRET).encode()
    return "sha256=" + hmac.new(key, body, hashlib.sha256).hexdigest()


def post(client, payload, secret=None, raw: bytes | None = None, signature: str | None = None):
    body = raw if raw is not None else json.dumps(payload).encode()
    headers = {}
    if signature is not False:
        headers["HTTP_X_HUB_SIGNATURE_256"] = signature or sign(body, secret)
    return client.post("/whatsapp/webhook/", data=body, content_type="application/json", **headers)
