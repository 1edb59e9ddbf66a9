"""One door per state change (pretalx style): every action on a complaint is a function here.

Each function runs in one transaction: lock the row → check the policy table (state, role,
agency) → django-fsm transition → save → ActivityLog row. Callers (admin views, the
conversation engine, the scheduler) pass who acts as ``by``: a staff user, or
``policy.REPORTER_ACTOR`` / ``policy.SYSTEM_ACTOR``. Each function returns the updated
complaint (or the update row it created) and raises a :class:`WorkflowError` with a message
fit to show to the person who tried.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from pengaduan import enrichment
from pengaduan.attachments import CleanFile, clean_upload
from pengaduan.models import (
    Agency,
    Attachment,
    Complaint,
    ComplaintUpdate,
    Reporter,
    SatisfactionResponse,
)
from pengaduan.redaction import redact

from . import notify, policy, sla
from .models import ActivityLog
from .states import Status


class WorkflowError(Exception):
    """An action that cannot be done; ``str(error)`` is the message for the user."""


class TransitionNotAllowed(WorkflowError):
    """The complaint's current state does not allow this action."""


class ActionForbidden(WorkflowError, PermissionDenied):
    """This person may not do this (role, agency)."""


class InvalidInput(WorkflowError):
    """Something the action needs is missing or wrong (reason, agency, evidence…)."""


# --- helpers ---------------------------------------------------------------------------


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _actor(by) -> tuple[object | None, str]:
    if isinstance(by, policy.Actor):
        kind = (
            ActivityLog.ActorKind.REPORTER
            if by.role == policy.REPORTER
            else ActivityLog.ActorKind.SYSTEM
        )
        return None, kind
    return by, ActivityLog.ActorKind.STAFF


def _staff(by):
    return None if isinstance(by, policy.Actor) else by


def _lock(complaint: Complaint | int) -> Complaint:
    pk = complaint.pk if isinstance(complaint, Complaint) else complaint
    return (
        Complaint.objects.select_for_update(of=("self",))
        .select_related("reporter", "agency")
        .get(pk=pk)
    )


def _authorize(complaint: Complaint, action_name: str, by) -> None:
    action = policy.ACTIONS[action_name]
    if complaint.status not in action.sources:
        raise TransitionNotAllowed(
            _(
                "Aksi “%(action)s” tidak dapat dilakukan pada aduan %(number)s "
                "yang berstatus “%(status)s”."
            )
            % {
                "action": action.label,
                "number": complaint.tracking_number,
                "status": complaint.get_status_display(),
            }
        )
    if action.condition and not getattr(complaint, action.condition)():
        messages = {
            "has_pending_response": _("Tidak ada tanggapan yang menunggu persetujuan."),
            "has_no_pending_response": _(
                "Masih ada tanggapan yang menunggu persetujuan Pejabat Penghubung / Kepala OPD."
            ),
            "has_nik": _("Pelapor tidak mencantumkan NIK."),
        }
        raise TransitionNotAllowed(messages.get(action.condition, str(action.label)))
    if not policy.can(by, action_name, complaint):
        raise ActionForbidden(
            _("Anda tidak berwenang melakukan “%(action)s” pada aduan %(number)s.")
            % {"action": action.label, "number": complaint.tracking_number}
        )


def _require(value: str, message: str) -> str:
    value = (value or "").strip()
    if not value:
        raise InvalidInput(message)
    return value


def _clean_files(files: Iterable) -> list[CleanFile]:
    cleaned = []
    for upload in files or ():
        if isinstance(upload, CleanFile):
            cleaned.append(upload)
            continue
        try:
            cleaned.append(clean_upload(upload))
        except ValidationError as exc:
            raise InvalidInput(" ".join(exc.messages)) from exc
    return cleaned


def _store_files(
    complaint: Complaint,
    files: Sequence[CleanFile],
    *,
    by,
    update: ComplaintUpdate | None = None,
    is_public: bool = False,
) -> list[Attachment]:
    stored = []
    for clean in files:
        attachment = Attachment(
            complaint=complaint,
            update=update,
            original_name=clean.original_name,
            content_type=clean.content_type,
            size=len(clean.data),
            sha256=Attachment.digest(clean.data),
            is_public=is_public,
            uploaded_by=_staff(by),
        )
        attachment.file.save(clean.original_name, ContentFile(clean.data), save=False)
        attachment.save()
        stored.append(attachment)
    return stored


