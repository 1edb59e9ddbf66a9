"""Admin screens a clerk trips on (issue 17): finishing with the follow-up's photo, a
dashboard per role, wide tables that scroll, and error pages in Indonesian."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from pengaduan.models import Complaint, ComplaintUpdate
from workflow import services
from workflow.states import Status

from .conftest import evidence
from .test_admin import action_url

LIST_URL = reverse("wagtailsnippets_pengaduan_complaint:list")


# --- Selesaikan reuses the follow-up's evidence -------------------------------------------


def test_resolving_reuses_the_photo_sent_with_the_follow_up(client, opd_admin, make_complaint):
    complaint = make_complaint(Status.RESPONDED)
    follow_up = services.add_follow_up(
        complaint, by=opd_admin, text="Tim sudah menambal sebagian.", files=[evidence()]
    )
    photo = follow_up.attachments.get()
    client.force_login(opd_admin)

    form = client.get(action_url("resolve", complaint)).content.decode()
    assert "Bukti dari tindak lanjut sebelumnya" in form
    assert f'value="{photo.pk}"' in form and "checked" in form
    assert 'data-testid="earlier-evidence"' in form and "<img" in form  # a thumbnail

    response = client.post(
        action_url("resolve", complaint),
        {"text": "Jalan sudah ditambal seluruhnya.", "is_public": "on", "reuse": [photo.pk]},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.RESOLVED
    resolution = complaint.updates.get(kind=ComplaintUpdate.Kind.RESOLUTION)
    copy = resolution.attachments.get()
    assert copy.pk != photo.pk and copy.sha256 == photo.sha256
    assert copy.file.name != photo.file.name  # its own file: erasing one keeps the other
    assert follow_up.attachments.get().pk == photo.pk


def test_unticking_the_earlier_photo_without_a_new_one_says_why(client, opd_admin, make_complaint):
    complaint = make_complaint(Status.RESPONDED)
    services.add_follow_up(complaint, by=opd_admin, text="Sedang dikerjakan.", files=[evidence()])
    client.force_login(opd_admin)
    response = client.post(
        action_url("resolve", complaint), {"text": "Selesai.", "is_public": "on"}
    )
    assert response.status_code == 200
    assert "pilih bukti dari tindak lanjut sebelumnya atau unggah foto/dokumen baru" in (
        response.content.decode()
    )
    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED
    assert not complaint.updates.filter(kind=ComplaintUpdate.Kind.RESOLUTION).exists()


def test_without_earlier_evidence_the_upload_is_required_in_indonesian(
    client, opd_admin, make_complaint
):
    complaint = make_complaint(Status.RESPONDED)
    client.force_login(opd_admin)
    response = client.post(
        action_url("resolve", complaint), {"text": "Selesai.", "is_public": "on"}
    )
    html = response.content.decode()
    assert "Bukti dari tindak lanjut sebelumnya" not in html
    assert "unggah minimal satu foto atau dokumen hasil pekerjaan" in html


def test_evidence_of_another_complaint_cannot_be_reused(opd_admin, make_complaint):
    mine = make_complaint(Status.RESPONDED)
    other = make_complaint(Status.RESPONDED, text="Lampu jalan mati di Desa Kalibendo.")
    foreign = services.add_follow_up(
        other, by=opd_admin, text="Sudah dicek.", files=[evidence()]
    ).attachments.get()
    with pytest.raises(services.InvalidInput, match="bukan bukti tindak lanjut aduan ini"):
        services.resolve(mine, by=opd_admin, text="Selesai.", reuse=[foreign.pk])
    mine.refresh_from_db()
    assert mine.status == Status.RESPONDED
    assert not mine.attachments.exists()


# --- the dashboard, per role ---------------------------------------------------------------


def test_the_editor_faq_dashboard_has_no_complaint_panels_and_a_faq_menu(client, editor):
    call_command("setup_site", verbosity=0)
    client.force_login(editor)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Antrean saya" not in html and "Melewati batas waktu" not in html
    assert "terlambat" not in html
    assert '"name": "faq", "label": "FAQ"' in html
    assert "/admin/pages/" in html.split('"name": "faq"')[1][:300]


def test_the_queue_panel_links_to_the_whole_queue(client, admin_user, make_complaint):
    for index in range(12):
        make_complaint(text=f"Sampah menumpuk di pasar nomor {index}, mohon diangkut.")
    make_complaint(Status.DISPATCHED)  # not the desk's next step
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Lihat semua (12)" in html
    assert f"{LIST_URL}?antrean=true" in html

    listing = client.get(LIST_URL, {"antrean": "true"}).content.decode()
    waiting = set(
        Complaint.objects.filter(status=Status.SUBMITTED).values_list("tracking_number", flat=True)
    )
    dispatched = Complaint.objects.get(status=Status.DISPATCHED).tracking_number
    assert all(number in listing for number in waiting)
    assert dispatched not in listing


def test_a_review_waiting_for_this_person_comes_first(client, admin_user, editor, faq_pages):
    call_command("setup_site", verbosity=0)
    page = next(iter(faq_pages.values()))
    page.answer += " (diperbarui)"
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)
    client.force_login(admin_user)
    html = client.get(reverse("wagtailadmin_home")).content.decode()
    review = html.index("Menunggu tinjauan Anda")
    assert review < html.index("Antrean saya")


# --- wide tables, error pages -------------------------------------------------------------


def test_the_recap_table_scrolls_in_its_own_box(client, admin_user, make_complaint):
    make_complaint(Status.RESOLVED)
    client.force_login(admin_user)
    response = client.post(reverse("reports_recap_generate"), follow=True)
    html = response.content.decode()
    assert response.status_code == 200
    table = html.index('<table class="listing"')
    assert html.rfind('<div class="sb-table-scroll">', 0, table) > html.rfind("</div>", 0, table)


def test_error_pages_speak_indonesian(client, admin_user):
    public = client.get("/tidak-ada-halaman-ini/", HTTP_ACCEPT_LANGUAGE="en")
    assert public.status_code == 404
    assert "Halaman tidak ditemukan" in public.content.decode()

    client.force_login(admin_user)
    admin_404 = client.get("/admin/tidak-ada/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Halaman yang diminta tidak dapat ditemukan" in admin_404 or (
        "tidak ditemukan" in admin_404
    )
    assert "could not be found" not in admin_404 and "Wagtail admin" not in admin_404


def test_forbidden_and_bad_request_pages(rf, admin_user):
    from django.core.exceptions import PermissionDenied

    from sambat_site.errors import forbidden, invalid

    request = rf.get("/admin/laporan/rekap/")
    request.user = admin_user
    admin_page = forbidden(request, PermissionDenied()).content.decode()
    assert "Galat 403" in admin_page and "Kembali ke dasbor" in admin_page
    assert "Galat 400" in invalid(request).content.decode()
    public = rf.get("/aduan/")
    assert "Akses ditolak" in forbidden(public, PermissionDenied()).content.decode()
