"""Working-day calendar and deadlines [000 step 7, 9][004]."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine

from workflow import services
from workflow.calendar import WorkingCalendar
from workflow.states import Status

WIB = ZoneInfo("Asia/Jakarta")


def at(*args):
    return dt.datetime(*args, tzinfo=WIB)


@pytest.fixture
def calendar():
    return WorkingCalendar(office_start=dt.time(7, 30), office_end=dt.time(16, 0), tz=WIB)


def test_national_holidays_and_weekends_are_not_working_days(calendar):
    assert not calendar.is_working_day(dt.date(2026, 8, 17))  # Hari Kemerdekaan, Monday
    assert not calendar.is_working_day(dt.date(2026, 8, 15))  # Saturday
    assert calendar.is_working_day(dt.date(2026, 8, 18))
    assert not calendar.is_working_day(dt.date(2025, 12, 25))  # Natal


def test_extra_holidays_added_by_admins_count(calendar):
    local = WorkingCalendar(extra_holidays=[dt.date(2026, 8, 18)], tz=WIB)
    assert not local.is_working_day(dt.date(2026, 8, 18))
    assert calendar.is_working_day(dt.date(2026, 8, 18))


def test_four_office_hours_from_friday_afternoon_end_on_tuesday_after_a_holiday(calendar):
    # Friday 14 Aug 2026 15:00 → 1 h on Friday, Monday 17 Aug is a holiday → Tuesday 10:30.
    assert calendar.add_office_time(at(2026, 8, 14, 15, 0), dt.timedelta(hours=4)) == at(
        2026, 8, 18, 10, 30
    )


def test_office_time_from_the_night_starts_next_morning(calendar):
    assert calendar.add_office_time(at(2026, 8, 18, 22, 0), dt.timedelta(minutes=5)) == at(
        2026, 8, 19, 7, 35
    )


def test_working_days_skip_weekend_and_holiday(calendar):
    assert calendar.add_working_days(at(2026, 8, 13, 10, 0), 3) == at(2026, 8, 19, 10, 0)
    # Starting on a Sunday counts from Monday's office start.
    assert calendar.add_working_days(at(2026, 8, 9, 20, 0), 1) == at(2026, 8, 11, 7, 30)


def test_office_time_between_counts_only_office_hours(calendar):
    elapsed = calendar.office_time_between(at(2026, 8, 14, 15, 0), at(2026, 8, 18, 10, 30))
    assert elapsed == dt.timedelta(hours=4)


@time_machine.travel(at(2026, 8, 14, 15, 0), tick=False)
def test_dispatch_deadline_and_late_flag(make_complaint, admin_user, agency):
    complaint = make_complaint()
    complaint = services.verify_and_dispatch(complaint, agency, by=admin_user)
    assert complaint.due_at == at(2026, 8, 18, 10, 30)
    assert not complaint.is_late()
    assert complaint.is_late(now=at(2026, 8, 18, 10, 31))


@time_machine.travel(at(2026, 8, 13, 10, 0), tick=False)
@pytest.mark.parametrize(
    ("urgency", "due"),
    [
        ("urgent", at(2026, 8, 14, 10, 0)),
        ("normal", at(2026, 8, 19, 10, 0)),
        ("information", at(2026, 8, 21, 10, 0)),
        ("field_inspection", at(2026, 10, 12, 10, 0)),
    ],
)
def test_follow_up_deadline_by_urgency(make_complaint, urgency, due):
    complaint = make_complaint(Status.RESPONDED, urgency=urgency)
    assert complaint.due_at == due


def test_clock_pauses_while_waiting_on_the_reporter(make_complaint):
    complaint = make_complaint(Status.RETURNED_TO_REPORTER)
    assert complaint.due_at is not None
    assert not complaint.is_late(now=complaint.due_at + dt.timedelta(days=30))


@time_machine.travel(at(2026, 8, 12, 9, 0), tick=False)
def test_the_editable_policy_and_local_holidays_drive_the_deadlines(
    make_complaint, admin_user, agency
):
    from workflow.models import Holiday, SlaPolicy

    policy = SlaPolicy.load()
    policy.response_hours = 2
    policy.office_start = dt.time(8, 0)
    policy.save()
    Holiday.objects.create(date=dt.date(2026, 8, 13), name="Hari Jadi Lumajang (contoh)")
    complaint = services.verify_and_dispatch(make_complaint(), agency, by=admin_user)
    assert complaint.due_at == at(2026, 8, 12, 11, 0)
    with time_machine.travel(at(2026, 8, 12, 15, 30), tick=False):
        later = services.verify_and_dispatch(make_complaint(), agency, by=admin_user)
    # 30 minutes on Wednesday, Thursday is the local holiday, 90 minutes on Friday from 08:00.
    assert later.due_at == at(2026, 8, 14, 9, 30)
