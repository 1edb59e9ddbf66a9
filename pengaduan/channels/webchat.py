"""The web chat ("CHAT DI SINI"): the same conversation engine behind JSON endpoints.

Identity is the session cookie, so no WhatsApp account is needed; every POST carries the CSRF
token; each session and each address is rate-limited. Replies come back in the response.

The last messages both ways are kept on the conversation (``Conversation.transcript``): the
widget asks for them on every page, so moving to another page continues the chat where the
server has it — mid-form included — instead of greeting the visitor with the menu again.
"""

from __future__ import annotations

import copy
import datetime as dt
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import JsonResponse, RawPostDataException
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from .. import conversation
from ..attachments import clean_upload
from ..models import Conversation, InboundMessage, IntakeSettings
from . import coordinates, loads, storable

WEB = Conversation.Channel.WEB
MAX_TEXT = 4000
TRANSCRIPT_LENGTH = 50
# The widget has its own "Kirim" button; a choice with the same label would be a second one.
WEB_TITLES = {"confirm:send": gettext_lazy("Kirim aduan")}


def _session_key(request) -> str | None:
    """The visitor's session, if it is a real one: reading it drops a cookie that names no
    session (made up, or expired), so such a cookie is never anyone's identity."""
    request.session.get("_webchat")
    return request.session.session_key


def _contact(request) -> str:
    if not _session_key(request):
        request.session.save()
    return f"web:{request.session.session_key}"


def _limited(request) -> bool:
    """30 messages a minute per session and 60 per address (a school or office shares one)."""
    by_session = is_ratelimited(
        request, group="webchat", key=lambda g, r: _contact(r), rate="30/m", increment=True
    )
    by_address = is_ratelimited(request, group="webchat-ip", key="ip", rate="60/m", increment=True)
    return by_session or by_address


def _error(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"error": message}, status=status)


def _reply(reply: conversation.Reply) -> dict:
    number = reply.complaint.tracking_number if reply.complaint else None
    return {
        "text": reply.text,
        "buttons": [{"id": i, "title": str(WEB_TITLES.get(i, t))} for i, t in reply.buttons],
        "tracking_number": number,
        "tracking_url": conversation.tracking_url(number) if number else None,
    }


def _welcome() -> dict:
    return _reply(conversation.Reply(conversation.menu_text(), conversation.MENU_BUTTONS))


def _is_current(chat: Conversation, now: dt.datetime) -> bool:
    """Whether this is still the chat the visitor is in: the engine forgets a form after the
    same hours of silence, so the widget starts over then too."""
    if chat.last_inbound_at is None:
        return False
    hours = IntakeSettings.load().conversation_timeout_hours
    return now - chat.last_inbound_at <= dt.timedelta(hours=hours)


def _entries(transcript) -> list[dict]:
    """The stored messages in the shape the widget reads (a hand-edited row cannot break it)."""
    if not isinstance(transcript, list):
        return []
    entries = []
    for entry in transcript[-TRANSCRIPT_LENGTH:]:
        if not isinstance(entry, dict) or entry.get("author") not in ("me", "bot"):
            continue
        if not isinstance(entry.get("text"), str):
            continue
        buttons = entry.get("buttons") if isinstance(entry.get("buttons"), list) else []
        entries.append(
            {
                **entry,
                "buttons": [
                    {"id": b["id"], "title": b["title"]}
                    for b in buttons
                    if isinstance(b, dict)
                    and isinstance(b.get("id"), str)
                    and isinstance(b.get("title"), str)
                ],
            }
        )
    return entries


def _resumed(chat: Conversation) -> list[dict]:
    """What a form is waiting for when no transcript was kept for it (chats begun before the
    transcript existed): the engine asks its question again, on a copy that is never saved."""
    step = chat.step
    if step == "confirm" or (step.startswith("ask_") and step != "ask_tracking"):
        try:
            replies = conversation.Engine(copy.copy(chat)).ask_next()
        except (KeyError, ValueError):  # a form whose data no longer fits its step
            replies = []
        if replies:
            return [{"author": "bot", **_reply(reply)} for reply in replies]
    text = _("Silakan lanjutkan percakapan Anda, atau ketik BATAL untuk membatalkan.")
    return [{"author": "bot", "text": text, "buttons": []}]


