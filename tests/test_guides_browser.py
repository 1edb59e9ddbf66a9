"""The operator guides' screenshots: each role walks its real screens, and what the guide
says is asserted on the way (the buttons a role has, the success messages).

The screenshots go to tests/artifacts/guides/ on every run, so a test run leaves the working
tree as it was; ``SAMBAT_UPDATE_GUIDE_SCREENSHOTS=1`` writes them into docs/img/ instead, where
docs/panduan-*.md embeds them (do that when a screen changed). Viewport 1280×800.
"""

import datetime as dt
import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from faq.setup import FaqRow, ensure_faq_index, upsert_faq
from pengaduan.models import Complaint, ComplaintUpdate
from reports import recap
from workflow import policy, services
from workflow.states import Status

from .conftest import jpeg_bytes
from .factories import AgencyFactory, ReporterFactory, UserFactory

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

ROOT = Path(__file__).resolve().parent.parent
IMG = (
    ROOT / "docs" / "img"
    if os.environ.get("SAMBAT_UPDATE_GUIDE_SCREENSHOTS") == "1"
    else ROOT / "tests" / "artifacts" / "guides"
)
PASSWORD = "rahasia-uji-123"
LIST = "/admin/snippets/pengaduan/complaint/"


def action_url(name, complaint):
    return f"{LIST}action/{name}/{complaint.pk}/"


def inspect_url(complaint):
    return f"{LIST}inspect/{complaint.pk}/"


def buttons(page) -> list[str]:
    return [
        t.strip() for t in page.locator("a[data-action]:not([data-action*='#'])").all_inner_texts()
    ]


class Staff:
    """One signed-in person in their own browser context."""

    def __init__(self, browser, live_server, username):
        self.base = live_server.url
        self.context = browser.new_context(locale="id-ID", viewport={"width": 1280, "height": 800})
        self.page = self.context.new_page()
        self.page.goto(f"{self.base}/admin/login/")
        self.page.fill("input[name=username]", username)
        self.page.fill("input[name=password]", PASSWORD)
        self.page.click("button[type=submit]")
        expect(self.page).to_have_url(re.compile(r"/admin/$"))

    def go(self, path):
        self.page.goto(f"{self.base}{path}")
        return self.page

    def shot(self, name):
        IMG.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=str(IMG / name))

    def close(self):
        self.context.close()


@pytest.fixture
def agencies(db):
    roads = AgencyFactory(short_name="DPUTR", name="Dinas Pekerjaan Umum dan Tata Ruang")
    health = AgencyFactory(
        short_name="DINKES", name="Dinas Kesehatan", requires_response_approval=True
    )
    return roads, health


def file_complaint(name, text, location="Desa Kalibendo, Kecamatan Pasirian"):
    return services.submit(reporter=ReporterFactory(name=name), text=text, location_text=location)


