"""A reporter's rights over their personal data (UU 27/2022 PDP): a copy, and erasure.

Both are doors in the sense of ``workflow.services``: one function each, checked (Admin
Pengaduan: ``pengaduan.view_personal_data`` and ``pengaduan.change_reporter``), logged in the
history log without copying the data into it.

**Export** (``export_reporter``) is a JSON document with English keys (stable, like the
Open311 API) and Indonesian labels next to the coded values (``status`` / ``status_label``).
It holds what we keep *about the person*:

- the reporter record (name, number, NIK and its check status, address, e-mail, created);
- every complaint of theirs as filed and as published (text, public text, location,
  channel, state, agency, category, dates, their answers to the category's questions);
- what they sent (their own additions to a complaint, their attachments' names and types —
  not the files: those are handed over on request), and what the regency sent them (sent
  responses, follow-ups and resolutions, with the agency);
- their satisfaction answers, their chat conversations (with the web chat's transcript) and
  every inbound message from their number or chat session, and every notification sent to
  them (time, text, status).

Not exported: internal notes and unsent drafts (the regency's working documents, not data
about the person nor sent to them), staff names, the history log, and the raw webhook
deliveries (transport copies of the inbound messages that are exported).

**Erasure** (``erase_reporter``) anonymises instead of deleting: complaints are public
records the regency must keep (numbers, states, dates, agency and the handling stay, so do the
statistics), just without the person. It is refused while any of their complaints is still
being handled (anything but closed, archived or out of authority — "resolved" is still
waiting for the reporter, so it counts as open). Evidence attachments stay with their
complaints (images were re-encoded without EXIF when uploaded); only the citizen's file names
go. Running it twice is harmless: the second run finds nothing left to change.
"""

from __future__ import annotations

import copy
import json
import re
import secrets
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.db.models import Q, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext as _

from workflow.models import ActivityLog, Notification
from workflow.services import ActionForbidden, InvalidInput, WorkflowError
from workflow.states import FINAL_STATES

from .models import (
    Attachment,
    Complaint,
    ComplaintUpdate,
    Conversation,
    InboundMessage,
    Reporter,
    SatisfactionResponse,
    WebhookEvent,
)
from .redaction import ERASED_NAME, PHONE_PLACEHOLDER, mask_names, redact

PERSONAL_DATA_PERMISSIONS = ("pengaduan.view_personal_data", "pengaduan.change_reporter")
EXPORT_FORMAT = "sambat-bunda/data-pribadi-pelapor"
EXPORT_VERSION = 1

ADDRESS_PLACEHOLDER = "[alamat disamarkan]"
# Inbound messages keep their place in the history under this prefix instead of a number.
ERASED_CONTACT_PREFIX = "dihapus:"
CANCELLED_NOTICE = "Dibatalkan: data pribadi pelapor dihapus."
SOCIAL_MEDIA_CHANNELS = frozenset(
    {
        Complaint.Channel.INSTAGRAM,
        Complaint.Channel.TWITTER,
        Complaint.Channel.FACEBOOK,
        Complaint.Channel.YOUTUBE,
        Complaint.Channel.TIKTOK,
    }
)
# Open311 identifiers of the citizen in the sending application (GeoReport v2).
PERSON_IDENTIFIERS = ("device_id", "account_id")
SENT_UPDATE_KINDS = (
    ComplaintUpdate.Kind.RESPONSE,
    ComplaintUpdate.Kind.FOLLOW_UP,
    ComplaintUpdate.Kind.RESOLUTION,
)
SENT_UPDATE_STATES = (ComplaintUpdate.State.SENT, ComplaintUpdate.State.APPROVED)
CHAT_CHANNELS = (Conversation.Channel.WHATSAPP, Conversation.Channel.SMS)


class ErasureRefused(WorkflowError):
    """The reporter still has complaints being handled; nothing was changed."""


def may_manage_personal_data(user) -> bool:
    """Admin Pengaduan (and superusers): may see the personal data and change the reporter."""
    return bool(getattr(user, "is_authenticated", False)) and all(
        user.has_perm(permission) for permission in PERSONAL_DATA_PERMISSIONS
    )


