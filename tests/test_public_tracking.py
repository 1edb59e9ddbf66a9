"""Tracking a complaint by its number and the public complaint page [SPEC §7]."""

import datetime as dt
import io

import pytest
from django.test import RequestFactory, override_settings
from PIL import Image

from pengaduan.attachments import CleanFile
from pengaduan.models import Attachment, Complaint, ComplaintUpdate
from sambat_site.client_ip import client_ip
from workflow import policy, services
from workflow.states import Status

from .conftest import jpeg_bytes
from .factories import AgencyFactory, ReporterFactory, UserFactory


def gps_photo(size=(1600, 1200)) -> CleanFile:
    exif = Image.Exif()
    exif[0x010F] = "KameraWarga"  # Make
    exif[0x8825] = {1: "S", 2: (8.0, 7.0, 30.0), 3: "E", 4: (113.0, 13.0, 12.0)}  # GPS
    return CleanFile(jpeg_bytes(size, exif=exif.tobytes()), "image/jpeg", "IMG_0001.jpg")


@pytest.fixture
def roads(db):
    return AgencyFactory(short_name="DPUTR", name="Dinas Pekerjaan Umum dan Tata Ruang")


@pytest.fixture
def people(roads):
    return {
        "admin": UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN),
        "operator": UserFactory(username="opd.dputr", role=policy.ADMIN_OPD, agency=roads),
    }


def closed_complaint(roads, people, *, visibility="public", rating=5):
    reporter = services.find_or_create_reporter(
        name="Agus Dwi Handoko", whatsapp_number="+6281299990001"
    )
    complaint = services.submit(
        reporter=reporter,
        text="Jalan desa Kalibendo berlubang besar, sudah ada yang jatuh.",
        visibility=visibility,
        location_text="Jl. Kenanga No. 4, Kalibendo",
    )
    services.verify_and_dispatch(complaint, roads, by=people["admin"])
    services.respond(complaint, by=people["operator"], text="Tim akan meninjau besok pagi.")
    services.add_follow_up(
        complaint, by=people["operator"], text="Catatan untuk arsip saja.", is_public=False
    )
    services.resolve(
        complaint, by=people["operator"], text="Lubang sudah ditambal aspal.", files=[gps_photo()]
    )
    services.close(complaint, by=policy.REPORTER_ACTOR)
    if rating:
        services.record_satisfaction(
            complaint,
            rating=rating,
            comment="Cepat, terima kasih Pak Joko",
            by=policy.REPORTER_ACTOR,
        )
    return Complaint.objects.get(pk=complaint.pk)


