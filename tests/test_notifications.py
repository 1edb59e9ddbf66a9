"""Who is told what at each step (SPEC §5), exactly once, through the outbox."""

import datetime as dt

import pytest
import time_machine
from django.db.models import Count

from pengaduan.models import Complaint
from workflow import outbox, policy, services, transports
from workflow.models import MessageTemplate, Notification
from workflow.states import Status

from .conftest import evidence

A = Notification.Audience


@pytest.fixture
def agency_with_numbers(agency):
    agency.admin_whatsapp = "+6281100000001"
    agency.sekdin_whatsapp = "+6281100000002"
    agency.kadis_whatsapp = "+6281100000003"
    agency.save()
    return agency


@pytest.fixture
def admin_with_phone(admin_user):
    admin_user.sambat_profile.whatsapp_number = "+6281200000009"
    admin_user.sambat_profile.save()
    return admin_user


def rows(complaint, template_key=None):
    qs = Notification.objects.filter(complaint=complaint)
    if template_key:
        qs = qs.filter(template_key=template_key)
    return list(qs.order_by("id"))


def send_all():
    for pk in Notification.objects.filter(status="pending").values_list("pk", flat=True):
        outbox.deliver(pk)


def test_new_complaint_tells_the_reporter_its_number(make_complaint, reporter, admin_with_phone):
    complaint = make_complaint()
    [ticket] = rows(complaint, "reporter.ticket_issued")
    assert ticket.recipient_phone == reporter.whatsapp_number
    assert ticket.audience == A.REPORTER
    assert complaint.tracking_number in ticket.text
    assert f"https://sambatbunda.test/aduan/{complaint.tracking_number}/" in ticket.text
    assert ticket.text.startswith(f"Terima kasih, {reporter.name}.")
    [admin_notice] = rows(complaint, "admin.new_complaint")
    assert admin_notice.recipient_phone == "+6281200000009"
    assert admin_notice.recipient_user == admin_with_phone
    # The admin's WhatsApp never carries the reporter's NIK or number.
    assert reporter.nik not in admin_notice.text
    assert reporter.whatsapp_number not in admin_notice.text