def _require_permission(by) -> None:
    if not may_manage_personal_data(by):
        raise ActionForbidden(_("Anda tidak berwenang mengelola data pribadi pelapor."))


# --- what belongs to the person ----------------------------------------------------------


def _any(conditions: Iterable[Q]) -> Q:
    """OR of the conditions; none at all matches nothing."""
    combined = None
    for condition in conditions:
        combined = condition if combined is None else combined | condition
    return combined if combined is not None else Q(pk__in=[])


def conversations_of(reporter: Reporter):
    """Their chats: by their number on WhatsApp / SMS, and the web chats they filed from."""
    conditions = [Q(reporter=reporter)]
    if reporter.whatsapp_number:
        conditions.append(Q(channel__in=CHAT_CHANNELS, contact=reporter.whatsapp_number))
    return Conversation.objects.filter(_any(conditions))


def inbound_messages_of(reporter: Reporter, contacts: Iterable[str] = ()):
    """Messages from their number or their chat sessions, and those that filed their
    complaints; ``contacts`` adds chat contacts found before their conversations went."""
    contacts = {c for c in contacts if c}
    if reporter.whatsapp_number:
        contacts.add(reporter.whatsapp_number)
    conditions = [Q(complaint__reporter=reporter)]
    if contacts:
        conditions.append(Q(contact__in=sorted(contacts)))
    return InboundMessage.objects.filter(_any(conditions))


def notifications_of(reporter: Reporter):
    """Messages to the reporter: about their complaints, or to their number / e-mail."""
    conditions = [Q(complaint__reporter=reporter)]
    if reporter.whatsapp_number:
        conditions.append(Q(recipient_phone=reporter.whatsapp_number))
    if reporter.email:
        conditions.append(Q(recipient_email__iexact=reporter.email))
    return Notification.objects.filter(Q(audience=Notification.Audience.REPORTER), _any(conditions))


# --- export ------------------------------------------------------------------------------


def _moment(value) -> str | None:
    return timezone.localtime(value).isoformat() if value else None


def _decimal(value) -> str | None:
    return None if value is None else str(value)


def _contact_shown(contact: str) -> str:
    # A web chat's contact is its session key, a secret that must not travel in a file.
    return "web" if contact.startswith("web:") else contact


def _attachment_record(attachment: Attachment) -> dict:
    return {
        "file_name": attachment.original_name,
        "content_type": attachment.content_type,
        "size_bytes": attachment.size,
        "uploaded_at": _moment(attachment.created_at),
        "shown_publicly": attachment.is_public,
    }


def _complaint_record(complaint: Complaint) -> dict:
    updates = list(complaint.updates.all())
    from_reporter = [u for u in updates if u.kind == ComplaintUpdate.Kind.REPORTER_MESSAGE]
    sent = [u for u in updates if u.kind in SENT_UPDATE_KINDS and u.status in SENT_UPDATE_STATES]
    own_update_ids = {u.pk for u in from_reporter}
    attachments = [
        a
        for a in complaint.attachments.all()
        if a.update_id is None or a.update_id in own_update_ids
    ]
    try:
        satisfaction = complaint.satisfaction
    except SatisfactionResponse.DoesNotExist:
        satisfaction = None
    return {
        "tracking_number": complaint.tracking_number,
        "created_at": _moment(complaint.created_at),
        "channel": complaint.channel,
        "channel_label": str(complaint.get_channel_display()),
        "status": complaint.status,
        "status_label": str(complaint.get_status_display()),
        "visibility": complaint.visibility,
        "visibility_label": str(complaint.get_visibility_display()),
        "text": complaint.text,
        "public_text": complaint.public_text,
        "location_text": complaint.location_text,
        "latitude": _decimal(complaint.latitude),
        "longitude": _decimal(complaint.longitude),
        "category": complaint.category.name if complaint.category_id else None,
        "agency": complaint.agency.name if complaint.agency_id else None,
        "forwarded_to": complaint.forwarded_to or None,
        "source_reference": complaint.source_reference or None,
        "lapor_id": complaint.lapor_id,
        "additional_data": complaint.attributes or {},
        "dispatched_at": _moment(complaint.dispatched_at),
        "responded_at": _moment(complaint.responded_at),
        "resolved_at": _moment(complaint.resolved_at),
        "closed_at": _moment(complaint.closed_at),
        "messages_from_reporter": [
            {"text": u.text, "created_at": _moment(u.created_at)} for u in from_reporter
        ],
        "attachments_from_reporter": [_attachment_record(a) for a in attachments],
        "updates_sent_to_reporter": [
            {
                "kind": u.kind,
                "kind_label": str(u.get_kind_display()),
                "text": u.text,
                "agency": u.agency.name if u.agency_id else None,
                "sent_at": _moment(u.sent_at or u.created_at),
            }
            for u in sent
        ],
        "satisfaction": (
            {
                "rating": satisfaction.rating,
                "rating_label": str(satisfaction.get_rating_display()),
                "comment": satisfaction.comment,
                "created_at": _moment(satisfaction.created_at),
            }
            if satisfaction is not None
            else None
        ),
    }


