"""A reporter's personal-data rights (UU 27/2022 PDP): a copy as JSON, and erasure by
anonymisation, from the reporter's page in the admin (pengaduan.privacy)."""

import json

import pytest
from django.urls import reverse

from pengaduan import privacy
from pengaduan.channels import whatsapp
from pengaduan.models import (
    Attachment,
    Complaint,
    ComplaintUpdate,
    Conversation,
    InboundMessage,
    Reporter,
    SatisfactionResponse,
    WebhookEvent,
)
from pengaduan.redaction import ERASED_NAME, NAME_PLACEHOLDER, mask_names
from workflow import outbox, policy, services, transports
from workflow.models import ActivityLog, Notification

from . import whatsapp_payloads as wa
from .conftest import evidence, jpeg_bytes

NUMBER = "+" + wa.PHONE  # +6281234567890
NAME = "Siti Nur Khomsah"
NIK = "3508125507560001"
ADDRESS = "Jl. Kenanga No. 4, Kalibendo"
EMAIL = "siti.khomsah@example.id"
COMPLAINT_TEXT = (
    "Gas melon langka sudah dua minggu di pangkalan dekat balai desa. Saya Siti, bisa "
    "dihubungi di 0812-3456-7890 atau siti.khomsah@example.id. Mohon dicek pangkalannya."
)
NOTE = "Sudah ditelepon Bu Khomsah, beliau minta dikabari sore."
OTHER_NUMBER = "+6281299990001"
OTHER_NAME = "Agus Dwi Handoko"
OTHER_TEXT = "Lampu PJU di Jl. Panjaitan mati sejak Senin."
PERSONAL = (NAME, "Siti", "Khomsah", wa.PHONE, "0812-3456-7890", NIK, "Kenanga", EMAIL)

WHATSAPP_FILING = [
    wa.text("Halo min"),
    wa.button("menu:aduan", "Ajukan aduan"),
    wa.text(NAME),
    wa.location(-8.1335, 113.2247, name="Balai Desa Kalibendo", address="Kalibendo, Pasirian"),
    wa.text(COMPLAINT_TEXT),
    wa.image("MEDIA-1", caption="Antrean di pangkalan"),
    wa.text("lanjut"),
    wa.button("vis:public", "Publik"),
    wa.button("confirm:send", "Kirim"),
]


def deliver(client, payload) -> None:
    """What Meta and our worker do together: the signed POST, then the processing."""
    response = wa.post(client, payload)
    assert response.status_code == 200, response.content
    whatsapp.process_event(WebhookEvent.objects.order_by("-pk").first().pk)


def send_pending() -> None:
    """The worker sends what is queued so far (the LocMem transport records it)."""
    pending = Notification.objects.filter(status=Notification.State.PENDING)
    for pk in pending.values_list("pk", flat=True):
        outbox.deliver(pk)


def no_personal_data(text: str) -> bool:
    return not any(value.lower() in text.lower() for value in PERSONAL)


