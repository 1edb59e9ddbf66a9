"""SMS intake: `SAMBAT <isi aduan>` files a complaint; every answer goes by SMS (SPEC §2.3)."""

import datetime as dt
import io
import json
import re

import httpx
import pytest
import time_machine
from django.core.exceptions import ImproperlyConfigured
from django.test import Client

from pengaduan.channels import sms
from pengaduan.channels.sms import Kind
from pengaduan.models import Complaint, InboundMessage, IntakeSettings, Reporter
from workflow import outbox, services, transports
from workflow.messages import sms_text
from workflow.models import Notification
from workflow.states import Status
from workflow.transports import (
    ConsoleSMSBackend,
    HTTPSMSBackend,
    PermanentError,
    TransientError,
)

from .factories import ReporterFactory
from .test_setup import PRODUCTION_ENV, run_settings

URL = "/sms/masuk/"
TOKEN = "test-sms-token"
SENDER = "0812-3456-7890"
E164 = "+6281234567890"
TRACKING = re.compile(r"^SB-\d{4}-[2-9A-HJKMNP-Z]{5}$")


@pytest.fixture(autouse=True)
def _empty_sms_outbox():
    transports.sms_outbox.clear()
    yield
    transports.sms_outbox.clear()


def post_json(client, payload, token=TOKEN, **headers):
    if token is not None:
        headers.setdefault("HTTP_X_SAMBAT_TOKEN", token)
    return client.post(URL, data=json.dumps(payload), content_type="application/json", **headers)


def post_form(client, payload, token=TOKEN, **headers):
    if token is not None:
        headers.setdefault("HTTP_AUTHORIZATION", f"Bearer {token}")
    return client.post(URL, data=payload, **headers)


def send_all():
    for pk in (
        Notification.objects.filter(status="pending").order_by("pk").values_list("pk", flat=True)
    ):
        outbox.deliver(pk)


def nothing_written():
    return (
        Complaint.objects.count(),
        InboundMessage.objects.count(),
        Notification.objects.count(),
        Reporter.objects.count(),
    ) == (0, 0, 0, 0)


# --- the keyword format -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("SAMBAT Jalan rusak di depan pasar", "Jalan rusak di depan pasar"),
        ("sambat jalan rusak di depan pasar", "jalan rusak di depan pasar"),
        ("SaMbAt Jalan rusak", "Jalan rusak"),
        ("   SAMBAT    Jalan   rusak \t di depan pasar   ", "Jalan rusak di depan pasar"),
        ("SAMBAT\nJalan rusak", "Jalan rusak"),
        ("SAMBAT Jalan rusak\n\n\n  di depan   pasar \n", "Jalan rusak\ndi depan pasar"),
        ("SAMBAT:Jalan rusak", "Jalan rusak"),
        ("SAMBAT: Jalan rusak", "Jalan rusak"),
        ("sambat, jalan rusak", "jalan rusak"),
        ("Sambat. Jalan rusak", "Jalan rusak"),
        ("SAMBAT#Jalan rusak", "Jalan rusak"),
        ("SAMBAT - Jalan rusak", "Jalan rusak"),
        ("SAMBAT Jalan rusak, mohon dicek: RT 02.", "Jalan rusak, mohon dicek: RT 02."),
    ],
)
def test_the_keyword_starts_a_complaint_however_it_is_typed(text, expected):
    assert sms.parse(text, "SAMBAT") == sms.ParsedSMS(Kind.COMPLAINT, expected)


@pytest.mark.parametrize(
    "text", ["SAMBAT", "sambat", "  SAMBAT  \n ", "SAMBAT:", "sambat, ", "SAMBAT#"]
)
def test_the_keyword_alone_is_not_a_complaint(text):
    assert sms.parse(text, "SAMBAT") == sms.ParsedSMS(Kind.KEYWORD_ONLY)


@pytest.mark.parametrize(
    "text",
    [
        "Halo min",
        "Saya mau sambat jalan rusak",  # the keyword must come first
        "SAMBATAN warga Kalibendo",  # a word that merely starts like the keyword
        "SAMBAT2 jalan rusak",
        "CEK SB-2511-7K3QX",
    ],
)
def test_other_texts_are_not_complaints(text):
    parsed = sms.parse(text, "SAMBAT")
    assert parsed.kind == Kind.OTHER
    assert parsed.text == " ".join(text.split())