def export_reporter(reporter: Reporter, by) -> dict:
    """Everything we hold about this person, as one JSON-serialisable document.

    The history log records who downloaded it and how much it held, never its content.
    """
    _require_permission(by)
    reporter = Reporter.objects.get(pk=reporter.pk)
    complaints = list(
        reporter.complaints.select_related("agency", "category", "satisfaction")
        .prefetch_related("attachments", "updates__agency")
        .order_by("created_at", "id")
    )
    conversations = list(conversations_of(reporter).order_by("created_at", "id"))
    inbound = list(
        inbound_messages_of(reporter, [c.contact for c in conversations])
        .select_related("complaint")
        .order_by("received_at", "id")
    )
    notifications = list(
        notifications_of(reporter).select_related("complaint").order_by("created_at", "id")
    )
    document = {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "generated_at": _moment(timezone.now()),
        "about": _(
            "Salinan data pribadi yang disimpan layanan pengaduan Sambat Bunda tentang pelapor "
            "ini (UU 27/2022 tentang Pelindungan Data Pribadi): data pelapor, aduan beserta "
            "tanggapan yang dikirim kepadanya, survei kepuasan, percakapan, pesan masuk, dan "
            "pesan yang dikirim kepadanya. Catatan internal petugas tidak termasuk."
        ),
        "reporter": {
            "name": reporter.name,
            "whatsapp_number": reporter.whatsapp_number or None,
            "nik": reporter.nik or None,
            "nik_status": reporter.nik_status,
            "nik_status_label": str(reporter.get_nik_status_display()),
            "nik_checked_at": _moment(reporter.nik_checked_at),
            "address": reporter.address or None,
            "email": reporter.email or None,
            "created_at": _moment(reporter.created_at),
        },
        "complaints": [_complaint_record(c) for c in complaints],
        "conversations": [
            {
                "channel": c.channel,
                "contact": _contact_shown(c.contact),
                "profile_name": c.profile_name,
                "step": c.step,
                "form_in_progress": c.data or {},
                "transcript": c.transcript or [],
                "created_at": _moment(c.created_at),
                "last_message_at": _moment(c.last_inbound_at),
            }
            for c in conversations
        ],
        "inbound_messages": [
            {
                "channel": m.channel,
                "contact": _contact_shown(m.contact),
                "kind": m.kind,
                "kind_label": str(m.get_kind_display()),
                "text": m.text,
                "latitude": _decimal(m.latitude),
                "longitude": _decimal(m.longitude),
                "file_name": m.media_name or None,
                "file_type": m.media_content_type or None,
                "sent_at": _moment(m.sent_at),
                "received_at": _moment(m.received_at),
                "complaint": m.complaint.tracking_number if m.complaint_id else None,
            }
            for m in inbound
        ],
        "notifications": [
            {
                "created_at": _moment(n.created_at),
                "channel": n.channel,
                "channel_label": str(n.get_channel_display()),
                "recipient": n.recipient_phone or n.recipient_email or None,
                "message_type": n.template_key,
                "text": n.text,
                "status": n.status,
                "status_label": str(n.get_status_display()),
                "sent_at": _moment(n.sent_at),
                "delivered_at": _moment(n.delivered_at),
                "read_at": _moment(n.read_at),
                "complaint": n.complaint.tracking_number if n.complaint_id else None,
            }
            for n in notifications
        ],
    }
    ActivityLog.objects.create(
        reporter=reporter,
        action=ActivityLog.EXPORT_PERSONAL_DATA,
        actor=by,
        actor_kind=ActivityLog.ActorKind.STAFF,
        data={
            "format": "json",
            "complaints": len(complaints),
            "conversations": len(conversations),
            "inbound_messages": len(inbound),
            "notifications": len(notifications),
        },
    )
    return document


