"""What one complaint shows the public: everything for published complaints, only status and
dates for the rest [SPEC §7]. Texts pass a last privacy net before they are shown."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Prefetch, Q
from django.utils.translation import gettext as _

from pengaduan.models import Attachment, Complaint, ComplaintUpdate
from pengaduan.redaction import public_copy
from workflow.states import Status

PUBLIC_UPDATE_KINDS = (
    ComplaintUpdate.Kind.RESPONSE,
    ComplaintUpdate.Kind.FOLLOW_UP,
    ComplaintUpdate.Kind.RESOLUTION,
)
# Sent to the reporter (or approved on the way there): drafts and rejected drafts never show.
PUBLISHED_UPDATE_STATES = (ComplaintUpdate.State.SENT, ComplaintUpdate.State.APPROVED)


def safe_text(text: str, complaint: Complaint) -> str:
    """NIK, phone numbers, e-mail addresses and the reporter's address out; for anonymous
    complaints the reporter's name too (pengaduan.redaction.public_copy; search indexes the
    same pass, so a hidden name or address cannot be found by searching for it either)."""
    anonymous = complaint.visibility != Complaint.Visibility.PUBLIC
    return public_copy(text, reporter=complaint.reporter, anonymous=anonymous)


def public_photos():
    return Attachment.objects.filter(is_public=True, content_type__startswith="image/").only(
        "id", "complaint_id", "update_id", "content_type", "created_at"
    )


def shown_photos():
    """Public photos the public may see by themselves: the complaint's own, or those of a
    published response or follow-up (the same rule as ``photo_for``, as a queryset)."""
    return public_photos().filter(
        Q(update__isnull=True)
        | Q(
            update__kind__in=PUBLIC_UPDATE_KINDS,
            update__status__in=PUBLISHED_UPDATE_STATES,
            update__is_public=True,
        )
    )


def public_updates(complaint: Complaint) -> list[ComplaintUpdate]:
    updates = list(
        complaint.updates.filter(
            kind__in=PUBLIC_UPDATE_KINDS, status__in=PUBLISHED_UPDATE_STATES, is_public=True
        )
        .select_related("agency")
        .prefetch_related(Prefetch("attachments", queryset=public_photos(), to_attr="photos"))
        .order_by("created_at", "id")
    )
    for update in updates:
        update.public_text = safe_text(update.text, complaint)
    return updates


@dataclass
class TimelineEntry:
    moment: object
    title: str
    text: str = ""
    photos: tuple = ()
    kind: str = "event"


def timeline(complaint: Complaint, updates: list[ComplaintUpdate]) -> list[TimelineEntry]:
    """The public history: milestones from the complaint's own dates, and published updates."""
    agency = complaint.agency.name if complaint.agency_id else ""
    entries = [TimelineEntry(complaint.created_at, _("Aduan diterima"), kind="received")]
    if complaint.dispatched_at:
        entries.append(
            TimelineEntry(
                complaint.dispatched_at,
                _("Diverifikasi dan diteruskan ke %(agency)s") % {"agency": agency},
                kind="dispatched",
            )
        )
    for update in updates:
        by = update.agency.name if update.agency_id else agency
        entries.append(
            TimelineEntry(
                update.sent_at or update.created_at,
                f"{update.get_kind_display()} · {by}" if by else update.get_kind_display(),
                update.public_text,
                tuple(update.photos),
                kind=update.kind,
            )
        )
    status = complaint.status
    if status == Status.RETURNED_BY_AGENCY:
        entries.append(
            TimelineEntry(
                complaint.status_changed_at,
                _("Dikembalikan OPD; menunggu disposisi ulang oleh Admin Pengaduan"),
                kind="returned",
            )
        )
    if status == Status.OUT_OF_AUTHORITY:
        entries.append(
            TimelineEntry(
                complaint.status_changed_at,
                _("Bukan kewenangan Pemerintah Kabupaten; diteruskan ke %(to)s")
                % {"to": complaint.forwarded_to or _("instansi berwenang")},
                kind="forwarded",
            )
        )
    if complaint.resolved_at:
        entries.append(
            TimelineEntry(complaint.resolved_at, _("Selesai ditindaklanjuti"), kind="resolved")
        )
    if complaint.closed_at:
        entries.append(TimelineEntry(complaint.closed_at, _("Aduan ditutup"), kind="closed"))
    return sorted(entries, key=lambda entry: entry.moment)


def find(number: str) -> Complaint | None:
    return (
        Complaint.objects.select_related("agency", "reporter", "satisfaction", "duplicate_of")
        .filter(tracking_number=number)
        .first()
    )


def photo_for(complaint: Complaint, attachment_id: int) -> Attachment | None:
    """A photo the public may see: of a published complaint, marked public, and either the
    complaint's own or part of a published response / follow-up."""
    if not complaint.is_public:
        return None
    photo = (
        public_photos()
        .filter(complaint=complaint, pk=attachment_id)
        .select_related("update")
        .only(
            "id",
            "file",
            "sha256",
            "content_type",
            "update__kind",
            "update__status",
            "update__is_public",
        )
        .first()
    )
    if photo is None:
        return None
    update = photo.update
    if update is not None and not (
        update.kind in PUBLIC_UPDATE_KINDS
        and update.status in PUBLISHED_UPDATE_STATES
        and update.is_public
    ):
        return None
    return photo