def test_admin_pengaduan_walks_the_verification_desk(browser, live_server, agencies):
    roads, _health = agencies
    UserFactory(
        username="admin.pengaduan", first_name="Dewi Rahmawati", role=policy.ADMIN_PENGADUAN
    )
    road = file_complaint(
        "Sutrisno",
        "Jalan desa Supiturang hancur dilewati truk pasir, mohon diperbaiki sebelum musim hujan.",
        "Desa Supiturang, Kecamatan Pronojiwo",
    )
    unclear = file_complaint("Agus Dwi Handoko", "Lampu mati.", "")
    duplicate = file_complaint(
        "Riska", "Jalan Supiturang rusak parah karena truk pasir.", "Desa Supiturang"
    )
    bpjs = file_complaint("Siti Nur Khomsah", "Klaim BPJS Kesehatan saya ditolak rumah sakit.")

    admin = Staff(browser, live_server, "admin.pengaduan")
    page = admin.page
    expect(page.get_by_role("heading", name=re.compile("Antrean saya"))).to_be_visible()
    admin.shot("admin-beranda.png")

    page = admin.go(LIST)
    expect(page.get_by_role("link", name=road.tracking_number)).to_be_visible()
    admin.shot("admin-daftar-aduan.png")

    # A new complaint: the five decisions of the verification desk.
    page.get_by_role("link", name=road.tracking_number).click()
    expect(page.get_by_test_id("status")).to_have_text("Menunggu verifikasi")
    assert buttons(page)[:1] == ["Verifikasi & disposisi"]
    for label in (
        "Kembalikan ke pelapor",
        "Arsipkan",
        "Bukan kewenangan daerah",
        "Gabungkan (duplikat)",
        "Catatan internal",
    ):
        assert label in buttons(page)
    admin.shot("admin-aduan-baru.png")

    page.click("a[data-action=verify_and_dispatch]")
    page.select_option("select[name=agency]", label=roads.name)
    page.fill("textarea[name=note]", "Ruas jalan kabupaten, mohon segera ditinjau.")
    admin.shot("admin-disposisi.png")
    page.get_by_role("button", name="Verifikasi & disposisi").click()
    expect(page.get_by_test_id("status")).to_have_text("Didisposisi ke OPD")
    expect(page.get_by_text(re.compile(r"status sekarang “Didisposisi ke OPD”"))).to_be_visible()
    assert "Disposisi ulang" in buttons(page)
    admin.shot("admin-disposisi-berhasil.png")

    # Incomplete: back to the reporter with what is missing.
    page = admin.go(action_url("return_to_reporter", unclear))
    page.fill("textarea[name=reason]", "Mohon sebutkan lokasi lampu yang mati (desa dan jalan).")
    admin.shot("admin-kembalikan-pelapor.png")
    page.get_by_role("button", name="Kembalikan ke pelapor").click()
    expect(page.get_by_test_id("status")).to_have_text("Perlu dilengkapi")

    # The same problem twice: merge into the complaint already dispatched? Only open ones
    # can be merged, so merge the duplicate into the one still waiting (the BPJS one is not it):
    page = admin.go(action_url("merge_duplicate", duplicate))
    page.fill("input[name=survivor]", road.tracking_number)
    admin.shot("admin-gabungkan.png")
    page.get_by_role("button", name="Gabungkan (duplikat)").click()
    expect(page.get_by_test_id("status")).to_have_text("Diarsipkan")

    # Out of the regency's authority: tell the reporter where to go.
    page = admin.go(action_url("forward_out_of_authority", bpjs))
    page.fill("input[name=institution]", "BPJS Kesehatan")
    page.fill(
        "textarea[name=note]",
        "Silakan hubungi BPJS Kesehatan lewat Care Center 165 atau kantor cabang Lumajang.",
    )
    admin.shot("admin-bukan-kewenangan.png")
    page.get_by_role("button", name="Bukan kewenangan daerah").click()
    expect(page.get_by_test_id("status")).to_have_text("Bukan kewenangan")

    page = admin.go(action_url("archive", unclear))
    expect(page.locator("select[name=reason_code]")).to_be_visible()
    admin.shot("admin-arsipkan.png")

    # Manual intake (telephone, letter, walk-in) and LAPOR!.
    page = admin.go(f"{LIST}add/")
    expect(page.get_by_role("heading", name="Catat aduan baru")).to_be_visible()
    page.select_option("select[name=channel]", label="Telepon")
    page.fill("input[name=name]", "Bapak Sukarno")
    page.fill("input[name=whatsapp_number]", "081234567001")
    page.fill("input[name=location_text]", "Jl. Panglima Sudirman, Lumajang")
    page.fill("textarea[name=text]", "Lampu penerangan jalan di depan pasar baru mati tiga malam.")
    admin.shot("admin-catat-aduan.png")
    page.get_by_role("button", name=re.compile("Simpan|Catat")).first.click()
    expect(page.get_by_text(re.compile(r"Aduan dicatat dengan nomor SB-"))).to_be_visible()
    assert Complaint.objects.filter(channel=Complaint.Channel.PHONE).count() == 1

    page = admin.go(f"{LIST}lapor/impor/")
    expect(page.locator("input[name=file]")).to_be_visible()
    admin.shot("admin-impor-lapor.png")

    recap.generate(dt.date.today().replace(day=1), announce=False)
    page = admin.go("/admin/laporan/rekap/")
    expect(page.get_by_role("heading", name=re.compile("Rekap"))).to_be_visible()
    expect(page.get_by_role("link", name="XLSX")).to_be_visible()
    expect(page.get_by_role("link", name="PDF")).to_be_visible()
    admin.shot("admin-rekap-bulanan.png")

    page = admin.go("/admin/snippets/open311/apiclient/add/")
    page.fill("input[name=name]", "Aplikasi Lumajang Smart City")
    page.fill("input[name=contact]", "diskominfo@lumajangkab.go.id")
    admin.shot("admin-open311.png")
    page.get_by_role("button", name=re.compile("Simpan|Save|Buat")).first.click()
    expect(page.get_by_text(re.compile("tidak akan ditampilkan lagi"))).to_be_visible()

    reporter = road.reporter
    page = admin.go(f"/admin/pengaduan/reporter/inspect/{reporter.pk}/")
    rights = page.get_by_test_id("personal-data-rights")
    expect(rights.get_by_role("link", name="Unduh data pribadi (JSON)")).to_be_visible()
    expect(rights.get_by_role("link", name="Hapus data pribadi")).to_be_visible()
    rights.scroll_into_view_if_needed()
    admin.shot("admin-data-pribadi.png")

    # The help menu opens this role's guide.
    page = admin.go("/admin/panduan/")
    expect(page).to_have_url(re.compile(r"/admin/panduan/admin-pengaduan/$"))
    expect(page.get_by_test_id("guide-body")).to_contain_text("Verifikasi & disposisi")
    admin.shot("panduan-di-admin.png")
    admin.close()

    road.refresh_from_db()
    duplicate.refresh_from_db()
    assert road.status == Status.DISPATCHED and road.agency == roads
    assert duplicate.status == Status.ARCHIVED