@pytest.fixture
def story(client, agency, admin_user, opd_admin, validator):
    """Siti files over WhatsApp (public), her complaint goes through every step and she
    rates it; a second complaint of hers, typed in by staff, is still waiting. Agus, another
    citizen, writes too."""
    agency.admin_whatsapp = "+6281100000001"
    agency.save()
    transports.media["MEDIA-1"] = (jpeg_bytes(), "image/jpeg")
    for message in WHATSAPP_FILING:
        deliver(client, wa.envelope([message]))
    transports.media.clear()
    filed = Complaint.objects.get()
    reporter = filed.reporter
    assert (reporter.name, reporter.whatsapp_number) == (NAME, NUMBER)
    reporter = services.find_or_create_reporter(
        name=NAME, whatsapp_number=NUMBER, nik=NIK, address=ADDRESS, email=EMAIL
    )
    services.check_identity(filed, by=validator, valid=True)
    services.verify_and_dispatch(filed, agency, by=admin_user)
    send_pending()
    ticket = Notification.objects.get(complaint=filed, template_key="reporter.ticket_issued")
    deliver(client, wa.envelope(statuses=[wa.status(ticket.provider_message_id, "read")]))
    services.respond(filed, by=opd_admin, text="Terima kasih Ibu Siti, pangkalan akan dicek.")
    services.add_note(filed, by=admin_user, text=NOTE)
    services.add_reporter_message(filed, text=f"Rumah saya di {ADDRESS}, dekat pangkalan.")
    services.add_follow_up(filed, by=opd_admin, text="Petugas sudah ke pangkalan.")
    services.resolve(filed, by=opd_admin, text="Pasokan ditambah.", files=[evidence()])
    send_pending()
    services.close(filed, by=policy.REPORTER_ACTOR)  # closing recap + survey stay queued
    services.record_satisfaction(
        filed, rating=4, comment="Cepat, terima kasih. Siti Nur Khomsah", by=policy.REPORTER_ACTOR
    )
    waiting = services.submit(
        reporter=reporter,
        by=admin_user,
        channel=Complaint.Channel.PHONE,
        text=f"Bu {NAME} (NIK {NIK}) melapor saluran air tersumbat di depan rumahnya.",
        location_text=ADDRESS,
        visibility=Complaint.Visibility.CONFIDENTIAL,
    )

    deliver(
        client,
        wa.envelope(
            [wa.text("halo", sender=OTHER_NUMBER.lstrip("+"))],
            name=OTHER_NAME,
            wa_id=OTHER_NUMBER.lstrip("+"),
        ),
    )
    other = services.find_or_create_reporter(name=OTHER_NAME, whatsapp_number=OTHER_NUMBER)
    other_complaint = services.submit(reporter=other, text=OTHER_TEXT)
    return {
        "reporter": Reporter.objects.get(pk=reporter.pk),
        "filed": Complaint.objects.get(pk=filed.pk),
        "waiting": Complaint.objects.get(pk=waiting.pk),
        "other": other,
        "other_complaint": other_complaint,
    }


# --- export ------------------------------------------------------------------------------


def test_the_export_holds_exactly_the_reporters_data(story, admin_user):
    reporter, filed, waiting = story["reporter"], story["filed"], story["waiting"]
    document = privacy.export_reporter(reporter, by=admin_user)
    text = json.dumps(document, ensure_ascii=False)  # serialisable as it is

    assert document["format"] == "sambat-bunda/data-pribadi-pelapor"
    person = document["reporter"]
    assert {k: v for k, v in person.items() if k not in ("created_at", "nik_checked_at")} == {
        "name": NAME,
        "whatsapp_number": NUMBER,
        "nik": NIK,
        "nik_status": "valid",
        "nik_status_label": "Valid",
        "address": ADDRESS,
        "email": EMAIL,
    }
    assert person["created_at"] and person["nik_checked_at"]

    assert [c["tracking_number"] for c in document["complaints"]] == [
        filed.tracking_number,
        waiting.tracking_number,
    ]
    first = document["complaints"][0]
    assert first["text"] == COMPLAINT_TEXT
    assert first["public_text"] == filed.public_text
    assert first["location_text"] == "Balai Desa Kalibendo — Kalibendo, Pasirian"
    assert (first["latitude"], first["longitude"]) == ("-8.133500", "113.224700")
    assert (first["status"], first["status_label"]) == ("closed", "Ditutup")
    assert (first["channel"], first["visibility"]) == ("whatsapp", "public")
    assert first["agency"] == "Dinas Pekerjaan Umum dan Tata Ruang"
    assert first["closed_at"] and first["dispatched_at"]
    assert [(u["kind"], u["text"]) for u in first["updates_sent_to_reporter"]] == [
        ("response", "Terima kasih Ibu Siti, pangkalan akan dicek."),
        ("follow_up", "Petugas sudah ke pangkalan."),
        ("resolution", "Pasokan ditambah."),
    ]
    assert [m["text"] for m in first["messages_from_reporter"]] == [
        f"Rumah saya di {ADDRESS}, dekat pangkalan."
    ]
    assert [a["content_type"] for a in first["attachments_from_reporter"]] == ["image/jpeg"]
    assert first["satisfaction"] == {
        "rating": 4,
        "rating_label": "Puas",
        "comment": "Cepat, terima kasih. Siti Nur Khomsah",
        "created_at": first["satisfaction"]["created_at"],
    }
    second = document["complaints"][1]
    assert (second["status"], second["channel"], second["satisfaction"]) == (
        "submitted",
        "phone",
        None,
    )
    assert NOTE not in text  # internal notes are the regency's working documents

    [chat] = document["conversations"]
    assert (chat["channel"], chat["contact"], chat["profile_name"]) == ("whatsapp", NUMBER, NAME)
    inbound = document["inbound_messages"]
    assert len(inbound) == len(WHATSAPP_FILING)
    assert {m["contact"] for m in inbound} == {NUMBER}
    assert COMPLAINT_TEXT in [m["text"] for m in inbound]
    assert [m["kind"] for m in inbound if m["file_type"]] == ["image"]

    sent_to_her = Notification.objects.filter(audience="reporter", recipient_phone=NUMBER)
    assert len(document["notifications"]) == sent_to_her.count() > 5
    assert {n["recipient"] for n in document["notifications"]} == {NUMBER}
    ticket = next(
        n for n in document["notifications"] if n["message_type"] == "reporter.ticket_issued"
    )
    assert filed.tracking_number in ticket["text"]
    assert (ticket["status"], ticket["complaint"]) == ("read", filed.tracking_number)

    # Nobody else's data.
    other = story["other_complaint"]
    for foreign in (OTHER_NAME, OTHER_NUMBER, OTHER_NUMBER.lstrip("+"), OTHER_TEXT):
        assert foreign not in text
    assert other.tracking_number not in text
    assert "+6281100000001" not in text  # the agency's phone

    # The log says who downloaded what, and holds none of it.
    log = ActivityLog.objects.get(action=ActivityLog.EXPORT_PERSONAL_DATA)
    assert (log.actor, log.reporter, log.complaint) == (admin_user, reporter, None)
    assert log.data["complaints"] == 2 and log.data["inbound_messages"] == len(WHATSAPP_FILING)
    assert no_personal_data(json.dumps(log.data) + log.reason)


