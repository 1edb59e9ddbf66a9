"""The conversation gate: a question the knowledge base answers is answered wherever a
question makes sense — at rest, short and slangy, after a ticket, in the middle of the form
(which then resumes) — and a complaint is still a complaint."""

import pytest

from pengaduan.models import Complaint, Conversation

from .conftest import file_web_complaint, web_chat

KTP_PAGE = "Apa yang harus dilakukan jika KTP-el hilang?"
FORM_KEPT = "Formulir aduan Anda masih tersimpan"


@pytest.fixture
def chat(faq_pages):
    return web_chat()


def conversation():
    return Conversation.objects.get(channel="web")


@pytest.mark.parametrize("text", ["KTP hilang", "ktp hilang gmn", "ktp saya ilang"])
def test_short_slangy_questions_get_the_answer_not_the_menu(chat, text):
    [reply] = chat(text)
    assert KTP_PAGE in reply
    assert "/faq/" in reply  # the page it quotes
    assert not reply.startswith("Selamat datang")
    assert conversation().step == "idle"


def test_a_question_in_the_middle_of_the_form_is_answered_and_the_form_resumes(chat):
    chat(reply_id="menu:aduan")
    chat("Sumarni")
    chat("Desa Tempeh Tengah, Kecamatan Tempeh")
    assert conversation().step == "ask_text"
    answer, resume = chat("ktp sy ilang pas banjir, ngurusnya gmn ya")
    assert KTP_PAGE in answer
    assert FORM_KEPT in resume
    assert "Ceritakan aduan Anda" in resume
    conv = conversation()
    assert conv.step == "ask_text"
    assert "text" not in conv.data  # not swallowed as the complaint
    assert conv.data["name"] == "Sumarni"
    # The citizen goes on with the complaint as if nothing happened.
    chat("Saluran air depan balai desa tersumbat sampah sejak banjir, air meluap ke rumah.")
    assert conversation().step == "ask_media"
    assert conversation().data["text"].startswith("Saluran air depan balai desa")


def test_the_question_can_still_become_the_complaint_text(chat):
    chat(reply_id="menu:aduan")
    chat("Sumarni")
    chat("Desa Tempeh Tengah, Kecamatan Tempeh")
    chat("ktp sy ilang pas banjir, ngurusnya gmn ya")
    chat(reply_id="use:text")
    conv = conversation()
    assert conv.data["text"] == "ktp sy ilang pas banjir, ngurusnya gmn ya"
    assert conv.step == "ask_media"


def test_a_question_at_the_location_step_is_answered_then_asked_again(chat):
    chat(reply_id="menu:aduan")
    chat("Sumarni")
    answer, resume = chat("syarat bikin akte lahir anak apa aja?")
    assert answer.startswith("*Apa saja syarat membuat akta kelahiran?*")  # sure: no "Mungkin"
    assert "Di mana lokasi kejadiannya?" in resume
    assert conversation().step == "ask_location"
    assert "location_text" not in conversation().data


def test_after_a_ticket_a_question_is_answered(chat):
    file_web_complaint(chat)
    complaint = Complaint.objects.get()
    updates = complaint.updates.count()
    [reply] = chat("ktp hilang gmn")
    assert KTP_PAGE in reply
    assert complaint.updates.count() == updates  # not added to the complaint


def test_a_narrated_complaint_still_starts_the_form(chat):
    replies = chat(
        "Jalan di Desa Kalipepe rusak parah dan berlubang sejak tiga bulan, sudah ada dua "
        "pengendara jatuh. Mohon segera diperbaiki."
    )
    assert conversation().step == "ask_name"
    assert conversation().data["text"].startswith("Jalan di Desa Kalipepe")
    assert "Siapa nama Anda?" in replies[-1]


def test_off_topic_and_greetings_are_not_answered_from_the_knowledge_base(chat):
    [off] = chat("berapa harga bitcoin hari ini?")
    assert off.startswith("Maaf, belum ada jawaban")
    [menu] = chat("halo")
    assert menu.startswith("Selamat datang")
