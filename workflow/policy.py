"""Who may see, edit and act on a complaint in each state: one declarative table.

As in Plone/Zope workflows, the state decides the permissions. The admin views, the
service functions, the model's FSM transitions and the tests all read these tables, so a
rule changes in one place. Agency roles (Admin OPD, Pejabat Penghubung, Kepala OPD) only
ever reach complaints currently assigned to their own agency.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from .states import Status

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser

ADMIN_PENGADUAN = "Admin Pengaduan"
VALIDATOR = "Validator"
ADMIN_OPD = "Admin OPD"
PEJABAT_PENGHUBUNG = "Pejabat Penghubung"
KEPALA_OPD = "Kepala OPD"
EDITOR_FAQ = "Editor FAQ"

STAFF_ROLES = (ADMIN_PENGADUAN, VALIDATOR, ADMIN_OPD, PEJABAT_PENGHUBUNG, KEPALA_OPD, EDITOR_FAQ)
AGENCY_ROLES = frozenset({ADMIN_OPD, PEJABAT_PENGHUBUNG, KEPALA_OPD})
APPROVER_ROLES = frozenset({PEJABAT_PENGHUBUNG, KEPALA_OPD})

# Actors that are not staff users: the citizen acting over WhatsApp/web, and the scheduler.
REPORTER = "reporter"
SYSTEM = "system"


@dataclass(frozen=True)
class Actor:
    """A non-staff actor passed as ``by=`` to the service functions."""

    role: str
    label: str

    @property
    def is_authenticated(self) -> bool:
        return False


REPORTER_ACTOR = Actor(REPORTER, "Pelapor")
SYSTEM_ACTOR = Actor(SYSTEM, "Sistem")

ALL_STATES = frozenset(Status.values)
AGENCY_VISIBLE_STATES = frozenset(
    {Status.DISPATCHED, Status.RESPONDED, Status.RESOLVED, Status.CLOSED}
)

# Which complaints each role may open. Agency roles: only their own agency's, and only while
# it is with them (an agency loses access to a complaint it returned or that moved elsewhere).
VISIBLE_STATES: dict[str, frozenset[str]] = {
    ADMIN_PENGADUAN: ALL_STATES,
    VALIDATOR: frozenset({Status.SUBMITTED, Status.RETURNED_TO_REPORTER}),
    ADMIN_OPD: AGENCY_VISIBLE_STATES,
    PEJABAT_PENGHUBUNG: AGENCY_VISIBLE_STATES,
    KEPALA_OPD: AGENCY_VISIBLE_STATES,
    EDITOR_FAQ: frozenset(),
}

_INTAKE_FIELDS = (
    "text",
    "public_text",
    "location_text",
    "latitude",
    "longitude",
    "visibility",
    "urgency",
    "channel",
    "source_reference",
)
_AFTER_DISPATCH_FIELDS = ("public_text", "visibility", "urgency")

# Fields Admin Pengaduan may edit in each state. Nobody edits the citizen's text after
# dispatch, only the redacted public copy, the visibility and the urgency class.
EDITABLE_FIELDS: dict[str, tuple[str, ...]] = {
    Status.SUBMITTED: _INTAKE_FIELDS,
    Status.RETURNED_TO_REPORTER: _INTAKE_FIELDS,
    Status.DISPATCHED: _AFTER_DISPATCH_FIELDS,
    Status.RETURNED_BY_AGENCY: _AFTER_DISPATCH_FIELDS,
    Status.RESPONDED: _AFTER_DISPATCH_FIELDS,
    Status.RESOLVED: _AFTER_DISPATCH_FIELDS,
    Status.CLOSED: ("public_text", "visibility"),
    Status.ARCHIVED: (),
    Status.OUT_OF_AUTHORITY: ("public_text", "visibility"),
}
EDITOR_ROLES = frozenset({ADMIN_PENGADUAN})


@dataclass(frozen=True)
class Action:
    """One thing a person (or the system) can do to a complaint."""

    name: str
    label: str
    sources: frozenset[str]
    roles: frozenset[str]
    target: str | None = None  # None: the state does not change
    style: str = "button-secondary"
    description: str = ""
    # Name of a Complaint method that must also return True (a data condition, not a role).
    condition: str = ""


def _action(name, label, sources, roles, target=None, **kwargs) -> Action:
    return Action(name, label, frozenset(sources), frozenset(roles), target, **kwargs)


ACTIONS: dict[str, Action] = {
    a.name: a
    for a in [
        _action(
            "verify_and_dispatch",
            _("Verifikasi & disposisi"),
            {Status.SUBMITTED},
            {ADMIN_PENGADUAN},
            Status.DISPATCHED,
            style="button",
            description=_("Aduan lengkap dan benar: teruskan ke OPD yang berwenang."),
        ),
        _action(
            "return_to_reporter",
            _("Kembalikan ke pelapor"),
            {Status.SUBMITTED},
            {ADMIN_PENGADUAN},
            Status.RETURNED_TO_REPORTER,
            description=_("Data aduan belum lengkap: pelapor diminta melengkapi."),
        ),
        _action(
            "resubmit",
            _("Pelapor sudah melengkapi"),
            {Status.RETURNED_TO_REPORTER},
            {ADMIN_PENGADUAN, REPORTER},
            Status.SUBMITTED,
            description=_(
                "Catat kelengkapan yang dikirim pelapor; aduan kembali menunggu verifikasi."
            ),
        ),
        _action(
            "archive",
            _("Arsipkan"),
            {Status.SUBMITTED, Status.RETURNED_TO_REPORTER},
            {ADMIN_PENGADUAN, SYSTEM},
            Status.ARCHIVED,
            style="button-secondary no",
            description=_("Spam, tidak relevan, tidak valid, atau tidak dilengkapi pelapor."),
        ),
        _action(
            "restore",
            _("Pulihkan dari arsip"),
            {Status.ARCHIVED},
            {ADMIN_PENGADUAN},
            Status.SUBMITTED,
        ),
        _action(
            "forward_out_of_authority",
            _("Bukan kewenangan daerah"),
            {Status.SUBMITTED, Status.RETURNED_BY_AGENCY},
            {ADMIN_PENGADUAN},
            Status.OUT_OF_AUTHORITY,
            description=_("Teruskan ke instansi lain dan beri tahu pelapor ke mana harus mengadu."),
        ),
        _action(
            "return_by_agency",
            _("Kembalikan ke Admin Pengaduan"),
            {Status.DISPATCHED},
            AGENCY_ROLES,
            Status.RETURNED_BY_AGENCY,
            description=_("Aduan bukan tugas dan fungsi OPD ini; sertakan alasannya."),
        ),
        _action(
            "redispatch",
            _("Disposisi ulang"),
            {Status.DISPATCHED, Status.RETURNED_BY_AGENCY},
            {ADMIN_PENGADUAN},
            Status.DISPATCHED,
            description=_("Pindahkan aduan ke OPD lain (disposisi keliru atau dikembalikan)."),
        ),
        _action(
            "respond",
            _("Tanggapi"),
            {Status.DISPATCHED},
            AGENCY_ROLES,
            Status.RESPONDED,
            style="button",
            condition="has_no_pending_response",
            description=_(
                "Tulis tanggapan untuk pelapor. Bila OPD mewajibkan persetujuan, tanggapan "
                "Admin OPD menunggu persetujuan Pejabat Penghubung atau Kepala OPD."
            ),
        ),
        _action(
            "approve_response",
            _("Setujui tanggapan"),
            {Status.DISPATCHED},
            APPROVER_ROLES,
            Status.RESPONDED,
            style="button",
            condition="has_pending_response",
        ),
        _action(
            "reject_response",
            _("Tolak tanggapan"),
            {Status.DISPATCHED},
            APPROVER_ROLES,
            None,
            condition="has_pending_response",
        ),
        _action(
            "add_follow_up",
            _("Tambah tindak lanjut"),
            {Status.RESPONDED},
            AGENCY_ROLES,
            None,
            description=_("Laporkan perkembangan penanganan, dengan foto atau dokumen bila ada."),
        ),
        _action(
            "resolve",
            _("Selesaikan"),
            {Status.RESPONDED},
            AGENCY_ROLES,
            Status.RESOLVED,
            style="button",
            description=_("Hasil tindak lanjut disertai bukti dukung (foto atau dokumen) wajib."),
        ),
        _action(
            "close",
            _("Tutup aduan"),
            {Status.RESOLVED},
            {ADMIN_PENGADUAN, REPORTER, SYSTEM},
            Status.CLOSED,
        ),
        _action(
            "reopen",
            _("Buka kembali"),
            {Status.RESOLVED, Status.CLOSED},
            {ADMIN_PENGADUAN, REPORTER},
            Status.RESPONDED,
            description=_("Masalah belum selesai: OPD diminta menindaklanjuti lagi."),
        ),
        _action(
            "merge_duplicate",
            _("Gabungkan (duplikat)"),
            {Status.SUBMITTED, Status.RETURNED_TO_REPORTER},
            {ADMIN_PENGADUAN},
            Status.ARCHIVED,
            description=_(
                "Aduan ini sama dengan aduan lain; pelapor diberi tahu nomor yang dipakai."
            ),
        ),
        _action(
            "check_identity",
            _("Periksa NIK"),
            {Status.SUBMITTED, Status.RETURNED_TO_REPORTER},
            {ADMIN_PENGADUAN, VALIDATOR},
            None,
            condition="has_nik",
        ),
        _action(
            "add_reporter_message",
            _("Keterangan tambahan pelapor"),
            {
                Status.SUBMITTED,
                Status.DISPATCHED,
                Status.RETURNED_BY_AGENCY,
                Status.RESPONDED,
                Status.RESOLVED,
            },
            {REPORTER},
            None,
        ),
        _action(
            "add_note",
            _("Catatan internal"),
            ALL_STATES,
            {ADMIN_PENGADUAN, VALIDATOR, *AGENCY_ROLES},
            None,
        ),
    ]
}


def sources(action_name: str) -> list[str]:
    """The states an action starts from, as the list django-fsm's ``transition`` expects."""
    return sorted(str(state) for state in ACTIONS[action_name].sources)


