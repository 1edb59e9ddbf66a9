"""The satisfaction survey (SKM) over WhatsApp after a complaint is closed [SPEC §9]."""

import datetime as dt
import io
import json

import httpx
import pytest
import time_machine
from django.utils import timezone

from pengaduan.channels import whatsapp
from pengaduan.models import (
    Complaint,
    Conversation,
    InboundMessage,
    SatisfactionResponse,
    WebhookEvent,
)
from workflow import outbox, policy, services, transports
from workflow.models import ActivityLog, Notification
from workflow.states import Status
from workflow.transports import CloudAPIBackend, ConsoleBackend, LocMemBackend

from . import whatsapp_payloads as wa
from .conftest import evidence, web_chat
from .factories import ReporterFactory

CONTACT = "+" + wa.PHONE
SURVEY_TEXT = (
    "Bagaimana penilaian Anda atas penanganan aduan *{number}*? Balas dengan angka 1 sampai 5 "
    "(1 = sangat tidak puas, 5 = sangat puas). Bila masalah ternyata belum selesai, balas "
    "*BELUM SELESAI*."
)
ASK_COMMENT = "Ada saran atau komentar? Tulis di sini, atau ketik LEWATI."


class Graph:
    """graph.facebook.com as far as these tests need it: record each POST, answer a wamid."""

    requests: list[httpx.Request] = []

    @classmethod
    def handler(cls, request: httpx.Request) -> httpx.Response:
        cls.requests.append(request)
        return httpx.Response(200, json={"messages": [{"id": f"wamid.S{len(cls.requests)}"}]})


class GraphBackend(CloudAPIBackend):
    def __init__(self):
        super().__init__(client=httpx.Client(transport=httpx.MockTransport(Graph.handler)))


@pytest.fixture
def cloud_api(settings):
    settings.WHATSAPP_BACKEND = "tests.test_survey.GraphBackend"
    settings.WHATSAPP_PHONE_NUMBER_ID = "109876543210"
    settings.WHATSAPP_ACCESS_TOKEN = "token-rahasia"
    Graph.requests.clear()
    yield Graph
    Graph.requests.clear()


@pytest.fixture
def deliver(client, db):
    """What Meta and our worker do together: POST the signed payload, then process it."""

    def run(payload):
        response = wa.post(client, payload)
        assert response.status_code == 200, response.content
        event = WebhookEvent.objects.order_by("-pk").first()
        return whatsapp.process_event(event.pk)

    return run


@pytest.fixture
def me(db):
    return services.find_or_create_reporter(name="Siti Nur Khomsah", whatsapp_number=CONTACT)


@pytest.fixture
def closed(make_complaint, me):
    return make_complaint(Status.CLOSED, reporter=me)


def replies():
    return list(
        Notification.objects.filter(template_key="reporter.chat_reply", recipient_phone=CONTACT)
        .order_by("pk")
        .values_list("text", flat=True)
    )


def last_reply():
    return replies()[-1]


def step():
    return Conversation.objects.get(contact=CONTACT).step


def rows_for(complaint):
    return [
        {"id": f"rate:{complaint.pk}:5", "title": "5 - Sangat puas"},
        {"id": f"rate:{complaint.pk}:4", "title": "4 - Puas"},
        {"id": f"rate:{complaint.pk}:3", "title": "3 - Cukup puas"},
        {"id": f"rate:{complaint.pk}:2", "title": "2 - Tidak puas"},
        {"id": f"rate:{complaint.pk}:1", "title": "1 - Sangat tidak puas"},
    ]


def wrote_to_us(ago):
    Conversation.objects.update_or_create(
        channel="whatsapp", contact=CONTACT, defaults={"last_inbound_at": timezone.now() - ago}
    )


# --- the invitation ---------------------------------------------------------------------


def test_closing_queues_one_survey_with_a_five_row_list(closed, cloud_api):
    [survey] = Notification.objects.filter(template_key="reporter.survey")
    assert survey.complaint_id == closed.pk
    assert survey.recipient_phone == CONTACT
    assert survey.audience == Notification.Audience.REPORTER
    assert survey.text == SURVEY_TEXT.format(number=closed.tracking_number)
    # After the closing recap, in that order.
    keys = list(
        Notification.objects.filter(complaint=closed, audience="reporter")
        .order_by("pk")
        .values_list("template_key", flat=True)
    )
    assert keys[-2:] == ["reporter.closed", "reporter.survey"]

    wrote_to_us(dt.timedelta(hours=3))
    assert outbox.deliver(survey.pk) == "sent"
    [request] = cloud_api.requests
    assert json.loads(request.content) == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": wa.PHONE,
        "type": "interactive",
        "interactive": {
            "type": "list",
            "body": {"text": SURVEY_TEXT.format(number=closed.tracking_number)},
            "action": {
                "button": "Beri nilai",
                "sections": [{"title": "Nilai", "rows": rows_for(closed)}],
            },
        },
    }


