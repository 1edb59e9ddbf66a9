"""The staff admin as people use it: buttons per allowed action, forms, intake, personal data."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from pengaduan.models import Category, Complaint, ComplaintUpdate, Reporter
from workflow import services
from workflow.models import ActivityLog, Notification
from workflow.states import Status

from .conftest import jpeg_bytes
from .factories import ReporterFactory

NS = "wagtailsnippets_pengaduan_complaint"


def inspect(client, complaint):
    return client.get(reverse(f"{NS}:inspect", args=[complaint.pk]))


def action_url(name, complaint):
    return reverse(f"{NS}:action", args=[name, complaint.pk])


def buttons(response) -> set[str]:
    import re

    return set(re.findall(r'data-action="([a-z_]+)"', response.content.decode()))


def test_admin_sees_one_button_per_allowed_action(client, admin_user, make_complaint):
    client.force_login(admin_user)
    complaint = make_complaint()
    assert buttons(inspect(client, complaint)) == {
        "verify_and_dispatch",
        "return_to_reporter",
        "archive",
        "forward_out_of_authority",
        "merge_duplicate",
        "check_identity",
        "add_note",
    }
    dispatched = make_complaint(Status.DISPATCHED)
    assert buttons(inspect(client, dispatched)) == {"redispatch", "add_note"}


def test_agency_buttons_follow_the_state(client, opd_admin, make_complaint):
    client.force_login(opd_admin)
    assert buttons(inspect(client, make_complaint(Status.DISPATCHED))) == {
        "return_by_agency",
        "respond",
        "add_note",
    }
    assert buttons(inspect(client, make_complaint(Status.RESPONDED))) == {
        "add_follow_up",
        "resolve",
        "add_note",
    }
    assert buttons(inspect(client, make_complaint(Status.CLOSED))) == {"add_note"}


def test_dispatch_through_the_form(client, admin_user, make_complaint, agency):
    complaint = make_complaint()
    client.force_login(admin_user)
    page = client.get(action_url("verify_and_dispatch", complaint))
    assert page.status_code == 200
    assert agency.name in page.content.decode()
    response = client.post(
        action_url("verify_and_dispatch", complaint),
        {"agency": agency.pk, "urgency": "urgent", "note": "Segera."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(f"{NS}:inspect", args=[complaint.pk])
    complaint.refresh_from_db()
    assert (complaint.status, complaint.agency, complaint.urgency) == (
        Status.DISPATCHED,
        agency,
        "urgent",
    )
    followed = client.get(response["Location"])
    assert "status sekarang “Didisposisi ke OPD”" in followed.content.decode()


def test_missing_reason_shows_an_error_and_keeps_the_state(client, admin_user, make_complaint):
    complaint = make_complaint()
    client.force_login(admin_user)
    response = client.post(action_url("return_to_reporter", complaint), {"reason": ""})
    assert response.status_code == 200
    assert "harus diisi" in response.content.decode()
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED


def test_action_not_available_in_this_state_redirects_with_a_message(
    client, admin_user, make_complaint
):
    complaint = make_complaint(Status.CLOSED)
    client.force_login(admin_user)
    response = client.post(action_url("verify_and_dispatch", complaint), {"agency": 1})
    assert response.status_code == 302
    message = client.get(response["Location"]).content.decode()
    assert "tidak tersedia untuk aduan berstatus “Ditutup”" in message


def test_role_without_the_action_is_forbidden(client, validator, make_complaint, agency):
    complaint = make_complaint()
    client.force_login(validator)
    response = client.post(action_url("verify_and_dispatch", complaint), {"agency": agency.pk})
    assert response.status_code in (302, 403)
    complaint.refresh_from_db()
    assert complaint.status == Status.SUBMITTED


def test_resolve_form_requires_evidence_then_accepts_a_photo(client, opd_admin, make_complaint):
    complaint = make_complaint(Status.RESPONDED)
    client.force_login(opd_admin)
    response = client.post(
        action_url("resolve", complaint), {"text": "Sudah diperbaiki.", "is_public": "on"}
    )
    assert response.status_code == 200
    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED

    photos = [
        SimpleUploadedFile("sebelum.jpg", jpeg_bytes(), "image/jpeg"),
        SimpleUploadedFile("sesudah.jpg", jpeg_bytes(), "image/jpeg"),
    ]
    response = client.post(
        action_url("resolve", complaint),
        {"text": "Sudah diperbaiki.", "is_public": "on", "files": photos},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.RESOLVED
    resolution = complaint.updates.get(kind=ComplaintUpdate.Kind.RESOLUTION)
    assert sorted(resolution.attachments.values_list("original_name", flat=True)) == [
        "sebelum.jpg",
        "sesudah.jpg",
    ]


def test_bad_upload_in_the_form_names_the_file(client, opd_admin, make_complaint):
    complaint = make_complaint(Status.RESPONDED)
    client.force_login(opd_admin)
    response = client.post(
        action_url("add_follow_up", complaint),
        {"text": "Progres.", "files": [SimpleUploadedFile("virus.jpg", b"MZ....", "image/jpeg")]},
    )
    assert response.status_code == 200
    assert "virus.jpg bukan foto" in response.content.decode()
    assert not complaint.updates.filter(kind=ComplaintUpdate.Kind.FOLLOW_UP).exists()


def test_approver_sees_the_draft_and_approves_it(client, agency, opd_admin, kadis, make_complaint):
    complaint = make_complaint(Status.DISPATCHED)
    agency.requires_response_approval = True
    agency.save()
    services.respond(complaint, by=opd_admin, text="Draf tanggapan dari operator.")
    client.force_login(opd_admin)
    assert "approve_response" not in buttons(inspect(client, complaint))
    client.force_login(kadis)
    assert {"approve_response", "reject_response"} <= buttons(inspect(client, complaint))
    page = client.get(action_url("approve_response", complaint)).content.decode()
    assert "Draf tanggapan dari operator." in page
    response = client.post(
        action_url("approve_response", complaint),
        {"text": "Tanggapan yang sudah disetujui.", "note": "OK"},
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED
    assert complaint.updates.get().text == "Tanggapan yang sudah disetujui."


def test_manual_intake_creates_a_submitted_complaint(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse(f"{NS}:add"),
        {
            "channel": "instagram",
            "source_reference": "https://instagram.com/p/abc",
            "name": "Agus Dwi Handoko",
            "whatsapp_number": "0812-3456-7890",
            "nik": "3508011708450001",
            "address": "Desa Kalibendo",
            "text": "Sertifikat sawah tidak jelas prosesnya, diminta uang 7 juta.",
            "location_text": "Desa Kalibendo, Kecamatan Pasirian",
            "visibility": "confidential",
            "urgency": "normal",
        },
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert response["Location"] == reverse(f"{NS}:inspect", args=[complaint.pk])
    assert complaint.status == Status.SUBMITTED
    assert complaint.channel == "instagram"
    assert complaint.created_by == admin_user
    assert complaint.reporter.whatsapp_number == "+6281234567890"
    assert complaint.visibility == "confidential"
    assert complaint.due_at is not None
    assert complaint.activity.get().action == ActivityLog.CREATE


def intake(client, **fields):
    data = {
        "channel": "phone",
        "name": "Riska Amelia",
        "text": "Lampu jalan di depan pasar Klakah mati seminggu.",
        "visibility": "public",
        "urgency": "normal",
    }
    data.update(fields)
    return client.post(reverse(f"{NS}:add"), {k: v for k, v in data.items() if v is not None})


def test_manual_intake_sends_the_ticket_by_whatsapp_and_keeps_category_and_files(
    client, admin_user, agency
):
    lights = Category.objects.create(code="lampu-pju", name="Lampu jalan mati", agency=agency)
    client.force_login(admin_user)
    response = intake(
        client,
        channel="letter",
        source_reference="Surat No. 027/14/427.12/2025",
        whatsapp_number="0857 1234 5678",
        email="riska@example.org",
        category=lights.pk,
        files=SimpleUploadedFile("surat.jpg", jpeg_bytes(), content_type="image/jpeg"),
    )
    assert response.status_code == 302
    complaint = Complaint.objects.get()
    assert (complaint.channel, complaint.category, complaint.source_reference) == (
        "letter",
        lights,
        "Surat No. 027/14/427.12/2025",
    )
    assert complaint.reporter.email == "riska@example.org"
    assert complaint.attachments.get().content_type == "image/jpeg"
    ticket = Notification.objects.get(template_key="reporter.ticket_issued")
    assert ticket.recipient_phone == "+6285712345678"
    assert complaint.tracking_number in ticket.text


@pytest.mark.parametrize(
    ("fields", "field", "message"),
    [
        ({"channel": "instagram"}, "source_reference", "Isi tautan unggahan atau nomor tracking"),
        ({"channel": "lapor"}, "source_reference", "Isi tautan unggahan atau nomor tracking"),
        ({"channel": "whatsapp"}, "channel", "bukan salah satu dari pilihan"),
        ({"channel": "open311"}, "channel", "bukan salah satu dari pilihan"),
        ({"email": "riska@"}, "email", "alamat email yang valid"),
        ({"whatsapp_number": "12"}, "whatsapp_number", "Nomor"),
    ],
)
def test_manual_intake_refuses_incomplete_sources(client, admin_user, fields, field, message):
    client.force_login(admin_user)
    response = intake(client, **fields)
    assert response.status_code == 200
    assert message in " ".join(response.context["form"].errors[field])
    assert not Complaint.objects.exists() and not Reporter.objects.exists()


def test_a_lapor_report_is_entered_by_hand_once(client, admin_user):
    client.force_login(admin_user)
    assert intake(client, channel="lapor", source_reference="LPR-2505-1234").status_code == 302
    assert Complaint.objects.get().lapor_id == "LPR-2505-1234"
    again = intake(client, channel="lapor", source_reference=" #lpr-2505-1234")
    assert "sudah tercatat" in " ".join(again.context["form"].errors["source_reference"])
    bad = intake(client, channel="lapor", source_reference="bukan nomor")
    assert "tidak sah" in " ".join(bad.context["form"].errors["source_reference"])
    assert Complaint.objects.count() == 1


def test_manual_intake_with_bad_nik_saves_nothing(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        reverse(f"{NS}:add"),
        {
            "channel": "phone",
            "name": "Riska",
            "nik": "1234567890",
            "text": "Gas melon langka.",
            "visibility": "public",
            "urgency": "normal",
        },
    )
    assert response.status_code == 200
    assert "NIK tidak valid" in response.content.decode()
    assert not Complaint.objects.exists()
    assert not Reporter.objects.exists()


def test_agencies_cannot_use_manual_intake(client, opd_admin):
    client.force_login(opd_admin)
    assert client.get(reverse(f"{NS}:add")).status_code in (302, 403)


def test_personal_data_is_masked_until_revealed_and_the_reveal_is_logged(
    client, admin_user, make_complaint, reporter
):
    complaint = make_complaint()
    client.force_login(admin_user)
    body = inspect(client, complaint).content.decode()
    assert "3508********0001" in body
    assert reporter.nik not in body
    assert not ActivityLog.objects.filter(action=ActivityLog.VIEW_PERSONAL_DATA).exists()

    revealed = client.get(
        reverse(f"{NS}:inspect", args=[complaint.pk]), {"data_pribadi": "1"}
    ).content.decode()
    assert reporter.nik in revealed
    assert reporter.whatsapp_number in revealed
    log = ActivityLog.objects.get(action=ActivityLog.VIEW_PERSONAL_DATA)
    assert (log.actor, log.complaint, log.reporter) == (admin_user, complaint, reporter)


def test_agency_never_sees_personal_data(client, opd_admin, make_complaint, reporter):
    complaint = make_complaint(Status.DISPATCHED)
    client.force_login(opd_admin)
    body = client.get(
        reverse(f"{NS}:inspect", args=[complaint.pk]), {"data_pribadi": "1"}
    ).content.decode()
    assert reporter.nik not in body
    assert "3508********0001" not in body
    assert reporter.whatsapp_number not in body
    assert reporter.name in body  # public complaint: the agency may know who filed it
    assert not ActivityLog.objects.filter(action=ActivityLog.VIEW_PERSONAL_DATA).exists()


def test_agency_does_not_learn_who_filed_an_anonymous_complaint(client, opd_admin, make_complaint):
    named = ReporterFactory(name="Sumarni Wulandari")
    complaint = make_complaint(Status.DISPATCHED, reporter=named, visibility="anonymous")
    client.force_login(opd_admin)
    for url in (reverse(f"{NS}:list"), reverse(f"{NS}:inspect", args=[complaint.pk])):
        body = client.get(url).content.decode()
        assert "Sumarni" not in body
        assert "Anonim" in body


def test_reporter_admin_logs_who_opened_a_record(client, admin_user, reporter):
    client.force_login(admin_user)
    response = client.get(f"/admin/pengaduan/reporter/inspect/{reporter.pk}/")
    assert response.status_code == 200
    assert reporter.nik in response.content.decode()
    assert ActivityLog.objects.filter(
        action=ActivityLog.VIEW_PERSONAL_DATA, reporter=reporter, actor=admin_user
    ).exists()
    listing = client.get("/admin/pengaduan/reporter/").content.decode()
    assert reporter.nik not in listing


def test_csv_export_neutralises_formulas(client, admin_user, make_complaint):
    make_complaint(text='=HYPERLINK("http://jahat.example","klik")')
    client.force_login(admin_user)
    response = client.get(reverse(f"{NS}:list"), {"export": "csv"})
    text = b"".join(response.streaming_content).decode()
    assert "'=HYPERLINK" in text
    assert ",=HYPERLINK" not in text


def test_edit_form_offers_only_what_the_state_allows(client, admin_user, make_complaint):
    complaint = make_complaint(Status.DISPATCHED)
    client.force_login(admin_user)
    form = client.get(reverse(f"{NS}:edit", args=[complaint.pk])).content.decode()
    assert 'name="public_text"' in form
    assert 'name="text"' not in form
    response = client.post(
        reverse(f"{NS}:edit", args=[complaint.pk]),
        {
            "public_text": "Jalan rusak (disamarkan).",
            "visibility": "anonymous",
            "urgency": "normal",
        },
    )
    assert response.status_code == 302
    complaint.refresh_from_db()
    assert complaint.public_text == "Jalan rusak (disamarkan)."
    assert complaint.visibility == "anonymous"
    assert complaint.activity.latest("id").data == {"fields": ["public_text", "visibility"]}


def test_list_query_count_does_not_grow_with_rows(
    client, admin_user, make_complaint, django_assert_max_num_queries
):
    client.force_login(admin_user)
    for _ in range(3):
        make_complaint(Status.DISPATCHED)
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as few:
        assert client.get(reverse(f"{NS}:list")).status_code == 200
    for _ in range(12):
        make_complaint(Status.RESPONDED)
    with CaptureQueriesContext(connection) as many:
        assert client.get(reverse(f"{NS}:list")).status_code == 200
    assert len(many) == len(few)
    assert len(many) <= 30


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/admin/login/"])
def test_public_pages_answer(client, path):
    assert client.get(path).status_code == 200


def test_admin_pengaduan_manages_agencies_through_modeladmin(client, admin_user, opd_admin):
    client.force_login(admin_user)
    response = client.post(
        "/admin/pengaduan/agency/create/",
        {
            "name": "Kecamatan Tempursari",
            "short_name": "KEC-TEMPURSARI",
            "kind": "kecamatan",
            "admin_whatsapp": "0812-9999-0001",
            "sekdin_whatsapp": "",
            "kadis_whatsapp": "0812 9999 0003",
            "keywords": "tempursari, pantai watu godeg",
            "active": "on",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    from pengaduan.models import Agency

    agency = Agency.objects.get(short_name="KEC-TEMPURSARI")
    assert agency.admin_whatsapp == "+6281299990001"
    assert agency.alert_numbers() == ["+6281299990001", "+6281299990003"]
    assert agency.keyword_list == ["tempursari", "pantai watu godeg"]

    client.force_login(opd_admin)
    assert client.get("/admin/pengaduan/agency/").status_code in (302, 403)
    assert client.get("/admin/pengaduan/reporter/").status_code in (302, 403)
