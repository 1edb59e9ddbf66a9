"""The admin dashboard as staff see it, and the recap PDF's first page, saved as screenshots
in tests/artifacts/ (git-ignored) to be looked at."""

import datetime as dt
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from reports import recap
from workflow import policy, services

from .conftest import evidence
from .factories import AgencyFactory, ReporterFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
PASSWORD = "rahasia-uji-123"


def test_dashboard_and_recap_pdf(browser, live_server, client):
    import pypdfium2

    ARTIFACTS.mkdir(exist_ok=True)
    admin = UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    roads = AgencyFactory(short_name="DPUTR", name="Dinas Pekerjaan Umum dan Tata Ruang")
    operator = UserFactory(username="opd.dputr", role=policy.ADMIN_OPD, agency=roads)
    for n, channel in enumerate(("whatsapp", "web", "whatsapp", "phone")):
        complaint = services.submit(
            reporter=ReporterFactory(), text=f"Jalan rusak nomor {n}.", channel=channel
        )
        if n < 3:
            services.verify_and_dispatch(complaint, roads, by=admin)
        if n < 2:
            services.respond(complaint, by=operator, text="Dicek.")
        if n == 0:
            services.resolve(complaint, by=operator, text="Selesai.", files=[evidence()])

    context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 1000})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("input[name=username]", "admin.pengaduan")
    page.fill("input[name=password]", PASSWORD)
    page.click("button[type=submit]")
    expect(page).to_have_url(re.compile(r"/admin/$"))
    expect(page.get_by_role("heading", name=re.compile("Antrean saya"))).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Aduan masuk hari ini"))).to_be_visible()
    expect(page.locator(".sambat-panel svg rect").first).to_be_visible()
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)
    context.close()

    this_month = dt.date.today().replace(day=1)
    recap.generate(this_month, announce=False)
    client.force_login(admin)
    response = client.get(f"/admin/laporan/rekap/{this_month:%Y-%m}/unduh.pdf")
    assert response.status_code == 200
    document = pypdfium2.PdfDocument(response.content)
    document[0].render(scale=1.4).to_pil().save(ARTIFACTS / "recap-page1.png")
    document.close()
    assert (ARTIFACTS / "recap-page1.png").stat().st_size > 10_000
