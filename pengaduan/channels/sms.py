"""SMS gateway webhook: ``<KEYWORD> <isi aduan>`` files a complaint (SPEC §2.3).

The format is the one regencies already publish on posters (Tanah Bumbu: "TANAHBUMBU isi
ADUAN kirim ke 1708"), so an SMS needs no conversation: one message is one complaint, and
anything else gets a short reply explaining the format. Gateways are many and simple, so the
webhook takes the smallest common shape — ``from``, ``text`` and an optional message ``id``,
as JSON or as a form — authenticated by a shared token.

Unlike WhatsApp, the whole job fits in the request: parsing and filing touch only the
database, and the replies are Notification rows that the worker sends by SMS after commit.
Storing the message, filing the complaint and queueing the reply happen in one transaction,
so a crash half-way leaves nothing behind and the gateway's retry starts clean; the gateway's
message id is stored as a unique ``InboundMessage.provider_message_id``, so a duplicate
delivery files nothing twice.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hmac
import logging
import re
import uuid
from dataclasses import dataclass
from enum import StrEnum

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from faq import ai
from sambat_site.links import absolute_url
from workflow import outbox, services
from workflow.models import Notification

from ..models import Complaint, InboundMessage, IntakeSettings
from ..validators import normalize_phone
from . import loads, storable

logger = logging.getLogger(__name__)

# Stored as InboundMessage.channel. Conversation.Channel (the field's choices) has no SMS yet:
# SMS has no conversation, and choices are not a database constraint.
SMS = Complaint.Channel.SMS
MAX_ID_LENGTH = 150
# The gateway's own number or an operator's auto-reply must not start an endless exchange:
# at most one usage reply per number in this period.
USAGE_REPLY_PERIOD = dt.timedelta(hours=1)


# --- the keyword format -------------------------------------------------------------------


class Kind(StrEnum):
    COMPLAINT = "complaint"  # "SAMBAT jalan rusak": file it
    KEYWORD_ONLY = "keyword_only"  # "SAMBAT" and nothing to file
    OTHER = "other"  # any text that does not start with the keyword
    EMPTY = "empty"  # nothing but blanks


@dataclass(frozen=True)
class ParsedSMS:
    kind: Kind
    text: str = ""


# What people type between the keyword and the complaint: "SAMBAT: …", "sambat, …",
# "SAMBAT#…" (the classic Indonesian SMS format), "SAMBAT - …".
_SEPARATORS = r"[\s:;,.!#*=/|\-–—_]*"


def _clean(text: str) -> str:
    """Blanks collapsed inside each line, empty lines dropped; line breaks kept."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def sms_keyword() -> str:
    """The installation's keyword (e.g. TANAHBUMBU [001]); the SMS_KEYWORD setting when unset."""
    from workflow.models import InstallationSettings

    return InstallationSettings.load().keyword


def parse(text: str, keyword: str | None = None) -> ParsedSMS:
    """Split an SMS into the keyword and the complaint text.

    The keyword counts in any case and glued to punctuation ("sambat," "SAMBAT:"), but only as
    a whole word at the start: "sambatan" (mutual help in Javanese) or "saya mau sambat" are
    not complaints in the format, and their sender is told the format instead.
    """
    keyword = (keyword if keyword is not None else sms_keyword()).strip()
    cleaned = _clean(text or "")
    if not cleaned:
        return ParsedSMS(Kind.EMPTY)
    if not keyword:
        return ParsedSMS(Kind.OTHER, cleaned)
    words = r"\s+".join(re.escape(word) for word in keyword.split())
    match = re.match(rf"{words}(?!\w){_SEPARATORS}", cleaned, flags=re.IGNORECASE)
    if match is None:
        return ParsedSMS(Kind.OTHER, cleaned)
    body = cleaned[match.end() :].strip()
    if not body:
        return ParsedSMS(Kind.KEYWORD_ONLY)
    return ParsedSMS(Kind.COMPLAINT, body)


# --- receiving one SMS --------------------------------------------------------------------


class Outcome(StrEnum):
    CREATED = "created"
    USAGE = "usage"
    DUPLICATE = "duplicate"
    THROTTLED = "throttled"
    FAILED = "failed"


@dataclass(frozen=True)
class Received:
    outcome: Outcome
    complaint: Complaint | None = None


def _throttled(sender: str, now: dt.datetime) -> bool:
    """The conversation engine's spam rule (IntakeSettings.messages_per_minute) for SMS."""
    recent = InboundMessage.objects.filter(
        channel=SMS, contact=sender, received_at__gte=now - dt.timedelta(minutes=1)
    ).count()
    return recent > IntakeSettings.load().messages_per_minute