def test_only_admin_pengaduan_may_export_or_erase(story, opd_admin, validator):
    for user in (opd_admin, validator):
        with pytest.raises(services.ActionForbidden):
            privacy.export_reporter(story["reporter"], by=user)
        with pytest.raises(services.ActionForbidden):
            privacy.erase_reporter(story["reporter"], by=user, reason="permintaan")
    assert not ActivityLog.objects.filter(
        action__in=[ActivityLog.EXPORT_PERSONAL_DATA, ActivityLog.ERASE_PERSONAL_DATA]
    ).exists()


# --- erasure -----------------------------------------------------------------------------


def snapshot(reporter_pk: int) -> list:
    """Every row erasure may touch, as plain values."""
    return [
        list(Reporter.objects.filter(pk=reporter_pk).values()),
        list(Complaint.objects.order_by("pk").values()),
        list(ComplaintUpdate.objects.order_by("pk").values()),
        list(SatisfactionResponse.objects.order_by("pk").values()),
        list(Attachment.objects.order_by("pk").values()),
        list(Conversation.objects.order_by("pk").values()),
        list(InboundMessage.objects.order_by("pk").values()),
        list(Notification.objects.order_by("pk").values()),
        list(WebhookEvent.objects.order_by("pk").values("pk", "body")),
        list(ActivityLog.objects.exclude(action=ActivityLog.ERASE_PERSONAL_DATA).values()),
    ]


def test_erasure_is_refused_while_a_complaint_is_open(story, admin_user):
    reporter = story["reporter"]
    before = snapshot(reporter.pk)
    with pytest.raises(privacy.ErasureRefused) as refused:
        privacy.erase_reporter(reporter, by=admin_user, reason="Permintaan pelapor")
    message = str(refused.value)
    assert "belum dapat dihapus" in message
    assert story["waiting"].tracking_number in message
    assert story["filed"].tracking_number not in message
    assert snapshot(reporter.pk) == before
    assert not ActivityLog.objects.filter(action=ActivityLog.ERASE_PERSONAL_DATA).exists()
    with pytest.raises(services.InvalidInput):
        privacy.erase_reporter(reporter, by=admin_user, reason="  ")


