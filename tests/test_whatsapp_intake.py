"""From the first WhatsApp message to the Nomor Aduan, through the signed webhook (SPEC §2)."""

import json

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from pengaduan.channels import whatsapp
from pengaduan.models import Complaint, Conversation, InboundMessage, IntakeSettings, WebhookEvent
from workflow import outbox, services, transports
from workflow.models import Notification
from workflow.states import Status

from . import whatsapp_payloads as wa
from .conftest import jpeg_bytes

CONTACT = "+" + wa.PHONE


@pytest.fixture
def deliver(client, db):
    """What Meta and our worker do together: POST the signed payload, then process it."""

    def run(payload):
        response = wa.post(client, payload)
        assert response.status_code == 200, response.content
        event = WebhookEvent.objects.order_by("-pk").first()
        return whatsapp.process_event(event.pk)

    return run


def replies():
    return list(
        Notification.objects.filter(template_key="reporter.chat_reply", recipient_phone=CONTACT)
        .order_by("pk")
        .values_list("text", flat=True)
    )


def last_reply():
    return replies()[-1]


CONVERSATION = [
    wa.text("Halo min"),
    wa.button("menu:aduan", "Ajukan aduan"),
    wa.text("Siti Nur Khomsah"),
    wa.location(-8.1335, 113.2247, name="Balai Desa Kalibendo", address="Kalibendo, Pasirian"),
    wa.text(
        "Gas melon langka sudah dua minggu, di pangkalan dekat balai desa selalu kosong dan di "
        "toko harganya sampai 25 ribu. Mohon dicek pangkalannya."
    ),
    wa.image("MEDIA-1", caption="Antrean di pangkalan"),
    wa.text("lanjut"),
    wa.button("vis:anonymous", "Anonim"),
    wa.button("confirm:send", "Kirim"),
]


@pytest.fixture
def photo():
    transports.media["MEDIA-1"] = (jpeg_bytes(), "image/jpeg")
    yield
    transports.media.clear()


def test_a_full_conversation_files_one_complaint_with_one_ticket(deliver, photo):
    for message in CONVERSATION:
        deliver(wa.envelope([message]))

    complaint = Complaint.objects.get()
    assert complaint.channel == Complaint.Channel.WHATSAPP
    assert complaint.status == Status.SUBMITTED
    assert complaint.reporter.name == "Siti Nur Khomsah"
    assert complaint.reporter.whatsapp_number == CONTACT
    assert complaint.visibility == Complaint.Visibility.ANONYMOUS
    assert complaint.text.startswith("Gas melon langka sudah dua minggu")
    assert complaint.location_text == "Balai Desa Kalibendo — Kalibendo, Pasirian"
    assert (str(complaint.latitude), str(complaint.longitude)) == ("-8.133500", "113.224700")
    [attachment] = complaint.attachments.all()
    assert attachment.content_type == "image/jpeg"
    assert InboundMessage.objects.filter(complaint=complaint).count() == 1

    tickets = Notification.objects.filter(template_key="reporter.ticket_issued")
    assert [(t.recipient_phone, t.complaint_id) for t in tickets] == [(CONTACT, complaint.pk)]
    assert complaint.tracking_number in tickets[0].text
    conversation = replies()
    assert "Selamat datang di *Sambat Bunda*" in conversation[0]
    assert conversation[1].endswith("Siapa nama Anda?")
    assert "Titik lokasi diterima." in conversation[3]
    assert "Mohon periksa aduan Anda" in conversation[-1]
    assert "*Sifat*: Anonim" in conversation[-1]
    # No chat reply repeats the ticket: the ticket notification is the one answer.
    assert not any(complaint.tracking_number in text for text in conversation)