def test_agency_roles_respond_follow_up_resolve_and_approve(browser, live_server, agencies):
    roads, health = agencies
    central = UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    UserFactory(
        username="opd.dputr", first_name="Budi Santoso", role=policy.ADMIN_OPD, agency=roads
    )
    UserFactory(
        username="opd.dinkes", first_name="Anik Susanti", role=policy.ADMIN_OPD, agency=health
    )
    UserFactory(
        username="sekdin.dinkes",
        first_name="Hendra Wijaya",
        role=policy.PEJABAT_PENGHUBUNG,
        agency=health,
    )
    UserFactory(
        username="kadis.dputr", first_name="Sri Wahyuni", role=policy.KEPALA_OPD, agency=roads
    )
    road = file_complaint(
        "Sutrisno", "Jalan desa Supiturang hancur dilewati truk pasir, mohon diperbaiki."
    )
    services.verify_and_dispatch(road, roads, by=central)
    clinic = file_complaint(
        "Riska", "Antrean pendaftaran di Puskesmas Pasirian sangat panjang sejak pagi."
    )
    services.verify_and_dispatch(clinic, health, by=central)

    # Admin OPD: the queue, the complaint and its buttons, respond, follow up, resolve.
    opd = Staff(browser, live_server, "opd.dputr")
    opd.shot("opd-beranda.png")
    page = opd.go(inspect_url(road))
    expect(page.get_by_test_id("status")).to_have_text("Didisposisi ke OPD")
    assert buttons(page) == ["Kembalikan ke Admin Pengaduan", "Tanggapi", "Catatan internal"]
    opd.shot("opd-aduan-didisposisi.png")

    page.click("a[data-action=respond]")
    page.fill(
        "textarea[name=text]",
        "Terima kasih. Tim DPUTR akan menyurvei ruas Supiturang hari Kamis pagi.",
    )
    opd.shot("opd-tanggapi.png")
    page.get_by_role("button", name="Tanggapi").click()
    expect(page.get_by_test_id("status")).to_have_text("Ditanggapi")
    assert buttons(page) == ["Tambah tindak lanjut", "Selesaikan", "Catatan internal"]

    page.click("a[data-action=add_follow_up]")
    page.fill("textarea[name=text]", "Survei selesai: 40 m perlu ditambal, material dipesan.")
    page.set_input_files(
        "input[name=files]",
        files=[{"name": "survei.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}],
    )
    opd.shot("opd-tindak-lanjut.png")
    page.get_by_role("button", name="Tambah tindak lanjut").click()
    expect(page.get_by_text(re.compile("Tambah tindak lanjut: aduan"))).to_be_visible()

    page.click("a[data-action=resolve]")
    page.fill("textarea[name=text]", "Ruas Supiturang sudah ditambal aspal sepanjang 40 m.")
    page.set_input_files(
        "input[name=files]",
        files=[{"name": "bukti.jpg", "mimeType": "image/jpeg", "buffer": jpeg_bytes()}],
    )
    opd.shot("opd-selesaikan.png")
    page.get_by_role("button", name="Selesaikan").click()
    expect(page.get_by_test_id("status")).to_have_text("Selesai ditindaklanjuti")
    opd.shot("opd-selesai.png")
    # The other agency's complaint is out of reach.
    opd.go(inspect_url(clinic))
    expect(opd.page.get_by_test_id("status")).to_have_count(0)
    opd.close()

    # Dinas Kesehatan requires approval: the operator's draft waits for the Sekdin.
    draft = Staff(browser, live_server, "opd.dinkes")
    page = draft.go(action_url("respond", clinic))
    page.fill("textarea[name=text]", "Mohon maaf. Mulai Senin loket pendaftaran dibuka 07.00.")
    page.get_by_role("button", name="Tanggapi").click()
    expect(page.get_by_test_id("status")).to_have_text("Didisposisi ke OPD")
    assert "Tanggapi" not in buttons(page)
    draft.close()

    sekdin = Staff(browser, live_server, "sekdin.dinkes")
    page = sekdin.go(inspect_url(clinic))
    assert {"Setujui tanggapan", "Tolak tanggapan"} <= set(buttons(page))
    assert "Tanggapi" not in buttons(page)
    sekdin.shot("sekdin-menunggu-persetujuan.png")
    page.click("a[data-action=approve_response]")
    expect(page.locator("textarea[name=text]")).to_have_value(re.compile("loket pendaftaran"))
    page.fill("textarea[name=text]", "Mohon maaf atas antreannya. Mulai Senin loket dibuka 07.00.")
    sekdin.shot("sekdin-setujui.png")
    page.get_by_role("button", name="Setujui tanggapan").click()
    expect(page.get_by_test_id("status")).to_have_text("Ditanggapi")
    page = sekdin.go("/admin/laporan/rekap/")
    expect(page.get_by_role("heading", name=re.compile("Rekap"))).to_be_visible()
    page = sekdin.go("/admin/panduan/")
    expect(page).to_have_url(re.compile(r"/panduan/pejabat-penghubung-kepala-opd/$"))
    sekdin.close()

    kadis = Staff(browser, live_server, "kadis.dputr")
    page = kadis.go("/admin/laporan/harian/")
    expect(page.get_by_role("heading", name=re.compile("Laporan harian"))).to_be_visible()
    kadis.shot("kadis-laporan-harian.png")
    kadis.close()

    road.refresh_from_db()
    clinic.refresh_from_db()
    assert road.status == Status.RESOLVED
    assert clinic.status == Status.RESPONDED
    sent = clinic.updates.get(kind=ComplaintUpdate.Kind.RESPONSE)
    assert sent.text.startswith("Mohon maaf atas antreannya")


def test_editor_faq_edits_and_submits_for_moderation(browser, live_server):
    UserFactory(username="editor.faq", first_name="Rina Kartika", role=policy.EDITOR_FAQ)
    index = ensure_faq_index()
    page_obj, _created = upsert_faq(
        index,
        FaqRow(
            question="Bagaimana cara mengurus KTP elektronik yang hilang?",
            answer="Bawa surat kehilangan dari kepolisian dan fotokopi KK ke Dispendukcapil.",
        ),
    )
    editor = Staff(browser, live_server, "editor.faq")
    page = editor.go(f"/admin/pages/{index.pk}/")
    expect(page.get_by_text("Bagaimana cara mengurus KTP elektronik")).to_be_visible()
    editor.shot("editor-faq-daftar.png")
    page = editor.go(f"/admin/pages/{page_obj.pk}/edit/")
    expect(page.locator("input[name=question]")).to_have_value(re.compile("KTP elektronik"))
    editor.shot("editor-faq-sunting.png")
    # Editors submit for moderation; they cannot publish.
    page.locator("[data-w-dropdown-target=toggle]", has_text="").last.click()
    expect(page.get_by_role("button", name=re.compile("Moderasi FAQ"))).to_be_visible()
    assert page.get_by_role("button", name=re.compile("^Terbitkan$|^Publish$")).count() == 0
    editor.shot("editor-faq-kirim-moderasi.png")
    page = editor.go("/admin/panduan/")
    expect(page).to_have_url(re.compile(r"/panduan/editor-faq/$"))
    # No complaints for the FAQ editor.
    editor.go(LIST)
    assert editor.page.get_by_role("link", name=re.compile("^SB-")).count() == 0
    editor.close()
