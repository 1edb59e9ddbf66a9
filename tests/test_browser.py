"""What a person clicks: Admin Pengaduan dispatches, the agency's Admin OPD responds.

Runs Debian's Chromium through Playwright against the live test server.
"""

import re

import pytest
from playwright.sync_api import expect

from pengaduan.models import Complaint, ComplaintUpdate
from workflow import policy, services
from workflow.states import Status

from .factories import AgencyFactory, ReporterFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

PASSWORD = "rahasia-uji-123"


def log_in(page, live_server, username):
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))


def test_dispatch_then_respond(browser, live_server, tmp_path):
    agency = AgencyFactory(short_name="DPUTR", name="Dinas Pekerjaan Umum dan Tata Ruang")
    AgencyFactory(short_name="DINKES", name="Dinas Kesehatan")
    UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    UserFactory(username="opd.dputr", role=policy.ADMIN_OPD, agency=agency)
    complaint = services.submit(
        reporter=ReporterFactory(name="Sutrisno"),
        text="Jalan desa Supiturang hancur dilewati truk pasir, mohon diperbaiki.",
        location_text="Desa Supiturang, Kecamatan Pronojiwo",
    )

    # Admin Pengaduan: find the complaint in the list, verify and dispatch it.
    admin_context = browser.new_context(locale="id-ID")
    page = admin_context.new_page()
    log_in(page, live_server, "admin.pengaduan")
    page.goto(f"{live_server.url}/admin/snippets/pengaduan/complaint/")
    page.get_by_role("link", name=complaint.tracking_number).click()
    expect(page.get_by_test_id("status")).to_have_text("Menunggu verifikasi")
    page.click("a[data-action=verify_and_dispatch]")
    page.select_option("select[name=agency]", label=agency.name)
    page.fill("textarea[name=note]", "Ruas jalan kabupaten, mohon segera ditinjau.")
    page.get_by_role("button", name="Verifikasi & disposisi").click()
    expect(page.get_by_test_id("status")).to_have_text("Didisposisi ke OPD")
    page.screenshot(path=str(tmp_path / "dispatched.png"), full_page=True)
    admin_context.close()

    complaint.refresh_from_db()
    assert complaint.status == Status.DISPATCHED
    assert complaint.agency == agency

    # The agency's Admin OPD: sees it in its queue and responds.
    opd_context = browser.new_context(locale="id-ID")
    page = opd_context.new_page()
    log_in(page, live_server, "opd.dputr")
    page.goto(f"{live_server.url}/admin/snippets/pengaduan/complaint/")
    page.get_by_role("link", name=complaint.tracking_number).click()
    page.click("a[data-action=respond]")
    page.fill(
        "textarea[name=text]",
        "Terima kasih. Tim DPUTR akan menyurvei ruas Supiturang minggu ini.",
    )
    page.get_by_role("button", name="Tanggapi").click()
    expect(page.get_by_test_id("status")).to_have_text("Ditanggapi")
    expect(page.get_by_text("Tim DPUTR akan menyurvei ruas Supiturang")).to_be_visible()
    opd_context.close()

    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED
    response = complaint.updates.get(kind=ComplaintUpdate.Kind.RESPONSE)
    assert response.author.username == "opd.dputr"
    assert response.status == ComplaintUpdate.State.SENT
    assert Complaint.objects.get(pk=complaint.pk).responded_at is not None


def test_a_citizen_files_through_the_web_chat_and_staff_find_it(browser, live_server, tmp_path):
    UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    citizen = browser.new_context(locale="id-ID")
    page = citizen.new_page()
    page.goto(f"{live_server.url}/")
    page.get_by_role("button", name="CHAT DI SINI").click()
    log = page.locator("[data-chat-log]")
    expect(log).to_contain_text("Selamat datang di Sambat Bunda")

    page.locator(".chat__choice", has_text="Ajukan aduan").first.click()
    expect(log).to_contain_text("Siapa nama Anda?")

    def say(text, expected):
        page.fill("[data-chat-input]", text)
        page.keyboard.press("Enter")
        expect(log).to_contain_text(expected)

    say("Riska Amelia", "lokasi kejadian")
    say("Desa Tempeh Tengah, Kecamatan Tempeh", "Ceritakan aduan Anda")
    say(
        "Gas melon langka sejak seminggu, untuk berjualan gorengan susah sekali. Mohon dicek.",
        "foto atau dokumen",
    )
    page.locator(".chat__choice", has_text="Lewati").last.click()
    expect(log).to_contain_text("Pilih sifat aduan")
    page.locator(".chat__choice", has_text="Publik").last.click()
    expect(log).to_contain_text("Nomor WhatsApp Anda")
    say("0812-3456-7000", "Mohon periksa aduan Anda")
    page.locator(".chat__choice", has_text="Kirim").last.click()
    expect(log).to_contain_text("Aduan Anda tercatat dengan Nomor Aduan")
    page.screenshot(path=str(tmp_path / "webchat.png"), full_page=True)
    complaint = Complaint.objects.get()
    expect(log).to_contain_text(complaint.tracking_number)
    assert complaint.channel == Complaint.Channel.WEB
    assert complaint.reporter.whatsapp_number == "+6281234567000"
    assert complaint.location_text == "Desa Tempeh Tengah, Kecamatan Tempeh"
    citizen.close()

    staff = browser.new_context(locale="id-ID")
    page = staff.new_page()
    log_in(page, live_server, "admin.pengaduan")
    page.goto(
        f"{live_server.url}/admin/snippets/pengaduan/complaint/?q={complaint.tracking_number}"
    )
    page.get_by_role("link", name=complaint.tracking_number).click()
    expect(page.get_by_test_id("complaint-text")).to_contain_text("Gas melon langka")
    expect(page.get_by_test_id("status")).to_have_text("Menunggu verifikasi")
    staff.close()