def _add_update(
    complaint: Complaint,
    kind: str,
    text: str,
    by,
    now,
    *,
    files: Sequence[CleanFile] = (),
    is_public: bool = True,
    draft: bool = False,
) -> ComplaintUpdate:
    """Write a response / follow-up / resolution row (sent, or a draft) with its files."""
    update = ComplaintUpdate.objects.create(
        complaint=complaint,
        kind=kind,
        text=text,
        status=ComplaintUpdate.State.DRAFT if draft else ComplaintUpdate.State.SENT,
        is_public=is_public,
        author=_staff(by),
        agency=complaint.agency,
        sent_at=None if draft else now,
        created_at=now,
    )
    _store_files(complaint, files, by=by, update=update, is_public=is_public)
    return update


def _log(
    complaint: Complaint | None,
    action: str,
    by,
    *,
    from_state: str = "",
    to_state: str = "",
    reason: str = "",
    agency: Agency | None = None,
    data: dict | None = None,
    now: dt.datetime | None = None,
) -> ActivityLog:
    actor, kind = _actor(by)
    return ActivityLog.objects.create(
        complaint=complaint,
        reporter=complaint.reporter if complaint is not None else None,
        action=action,
        from_state=from_state,
        to_state=to_state,
        actor=actor,
        actor_kind=kind,
        agency=agency,
        reason=reason,
        data=data or {},
        created_at=_now(now),
    )


def _finish(
    complaint: Complaint,
    action: str,
    by,
    from_state: str,
    now: dt.datetime,
    *,
    reason: str = "",
    agency: Agency | None = None,
    data: dict | None = None,
    then: Callable[[ActivityLog], object] | None = None,
) -> Complaint:
    """Save the transitioned complaint with its new deadline, write the log row, and let
    ``then`` queue the notifications the event causes (same transaction)."""
    if complaint.status != from_state or action in ("redispatch", "verify_and_dispatch"):
        complaint.status_changed_at = now
    complaint.due_at = sla.deadline_for(complaint, now)
    complaint.save()
    event = _log(
        complaint,
        action,
        by,
        from_state=from_state,
        to_state=complaint.status,
        reason=reason,
        agency=agency,
        data=data,
        now=now,
    )
    if then is not None:
        then(event)
    return complaint


def _active_agency(agency: Agency | None) -> Agency:
    if agency is None:
        raise InvalidInput(_("Pilih OPD tujuan disposisi."))
    if not agency.active:
        raise InvalidInput(_("OPD %(name)s tidak aktif.") % {"name": agency.name})
    return agency


# --- intake ----------------------------------------------------------------------------