def test_replaying_every_delivery_changes_nothing(deliver, photo, client):
    payloads = [wa.envelope([message]) for message in CONVERSATION]
    for payload in payloads:
        deliver(payload)
    counts = (
        Complaint.objects.count(),
        InboundMessage.objects.count(),
        Notification.objects.count(),
    )
    for payload in payloads:  # Meta retries for days
        deliver(payload)
    assert (
        Complaint.objects.count(),
        InboundMessage.objects.count(),
        Notification.objects.count(),
    ) == counts
    assert counts[0] == 1


def test_several_messages_in_one_delivery_are_handled_in_order(deliver):
    result = deliver(
        wa.envelope(
            [wa.text("aduan"), wa.text("Agus Dwi Handoko"), wa.text("Desa Kalibendo, Pasirian")]
        )
    )
    assert result == {"messages": 3, "statuses": 0}
    conversation = Conversation.objects.get(contact=CONTACT)
    assert conversation.step == "ask_text"
    assert conversation.data["name"] == "Agus Dwi Handoko"
    assert conversation.data["location_text"] == "Desa Kalibendo, Pasirian"


def test_a_long_first_message_is_taken_as_the_complaint(deliver):
    deliver(
        wa.envelope(
            [
                wa.text(
                    "Jalan desa Supiturang ke arah Curah Kobokan hancur karena truk pasir, "
                    "sudah ada anak sekolah jatuh dari motor. Tolong diperbaiki."
                )
            ]
        )
    )
    conversation = Conversation.objects.get(contact=CONTACT)
    assert conversation.data["text"].startswith("Jalan desa Supiturang")
    assert conversation.step == "ask_name"
    assert "Baik, kami bantu mencatat aduan Anda" in last_reply()


def test_a_known_reporter_is_not_asked_the_name_again(deliver):
    services.find_or_create_reporter(name="Riska", whatsapp_number=CONTACT)
    deliver(wa.envelope([wa.text("ADUAN")]))
    assert Conversation.objects.get(contact=CONTACT).step == "ask_location"


def test_bad_answers_are_asked_again_helpfully(deliver):
    IntakeSettings.objects.update_or_create(pk=1, defaults={"require_nik": True})
    for message in [
        wa.text("aduan"),
        wa.text("7"),  # not a name
    ]:
        deliver(wa.envelope([message]))
    assert last_reply() == "Mohon tulis nama Anda (minimal 2 huruf), mis. Siti Aminah."
    for message in [
        wa.text("Riska"),
        wa.text("Pasirian"),
        wa.text("Gas melon langka, untuk berjualan susah sekali."),
        wa.text("lewati"),
        wa.text("3"),
        wa.text("1234567890123456"),  # NIK with an impossible birth date
    ]:
        deliver(wa.envelope([message]))
    assert last_reply() == "NIK tidak valid. Periksa kembali 16 digit NIK pada KTP-el Anda."
    deliver(wa.envelope([wa.text("3508125507560001")]))
    assert Conversation.objects.get(contact=CONTACT).step == "confirm"
    deliver(wa.envelope([wa.text("kirim")]))
    complaint = Complaint.objects.get()
    assert complaint.reporter.nik == "3508125507560001"
    assert complaint.visibility == Complaint.Visibility.CONFIDENTIAL


def test_commands_work_anywhere_and_tolerate_typos(deliver):
    deliver(wa.envelope([wa.text("aduan")]))
    deliver(wa.envelope([wa.text("bantun")]))
    assert "Formulir aduan Anda masih tersimpan" in last_reply()
    deliver(wa.envelope([wa.text("batl")]))
    assert last_reply().startswith("Formulir aduan dibatalkan.")
    assert Conversation.objects.get(contact=CONTACT).step == "idle"