def test_the_complaint_page_shows_status_agency_timeline_photos_and_rating(
    client, roads, people, django_assert_max_num_queries
):
    complaint = closed_complaint(roads, people)
    client.get("/")
    with django_assert_max_num_queries(10):
        response = client.get(f"/aduan/{complaint.tracking_number}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ditutup" in html
    assert "Dinas Pekerjaan Umum dan Tata Ruang" in html
    assert "Jalan desa Kalibendo berlubang besar" in html
    assert "Agus Dwi Handoko" in html  # the reporter chose "publik"
    for milestone in (
        "Aduan diterima",
        "Diverifikasi dan diteruskan ke",
        "Tanggapan · ",
        "Hasil penyelesaian · ",
        "Selesai ditindaklanjuti",
        "Aduan ditutup",
    ):
        assert milestone in html
    assert "Tim akan meninjau besok pagi." in html
    assert "Lubang sudah ditambal aspal." in html
    assert "Catatan untuk arsip saja." not in html  # not public
    assert "5 dari 5 — Sangat puas" in html
    assert "terima kasih Pak Joko" not in html  # survey comments stay internal
    assert "Jl. Kenanga" not in html and "6281299990001" not in html
    photo = Attachment.objects.get(complaint=complaint)
    assert f"/aduan/{complaint.tracking_number}/foto/{photo.pk}/" in html


def test_the_public_photo_is_a_small_jpeg_without_metadata(client, roads, people):
    complaint = closed_complaint(roads, people)
    photo = Attachment.objects.get(complaint=complaint)
    for width in (480, 1200):
        response = client.get(f"/aduan/{complaint.tracking_number}/foto/{photo.pk}/?w={width}")
        assert response.status_code == 200
        assert response["Content-Type"] == "image/jpeg"
        image = Image.open(io.BytesIO(response.content))
        assert image.size[0] == width
        assert len(image.getexif()) == 0
        assert "exif" not in image.info and "icc_profile" not in image.info
    # An odd width falls back to the small one instead of making new files.
    response = client.get(f"/aduan/{complaint.tracking_number}/foto/{photo.pk}/?w=9999")
    assert Image.open(io.BytesIO(response.content)).size[0] == 480


def test_photos_that_are_not_public_are_never_served(client, roads, people):
    complaint = closed_complaint(roads, people)
    photo = Attachment.objects.get(complaint=complaint)
    url = f"/aduan/{complaint.tracking_number}/foto/{photo.pk}/"
    Attachment.objects.filter(pk=photo.pk).update(is_public=False)
    assert client.get(url).status_code == 404
    Attachment.objects.filter(pk=photo.pk).update(is_public=True)
    ComplaintUpdate.objects.filter(pk=photo.update_id).update(is_public=False)
    assert client.get(url).status_code == 404
    ComplaintUpdate.objects.filter(pk=photo.update_id).update(is_public=True)
    response = client.get(url)
    assert response.status_code == 200
    # Of a confidential complaint: nothing at all.
    Complaint.objects.filter(pk=complaint.pk).update(visibility="confidential")
    assert client.get(url).status_code == 404
    # Another complaint's number with this photo's id.
    other = closed_complaint(roads, people, rating=None)
    assert client.get(f"/aduan/{other.tracking_number}/foto/{photo.pk}/").status_code == 404


def test_a_draft_response_waiting_for_approval_is_not_shown(client, roads, people):
    roads.requires_response_approval = True
    roads.save()
    complaint = services.submit(reporter=ReporterFactory(), text="Drainase mampet di pasar.")
    services.verify_and_dispatch(complaint, roads, by=people["admin"])
    services.respond(complaint, by=people["operator"], text="Draf jawaban belum disetujui.")
    html = client.get(f"/aduan/{complaint.tracking_number}/").content.decode()
    assert "Didisposisi ke OPD" in html
    assert "Draf jawaban belum disetujui." not in html


@pytest.mark.parametrize(
    ("visibility", "state", "notice"),
    [
        ("confidential", Status.DISPATCHED, "bersifat rahasia"),
        ("confidential", Status.CLOSED, "bersifat rahasia"),
        ("public", Status.SUBMITTED, "sedang diverifikasi admin"),
        ("anonymous", Status.RETURNED_TO_REPORTER, "menunggu kelengkapan data"),
        ("public", Status.ARCHIVED, "diarsipkan"),
    ],
)
def test_unpublished_complaints_show_only_status_and_dates(
    client, make_complaint, visibility, state, notice
):
    complaint = make_complaint(
        state, visibility=visibility, text="Isi rahasia tentang tetangga saya Pak Darmo."
    )
    response = client.get(f"/aduan/{complaint.tracking_number}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert complaint.get_status_display() in html
    assert notice in html
    assert "Diterima" in html and "Status terakhir" in html
    assert "Pak Darmo" not in html
    assert complaint.reporter.name not in html
    assert "Dinas Pekerjaan Umum" not in html
    assert '<meta name="robots" content="noindex">' in html


def test_a_merged_duplicate_points_to_the_surviving_complaint(client, make_complaint, admin_user):
    survivor = make_complaint(Status.DISPATCHED)
    duplicate = make_complaint(Status.SUBMITTED)
    services.merge_duplicate(duplicate, survivor, by=admin_user)
    html = client.get(f"/aduan/{duplicate.tracking_number}/").content.decode()
    assert f'href="/aduan/{survivor.tracking_number}/"' in html


def test_tracking_accepts_numbers_as_people_type_them(client, make_complaint):
    complaint = make_complaint(Status.DISPATCHED)
    typed = " #" + complaint.tracking_number.lower().replace("-", " ") + " "
    response = client.get("/aduan/", {"nomor": typed})
    assert response.status_code == 302
    assert response["Location"] == f"/aduan/{complaint.tracking_number}/"
    response = client.get(f"/aduan/{complaint.tracking_number.lower()}/")
    assert response.status_code == 302
    assert response["Location"] == f"/aduan/{complaint.tracking_number}/"
    assert client.get("/aduan/", {"nomor": ""})["Location"] == "/#lacak"


def test_an_unknown_number_gets_a_friendly_not_found(client, db):
    response = client.get("/aduan/SB-2504-ZZZZZ/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Nomor aduan tidak ditemukan" in html
    assert "SB-2504-ZZZZZ" in html
    assert 'name="nomor"' in html
    response = client.get("/aduan/" + "<script>x</script>" + "/")
    assert response.status_code in (302, 404)
    assert "<script>x</script>" not in response.content.decode()


@override_settings(SAMBAT_TRACKING_RATE="3/m")
def test_tracking_lookups_are_rate_limited_per_address(client, make_complaint):
    complaint = make_complaint(Status.DISPATCHED)
    url = f"/aduan/{complaint.tracking_number}/"
    for _attempt in range(3):
        assert client.get(url, REMOTE_ADDR="203.0.113.7").status_code == 200
    response = client.get("/aduan/SB-2504-ZZZZZ/", REMOTE_ADDR="203.0.113.7")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Terlalu banyak permintaan" in response.content.decode()
    assert client.get(url, REMOTE_ADDR="203.0.113.8").status_code == 200


@override_settings(SAMBAT_PUBLIC_LIST_RATE="2/m")
def test_the_list_is_rate_limited_too(client, db):
    assert client.get("/", REMOTE_ADDR="198.51.100.1").status_code == 200
    assert client.get("/", {"q": "x"}, REMOTE_ADDR="198.51.100.1").status_code == 200
    assert client.get("/", REMOTE_ADDR="198.51.100.1").status_code == 429


def test_the_client_address_behind_a_proxy_is_the_last_untrusted_hop():
    factory = RequestFactory()
    request = factory.get(
        "/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.23"
    )
    with override_settings(SAMBAT_TRUSTED_PROXIES=0):
        assert client_ip(request) == "10.0.0.2"
    with override_settings(SAMBAT_TRUSTED_PROXIES=1):
        assert client_ip(request) == "198.51.100.23"  # the first entry was forgeable
    with override_settings(SAMBAT_TRUSTED_PROXIES=3):
        assert client_ip(request) == "10.0.0.2"  # fewer hops than proxies: not trusted
    bad = factory.get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="bukan-ip")
    with override_settings(SAMBAT_TRUSTED_PROXIES=1):
        assert client_ip(bad) == "10.0.0.2"


def test_response_times_are_fixed_when_they_happen(roads, people):
    tz = dt.timezone(dt.timedelta(hours=7))
    monday = dt.datetime(2026, 3, 2, 8, 0, tzinfo=tz)  # a working Monday
    complaint = services.submit(reporter=ReporterFactory(), text="Jalan rusak.", now=monday)
    services.verify_and_dispatch(complaint, roads, by=people["admin"], now=monday)
    services.respond(
        complaint, by=people["operator"], text="Dicek.", now=monday + dt.timedelta(hours=2)
    )
    services.resolve(
        complaint,
        by=people["operator"],
        text="Selesai.",
        files=[gps_photo((40, 30))],
        now=dt.datetime(2026, 3, 3, 9, 0, tzinfo=tz),
    )
    complaint.refresh_from_db()
    assert complaint.responded_on_time is True
    assert complaint.response_office_minutes == 120
    # Monday 08:00–16:00 (480 min) + Tuesday 07:30–09:00 (90 min).
    assert complaint.resolution_office_minutes == 570

    late = services.submit(reporter=ReporterFactory(), text="Lampu mati.", now=monday)
    services.verify_and_dispatch(late, roads, by=people["admin"], now=monday)
    services.respond(late, by=people["operator"], text="Dicek.", now=monday + dt.timedelta(days=1))
    late.refresh_from_db()
    assert late.responded_on_time is False
    assert late.response_office_minutes == 480 + 30  # Monday's rest + Tuesday 07:30–08:00