def _run(request, shown: str, **message_fields) -> JsonResponse:
    """Hand one message to the engine; ``shown`` is how the visitor's own bubble reads."""
    contact = _contact(request)
    now = timezone.now()
    inbound = InboundMessage.objects.create(
        channel=WEB,
        provider_message_id=f"web-{uuid.uuid4().hex}",
        contact=contact,
        received_at=now,
        state=InboundMessage.State.PROCESSING,
        claimed_at=now,
        **message_fields,
    )
    incoming = conversation.Incoming(
        channel=WEB,
        contact=contact,
        kind=inbound.kind,
        text=inbound.text,
        reply_id=inbound.reply_id,
        latitude=inbound.latitude,
        longitude=inbound.longitude,
        message=inbound,
    )
    # The AI (when configured) answers before any lock is taken; a short timeout bounds it.
    incoming.analysis = conversation.prepare(incoming)
    with transaction.atomic():
        chat = conversation.conversation_for(WEB, contact)
        earlier = _entries(chat.transcript) if _is_current(chat, now) else []
        replies = [_reply(reply) for reply in conversation.handle(chat, incoming, now=now)]
        said = [{"author": "me", "text": shown}, *({"author": "bot", **r} for r in replies)]
        chat.transcript = [*earlier, *said][-TRANSCRIPT_LENGTH:]
        chat.save(update_fields=["transcript"])
        InboundMessage.objects.filter(pk=inbound.pk).update(state=InboundMessage.State.DONE)
    return JsonResponse({"replies": replies, "step": chat.step})


@require_GET
@ensure_csrf_cookie
def start(request):
    """The menu, and the CSRF cookie the next POSTs need (the widget itself asks history)."""
    return JsonResponse({"replies": [_welcome()]})


@require_GET
@never_cache
@ensure_csrf_cookie
def history(request):
    """The chat as the server has it, shown by the widget on every page: this session's own
    messages and replies, or the menu when it has no current chat — never the menu while a
    form is waiting. Read-only: a visitor without a session gets the menu and no session."""
    key = _session_key(request)
    chat = None
    if key:
        chat = Conversation.objects.filter(channel=WEB, contact=f"web:{key}").first()
    welcome = [{"author": "bot", **_welcome()}]
    if chat is None or not _is_current(chat, timezone.now()):
        return JsonResponse({"messages": welcome, "step": "idle"})
    messages = _entries(chat.transcript)
    if not messages:
        messages = welcome if chat.step == "idle" else _resumed(chat)
    return JsonResponse({"messages": messages, "step": chat.step})


@require_POST
def message(request):
    """A typed text, a choice (``reply_id``), or the browser's location (``latitude`` and
    ``longitude``, stored like a WhatsApp location pin)."""
    if _limited(request):
        return _error(_("Terlalu banyak pesan. Tunggu sebentar."), status=429)
    unknown = _("Format pesan tidak dikenal.")
    try:
        body = loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError, RawPostDataException):
        # RawPostDataException: a multipart body, already read by the CSRF check.
        return _error(unknown)
    if not isinstance(body, dict):
        return _error(unknown)
    if "latitude" in body or "longitude" in body:
        pin = coordinates(body.get("latitude"), body.get("longitude"))
        if pin is None:
            return _error(_("Titik lokasi tidak dikenali. Tulis alamat lokasi kejadian."))
        latitude, longitude = pin
        return _run(
            request,
            f"{_('Lokasi dibagikan')}: {latitude}, {longitude}",
            kind=InboundMessage.Kind.LOCATION,
            latitude=latitude,
            longitude=longitude,
        )
    text = body.get("text", "")
    reply_id = body.get("reply_id", "")
    if not isinstance(text, str) or not isinstance(reply_id, str):
        return _error(unknown)
    # NUL and lone surrogates ("\ud800" in JSON) cannot be stored; they mean nothing either.
    text = storable(text).strip()[:MAX_TEXT]
    reply_id = storable(reply_id)[:256]
    if not text and not reply_id:
        return _error(_("Pesan kosong."))
    kind = InboundMessage.Kind.INTERACTIVE if reply_id else InboundMessage.Kind.TEXT
    return _run(request, text or reply_id, kind=kind, text=text, reply_id=reply_id)


@require_POST
def upload(request):
    if _limited(request):
        return _error(_("Terlalu banyak pesan. Tunggu sebentar."), status=429)
    upload_file = request.FILES.get("file")
    if upload_file is None:
        return _error(_("Pilih berkas foto atau PDF."))
    if upload_file.size > settings.SAMBAT_ATTACHMENT_MAX_BYTES:
        return _error(_("Berkas terlalu besar."))
    try:
        clean = clean_upload(upload_file)
    except ValidationError as exc:
        return _error(" ".join(exc.messages))
    kind = (
        InboundMessage.Kind.DOCUMENT
        if clean.content_type == "application/pdf"
        else InboundMessage.Kind.IMAGE
    )
    media = ContentFile(clean.data, name=clean.original_name)
    return _run(
        request,
        f"{_('Lampiran')}: {clean.original_name}",
        kind=kind,
        text=storable(request.POST.get("caption", ""))[:MAX_TEXT],
        media_file=media,
        media_content_type=clean.content_type,
        media_name=clean.original_name,
    )