def export_json(document: dict) -> bytes:
    return json.dumps(document, ensure_ascii=False, indent=2).encode()


# --- erasure -----------------------------------------------------------------------------


@dataclass
class ErasureSummary:
    """How many rows the erasure changed (zero everywhere when run again)."""

    reporter: int = 0
    complaints: int = 0
    made_anonymous: int = 0
    updates: int = 0
    satisfaction_comments: int = 0
    attachments_renamed: int = 0
    log_reasons: int = 0
    conversations_deleted: int = 0
    inbound_messages: int = 0
    media_files_deleted: int = 0
    notifications: int = 0
    notifications_cancelled: int = 0
    staff_notifications: int = 0
    webhook_events: int = 0

    def as_dict(self) -> dict[str, int]:
        return asdict(self)

    @property
    def changed(self) -> int:
        return sum(self.as_dict().values())


def open_complaints(reporter: Reporter):
    """Complaints still being handled: erasure waits until all of them are finished."""
    return reporter.complaints.exclude(status__in=sorted(FINAL_STATES)).order_by("created_at")


def refusal_message(numbers: list[str]) -> str:
    return _(
        "Data pribadi pelapor belum dapat dihapus karena masih ada aduan yang sedang diproses "
        "(%(numbers)s). Penghapusan dapat dilakukan setelah semua aduannya ditutup, "
        "diarsipkan, atau diteruskan ke instansi berwenang. Tidak ada data yang diubah."
    ) % {"numbers": ", ".join(numbers)}


def _masker(names: Iterable[str], address: str, numbers: Iterable[str]) -> Callable[[str], str]:
    """The text filter of one erasure: their address; their number as stored (``redact``
    knows only Indonesian numbers); NIK, phone numbers and e-mail (``redact``); their names."""
    words = (address or "").split()
    address_pattern = (
        re.compile(r"\s+".join(re.escape(word) for word in words), re.I)
        if len(" ".join(words)) >= 6
        else None
    )
    literals = sorted({value for value in numbers if value and len(value) >= 6}, key=len)[::-1]
    names = list(names)

    def mask(text: str) -> str:
        if not text:
            return text or ""
        if address_pattern is not None:
            text = address_pattern.sub(ADDRESS_PLACEHOLDER, text)
        for literal in literals:
            text = text.replace(literal, PHONE_PLACEHOLDER)
        return mask_names(redact(text), names)

    return mask


def _mask_json(value, mask: Callable[[str], str]):
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list):
        return [_mask_json(item, mask) for item in value]
    if isinstance(value, dict):
        return {key: _mask_json(item, mask) for key, item in value.items()}
    return value


def _scrub_attributes(attributes: dict, mask: Callable[[str], str]) -> dict:
    """Answers and the LAPOR! copy of the text masked; the sender app's ids of the person
    dropped. What describes the incident (address id, photo link) stays."""
    data = copy.deepcopy(attributes) if isinstance(attributes, dict) else {}
    origin = data.get("open311")
    if isinstance(origin, dict):
        for key in PERSON_IDENTIFIERS:
            origin.pop(key, None)
    mirror = data.get("lapor")
    if isinstance(mirror, dict):
        for key in ("title", "text"):
            if isinstance(mirror.get(key), str):
                mirror[key] = mask(mirror[key])
    if "answers" in data:
        data["answers"] = _mask_json(data["answers"], mask)
    return data


