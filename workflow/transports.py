"""Transports: how a Notification leaves the building (healthchecks' transports.py pattern).

Each transport has ``send(notification) -> provider message id`` and raises
:class:`TransientError` (retry later, maybe after ``retry_after`` seconds) or
:class:`PermanentError` (do not retry). WhatsApp backends are chosen by
``settings.WHATSAPP_BACKEND`` the way Django chooses an email backend: ``CloudAPIBackend`` in
production, ``ConsoleBackend`` in development, ``LocMemBackend`` in tests. SMS backends are
chosen by ``settings.SMS_BACKEND`` the same way (``HTTPSMSBackend``, ``ConsoleSMSBackend``,
``LocMemSMSBackend``); an empty setting means this installation sends no SMS.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import sys

import httpx
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.mail import send_mail
from django.utils import timezone
from django.utils.module_loading import import_string

from .messages import whatsapp_template_for

logger = logging.getLogger(__name__)

CUSTOMER_SERVICE_WINDOW = dt.timedelta(hours=24)


class TransientError(Exception):
    def __init__(self, message: str, retry_after: float | None = None):
        super().__init__(message)
        self.retry_after = retry_after


class PermanentError(Exception):
    pass


def window_open(phone: str, now: dt.datetime | None = None) -> bool:
    """Did this number write to us in the last 24 hours (free-form text allowed)?"""
    from pengaduan.models import Conversation

    last = (
        Conversation.objects.filter(channel=Conversation.Channel.WHATSAPP, contact=phone)
        .values_list("last_inbound_at", flat=True)
        .first()
    )
    return bool(last and (now or timezone.now()) - last < CUSTOMER_SERVICE_WINDOW)


def buttons_of(notification) -> list[dict]:
    """Quick-reply buttons a chat reply offers (``params["_buttons"]``), at most three."""
    buttons = notification.params.get("_buttons") or []
    return [b for b in buttons if isinstance(b, dict) and b.get("id") and b.get("title")][:3]


# Cloud API limits of an interactive list message.
LIST_MAX_ROWS = 10
LIST_BUTTON_MAX = 20
LIST_ROW_ID_MAX = 200
LIST_ROW_TITLE_MAX = 24
LIST_ROW_DESCRIPTION_MAX = 72
LIST_SECTION_TITLE_MAX = 24


def list_of(notification) -> dict | None:
    """The choice list a message offers (``params["_list"]``), cut to the Cloud API limits:
    ``{"button": label, "section": title, "rows": [{"id", "title", "description"?}]}``."""
    spec = notification.params.get("_list")
    if not isinstance(spec, dict):
        return None
    label = spec.get("button")
    rows = []
    for row in spec.get("rows") or []:
        if not (isinstance(row, dict) and row.get("id") and row.get("title")):
            continue
        clean = {
            "id": str(row["id"])[:LIST_ROW_ID_MAX],
            "title": str(row["title"])[:LIST_ROW_TITLE_MAX],
        }
        if row.get("description"):
            clean["description"] = str(row["description"])[:LIST_ROW_DESCRIPTION_MAX]
        rows.append(clean)
    if not label or not rows:
        return None
    return {
        "button": str(label)[:LIST_BUTTON_MAX],
        "section": str(spec.get("section") or "")[:LIST_SECTION_TITLE_MAX],
        "rows": rows[:LIST_MAX_ROWS],
    }


class ConsoleBackend:
    """Development: print the message; nothing leaves the machine."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, notification) -> str:
        buttons = "".join(f"\n  [{b['title']}]" for b in buttons_of(notification))
        choices = list_of(notification)
        if choices:
            buttons += f"\n  ≡ {choices['button']}" + "".join(
                f"\n    - {row['title']}  ({row['id']})" for row in choices["rows"]
            )
        self.stream.write(
            f"\n[WhatsApp → {notification.recipient_phone}] ({notification.template_key})\n"
            f"{notification.text}{buttons}\n"
        )
        self.stream.flush()
        return f"console-{notification.pk}"

    def download_media(self, media_id: str) -> tuple[bytes, str]:
        raise PermanentError("The console backend cannot download WhatsApp media.")


# Messages "sent" by LocMemBackend, like django.core.mail.outbox; tests empty it. Media a
# test wants the backend to "download" goes into ``media`` (id → (bytes, mime type)).
outbox: list[dict] = []
media: dict[str, tuple[bytes, str]] = {}
_locmem_ids = itertools.count(1)


class LocMemBackend:
    def send(self, notification) -> str:
        message_id = f"wamid.locmem-{next(_locmem_ids)}"
        outbox.append(
            {
                "id": message_id,
                "to": notification.recipient_phone,
                "text": notification.text,
                "buttons": [b["title"] for b in buttons_of(notification)],
                "list": list_of(notification),
                "template_key": notification.template_key,
                "notification": notification.pk,
            }
        )
        return message_id

    def download_media(self, media_id: str) -> tuple[bytes, str]:
        try:
            return media[media_id]
        except KeyError:
            raise PermanentError(f"Unknown media id {media_id}") from None