@pytest.mark.parametrize("text", ["", "   ", "\n\t \n"])
def test_an_empty_sms_is_recognised(text):
    assert sms.parse(text, "SAMBAT") == sms.ParsedSMS(Kind.EMPTY)


def test_the_keyword_is_a_setting(settings, db):
    settings.SMS_KEYWORD = "Lumajang"
    assert sms.parse("LUMAJANG lampu mati").kind == Kind.COMPLAINT
    assert sms.parse("SAMBAT lampu mati").kind == Kind.OTHER
    # The installation's keyword, when set, wins over the server setting [001].
    from workflow.models import InstallationSettings

    installation = InstallationSettings.load()
    installation.sms_keyword = "TANAHBUMBU"
    installation.save()
    assert sms.parse("tanahbumbu lampu mati").kind == Kind.COMPLAINT
    assert sms.parse("LUMAJANG lampu mati").kind == Kind.OTHER
    assert sms.parse("LAPOR  bupati: lampu mati", "LAPOR BUPATI") == sms.ParsedSMS(
        Kind.COMPLAINT, "lampu mati"
    )


# --- the webhook ---------------------------------------------------------------------------


def test_a_keyword_sms_files_a_complaint_and_answers_with_its_number(client, db):
    response = post_json(
        client, {"from": SENDER, "text": "SAMBAT Lampu PJU di Jl. Panjaitan mati.", "id": "gw-1"}
    )

    assert response.status_code == 200
    complaint = Complaint.objects.get()
    assert response.json() == {"status": "created", "tracking_number": complaint.tracking_number}
    assert TRACKING.match(complaint.tracking_number)
    assert complaint.channel == Complaint.Channel.SMS
    assert complaint.status == Status.SUBMITTED
    assert complaint.text == "Lampu PJU di Jl. Panjaitan mati."
    assert complaint.reporter.whatsapp_number == E164
    assert complaint.reporter.name == "Pelapor SMS"
    inbound = InboundMessage.objects.get()
    assert (inbound.channel, inbound.contact, inbound.complaint) == ("sms", E164, complaint)
    assert inbound.provider_message_id == "sms:gw-1"
    assert inbound.state == InboundMessage.State.DONE

    [ticket] = Notification.objects.filter(template_key="reporter.ticket_issued")
    assert (ticket.channel, ticket.recipient_phone) == (Notification.Channel.SMS, E164)
    assert ticket.text == (
        "Terima kasih, Pelapor SMS. Aduan Anda sudah diterima layanan Sambat Bunda Pemerintah "
        f"Kabupaten Lumajang dengan Nomor Aduan {complaint.tracking_number}.\n"
        "Simpan nomor ini untuk memantau perkembangan aduan: "
        f"https://sambatbunda.test/aduan/{complaint.tracking_number}/\n"
        "Admin akan memverifikasi aduan Anda pada jam kerja."
    )

    send_all()
    assert [(m["to"], m["text"]) for m in transports.sms_outbox] == [(E164, ticket.text)]
    assert f"/aduan/{complaint.tracking_number}/" in transports.sms_outbox[0]["text"]
    assert transports.outbox == []  # nothing to the reporter over WhatsApp
    ticket.refresh_from_db()
    assert ticket.status == Notification.State.SENT
    assert ticket.provider_message_id.startswith("sms.locmem-")


def test_a_form_encoded_delivery_with_a_bearer_token_works_the_same(client, db):
    response = post_form(client, {"from": "+62 812 3456 7890", "text": "sambat: sampah menumpuk"})

    assert response.status_code == 200
    assert response.json()["status"] == "created"
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.text) == (Complaint.Channel.SMS, "sampah menumpuk")
    assert complaint.reporter.whatsapp_number == E164


def test_the_reporter_is_found_by_the_normalised_number(client, db):
    siti = ReporterFactory(name="Siti Nur Khomsah", whatsapp_number=E164)
    post_json(client, {"from": "6281234567890", "text": "SAMBAT Selokan mampet."})
    post_form(client, {"from": "081234567890", "text": "SAMBAT Lampu mati."})

    assert Reporter.objects.count() == 1
    assert [c.reporter for c in Complaint.objects.all()] == [siti, siti]
    ticket = Notification.objects.filter(template_key="reporter.ticket_issued").first()
    assert ticket.text.startswith("Terima kasih, Siti Nur Khomsah.")


