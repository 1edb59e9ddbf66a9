"""Deadlines of the SOPs [000][002][004], computed from the editable SLA policy.

Each state has one party who owes the next step and one deadline:
- submitted / returned_by_agency: Admin Pengaduan verifies and dispatches (5 office minutes,
  or N working days where a preset says so [004]);
- dispatched: the agency responds (4 office hours [000 step 7], or N working days [001]);

All of it on the installation's clock (InstallationSettings.time_zone: WIB, WITA or WIT).
- responded: the agency follows up, by urgency class (1 / 3 / 5 / 14 working days, 60 days);
- returned_to_reporter: the reporter completes — the staff clock is paused, and the complaint
  is archived after N working days without an answer;
- resolved: the reporter may object; closed automatically after 10 working days [004 step 6].
"""

from __future__ import annotations

import datetime as dt

from .calendar import WorkingCalendar
from .states import Status


def current_policy():
    from .models import SlaPolicy

    return SlaPolicy.load()


def local_zone() -> dt.tzinfo:
    """The installation's clock (WIB / WITA / WIT); Django's TIME_ZONE only stores and defaults."""
    from .models import InstallationSettings

    return InstallationSettings.load().zone


def calendar_for(policy, tz: dt.tzinfo | None = None) -> WorkingCalendar:
    from .models import Holiday

    return WorkingCalendar(
        weekdays=policy.weekdays,
        office_start=policy.office_start,
        office_end=policy.office_end,
        extra_holidays=Holiday.objects.values_list("date", flat=True),
        tz=tz or local_zone(),
    )


def default_calendar() -> WorkingCalendar:
    return calendar_for(current_policy())


def follow_up_deadline(urgency: str, start: dt.datetime, policy, calendar: WorkingCalendar):
    if urgency == "field_inspection":
        return start + dt.timedelta(days=policy.follow_up_field_inspection_days)
    days = {
        "urgent": policy.follow_up_urgent_days,
        "information": policy.follow_up_information_days,
        "no_inspection": policy.follow_up_no_inspection_days,
    }.get(urgency, policy.follow_up_normal_days)
    return calendar.add_working_days(start, days)


def deadline_for(complaint, now: dt.datetime, policy=None, calendar=None):
    """The deadline of the current state, entered at ``now``; None for final states."""
    policy = policy or current_policy()
    cal = calendar or calendar_for(policy)
    status = complaint.status
    if status in (Status.SUBMITTED, Status.RETURNED_BY_AGENCY):
        if policy.verify_working_days:
            return cal.add_working_days(now, policy.verify_working_days)
        return cal.add_office_time(now, dt.timedelta(minutes=policy.verify_minutes))
    if status == Status.DISPATCHED:
        if policy.response_working_days:
            return cal.add_working_days(now, policy.response_working_days)
        return cal.add_office_time(now, dt.timedelta(hours=policy.response_hours))
    if status == Status.RESPONDED:
        return follow_up_deadline(complaint.urgency, now, policy, cal)
    if status == Status.RETURNED_TO_REPORTER:
        return cal.add_working_days(now, policy.reporter_completion_working_days)
    if status == Status.RESOLVED:
        return cal.add_working_days(now, policy.auto_close_working_days)
    return None