def test_erasure_anonymises_everything_and_keeps_the_public_record(
    story, admin_user, client, django_capture_on_commit_callbacks
):
    reporter, filed, waiting = story["reporter"], story["filed"], story["waiting"]
    services.archive(waiting, by=admin_user, reason_code="invalid", note="Tidak dapat dihubungi")
    media = InboundMessage.objects.exclude(media_file="").get(contact=NUMBER)
    storage, media_name = media.media_file.storage, media.media_file.name
    assert storage.exists(media_name)
    evidence_files = {a.pk: a.file.name for a in Attachment.objects.all()}
    inbound_count = InboundMessage.objects.filter(contact=NUMBER).count()
    her_notifications = list(
        Notification.objects.filter(audience="reporter", recipient_phone=NUMBER).values_list(
            "pk", "status"
        )
    )
    staff_notifications = dict(
        Notification.objects.exclude(audience="reporter").values_list("pk", "recipient_phone")
    )
    assert Notification.objects.filter(
        template_key="agency.reporter_message", text__contains="Kenanga"
    ).exists()
    other_before = [
        list(Conversation.objects.filter(contact=OTHER_NUMBER).values()),
        list(InboundMessage.objects.filter(contact=OTHER_NUMBER).values()),
        list(Notification.objects.filter(recipient_phone=OTHER_NUMBER).values()),
        list(Complaint.objects.filter(pk=story["other_complaint"].pk).values()),
    ]
    states = {c.tracking_number: c.status for c in Complaint.objects.all()}
    public_page = client.get(f"/aduan/{filed.tracking_number}/").content.decode()
    assert NAME in public_page and "Siti" in public_page  # she chose "publik"

    with django_capture_on_commit_callbacks(execute=True):
        summary = privacy.erase_reporter(
            reporter, by=admin_user, reason=f"Surat permintaan Ibu {NAME} tanggal 12 Mei"
        )

    # The reporter row stays for the complaints to point at, with nothing personal.
    reporter.refresh_from_db()
    assert (reporter.name, reporter.whatsapp_number, reporter.nik) == (ERASED_NAME, None, "")
    assert (reporter.address, reporter.email) == ("", "")
    assert (reporter.nik_status, reporter.nik_checked_by, reporter.nik_checked_at) == (
        Reporter.NikStatus.UNCHECKED,
        None,
        None,
    )

    # Complaints: same numbers, states, agency and dates; texts without the person.
    assert {c.tracking_number: c.status for c in Complaint.objects.all()} == states
    filed_after = Complaint.objects.get(pk=filed.pk)
    assert filed_after.visibility == Complaint.Visibility.ANONYMOUS
    assert filed_after.agency_id == filed.agency_id and filed_after.closed_at == filed.closed_at
    assert Complaint.objects.get(pk=waiting.pk).visibility == Complaint.Visibility.CONFIDENTIAL
    for complaint in Complaint.objects.filter(reporter=reporter):
        for value in (complaint.text, complaint.public_text, complaint.location_text):
            assert no_personal_data(value), value
    assert filed_after.text.startswith("Gas melon langka sudah dua minggu")
    assert f"Saya {NAME_PLACEHOLDER}, bisa dihubungi di [nomor disamarkan]" in filed_after.text
    assert "[email disamarkan]" in filed_after.text
    waiting_after = Complaint.objects.get(pk=waiting.pk)
    assert waiting_after.location_text == "[alamat disamarkan]"
    assert "[NIK disamarkan]" in waiting_after.text

    updates = {u.kind: u.text for u in ComplaintUpdate.objects.filter(complaint=filed)}
    assert updates["response"] == f"Terima kasih Ibu {NAME_PLACEHOLDER}, pangkalan akan dicek."
    assert updates["note"] == f"Sudah ditelepon Bu {NAME_PLACEHOLDER}, beliau minta dikabari sore."
    assert updates["reporter_message"] == "Rumah saya di [alamat disamarkan], dekat pangkalan."
    answer = SatisfactionResponse.objects.get(complaint=filed)
    assert (answer.rating, answer.comment) == (4, f"Cepat, terima kasih. {NAME_PLACEHOLDER}")

    # Evidence stays (already re-encoded without EXIF); only her own file name goes.
    assert {a.pk: a.file.name for a in Attachment.objects.all()} == evidence_files
    assert all(storage.exists(name) for name in evidence_files.values())
    own = Attachment.objects.get(complaint=filed, update__isnull=True)
    assert own.original_name == "lampiran.jpg"

    # Chats: the conversation is gone, the messages stay as empty rows without her number.
    assert not Conversation.objects.filter(contact=NUMBER).exists()
    assert not InboundMessage.objects.filter(contact=NUMBER).exists()
    erased = InboundMessage.objects.filter(contact__startswith="dihapus:")
    assert erased.count() == inbound_count == summary.inbound_messages
    assert len({m.contact for m in erased}) == 1
    for message in erased:
        assert (message.text, message.payload, message.media_file.name) == ("", {}, "")
        assert message.latitude is None and wa.PHONE not in message.provider_message_id
    assert not storage.exists(media_name)
    assert summary.media_files_deleted == 1

    # Notifications to her: no number, no name; what was still queued is cancelled.
    for pk, status_before in her_notifications:
        notification = Notification.objects.get(pk=pk)
        assert (notification.recipient_phone, notification.recipient_email) == ("", "")
        assert no_personal_data(notification.text + json.dumps(notification.params))
        if status_before == Notification.State.PENDING:
            assert notification.status == Notification.State.FAILED
            assert notification.last_error == privacy.CANCELLED_NOTICE
        else:
            assert notification.status == status_before
    assert (
        summary.notifications_cancelled
        == sum(1 for _pk, status in her_notifications if status == Notification.State.PENDING)
        > 0
    )
    # Staff keep their messages about her complaints (to their own numbers), without her.
    staff = Notification.objects.exclude(audience="reporter")
    assert dict(staff.values_list("pk", "recipient_phone")) == staff_notifications
    for notification in staff.filter(complaint__reporter=reporter):
        assert no_personal_data(notification.text + json.dumps(notification.params))
    assert summary.staff_notifications > 0

    # The raw webhook deliveries no longer carry her number or profile name.
    for event in WebhookEvent.objects.all():
        assert wa.PHONE not in json.dumps(event.body) and NAME not in json.dumps(event.body)
    assert any(OTHER_NUMBER.lstrip("+") in json.dumps(e.body) for e in WebhookEvent.objects.all())

    # Agus is untouched.
    assert [
        list(Conversation.objects.filter(contact=OTHER_NUMBER).values()),
        list(InboundMessage.objects.filter(contact=OTHER_NUMBER).values()),
        list(Notification.objects.filter(recipient_phone=OTHER_NUMBER).values()),
        list(Complaint.objects.filter(pk=story["other_complaint"].pk).values()),
    ] == other_before

    # The public page and Open311 show the complaint, without her.
    page = client.get(f"/aduan/{filed.tracking_number}/")
    html = page.content.decode()
    assert page.status_code == 200 and "Ditutup" in html and "Anonim" in html
    assert no_personal_data(html)
    assert "Pasokan ditambah." in html
    record = client.get(f"/open311/v2/requests/{filed.tracking_number}.json").json()[0]
    assert (record["service_request_id"], record["status"]) == (filed.tracking_number, "closed")
    assert "Gas melon langka" in record["description"]
    assert no_personal_data(json.dumps(record))

    # The history log: the event with the reason and counts, and no personal data anywhere.
    event = ActivityLog.objects.get(action=ActivityLog.ERASE_PERSONAL_DATA)
    assert (event.actor, event.reporter) == (admin_user, reporter)
    assert event.reason == f"Surat permintaan Ibu {NAME_PLACEHOLDER} tanggal 12 Mei"
    assert event.data["counts"] == summary.as_dict()
    assert event.data["counts"]["complaints"] == 2
    assert event.data["counts"]["conversations_deleted"] == 1
    for entry in ActivityLog.objects.all():
        assert no_personal_data(entry.reason + json.dumps(entry.data)), entry.action


