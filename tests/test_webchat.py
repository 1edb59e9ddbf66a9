"""The web chat's JSON endpoints: same engine, session identity, CSRF, limits, uploads."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from pengaduan.models import Complaint, InboundMessage

from .conftest import jpeg_bytes, web_chat


@pytest.fixture
def chat(db):
    return web_chat(raw=True)


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


# --- the chat follows the visitor from page to page (issue 16, item 5) --------------------


def history(client):
    response = client.get("/chat/api/history/")
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    return response.json()


def said(document):
    return [(m["author"], m["text"].splitlines()[0]) for m in document["messages"]]


def test_the_history_restores_the_chat_mid_form_without_the_menu(chat):
    chat("Ajukan aduan", reply_id="menu:aduan")
    chat("Sumarni")
    document = history(chat.client)
    assert document["step"] == "ask_location"
    assert said(document) == [
        ("me", "Ajukan aduan"),
        ("bot", "Baik, kami bantu mencatat aduan Anda. Ketik BATAL kapan saja untuk membatalkan."),
        ("me", "Sumarni"),
        (
            "bot",
            "Di mana lokasi kejadiannya? Tulis alamat (desa/kelurahan, kecamatan) "
            "atau kirim lokasi (share location).",
        ),
    ]
    assert not any("Selamat datang" in m["text"] for m in document["messages"])
    # The form goes on from where the history left it.
    reply = chat("Jl. Panglima Sudirman, Kelurahan Ditotrunan")
    assert reply.json()["step"] == "ask_text"
    assert history(chat.client)["messages"][-1]["text"].startswith("Ceritakan aduan Anda")


def test_a_new_visitor_gets_the_menu_and_no_session(db):
    from django.contrib.sessions.models import Session

    client = Client()
    document = history(client)
    [menu] = document["messages"]
    assert document["step"] == "idle"
    assert (menu["author"], menu["text"].split("\n")[0]) == (
        "bot",
        "Selamat datang di *Sambat Bunda*, layanan pengaduan Pemerintah Kabupaten Lumajang.",
    )
    assert [b["id"] for b in menu["buttons"]] == ["menu:aduan", "menu:cek", "menu:tanya"]
    assert "csrftoken" in client.cookies  # the first POST needs it
    assert "sessionid" not in client.cookies
    assert not Session.objects.exists()


def test_one_visitor_never_reads_another_visitors_chat(chat):
    chat("Ajukan aduan", reply_id="menu:aduan")
    chat("Budi Santoso")
    chat("0812-3456-7890 Desa Kalibendo RT 2")
    other = Client()
    other.get("/chat/api/history/")
    other.post(
        "/chat/api/message/", data=json.dumps({"text": "halo"}), content_type="application/json"
    )
    theirs = json.dumps(history(other))
    assert "Budi Santoso" not in theirs
    assert "Kalibendo" not in theirs
    assert said(history(other))[0] == ("me", "halo")
    # Only the session cookie says whose chat it is; naming another contact does nothing.
    contact = f"web:{chat.client.session.session_key}"
    asked = other.get("/chat/api/history/", {"contact": contact, "session": contact})
    assert "Budi Santoso" not in asked.content.decode()
    assert "Budi Santoso" in json.dumps(history(chat.client))


def test_a_cookie_naming_no_session_is_nobodys_chat(chat):
    from django.contrib.sessions.models import Session

    chat("Ajukan aduan", reply_id="menu:aduan")
    chat("Budi Santoso")
    key = chat.client.session.session_key
    Session.objects.filter(session_key=key).delete()  # expired and cleared, or made up
    stale = Client()
    stale.cookies["sessionid"] = key
    assert "Budi Santoso" not in json.dumps(history(stale))
    stale.post(
        "/chat/api/message/", data=json.dumps({"text": "halo"}), content_type="application/json"
    )
    assert stale.cookies["sessionid"].value != key
    assert [author for author, _ in said(history(stale))] == ["me", "bot"]
    assert "Budi Santoso" not in json.dumps(history(stale))


def test_the_transcript_keeps_the_last_fifty_messages(chat):
    from pengaduan.models import Conversation

    chat("halo")
    conversation = Conversation.objects.get()
    conversation.transcript = [{"author": "me", "text": f"pesan {i}"} for i in range(60)]
    conversation.save(update_fields=["transcript"])
    chat("menu")
    messages = history(chat.client)["messages"]
    assert len(messages) == 50
    assert messages[0]["text"] == "pesan 12"
    assert messages[-2] == {"author": "me", "text": "menu", "buttons": []}


def test_an_expired_chat_starts_over_with_the_menu(chat):
    import datetime as dt

    import time_machine
    from django.utils import timezone

    chat("Ajukan aduan", reply_id="menu:aduan")
    chat("Sumarni")
    with time_machine.travel(timezone.now() + dt.timedelta(hours=25), tick=False):
        document = history(chat.client)
        assert document["step"] == "idle"
        assert said(document)[0][1].startswith("Selamat datang")
        chat("halo")
        assert said(history(chat.client))[0] == ("me", "halo")


def test_a_form_begun_before_transcripts_resumes_its_question(chat):
    from pengaduan.models import Conversation

    chat("Ajukan aduan", reply_id="menu:aduan")
    Conversation.objects.update(transcript=[])
    document = history(chat.client)
    assert document["step"] == "ask_name"
    assert said(document) == [("bot", "Siapa nama Anda?")]


@pytest.mark.parametrize(
    "stored",
    [
        {"x": 1},
        "x",
        ["teks", {"author": "hacker", "text": "x"}, {"author": "bot", "text": 5}],
        [{"author": "bot", "text": "Menu", "buttons": "Kirim"}],
        [{"author": "bot", "text": "Menu", "buttons": [{"id": 1}, "Kirim"]}],
    ],
)
def test_a_damaged_transcript_is_not_a_server_error(chat, stored):
    from pengaduan.models import Conversation

    chat("Ajukan aduan", reply_id="menu:aduan")
    Conversation.objects.update(transcript=stored)
    document = history(chat.client)
    assert document["step"] == "ask_name"
    assert all(isinstance(m["buttons"], list) and m["text"] for m in document["messages"])
    assert chat("Sumarni").status_code == 200


# --- the browser's location, stored like a WhatsApp location pin ----------------------------


def locate(chat, **coordinates):
    return chat.client.post(
        "/chat/api/message/",
        data=json.dumps(coordinates),
        content_type="application/json",
        HTTP_X_CSRFTOKEN=chat.token,
    )


def test_a_shared_location_becomes_the_complaints_point(chat):
    from decimal import Decimal

    chat("Ajukan aduan", reply_id="menu:aduan")
    chat("Sumarni")
    shared = locate(chat, latitude=-8.1335127, longitude=113.2248)
    assert shared.status_code == 200
    assert texts(shared)[0] == "Titik lokasi diterima."
    assert shared.json()["step"] == "ask_text"
    pin = InboundMessage.objects.get(kind=InboundMessage.Kind.LOCATION)
    assert (pin.latitude, pin.longitude) == (Decimal("-8.133513"), Decimal("113.224800"))
    assert history(chat.client)["messages"][-3] == {
        "author": "me",
        "text": "Lokasi dibagikan: -8.133513, 113.224800",
        "buttons": [],
    }
    chat("Lampu jalan di depan sekolah mati sudah sebulan, malam hari sangat gelap.")
    chat("Lewati", reply_id="skip")
    chat("Publik", reply_id="vis:public")
    confirm = chat("Lewati", reply_id="skip")
    assert "*Lokasi*: Titik lokasi -8.133513, 113.224800" in texts(confirm)[0]
    chat("Kirim aduan", reply_id="confirm:send")
    complaint = Complaint.objects.get()
    assert (complaint.latitude, complaint.longitude) == (pin.latitude, pin.longitude)


@pytest.mark.parametrize(
    "coordinates",
    [
        {"latitude": 91, "longitude": 113.2},
        {"latitude": -8.1, "longitude": 181},
        {"latitude": -8.1},
        {"latitude": "utara", "longitude": 113.2},
        {"latitude": True, "longitude": 113.2},
        {"latitude": None, "longitude": None},
    ],
)
def test_a_location_that_is_not_one_is_refused(chat, coordinates):
    response = locate(chat, **coordinates)
    assert response.status_code == 400
    assert response.json()["error"].startswith("Titik lokasi tidak dikenali.")
    assert not InboundMessage.objects.exists()


# --- one "Kirim" button; FAQ lists stay lists --------------------------------------------------


def test_the_widget_has_one_send_button_and_the_confirmation_another_label(chat, client):
    page = client.get("/").content.decode()
    assert page.count(">Kirim<") == 1
    assert page.count("<button") == page.count("</button>")
    chat("Ajukan aduan", reply_id="menu:aduan")
    chat("Sumarni")
    chat("Jl. Panglima Sudirman, Kelurahan Ditotrunan")
    chat("Lampu jalan di depan sekolah mati sudah sebulan, malam hari sangat gelap.")
    chat(reply_id="skip")
    chat(reply_id="vis:public")
    [summary] = chat(reply_id="skip").json()["replies"]
    assert [b["title"] for b in summary["buttons"]] == ["Kirim aduan", "Isi ulang", "Batal"]


def test_an_faq_answer_keeps_its_paragraphs_and_list(faq_pages, chat):
    page = faq_pages["ktp-el-hilang"]
    assert page.plain_answer.startswith(
        "Ajukan penerbitan ulang KTP-el ke Dispendukcapil Lumajang dengan membawa:\n\n"
        "• Kartu Keluarga (asli atau fotokopi);\n"
        "• surat keterangan kehilangan dari kepolisian.\n\n"
        "Data Anda sudah tersimpan"
    )
    steps = faq_pages["cara-menyampaikan-aduan"].plain_answer
    assert "\n\n1. Tuliskan pokok aduan secara singkat dan jelas.\n2. Sebutkan lokasi" in steps
    [answer] = texts(chat("ktp sy ilang, ngurusnya gmn ya?"))
    assert "\n• Kartu Keluarga (asli atau fotokopi);\n• surat keterangan" in answer
    assert ";;" not in answer


def test_a_long_answer_is_cut_after_a_whole_line(db):
    from faq.models import FaqPage

    items = "".join(
        f"<li>Langkah nomor {i} yang cukup panjang untuk dibaca warga.</li>" for i in range(40)
    )
    page = FaqPage(answer=f"<p>Caranya:</p><ol>{items}</ol>")
    short = page.short_answer(300)
    assert len(short) <= 300
    assert short.endswith(".\n…")
    assert all(line.startswith(f"{i}. ") for i, line in enumerate(short.splitlines()[2:-1], 1))
