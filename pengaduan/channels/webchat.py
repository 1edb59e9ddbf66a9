"""The web chat ("CHAT DI SINI"): the same conversation engine behind three JSON endpoints.

Identity is the session cookie, so no WhatsApp account is needed; every POST carries the CSRF
token; each session and each address is rate-limited. Replies come back in the response.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.http import JsonResponse, RawPostDataException
from django.utils import timezone
from django.views.decorators.csrf import ensure_csrf_cookie
from django.views.decorators.http import require_GET, require_POST
from django_ratelimit.core import is_ratelimited

from .. import conversation
from ..attachments import clean_upload
from ..models import Conversation, InboundMessage
from . import loads, storable

WEB = Conversation.Channel.WEB
MAX_TEXT = 4000


def _contact(request) -> str:
    if not request.session.session_key:
        request.session.save()
    return f"web:{request.session.session_key}"


def _limited(request) -> bool:
    """30 messages a minute per session and 60 per address (a school or office shares one)."""
    by_session = is_ratelimited(
        request, group="webchat", key=lambda g, r: _contact(r), rate="30/m", increment=True
    )
    by_address = is_ratelimited(request, group="webchat-ip", key="ip", rate="60/m", increment=True)
    return by_session or by_address


def _payload(replies) -> dict:
    return {
        "replies": [
            {
                "text": reply.text,
                "buttons": [{"id": i, "title": t} for i, t in reply.buttons],
                "tracking_number": reply.complaint.tracking_number if reply.complaint else None,
                "tracking_url": conversation.tracking_url(reply.complaint.tracking_number)
                if reply.complaint
                else None,
            }
            for reply in replies
        ]
    }


def _run(request, **message_fields) -> JsonResponse:
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
        message=inbound,
    )
    # The AI (when configured) answers before any lock is taken; a short timeout bounds it.
    incoming.analysis = conversation.prepare(incoming)
    with transaction.atomic():
        chat = conversation.conversation_for(WEB, contact)
        replies = conversation.handle(chat, incoming, now=now)
        InboundMessage.objects.filter(pk=inbound.pk).update(state=InboundMessage.State.DONE)
    return JsonResponse(_payload(replies))


@require_GET
@ensure_csrf_cookie
def start(request):
    """Opening the widget: the menu, and the CSRF cookie the next POSTs need."""
    replies = [conversation.Reply(conversation.menu_text(), conversation.MENU_BUTTONS)]
    return JsonResponse(_payload(replies))


@require_POST
def message(request):
    if _limited(request):
        return JsonResponse({"error": "Terlalu banyak pesan. Tunggu sebentar."}, status=429)
    try:
        body = loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError, RecursionError, RawPostDataException):
        # RawPostDataException: a multipart body, already read by the CSRF check.
        return JsonResponse({"error": "Format pesan tidak dikenal."}, status=400)
    if not isinstance(body, dict):
        return JsonResponse({"error": "Format pesan tidak dikenal."}, status=400)
    text = body.get("text", "")
    reply_id = body.get("reply_id", "")
    if not isinstance(text, str) or not isinstance(reply_id, str):
        return JsonResponse({"error": "Format pesan tidak dikenal."}, status=400)
    # NUL and lone surrogates ("\ud800" in JSON) cannot be stored; they mean nothing either.
    text = storable(text).strip()[:MAX_TEXT]
    reply_id = storable(reply_id)[:256]
    if not text and not reply_id:
        return JsonResponse({"error": "Pesan kosong."}, status=400)
    kind = InboundMessage.Kind.INTERACTIVE if reply_id else InboundMessage.Kind.TEXT
    return _run(request, kind=kind, text=text, reply_id=reply_id)


@require_POST
def upload(request):
    if _limited(request):
        return JsonResponse({"error": "Terlalu banyak pesan. Tunggu sebentar."}, status=429)
    upload_file = request.FILES.get("file")
    if upload_file is None:
        return JsonResponse({"error": "Pilih berkas foto atau PDF."}, status=400)
    if upload_file.size > settings.SAMBAT_ATTACHMENT_MAX_BYTES:
        return JsonResponse({"error": "Berkas terlalu besar."}, status=400)
    try:
        clean = clean_upload(upload_file)
    except ValidationError as exc:
        return JsonResponse({"error": " ".join(exc.messages)}, status=400)
    kind = (
        InboundMessage.Kind.DOCUMENT
        if clean.content_type == "application/pdf"
        else InboundMessage.Kind.IMAGE
    )
    media = ContentFile(clean.data, name=clean.original_name)
    return _run(
        request,
        kind=kind,
        text=storable(request.POST.get("caption", ""))[:MAX_TEXT],
        media_file=media,
        media_content_type=clean.content_type,
        media_name=clean.original_name,
    )