def test_the_gateway_needs_no_csrf_token(db):
    strict = Client(enforce_csrf_checks=True)
    response = post_form(strict, {"from": SENDER, "text": "SAMBAT Pohon tumbang", "id": "c-1"})
    assert (response.status_code, response.json()["status"]) == (200, "created")


def test_a_repeated_delivery_of_one_gateway_message_files_one_complaint(client, db):
    payload = {"from": SENDER, "text": "SAMBAT Jembatan retak.", "id": "gw-42"}
    first = post_json(client, payload)
    again = post_json(client, payload)
    as_form = post_form(client, payload)

    assert first.json()["status"] == "created"
    assert again.status_code == as_form.status_code == 200
    assert again.json() == as_form.json() == {"status": "duplicate"}
    assert Complaint.objects.count() == 1
    assert InboundMessage.objects.count() == 1
    assert Notification.objects.filter(template_key="reporter.ticket_issued").count() == 1


def test_without_a_gateway_id_each_delivery_is_new(client, db):
    payload = {"from": SENDER, "text": "SAMBAT Jembatan retak."}
    post_json(client, payload)
    post_json(client, payload)
    assert Complaint.objects.count() == 2


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"HTTP_X_SAMBAT_TOKEN": "wrong-token"},
        {"HTTP_AUTHORIZATION": "Bearer wrong-token"},
        {"HTTP_AUTHORIZATION": f"Basic {TOKEN}"},
        {"HTTP_X_SAMBAT_TOKEN": ""},
    ],
)
def test_a_bad_or_missing_token_is_refused_and_writes_nothing(client, db, headers):
    payload = json.dumps({"from": SENDER, "text": "SAMBAT Jalan rusak", "id": "gw-1"})
    response = client.post(URL, data=payload, content_type="application/json", **headers)

    assert response.status_code == 403
    assert response.json() == {"error": "bad or missing token"}
    assert nothing_written()


def test_the_endpoint_is_off_without_a_configured_token(client, db, settings):
    settings.SMS_WEBHOOK_TOKEN = ""
    response = post_json(client, {"from": SENDER, "text": "SAMBAT Jalan rusak"}, token="")
    assert response.status_code == 404
    assert nothing_written()


@pytest.mark.parametrize(
    "payload, message",
    [
        ({"text": "SAMBAT Jalan rusak"}, "missing field 'from'"),
        ({"from": "", "text": "SAMBAT Jalan rusak"}, "missing field 'from'"),
        ({"from": SENDER}, "missing field 'text'"),
        ({"from": SENDER, "text": ["SAMBAT"]}, "field 'text' must be a string"),
        ({"from": True, "text": "SAMBAT x"}, "field 'from' must be a string"),
        ({"from": SENDER, "text": "SAMBAT x", "id": {"a": 1}}, "field 'id' must be a string"),
        (["from", "text"], "expected a JSON object with 'from' and 'text'"),
    ],
)
def test_missing_or_wrong_fields_are_a_clear_400(client, db, payload, message):
    response = post_json(client, payload)
    assert response.status_code == 400
    assert response.json() == {"error": message}
    assert nothing_written()


def test_a_form_without_the_sender_is_a_400(client, db):
    response = post_form(client, {"text": "SAMBAT Jalan rusak"})
    assert (response.status_code, response.json()) == (400, {"error": "missing field 'from'"})
    assert nothing_written()


def test_broken_json_and_unknown_bodies_are_refused(client, db):
    headers = {"HTTP_X_SAMBAT_TOKEN": TOKEN}
    broken = client.post(URL, data="{from:", content_type="application/json", **headers)
    nan = client.post(URL, data='{"from": NaN}', content_type="application/json", **headers)
    plain = client.post(URL, data="SAMBAT Jalan rusak", content_type="text/plain", **headers)
    huge = post_json(client, {"from": SENDER, "text": "SAMBAT " + "x" * 70_000})
    fetch = client.get(URL, **headers)

    assert (broken.status_code, broken.json()) == (400, {"error": "invalid JSON"})
    assert nan.status_code == 400
    assert plain.status_code == 415
    assert huge.status_code == 413
    assert fetch.status_code == 405
    assert nothing_written()