def roles_of(user) -> frozenset[str]:
    """The workflow roles of a staff user (its group names), or of a pseudo actor."""
    if isinstance(user, Actor):
        return frozenset({user.role})
    if user is None or not getattr(user, "is_authenticated", False) or not user.is_active:
        return frozenset()
    if user.is_superuser:
        return frozenset({ADMIN_PENGADUAN})
    cached = getattr(user, "_sambat_roles", None)
    if cached is None:
        names = user.groups.filter(name__in=STAFF_ROLES).values_list("name", flat=True)
        cached = frozenset(names)
        user._sambat_roles = cached
    return cached


def agency_id_of(user) -> int | None:
    """The agency a staff user works for (None for central staff and pseudo actors)."""
    if isinstance(user, Actor) or user is None or not getattr(user, "is_authenticated", False):
        return None
    if not hasattr(user, "_sambat_agency_id"):
        from pengaduan.models import StaffProfile

        profile = StaffProfile.objects.filter(user_id=user.pk).values_list("agency_id", flat=True)
        user._sambat_agency_id = profile.first()
    return user._sambat_agency_id


def visibility_q(user: AbstractBaseUser) -> Q | None:
    """A filter for the complaints ``user`` may see; None when it may see none."""
    roles = roles_of(user)
    if ADMIN_PENGADUAN in roles:
        return Q()
    clauses = []
    agency_id = agency_id_of(user)
    for role in roles:
        states = VISIBLE_STATES.get(role, frozenset())
        if not states:
            continue
        if role in AGENCY_ROLES:
            if agency_id is not None:
                clauses.append(Q(agency_id=agency_id, status__in=sorted(states)))
        else:
            clauses.append(Q(status__in=sorted(states)))
    if not clauses:
        return None
    combined = clauses[0]
    for clause in clauses[1:]:
        combined |= clause
    return combined