def test_rows_are_handed_to_the_worker_only_when_the_transaction_commits(
    reporter, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        complaint = services.submit(reporter=reporter, text="Lampu jalan mati.")
    assert len(callbacks) == 1
    assert Notification.objects.filter(complaint=complaint).count() == 1


def test_dispatch_tells_reporter_and_the_three_agency_numbers(make_complaint, agency_with_numbers):
    complaint = make_complaint(Status.DISPATCHED)
    [to_reporter] = rows(complaint, "reporter.dispatched")
    assert agency_with_numbers.name in to_reporter.text
    agency_rows = rows(complaint, "agency.new_disposition")
    assert {(n.audience, n.recipient_phone) for n in agency_rows} == {
        (A.AGENCY_ADMIN, "+6281100000001"),
        (A.AGENCY_SECRETARY, "+6281100000002"),
        (A.AGENCY_HEAD, "+6281100000003"),
    }
    assert all(complaint.tracking_number in n.text for n in agency_rows)
    assert all("/admin/snippets/pengaduan/complaint/inspect/" in n.text for n in agency_rows)


def test_same_number_for_two_roles_gets_one_message(make_complaint, agency):
    agency.admin_whatsapp = agency.sekdin_whatsapp = "+6281100000001"
    agency.kadis_whatsapp = ""
    agency.save()
    complaint = make_complaint(Status.DISPATCHED)
    assert len(rows(complaint, "agency.new_disposition")) == 1


def test_every_reporter_step_is_told(make_complaint, opd_admin, admin_user, reporter):
    complaint = make_complaint(Status.RESPONDED)
    services.add_follow_up(complaint, by=opd_admin, text="Survei lapangan Selasa.")
    services.resolve(complaint, by=opd_admin, text="Jalan sudah ditambal.", files=[evidence()])
    services.close(complaint, by=policy.REPORTER_ACTOR)
    keys = [n.template_key for n in rows(complaint) if n.audience == A.REPORTER]
    assert keys == [
        "reporter.ticket_issued",
        "reporter.dispatched",
        "reporter.response",
        "reporter.follow_up",
        "reporter.resolved",
        "reporter.closed",
        "reporter.survey",
    ]
    resolved = rows(complaint, "reporter.resolved")[0]
    assert "Jalan sudah ditambal." in resolved.text
    assert "BELUM SELESAI" in resolved.text
    assert "10 hari kerja" in resolved.text
    recap = rows(complaint, "reporter.closed")[0]
    assert "Rekap: diterima" in recap.text
    assert "Hasil: Jalan sudah ditambal." in recap.text


def test_returned_and_archived_and_forwarded_messages(make_complaint, admin_user):
    returned = make_complaint(Status.RETURNED_TO_REPORTER)
    [message] = rows(returned, "reporter.returned")
    assert "Mohon lengkapi nama dusun." in message.text
    assert "10 hari kerja" in message.text

    spam = make_complaint(Status.ARCHIVED)  # archived as spam by the fixture
    assert rows(spam, "reporter.archived") == []

    invalid = make_complaint()
    services.archive(invalid, by=admin_user, reason_code="invalid", note="Foto bukan di Lumajang.")
    [archived] = rows(invalid, "reporter.archived")
    assert "Tidak valid / informasi palsu. Foto bukan di Lumajang." in archived.text

    forwarded = make_complaint(Status.OUT_OF_AUTHORITY)
    [message] = rows(forwarded, "reporter.out_of_authority")
    assert "*BPJS Kesehatan*" in message.text
    assert "Hubungi BPJS." in message.text


def test_merged_reporter_learns_the_surviving_number(make_complaint, admin_user):
    survivor = make_complaint(Status.DISPATCHED)
    duplicate = make_complaint()
    services.merge_duplicate(duplicate, survivor, by=admin_user)
    [message] = rows(duplicate, "reporter.merged")
    assert survivor.tracking_number in message.text
    assert f"/aduan/{survivor.tracking_number}/" in message.text


def test_approval_flow_tells_the_approvers_then_the_reporter(
    make_complaint, agency_with_numbers, opd_admin, kadis
):
    complaint = make_complaint(Status.DISPATCHED)
    agency_with_numbers.requires_response_approval = True
    agency_with_numbers.save()
    services.respond(complaint, by=opd_admin, text="Draf.")
    assert rows(complaint, "reporter.response") == []
    assert {n.audience for n in rows(complaint, "agency.approval_needed")} == {
        A.AGENCY_SECRETARY,
        A.AGENCY_HEAD,
    }
    services.approve_response(complaint, by=kadis, text="Tanggapan final.")
    [response] = rows(complaint, "reporter.response")
    assert "Tanggapan final." in response.text


def test_return_by_agency_tells_admins(make_complaint, admin_with_phone, agency):
    complaint = make_complaint(Status.RETURNED_BY_AGENCY)
    [message] = rows(complaint, "admin.returned_by_agency")
    assert "Bukan wilayah kami." in message.text
    assert agency.name in message.text


def test_reporter_without_any_contact_gets_nothing(make_complaint):
    from .factories import ReporterFactory

    walk_in = ReporterFactory(whatsapp_number=None, email="")
    complaint = make_complaint(reporter=walk_in)
    assert rows(complaint, "reporter.ticket_issued") == []


def test_reporter_with_only_email_gets_email(make_complaint, mailoutbox):
    from .factories import ReporterFactory

    letter = ReporterFactory(whatsapp_number=None, email="warga@example.id")
    complaint = make_complaint(reporter=letter)
    [ticket] = rows(complaint, "reporter.ticket_issued")
    assert ticket.channel == Notification.Channel.EMAIL
    assert outbox.deliver(ticket.pk) == "sent"
    assert mailoutbox[0].to == ["warga@example.id"]
    assert complaint.tracking_number in mailoutbox[0].body


def test_templates_are_editable(make_complaint, reporter):
    MessageTemplate.objects.filter(key="reporter.ticket_issued").update(
        body="Nomor aduan Anda: {{ nomor }} ({{ nama }})"
    )
    complaint = make_complaint()
    [ticket] = rows(complaint, "reporter.ticket_issued")
    assert ticket.text == f"Nomor aduan Anda: {complaint.tracking_number} ({reporter.name})"


def test_a_deleted_template_falls_back_to_the_default(make_complaint):
    MessageTemplate.objects.filter(key="reporter.ticket_issued").delete()
    complaint = make_complaint()
    assert "Nomor Aduan" in rows(complaint, "reporter.ticket_issued")[0].text


def test_the_same_event_never_writes_twice(make_complaint):
    complaint = make_complaint()
    kwargs = {
        "key": "manual:1",
        "template_key": "reporter.dispatched",
        "params": {"nomor": complaint.tracking_number},
        "audience": A.REPORTER,
        "complaint": complaint,
        "phone": "+6285700000001",
    }
    first = outbox.queue(**kwargs)
    second = outbox.queue(**kwargs)
    assert first.pk == second.pk
    assert Notification.objects.filter(idempotency_key="manual:1").count() == 1


def test_suppressed_block_writes_nothing(reporter):
    with outbox.suppressed():
        complaint = services.submit(reporter=reporter, text="Data contoh.")
    assert rows(complaint) == []


def test_deliver_sends_once_and_records_the_provider_id(make_complaint):
    complaint = make_complaint()
    ticket = rows(complaint, "reporter.ticket_issued")[0]
    assert outbox.deliver(ticket.pk) == "sent"
    assert outbox.deliver(ticket.pk) == "skipped"
    ticket.refresh_from_db()
    assert ticket.status == Notification.State.SENT
    assert ticket.attempts == 1
    assert ticket.provider_message_id.startswith("wamid.locmem-")
    assert [m["notification"] for m in transports.outbox] == [ticket.pk]


def test_a_killed_worker_is_finished_by_the_sweep_without_a_duplicate(make_complaint):
    """The worker claims the row and dies before sending: the sweep releases it later."""
    complaint = make_complaint()
    ticket = rows(complaint, "reporter.ticket_issued")[0]
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        # What a worker does first: the conditional claim. Then it is killed.
        assert Notification.objects.filter(pk=ticket.pk, status="pending").update(
            status="sending", claimed_at=start, attempts=1
        )
        assert outbox.sweep_outbox()["released"] == 0  # still within the timeout
        assert outbox.deliver(ticket.pk) == "skipped"  # nobody else may send it meanwhile
    with time_machine.travel(start + dt.timedelta(minutes=6), tick=False):
        assert outbox.sweep_outbox() == {"released": 1, "enqueued": 1}
        assert outbox.deliver(ticket.pk) == "sent"
        assert outbox.deliver(ticket.pk) == "skipped"
    assert len(transports.outbox) == 1
    ticket.refresh_from_db()
    assert (ticket.status, ticket.attempts) == ("sent", 2)


def test_an_error_after_the_claim_is_retried_later_and_sent_once(make_complaint, settings):
    complaint = make_complaint()
    ticket = rows(complaint, "reporter.ticket_issued")[0]
    settings.WHATSAPP_BACKEND = "tests.test_notifications.FlakyBackend"
    FlakyBackend.failures = 1
    start = dt.datetime.now(dt.UTC)
    with time_machine.travel(start, tick=False):
        assert outbox.deliver(ticket.pk) == "retry"
        ticket.refresh_from_db()
        assert ticket.status == "pending"
        assert ticket.next_attempt_at > start
        assert "koneksi putus" in ticket.last_error
        assert outbox.deliver(ticket.pk) == "skipped"  # not due yet
    with time_machine.travel(start + dt.timedelta(hours=2), tick=False):
        assert outbox.sweep_outbox()["enqueued"] == 1
        assert outbox.deliver(ticket.pk) == "sent"
    assert FlakyBackend.sent == [ticket.pk]


class FlakyBackend:
    """Fails like a dropped connection a given number of times, then accepts."""

    failures = 0
    sent: list = []

    def send(self, notification):
        if FlakyBackend.failures:
            FlakyBackend.failures -= 1
            raise ConnectionError("koneksi putus")
        FlakyBackend.sent = [*FlakyBackend.sent, notification.pk]
        return "wamid.flaky"


def test_gives_up_after_the_last_attempt(make_complaint, settings):
    complaint = make_complaint()
    ticket = rows(complaint, "reporter.ticket_issued")[0]
    settings.WHATSAPP_BACKEND = "tests.test_notifications.FlakyBackend"
    FlakyBackend.failures = 100
    moment = dt.datetime.now(dt.UTC)
    for _ in range(outbox.MAX_ATTEMPTS):
        with time_machine.travel(moment, tick=False):
            result = outbox.deliver(ticket.pk)
        moment += dt.timedelta(days=1)
    assert result == "dead"
    ticket.refresh_from_db()
    assert ticket.status == Notification.State.DEAD
    assert ticket.attempts == outbox.MAX_ATTEMPTS
    assert outbox.requeue(ticket) is True
    ticket.refresh_from_db()
    assert (ticket.status, ticket.attempts) == ("pending", 0)


def test_status_webhook_moves_forward_only(make_complaint):
    complaint = make_complaint()
    ticket = rows(complaint, "reporter.ticket_issued")[0]
    outbox.deliver(ticket.pk)
    ticket.refresh_from_db()
    wamid = ticket.provider_message_id
    read_at = dt.datetime(2026, 11, 23, 10, 5, tzinfo=dt.UTC)
    outbox.apply_status_update(wamid, "read", at=read_at)
    outbox.apply_status_update(wamid, "delivered", at=read_at - dt.timedelta(minutes=1))
    ticket.refresh_from_db()
    assert ticket.status == Notification.State.READ
    assert ticket.read_at == read_at
    assert ticket.delivered_at == read_at
    assert outbox.apply_status_update("wamid.unknown", "read") is None
    outbox.apply_status_update(wamid, "failed", error="131026 Message undeliverable")
    ticket.refresh_from_db()
    assert ticket.status == Notification.State.FAILED
    assert "131026" in ticket.last_error


def test_demo_seed_sends_nothing(db):
    from io import StringIO

    from django.core.management import call_command

    call_command("seed_demo", "--allow-production", stdout=StringIO())
    assert Complaint.objects.count() >= 60
    assert Notification.objects.count() == 0


def test_notification_admin_lists_failures_and_retries(client, admin_user, make_complaint):
    complaint = make_complaint()
    ticket = rows(complaint, "reporter.ticket_issued")[0]
    Notification.objects.filter(pk=ticket.pk).update(status="failed", last_error="131026")
    client.force_login(admin_user)
    listing = client.get("/admin/workflow/notification/", {"status": "failed"}).content.decode()
    assert "131026" in listing
    assert "Kirim ulang" in listing
    # The reporter's number is masked in the list.
    assert ticket.recipient_phone not in listing
    url = f"/admin/layanan/notifikasi/{ticket.pk}/kirim-ulang/"
    assert client.get(url).status_code == 200
    assert client.post(url).status_code == 302
    ticket.refresh_from_db()
    assert ticket.status == "pending"


def test_per_event_counts_stay_exact_for_a_full_lifecycle(make_complaint, agency_with_numbers):
    complaint = make_complaint(Status.CLOSED)
    counts = dict(
        Notification.objects.filter(complaint=complaint)
        .values_list("template_key")
        .annotate(n=Count("id"))
    )
    assert counts == {
        "reporter.ticket_issued": 1,
        "reporter.dispatched": 1,
        "agency.new_disposition": 3,
        "reporter.response": 1,
        "reporter.resolved": 1,
        "reporter.closed": 1,
        "reporter.survey": 1,
    }