def test_status_check_gives_detail_only_to_the_reporter(deliver, make_complaint, reporter):
    mine = make_complaint(
        Status.RESPONDED,
        reporter=services.find_or_create_reporter(name="Siti", whatsapp_number=CONTACT),
    )
    theirs = make_complaint(Status.RESPONDED, reporter=reporter, visibility="confidential")
    deliver(wa.envelope([wa.text(f"cek {mine.tracking_number.lower()}")]))
    own = last_reply()
    assert "*Ditanggapi*" in own
    assert "Laporan diterima, segera dicek." in own  # the last public response
    deliver(wa.envelope([wa.text(f"status {theirs.tracking_number}")]))
    other = last_reply()
    assert "*Ditanggapi*" in other
    assert "OPD" not in other  # confidential: no agency
    assert "Laporan diterima" not in other
    deliver(wa.envelope([wa.text("cek SB-2511-ZZZZZ")]))
    assert "tidak ditemukan" in last_reply()


def test_a_returned_complaint_is_completed_by_the_next_message(deliver, make_complaint):
    reporter = services.find_or_create_reporter(name="Siti", whatsapp_number=CONTACT)
    complaint = make_complaint(Status.RETURNED_TO_REPORTER, reporter=reporter)
    deliver(wa.envelope([wa.text("Lokasinya di Dusun Krajan RT 02 RW 01.")]))
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED
    assert "Dusun Krajan RT 02" in complaint.text
    assert "kelengkapan aduan" in last_reply()


def test_belum_selesai_reopens_and_sudah_selesai_closes(deliver, make_complaint):
    reporter = services.find_or_create_reporter(name="Siti", whatsapp_number=CONTACT)
    first = make_complaint(Status.RESOLVED, reporter=reporter)
    deliver(wa.envelope([wa.text("Belum selesai pak, lubangnya muncul lagi")]))
    first.refresh_from_db()
    assert first.status == Status.RESPONDED
    assert first.activity.latest("id").actor_kind == "reporter"
    second = make_complaint(Status.RESOLVED, reporter=reporter)
    deliver(wa.envelope([wa.text("Sudah selesai, terima kasih")]))
    second.refresh_from_db()
    assert second.status == Status.CLOSED


def test_a_reply_to_a_notification_is_attached_to_that_complaint(deliver, make_complaint, agency):
    agency.admin_whatsapp = "+6281100000001"
    agency.save()
    reporter = services.find_or_create_reporter(name="Siti", whatsapp_number=CONTACT)
    complaint = make_complaint(Status.DISPATCHED, reporter=reporter)
    notice = Notification.objects.get(complaint=complaint, template_key="reporter.dispatched")
    outbox.deliver(notice.pk)
    notice.refresh_from_db()
    deliver(
        wa.envelope(
            [
                wa.text(
                    "Tambahan: sekarang sudah ada dua motor jatuh.",
                    context=notice.provider_message_id,
                )
            ]
        )
    )
    update = complaint.updates.get(kind="reporter_message")
    assert update.text == "Tambahan: sekarang sudah ada dua motor jatuh."
    assert Notification.objects.filter(
        complaint=complaint,
        template_key="agency.reporter_message",
        recipient_phone="+6281100000001",
    ).exists()
    assert "sudah kami tambahkan pada aduan" in last_reply()
    assert Complaint.objects.count() == 1


def test_etiquette_abuse_flood_and_other_authorities(deliver):
    deliver(wa.envelope([wa.text("dasar goblok semua")]))
    assert "bahasa yang sopan" in last_reply()
    deliver(wa.envelope([wa.text("listrik padam sejak pagi di rumah saya, kapan nyala?")]))
    assert "PLN" in last_reply()
    IntakeSettings.objects.update_or_create(pk=1, defaults={"messages_per_minute": 3})
    before = len(replies())
    deliver(wa.envelope([wa.text(f"halo {i}") for i in range(6)]))
    new = replies()[before:]
    assert sum("terlalu banyak" in text for text in new) == 1
    assert len(new) < 6


def test_unsupported_messages_get_a_polite_answer(deliver):
    deliver(wa.envelope([wa.sticker()]))
    assert "belum didukung" in last_reply()