def test_outside_the_window_the_approved_survey_template_is_used(closed, cloud_api):
    survey = Notification.objects.get(template_key="reporter.survey")
    wrote_to_us(dt.timedelta(hours=30))
    assert outbox.deliver(survey.pk) == "sent"
    assert json.loads(cloud_api.requests[0].content) == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": wa.PHONE,
        "type": "template",
        "template": {
            "name": "sb_survei_kepuasan",
            "language": {"code": "id"},
            "components": [
                {"type": "body", "parameters": [{"type": "text", "text": closed.tracking_number}]}
            ],
        },
    }


def test_console_and_locmem_backends_show_the_list(closed):
    survey = Notification.objects.get(template_key="reporter.survey")
    stream = io.StringIO()
    ConsoleBackend(stream=stream).send(survey)
    printed = stream.getvalue()
    assert "≡ Beri nilai" in printed
    assert f"- 5 - Sangat puas  (rate:{closed.pk}:5)" in printed
    assert f"- 1 - Sangat tidak puas  (rate:{closed.pk}:1)" in printed

    LocMemBackend().send(survey)
    assert transports.outbox[-1]["list"] == {
        "button": "Beri nilai",
        "section": "Nilai",
        "rows": rows_for(closed),
    }
    assert transports.outbox[-1]["buttons"] == []


def test_list_limits_are_enforced_by_the_transport(db, cloud_api):
    wrote_to_us(dt.timedelta(minutes=5))
    message = outbox.queue(
        key="list:limits",
        template_key="reporter.chat_reply",
        params={
            "isi": "Pilih:",
            "_list": {
                "button": "Pilih salah satu dari daftar",
                "rows": [{"id": "x" * 300, "title": "Judul baris yang terlalu panjang sekali"}]
                + [{"id": f"r{n}", "title": f"Baris {n}"} for n in range(12)]
                + [{"id": "", "title": "tanpa id"}],
            },
        },
        audience="reporter",
        phone=CONTACT,
    )
    assert outbox.deliver(message.pk) == "sent"
    action = json.loads(cloud_api.requests[0].content)["interactive"]["action"]
    assert action["button"] == "Pilih salah satu dar"  # 20 characters
    [section] = action["sections"]
    assert "title" not in section  # one untitled section is allowed
    assert len(section["rows"]) == 10
    assert section["rows"][0] == {"id": "x" * 200, "title": "Judul baris yang terlalu"}


def test_no_survey_when_already_rated_or_unreachable_by_whatsapp(
    make_complaint, me, admin_user, db
):
    rated = make_complaint(Status.RESOLVED, reporter=me)
    services.record_satisfaction(rated, rating=5, by=admin_user)  # told by phone
    services.close(rated, by=admin_user)
    by_mail = ReporterFactory(whatsapp_number="", email="warga@example.id")
    mailed = make_complaint(Status.CLOSED, reporter=by_mail)
    assert Notification.objects.filter(template_key="reporter.survey").count() == 0
    assert Notification.objects.filter(complaint=mailed, template_key="reporter.closed").exists()


# --- answering --------------------------------------------------------------------------