def test_a_sender_that_is_not_a_phone_number_is_ignored(client, db):
    response = post_json(client, {"from": "TELKOMSEL", "text": "Promo paket data"})
    assert response.status_code == 200
    assert response.json() == {"status": "ignored", "reason": "sender is not a phone number"}
    assert nothing_written()


def test_a_numeric_json_sender_and_id_are_accepted(client, db):
    response = post_json(client, {"from": 6281234567890, "text": "SAMBAT Got mampet", "id": 77})
    assert response.json()["status"] == "created"
    assert InboundMessage.objects.get().provider_message_id == "sms:77"


# --- the usage reply -------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["Halo min", "SAMBAT", "sambat:", "", "Saya mau sambat"])
def test_other_texts_get_the_format_by_sms_and_file_nothing(client, db, text):
    response = post_json(client, {"from": SENDER, "text": text, "id": "gw-9"})

    assert response.json() == {"status": "usage"}
    assert Complaint.objects.count() == 0
    [usage] = Notification.objects.all()
    assert (usage.template_key, usage.channel) == ("reporter.sms_usage", Notification.Channel.SMS)
    assert (usage.recipient_phone, usage.audience) == (E164, Notification.Audience.REPORTER)
    assert usage.text == (
        "Format aduan SMS Sambat Bunda: SAMBAT <isi aduan>\n"
        "Contoh: SAMBAT Lampu jalan depan balai desa mati sejak 3 hari.\n"
        "Info: https://sambatbunda.test/"
    )
    assert InboundMessage.objects.get().state == InboundMessage.State.DONE
    send_all()
    assert [(m["to"], m["text"]) for m in transports.sms_outbox] == [(E164, usage.text)]


def test_the_usage_reply_follows_the_keyword_setting(client, db, settings):
    settings.SMS_KEYWORD = "lapor"
    post_json(client, {"from": SENDER, "text": "SAMBAT jalan rusak"})
    assert Complaint.objects.count() == 0
    assert "LAPOR <isi aduan>" in Notification.objects.get().text


@time_machine.travel(dt.datetime(2025, 11, 3, 10, 15, tzinfo=dt.UTC), tick=False)
def test_the_format_is_explained_once_an_hour_to_one_number(client, db):
    """An auto-responder answering our reply must not start an endless paid exchange."""
    for index in range(3):
        post_json(client, {"from": SENDER, "text": f"Balasan otomatis {index}", "id": f"a{index}"})
    post_json(client, {"from": "081299998888", "text": "Halo", "id": "b"})

    assert InboundMessage.objects.count() == 4
    usage = Notification.objects.filter(template_key="reporter.sms_usage")
    assert sorted(usage.values_list("recipient_phone", flat=True)) == [E164, "+6281299998888"]


def test_a_flood_from_one_number_is_throttled(client, db):
    intake = IntakeSettings.load()
    intake.messages_per_minute = 2
    intake.save()
    outcomes = [
        post_json(client, {"from": SENDER, "text": f"SAMBAT aduan {n}", "id": f"f{n}"}).json()[
            "status"
        ]
        for n in range(4)
    ]
    assert outcomes == ["created", "created", "throttled", "throttled"]
    assert Complaint.objects.count() == 2
    assert InboundMessage.objects.filter(error="throttled").count() == 2


# --- later messages of an SMS complaint ------------------------------------------------------


def test_every_later_message_to_an_sms_reporter_goes_by_sms(make_complaint, db):
    sms_reporter = ReporterFactory(whatsapp_number=E164)
    complaint = make_complaint(Status.CLOSED, reporter=sms_reporter, channel=Complaint.Channel.SMS)

    to_reporter = Notification.objects.filter(
        complaint=complaint, audience=Notification.Audience.REPORTER
    ).order_by("pk")
    assert [n.template_key for n in to_reporter] == [
        "reporter.ticket_issued",
        "reporter.dispatched",
        "reporter.response",
        "reporter.resolved",
        "reporter.closed",
        # no survey: its answer could not come back through the SMS keyword format
    ]
    assert {(n.channel, n.recipient_phone) for n in to_reporter} == {
        (Notification.Channel.SMS, E164)
    }
    assert all(len(n.text) <= 306 and "*" not in n.text for n in to_reporter)
    # Staff are still told over WhatsApp.
    agency_rows = Notification.objects.filter(
        complaint=complaint, template_key="agency.new_disposition"
    )
    assert {n.channel for n in agency_rows} == {Notification.Channel.WHATSAPP}


