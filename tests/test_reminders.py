"""Deadlines kept by the scheduler: hourly reminders with escalation and quiet hours,
follow-up deadlines across holidays, auto-close, abandoned returns, the breach digest."""

import datetime as dt
import threading
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import connection

from pengaduan.models import Complaint
from workflow import services, sweeps
from workflow.models import ActivityLog, Notification, Reminder, SlaPolicy
from workflow.states import Status

from .conftest import evidence

WIB = ZoneInfo("Asia/Jakarta")
A = Notification.Audience


def at(*args):
    return dt.datetime(*args, tzinfo=WIB)


def run_sweeps(start, end, every=dt.timedelta(minutes=5)):
    """What the scheduler does: the reminder sweep every five minutes."""
    moment = start
    while moment <= end:
        with time_machine.travel(moment, tick=False):
            sweeps.remind_unanswered()
        moment += every


def reminder_messages(complaint):
    return Notification.objects.filter(
        complaint=complaint, template_key__in=["agency.reminder", "agency.escalation"]
    ).order_by("created_at", "id")


def test_three_hours_ten_without_response_gives_three_reminders_later_ones_escalated(
    make_complaint, admin_user, numbered_agency
):
    # Monday 9 November 2026, 09:00 WIB, an ordinary working day.
    with time_machine.travel(at(2026, 11, 9, 9, 0), tick=False):
        complaint = make_complaint()
        complaint = services.verify_and_dispatch(complaint, numbered_agency, by=admin_user)
    run_sweeps(at(2026, 11, 9, 9, 0), at(2026, 11, 9, 12, 10))

    reminders = list(Reminder.objects.filter(complaint=complaint).order_by("number"))
    assert [(r.number, r.escalated) for r in reminders] == [(1, False), (2, True), (3, True)]
    assert [timezone_local(r.created_at) for r in reminders] == [
        at(2026, 11, 9, 10, 0),
        at(2026, 11, 9, 11, 0),
        at(2026, 11, 9, 12, 0),
    ]
    messages = [(n.template_key, n.audience) for n in reminder_messages(complaint)]
    assert messages == [
        ("agency.reminder", A.AGENCY_ADMIN),
        ("agency.reminder", A.AGENCY_ADMIN),
        ("agency.escalation", A.AGENCY_SECRETARY),
        ("agency.escalation", A.AGENCY_HEAD),
        ("agency.reminder", A.AGENCY_ADMIN),
        ("agency.escalation", A.AGENCY_SECRETARY),
        ("agency.escalation", A.AGENCY_HEAD),
    ]
    first = reminder_messages(complaint).first()
    assert "Pengingat ke-1" in first.text
    assert "09/11/2026 09:00 WIB" in first.text
    assert "09/11/2026 13:00 WIB" in first.text  # the 4-office-hour deadline


def timezone_local(moment):
    return moment.astimezone(WIB)


def test_a_response_stops_the_reminders(make_complaint, admin_user, opd_admin, numbered_agency):
    with time_machine.travel(at(2026, 11, 9, 9, 0), tick=False):
        complaint = services.verify_and_dispatch(make_complaint(), numbered_agency, by=admin_user)
    run_sweeps(at(2026, 11, 9, 9, 0), at(2026, 11, 9, 10, 30))
    with time_machine.travel(at(2026, 11, 9, 10, 40), tick=False):
        services.respond(complaint, by=opd_admin, text="Segera kami tinjau.")
    run_sweeps(at(2026, 11, 9, 10, 45), at(2026, 11, 9, 15, 0))
    assert Reminder.objects.filter(complaint=complaint).count() == 1


def test_no_reminders_at_night(make_complaint, admin_user, numbered_agency):
    with time_machine.travel(at(2026, 11, 9, 19, 30), tick=False):
        complaint = services.verify_and_dispatch(make_complaint(), numbered_agency, by=admin_user)
    run_sweeps(at(2026, 11, 9, 19, 30), at(2026, 11, 10, 7, 10))
    times = [timezone_local(r.created_at) for r in Reminder.objects.filter(complaint=complaint)]
    assert times == [at(2026, 11, 9, 20, 30), at(2026, 11, 10, 6, 0), at(2026, 11, 10, 7, 0)]
    for notification in reminder_messages(complaint):
        clock = timezone_local(notification.created_at).time()
        assert dt.time(6, 0) <= clock < dt.time(21, 0)