# Cloud API error codes (developers.facebook.com/docs/whatsapp/cloud-api/support/error-codes).
RATE_LIMIT_CODES = {4, 80007, 130429, 131048, 131056}
TRANSIENT_CODES = RATE_LIMIT_CODES | {1, 2, 131000, 131016, 133004}
# Recipient cannot receive: wrong number, not on WhatsApp, blocked, or experiment groups.
PERMANENT_CODES = {100, 131008, 131009, 131021, 131026, 131030, 131031, 131045, 131047, 131051}
TEMPLATE_CODES = {132000, 132001, 132005, 132007, 132012, 132015, 132016}


class CloudAPIBackend:
    """WhatsApp Cloud API over httpx: text inside the 24-hour window, a template outside it."""

    def __init__(self, client: httpx.Client | None = None):
        self.base_url = settings.WHATSAPP_API_BASE_URL.rstrip("/")
        self.version = settings.WHATSAPP_API_VERSION
        self.phone_number_id = settings.WHATSAPP_PHONE_NUMBER_ID
        self.token = settings.WHATSAPP_ACCESS_TOKEN
        if not self.phone_number_id or not self.token:
            raise ImproperlyConfigured(
                "WHATSAPP_PHONE_NUMBER_ID and WHATSAPP_ACCESS_TOKEN are needed for CloudAPIBackend."
            )
        self.client = client or httpx.Client(timeout=httpx.Timeout(15.0, connect=5.0))

    @property
    def url(self) -> str:
        return f"{self.base_url}/{self.version}/{self.phone_number_id}/messages"

    def payload(self, notification) -> dict:
        to = notification.recipient_phone.lstrip("+")
        if window_open(notification.recipient_phone):
            choices = list_of(notification)
            if choices:
                section = {"rows": choices["rows"]}
                if choices["section"]:
                    section = {"title": choices["section"], **section}
                return {
                    "messaging_product": "whatsapp",
                    "recipient_type": "individual",
                    "to": to,
                    "type": "interactive",
                    "interactive": {
                        "type": "list",
                        "body": {"text": notification.text[:1024]},
                        "action": {"button": choices["button"], "sections": [section]},
                    },
                }
            buttons = buttons_of(notification)
            if buttons:
                return {
                    "messaging_product": "whatsapp",
                    "recipient_type": "individual",
                    "to": to,
                    "type": "interactive",
                    "interactive": {
                        "type": "button",
                        "body": {"text": notification.text[:1024]},
                        "action": {
                            "buttons": [
                                {
                                    "type": "reply",
                                    "reply": {"id": b["id"], "title": b["title"][:20]},
                                }
                                for b in buttons
                            ]
                        },
                    },
                }
            return {
                "messaging_product": "whatsapp",
                "recipient_type": "individual",
                "to": to,
                "type": "text",
                "text": {"preview_url": True, "body": notification.text[:4096]},
            }
        name, param_names = whatsapp_template_for(notification.template_key)
        if not name:
            raise PermanentError(
                f"No approved WhatsApp template for {notification.template_key}: "
                "the recipient is outside the 24-hour window."
            )
        parameters = [
            {"type": "text", "text": str(notification.params.get(param, ""))[:1024] or "-"}
            for param in param_names
        ]
        template = {"name": name, "language": {"code": settings.WHATSAPP_TEMPLATE_LANGUAGE}}
        if parameters:
            template["components"] = [{"type": "body", "parameters": parameters}]
        return {
            "messaging_product": "whatsapp",
            "recipient_type": "individual",
            "to": to,
            "type": "template",
            "template": template,
        }

    def send(self, notification) -> str:
        body = self.payload(notification)
        try:
            response = self.client.post(
                self.url, json=body, headers={"Authorization": f"Bearer {self.token}"}
            )
        except httpx.HTTPError as exc:
            raise TransientError(f"WhatsApp API unreachable: {exc.__class__.__name__}") from exc
        if response.status_code < 300:
            try:
                return response.json()["messages"][0]["id"]
            except (ValueError, KeyError, IndexError, TypeError) as exc:
                raise TransientError("WhatsApp API answered without a message id") from exc
        raise self.error_for(response)

    def download_media(self, media_id: str) -> tuple[bytes, str]:
        """Fetch an inbound photo/document by id (ids expire: do it on receipt)."""
        headers = {"Authorization": f"Bearer {self.token}"}
        try:
            meta = self.client.get(f"{self.base_url}/{self.version}/{media_id}", headers=headers)
            if meta.status_code >= 300:
                raise self.error_for(meta)
            info = meta.json()
            content = self.client.get(info["url"], headers=headers)
        except httpx.HTTPError as exc:
            raise TransientError(f"WhatsApp media unreachable: {exc.__class__.__name__}") from exc
        except (ValueError, KeyError, TypeError) as exc:
            raise PermanentError("WhatsApp media lookup answered without a URL") from exc
        if content.status_code >= 300:
            raise self.error_for(content)
        return content.content, info.get("mime_type", "")

    @staticmethod
    def error_for(response: httpx.Response) -> Exception:
        try:
            error = response.json().get("error", {})
        except ValueError:
            error = {}
        code = error.get("code")
        text = f"WhatsApp API {response.status_code} code={code}: {error.get('message', '')[:300]}"
        retry_after = response.headers.get("Retry-After")
        retry_after = float(retry_after) if retry_after and retry_after.isdigit() else None
        if code in RATE_LIMIT_CODES:
            return TransientError(text, retry_after=retry_after or 60)
        if code in PERMANENT_CODES or code in TEMPLATE_CODES:
            return PermanentError(text)
        if code in TRANSIENT_CODES or response.status_code >= 500 or response.status_code == 429:
            return TransientError(text, retry_after=retry_after)
        if response.status_code in (401, 403) or code in (10, 190, 200):
            # A token or permission problem: fixable by an operator, so retry (bounded).
            return TransientError(text, retry_after=retry_after or 300)
        return PermanentError(text)


