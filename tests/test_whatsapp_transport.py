"""The real CloudAPIBackend, with only the HTTP layer replaced (httpx.MockTransport)."""

import datetime as dt
import json

import httpx
import pytest
from django.utils import timezone

from pengaduan.models import Conversation
from workflow import outbox
from workflow.models import Notification
from workflow.transports import CloudAPIBackend, PermanentError, TransientError

PHONE_NUMBER_ID = "109876543210"


class Graph:
    """A stand-in for graph.facebook.com that records requests and plays scripted replies."""

    def __init__(self):
        self.requests = []
        self.replies = []

    def handler(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        if self.replies:
            reply = self.replies.pop(0)
            if isinstance(reply, Exception):
                raise reply
            return reply
        return httpx.Response(
            200,
            json={
                "messaging_product": "whatsapp",
                "contacts": [{"input": "x", "wa_id": "x"}],
                "messages": [{"id": f"wamid.HBgM{len(self.requests)}"}],
            },
        )

    def body(self, index=-1):
        return json.loads(self.requests[index].content)


graph = Graph()


class MockedCloudAPIBackend(CloudAPIBackend):
    def __init__(self):
        super().__init__(client=httpx.Client(transport=httpx.MockTransport(graph.handler)))


@pytest.fixture(autouse=True)
def cloud_api(settings):
    settings.WHATSAPP_BACKEND = "tests.test_whatsapp_transport.MockedCloudAPIBackend"
    settings.WHATSAPP_API_BASE_URL = "https://graph.example.test"
    settings.WHATSAPP_API_VERSION = "v21.0"
    settings.WHATSAPP_PHONE_NUMBER_ID = PHONE_NUMBER_ID
    settings.WHATSAPP_ACCESS_TOKEN = "token-rahasia"
    graph.requests.clear()
    graph.replies.clear()
    return graph


@pytest.fixture
def ticket(make_complaint, reporter):
    complaint = make_complaint()
    return Notification.objects.get(complaint=complaint, template_key="reporter.ticket_issued")


def wrote_to_us(phone, ago):
    Conversation.objects.update_or_create(
        channel="whatsapp", contact=phone, defaults={"last_inbound_at": timezone.now() - ago}
    )


def test_inside_the_24_hour_window_a_text_is_posted(ticket, reporter):
    wrote_to_us(reporter.whatsapp_number, dt.timedelta(hours=2))
    assert outbox.deliver(ticket.pk) == "sent"
    [request] = graph.requests
    assert str(request.url) == f"https://graph.example.test/v21.0/{PHONE_NUMBER_ID}/messages"
    assert request.headers["Authorization"] == "Bearer token-rahasia"
    assert graph.body() == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": reporter.whatsapp_number.lstrip("+"),
        "type": "text",
        "text": {"preview_url": True, "body": ticket.text},
    }
    ticket.refresh_from_db()
    assert ticket.provider_message_id == "wamid.HBgM1"
    assert ticket.status == Notification.State.SENT


def test_outside_the_window_the_approved_template_is_used(ticket, reporter):
    wrote_to_us(reporter.whatsapp_number, dt.timedelta(hours=25))
    assert outbox.deliver(ticket.pk) == "sent"
    number = ticket.params["nomor"]
    assert graph.body() == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": reporter.whatsapp_number.lstrip("+"),
        "type": "template",
        "template": {
            "name": "sb_aduan_diterima",
            "language": {"code": "id"},
            "components": [
                {
                    "type": "body",
                    "parameters": [
                        {"type": "text", "text": reporter.name},
                        {"type": "text", "text": number},
                        {"type": "text", "text": f"https://sambatbunda.test/aduan/{number}/"},
                    ],
                }
            ],
        },
    }


def error(status, code, message="error", headers=None):
    return httpx.Response(
        status,
        json={"error": {"message": message, "type": "OAuthException", "code": code}},
        headers=headers,
    )


def test_rate_limit_is_retried_later(ticket):
    graph.replies.append(error(400, 130429, "Rate limit hit"))
    before = timezone.now()
    assert outbox.deliver(ticket.pk) == "retry"
    ticket.refresh_from_db()
    assert ticket.status == Notification.State.PENDING
    assert ticket.attempts == 1
    assert ticket.next_attempt_at >= before + dt.timedelta(seconds=59)
    assert "130429" in ticket.last_error