def test_a_long_message_is_cut_for_sms_but_keeps_the_tracking_link(make_complaint, opd_admin):
    complaint = make_complaint(Status.DISPATCHED, channel=Complaint.Channel.SMS)
    long_answer = "Tim kami sudah meninjau lokasi dan mencatat kerusakan. " * 12
    services.respond(complaint, by=opd_admin, text=long_answer)

    [response] = Notification.objects.filter(complaint=complaint, template_key="reporter.response")
    link = f"https://sambatbunda.test/aduan/{complaint.tracking_number}/"
    assert response.channel == Notification.Channel.SMS
    assert len(response.text) <= 306
    assert response.text.startswith(f"Tanggapan {complaint.agency.name} atas aduan")
    assert response.text.endswith(f"... {link}")


def test_without_an_sms_backend_sms_complaints_are_answered_over_whatsapp(make_complaint, settings):
    settings.SMS_BACKEND = ""
    complaint = make_complaint(channel=Complaint.Channel.SMS)
    [ticket] = Notification.objects.filter(
        complaint=complaint, template_key="reporter.ticket_issued"
    )
    assert ticket.channel == Notification.Channel.WHATSAPP
    assert "*" in ticket.text  # the WhatsApp text, unchanged


def test_a_queued_sms_fails_plainly_when_the_backend_is_removed(client, db, settings):
    post_json(client, {"from": SENDER, "text": "Halo"})
    settings.SMS_BACKEND = ""
    usage = Notification.objects.get()
    assert outbox.deliver(usage.pk) == "failed"
    usage.refresh_from_db()
    assert "SMS_BACKEND is not set" in usage.last_error


# --- SMS text ----------------------------------------------------------------------------------


def test_short_texts_lose_only_the_whatsapp_marks():
    assert sms_text("Aduan *SB-2511-7K3QX* diterima – terima kasih…", 306) == (
        "Aduan SB-2511-7K3QX diterima - terima kasih..."
    )


def test_long_texts_are_cut_at_a_word():
    text = "kata " * 100
    cut = sms_text(text, 306)
    assert len(cut) <= 306
    assert cut.endswith("kata...")


def test_the_link_survives_the_cut():
    link = "https://sambatbunda.test/aduan/SB-2511-7K3QX/"
    text = "Tanggapan: " + "panjang sekali " * 40 + f"\n\nPantau di {link}"
    cut = sms_text(text, 306, link=link)
    assert len(cut) <= 306
    assert cut.endswith(f"... {link}")
    assert cut.count("https://") == 1


def test_texts_that_need_unicode_get_the_unicode_budget():
    text = "Aduan diterima 🙏 " * 20  # an emoji makes it UCS-2: 67 per segment
    cut = sms_text(text, 306)
    assert len(cut.encode("utf-16-le")) // 2 <= 134


# --- the SMS backends -----------------------------------------------------------------------


class Gateway:
    """A stand-in for the operator's SMS gateway: records requests, plays scripted replies."""

    def __init__(self, *replies):
        self.requests = []
        self.replies = list(replies)

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        reply = self.replies.pop(0) if self.replies else httpx.Response(200, json={"id": "m-1"})
        if isinstance(reply, Exception):
            raise reply
        return reply

    def backend(self) -> HTTPSMSBackend:
        return HTTPSMSBackend(client=httpx.Client(transport=httpx.MockTransport(self.handler)))


@pytest.fixture
def http_gateway(settings):
    settings.SMS_GATEWAY_URL = "https://sms-gateway.example.test/send"
    settings.SMS_GATEWAY_TOKEN = "gateway-secret"