def test_a_question_without_an_answer_offers_the_complaint_form(deliver):
    deliver(wa.envelope([wa.text("Bagaimana cara mengurus akta kelahiran?")]))
    assert "belum ada jawaban" in last_reply()
    assert Conversation.objects.get(contact=CONTACT).step == "idle"


def test_a_bad_media_file_is_refused_with_the_reason(deliver):
    transports.media["MEDIA-X"] = (b"MZ\\x90 not a photo", "image/jpeg")
    try:
        deliver(wa.envelope([wa.image("MEDIA-X")]))
    finally:
        transports.media.clear()
    assert "bukan foto" in last_reply()
    assert not InboundMessage.objects.get(media_id="MEDIA-X").media_file


def test_status_entries_update_the_notification(deliver, make_complaint):
    complaint = make_complaint()
    ticket = Notification.objects.get(complaint=complaint, template_key="reporter.ticket_issued")
    outbox.deliver(ticket.pk)
    ticket.refresh_from_db()
    result = deliver(
        wa.envelope(
            statuses=[
                wa.status(ticket.provider_message_id, "delivered"),
                wa.status(ticket.provider_message_id, "read"),
            ]
        )
    )
    assert result == {"messages": 0, "statuses": 2}
    ticket.refresh_from_db()
    assert ticket.status == Notification.State.READ


# --- the request path: verification, signatures, junk -----------------------------------


def test_verification_handshake(client, settings):
    ok = client.get(
        "/whatsapp/webhook/",
        {
            "hub.mode": "subscribe",
            "hub.verify_token": settings.WHATSAPP_VERIFY_TOKEN,
            "hub.challenge": "1158201444",
        },
    )
    assert (ok.status_code, ok.content) == (200, b"1158201444")
    wrong = client.get(
        "/whatsapp/webhook/",
        {"hub.mode": "subscribe", "hub.verify_token": "salah", "hub.challenge": "1"},
    )
    assert wrong.status_code == 403


@pytest.mark.django_db
@pytest.mark.parametrize("signature", [False, "sha256=00", "md5=abc", "sha256=" + "0" * 64])
def test_missing_or_wrong_signature_writes_nothing(client, signature):
    response = wa.post(client, wa.envelope([wa.text("halo")]), signature=signature)
    assert response.status_code == 403
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db
def test_a_signature_with_another_secret_is_refused(client):
    response = wa.post(client, wa.envelope([wa.text("halo")]), secret="rahasia-lain")
    assert response.status_code == 403
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (b"{not json", 400),
        (b"[1, 2, 3]", 400),
        (b"\xff\xfe\x00", 400),
        (b'{"object": "whatsapp_business_account", "entry": [NaN, Infinity]}', 400),
        (b"[" * 100_000 + b"]" * 100_000, 400),
        (json.dumps({"object": "page", "entry": []}).encode(), 200),
        (json.dumps({"object": "whatsapp_business_account", "entry": "x"}).encode(), 200),
    ],
)
def test_junk_bodies_get_a_4xx_or_an_ignoring_200(client, raw, expected):
    response = wa.post(client, None, raw=raw)
    assert response.status_code == expected
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db
def test_a_huge_body_is_refused(client, settings):
    settings.WHATSAPP_WEBHOOK_MAX_BYTES = 1000
    response = wa.post(client, wa.envelope([wa.text("x" * 2000)]))
    assert response.status_code == 413
    assert not WebhookEvent.objects.exists()


@pytest.mark.django_db
def test_the_acknowledgement_only_stores_and_enqueues(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = wa.post(client, wa.envelope([wa.text("halo")]))
    assert response.status_code == 200
    assert WebhookEvent.objects.count() == 1
    assert not InboundMessage.objects.exists()  # the worker's job, not the request's
    assert len(callbacks) == 1


json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4)
    ),
    max_leaves=25,
)


