"""Claude, through the real anthropic SDK with only its HTTP transport replaced (httpx2)."""

import json

import httpx2
import pytest

from faq import ai
from faq.answerer import FaqAnswerer
from faq.models import AiLog
from faq.setup import ensure_faq_index
from pengaduan import enrichment
from pengaduan.models import Complaint
from pengaduan.redaction import redact
from workflow.models import ActivityLog


class FakeClaude:
    """Answers /v1/messages by the requested output schema; records every request."""

    def __init__(self):
        self.requests = []
        self.replies = {}
        self.fail_with = None

    def handler(self, request):
        body = json.loads(request.content)
        self.requests.append(body)
        if self.fail_with is not None:
            return self.fail_with
        schema = body["output_config"]["format"]["schema"]["title"]
        return httpx2.Response(
            200,
            json={
                "id": "msg_test",
                "type": "message",
                "role": "assistant",
                "model": body["model"],
                "content": [{"type": "text", "text": json.dumps(self.replies[schema])}],
                "stop_reason": "end_turn",
                "stop_sequence": None,
                "usage": {"input_tokens": 100, "output_tokens": 20},
            },
        )

    def prompt(self, index=-1) -> str:
        return self.requests[index]["messages"][0]["content"]


@pytest.fixture
def claude(settings):
    settings.ANTHROPIC_API_KEY = "test-key"
    settings.ANTHROPIC_BASE_URL = "http://anthropic.test"
    fake = FakeClaude()
    ai.use_transport(httpx2.MockTransport(fake.handler))
    yield fake
    ai.use_transport(None)


QUESTION = "ktp sy ilang, ngurusnya gmn ya"


def test_claude_answers_only_from_the_retrieved_pages(claude, faq_pages):
    page = faq_pages["ktp-el-hilang"]
    claude.replies["_Grounded"] = {
        "answer": "Laporkan kehilangan ke kepolisian, lalu bawa suratnya ke Dispendukcapil.",
        "used_page_ids": [page.pk],
        "answerable": True,
    }
    answer = FaqAnswerer().answer(QUESTION)
    assert answer.confident and answer.method == "claude"
    assert answer.text.startswith("Laporkan kehilangan")
    assert answer.sources[0].url.endswith("/faq/ktp-el-hilang/")
    [request] = claude.requests
    assert request["model"] == "claude-sonnet-5-5"
    assert f"[halaman {page.pk}] {page.question}" in claude.prompt()
    assert "Pertanyaan warga: " + QUESTION in claude.prompt()
    assert "HANYA berdasarkan halaman FAQ" in request["system"]
    log = AiLog.objects.latest("pk")
    assert (log.method, log.confident) == ("claude", True)
    assert log.source_urls == [answer.sources[0].url]


@pytest.mark.parametrize(
    "reply",
    [
        {"answer": "Tidak ada di halaman.", "used_page_ids": [], "answerable": False},
        {"answer": "Jawaban karangan.", "used_page_ids": [999999], "answerable": True},
    ],
    ids=["unanswerable", "cites-a-page-it-was-not-given"],
)
def test_a_refused_or_unfounded_claude_answer_falls_back_offline(claude, faq_pages, reply):
    claude.replies["_Grounded"] = reply
    answer = FaqAnswerer().answer(QUESTION)
    assert answer.method == "offline"
    assert faq_pages["ktp-el-hilang"].question in answer.text
    assert "karangan" not in answer.text


@pytest.mark.parametrize(
    "failure",
    [
        httpx2.Response(
            500, json={"type": "error", "error": {"type": "api_error", "message": "x"}}
        ),
        httpx2.Response(
            429, json={"type": "error", "error": {"type": "rate_limit_error", "message": "x"}}
        ),
    ],
)
def test_claude_errors_fall_back_offline(claude, faq_pages, failure):
    claude.fail_with = failure
    answer = FaqAnswerer().answer(QUESTION)
    assert answer.method == "offline"
    assert answer.confident is True


def test_a_timeout_falls_back_offline(claude, faq_pages):
    def timeout(request):
        raise httpx2.ReadTimeout("slow", request=request)

    ai.use_transport(httpx2.MockTransport(timeout))
    assert FaqAnswerer().answer(QUESTION).method == "offline"


def test_without_a_key_nothing_leaves_the_machine(settings, faq_pages):
    settings.ANTHROPIC_API_KEY = ""

    def forbidden(request):  # pragma: no cover - would mean a network call
        raise AssertionError("network call without a key")

    ai.use_transport(httpx2.MockTransport(forbidden))
    try:
        assert FaqAnswerer().answer(QUESTION).method == "offline"
        assert ai.intent("Jalan di desa kami rusak parah mohon diperbaiki") == ai.Intent.COMPLAINT
        assert ai.urgency("Banjir lahar masuk rumah warga") == "urgent"
    finally:
        ai.use_transport(None)