def find_or_create_reporter(
    *, name: str, whatsapp_number: str = "", nik: str = "", address: str = "", email: str = ""
) -> Reporter:
    """The reporter with this WhatsApp number (filling in what we did not know), or a new one."""
    name = _require(name, _("Nama pelapor wajib diisi."))
    fields = {"name": name, "nik": nik or "", "address": address or "", "email": email or ""}
    probe = Reporter(whatsapp_number=whatsapp_number or None, **fields)
    try:
        probe.full_clean(validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise InvalidInput(" ".join(exc.messages)) from exc
    if not probe.whatsapp_number:
        probe.save()
        return probe
    reporter, created = Reporter.objects.get_or_create(
        whatsapp_number=probe.whatsapp_number, defaults=fields
    )
    if not created:
        changed = []
        for field_name in ("nik", "address", "email"):
            if getattr(probe, field_name) and getattr(probe, field_name) != getattr(
                reporter, field_name
            ):
                setattr(reporter, field_name, getattr(probe, field_name))
                changed.append(field_name)
        if "nik" in changed:
            reporter.nik_status = Reporter.NikStatus.UNCHECKED
            changed.append("nik_status")
        if changed:
            reporter.save(update_fields=changed)
    return reporter


def submit(
    *,
    reporter: Reporter,
    text: str,
    by=policy.REPORTER_ACTOR,
    channel: str = Complaint.Channel.WHATSAPP,
    location_text: str = "",
    latitude=None,
    longitude=None,
    visibility: str = Complaint.Visibility.PUBLIC,
    urgency: str = Complaint.Urgency.NORMAL,
    source_reference: str = "",
    files: Iterable = (),
    category=None,
    attributes: dict | None = None,
    lapor_id: str | None = None,
    now: dt.datetime | None = None,
    tracking_number_generator=None,
) -> Complaint:
    """Create a complaint in ``submitted`` with its public number [000 step 5]."""
    text = _require(text, _("Isi aduan wajib diisi."))
    if visibility not in Complaint.Visibility.values:
        raise InvalidInput(_("Sifat aduan tidak dikenal."))
    if channel not in Complaint.Channel.values:
        raise InvalidInput(_("Kanal aduan tidak dikenal."))
    if urgency not in Complaint.Urgency.values:
        raise InvalidInput(_("Klasifikasi aduan tidak dikenal."))
    cleaned = _clean_files(files)
    now = _now(now)
    with transaction.atomic():
        complaint = Complaint.objects.create_with_tracking_number(
            generator=tracking_number_generator,
            reporter=reporter,
            text=text,
            public_text=redact(text),
            channel=channel,
            location_text=(location_text or "").strip(),
            latitude=latitude,
            longitude=longitude,
            visibility=visibility,
            urgency=urgency,
            source_reference=source_reference or "",
            category=category,
            attributes=attributes or {},
            lapor_id=lapor_id or None,
            created_at=now,
            status_changed_at=now,
            due_at=None,
            created_by=_staff(by),
        )
        complaint.due_at = sla.deadline_for(complaint, now)
        complaint.save(update_fields=["due_at"])
        _store_files(complaint, cleaned, by=by)
        event = _log(
            complaint,
            ActivityLog.CREATE,
            by,
            to_state=complaint.status,
            data={"channel": channel},
            now=now,
        )
        notify.complaint_received(complaint, event.pk, now=now)
        if enrichment.wanted():
            transaction.on_commit(lambda: enrichment.enqueue(complaint.pk))
    return complaint


# --- admin: verification and disposition -----------------------------------------------


def verify_and_dispatch(
    complaint, agency: Agency, *, by, note: str = "", urgency: str | None = None, now=None
) -> Complaint:
    """Admin Pengaduan checks the complaint and sends it to the responsible OPD [000 step 4]."""
    now = _now(now)
    agency = _active_agency(agency)
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "verify_and_dispatch", by)
        if urgency:
            if urgency not in Complaint.Urgency.values:
                raise InvalidInput(_("Klasifikasi aduan tidak dikenal."))
            complaint.urgency = urgency
        from_state = complaint.status
        complaint.verify_and_dispatch(agency=agency, now=now)
        return _finish(
            complaint,
            "verify_and_dispatch",
            by,
            from_state,
            now,
            reason=note,
            agency=agency,
            then=lambda event: notify.dispatched(complaint, event.pk, now=now),
        )


def return_to_reporter(complaint, *, by, reason: str, now=None) -> Complaint:
    """Incomplete: the reporter is asked to complete it, with the reason [002][004 tunda]."""
    now = _now(now)
    reason = _require(reason, _("Tuliskan apa yang perlu dilengkapi pelapor."))
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "return_to_reporter", by)
        from_state = complaint.status
        complaint.return_to_reporter()
        days = sla.current_policy().reporter_completion_working_days
        return _finish(
            complaint,
            "return_to_reporter",
            by,
            from_state,
            now,
            reason=reason,
            then=lambda event: notify.returned_to_reporter(
                complaint, event.pk, reason, days, now=now
            ),
        )


def resubmit(
    complaint,
    *,
    by=policy.REPORTER_ACTOR,
    text: str,
    location_text: str = "",
    files: Iterable = (),
    now=None,
) -> Complaint:
    """The reporter sent what was missing; the complaint waits for verification again."""
    now = _now(now)
    text = _require(text, _("Tuliskan kelengkapan dari pelapor."))
    cleaned = _clean_files(files)
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "resubmit", by)
        from_state = complaint.status
        stamp = timezone.localtime(now).strftime("%d/%m/%Y %H:%M")
        addition = _("Kelengkapan dari pelapor (%(time)s):") % {"time": stamp}
        complaint.text = f"{complaint.text}\n\n{addition}\n{text}"
        complaint.public_text = f"{complaint.public_text}\n\n{redact(text)}".strip()
        if location_text.strip():
            complaint.location_text = location_text.strip()
        update = ComplaintUpdate.objects.create(
            complaint=complaint,
            kind=ComplaintUpdate.Kind.REPORTER_MESSAGE,
            text=text,
            status=ComplaintUpdate.State.INTERNAL,
            is_public=False,
            author=_staff(by),
            created_at=now,
        )
        _store_files(complaint, cleaned, by=by, update=update)
        complaint.resubmit()
        return _finish(complaint, "resubmit", by, from_state, now, reason=text)


