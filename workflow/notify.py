"""Who is told what at each step (SPEC §5). Called by workflow.services inside the transaction
of the change; every row's idempotency key names the event that caused it, so a retried call
writes nothing twice."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from pengaduan.models import Complaint, SatisfactionResponse
from sambat_site.links import absolute_url

from . import messages, policy
from .models import Notification
from .outbox import queue
from .transports import sms_enabled

A = Notification.Audience


def when(moment: dt.datetime | None) -> str:
    """A moment on the installation's clock, with its zone: “17/10/2025 09:30 WITA”."""
    if moment is None:
        return "-"
    installation = messages.installation()
    local = timezone.localtime(moment, installation.zone)
    return f"{local:%d/%m/%Y %H:%M} {installation.zone_label}".strip()


def tracking_link(complaint) -> str:
    return absolute_url(f"/aduan/{complaint.tracking_number}/")


def admin_link(complaint=None) -> str:
    if complaint is None:
        return absolute_url(reverse("wagtailsnippets_pengaduan_complaint:list"))
    return absolute_url(reverse("wagtailsnippets_pengaduan_complaint:inspect", args=[complaint.pk]))


def summary(complaint, length: int = 160) -> str:
    """The redacted public text, shortened: staff phones never carry a reporter's NIK."""
    text = " ".join((complaint.public_text or "").split())
    return text if len(text) <= length else text[: length - 1].rsplit(" ", 1)[0] + "…"


def base_params(complaint) -> dict:
    return {
        "nomor": complaint.tracking_number,
        "opd": complaint.agency.name if complaint.agency_id else "-",
        "tautan": tracking_link(complaint),
        "tautan_admin": admin_link(complaint),
    }


# --- recipients ------------------------------------------------------------------------


def reporter_channel(complaint) -> str:
    """How the reporter's number is reached: by SMS for a complaint that came by SMS.

    Someone who writes by SMS may have no WhatsApp at all, so answering there could mean never
    reaching them. Without an SMS backend (``SMS_BACKEND`` empty) WhatsApp is the fallback.
    """
    if complaint.channel == Complaint.Channel.SMS and sms_enabled():
        return Notification.Channel.SMS
    return Notification.Channel.WHATSAPP


def to_reporter(complaint, template_key: str, key: str, now=None, **params) -> None:
    reporter = complaint.reporter
    queue(
        key=f"{key}:reporter",
        template_key=template_key,
        params={**base_params(complaint), **params},
        audience=A.REPORTER,
        complaint=complaint,
        phone=reporter.whatsapp_number or "",
        email=reporter.email,
        channel=reporter_channel(complaint),
        now=now,
    )


AGENCY_FIELDS = {
    A.AGENCY_ADMIN: "admin_whatsapp",
    A.AGENCY_SECRETARY: "sekdin_whatsapp",
    A.AGENCY_HEAD: "kadis_whatsapp",
}


def to_agency(complaint, template_key: str, key: str, audiences, now=None, **params) -> int:
    """The agency's numbers for these roles (one message per distinct number)."""
    agency = complaint.agency
    sent = set()
    for audience in audiences:
        phone = getattr(agency, AGENCY_FIELDS[audience])
        if not phone or phone in sent:
            continue
        sent.add(phone)
        queue(
            key=f"{key}:{audience}:{phone}",
            template_key=template_key,
            params={**base_params(complaint), **params},
            audience=audience,
            complaint=complaint,
            phone=phone,
            now=now,
        )
    return len(sent)


def admin_recipients():
    users = (
        get_user_model()
        .objects.filter(is_active=True, groups__name=policy.ADMIN_PENGADUAN)
        .select_related("sambat_profile")
        .distinct()
    )
    for user in users:
        profile = getattr(user, "sambat_profile", None)
        phone = profile.whatsapp_number if profile else ""
        if phone or user.email:
            yield user, phone, user.email


def to_admins(template_key: str, key: str, params: dict, complaint=None, now=None) -> None:
    for user, phone, email in admin_recipients():
        queue(
            key=f"{key}:admin:{user.pk}",
            template_key=template_key,
            params=params,
            audience=A.ADMIN,
            complaint=complaint,
            phone=phone,
            email=email,
            user=user,
            now=now,
        )


ALL_AGENCY = (A.AGENCY_ADMIN, A.AGENCY_SECRETARY, A.AGENCY_HEAD)
APPROVERS = (A.AGENCY_SECRETARY, A.AGENCY_HEAD)


# --- events (one per service function that tells somebody) ------------------------------


def complaint_received(complaint, event_id: int, now=None) -> None:
    key = f"received:{complaint.pk}:{event_id}"
    to_reporter(complaint, "reporter.ticket_issued", key, now=now, nama=complaint.reporter.name)
    to_admins(
        "admin.new_complaint",
        key,
        {
            **base_params(complaint),
            "kanal": complaint.get_channel_display(),
            "ringkasan": summary(complaint),
        },
        complaint=complaint,
        now=now,
    )


