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
