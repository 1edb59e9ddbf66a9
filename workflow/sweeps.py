"""The scheduler's periodic work: reminders and escalation, auto-close, archiving abandoned
returns, and the daily breach digest (SPEC §4). Each sweep is safe to run twice at once: a
reminder is a row with a unique (complaint, round, period) key, and only the sweep that
inserts it queues its messages; lifecycle changes go through workflow.services, which lock
the row and re-check its state."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter

from django.db import IntegrityError, transaction
from django.db.models import Count, Max
from django.utils import timezone

from pengaduan.models import Complaint

from . import messages, notify, policy, services, sla
from .models import Notification, Reminder
from .states import STAFF_CLOCK_STATES, Status

logger = logging.getLogger(__name__)
A = Notification.Audience


def _round_key(moment: dt.datetime) -> str:
    return str(int(moment.timestamp()))


def _claim_period(complaint, kind, round_key, period, number, escalated, now):
    """Insert the reminder row; None when another sweep already did (or does) it."""
    try:
        with transaction.atomic():
            return Reminder.objects.create(
                complaint=complaint,
                kind=kind,
                round_key=round_key,
                period=period,
                number=number,
                escalated=escalated,
                created_at=now,
            )
    except IntegrityError:
        return None


def _reminders_so_far(complaints, kind: str) -> dict[tuple[int, str], tuple[int, dt.datetime]]:
    """(complaint, round) → (how many reminders, when the last one went out)."""
    rows = (
        Reminder.objects.filter(complaint__in=complaints, kind=kind)
        .values("complaint_id", "round_key")
        .annotate(count=Count("id"), last=Max("created_at"))
    )
    return {(r["complaint_id"], r["round_key"]): (r["count"], r["last"]) for r in rows}


@messages.cached_templates()
def remind_unanswered(now: dt.datetime | None = None, sla_policy=None) -> int:
    """Hourly re-notification while a disposition has no response [000 step 7].

    Period k starts k intervals after the disposition; the first reminder goes to Admin OPD,
    from the ``escalate_after``-th on also to the Sekretaris and Kepala OPD. Nothing is sent
    in quiet hours, and periods missed at night are not made up in a burst in the morning.
    """
    now = now or timezone.now()
    sla_policy = sla_policy or sla.current_policy()
    if sla_policy.is_quiet(now, sla.local_zone()):
        return 0
    interval = dt.timedelta(minutes=sla_policy.reminder_interval_minutes)
    complaints = list(
        Complaint.objects.filter(status=Status.DISPATCHED, dispatched_at__lte=now - interval)
        .select_related("agency", "reporter")
        .order_by("pk")
    )
    sent = 0
    for start in range(0, len(complaints), 500):
        batch = complaints[start : start + 500]
        so_far = _reminders_so_far(batch, Reminder.Kind.RESPONSE)
        sent += _remind_batch(batch, so_far, now, interval, sla_policy)
    return sent


def _remind_batch(batch, so_far, now, interval, sla_policy) -> int:
    """One transaction per batch (one commit, not one per complaint); a savepoint each."""
    sent = 0
    with transaction.atomic():
        for complaint in batch:
            round_key = _round_key(complaint.dispatched_at)
            count, last = so_far.get((complaint.pk, round_key), (0, None))
            number = count + 1
            if number > sla_policy.max_reminders:
                continue
            if last is not None and now - last < interval:
                continue  # after quiet hours, keep reminders an interval apart
            period = int((now - complaint.dispatched_at) / interval)
            escalated = number >= sla_policy.escalate_after
            reminder = _claim_period(
                complaint, Reminder.Kind.RESPONSE, round_key, period, number, escalated, now
            )
            if reminder is None:
                continue
            key = f"reminder:{reminder.pk}"
            params = {
                "ke": number,
                "sejak": notify.when(complaint.dispatched_at),
                "batas": notify.when(complaint.due_at),
            }
            notify.to_agency(complaint, "agency.reminder", key, [A.AGENCY_ADMIN], now=now, **params)
            if escalated:
                notify.to_agency(
                    complaint, "agency.escalation", key, notify.APPROVERS, now=now, **params
                )
            sent += 1
    return sent


@messages.cached_templates()
def remind_overdue_follow_ups(now: dt.datetime | None = None, sla_policy=None) -> int:
    """Once per working day while a follow-up is past its deadline, in office hours."""
    now = now or timezone.now()
    sla_policy = sla_policy or sla.current_policy()
    zone = sla.local_zone()
    calendar = sla.calendar_for(sla_policy, zone)
    local = timezone.localtime(now, zone)
    if (
        not calendar.is_working_day(local.date())
        or not sla_policy.office_start <= local.time() < sla_policy.office_end
    ):
        return 0
    complaints = list(
        Complaint.objects.filter(status=Status.RESPONDED, due_at__lt=now)
        .select_related("agency", "reporter")
        .order_by("pk")
    )
    period = int(local.date().strftime("%Y%m%d"))
    sent = 0
    for start in range(0, len(complaints), 500):
        batch = complaints[start : start + 500]
        so_far = _reminders_so_far(batch, Reminder.Kind.FOLLOW_UP)
        for complaint in batch:
            round_key = _round_key(complaint.due_at)
            number = so_far.get((complaint.pk, round_key), (0, None))[0] + 1
            if number > sla_policy.max_reminders:
                continue
            escalated = number >= sla_policy.escalate_after
            with transaction.atomic():
                reminder = _claim_period(
                    complaint, Reminder.Kind.FOLLOW_UP, round_key, period, number, escalated, now
                )
                if reminder is None:
                    continue
                audiences = notify.ALL_AGENCY if escalated else [A.AGENCY_ADMIN]
                notify.to_agency(
                    complaint,
                    "agency.follow_up_overdue",
                    f"follow_up_overdue:{reminder.pk}",
                    audiences,
                    now=now,
                    ke=number,
                    batas=notify.when(complaint.due_at),
                )
            sent += 1
    return sent


def _change_each_due(status: str, now: dt.datetime, change) -> int:
    """Apply ``change(pk)`` to every complaint in ``status`` whose deadline has passed."""
    done = 0
    due = Complaint.objects.filter(status=status, due_at__lte=now).values_list("pk", flat=True)
    for pk in list(due):
        try:
            change(pk)
            done += 1
        except services.WorkflowError:
            continue  # changed meanwhile (reopened, closed or archived by someone else)
    return done


def close_silent_resolutions(now: dt.datetime | None = None) -> int:
    """Resolved and no word from the reporter for 10 working days: closed [004 step 6]."""
    now = now or timezone.now()
    return _change_each_due(
        Status.RESOLVED,
        now,
        lambda pk: services.close(
            pk,
            by=policy.SYSTEM_ACTOR,
            note="Ditutup otomatis: tidak ada tanggapan pelapor setelah penyelesaian.",
            now=now,
        ),
    )


def archive_abandoned_returns(now: dt.datetime | None = None) -> int:
    """The reporter never completed a returned complaint: archived as incomplete."""
    now = now or timezone.now()
    return _change_each_due(
        Status.RETURNED_TO_REPORTER,
        now,
        lambda pk: services.archive(
            pk,
            by=policy.SYSTEM_ACTOR,
            reason_code=Complaint.ArchiveReason.INCOMPLETE,
            note="Pelapor tidak melengkapi aduan dalam batas waktu.",
            now=now,
        ),
    )


def send_breach_digest(now: dt.datetime | None = None, sla_policy=None) -> int:
    """Once a day after ``digest_time``: the late complaints per agency to Admin Pengaduan."""
    now = now or timezone.now()
    sla_policy = sla_policy or sla.current_policy()
    local = timezone.localtime(now, sla.local_zone())
    if local.time() < sla_policy.digest_time:
        return 0
    late = Complaint.objects.filter(status__in=sorted(STAFF_CLOCK_STATES), due_at__lt=now)
    per_agency = Counter(late.values_list("agency__short_name", flat=True).iterator())
    total = sum(per_agency.values())
    if not total:
        return 0
    lines = [
        f"- {name or 'Belum didisposisi'}: {count}"
        for name, count in sorted(per_agency.items(), key=lambda item: (-item[1], item[0] or ""))
    ]
    notify.to_admins(
        "admin.breach_digest",
        f"digest:{local.date().isoformat()}",
        {
            "tanggal": f"{local:%d/%m/%Y}",
            "jumlah": total,
            "rincian": "\n".join(lines[:20]),
            "tautan_admin": f"{notify.admin_link()}?late=true",
        },
        now=now,
    )
    return total
