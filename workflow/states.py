"""The complaint states (SPEC §3). Kept apart from the models so the policy table can name them."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Status(models.TextChoices):
    SUBMITTED = "submitted", _("Menunggu verifikasi")
    RETURNED_TO_REPORTER = "returned_to_reporter", _("Perlu dilengkapi")
    DISPATCHED = "dispatched", _("Didisposisi ke OPD")
    RETURNED_BY_AGENCY = "returned_by_agency", _("Dikembalikan OPD")
    RESPONDED = "responded", _("Ditanggapi")
    RESOLVED = "resolved", _("Selesai ditindaklanjuti")
    CLOSED = "closed", _("Ditutup")
    ARCHIVED = "archived", _("Diarsipkan")
    OUT_OF_AUTHORITY = "out_of_authority", _("Bukan kewenangan")


# States in which somebody on staff owes the next step, so the deadline can be missed.
STAFF_CLOCK_STATES = frozenset(
    {Status.SUBMITTED, Status.DISPATCHED, Status.RETURNED_BY_AGENCY, Status.RESPONDED}
)
# States a complaint never leaves by itself (closed may be reopened by an admin).
FINAL_STATES = frozenset({Status.CLOSED, Status.ARCHIVED, Status.OUT_OF_AUTHORITY})
# Verified by an admin: the complaint may appear on the public site (if its visibility allows).
VERIFIED_STATES = frozenset({Status.DISPATCHED, Status.RESPONDED, Status.RESOLVED, Status.CLOSED})
# On the public site (if its visibility allows): verified, and decided by staff since. A
# complaint an agency handed back, or one forwarded elsewhere, stays visible, so the public
# sees it was not dropped. Never: submitted, returned_to_reporter, archived [SPEC §7].
PUBLIC_STATES = VERIFIED_STATES | {Status.RETURNED_BY_AGENCY, Status.OUT_OF_AUTHORITY}