def archive(complaint, *, by, reason_code: str, note: str = "", now=None) -> Complaint:
    """Spam, invalid, irrelevant, or never completed by the reporter [003][004]."""
    now = _now(now)
    if reason_code not in Complaint.ArchiveReason.values or (
        reason_code == Complaint.ArchiveReason.DUPLICATE
    ):
        raise InvalidInput(_("Pilih alasan arsip. Untuk duplikat gunakan “Gabungkan (duplikat)”."))
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "archive", by)
        from_state = complaint.status
        complaint.archive(reason=reason_code)

        def tell_reporter(event):
            # Spam gets no answer; everyone else learns why their complaint stopped.
            if reason_code != Complaint.ArchiveReason.SPAM:
                label = str(Complaint.ArchiveReason(reason_code).label)
                notify.archived(complaint, event.pk, f"{label}. {note}".strip(), now=now)

        return _finish(
            complaint,
            "archive",
            by,
            from_state,
            now,
            reason=note,
            data={"reason": reason_code},
            then=tell_reporter,
        )


def restore(complaint, *, by, reason: str, now=None) -> Complaint:
    now = _now(now)
    reason = _require(reason, _("Tuliskan alasan memulihkan aduan."))
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "restore", by)
        from_state = complaint.status
        complaint.restore()
        return _finish(complaint, "restore", by, from_state, now, reason=reason)


def forward_out_of_authority(complaint, *, by, institution: str, note: str, now=None) -> Complaint:
    """Not the regency's business: forwarded, and the reporter is told where to go [004]."""
    now = _now(now)
    institution = _require(institution, _("Sebutkan instansi yang berwenang."))
    note = _require(note, _("Tuliskan penjelasan untuk pelapor (ke mana harus mengadu)."))
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "forward_out_of_authority", by)
        from_state = complaint.status
        complaint.forward_out_of_authority(institution=institution)
        return _finish(
            complaint,
            "forward_out_of_authority",
            by,
            from_state,
            now,
            reason=note,
            data={"institution": institution},
            then=lambda event: notify.out_of_authority(
                complaint, event.pk, institution, note, now=now
            ),
        )


def merge_duplicate(complaint, survivor, *, by, note: str = "", now=None) -> Complaint:
    """Archive ``complaint`` as a duplicate of ``survivor``.

    Its reporter is told the survivor's number, which is the one to track from now on.
    """
    now = _now(now)
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "merge_duplicate", by)
        survivor = (
            Complaint.objects.select_related("reporter")
            .filter(pk=getattr(survivor, "pk", survivor))
            .first()
        )
        if survivor is None:
            raise InvalidInput(_("Aduan tujuan penggabungan tidak ditemukan."))
        while survivor.duplicate_of_id:
            survivor = survivor.duplicate_of
        if survivor.pk == complaint.pk:
            raise InvalidInput(_("Aduan tidak dapat digabungkan dengan dirinya sendiri."))
        if survivor.status in (Status.ARCHIVED, Status.OUT_OF_AUTHORITY):
            raise InvalidInput(
                _("Aduan %(number)s berstatus “%(status)s” dan tidak dapat menjadi aduan utama.")
                % {"number": survivor.tracking_number, "status": survivor.get_status_display()}
            )
        from_state = complaint.status
        complaint.merge_into(survivor)
        return _finish(
            complaint,
            "merge_duplicate",
            by,
            from_state,
            now,
            reason=note,
            data={"survivor": survivor.tracking_number},
            then=lambda event: notify.merged(complaint, survivor, event.pk, now=now),
        )


def redispatch(complaint, agency: Agency, *, by, note: str = "", now=None) -> Complaint:
    """Send to another OPD: the disposition was wrong or the OPD returned it [004]."""
    now = _now(now)
    agency = _active_agency(agency)
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "redispatch", by)
        if complaint.status == Status.DISPATCHED and complaint.agency_id == agency.pk:
            raise InvalidInput(_("Aduan sudah didisposisikan ke %(name)s.") % {"name": agency.name})
        from_state = complaint.status
        previous = complaint.agency
        complaint.redispatch(agency=agency, now=now)
        return _finish(
            complaint,
            "redispatch",
            by,
            from_state,
            now,
            reason=note,
            agency=agency,
            data={"previous_agency": previous.short_name if previous else ""},
            then=lambda event: notify.dispatched(complaint, event.pk, now=now),
        )


