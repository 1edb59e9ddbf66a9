"""Reporter identity: WhatsApp numbers normalised to E.164, NIK checked by structure [003]."""

import pytest
from django.core.exceptions import ValidationError

from pengaduan.models import Reporter
from pengaduan.validators import mask_nik, mask_phone, normalize_nik, normalize_phone
from workflow import services


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("0812-3456-7890", "+6281234567890"),
        ("081234567890", "+6281234567890"),
        ("62 812 3456 7890", "+6281234567890"),
        ("+62 (812) 3456.7890", "+6281234567890"),
        ("6208123456789", "+628123456789"),
        ("8123456789", "+628123456789"),
        ("0819-4422-0688", "+6281944220688"),
        ("+31 6 12345678", "+31612345678"),
        ("0031612345678", "+31612345678"),
    ],
)
def test_phone_numbers_are_normalised(raw, expected):
    assert normalize_phone(raw) == expected


@pytest.mark.parametrize(
    "raw", ["", "halo", "0812", "+62 812 3456 7890 1234 5", "+0812345678", "12-34"]
)
def test_bad_phone_numbers_are_refused(raw):
    with pytest.raises(ValidationError):
        normalize_phone(raw)


@pytest.mark.parametrize(
    "nik",
    [
        "3508125507560001",  # Lumajang, woman born 15-07-1956 (day + 40)
        "3508011708450001",
        "3508-0117-0845-0001",
    ],
)
def test_valid_nik(nik):
    assert normalize_nik(nik) == nik.replace("-", "")


@pytest.mark.parametrize(
    "nik",
    [
        "350812550756000",  # 15 digits
        "35081255075600011",  # 17 digits
        "9971011708450001",  # no such province
        "35081255A7560001",  # a letter
        "3508127213560001",  # day 72 - 40 = 32
        "3508121513560001",  # month 13
    ],
)
def test_invalid_nik(nik):
    with pytest.raises(ValidationError) as excinfo:
        normalize_nik(nik)
    assert "NIK tidak valid" in excinfo.value.messages[0]


@pytest.mark.django_db
def test_reporter_model_validates_and_normalises():
    reporter = Reporter(name="Agus Dwi Handoko", whatsapp_number="0812 3456 7890", nik="123")
    with pytest.raises(ValidationError) as excinfo:
        reporter.full_clean()
    assert "nik" in excinfo.value.message_dict
    reporter.nik = "3508011708450001"
    reporter.full_clean()
    assert reporter.whatsapp_number == "+6281234567890"


@pytest.mark.django_db
def test_find_or_create_reporter_reuses_the_number_and_refuses_bad_nik():
    first = services.find_or_create_reporter(name="Riska", whatsapp_number="0812-1111-2222")
    again = services.find_or_create_reporter(
        name="Riska A.", whatsapp_number="+62 812 1111 2222", nik="3508125507560001"
    )
    assert again.pk == first.pk
    assert again.nik == "3508125507560001"
    assert again.nik_status == Reporter.NikStatus.UNCHECKED
    with pytest.raises(services.InvalidInput) as excinfo:
        services.find_or_create_reporter(name="X", whatsapp_number="0813-0000-0000", nik="1234")
    assert "NIK" in str(excinfo.value)
    assert Reporter.objects.count() == 1


def test_masks_hide_the_middle():
    assert mask_phone("+6281234567890") == "+62812****7890"
    assert mask_nik("3508125507560001") == "3508********0001"
    assert mask_phone("") == "" and mask_nik(None) == ""