def test_erasing_twice_is_harmless(story, admin_user):
    reporter = story["reporter"]
    services.archive(story["waiting"], by=admin_user, reason_code="spam")
    first = privacy.erase_reporter(reporter, by=admin_user, reason="Permintaan pelapor")
    assert first.changed > 0
    before = snapshot(reporter.pk)
    again = privacy.erase_reporter(reporter, by=admin_user, reason="Permintaan pelapor")
    assert again.changed == 0
    assert snapshot(reporter.pk) == before
    assert ActivityLog.objects.filter(action=ActivityLog.ERASE_PERSONAL_DATA).count() == 2
    # "data" in a text is not mistaken for the erased reporter's name on the public site.
    filed = Complaint.objects.get(pk=story["filed"].pk)
    assert mask_names("mohon data dicek", [reporter.name]) == "mohon data dicek"
    assert filed.reporter_display_name() == "Anonim"


# --- the admin -----------------------------------------------------------------------------


def export_url(reporter):
    return reverse("pengaduan_reporter_personal_data_export", args=[reporter.pk])


def erase_url(reporter):
    return reverse("pengaduan_reporter_personal_data_erase", args=[reporter.pk])


def test_admin_pengaduan_sees_the_buttons_and_downloads_the_json(story, client, admin_user):
    reporter = story["reporter"]
    client.force_login(admin_user)
    page = client.get(reverse("pengaduan_reporter_modeladmin_inspect", args=[reporter.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Unduh data pribadi (JSON)" in html and "Hapus data pribadi" in html
    assert export_url(reporter) in html and erase_url(reporter) in html

    response = client.get(export_url(reporter))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=")
    assert f"data-pribadi-pelapor-{reporter.pk}-" in disposition and "Siti" not in disposition
    assert "no-store" in response["Cache-Control"]
    document = json.loads(response.content)
    assert document["reporter"]["nik"] == NIK
    assert len(document["complaints"]) == 2
    assert (
        ActivityLog.objects.filter(
            action=ActivityLog.EXPORT_PERSONAL_DATA, actor=admin_user, reporter=reporter
        ).count()
        == 1
    )
    assert client.post(export_url(reporter)).status_code == 405


def test_the_erase_page_refuses_while_open_then_erases_with_reason_and_checkbox(
    story, client, admin_user
):
    reporter, waiting = story["reporter"], story["waiting"]
    client.force_login(admin_user)
    page = client.get(erase_url(reporter))
    html = page.content.decode()
    assert page.status_code == 200
    assert "belum dapat dihapus" in html and waiting.tracking_number in html
    assert 'name="reason"' not in html  # no form while complaints are open
    response = client.post(erase_url(reporter), {"reason": "Permintaan", "confirm": "on"})
    assert response.status_code == 200
    assert "belum dapat dihapus" in response.content.decode()
    assert Reporter.objects.get(pk=reporter.pk).name == NAME

    services.archive(waiting, by=admin_user, reason_code="invalid")
    page = client.get(erase_url(reporter)).content.decode()
    assert 'name="reason"' in page and 'name="confirm"' in page
    for incomplete in ({"reason": "Permintaan pelapor"}, {"reason": "", "confirm": "on"}):
        response = client.post(erase_url(reporter), incomplete)
        assert response.status_code == 200
        assert Reporter.objects.get(pk=reporter.pk).name == NAME
    response = client.post(
        erase_url(reporter), {"reason": "Surat permintaan 12 Mei", "confirm": "on"}
    )
    inspect = reverse("pengaduan_reporter_modeladmin_inspect", args=[reporter.pk])
    assert response.status_code == 302 and response["Location"] == inspect
    reporter.refresh_from_db()
    assert (reporter.name, reporter.whatsapp_number) == (ERASED_NAME, None)
    event = ActivityLog.objects.get(action=ActivityLog.ERASE_PERSONAL_DATA)
    assert (event.actor, event.reason) == (admin_user, "Surat permintaan 12 Mei")
    assert "telah dihapus" in client.get(inspect).content.decode()


@pytest.mark.parametrize("role", ["validator", "opd_admin", "sekdin", "kadis", "editor"])
def test_everyone_else_is_denied(story, client, role, request):
    user = request.getfixturevalue(role)
    reporter = story["reporter"]
    services.archive(story["waiting"], by=request.getfixturevalue("admin_user"), reason_code="spam")
    client.force_login(user)
    before = snapshot(reporter.pk)
    home = reverse("wagtailadmin_home")
    for response in (
        client.get(export_url(reporter)),
        client.get(erase_url(reporter)),
        client.post(erase_url(reporter), {"reason": "Permintaan", "confirm": "on"}),
    ):
        assert response.status_code in (302, 403)
        if response.status_code == 302:
            assert response["Location"] == home
        assert NIK not in response.content.decode()
    assert snapshot(reporter.pk) == before
    assert not ActivityLog.objects.filter(
        action__in=[ActivityLog.EXPORT_PERSONAL_DATA, ActivityLog.ERASE_PERSONAL_DATA]
    ).exists()


def test_a_validator_sees_no_buttons_and_anonymous_visitors_must_log_in(story, client, validator):
    reporter = story["reporter"]
    response = client.get(export_url(reporter))
    assert response.status_code == 302 and "/login/" in response["Location"]
    # Validators may see personal data but not change reporters: no page, no buttons.
    client.force_login(validator)
    inspect = client.get(reverse("pengaduan_reporter_modeladmin_inspect", args=[reporter.pk]))
    assert "Unduh data pribadi (JSON)" not in inspect.content.decode()
