"""The FAQ knowledge base: pages, moderation, offline retrieval, and the bot quoting only live
pages (SPEC §6)."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from faq.answerer import FaqAnswerer
from faq.models import AiLog, FaqIndexPage, FaqPage
from faq.retrieval import is_confident, search
from workflow import policy

from .factories import UserFactory

# A dozen informal, misspelled ways citizens ask (written for these tests, not taken from the
# paraphrase set the thresholds were tuned on).
PARAPHRASES = [
    ("min sy mo ngadu soal jalan rusak lwt wa gmn caranya", "cara-menyampaikan-aduan"),
    ("ktp sy ilang pas banjir, ngurusnya gmn ya", "ktp-el-hilang"),
    ("bikin akte lahir anak sy syaratnya apa aja", "akta-kelahiran"),
    ("kk sy mau ditambahin anak yg baru lahir", "kk-tambah-anggota"),
    ("pbb thn ini bayarnya dmn min", "bayar-pbb-p2"),
    ("lampu jalan depan rumah mati udh seminggu lapor kmn", "pju-mati"),
    ("gimana cara daftar bpjs gratis buat org gk mampu", "daftar-bpjs-pbi"),
    ("air pdam mati dari kemarin knp ya", "pdam-air-mati"),
    ("gas melon mahal bgt di warung harga resminya brp", "lpg-3-kg-het"),
    ("mau bikin izin usaha kecil2an buat jualan keripik", "izin-usaha-mikro"),
    ("ada lahar dingin semeru, warga hrs ngungsi kmn", "lahar-dingin-evakuasi"),
    ("daftar sekolah sd negeri tahun ini gmn jalurnya", "spmb-sd-smp"),
]

OFF_TOPIC = [
    "siapa juara liga inggris tahun lalu",
    "resep rendang padang yang enak gimana",
    "kurs dolar ke rupiah hari ini",
    "cara main mobile legend biar menang terus",
]


def test_informal_paraphrases_reach_the_right_page(faq_pages):
    # One page set for all twelve (building it is the slow part); every miss is reported.
    misses = []
    for question, slug in PARAPHRASES:
        hits = search(question, limit=3)
        if not hits or hits[0].page_id != faq_pages[slug].pk:
            misses.append((question, slug, [h.question for h in hits]))
    # Retrieval is measured on public sets in bench/faq_eval.py; here at most one of twelve
    # may miss the first place (the road-repair page competes with "how to complain").
    assert len(misses) <= 1, misses


def test_off_topic_questions_are_not_answered(faq_pages):
    for question in OFF_TOPIC:
        answer = FaqAnswerer().answer(question)
        assert answer.confident is False, question
        log = AiLog.objects.latest("pk")
        assert (log.question, log.confident) == (question, False)


def test_a_confident_answer_quotes_the_page_and_its_link(faq_pages):
    answer = FaqAnswerer().answer("ktp sy ilang, ngurusnya gmn ya")
    page = faq_pages["ktp-el-hilang"]
    assert answer.confident is True
    assert page.question in answer.text
    assert answer.sources[0].url.endswith("/faq/ktp-el-hilang/")
    log = AiLog.objects.latest("created_at")
    assert log.confident and log.method == "offline"
    assert page.pk in log.retrieved_page_ids


def test_an_unpublished_page_is_never_quoted_and_publishing_refreshes_at_once(faq_pages):
    page = faq_pages["ktp-el-hilang"]
    question = "ktp sy ilang, ngurusnya gmn ya"
    assert search(question)[0].page_id == page.pk
    page.unpublish()
    assert page.pk not in [h.page_id for h in search(question, limit=10)]
    page.save_revision().publish()
    assert search(question)[0].page_id == page.pk


def test_a_draft_edit_is_not_quoted_until_published(faq_pages):
    page = faq_pages["pju-mati"]
    page.answer = "<p>JAWABAN DRAF YANG BELUM DISETUJUI</p>"
    page.save_revision()  # submitted for moderation, not published
    answer = FaqAnswerer().answer("lampu jalan mati lapor kemana")
    assert "DRAF" not in answer.text


def test_the_whatsapp_bot_answers_from_the_faq(faq_pages, client):
    from pengaduan.channels import whatsapp
    from pengaduan.models import WebhookEvent
    from workflow.models import Notification

    from . import whatsapp_payloads as wa

    wa.post(client, wa.envelope([wa.text("air pdam mati dari kemarin knp ya?")]))
    whatsapp.process_event(WebhookEvent.objects.get().pk)
    reply = Notification.objects.get(template_key="reporter.chat_reply")
    assert faq_pages["pdam-air-mati"].question in reply.text
    assert "/faq/pdam-air-mati/" in reply.text
    assert "ketik ADUAN" in reply.text


def test_faq_section_is_moderated(faq_pages):
    index = FaqIndexPage.objects.get()
    assert index.get_workflow().name == "Moderasi FAQ"
    editor = UserFactory(username="editor", role=policy.EDITOR_FAQ)
    admin = UserFactory(username="admin", role=policy.ADMIN_PENGADUAN)
    page = faq_pages["pju-mati"]
    editor_perms = page.permissions_for_user(editor)
    assert editor_perms.can_edit()
    assert not editor_perms.can_publish()
    assert index.permissions_for_user(editor).can_add_subpage()
    assert page.permissions_for_user(admin).can_publish()
    opd = UserFactory(username="opd", role=policy.ADMIN_OPD)
    assert not page.permissions_for_user(opd).can_edit()


def test_faq_pages_render(client, faq_pages):
    index = client.get("/faq/")
    assert index.status_code == 200
    assert "Bagaimana cara menyampaikan aduan" in index.content.decode()
    found = client.get("/faq/", {"q": "ktp hilang"})
    assert faq_pages["ktp-el-hilang"].question in found.content.decode()
    page = client.get("/faq/ktp-el-hilang/")
    assert page.status_code == 200


def test_import_faq_is_idempotent_and_all_or_nothing(db, tmp_path):
    good = tmp_path / "faq.csv"
    good.write_text(
        "question,answer,category\n"
        "Kapan kantor kecamatan buka?,Senin sampai Jumat pukul 07.30–15.30.,Layanan Sambat Bunda\n"
        '"Di mana membayar retribusi sampah?","Melalui petugas kelurahan.",Pajak dan Retribusi\n',
        encoding="utf-8",
    )
    out = StringIO()
    call_command("import_faq", str(good), stdout=out)
    assert "2 FAQ baru" in out.getvalue()
    call_command("import_faq", str(good), stdout=out)
    assert FaqPage.objects.count() == 2
    assert FaqPage.objects.live().filter(category="tax").count() == 1

    bad = tmp_path / "bad.csv"
    bad.write_text(
        "question,answer\nPertanyaan baru?,Jawaban.\n,Tanpa pertanyaan\n", encoding="utf-8"
    )
    with pytest.raises(CommandError) as excinfo:
        call_command("import_faq", str(bad))
    assert "Baris 3" in str(excinfo.value)
    assert FaqPage.objects.count() == 2


def test_faq_ask_prints_json(faq_pages):
    out = StringIO()
    call_command("faq_ask", "ktp sy ilang", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert data["results"][0]["page_id"] == faq_pages["ktp-el-hilang"].pk
    assert data["results"][0]["confident"] is True
    assert data["results"][0]["confidence"] >= data["results"][0]["threshold"]
    assert data["results"][1]["confident"] is False


def test_confidence_needs_coverage_and_margin(faq_pages):
    assert is_confident(search("ktp sy ilang ngurusnya gmn")) is True
    assert is_confident(search("apa")) is False
    assert is_confident([]) is False