def test_pair_rate_limit_honours_retry_after(ticket):
    graph.replies.append(error(400, 131056, headers={"Retry-After": "6"}))
    with pytest.raises(TransientError) as excinfo:
        MockedCloudAPIBackend().send(ticket)
    assert excinfo.value.retry_after == 6


def test_an_invalid_number_fails_permanently(ticket):
    graph.replies.append(error(400, 131026, "Message undeliverable"))
    assert outbox.deliver(ticket.pk) == "failed"
    ticket.refresh_from_db()
    assert ticket.status == Notification.State.FAILED
    assert "131026" in ticket.last_error
    assert outbox.deliver(ticket.pk) == "skipped"
    assert len(graph.requests) == 1


@pytest.mark.parametrize(
    "reply",
    [
        httpx.Response(502, text="Bad Gateway"),
        httpx.ConnectError("connection refused"),
        httpx.ReadTimeout("slow"),
        httpx.Response(200, json={"unexpected": True}),
    ],
)
def test_server_and_network_trouble_is_transient(ticket, reply):
    graph.replies.append(reply)
    assert outbox.deliver(ticket.pk) == "retry"
    ticket.refresh_from_db()
    assert ticket.status == Notification.State.PENDING


def test_no_template_outside_the_window_is_a_clear_permanent_error(ticket):
    from workflow.models import MessageTemplate

    MessageTemplate.objects.filter(key="reporter.ticket_issued").update(whatsapp_template="")
    with pytest.raises(PermanentError) as excinfo:
        MockedCloudAPIBackend().send(ticket)
    assert "24-hour window" in str(excinfo.value)
    assert graph.requests == []


def test_misconfiguration_is_reported_at_construction(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.WHATSAPP_ACCESS_TOKEN = ""
    with pytest.raises(ImproperlyConfigured):
        CloudAPIBackend()


def test_a_chat_reply_with_buttons_is_an_interactive_message(db):
    wrote_to_us("+6281234567890", dt.timedelta(minutes=1))
    reply = outbox.queue(
        key="reply:test",
        template_key="reporter.chat_reply",
        params={
            "isi": "Pilih sifat aduan:",
            "_buttons": [
                {"id": "vis:public", "title": "Publik"},
                {"id": "vis:anonymous", "title": "Anonim"},
            ],
        },
        audience="reporter",
        phone="+6281234567890",
    )
    assert outbox.deliver(reply.pk) == "sent"
    assert graph.body() == {
        "messaging_product": "whatsapp",
        "recipient_type": "individual",
        "to": "6281234567890",
        "type": "interactive",
        "interactive": {
            "type": "button",
            "body": {"text": "Pilih sifat aduan:"},
            "action": {
                "buttons": [
                    {"type": "reply", "reply": {"id": "vis:public", "title": "Publik"}},
                    {"type": "reply", "reply": {"id": "vis:anonymous", "title": "Anonim"}},
                ]
            },
        },
    }


def test_media_is_downloaded_in_two_steps(settings):
    graph.replies.extend(
        [
            httpx.Response(
                200,
                json={
                    "url": "https://lookaside.example.test/m/1",
                    "mime_type": "image/jpeg",
                    "id": "M1",
                },
            ),
            httpx.Response(200, content=b"\xff\xd8\xffdata"),
        ]
    )
    data, mime = MockedCloudAPIBackend().download_media("M1")
    assert (data, mime) == (b"\xff\xd8\xffdata", "image/jpeg")
    assert [str(r.url) for r in graph.requests] == [
        "https://graph.example.test/v21.0/M1",
        "https://lookaside.example.test/m/1",
    ]
    assert all(r.headers["Authorization"] == "Bearer token-rahasia" for r in graph.requests)


def test_expired_media_is_a_permanent_error():
    graph.replies.append(error(404, 100, "Unsupported get request"))
    with pytest.raises(PermanentError):
        MockedCloudAPIBackend().download_media("expired")