def notification(text="Aduan SB-2511-7K3QX diterima."):
    return Notification.objects.create(
        audience=Notification.Audience.REPORTER,
        channel=Notification.Channel.SMS,
        recipient_phone=E164,
        template_key="reporter.sms_usage",
        text=text,
        idempotency_key=f"test:{text}",
    )


def test_the_http_backend_posts_to_and_text_with_the_bearer_token(http_gateway, db):
    gateway = Gateway()
    assert gateway.backend().send(notification()) == "m-1"

    [request] = gateway.requests
    assert (request.method, str(request.url)) == ("POST", "https://sms-gateway.example.test/send")
    assert request.headers["Authorization"] == "Bearer gateway-secret"
    assert json.loads(request.content) == {"to": E164, "text": "Aduan SB-2511-7K3QX diterima."}


def test_a_gateway_answer_without_an_id_is_still_success(http_gateway, db):
    assert Gateway(httpx.Response(202, text="queued")).backend().send(notification()) == ""


@pytest.mark.parametrize(
    "reply, error, retry_after",
    [
        (httpx.Response(500, text="boom"), TransientError, None),
        (httpx.Response(503, text="busy"), TransientError, None),
        (httpx.Response(429, headers={"Retry-After": "30"}), TransientError, 30.0),
        (httpx.ConnectError("refused"), TransientError, None),
        (httpx.ReadTimeout("slow"), TransientError, None),
        (httpx.Response(400, text="invalid number"), PermanentError, None),
        (httpx.Response(401, text="bad token"), PermanentError, None),
        (httpx.Response(404), PermanentError, None),
    ],
)
def test_gateway_errors_are_transient_or_permanent(http_gateway, db, reply, error, retry_after):
    with pytest.raises(error) as raised:
        Gateway(reply).backend().send(notification())
    if error is TransientError:
        assert raised.value.retry_after == retry_after


class MockedHTTPSMSBackend(HTTPSMSBackend):
    gateway = Gateway()

    def __init__(self):
        super().__init__(client=httpx.Client(transport=httpx.MockTransport(self.gateway.handler)))


def test_the_outbox_retries_a_busy_gateway_and_gives_up_on_a_refusal(http_gateway, db, settings):
    settings.SMS_BACKEND = "tests.test_sms.MockedHTTPSMSBackend"
    MockedHTTPSMSBackend.gateway.replies = [
        httpx.Response(503, text="busy"),
        httpx.Response(400, text="number barred"),
    ]
    busy, barred = notification("satu"), notification("dua")

    assert outbox.deliver(busy.pk) == "retry"
    assert outbox.deliver(barred.pk) == "failed"
    busy.refresh_from_db()
    barred.refresh_from_db()
    assert (busy.status, busy.last_error) == ("pending", "SMS gateway 503: busy")
    assert (barred.status, barred.last_error) == ("failed", "SMS gateway 400: number barred")


def test_the_http_backend_needs_a_url(settings):
    settings.SMS_GATEWAY_URL = ""
    with pytest.raises(ImproperlyConfigured, match="SMS_GATEWAY_URL"):
        HTTPSMSBackend()


def test_the_console_backend_prints(db):
    stream = io.StringIO()
    row = notification()
    assert ConsoleSMSBackend(stream).send(row) == f"console-sms-{row.pk}"
    assert f"[SMS → {E164}]" in stream.getvalue()
    assert "Aduan SB-2511-7K3QX diterima." in stream.getvalue()


# --- production settings -----------------------------------------------------------------------


def test_production_refuses_an_sms_webhook_without_a_way_to_answer():
    result = run_settings({**PRODUCTION_ENV, "SMS_WEBHOOK_TOKEN": "t" * 32}, "check")
    assert result.returncode != 0
    assert "SMS_WEBHOOK_TOKEN is set but SMS_BACKEND" in result.stderr


def test_production_needs_the_gateway_token_with_the_gateway_url():
    env = {**PRODUCTION_ENV, "SMS_GATEWAY_URL": "https://sms.example.test/send"}
    result = run_settings(env, "check")
    assert result.returncode != 0
    assert "The environment variable SMS_GATEWAY_TOKEN must be set in production" in result.stderr
    configured = {**env, "SMS_GATEWAY_TOKEN": "x", "SMS_WEBHOOK_TOKEN": "t" * 32}
    assert run_settings(configured, "check").returncode == 0