def test_quiet_hours_and_interval_come_from_the_policy(make_complaint, admin_user, numbered_agency):
    policy = SlaPolicy.load()
    policy.reminder_interval_minutes = 30
    policy.escalate_after = 3
    policy.quiet_start = dt.time(22, 0)
    policy.save()
    with time_machine.travel(at(2026, 11, 9, 9, 0), tick=False):
        complaint = services.verify_and_dispatch(make_complaint(), numbered_agency, by=admin_user)
    run_sweeps(at(2026, 11, 9, 9, 0), at(2026, 11, 9, 10, 40))
    reminders = Reminder.objects.filter(complaint=complaint).order_by("number")
    assert [(r.number, r.escalated) for r in reminders] == [(1, False), (2, False), (3, True)]


def test_reminders_stop_at_the_maximum(make_complaint, admin_user, numbered_agency):
    policy = SlaPolicy.load()
    policy.max_reminders = 2
    policy.save()
    with time_machine.travel(at(2026, 11, 9, 9, 0), tick=False):
        complaint = services.verify_and_dispatch(make_complaint(), numbered_agency, by=admin_user)
    run_sweeps(at(2026, 11, 9, 9, 0), at(2026, 11, 9, 15, 0), every=dt.timedelta(minutes=30))
    assert Reminder.objects.filter(complaint=complaint).count() == 2


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_sweeps_at_once_send_one_reminder(numbered_agency):
    from workflow import policy

    from .factories import ReporterFactory, UserFactory

    admin = UserFactory(username="admin.concurrent", role=policy.ADMIN_PENGADUAN)
    with time_machine.travel(at(2026, 11, 9, 9, 0), tick=False):
        complaint = services.submit(reporter=ReporterFactory(), text="Jembatan retak.")
        services.verify_and_dispatch(complaint, numbered_agency, by=admin)
    barrier = threading.Barrier(2)
    results, errors = [], []

    def sweep():
        try:
            barrier.wait(timeout=10)
            results.append(sweeps.remind_unanswered())
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    with time_machine.travel(at(2026, 11, 9, 10, 0), tick=False):
        threads = [threading.Thread(target=sweep) for _ in range(2)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
    assert errors == []
    assert sorted(results) == [0, 1]
    assert Reminder.objects.filter(complaint=complaint).count() == 1
    assert (
        Notification.objects.filter(complaint=complaint, template_key="agency.reminder").count()
        == 1
    )


def test_two_sweeps_straddling_a_period_boundary_send_one_reminder(
    make_complaint, admin_user, numbered_agency
):
    """Two sweeps that counted the reminders before either wrote one, with clocks on either
    side of the hour: different periods, the same "Pengingat ke-1" — which is sent once."""
    with time_machine.travel(at(2026, 11, 9, 9, 0), tick=False):
        complaint = make_complaint()
        complaint = services.verify_and_dispatch(complaint, numbered_agency, by=admin_user)
    policy = SlaPolicy.load()
    interval = dt.timedelta(minutes=policy.reminder_interval_minutes)
    batch = [Complaint.objects.select_related("agency").get(pk=complaint.pk)]
    stale = sweeps._reminders_so_far(batch, Reminder.Kind.RESPONSE)  # both saw no reminder
    before, after = at(2026, 11, 9, 10, 59, 59, 999000), at(2026, 11, 9, 11, 0, 0, 1000)
    with time_machine.travel(before, tick=False):
        first = sweeps._remind_batch(batch, stale, before, interval, policy)
    with time_machine.travel(after, tick=False):
        second = sweeps._remind_batch(batch, stale, after, interval, policy)
    assert (first, second) == (1, 0)
    assert Reminder.objects.filter(complaint=complaint).count() == 1
    assert reminder_messages(complaint).count() == 1


def test_follow_up_deadline_skips_the_national_holiday_and_reminds_when_missed(
    make_complaint, admin_user, opd_admin, numbered_agency
):
    with time_machine.travel(at(2026, 8, 13, 9, 0), tick=False):
        complaint = services.verify_and_dispatch(make_complaint(), numbered_agency, by=admin_user)
    with time_machine.travel(at(2026, 8, 13, 10, 0), tick=False):
        services.respond(complaint, by=opd_admin, text="Kami jadwalkan survei.")
    complaint.refresh_from_db()
    # Thursday + 3 working days: Fri 14, (weekend, Mon 17 Aug is Hari Kemerdekaan) Tue 18, Wed 19.
    assert complaint.due_at == at(2026, 8, 19, 10, 0)
    assert complaint.is_late(now=at(2026, 8, 19, 10, 1))

    for moment in (at(2026, 8, 17, 9, 0), at(2026, 8, 19, 9, 55)):
        with time_machine.travel(moment, tick=False):
            assert sweeps.remind_overdue_follow_ups() == 0
    with time_machine.travel(at(2026, 8, 19, 10, 5), tick=False):
        assert sweeps.remind_overdue_follow_ups() == 1
        assert sweeps.remind_overdue_follow_ups() == 0  # once per working day
    with time_machine.travel(at(2026, 8, 20, 7, 35), tick=False):
        assert sweeps.remind_overdue_follow_ups() == 1
    rows = Notification.objects.filter(complaint=complaint, template_key="agency.follow_up_overdue")
    assert sorted(rows.values_list("audience", flat=True)) == sorted(
        [A.AGENCY_ADMIN, A.AGENCY_ADMIN, A.AGENCY_SECRETARY, A.AGENCY_HEAD]
    )


def test_ten_working_days_of_silence_after_resolve_close_with_a_recap(
    make_complaint, admin_user, opd_admin, numbered_agency
):
    with time_machine.travel(at(2026, 11, 9, 9, 0), tick=False):
        complaint = services.verify_and_dispatch(make_complaint(), numbered_agency, by=admin_user)
    with time_machine.travel(at(2026, 11, 9, 11, 0), tick=False):
        services.respond(complaint, by=opd_admin, text="Diterima.")
    with time_machine.travel(at(2026, 11, 11, 10, 0), tick=False):
        complaint = services.resolve(
            complaint, by=opd_admin, text="Lubang sudah ditambal aspal.", files=[evidence()]
        )
    assert complaint.due_at == at(2026, 11, 25, 10, 0)
    with time_machine.travel(at(2026, 11, 25, 9, 59), tick=False):
        assert sweeps.close_silent_resolutions() == 0
    with time_machine.travel(at(2026, 11, 25, 10, 0), tick=False):
        assert sweeps.close_silent_resolutions() == 1
        assert sweeps.close_silent_resolutions() == 0
    complaint.refresh_from_db()
    assert complaint.status == Status.CLOSED
    entry = complaint.activity.latest("id")
    assert (entry.action, entry.actor_kind, entry.actor) == (
        "close",
        ActivityLog.ActorKind.SYSTEM,
        None,
    )
    [recap] = Notification.objects.filter(complaint=complaint, template_key="reporter.closed")
    assert "Hasil: Lubang sudah ditambal aspal." in recap.text
    assert "diterima 09/11/2026 09:00 WIB" in recap.text
    assert "ditanggapi 09/11/2026 11:00 WIB" in recap.text
    assert "selesai 11/11/2026 10:00 WIB" in recap.text


def test_a_return_never_completed_is_archived_and_the_reporter_told(make_complaint, admin_user):
    with time_machine.travel(at(2026, 11, 9, 9, 0), tick=False):
        complaint = services.return_to_reporter(
            make_complaint(), by=admin_user, reason="Sebutkan nama desa."
        )
    with time_machine.travel(at(2026, 11, 23, 8, 59), tick=False):
        assert sweeps.archive_abandoned_returns() == 0
    with time_machine.travel(at(2026, 11, 23, 9, 0), tick=False):
        assert sweeps.archive_abandoned_returns() == 1
    complaint.refresh_from_db()
    assert (complaint.status, complaint.archive_reason) == (Status.ARCHIVED, "incomplete")
    [message] = Notification.objects.filter(complaint=complaint, template_key="reporter.archived")
    assert "Tidak dilengkapi pelapor" in message.text


def test_daily_breach_digest_once_per_day(make_complaint, admin_user, numbered_agency):
    admin_user.sambat_profile.whatsapp_number = "+6281200000009"
    admin_user.sambat_profile.save()
    with time_machine.travel(at(2026, 11, 9, 9, 0), tick=False):
        make_complaint(Status.DISPATCHED)
        make_complaint(Status.DISPATCHED)
        on_time = make_complaint(Status.RESPONDED)
    with time_machine.travel(at(2026, 11, 10, 6, 59), tick=False):
        assert sweeps.send_breach_digest() == 0
    with time_machine.travel(at(2026, 11, 10, 7, 5), tick=False):
        assert sweeps.send_breach_digest() == 2
    with time_machine.travel(at(2026, 11, 10, 13, 0), tick=False):
        sweeps.send_breach_digest()
    [digest] = Notification.objects.filter(template_key="admin.breach_digest")
    assert digest.recipient_phone == "+6281200000009"
    assert "2 aduan melewati batas waktu" in digest.text
    assert f"- {numbered_agency.short_name}: 2" in digest.text
    assert Complaint.objects.get(pk=on_time.pk).is_late(now=at(2026, 11, 10, 7, 5)) is False