@pytest.mark.django_db
@hyp_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    message=st.dictionaries(
        st.sampled_from(
            [
                "from",
                "id",
                "type",
                "text",
                "location",
                "image",
                "interactive",
                "context",
                "timestamp",
            ]
        ),
        json_values,
    )
)
def test_any_signed_shape_of_message_is_acknowledged_and_handled(client, message):
    """Whatever Meta (or someone holding the secret) sends: a 2xx/4xx, never an error."""
    body = {
        "object": "whatsapp_business_account",
        "entry": [{"changes": [{"value": {"messages": [message], "statuses": [message]}}]}],
    }
    before = WebhookEvent.objects.count()
    response = wa.post(client, body)
    assert response.status_code in (200, 400)
    if response.status_code == 200:
        event = WebhookEvent.objects.order_by("-pk").first()
        assert WebhookEvent.objects.count() == before + 1
        assert whatsapp.process_event(event.pk)["messages"] in (0, 1)
    assert not InboundMessage.objects.filter(state=InboundMessage.State.FAILED).exists()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_same_message_delivered_twice_at_once_is_handled_once():
    import threading

    from django.db import connection

    payload = wa.envelope([wa.text("Halo, saya mau tanya", wamid="wamid.twice")])
    events = [WebhookEvent.objects.create(body=payload) for _ in range(2)]
    barrier = threading.Barrier(2)
    errors = []

    def work(event_id):
        try:
            barrier.wait(timeout=10)
            whatsapp.process_event(event_id)
        except Exception as exc:
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=work, args=(e.pk,)) for e in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    assert InboundMessage.objects.filter(provider_message_id="wamid.twice").count() == 1
    assert len(replies()) == 1


def test_the_sweep_finishes_messages_a_dead_worker_left(db):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        event = WebhookEvent.objects.create(body=wa.envelope([wa.text("menu")]))
        # The worker stored the message and died before handling it.
        InboundMessage.objects.create(
            channel="whatsapp",
            provider_message_id="wamid.orphan",
            contact=CONTACT,
            kind="text",
            text="menu",
        )
    with time_machine.travel(start + dt.timedelta(minutes=2), tick=False):
        result = whatsapp.sweep_inbound()
    assert result["messages"] == 1
    assert result["events"] == 1  # the unprocessed event is enqueued again
    assert InboundMessage.objects.get(provider_message_id="wamid.orphan").state == "done"
    assert "Selamat datang" in last_reply()
    assert WebhookEvent.objects.get(pk=event.pk).processed_at is None  # left to the worker


@pytest.mark.django_db
def test_nul_and_lone_surrogates_are_dropped_not_a_500(client):
    # json.dumps writes "\ud800" as an escape, as a hostile sender would.
    raw = json.dumps(wa.envelope([wa.text("jalan\x00 rusak \ud800di Klakah")])).encode()
    response = wa.post(client, None, raw=raw)
    assert response.status_code == 200
    whatsapp.process_event(WebhookEvent.objects.get().pk)
    message = InboundMessage.objects.get()
    assert message.text == "jalan rusak di Klakah"


def test_short_questions_on_whatsapp_are_answered_also_in_the_middle_of_the_form(
    deliver, faq_pages
):
    deliver(wa.envelope([wa.text("ktp saya ilang")]))
    assert "*Apa yang harus dilakukan jika KTP-el hilang?*" in last_reply()
    deliver(wa.envelope([wa.button("menu:aduan", "Ajukan aduan"), wa.text("Siti Nur Khomsah")]))
    assert Conversation.objects.get(contact=CONTACT).step == "ask_location"
    deliver(wa.envelope([wa.text("syarat bikin akte lahir anak apa aja?")]))
    answer, resume = replies()[-2:]
    assert answer.startswith("*Apa saja syarat membuat akta kelahiran?*")
    assert "Formulir aduan Anda masih tersimpan" in resume
    assert "Di mana lokasi kejadiannya?" in resume
    conv = Conversation.objects.get(contact=CONTACT)
    assert conv.step == "ask_location"
    assert conv.data["name"] == "Siti Nur Khomsah"