class EmailTransport:
    def send(self, notification) -> str:
        subject = notification.text.splitlines()[0][:120] if notification.text else "Sambat Bunda"
        sent = send_mail(
            subject=subject,
            message=notification.text,
            from_email=None,
            recipient_list=[notification.recipient_email],
        )
        if not sent:
            raise TransientError("The mail server accepted nothing.")
        return ""


# --- SMS ------------------------------------------------------------------------------


class ConsoleSMSBackend:
    """Development: print the SMS; nothing leaves the machine."""

    def __init__(self, stream=None):
        self.stream = stream or sys.stdout

    def send(self, notification) -> str:
        self.stream.write(
            f"\n[SMS → {notification.recipient_phone}] ({notification.template_key})\n"
            f"{notification.text}\n"
        )
        self.stream.flush()
        return f"console-sms-{notification.pk}"


# SMS "sent" by LocMemSMSBackend, like ``outbox`` above; tests empty it.
sms_outbox: list[dict] = []
_locmem_sms_ids = itertools.count(1)


class LocMemSMSBackend:
    def send(self, notification) -> str:
        message_id = f"sms.locmem-{next(_locmem_sms_ids)}"
        sms_outbox.append(
            {
                "id": message_id,
                "to": notification.recipient_phone,
                "text": notification.text,
                "template_key": notification.template_key,
                "notification": notification.pk,
            }
        )
        return message_id


class HTTPSMSBackend:
    """Any SMS gateway with a small HTTP API: POST ``{"to", "text"}`` as JSON with a bearer token.

    Gateways differ in everything but this shape, so the operator points ``SMS_GATEWAY_URL`` at
    the gateway (or at a thin adapter in front of it) instead of us carrying one class per
    vendor. A 2xx answer is success (its ``id`` or ``message_id``, if any, is kept); 429 and
    5xx are worth retrying; any other 4xx means this message will never be accepted.
    """

    def __init__(self, client: httpx.Client | None = None):
        self.url = settings.SMS_GATEWAY_URL
        self.token = settings.SMS_GATEWAY_TOKEN
        if not self.url:
            raise ImproperlyConfigured("SMS_GATEWAY_URL is needed for HTTPSMSBackend.")
        self.client = client or httpx.Client(timeout=httpx.Timeout(15.0, connect=5.0))

    def send(self, notification) -> str:
        headers = {"Authorization": f"Bearer {self.token}"} if self.token else {}
        body = {"to": notification.recipient_phone, "text": notification.text}
        try:
            response = self.client.post(self.url, json=body, headers=headers)
        except httpx.HTTPError as exc:
            raise TransientError(f"SMS gateway unreachable: {exc.__class__.__name__}") from exc
        if response.status_code < 300:
            try:
                answer = response.json()
            except ValueError:
                return ""
            if not isinstance(answer, dict):
                return ""
            return str(answer.get("id") or answer.get("message_id") or "")[:200]
        text = f"SMS gateway {response.status_code}: {response.text[:300]}"
        if response.status_code in (408, 429) or response.status_code >= 500:
            retry_after = response.headers.get("Retry-After", "")
            raise TransientError(
                text, retry_after=float(retry_after) if retry_after.isdigit() else None
            )
        raise PermanentError(text)


def sms_enabled() -> bool:
    """Whether this installation can send SMS at all (``SMS_BACKEND`` is not empty)."""
    return bool(settings.SMS_BACKEND)


def sms_backend():
    return import_string(settings.SMS_BACKEND)()


def whatsapp_backend():
    return import_string(settings.WHATSAPP_BACKEND)()


def transport_for(notification):
    if notification.channel == notification.Channel.WHATSAPP:
        return whatsapp_backend()
    if notification.channel == notification.Channel.EMAIL:
        return EmailTransport()
    if notification.channel == notification.Channel.SMS:
        if not sms_enabled():
            raise PermanentError("SMS_BACKEND is not set: this installation sends no SMS.")
        return sms_backend()
    raise PermanentError(f"No transport for channel {notification.channel}.")
