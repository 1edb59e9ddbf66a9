"""The web chat as people use it: it follows them from page to page, takes the phone's
location, shows FAQ lists as lists, and has one "Kirim" button (issue 16, item 5).

Runs Debian's Chromium through Playwright against the live test server.
"""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from faq.setup import ensure_faq_index
from pengaduan.models import Complaint, Conversation, InboundMessage

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

# Alun-alun Lumajang.
LATITUDE, LONGITUDE = -8.133513, 113.2248


def watch_csp(page) -> list[str]:
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    return refused


def say(page, text, expected):
    page.fill("[data-chat-input]", text)
    page.keyboard.press("Enter")
    expect(page.locator("[data-chat-log]")).to_contain_text(expected)


def test_the_chat_follows_the_visitor_and_takes_the_phones_location(browser, live_server):
    faq = ensure_faq_index()
    context = browser.new_context(
        locale="id-ID",
        permissions=["geolocation"],
        geolocation={"latitude": LATITUDE, "longitude": LONGITUDE},
    )
    page = context.new_page()
    refused = watch_csp(page)
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="CHAT DI SINI").click()
    log = page.locator("[data-chat-log]")
    expect(log).to_contain_text("Selamat datang di Sambat Bunda")
    page.locator(".chat__choice", has_text="Ajukan aduan").click()
    expect(page.locator("[data-chat-log]")).to_contain_text("Siapa nama Anda?")
    say(page, "Riska Amelia", "Di mana lokasi kejadiannya?")
    locate = page.get_by_role("button", name="Bagikan lokasi")
    expect(locate).to_be_visible()

    # Another page: the same chat, at the same question, and no menu.
    page.goto(f"{live_server.url}{faq.url}")
    expect(page.locator("#chat-panel")).to_be_visible()
    expect(log.locator(".chat__message")).to_have_count(4)
    expect(log.locator(".chat__message").last).to_contain_text("Di mana lokasi kejadiannya?")
    expect(log).to_contain_text("Riska Amelia")
    expect(log).not_to_contain_text("Selamat datang")
    expect(page.locator(".chat__choice")).to_have_count(0)

    locate.click()
    expect(log).to_contain_text("Titik lokasi diterima.")
    expect(log).to_contain_text("Lokasi dibagikan: -8.133513, 113.224800")
    expect(log).to_contain_text("Ceritakan aduan Anda")
    expect(locate).to_be_hidden()
    pin = InboundMessage.objects.get(kind=InboundMessage.Kind.LOCATION)
    assert (pin.latitude, pin.longitude) == (Decimal("-8.133513"), Decimal("113.224800"))

    say(page, "Lampu jalan di alun-alun mati sudah seminggu, malam hari gelap sekali.", "foto")
    page.locator(".chat__choice", has_text="Lewati").click()
    page.locator(".chat__choice", has_text="Publik").click()
    page.locator(".chat__choice", has_text="Lewati").click()
    expect(log).to_contain_text("Mohon periksa aduan Anda")
    # One "Kirim" (the message box's); the confirmation says what it sends.
    expect(page.get_by_role("button", name="Kirim", exact=True)).to_have_count(1)
    expect(page.locator("[data-chat-form] button[type=submit]")).to_have_text("Kirim")
    page.get_by_role("button", name="Kirim aduan").click()
    expect(log).to_contain_text("Aduan Anda tercatat dengan Nomor Aduan")
    complaint = Complaint.objects.get()
    assert (complaint.latitude, complaint.longitude) == (pin.latitude, pin.longitude)
    assert refused == []
    context.close()


def test_a_refused_location_says_so_and_typing_still_works(browser, live_server):
    context = browser.new_context(locale="id-ID")  # no geolocation permission
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="CHAT DI SINI").click()
    page.locator(".chat__choice", has_text="Ajukan aduan").click()
    expect(page.locator("[data-chat-log]")).to_contain_text("Siapa nama Anda?")
    say(page, "Riska Amelia", "Di mana lokasi kejadiannya?")
    page.get_by_role("button", name="Bagikan lokasi").click()
    expect(page.locator(".chat__message--system")).to_have_text(
        "Izin lokasi ditolak. Silakan tulis alamat lokasi kejadian di kotak pesan."
    )
    say(page, "Desa Tempeh Tengah, Kecamatan Tempeh", "Ceritakan aduan Anda")
    assert not InboundMessage.objects.filter(kind=InboundMessage.Kind.LOCATION).exists()
    assert Conversation.objects.get().data["location_text"] == (
        "Desa Tempeh Tengah, Kecamatan Tempeh"
    )
    context.close()


def test_an_faq_answer_shows_its_list_as_lines(browser, live_server, faq_pages):
    context = browser.new_context(locale="id-ID")
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="CHAT DI SINI").click()
    expect(page.locator("[data-chat-log]")).to_contain_text("Selamat datang")
    # The first question builds the FAQ index in the server process: give it time.
    page.fill("[data-chat-input]", "ktp sy ilang, ngurusnya gmn ya?")
    page.keyboard.press("Enter")
    answer = page.locator(".chat__message--bot").nth(1)
    expect(answer).to_contain_text("KTP-el hilang?", timeout=60_000)

    expect(answer.locator("li")).to_have_text(
        ["Kartu Keluarga (asli atau fotokopi);", "surat keterangan kehilangan dari kepolisian."]
    )
    question = answer.locator("p").first
    expect(question.locator("strong")).to_have_text("Apa yang harus dilakukan jika KTP-el hilang?")
    expect(question.locator("br")).to_have_count(1)  # the answer starts on the next line
    expect(answer.locator("p").nth(1)).to_contain_text("Data Anda sudah tersimpan")
    assert ";;" not in answer.inner_text()
    # The page link is a link, and text from the server is never markup.
    expect(answer.locator("a[href$='/faq/ktp-el-hilang/']")).to_have_count(1)
    context.close()
