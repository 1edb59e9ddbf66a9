"""Resolving needs evidence [000 step 9-11]; uploads are checked by content and cleaned."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from PIL import Image

from pengaduan.attachments import clean_upload
from pengaduan.models import ComplaintUpdate
from workflow import services
from workflow.models import ActivityLog
from workflow.states import Status

from .conftest import jpeg_bytes


def gps_exif() -> bytes:
    exif = Image.Exif()
    exif[0x010F] = "KameraUji"  # Make
    exif[0x8825] = {1: "S", 2: (8.0, 7.0, 30.0), 3: "E", 4: (113.0, 13.0, 0.0)}  # GPS IFD
    return exif.tobytes()


def upload(name, data, content_type="application/octet-stream"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_resolve_without_evidence_is_refused_and_changes_nothing(make_complaint, opd_admin):
    complaint = make_complaint(Status.RESPONDED)
    logs = ActivityLog.objects.count()
    with pytest.raises(services.InvalidInput) as excinfo:
        services.resolve(complaint, by=opd_admin, text="Sudah diperbaiki.", files=[])
    assert "bukti dukung" in str(excinfo.value)
    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED
    assert not complaint.updates.filter(kind=ComplaintUpdate.Kind.RESOLUTION).exists()
    assert ActivityLog.objects.count() == logs


def test_resolve_with_a_text_file_pretending_to_be_a_photo(make_complaint, opd_admin):
    complaint = make_complaint(Status.RESPONDED)
    fake = upload("foto.jpg", b"ini bukan foto", "image/jpeg")
    with pytest.raises(services.InvalidInput) as excinfo:
        services.resolve(complaint, by=opd_admin, text="Selesai.", files=[fake])
    assert "bukan foto" in str(excinfo.value)
    complaint.refresh_from_db()
    assert complaint.status == Status.RESPONDED
    assert complaint.attachments.count() == 0


def test_resolve_with_a_photo_stores_it_without_location(make_complaint, opd_admin):
    complaint = make_complaint(Status.RESPONDED)
    photo = upload("IMG_2024.jpg", jpeg_bytes(exif=gps_exif()), "image/jpeg")
    assert Image.open(io.BytesIO(photo.read())).getexif()
    photo.seek(0)
    complaint = services.resolve(
        complaint, by=opd_admin, text="Jalan sudah diaspal.", files=[photo]
    )
    assert complaint.status == Status.RESOLVED
    resolution = complaint.updates.get(kind=ComplaintUpdate.Kind.RESOLUTION)
    stored = resolution.attachments.get()
    assert stored.content_type == "image/jpeg"
    assert stored.original_name == "IMG_2024.jpg"
    assert stored.file.name.endswith(".jpg") and "IMG_2024" not in stored.file.name
    with stored.file.open("rb") as handle:
        data = handle.read()
    assert len(data) == stored.size
    assert not Image.open(io.BytesIO(data)).getexif()


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("kosong.pdf", b"", "kosong"),
        (
            "skrip.pdf",
            b"%PDF-1.7\n1 0 obj << /OpenAction << /S /JavaScript /JS (app.alert(1)) >> >>",
            "skrip",
        ),
        ("program.exe", b"MZ\x90\x00\x03\x00\x00\x00", "bukan foto"),
        ("rusak.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "rusak"),
    ],
)
def test_bad_uploads_get_a_clear_message(name, data, message):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        clean_upload(upload(name, data))
    assert message in " ".join(excinfo.value.messages)


@override_settings(SAMBAT_ATTACHMENT_MAX_BYTES=1000)
def test_oversized_upload_is_refused():
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError) as excinfo:
        clean_upload(upload("besar.pdf", b"%PDF-1.4\n" + b"0" * 2000))
    assert "terlalu besar" in excinfo.value.messages[0]


def test_decompression_bomb_is_refused():
    from django.core.exceptions import ValidationError

    buffer = io.BytesIO()
    Image.new("1", (12000, 12000)).save(buffer, "PNG")  # 144 megapixels, a few KB on disk
    assert len(buffer.getvalue()) < 200_000
    with pytest.raises(ValidationError) as excinfo:
        clean_upload(upload("bom.png", buffer.getvalue()))
    assert "terlalu besar" in excinfo.value.messages[0]


def test_a_clean_pdf_is_kept_as_is():
    data = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF"
    cleaned = clean_upload(upload("surat.pdf", data))
    assert cleaned.content_type == "application/pdf"
    assert cleaned.data == data