def _save_changed(instance, values: dict) -> bool:
    changed = [name for name, value in values.items() if getattr(instance, name) != value]
    for name in changed:
        setattr(instance, name, values[name])
    if changed:
        instance.save(update_fields=changed)
    return bool(changed)


def _dicts(value) -> list[dict]:
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _without_contact(body, digits: str, processed: bool):
    """The webhook delivery without this number's contact card, messages and statuses."""
    if not isinstance(body, dict):
        return body
    body = copy.deepcopy(body)
    fields = (("contacts", "wa_id"), ("messages", "from"), ("statuses", "recipient_id"))
    for entry in _dicts(body.get("entry")):
        for change in _dicts(entry.get("changes")):
            value = change.get("value")
            if not isinstance(value, dict):
                continue
            for key, field in fields:
                if isinstance(value.get(key), list):
                    value[key] = [
                        item
                        for item in value[key]
                        if not (
                            isinstance(item, dict)
                            and str(item.get(field, "")).lstrip("+") == digits
                        )
                    ]
    # The number somewhere else in a delivery already handled: keep nothing of it.
    if processed and digits in json.dumps(body):
        return {}
    return body


def _scrub_webhook_events(number: str) -> int:
    digits = (number or "").lstrip("+")
    if len(digits) < 8:
        return 0
    events = (
        WebhookEvent.objects.annotate(body_text=Cast("body", TextField()))
        .filter(body_text__contains=digits)
        .only("pk", "body", "processed_at")
    )
    changed = 0
    for event in events:
        body = _without_contact(event.body, digits, processed=event.processed_at is not None)
        if body != event.body:
            event.body = body
            event.save(update_fields=["body"])
            changed += 1
    return changed