def check_identity(complaint, *, by, valid: bool, note: str = "", now=None) -> Complaint:
    """The validator records whether the reporter's NIK checks out [003 step 4-5]."""
    now = _now(now)
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "check_identity", by)
        reporter = complaint.reporter
        reporter.nik_status = Reporter.NikStatus.VALID if valid else Reporter.NikStatus.INVALID
        reporter.nik_checked_by = _staff(by)
        reporter.nik_checked_at = now
        reporter.save(update_fields=["nik_status", "nik_checked_by", "nik_checked_at"])
        _log(
            complaint,
            "check_identity",
            by,
            from_state=complaint.status,
            to_state=complaint.status,
            reason=note,
            data={"nik_status": reporter.nik_status},
            now=now,
        )
        return complaint


# --- agency ----------------------------------------------------------------------------


def return_by_agency(complaint, *, by, reason: str, now=None) -> Complaint:
    """The OPD says it is not theirs; Admin Pengaduan must re-dispatch [002 step 3][004]."""
    now = _now(now)
    reason = _require(reason, _("Tuliskan alasan aduan dikembalikan."))
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "return_by_agency", by)
        from_state = complaint.status
        agency = complaint.agency
        complaint.return_by_agency()
        return _finish(
            complaint,
            "return_by_agency",
            by,
            from_state,
            now,
            reason=reason,
            agency=agency,
            then=lambda event: notify.returned_by_agency(complaint, event.pk, reason, now=now),
        )


def _office_minutes_since_dispatch(complaint: Complaint, now) -> int:
    start = complaint.dispatched_at or complaint.created_at
    return int(sla.default_calendar().office_time_between(start, now).total_seconds() // 60)


def _record_response_times(complaint: Complaint, now) -> None:
    """Fix the service-level outcome of the response while the response deadline is still the
    complaint's deadline (it moves on to the follow-up deadline right after)."""
    complaint.response_office_minutes = _office_minutes_since_dispatch(complaint, now)
    complaint.responded_on_time = complaint.due_at is None or now <= complaint.due_at


def _release_response(complaint: Complaint, update: ComplaintUpdate, now) -> None:
    update.status = ComplaintUpdate.State.SENT
    update.sent_at = now
    update.save(
        update_fields=["status", "sent_at", "decided_by", "decided_at", "decision_note", "text"]
    )


def approval_required(agency) -> bool:
    """Kepala OPD approval: everywhere when the installation says so [002], else per agency."""
    from .models import InstallationSettings

    return agency.requires_response_approval or (
        InstallationSettings.load().response_approval_required
    )


def respond(
    complaint, *, by, text: str, files: Iterable = (), is_public: bool = True, now=None
) -> ComplaintUpdate:
    """The OPD's first answer [000 step 7]. Where the agency requires approval and the author
    is not an approver, the answer waits as a draft and the complaint stays dispatched [002]."""
    now = _now(now)
    text = _require(text, _("Tuliskan tanggapan untuk pelapor."))
    cleaned = _clean_files(files)
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "respond", by)
        needs_approval = approval_required(complaint.agency) and not policy.has_any_role(
            by, policy.APPROVER_ROLES
        )
        update = _add_update(
            complaint,
            ComplaintUpdate.Kind.RESPONSE,
            text,
            by,
            now,
            files=cleaned,
            is_public=is_public,
            draft=needs_approval,
        )
        from_state = complaint.status
        if needs_approval:
            _log(
                complaint,
                "respond",
                by,
                from_state=from_state,
                to_state=from_state,
                agency=complaint.agency,
                data={"update": update.pk, "awaiting_approval": True},
                now=now,
            )
            notify.approval_needed(complaint, update, now=now)
        else:
            _record_response_times(complaint, now)
            complaint.respond(now=now)
            _finish(
                complaint,
                "respond",
                by,
                from_state,
                now,
                agency=complaint.agency,
                data={"update": update.pk},
                then=lambda event: notify.response_sent(complaint, update, now=now),
            )
        return update