def test_a_list_choice_records_the_rating_and_the_next_message_the_comment(deliver, closed):
    deliver(wa.envelope([wa.list_choice(f"rate:{closed.pk}:4", "4 - Puas")]))
    answer = SatisfactionResponse.objects.get(complaint=closed)
    assert (answer.rating, answer.comment) == (4, "")
    assert last_reply() == f"Terima kasih atas penilaian Anda: 4 — Puas. {ASK_COMMENT}"
    prompt = Notification.objects.filter(template_key="reporter.chat_reply").latest("pk")
    assert prompt.params["_buttons"] == [{"id": "skip", "title": "Lewati"}]
    assert step() == "survey_comment"

    comment = "Petugas cepat datang, tapi tambalannya kurang rapi di depan rumah Pak Sugeng."
    deliver(wa.envelope([wa.text(comment)]))
    answer.refresh_from_db()
    assert answer.comment == comment
    assert last_reply() == "Terima kasih, saran Anda sudah kami catat untuk perbaikan layanan."
    assert step() == "idle"

    [log] = ActivityLog.objects.filter(complaint=closed, action="rate")
    assert (log.actor_kind, log.data, log.reason) == ("reporter", {"rating": 4}, "")
    # The comment is stored, never logged.
    assert not ActivityLog.objects.filter(reason__contains="Sugeng").exists()
    closed.refresh_from_db()
    assert closed.status == Status.CLOSED
    assert InboundMessage.objects.filter(complaint=closed).count() == 2


def test_a_typed_rating_works_and_lewati_skips_the_comment(deliver, closed):
    deliver(wa.envelope([wa.text("4")]))
    assert SatisfactionResponse.objects.get(complaint=closed).rating == 4
    assert last_reply().startswith("Terima kasih atas penilaian Anda: 4 — Puas.")
    deliver(wa.envelope([wa.text("lewati")]))
    assert last_reply() == "Terima kasih atas penilaian Anda."
    assert SatisfactionResponse.objects.get(complaint=closed).comment == ""
    assert step() == "idle"


@pytest.mark.parametrize(
    ("typed", "rating"),
    [("nilai 3", 3), ("5 bintang", 5), ("⭐⭐", 2), ("1 - Sangat tidak puas", 1), ("4/5", 4)],
)
def test_ratings_are_typed_in_many_ways(deliver, closed, typed, rating):
    deliver(wa.envelope([wa.text(typed)]))
    assert SatisfactionResponse.objects.get(complaint=closed).rating == rating


def test_the_lewati_button_skips_the_comment(deliver, closed):
    deliver(wa.envelope([wa.list_choice(f"rate:{closed.pk}:2", "2 - Tidak puas")]))
    deliver(wa.envelope([wa.button("skip", "Lewati")]))
    assert last_reply() == "Terima kasih atas penilaian Anda."
    assert SatisfactionResponse.objects.get(complaint=closed).comment == ""


def test_a_command_after_the_rating_ends_the_survey_and_works(deliver, closed):
    deliver(wa.envelope([wa.text("5")]))
    deliver(wa.envelope([wa.text("menu")]))
    assert last_reply().startswith("Selamat datang di *Sambat Bunda*")
    assert "Formulir aduan Anda masih tersimpan" not in last_reply()
    assert SatisfactionResponse.objects.get(complaint=closed).comment == ""
    assert step() == "idle"


def test_a_choice_for_someone_elses_complaint_is_ignored(deliver, make_complaint, reporter):
    theirs = make_complaint(Status.CLOSED, reporter=reporter)  # another number
    deliver(wa.envelope([wa.list_choice(f"rate:{theirs.pk}:1", "1 - Sangat tidak puas")]))
    assert not SatisfactionResponse.objects.exists()
    assert not ActivityLog.objects.filter(action="rate").exists()
    assert last_reply().startswith("Selamat datang di *Sambat Bunda*")
    assert step() == "idle"
    deliver(wa.envelope([wa.list_choice("rate:abc:9", "9")]))  # forged
    assert not SatisfactionResponse.objects.exists()


def test_a_second_rating_is_politely_refused(deliver, closed):
    deliver(wa.envelope([wa.list_choice(f"rate:{closed.pk}:5", "5 - Sangat puas")]))
    deliver(wa.envelope([wa.text("lewati")]))
    deliver(wa.envelope([wa.list_choice(f"rate:{closed.pk}:1", "1 - Sangat tidak puas")]))
    refusal = (
        f"Terima kasih, aduan *{closed.tracking_number}* sudah dinilai sebelumnya: "
        "5 — Sangat puas. Penilaian hanya dapat diberikan satu kali."
    )
    assert last_reply() == refusal
    deliver(wa.envelope([wa.text("2")]))
    assert last_reply() == refusal
    assert list(SatisfactionResponse.objects.values_list("rating", flat=True)) == [5]
    assert ActivityLog.objects.filter(action="rate").count() == 1
    assert not InboundMessage.objects.filter(state="failed").exists()