def test_intent_asks_claude_but_rules_keep_abuse_and_greetings(claude, db):
    claude.replies["_IntentOut"] = {"intent": "question"}
    assert ai.intent("jalan ini kapan diperbaiki, sudah rusak lama") == ai.Intent.QUESTION
    assert claude.requests[-1]["model"] == "claude-haiku-5-5"
    count = len(claude.requests)
    assert ai.intent("dasar goblok") == ai.Intent.ABUSE
    assert ai.intent("halo") == ai.Intent.GREETING
    assert len(claude.requests) == count  # decided offline


def test_extraction_prefills_the_form_from_a_long_first_message(claude, db):
    from pengaduan import conversation
    from pengaduan.models import Conversation

    claude.replies["_IntentOut"] = {"intent": "complaint"}
    claude.replies["Extracted"] = {
        "name": "Sutrisno",
        "location": "Desa Supiturang, Kecamatan Pronojiwo",
        "complaint": "Jalan ke Curah Kobokan hancur dilewati truk pasir.",
    }
    text = (
        "Selamat pagi, saya Sutrisno dari Desa Supiturang Pronojiwo. Jalan ke Curah Kobokan "
        "hancur dilewati truk pasir, mohon diperbaiki."
    )
    incoming = conversation.Incoming(channel="web", contact="web:abc", text=text)
    incoming.analysis = conversation.prepare(incoming)
    chat = conversation.conversation_for("web", "web:abc")
    replies = conversation.handle(chat, incoming)
    chat = Conversation.objects.get(contact="web:abc")
    assert chat.data["name"] == "Sutrisno"
    assert chat.data["location_text"] == "Desa Supiturang, Kecamatan Pronojiwo"
    assert chat.data["text"] == "Jalan ke Curah Kobokan hancur dilewati truk pasir."
    assert chat.step == "ask_media"
    assert "foto" in replies[-1].text


def test_offline_extraction_finds_name_and_place():
    extracted = ai.offline_extract(
        "Nama saya Siti Aminah, di Desa Kalibendo kecamatan Pasirian gas melon langka."
    )
    assert extracted.name == "Siti Aminah"
    assert extracted.location.lower().startswith("desa kalibendo")


def test_enrichment_redacts_names_and_classifies_once(claude, make_complaint):
    complaint = make_complaint(
        text="Kepala dusun Jalinul meminta uang 7 juta untuk sertifikat sawah saya di Kalibendo."
    )
    claude.replies["_Spans"] = {"spans": [{"text": "Jalinul", "kind": "name"}]}
    claude.replies["_UrgencyOut"] = {"urgency": "no_inspection"}
    assert enrichment.enrich(complaint.pk) == "enriched"
    complaint.refresh_from_db()
    assert "Jalinul" not in complaint.public_text
    assert "[data pribadi disamarkan]" in complaint.public_text
    assert "Jalinul" in complaint.text  # the original stays for staff
    assert complaint.urgency == "no_inspection"
    entry = complaint.activity.latest("id")
    assert (entry.action, entry.actor_kind) == (ActivityLog.EDIT, "system")
    assert entry.data == {"fields": ["public_text", "urgency"]}


def test_enrichment_never_overwrites_an_admins_edit(claude, make_complaint, admin_user):
    from workflow import services

    complaint = make_complaint(text="Pak Jalinul memungut biaya sertifikat.")
    services.edit_details(
        complaint, by=admin_user, changes={"public_text": "Pungutan biaya sertifikat."}
    )
    claude.replies["_Spans"] = {"spans": [{"text": "Jalinul", "kind": "name"}]}
    claude.replies["_UrgencyOut"] = {"urgency": "normal"}
    assert enrichment.enrich(complaint.pk) == "unchanged"
    complaint.refresh_from_db()
    assert complaint.public_text == "Pungutan biaya sertifikat."


def test_enrichment_is_only_queued_when_claude_is_configured(
    settings, reporter, django_capture_on_commit_callbacks
):
    from workflow import services

    settings.ANTHROPIC_API_KEY = ""
    with django_capture_on_commit_callbacks() as offline:
        services.submit(reporter=reporter, text="Sampah menumpuk di pasar Tempeh.")
    settings.ANTHROPIC_API_KEY = "test-key"
    with django_capture_on_commit_callbacks() as online:
        services.submit(reporter=reporter, text="Sampah menumpuk di pasar Tempeh lagi.")
    assert len(online) == len(offline) + 1
    assert Complaint.objects.filter(public_text=redact("Sampah menumpuk di pasar Tempeh.")).exists()


def test_ensure_faq_index_is_idempotent(db):
    first = ensure_faq_index()
    assert ensure_faq_index().pk == first.pk