def erase_reporter(reporter: Reporter, by, reason: str, now=None) -> ErasureSummary:
    """Anonymise the reporter and everything that names them, in one transaction.

    Refused (``ErasureRefused``, nothing changed) while a complaint of theirs is open.
    Complaint numbers, states, dates, agencies and handling stay; the person goes.
    """
    _require_permission(by)
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(_("Tuliskan alasan atau dasar permintaan penghapusan data."))
    now = now or timezone.now()
    summary = ErasureSummary()
    files_to_delete: list[tuple[object, str]] = []
    with transaction.atomic():
        reporter = Reporter.objects.select_for_update().get(pk=reporter.pk)
        complaints = list(
            Complaint.objects.select_for_update().filter(reporter=reporter).order_by("pk")
        )
        still_open = [c.tracking_number for c in complaints if c.status not in FINAL_STATES]
        if still_open:
            raise ErasureRefused(refusal_message(still_open))

        conversations = list(conversations_of(reporter))
        contacts = [c.contact for c in conversations]
        inbound = list(
            inbound_messages_of(reporter, contacts).exclude(
                contact__startswith=ERASED_CONTACT_PREFIX
            )
        )
        notifications = list(notifications_of(reporter))
        number = reporter.whatsapp_number or ""
        mask = _masker(
            [reporter.name, *(c.profile_name for c in conversations)],
            reporter.address,
            [number, number.lstrip("+")],
        )

        # The reporter row stays (complaints point at it), without anything personal.
        summary.reporter = int(
            _save_changed(
                reporter,
                {
                    "name": ERASED_NAME,
                    "whatsapp_number": None,
                    "nik": "",
                    "nik_status": Reporter.NikStatus.UNCHECKED,
                    "nik_checked_by": None,
                    "nik_checked_at": None,
                    "address": "",
                    "email": "",
                },
            )
        )

        for complaint in complaints:
            visibility = complaint.visibility
            if visibility == Complaint.Visibility.PUBLIC:
                visibility = Complaint.Visibility.ANONYMOUS
                summary.made_anonymous += 1
            source = complaint.source_reference
            source = "" if complaint.channel in SOCIAL_MEDIA_CHANNELS else mask(source)
            summary.complaints += _save_changed(
                complaint,
                {
                    "text": mask(complaint.text),
                    "public_text": mask(complaint.public_text),
                    "location_text": mask(complaint.location_text),
                    "source_reference": source,
                    "attributes": _scrub_attributes(complaint.attributes, mask),
                    "visibility": visibility,
                },
            )

        for update in ComplaintUpdate.objects.filter(complaint__reporter=reporter):
            summary.updates += _save_changed(
                update, {"text": mask(update.text), "decision_note": mask(update.decision_note)}
            )
        for answer in SatisfactionResponse.objects.filter(complaint__reporter=reporter):
            summary.satisfaction_comments += _save_changed(
                answer, {"comment": mask(answer.comment)}
            )
        # The citizen's own file names ("KTP_Siti.jpg"); the evidence itself stays.
        own_files = Attachment.objects.filter(
            Q(update__isnull=True) | Q(update__kind=ComplaintUpdate.Kind.REPORTER_MESSAGE),
            complaint__reporter=reporter,
            uploaded_by__isnull=True,
        )
        for attachment in own_files:
            extension = Attachment.EXTENSIONS.get(attachment.content_type, "bin")
            summary.attachments_renamed += _save_changed(
                attachment, {"original_name": f"lampiran.{extension}"}
            )
        # The log keeps who did what and when; free texts lose the person.
        for entry in ActivityLog.objects.filter(
            Q(complaint__reporter=reporter) | Q(reporter=reporter)
        ).exclude(reason=""):
            summary.log_reasons += _save_changed(entry, {"reason": mask(entry.reason)})

        summary.conversations_deleted = len(conversations)
        Conversation.objects.filter(pk__in=[c.pk for c in conversations]).delete()

        token = ERASED_CONTACT_PREFIX + secrets.token_hex(8)
        for message in inbound:
            if message.media_file:
                files_to_delete.append((message.media_file.storage, message.media_file.name))
            message.contact = token
            message.provider_message_id = f"{token}:{message.pk}"
            message.text = ""
            message.payload = {}
            message.reply_id = ""
            message.context_message_id = ""
            message.latitude = message.longitude = None
            message.media_id = ""
            message.media_file = ""
            message.media_name = ""
            message.error = ""
            message.save(
                update_fields=[
                    "contact",
                    "provider_message_id",
                    "text",
                    "payload",
                    "reply_id",
                    "context_message_id",
                    "latitude",
                    "longitude",
                    "media_id",
                    "media_file",
                    "media_name",
                    "error",
                ]
            )
        summary.inbound_messages = len(inbound)
        summary.media_files_deleted = len(files_to_delete)

        for notification in notifications:
            values = {
                "recipient_phone": "",
                "recipient_email": "",
                "text": mask(notification.text),
                "params": _mask_json(notification.params, mask),
                "last_error": mask(notification.last_error),
                "provider_message_id": "",  # a WhatsApp message id encodes the number
            }
            if notification.status == Notification.State.PENDING:
                # Nobody to send it to any more; the conditional claim never takes it now.
                values.update(status=Notification.State.FAILED, last_error=CANCELLED_NOTICE)
                summary.notifications_cancelled += 1
            summary.notifications += _save_changed(notification, values)

        # Staff were told about her complaints (summaries, her additions): the texts stay
        # with their recipients, without her.
        about_her = Notification.objects.filter(complaint__reporter=reporter).exclude(
            audience=Notification.Audience.REPORTER
        )
        for notification in about_her:
            summary.staff_notifications += _save_changed(
                notification,
                {
                    "text": mask(notification.text),
                    "params": _mask_json(notification.params, mask),
                    "last_error": mask(notification.last_error),
                },
            )

        summary.webhook_events = _scrub_webhook_events(number)

        ActivityLog.objects.create(
            reporter=reporter,
            action=ActivityLog.ERASE_PERSONAL_DATA,
            actor=by,
            actor_kind=ActivityLog.ActorKind.STAFF,
            reason=mask(reason),
            data={"counts": summary.as_dict(), "complaints": len(complaints)},
            created_at=now,
        )

        def delete_files() -> None:
            for storage, name in files_to_delete:
                storage.delete(name)

        transaction.on_commit(delete_files)
    return summary