def test_a_rating_typed_as_the_comment_is_not_a_second_rating(deliver, closed):
    deliver(wa.envelope([wa.text("4")]))
    deliver(wa.envelope([wa.text("5")]))
    assert "sudah dinilai sebelumnya: 4 — Puas" in last_reply()
    answer = SatisfactionResponse.objects.get(complaint=closed)
    assert (answer.rating, answer.comment) == (4, "")


def test_belum_selesai_reopens_the_closed_complaint(deliver, closed):
    deliver(wa.envelope([wa.text("Belum selesai, lubangnya muncul lagi setelah hujan")]))
    closed.refresh_from_db()
    assert closed.status == Status.RESPONDED
    assert closed.closed_at is None
    log = closed.activity.latest("id")
    assert (log.action, log.from_state, log.to_state, log.actor_kind) == (
        "reopen",
        Status.CLOSED,
        Status.RESPONDED,
        "reporter",
    )
    assert log.reason == "Belum selesai, lubangnya muncul lagi setelah hujan"
    assert last_reply() == (
        f"Aduan *{closed.tracking_number}* kami buka kembali dan teruskan lagi kepada OPD "
        "untuk ditindaklanjuti."
    )
    assert Notification.objects.filter(complaint=closed, template_key="agency.reopened").exists()
    assert not SatisfactionResponse.objects.exists()


def test_belum_selesai_in_the_comment_keeps_it_and_reopens(deliver, closed):
    deliver(wa.envelope([wa.text("1")]))
    deliver(wa.envelope([wa.text("Masih sama, belum selesai sama sekali")]))
    closed.refresh_from_db()
    assert closed.status == Status.RESPONDED
    answer = SatisfactionResponse.objects.get(complaint=closed)
    assert (answer.rating, answer.comment) == (1, "Masih sama, belum selesai sama sekali")
    assert "kami buka kembali" in last_reply()


def test_a_service_refusal_is_a_reply_not_a_failure(deliver, closed):
    services.reopen(closed, by=policy.REPORTER_ACTOR, reason="Belum selesai.")
    deliver(wa.envelope([wa.list_choice(f"rate:{closed.pk}:3", "3 - Cukup puas")]))
    assert last_reply() == "Survei kepuasan diisi setelah aduan selesai ditindaklanjuti."
    assert not SatisfactionResponse.objects.exists()
    assert InboundMessage.objects.get().state == "done"


# --- when a digit is not a rating ---------------------------------------------------------


def test_without_a_pending_survey_a_digit_is_not_a_rating(deliver, make_complaint, me):
    deliver(wa.envelope([wa.text("5")]))
    resolved = make_complaint(Status.RESOLVED, reporter=me)  # not closed: no survey yet
    deliver(wa.envelope([wa.text("5")]))
    with outbox.suppressed():  # closed without an invitation (e.g. demo data)
        make_complaint(Status.CLOSED, reporter=me)
    deliver(wa.envelope([wa.text("5")]))
    assert not SatisfactionResponse.objects.exists()
    assert not any("penilaian" in text for text in replies())
    resolved.refresh_from_db()
    assert resolved.status == Status.RESOLVED
    assert step() == "idle"


def test_a_survey_older_than_seven_days_is_not_pending(deliver, make_complaint, me):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        old = make_complaint(Status.CLOSED, reporter=me)
    with time_machine.travel(start + dt.timedelta(days=7, minutes=1), tick=False):
        deliver(wa.envelope([wa.text("5")]))
        deliver(wa.envelope([wa.text("Belum selesai pak")]))
        assert not SatisfactionResponse.objects.exists()
        old.refresh_from_db()
        assert old.status == Status.CLOSED
        assert not any("penilaian" in text for text in replies())
        # The list names the complaint: an explicit choice still counts.
        deliver(wa.envelope([wa.list_choice(f"rate:{old.pk}:4", "4 - Puas")]))
        assert SatisfactionResponse.objects.get(complaint=old).rating == 4


def test_within_seven_days_the_survey_is_still_pending(deliver, make_complaint, me):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        recent = make_complaint(Status.CLOSED, reporter=me)
    with time_machine.travel(start + dt.timedelta(days=6, hours=23), tick=False):
        deliver(wa.envelope([wa.text("3")]))
    assert SatisfactionResponse.objects.get(complaint=recent).rating == 3


def test_a_returned_complaint_does_not_swallow_the_rating(deliver, make_complaint, me, closed):
    returned = make_complaint(Status.RETURNED_TO_REPORTER, reporter=me)
    deliver(wa.envelope([wa.text("5")]))
    assert SatisfactionResponse.objects.get(complaint=closed).rating == 5
    returned.refresh_from_db()
    assert returned.status == Status.RETURNED_TO_REPORTER