def _usage_reply(sender: str, now: dt.datetime) -> None:
    period = int(now.timestamp() // USAGE_REPLY_PERIOD.total_seconds())
    outbox.queue(
        key=f"sms-usage:{sender}:{period}",
        template_key="reporter.sms_usage",
        params={
            "kata_kunci": sms_keyword().upper(),
            "tautan": absolute_url("/"),
        },
        audience=Notification.Audience.REPORTER,
        phone=sender,
        channel=Notification.Channel.SMS,
        now=now,
    )


def _file(inbound: InboundMessage, parsed: ParsedSMS, now: dt.datetime) -> Received:
    if _throttled(inbound.contact, now):
        inbound.state, inbound.error = InboundMessage.State.DONE, "throttled"
        return Received(Outcome.THROTTLED)
    if parsed.kind != Kind.COMPLAINT:
        _usage_reply(inbound.contact, now)
        inbound.state = InboundMessage.State.DONE
        return Received(Outcome.USAGE)
    reporter = services.find_or_create_reporter(
        name=_("Pelapor SMS"), whatsapp_number=inbound.contact
    )
    # submit() queues the ticket (reporter.ticket_issued); notify sends it by SMS because the
    # complaint's channel is SMS.
    complaint = services.submit(
        reporter=reporter,
        text=parsed.text,
        channel=Complaint.Channel.SMS,
        urgency=ai.offline_urgency(parsed.text),
        now=now,
    )
    inbound.state, inbound.complaint = InboundMessage.State.DONE, complaint
    return Received(Outcome.CREATED, complaint)


def receive(
    sender: str, text: str, gateway_id: str = "", now: dt.datetime | None = None
) -> Received:
    """Store one SMS and act on it, once per gateway message id, in one transaction.

    ``sender`` is an E.164 number. Without a gateway id every delivery counts as new: there is
    nothing to recognise a repeat by.
    """
    now = now or timezone.now()
    provider_id = f"sms:{gateway_id}" if gateway_id else f"sms-local:{uuid.uuid4().hex}"
    fields = {
        "channel": SMS,
        "provider_message_id": provider_id,
        "contact": sender,
        "kind": InboundMessage.Kind.TEXT,
        "text": text,
        "received_at": now,
        "state": InboundMessage.State.PROCESSING,
        "claimed_at": now,
    }
    try:
        with transaction.atomic():
            try:
                with transaction.atomic():
                    inbound = InboundMessage.objects.create(**fields)
            except IntegrityError:
                return Received(Outcome.DUPLICATE)
            received = _file(inbound, parse(text), now)
            inbound.save(update_fields=["state", "error", "complaint"])
            return received
    except Exception as exc:
        # A bug or a broken database, not the sender's fault: keep the message where staff
        # can see it (and where a repeated delivery is recognised) and answer the gateway.
        logger.exception("SMS %s from %s failed", provider_id, sender)
        with contextlib.suppress(IntegrityError):
            InboundMessage.objects.create(
                **{**fields, "state": InboundMessage.State.FAILED, "error": str(exc)[:2000]}
            )
        return Received(Outcome.FAILED)


# --- the request path ---------------------------------------------------------------------


class MalformedDelivery(Exception):
    """The delivery is malformed; ``str(error)`` tells the gateway's operator what to fix."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def token_ok(request: HttpRequest) -> bool:
    expected = settings.SMS_WEBHOOK_TOKEN
    given = request.headers.get("X-Sambat-Token", "")
    authorization = request.headers.get("Authorization", "")
    if not given and authorization[:7].lower() == "bearer ":
        given = authorization[7:]
    given = given.strip()
    return bool(expected and given) and hmac.compare_digest(given.encode(), expected.encode())


def _fields(request: HttpRequest) -> dict:
    """The delivery's fields from a JSON object or a form, whichever the gateway sends."""
    if request.content_type in ("application/x-www-form-urlencoded", "multipart/form-data"):
        return {key: request.POST.get(key) for key in request.POST}
    if request.content_type == "application/json" or request.content_type.endswith("+json"):
        try:
            data = loads(request.body)
        except (ValueError, UnicodeDecodeError, RecursionError) as exc:
            raise MalformedDelivery("invalid JSON") from exc
        if not isinstance(data, dict):
            raise MalformedDelivery("expected a JSON object with 'from' and 'text'")
        return data
    raise MalformedDelivery(
        "send JSON (application/json) or a form (application/x-www-form-urlencoded)", status=415
    )


def _string(data: dict, name: str, *, required: bool) -> str:
    value = data.get(name)
    if value is None:
        if required:
            raise MalformedDelivery(f"missing field '{name}'")
        return ""
    if isinstance(value, bool) or not isinstance(value, str | int):
        raise MalformedDelivery(f"field '{name}' must be a string")
    return storable(str(value))


def _error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _channel_on() -> bool:
    from workflow.models import InstallationSettings

    return InstallationSettings.load().channel_sms


@csrf_exempt
@require_POST
def webhook(request: HttpRequest) -> JsonResponse:
    """One SMS from the gateway: ``from``, ``text`` and optionally ``id`` (JSON or form)."""
    if not settings.SMS_WEBHOOK_TOKEN:
        return _error("the SMS channel is not configured", 404)
    if not _channel_on():
        return _error("the SMS channel is switched off", 404)
    if not token_ok(request):
        return _error("bad or missing token", 403)
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        length = 0
    if length > settings.SMS_WEBHOOK_MAX_BYTES:
        return _error("payload too large", 413)
    try:
        data = _fields(request)
        raw_sender = _string(data, "from", required=True)
        text = _string(data, "text", required=True)
        gateway_id = _string(data, "id", required=False).strip()[:MAX_ID_LENGTH]
    except MalformedDelivery as exc:
        return _error(str(exc), exc.status)
    if not raw_sender.strip():
        return _error("missing field 'from'", 400)
    try:
        sender = normalize_phone(raw_sender)
    except ValidationError:
        # Operators' promotions come from names ("TELKOMSEL"): nobody to file for or answer.
        logger.info("Ignored an SMS from %r: not a phone number.", raw_sender[:30])
        return JsonResponse({"status": "ignored", "reason": "sender is not a phone number"})
    received = receive(sender, text, gateway_id)
    body = {"status": str(received.outcome)}
    if received.complaint is not None:
        body["tracking_number"] = received.complaint.tracking_number
    return JsonResponse(body)