def returned_to_reporter(complaint, event_id: int, reason: str, days: int, now=None) -> None:
    to_reporter(
        complaint,
        "reporter.returned",
        f"returned:{complaint.pk}:{event_id}",
        now=now,
        alasan=reason,
        batas_hari=days,
    )


def dispatched(complaint, event_id: int, now=None) -> None:
    key = f"dispatched:{complaint.pk}:{event_id}"
    to_reporter(complaint, "reporter.dispatched", key, now=now)
    to_agency(
        complaint,
        "agency.new_disposition",
        key,
        ALL_AGENCY,
        now=now,
        klasifikasi=complaint.get_urgency_display(),
        ringkasan=summary(complaint),
        batas=when(complaint.due_at),
    )


def response_sent(complaint, update, now=None) -> None:
    to_reporter(complaint, "reporter.response", f"response:{update.pk}", now=now, isi=update.text)


def approval_needed(complaint, update, now=None) -> None:
    to_agency(complaint, "agency.approval_needed", f"approval:{update.pk}", APPROVERS, now=now)


def follow_up_added(complaint, update, now=None) -> None:
    to_reporter(complaint, "reporter.follow_up", f"follow_up:{update.pk}", now=now, isi=update.text)


def resolved(complaint, update, auto_close_days: int, now=None) -> None:
    to_reporter(
        complaint,
        "reporter.resolved",
        f"resolved:{update.pk}",
        now=now,
        isi=update.text,
        batas_hari=auto_close_days,
    )


def closed(complaint, event_id: int, result: str, now=None) -> None:
    to_reporter(
        complaint,
        "reporter.closed",
        f"closed:{complaint.pk}:{event_id}",
        now=now,
        diterima=when(complaint.created_at),
        ditanggapi=when(complaint.responded_at),
        selesai=when(complaint.resolved_at),
        hasil=result or "-",
    )
    survey_invitation(complaint, event_id, now=now)


SURVEY_REPLY_PREFIX = "rate"


def survey_rows(complaint) -> list[dict]:
    """The 1–5 choices of the survey list, best first; ids name the complaint and the rating."""
    return [
        {"id": f"{SURVEY_REPLY_PREFIX}:{complaint.pk}:{value}", "title": f"{value} - {label}"}
        for value, label in reversed(SatisfactionResponse.Rating.choices)
    ]


def survey_invitation(complaint, event_id: int, now=None) -> None:
    """Ask the reporter to rate the handling (SKM) [SPEC §9], unless they already did.

    Only over WhatsApp: the answer has to come back through the conversation engine, which
    an e-mail or SMS reply never reaches. Keyed by the closing event, so a complaint reopened
    and closed again without a rating is asked again.
    """
    if not complaint.reporter.whatsapp_number:
        return
    if reporter_channel(complaint) != Notification.Channel.WHATSAPP:
        return
    if SatisfactionResponse.objects.filter(complaint=complaint).exists():
        return
    to_reporter(
        complaint,
        "reporter.survey",
        f"survey:{complaint.pk}:{event_id}",
        now=now,
        _list={"button": "Beri nilai", "section": "Nilai", "rows": survey_rows(complaint)},
    )


def archived(complaint, event_id: int, reason: str, now=None) -> None:
    to_reporter(
        complaint,
        "reporter.archived",
        f"archived:{complaint.pk}:{event_id}",
        now=now,
        alasan=reason,
    )


def out_of_authority(complaint, event_id: int, institution: str, note: str, now=None) -> None:
    to_reporter(
        complaint,
        "reporter.out_of_authority",
        f"out_of_authority:{complaint.pk}:{event_id}",
        now=now,
        instansi=institution,
        penjelasan=note,
    )


def merged(complaint, survivor, event_id: int, now=None) -> None:
    to_reporter(
        complaint,
        "reporter.merged",
        f"merged:{complaint.pk}:{event_id}",
        now=now,
        nomor_utama=survivor.tracking_number,
        tautan=tracking_link(survivor),
    )


def returned_by_agency(complaint, event_id: int, reason: str, now=None) -> None:
    to_admins(
        "admin.returned_by_agency",
        f"returned_by_agency:{complaint.pk}:{event_id}",
        {**base_params(complaint), "alasan": reason},
        complaint=complaint,
        now=now,
    )


def reopened(complaint, event_id: int, reason: str, by_reporter: bool, now=None) -> None:
    key = f"reopened:{complaint.pk}:{event_id}"
    to_agency(complaint, "agency.reopened", key, ALL_AGENCY, now=now, alasan=reason)
    if not by_reporter:
        to_reporter(complaint, "reporter.reopened", key, now=now)


def reporter_message(complaint, update, now=None) -> None:
    to_agency(
        complaint,
        "agency.reporter_message",
        f"reporter_message:{update.pk}",
        [A.AGENCY_ADMIN],
        now=now,
        isi=update.text[:500],
    )