def test_a_list_choice_in_the_middle_of_a_form_keeps_the_form(deliver, closed):
    deliver(wa.envelope([wa.text("aduan")]))
    assert step() == "ask_location"  # a known reporter is not asked the name
    deliver(wa.envelope([wa.list_choice(f"rate:{closed.pk}:5", "5 - Sangat puas")]))
    assert SatisfactionResponse.objects.get(complaint=closed).rating == 5
    texts = replies()
    assert texts[-2] == "Terima kasih atas penilaian Anda: 5 — Sangat puas."
    assert texts[-1].startswith("Di mana lokasi kejadiannya?")
    assert step() == "ask_location"
    assert "location_text" not in Conversation.objects.get(contact=CONTACT).data


def test_a_digit_inside_the_form_stays_a_form_answer(deliver, closed):
    for message in [
        wa.text("aduan"),
        wa.text("Desa Kalibendo, Pasirian"),
        wa.text("Lampu jalan di depan masjid mati sudah seminggu, gelap sekali."),
        wa.text("lewati"),
        wa.text("3"),  # the visibility question: Rahasia
    ]:
        deliver(wa.envelope([message]))
    assert not SatisfactionResponse.objects.exists()
    assert Conversation.objects.get(contact=CONTACT).data["visibility"] == "confidential"


# --- replays ------------------------------------------------------------------------------


def test_replaying_the_same_deliveries_records_nothing_twice(deliver, closed):
    rating = wa.envelope([wa.list_choice(f"rate:{closed.pk}:4", "4 - Puas")])
    comment = wa.envelope([wa.text("Terima kasih, sudah bagus.")])
    deliver(rating)
    deliver(comment)
    counts = (
        SatisfactionResponse.objects.count(),
        ActivityLog.objects.filter(action="rate").count(),
        InboundMessage.objects.count(),
        Notification.objects.count(),
    )
    for payload in (rating, comment, rating):  # Meta retries for days
        assert deliver(payload) == {"messages": 0, "statuses": 0}
    assert (
        SatisfactionResponse.objects.count(),
        ActivityLog.objects.filter(action="rate").count(),
        InboundMessage.objects.count(),
        Notification.objects.count(),
    ) == counts
    answer = SatisfactionResponse.objects.get()
    assert (answer.rating, answer.comment) == (4, "Terima kasih, sudah bagus.")
    assert step() == "idle"


# --- the web chat -------------------------------------------------------------------------


def test_the_web_chat_that_filed_the_complaint_may_answer_the_survey(
    db, agency, admin_user, opd_admin
):
    say = web_chat()
    for text, reply_id in [
        ("", "menu:aduan"),
        ("Sumarni", ""),
        ("Jl. Panglima Sudirman, Kelurahan Ditotrunan", ""),
        ("Lampu jalan di depan sekolah mati sudah sebulan, malam hari sangat gelap.", ""),
        ("", "skip"),
        ("", "vis:public"),
        ("0812-3456-7890", ""),  # the survey invitation goes to this WhatsApp number
        ("", "confirm:send"),
    ]:
        say(text, reply_id)
    complaint = Complaint.objects.get()
    services.verify_and_dispatch(complaint, agency, by=admin_user)
    services.respond(complaint, by=opd_admin, text="Segera kami ganti.")
    services.resolve(complaint, by=opd_admin, text="Lampu sudah diganti.", files=[evidence()])
    services.close(complaint, by=admin_user)
    [survey] = Notification.objects.filter(template_key="reporter.survey")
    assert survey.recipient_phone == "+6281234567890"

    assert web_chat()("4") != ["Terima kasih atas penilaian Anda: 4 — Puas. " + ASK_COMMENT]
    assert not SatisfactionResponse.objects.exists()  # another browser owns nothing
    assert say("4") == ["Terima kasih atas penilaian Anda: 4 — Puas. " + ASK_COMMENT]
    assert say("Terang sekarang, terima kasih.") == [
        "Terima kasih, saran Anda sudah kami catat untuk perbaikan layanan."
    ]
    answer = SatisfactionResponse.objects.get(complaint=complaint)
    assert (answer.rating, answer.comment) == (4, "Terang sekarang, terima kasih.")
