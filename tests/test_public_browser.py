"""What a citizen clicks on sambatbunda.id: filter by OPD, search, open a complaint, track
by number, open the chat — on a desktop and on a 390 px phone. Screenshots go to
tests/artifacts/ (git-ignored) to be looked at."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from home.setup import ensure_public_pages
from workflow import policy, services

from .conftest import evidence
from .factories import AgencyFactory, ReporterFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture
def published():
    admin = UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    roads = AgencyFactory(short_name="DPUTR", name="Dinas Pekerjaan Umum dan Tata Ruang")
    health = AgencyFactory(short_name="DINKES", name="Dinas Kesehatan")
    operator = UserFactory(username="opd.dputr", role=policy.ADMIN_OPD, agency=roads)
    texts = [
        (roads, "Siti Nur Khomsah", "Jalan desa Kalibendo berlubang besar dan tergenang air."),
        (roads, "Agus Dwi Handoko", "Lampu penerangan jalan di Jl. Panglima Sudirman mati."),
        (health, "Riska", "Antrean pendaftaran di puskesmas Pasirian sangat panjang."),
    ]
    made = []
    for agency, name, text in texts:
        complaint = services.submit(reporter=ReporterFactory(name=name), text=text)
        services.verify_and_dispatch(complaint, agency, by=admin)
        made.append(complaint)
    services.respond(made[0], by=operator, text="Tim DPUTR meninjau lokasi besok pagi.")
    services.resolve(made[0], by=operator, text="Lubang sudah ditambal aspal.", files=[evidence()])
    ensure_public_pages()
    return made


def test_a_citizen_browses_searches_and_tracks(browser, live_server, published):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    refused = []
    page.on("console", lambda m: refused.append(m.text) if "Content Security" in m.text else None)
    page.goto(f"{live_server.url}/")
    expect(page.get_by_role("heading", name="SAMBAT BUNDA")).to_be_visible()
    cards = page.locator(".complaint-card")
    expect(cards).to_have_count(3)
    page.screenshot(path=str(ARTIFACTS / "home-desktop.png"), full_page=True)

    # Filter by OPD.
    page.get_by_label("Pilih OPD").select_option(label="Dinas Kesehatan")
    page.get_by_role("button", name="Tampilkan").click()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Pengaduan kepada Dinas Kesehatan")
    expect(page.get_by_label("Pilih OPD")).to_have_value("DINKES")

    # Search a keyword (across all agencies again).
    page.get_by_label("Pilih OPD").select_option(label="Semua OPD")
    page.get_by_label("Pencarian").fill("lampu")
    page.get_by_role("button", name="Tampilkan").click()
    expect(cards).to_have_count(1)
    expect(cards.first).to_contain_text("Lampu penerangan jalan")

    # Open "selengkapnya" of the resolved complaint.
    page.goto(f"{live_server.url}/")
    card = cards.filter(has_text="Kalibendo")
    card.get_by_role("link", name=re.compile("Selengkapnya aduan")).click()
    expect(page).to_have_url(re.compile(rf"/aduan/{published[0].tracking_number}/$"))
    expect(page.locator(".badge--large")).to_have_text("Selesai ditindaklanjuti")
    expect(page.get_by_text("Lubang sudah ditambal aspal.")).to_be_visible()
    photo = page.locator(".timeline img").first
    expect(photo).to_be_visible()
    photo.scroll_into_view_if_needed()
    page.wait_for_function(
        "(img) => img.complete && img.naturalWidth > 0", arg=photo.element_handle()
    )
    page.screenshot(path=str(ARTIFACTS / "complaint-detail.png"), full_page=True)

    # Track by number, typed the way people do.
    page.goto(f"{live_server.url}/")
    typed = published[2].tracking_number.lower().replace("-", " ")
    page.get_by_label("Nomor Aduan #").fill(typed)
    page.get_by_role("button", name="Lacak").click()
    expect(page).to_have_url(re.compile(rf"/aduan/{published[2].tracking_number}/$"))
    expect(page.get_by_text("Antrean pendaftaran di puskesmas")).to_be_visible()

    # A wrong number gets a friendly page.
    page.get_by_role("link", name="Daftar pengaduan").click()
    page.get_by_label("Nomor Aduan #").fill("SB-2504-ZZZZZ")
    page.get_by_role("button", name="Lacak").click()
    expect(page.get_by_role("heading", name="Nomor aduan tidak ditemukan")).to_be_visible()

    # CHAT DI SINI opens the web chat.
    page.goto(f"{live_server.url}/")
    page.locator(".intro").get_by_role("link", name="CHAT DI SINI").click()
    expect(page.locator("#chat-panel")).to_be_visible()
    expect(page.locator("[data-chat-log]")).to_contain_text("Selamat datang di Sambat Bunda")
    page.screenshot(path=str(ARTIFACTS / "home-chat-open.png"))

    # Statistics and guides are one click away.
    page.locator(".chat__close").click()
    page.get_by_role("navigation").get_by_role("link", name="Statistik").click()
    expect(page.get_by_role("heading", name="Kinerja per OPD")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "statistics.png"), full_page=True)
    assert refused == []
    context.close()


def test_the_beranda_on_a_390px_phone(browser, live_server, published):
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(
        locale="id-ID", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    expect(page.locator(".complaint-card")).to_have_count(3)
    # Nothing wider than the screen: no sideways scrolling on a phone.
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    # Keyboard users reach the filters and the list in order, with visible labels.
    page.keyboard.press("Tab")
    expect(page.locator(".skip-link")).to_be_focused()
    page.screenshot(path=str(ARTIFACTS / "home-mobile.png"), full_page=True)
    page.goto(f"{live_server.url}/aduan/{published[0].tracking_number}/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    page.screenshot(path=str(ARTIFACTS / "complaint-detail-mobile.png"), full_page=True)
    context.close()


def _overlap(a, b) -> bool:
    return not (
        a["x"] + a["width"] <= b["x"]
        or b["x"] + b["width"] <= a["x"]
        or a["y"] + a["height"] <= b["y"]
        or b["y"] + b["height"] <= a["y"]
    )


def test_on_a_phone_nothing_is_covered_and_charts_are_legible(browser, live_server, published):
    """390 px: the floating chat button covers neither the search box nor the footer link,
    the filter is compact, and the statistics labels are not 8 px (issue 17)."""
    ARTIFACTS.mkdir(exist_ok=True)
    context = browser.new_context(locale="id-ID", viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(f"{live_server.url}/")
    toggle = page.locator("[data-chat-toggle]")
    search = page.get_by_label("Pencarian")
    search.scroll_into_view_if_needed()
    page.wait_for_timeout(150)  # the observer's callback
    covered = toggle.is_visible() and _overlap(toggle.bounding_box(), search.bounding_box())
    assert not covered
    assert page.locator(".complaint-card").first.bounding_box()["y"] < 1000  # was 1,203 px
    page.screenshot(path=str(ARTIFACTS / "after-phone-home-top.png"))

    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    page.wait_for_timeout(150)
    footer_link = page.locator(".site-footer a").last
    assert toggle.is_visible()
    assert not _overlap(toggle.bounding_box(), footer_link.bounding_box())
    toggle.click()
    expect(page.locator("[data-chat-panel]")).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "after-phone-home-bottom.png"))

    page.goto(f"{live_server.url}/statistik/")
    label = page.locator(".chart__label").first
    assert label.bounding_box()["height"] >= 12  # rendered text, after the SVG's scaling
    page.screenshot(path=str(ARTIFACTS / "after-phone-statistik.png"), full_page=True)

    desktop = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 900})
    wide = desktop.new_page()
    wide.goto(f"{live_server.url}/")
    box = wide.get_by_label("Pencarian")
    assert box.evaluate("e => e.scrollWidth <= e.clientWidth")  # the placeholder is whole
    assert box.bounding_box()["width"] > 400
    wide.screenshot(path=str(ARTIFACTS / "after-desktop-home.png"))
    context.close()
    desktop.close()