def can_view(user, complaint) -> bool:
    roles = roles_of(user)
    if ADMIN_PENGADUAN in roles:
        return True
    for role in roles:
        if complaint.status not in VISIBLE_STATES.get(role, ()):
            continue
        if role not in AGENCY_ROLES:
            return True
        if complaint.agency_id is not None and complaint.agency_id == agency_id_of(user):
            return True
    return False


def _acting_roles(user, complaint, action: Action) -> set[str]:
    """The roles through which ``user`` may perform ``action`` on ``complaint``."""
    roles = roles_of(user) & action.roles
    agency_id = agency_id_of(user)
    return {
        role
        for role in roles
        if role not in AGENCY_ROLES
        or (complaint.agency_id is not None and complaint.agency_id == agency_id)
    }


def can(user, action_name: str, complaint) -> bool:
    """May ``user`` perform the action on the complaint in its current state?"""
    action = ACTIONS[action_name]
    if complaint.status not in action.sources:
        return False
    if action.condition and not getattr(complaint, action.condition)():
        return False
    if not isinstance(user, Actor) and not can_view(user, complaint):
        return False  # nobody acts on what they may not see
    return bool(_acting_roles(user, complaint, action))


def allowed_actions(user, complaint) -> list[Action]:
    """The actions ``user`` may take now, in table order (used for the admin buttons)."""
    return [a for a in ACTIONS.values() if can(user, a.name, complaint)]


def editable_fields(user, complaint) -> tuple[str, ...]:
    if not roles_of(user) & EDITOR_ROLES:
        return ()
    return EDITABLE_FIELDS.get(complaint.status, ())


def transition_permission(action_name: str):
    """A django-fsm ``permission=`` callable backed by this table."""

    def check(instance, user) -> bool:
        return can(user, action_name, instance)

    check.__name__ = f"can_{action_name}"
    return check


def has_any_role(user, roles: Iterable[str]) -> bool:
    return bool(roles_of(user) & frozenset(roles))