def approve_response(complaint, *, by, text: str = "", note: str = "", now=None) -> ComplaintUpdate:
    """Pejabat Penghubung / Kepala OPD approve the drafted answer (maybe edited); it is sent."""
    now = _now(now)
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "approve_response", by)
        update = ComplaintUpdate.objects.select_for_update().get(pk=complaint.pending_response.pk)
        if text.strip():
            update.text = text.strip()
        update.decided_by = _staff(by)
        update.decided_at = now
        update.decision_note = note
        update.status = ComplaintUpdate.State.APPROVED
        _release_response(complaint, update, now)
        from_state = complaint.status
        _record_response_times(complaint, now)
        complaint.approve_response(now=now)
        _finish(
            complaint,
            "approve_response",
            by,
            from_state,
            now,
            reason=note,
            agency=complaint.agency,
            data={"update": update.pk},
            then=lambda event: notify.response_sent(complaint, update, now=now),
        )
        return update


def reject_response(complaint, *, by, reason: str, now=None) -> ComplaintUpdate:
    """Send the draft back to Admin OPD with the reason; the complaint stays dispatched."""
    now = _now(now)
    reason = _require(reason, _("Tuliskan alasan penolakan agar Admin OPD dapat memperbaiki."))
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "reject_response", by)
        update = ComplaintUpdate.objects.select_for_update().get(pk=complaint.pending_response.pk)
        update.status = ComplaintUpdate.State.REJECTED
        update.decided_by = _staff(by)
        update.decided_at = now
        update.decision_note = reason
        update.save(update_fields=["status", "decided_by", "decided_at", "decision_note"])
        _log(
            complaint,
            "reject_response",
            by,
            from_state=complaint.status,
            to_state=complaint.status,
            reason=reason,
            agency=complaint.agency,
            data={"update": update.pk},
            now=now,
        )
        return update


def add_follow_up(
    complaint, *, by, text: str, files: Iterable = (), is_public: bool = True, now=None
) -> ComplaintUpdate:
    """A progress report while the complaint is being handled [000 step 9]."""
    now = _now(now)
    text = _require(text, _("Tuliskan tindak lanjut yang sudah dilakukan."))
    cleaned = _clean_files(files)
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "add_follow_up", by)
        update = _add_update(
            complaint,
            ComplaintUpdate.Kind.FOLLOW_UP,
            text,
            by,
            now,
            files=cleaned,
            is_public=is_public,
        )
        _log(
            complaint,
            "add_follow_up",
            by,
            from_state=complaint.status,
            to_state=complaint.status,
            agency=complaint.agency,
            data={"update": update.pk, "attachments": len(cleaned)},
            now=now,
        )
        notify.follow_up_added(complaint, update, now=now)
        return update


def reusable_evidence(complaint):
    """The agency's earlier photos and documents for this complaint (sent responses and
    follow-ups): what "Selesaikan" may attach again instead of asking for a new upload."""
    return (
        Attachment.objects.filter(
            complaint=complaint,
            update__kind__in=[ComplaintUpdate.Kind.RESPONSE, ComplaintUpdate.Kind.FOLLOW_UP],
            update__status=ComplaintUpdate.State.SENT,
        )
        .select_related("update")
        .order_by("-created_at", "-pk")
    )


def _copies_of(complaint, chosen: Iterable) -> list[CleanFile]:
    """Fresh copies of chosen earlier evidence (each attachment row owns its file: erasing
    or hiding one never takes the other with it)."""
    ids = {getattr(item, "pk", item) for item in chosen or ()}
    if not ids:
        return []
    found = list(reusable_evidence(complaint).filter(pk__in=ids))
    if len(found) != len(ids):
        raise InvalidInput(_("Bukti yang dipilih bukan bukti tindak lanjut aduan ini."))
    copies = []
    for attachment in found:
        with attachment.file.open("rb") as stored:
            copies.append(
                CleanFile(stored.read(), attachment.content_type, attachment.original_name)
            )
    return copies


