"""WhatsApp Cloud API webhook: verify, store, acknowledge; the worker does the rest (SPEC §2.2).

The request path only checks the signature, stores the raw event and enqueues its processing,
so Meta gets its 200 in milliseconds. The worker splits the event into messages (the ``wamid``
is unique: a replay or a duplicate creates nothing) and delivery statuses, downloads media
while its id is still valid, and runs the conversation engine; replies go out through the
notification outbox like every other message.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import logging

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseForbidden
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from workflow import outbox
from workflow.models import Notification
from workflow.transports import PermanentError, TransientError, whatsapp_backend

from .. import conversation
from ..attachments import clean_upload
from ..models import Conversation, InboundMessage, WebhookEvent
from ..validators import normalize_phone
from . import coordinates, loads, storable

logger = logging.getLogger(__name__)

WHATSAPP = Conversation.Channel.WHATSAPP
MEDIA_KINDS = {"image": InboundMessage.Kind.IMAGE, "document": InboundMessage.Kind.DOCUMENT}
PROCESSING_TIMEOUT = dt.timedelta(minutes=5)


# --- the request path ---------------------------------------------------------------------


def signature_ok(body: bytes, header: str) -> bool:
    secret = settings.WHATSAPP_APP_SECRET
    if not secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())


def without_nul(value):
    """JSON may carry \u0000 (PostgreSQL cannot store it in text or jsonb) and lone
    surrogates like \ud800 (UTF-8 cannot encode them). Drop both."""
    if isinstance(value, str):
        return storable(value)
    if isinstance(value, list):
        return [without_nul(item) for item in value]
    if isinstance(value, dict):
        return {without_nul(key): without_nul(item) for key, item in value.items()}
    return value


@csrf_exempt
@require_http_methods(["GET", "POST"])
def webhook(request):
    if request.method == "GET":
        mode = request.GET.get("hub.mode", "")
        token = request.GET.get("hub.verify_token", "")
        challenge = request.GET.get("hub.challenge", "")
        if mode == "subscribe" and hmac.compare_digest(
            token.encode(), settings.WHATSAPP_VERIFY_TOKEN.encode()
        ):
            return HttpResponse(challenge, content_type="text/plain")
        return HttpResponseForbidden("verification failed")

    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.WHATSAPP_WEBHOOK_MAX_BYTES:
        return HttpResponse("payload too large", status=413)
    body = request.read(settings.WHATSAPP_WEBHOOK_MAX_BYTES + 1)
    if len(body) > settings.WHATSAPP_WEBHOOK_MAX_BYTES:
        return HttpResponse("payload too large", status=413)
    if not signature_ok(body, request.headers.get("X-Hub-Signature-256", "")):
        return HttpResponseForbidden("bad signature")
    try:
        event = loads(body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return HttpResponse("invalid JSON", status=400)
    if not isinstance(event, dict):
        return HttpResponse("expected a JSON object", status=400)
    event = without_nul(event)
    if event.get("object") != "whatsapp_business_account" or not isinstance(
        event.get("entry"), list
    ):
        logger.info("Ignored a signed webhook delivery that is not a WhatsApp event.")
        return HttpResponse("ignored")
    with transaction.atomic():
        stored = WebhookEvent.objects.create(body=event)
        transaction.on_commit(lambda: enqueue_event(stored.pk))
    return HttpResponse("OK")


def enqueue_event(event_id: int) -> None:
    from ..tasks import process_webhook_event

    try:
        process_webhook_event.send(event_id)
    except Exception:
        logger.warning("Could not enqueue webhook event %s; the sweep will.", event_id)


# --- the worker path ----------------------------------------------------------------------


def _dicts(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _text(value, limit: int = 4096) -> str:
    return value[:limit] if isinstance(value, str) else ""


def _timestamp(value) -> dt.datetime | None:
    try:
        return dt.datetime.fromtimestamp(int(value), tz=dt.UTC)
    except (TypeError, ValueError, OverflowError, OSError):
        return None


def message_fields(message: dict, profile_names: dict[str, str]) -> dict | None:
    """The InboundMessage fields of one Cloud API message, or None if it is unusable."""
    wamid = _text(message.get("id"), 200)
    try:
        sender = normalize_phone("+" + _text(message.get("from"), 20).lstrip("+"))
    except ValidationError:
        return None
    if not wamid:
        return None
    kind = _text(message.get("type"), 30)
    fields = {
        "channel": WHATSAPP,
        "provider_message_id": wamid,
        "contact": sender,
        "kind": InboundMessage.Kind.UNSUPPORTED,
        "payload": message,
        "sent_at": _timestamp(message.get("timestamp")),
        "context_message_id": "",
        "_profile": profile_names.get(_text(message.get("from"), 20), ""),
    }
    context = message.get("context")
    if isinstance(context, dict):
        fields["context_message_id"] = _text(context.get("id"), 200)
    content = message.get(kind) if isinstance(message.get(kind), dict) else {}
    if kind == "text":
        fields.update(kind=InboundMessage.Kind.TEXT, text=_text(content.get("body")))
    elif kind == "location":
        pin = coordinates(content.get("latitude"), content.get("longitude"))
        if pin is not None:
            latitude, longitude = pin
            place = " — ".join(
                part
                for part in (_text(content.get("name"), 150), _text(content.get("address"), 300))
                if part
            )
            fields.update(
                kind=InboundMessage.Kind.LOCATION,
                latitude=latitude,
                longitude=longitude,
                text=place,
            )
    elif kind in MEDIA_KINDS:
        media_id = _text(content.get("id"), 200)
        if media_id:
            fields.update(
                kind=MEDIA_KINDS[kind],
                media_id=media_id,
                media_name=_text(content.get("filename"), 255),
                text=_text(content.get("caption")),
            )
    elif kind == "interactive":
        reply = content.get("button_reply") or content.get("list_reply")
        if isinstance(reply, dict):
            fields.update(
                kind=InboundMessage.Kind.INTERACTIVE,
                reply_id=_text(reply.get("id"), 256),
                text=_text(reply.get("title"), 200),
            )
    elif kind == "button":  # a quick reply on a template message
        fields.update(
            kind=InboundMessage.Kind.INTERACTIVE,
            reply_id=_text(content.get("payload"), 256),
            text=_text(content.get("text"), 200),
        )
    return fields


def process_event(event_id: int) -> dict[str, int]:
    """Split a stored webhook event into messages and statuses, and handle each once."""
    event = WebhookEvent.objects.filter(pk=event_id, processed_at__isnull=True).first()
    if event is None:
        return {"messages": 0, "statuses": 0}
    new_messages, statuses = [], 0
    for entry in _dicts(event.body.get("entry")):
        for change in _dicts(entry.get("changes")):
            value = change.get("value") if isinstance(change.get("value"), dict) else {}
            profile_names = {
                _text(c.get("wa_id"), 20): _text((c.get("profile") or {}).get("name"), 150)
                for c in _dicts(value.get("contacts"))
                if isinstance(c.get("profile"), dict)
            }
            for message in _dicts(value.get("messages")):
                fields = message_fields(message, profile_names)
                if fields is None:
                    continue
                profile = fields.pop("_profile")
                try:
                    with transaction.atomic():
                        inbound = InboundMessage.objects.create(**fields)
                except IntegrityError:
                    continue  # this wamid was already received: a retry or a duplicate
                new_messages.append((inbound.pk, profile))
            for status in _dicts(value.get("statuses")):
                errors = _dicts(status.get("errors"))
                error = ""
                if errors:
                    error = f"{errors[0].get('code', '')} {_text(errors[0].get('title'), 300)}"
                outbox.apply_status_update(
                    _text(status.get("id"), 200),
                    _text(status.get("status"), 20),
                    at=_timestamp(status.get("timestamp")),
                    error=error.strip(),
                )
                statuses += 1
    WebhookEvent.objects.filter(pk=event.pk).update(processed_at=timezone.now())
    for pk, profile in sorted(new_messages, key=lambda item: item[0]):
        handle_message(pk, profile_name=profile)
    return {"messages": len(new_messages), "statuses": statuses}


def _download_media(inbound: InboundMessage) -> str:
    """Fetch and check the media now (its id expires); returns an error for the reporter."""
    try:
        data, _mime = whatsapp_backend().download_media(inbound.media_id)
        clean = clean_upload(ContentFile(data, name=inbound.media_name or "lampiran"))
    except ValidationError as exc:
        return " ".join(exc.messages)
    except (PermanentError, TransientError) as exc:
        logger.warning("Media %s of %s not downloaded: %s", inbound.media_id, inbound.pk, exc)
        return "berkas tidak dapat diunduh, silakan kirim ulang."
    inbound.media_content_type = clean.content_type
    inbound.media_name = inbound.media_name or clean.original_name
    inbound.media_file.save(clean.original_name, ContentFile(clean.data), save=False)
    inbound.save(update_fields=["media_file", "media_content_type", "media_name"])
    return ""


def handle_message(message_id: int, profile_name: str = "") -> str:
    """Run one received message through the conversation engine, exactly once."""
    now = timezone.now()
    claimed = InboundMessage.objects.filter(
        pk=message_id, state=InboundMessage.State.RECEIVED
    ).update(state=InboundMessage.State.PROCESSING, claimed_at=now)
    if not claimed:
        return "skipped"
    inbound = InboundMessage.objects.get(pk=message_id)
    media_error = ""
    if inbound.media_id and not inbound.media_file:
        media_error = _download_media(inbound)
    incoming = conversation.Incoming(
        channel=WHATSAPP,
        contact=inbound.contact,
        kind=inbound.kind,
        text=inbound.text,
        reply_id=inbound.reply_id,
        latitude=inbound.latitude,
        longitude=inbound.longitude,
        context_message_id=inbound.context_message_id,
        profile_name=profile_name,
        message=inbound,
        media_error=media_error,
    )
    try:
        incoming.analysis = conversation.prepare(incoming)  # AI calls, outside the transaction
        with transaction.atomic():
            chat = conversation.conversation_for(WHATSAPP, inbound.contact)
            replies = conversation.handle(chat, incoming, now=now)
            for index, reply in enumerate(replies):
                outbox.queue(
                    key=f"reply:{inbound.pk}:{index}",
                    template_key="reporter.chat_reply",
                    params={
                        "isi": reply.text,
                        "_buttons": [{"id": i, "title": t} for i, t in reply.buttons],
                    },
                    audience=Notification.Audience.REPORTER,
                    complaint=reply.complaint or chat.last_complaint,
                    phone=inbound.contact,
                    now=now,
                )
            InboundMessage.objects.filter(pk=inbound.pk).update(state=InboundMessage.State.DONE)
    except Exception as exc:
        logger.exception("Inbound message %s failed", message_id)
        InboundMessage.objects.filter(pk=message_id).update(
            state=InboundMessage.State.FAILED, error=str(exc)[:2000]
        )
        return "failed"
    return "done"


def sweep_inbound(now: dt.datetime | None = None) -> dict[str, int]:
    """Pick up events whose broker message was lost and messages a dead worker left."""
    now = now or timezone.now()
    stuck = InboundMessage.objects.filter(
        state=InboundMessage.State.PROCESSING, claimed_at__lt=now - PROCESSING_TIMEOUT
    ).update(state=InboundMessage.State.RECEIVED)
    events = list(
        WebhookEvent.objects.filter(
            processed_at__isnull=True, received_at__lt=now - dt.timedelta(minutes=1)
        ).values_list("pk", flat=True)[:500]
    )
    for pk in events:
        enqueue_event(pk)
    waiting = list(
        InboundMessage.objects.filter(
            state=InboundMessage.State.RECEIVED,
            channel=WHATSAPP,
            received_at__lt=now - dt.timedelta(minutes=1),
        ).values_list("pk", flat=True)[:500]
    )
    for pk in waiting:
        handle_message(pk)
    return {"released": stuck, "events": len(events), "messages": len(waiting)}
