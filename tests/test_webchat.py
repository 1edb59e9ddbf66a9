"""The web chat's JSON endpoints: same engine, session identity, CSRF, limits, uploads."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pengaduan.models import Complaint, InboundMessage

from .conftest import jpeg_bytes


@pytest.fixture
def chat(db):
    client = Client(enforce_csrf_checks=True)
    start = client.get("/chat/api/start/")
    assert start.status_code == 200
    token = client.cookies["csrftoken"].value

    def say(text="", reply_id=""):
        response = client.post(
            "/chat/api/message/",
            data=json.dumps({"text": text, "reply_id": reply_id}),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=token,
        )
        return response

    say.client = client
    say.token = token
    say.start = start.json()
    return say


def texts(response):
    return [reply["text"] for reply in response.json()["replies"]]


def test_the_widget_opens_with_the_menu(chat):
    [menu] = chat.start["replies"]
    assert menu["text"].startswith("Selamat datang di *Sambat Bunda*")
    assert [b["title"] for b in menu["buttons"]] == ["Ajukan aduan", "Cek status", "Bertanya"]


def test_a_web_complaint_with_a_photo_ends_with_the_number(chat):
    chat(reply_id="menu:aduan")
    chat("Sumarni")
    chat("Jl. Panglima Sudirman, Kelurahan Ditotrunan")
    chat("Lampu jalan di depan sekolah mati sudah sebulan, malam hari sangat gelap.")
    photo = SimpleUploadedFile("lampu.jpg", jpeg_bytes(), content_type="image/jpeg")
    uploaded = chat.client.post("/chat/api/upload/", {"file": photo}, HTTP_X_CSRFTOKEN=chat.token)
    assert uploaded.status_code == 200
    assert "Lampiran diterima (1 berkas)" in texts(uploaded)[0]
    chat(reply_id="skip")
    chat(reply_id="vis:public")
    chat(reply_id="skip")  # no WhatsApp number
    done = chat(reply_id="confirm:send")
    [reply] = done.json()["replies"]
    complaint = Complaint.objects.get()
    assert reply["tracking_number"] == complaint.tracking_number
    assert reply["tracking_url"].endswith(f"/aduan/{complaint.tracking_number}/")
    assert complaint.channel == Complaint.Channel.WEB
    assert complaint.reporter.whatsapp_number is None
    assert complaint.attachments.count() == 1
    # The session that filed it may check its details; nobody else's session may.
    mine = chat(f"cek {complaint.tracking_number}")
    assert "Lampu jalan" not in texts(mine)[0]  # submitted: no public update yet
    assert "Diterima" in texts(mine)[0]


def test_posts_without_the_csrf_token_are_refused(db):
    client = Client(enforce_csrf_checks=True)
    client.get("/chat/api/start/")
    response = client.post(
        "/chat/api/message/", data=json.dumps({"text": "halo"}), content_type="application/json"
    )
    assert response.status_code == 403
    assert not InboundMessage.objects.exists()


@pytest.mark.parametrize(
    "body",
    [
        b"not json",
        b"[1]",
        json.dumps({"text": 5}).encode(),
        json.dumps({"text": ""}).encode(),
        b"[" * 50_000 + b"]" * 50_000,
    ],
)
def test_bad_bodies_get_a_400(chat, body):
    response = chat.client.post(
        "/chat/api/message/",
        data=body,
        content_type="application/json",
        HTTP_X_CSRFTOKEN=chat.token,
    )
    assert response.status_code == 400
    assert "error" in response.json()
    assert not InboundMessage.objects.exists()


def test_a_bad_upload_is_refused_with_the_reason(chat):
    fake = SimpleUploadedFile("foto.jpg", b"bukan gambar", content_type="image/jpeg")
    response = chat.client.post("/chat/api/upload/", {"file": fake}, HTTP_X_CSRFTOKEN=chat.token)
    assert response.status_code == 400
    assert "bukan foto" in response.json()["error"]
    assert not InboundMessage.objects.exists()


def test_a_session_is_rate_limited(chat):
    statuses = [chat(f"halo {i}").status_code for i in range(32)]
    assert statuses[:30] == [200] * 30
    assert statuses[30:] == [429, 429]


def test_two_browsers_have_two_conversations(chat, db):
    chat(reply_id="menu:aduan")
    chat("Budi Santoso")
    other = Client()
    other.get("/chat/api/start/")
    reply = other.post(
        "/chat/api/message/", data=json.dumps({"text": "aduan"}), content_type="application/json"
    )
    assert "Siapa nama Anda?" in texts(reply)[-1]


def test_nul_characters_are_dropped_not_a_server_error(chat):
    response = chat("halo\x00 min")
    assert response.status_code == 200
    assert InboundMessage.objects.get().text == "halo min"