def resolve(
    complaint,
    *,
    by,
    text: str,
    files: Iterable = (),
    reuse: Iterable = (),
    is_public: bool = True,
    now=None,
) -> Complaint:
    """The OPD completes with the result and evidence, which is required [000 step 9-11]:
    new uploads, or (``reuse``) photos it already sent with a response or follow-up."""
    now = _now(now)
    text = _require(text, _("Tuliskan hasil tindak lanjut."))
    cleaned = _clean_files(files)
    if not cleaned and not reuse:
        raise InvalidInput(
            _(
                "Aduan hanya dapat diselesaikan dengan bukti dukung: unggah minimal satu foto "
                "atau dokumen hasil pekerjaan, atau pilih bukti dari tindak lanjut sebelumnya."
            )
        )
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "resolve", by)
        cleaned += _copies_of(complaint, reuse)
        update = _add_update(
            complaint,
            ComplaintUpdate.Kind.RESOLUTION,
            text,
            by,
            now,
            files=cleaned,
            is_public=is_public,
        )
        from_state = complaint.status
        complaint.resolution_office_minutes = _office_minutes_since_dispatch(complaint, now)
        # While responded, the deadline is the follow-up deadline of the urgency class.
        complaint.resolved_on_time = complaint.due_at is None or now <= complaint.due_at
        complaint.resolve(now=now)
        return _finish(
            complaint,
            "resolve",
            by,
            from_state,
            now,
            reason=text,
            agency=complaint.agency,
            data={"update": update.pk, "attachments": len(cleaned)},
            then=lambda event: notify.resolved(
                complaint, update, sla.current_policy().auto_close_working_days, now=now
            ),
        )


# --- closing ---------------------------------------------------------------------------


def close(complaint, *, by, note: str = "", now=None) -> Complaint:
    """The reporter confirms, or 10 working days pass without a reply [004 step 6]."""
    now = _now(now)
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "close", by)
        from_state = complaint.status
        complaint.close(now=now)
        result = (
            complaint.updates.filter(kind=ComplaintUpdate.Kind.RESOLUTION)
            .order_by("-created_at")
            .values_list("text", flat=True)
            .first()
        )
        return _finish(
            complaint,
            "close",
            by,
            from_state,
            now,
            reason=note,
            then=lambda event: notify.closed(complaint, event.pk, result or "", now=now),
        )


def reopen(complaint, *, by, reason: str, now=None) -> Complaint:
    """Not fixed after all: back to the agency for more follow-up."""
    now = _now(now)
    reason = _require(reason, _("Tuliskan alasan aduan dibuka kembali."))
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "reopen", by)
        from_state = complaint.status
        complaint.reopen()
        by_reporter = by == policy.REPORTER_ACTOR
        return _finish(
            complaint,
            "reopen",
            by,
            from_state,
            now,
            reason=reason,
            agency=complaint.agency,
            then=lambda event: notify.reopened(
                complaint, event.pk, reason, by_reporter=by_reporter, now=now
            ),
        )


def record_satisfaction(complaint, *, rating, comment: str = "", by, now=None):
    """The reporter's satisfaction survey answer (SKM, 1–5), once per complaint [002].

    Only the reporter (through the bot) or an admin typing in an answer given by phone may
    record it, and only once the agency has finished (resolved or closed).
    """
    now = _now(now)
    try:
        rating = int(rating)
    except (TypeError, ValueError):
        rating = 0
    if rating not in SatisfactionResponse.Rating.values:
        raise InvalidInput(_("Nilai kepuasan harus angka 1 sampai 5."))
    if by != policy.REPORTER_ACTOR and not policy.has_any_role(by, (policy.ADMIN_PENGADUAN,)):
        raise ActionForbidden(_("Hanya pelapor atau Admin Pengaduan yang dapat mengisi survei."))
    with transaction.atomic():
        complaint = _lock(complaint)
        if complaint.status not in (Status.RESOLVED, Status.CLOSED):
            raise TransitionNotAllowed(
                _("Survei kepuasan diisi setelah aduan selesai ditindaklanjuti.")
            )
        if SatisfactionResponse.objects.filter(complaint=complaint).exists():
            raise TransitionNotAllowed(_("Survei kepuasan untuk aduan ini sudah diisi."))
        answer = SatisfactionResponse.objects.create(
            complaint=complaint,
            rating=rating,
            comment=(comment or "").strip()[:2000],
            created_at=now,
        )
        _log(
            complaint,
            "rate",
            by,
            from_state=complaint.status,
            to_state=complaint.status,
            agency=complaint.agency,
            data={"rating": rating},
            now=now,
        )
        return answer


