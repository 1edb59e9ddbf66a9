"""Row-level isolation between agencies in the staff admin: list, search, filter, inspect,
edit, history, export, action URLs and attachments (SPEC §1, last paragraph)."""

import pytest
from django.urls import reverse

from pengaduan.models import Attachment, Complaint
from workflow import services
from workflow.models import ActivityLog
from workflow.states import Status

from .conftest import evidence

NS = "wagtailsnippets_pengaduan_complaint"


@pytest.fixture
def two_agencies(make_complaint, agency, other_agency, opd_admin, other_opd_admin):
    mine = make_complaint(Status.DISPATCHED, to_agency=agency, text="Jalan rusak di Pasirian.")
    theirs = make_complaint(
        Status.RESPONDED, to_agency=other_agency, text="Antrean puskesmas Tempeh lama sekali."
    )
    theirs_file = services.add_follow_up(
        theirs, by=other_opd_admin, text="Petugas ditambah.", files=[evidence()]
    ).attachments.get()
    return mine, theirs, theirs_file


def export_text(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8")


def test_list_shows_only_own_agency(client, opd_admin, two_agencies):
    mine, theirs, _ = two_agencies
    client.force_login(opd_admin)
    response = client.get(reverse(f"{NS}:list"))
    assert response.status_code == 200
    body = response.content.decode()
    assert mine.tracking_number in body
    assert theirs.tracking_number not in body


def test_search_and_filter_cannot_reach_other_agency(client, opd_admin, other_agency, two_agencies):
    mine, theirs, _ = two_agencies
    client.force_login(opd_admin)
    theirs_url = reverse(f"{NS}:inspect", args=[theirs.pk])
    for params in ({"q": theirs.tracking_number}, {"q": "puskesmas"}, {"agency": other_agency.pk}):
        response = client.get(reverse(f"{NS}:list_results"), params)
        assert response.status_code == 200
        assert theirs_url not in response.content.decode(), params
    # The same search does find the agency's own complaint.
    response = client.get(reverse(f"{NS}:list_results"), {"q": "Pasirian"})
    assert reverse(f"{NS}:inspect", args=[mine.pk]) in response.content.decode()


@pytest.mark.parametrize("view", ["inspect", "edit", "history", "usage", "delete"])
def test_object_views_of_other_agency_are_not_found(client, opd_admin, two_agencies, view):
    _, theirs, _ = two_agencies
    client.force_login(opd_admin)
    response = client.get(reverse(f"{NS}:{view}", args=[theirs.pk]))
    assert response.status_code == 404


@pytest.mark.parametrize(
    "action", ["respond", "add_follow_up", "resolve", "return_by_agency", "add_note"]
)
def test_action_urls_of_other_agency_change_nothing(client, opd_admin, two_agencies, action):
    _, theirs, _ = two_agencies
    client.force_login(opd_admin)
    url = reverse(f"{NS}:action", args=[action, theirs.pk])
    assert client.get(url).status_code == 404
    response = client.post(url, {"text": "Diambil alih.", "reason": "Bukan kami."})
    assert response.status_code == 404
    theirs.refresh_from_db()
    assert theirs.status == Status.RESPONDED
    assert not ActivityLog.objects.filter(complaint=theirs, actor=opd_admin).exists()


def test_attachment_of_other_agency_is_not_served(client, opd_admin, other_opd_admin, two_agencies):
    _, _, theirs_file = two_agencies
    url = reverse(f"{NS}:attachment", args=[theirs_file.pk])
    client.force_login(opd_admin)
    assert client.get(url).status_code == 404
    client.force_login(other_opd_admin)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "image/jpeg"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert b"".join(response.streaming_content)[:3] == b"\xff\xd8\xff"
    assert (
        ActivityLog.objects.filter(
            action=ActivityLog.VIEW_ATTACHMENT, actor=other_opd_admin
        ).count()
        == 1
    )


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_contains_only_own_agency_and_is_logged(client, opd_admin, two_agencies, fmt):
    mine, theirs, _ = two_agencies
    client.force_login(opd_admin)
    response = client.get(reverse(f"{NS}:list"), {"export": fmt})
    assert response.status_code == 200
    if fmt == "csv":
        text = export_text(response)
    else:
        import io

        from openpyxl import load_workbook

        content = b"".join(response.streaming_content)
        sheet = load_workbook(io.BytesIO(content)).active
        text = "\n".join(str(cell.value) for row in sheet.iter_rows() for cell in row)
    assert mine.tracking_number in text
    assert theirs.tracking_number not in text
    log = ActivityLog.objects.get(action=ActivityLog.EXPORT, actor=opd_admin)
    assert log.data["count"] == 1
    assert log.data["format"] == fmt


def test_export_carries_no_personal_data(client, admin_user, make_complaint, reporter):
    make_complaint(text="Sampah menumpuk. NIK saya 3508125507560001, WA 081234567890.")
    client.force_login(admin_user)
    text = export_text(client.get(reverse(f"{NS}:list"), {"export": "csv"}))
    assert "3508125507560001" not in text
    assert reporter.whatsapp_number not in text
    assert "081234567890" not in text
    assert reporter.name not in text


def test_agency_loses_a_complaint_it_returned(client, opd_admin, make_complaint):
    complaint = make_complaint(Status.DISPATCHED)
    client.force_login(opd_admin)
    response = client.post(
        reverse(f"{NS}:action", args=["return_by_agency", complaint.pk]),
        {"reason": "Ini urusan Dinas Kesehatan."},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse(f"{NS}:list")
    inspect_url = reverse(f"{NS}:inspect", args=[complaint.pk])
    assert client.get(inspect_url).status_code == 404
    assert inspect_url not in client.get(reverse(f"{NS}:list")).content.decode()


def test_redispatched_complaint_moves_to_the_new_agency(
    client, admin_user, opd_admin, other_opd_admin, other_agency, make_complaint
):
    complaint = make_complaint(Status.RETURNED_BY_AGENCY)
    services.redispatch(complaint, other_agency, by=admin_user)
    client.force_login(opd_admin)
    assert client.get(reverse(f"{NS}:inspect", args=[complaint.pk])).status_code == 404
    client.force_login(other_opd_admin)
    assert client.get(reverse(f"{NS}:inspect", args=[complaint.pk])).status_code == 200


def test_validator_sees_only_intake_states(client, validator, make_complaint):
    waiting = make_complaint()
    dispatched = make_complaint(Status.DISPATCHED)
    client.force_login(validator)
    body = client.get(reverse(f"{NS}:list")).content.decode()
    assert waiting.tracking_number in body
    assert dispatched.tracking_number not in body
    assert client.get(reverse(f"{NS}:inspect", args=[dispatched.pk])).status_code == 404


def test_editor_faq_has_no_complaint_access(client, editor, make_complaint):
    complaint = make_complaint()
    client.force_login(editor)
    assert client.get(reverse(f"{NS}:list")).status_code in (302, 403)
    assert client.get(reverse(f"{NS}:inspect", args=[complaint.pk])).status_code in (302, 403, 404)


def test_queryset_vocabulary_matches_the_views(opd_admin, two_agencies):
    mine, theirs, _ = two_agencies
    visible = set(Complaint.objects.visible_to(opd_admin).values_list("pk", flat=True))
    assert visible == {mine.pk}
    assert theirs.pk not in visible
    assert not Attachment.objects.filter(
        complaint__in=Complaint.objects.visible_to(opd_admin)
    ).exists()