def add_reporter_message(
    complaint, *, text: str, files: Iterable = (), by=policy.REPORTER_ACTOR, now=None
) -> ComplaintUpdate:
    """The citizen adds to an open complaint (more detail, photos); the agency is told."""
    now = _now(now)
    cleaned = _clean_files(files)
    text = (text or "").strip()
    if not text and not cleaned:
        raise InvalidInput(_("Pesan kosong."))
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "add_reporter_message", by)
        update = ComplaintUpdate.objects.create(
            complaint=complaint,
            kind=ComplaintUpdate.Kind.REPORTER_MESSAGE,
            text=text or _("(lampiran dari pelapor)"),
            status=ComplaintUpdate.State.INTERNAL,
            is_public=False,
            agency=complaint.agency,
            created_at=now,
        )
        _store_files(complaint, cleaned, by=by, update=update)
        _log(
            complaint,
            "add_reporter_message",
            by,
            from_state=complaint.status,
            to_state=complaint.status,
            data={"update": update.pk, "attachments": len(cleaned)},
            now=now,
        )
        if complaint.agency_id and complaint.status != Status.RETURNED_BY_AGENCY:
            notify.reporter_message(complaint, update, now=now)
        return update


# --- notes and edits -------------------------------------------------------------------


def add_note(complaint, *, by, text: str, now=None) -> ComplaintUpdate:
    """An internal note for staff: never public, never sent to the reporter."""
    now = _now(now)
    text = _require(text, _("Catatan tidak boleh kosong."))
    with transaction.atomic():
        complaint = _lock(complaint)
        _authorize(complaint, "add_note", by)
        update = ComplaintUpdate.objects.create(
            complaint=complaint,
            kind=ComplaintUpdate.Kind.NOTE,
            text=text,
            status=ComplaintUpdate.State.INTERNAL,
            is_public=False,
            author=_staff(by),
            agency=policy_agency(by),
            created_at=now,
        )
        _log(
            complaint,
            "add_note",
            by,
            from_state=complaint.status,
            to_state=complaint.status,
            data={"update": update.pk},
            now=now,
        )
        return update


def policy_agency(by) -> Agency | None:
    agency_id = policy.agency_id_of(by)
    return Agency.objects.filter(pk=agency_id).first() if agency_id else None


def edit_details(complaint, *, by, changes: dict, now=None) -> Complaint:
    """Admin edits of the fields the state allows (only the public copy after dispatch)."""
    now = _now(now)
    with transaction.atomic():
        complaint = _lock(complaint)
        if not policy.can_view(by, complaint):
            raise ActionForbidden(_("Anda tidak berwenang mengubah aduan ini."))
        allowed = set(policy.editable_fields(by, complaint))
        refused = sorted(set(changes) - allowed)
        if refused:
            raise ActionForbidden(
                _("Kolom berikut tidak dapat diubah pada status “%(status)s”: %(fields)s.")
                % {"status": complaint.get_status_display(), "fields": ", ".join(refused)}
            )
        changed = [name for name, value in changes.items() if getattr(complaint, name) != value]
        if not changed:
            return complaint
        for name in changed:
            setattr(complaint, name, changes[name])
        try:
            complaint.full_clean(
                exclude=["status", "reporter", "agency", "duplicate_of", "created_by"]
            )
        except ValidationError as exc:
            raise InvalidInput(" ".join(exc.messages)) from exc
        if "urgency" in changed and complaint.status == Status.RESPONDED:
            sla_policy = sla.current_policy()
            complaint.due_at = sla.follow_up_deadline(
                complaint.urgency,
                complaint.responded_at or now,
                sla_policy,
                sla.calendar_for(sla_policy),
            )
        complaint.save()
        # Field names only: the log must not become a second copy of personal data.
        _log(
            complaint,
            ActivityLog.EDIT,
            by,
            from_state=complaint.status,
            to_state=complaint.status,
            data={"fields": sorted(changed)},
            now=now,
        )
        return complaint


def log_personal_data_view(
    by, *, complaint: Complaint | None = None, reporter=None, what: str = ""
):
    """Record that a staff member looked at a reporter's NIK, number or address."""
    actor, kind = _actor(by)
    return ActivityLog.objects.create(
        complaint=complaint,
        reporter=reporter or (complaint.reporter if complaint else None),
        action=ActivityLog.VIEW_PERSONAL_DATA,
        actor=actor,
        actor_kind=kind,
        data={"what": what} if what else {},
    )


def log_export(by, *, count: int, export_format: str, query: str = "") -> ActivityLog:
    actor, kind = _actor(by)
    return ActivityLog.objects.create(
        action=ActivityLog.EXPORT,
        actor=actor,
        actor_kind=kind,
        data={"count": count, "format": export_format, "query": query[:500]},
    )
