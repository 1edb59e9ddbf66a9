"""SP4N-LAPOR!: importing a LAPOR! export (all or nothing, idempotent by tracking id) and
exporting our complaints in the same layout [SPEC §2.3][001][004]."""

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from pengaduan import lapor
from pengaduan.models import Category, Complaint, Reporter
from workflow import services
from workflow.models import ActivityLog, Notification
from workflow.states import Status

NS = "wagtailsnippets_pengaduan_complaint"
WIB = ZoneInfo("Asia/Jakarta")
HEADER = "No. Tracking;Tanggal Laporan;Judul;Isi Laporan;Kategori;Nama Pelapor;Status;Disposisi\n"

# Lines 2–4 are good (line 4's text spans lines 4 and 5); 6–10 are bad.
BAD_CSV = (
    HEADER + "4782913;2025-05-13 08:15;Jalan berlubang di Jl. Gajah Mada;Lubang besar di depan "
    "SDN 1, membahayakan pengendara.;Jalan Rusak;Budi Santoso;Belum Terverifikasi;"
    "Dinas Pekerjaan Umum dan Tata Ruang\n"
    "4782914;13/05/2025 09.30;Lampu PJU mati;Lampu jalan di Dusun Krajan mati sejak "
    "seminggu.;Penerangan Jalan;Anonim;Proses;dputr\n"
    '4782915;14 Mei 2025;Pungutan di puskesmas;"Petugas meminta uang ""administrasi""\n'
    'tanpa kuitansi.";;Rahasia;Ditunda;Dinas Kesehatan\n'
    "4782916;15/05/2025 10:00;Sampah menumpuk;;;Siti Aminah;Proses;\n"
    "4782917;31/02/2025;Banjir;Air masuk rumah warga.;;;Selesai;\n"
    "4782913;16/05/2025;Jalan berlubang lagi;Lubang makin besar.;;;Proses;\n"
    "4782918;16/05/2025;Pelayanan KTP;Antrean KTP lama.;;;Sedang Dipikirkan;\n"
    ";16/05/2025;Tanpa nomor;Isi tanpa nomor.;;;Proses;\n"
)
BAD_CSV_ERRORS = [
    "baris 6: isi laporan kosong",
    "baris 7: tanggal “31/02/2025” tidak dikenali (contoh: 2025-05-13 08:15, "
    "13/05/2025 08:15, 13 Mei 2025)",
    "baris 8: nomor tracking LAPOR! 4782913 sudah ada di baris 2",
    "baris 9: status “Sedang Dipikirkan” tidak dikenal (yang dikenal: Belum Terverifikasi, "
    "Ditunda, Belum Ditindaklanjuti, Proses, Selesai, Ditutup, Diarsipkan, Bukan Kewenangan)",
    "baris 10: nomor tracking LAPOR! kosong",
]
GOOD_CSV = (
    BAD_CSV.replace("Sampah menumpuk;;", "Sampah menumpuk;Sampah di pasar Klakah belum diangkut.;")
    .replace("31/02/2025", "28/02/2025")
    .replace("4782913;16/05/2025", "4782919;16/05/2025")
    .replace("Sedang Dipikirkan", "diproses")
    .replace(";16/05/2025;Tanpa nomor", "4782920;16/05/2025;Tanpa nomor")
)


@pytest.fixture
def road_category(agency):
    return Category.objects.create(code="jalan-rusak", name="Jalan Rusak", agency=agency)


@pytest.fixture
def lapor_file(tmp_path):
    def write(text: str, name: str = "lapor.csv") -> str:
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        return str(path)

    return write


def run_import(path, *args) -> str:
    out = io.StringIO()
    call_command("import_lapor", path, *args, stdout=out)
    return out.getvalue().strip()


def lapor_complaints():
    return Complaint.objects.filter(channel=Complaint.Channel.LAPOR).order_by("lapor_id")


# --- import --------------------------------------------------------------------------------


def test_bad_rows_import_nothing_and_are_all_reported(db, lapor_file, agency, other_agency):
    with pytest.raises(CommandError) as error:
        run_import(lapor_file(BAD_CSV))
    assert str(error.value).splitlines() == [
        "Tidak ada yang diimpor (5 masalah):",
        *BAD_CSV_ERRORS,
    ]
    assert Complaint.objects.count() == 0
    assert Reporter.objects.count() == 0
    assert ActivityLog.objects.count() == 0


def test_good_file_creates_complaints_then_reimport_changes_nothing(
    db, lapor_file, agency, other_agency, road_category, admin_user
):
    # An admin with a WhatsApp number would get one "aduan baru" per row from the chat.
    admin_user.sambat_profile.whatsapp_number = "+6281200000009"
    admin_user.sambat_profile.save()
    path = lapor_file(GOOD_CSV)

    assert run_import(path) == ("Impor LAPOR!: dibuat 8, diperbarui 0, tidak berubah 0 (8 baris).")
    complaints = list(lapor_complaints())
    assert [c.lapor_id for c in complaints] == [
        "4782913",
        "4782914",
        "4782915",
        "4782916",
        "4782917",
        "4782918",
        "4782919",
        "4782920",
    ]
    assert {c.status for c in complaints} == {Status.SUBMITTED}
    assert {c.source_reference for c in complaints} == {c.lapor_id for c in complaints}
    road, lamp, levy = complaints[:3]

    assert road.created_at == dt.datetime(2025, 5, 13, 8, 15, tzinfo=WIB)
    assert road.text == (
        "Jalan berlubang di Jl. Gajah Mada\n\nLubang besar di depan SDN 1, membahayakan pengendara."
    )
    assert road.visibility == Complaint.Visibility.PUBLIC
    assert road.reporter.name == "Budi Santoso"
    assert road.reporter.whatsapp_number is None
    assert road.category == road_category
    assert road.agency is None  # LAPOR!'s disposition is a suggestion, not a dispatch
    assert road.attributes["lapor"] == {
        "tracking_id": "4782913",
        "reported_at": "2025-05-13T08:15:00+07:00",
        "title": "Jalan berlubang di Jl. Gajah Mada",
        "text": "Lubang besar di depan SDN 1, membahayakan pengendara.",
        "category": "Jalan Rusak",
        "status": "Belum Terverifikasi",
        "disposition": "Dinas Pekerjaan Umum dan Tata Ruang",
        "suggested_agency": {
            "id": agency.pk,
            "short_name": "DPUTR",
            "name": "Dinas Pekerjaan Umum dan Tata Ruang",
        },
        "imported_at": road.attributes["lapor"]["imported_at"],
    }
    # The verification clock starts at the import, not at LAPOR!'s date.
    imported_at = dt.datetime.fromisoformat(road.attributes["lapor"]["imported_at"])
    assert road.due_at > imported_at
    assert not road.is_late(imported_at)

    assert lamp.created_at == dt.datetime(2025, 5, 13, 9, 30, tzinfo=WIB)
    assert lamp.visibility == Complaint.Visibility.ANONYMOUS
    assert lamp.reporter.name == "Pelapor LAPOR! (anonim)"
    assert lamp.category is None
    assert lamp.attributes["lapor"]["category"] == "Penerangan Jalan"
    assert lamp.attributes["lapor"]["status"] == "Proses"
    assert lamp.attributes["lapor"]["suggested_agency"]["short_name"] == "DPUTR"

    assert levy.created_at == dt.datetime(2025, 5, 14, 0, 0, tzinfo=WIB)
    assert levy.visibility == Complaint.Visibility.CONFIDENTIAL
    assert levy.text == (
        'Pungutan di puskesmas\n\nPetugas meminta uang "administrasi"\ntanpa kuitansi.'
    )
    assert levy.attributes["lapor"]["suggested_agency"]["short_name"] == "DINKES"
    assert complaints[4].created_at == dt.datetime(2025, 2, 28, 0, 0, tzinfo=WIB)
    assert complaints[5].attributes["lapor"]["status"] == "Proses"  # "diproses"

    # History says who and when; nobody was messaged.
    created_log = ActivityLog.objects.get(complaint=road, action=ActivityLog.CREATE)
    assert created_log.actor_kind == ActivityLog.ActorKind.SYSTEM
    assert created_log.data == {"channel": "lapor"}
    assert Notification.objects.count() == 0
    assert ActivityLog.objects.get(action=ActivityLog.LAPOR_IMPORT).data == {
        "file": "lapor.csv",
        "created": 8,
        "updated": 0,
        "unchanged": 0,
        "linked": 0,
        "skipped": 0,
    }

    # The same file again: nothing created, nothing duplicated, nothing logged per complaint.
    assert run_import(path) == ("Impor LAPOR!: dibuat 0, diperbarui 0, tidak berubah 8 (8 baris).")
    assert Complaint.objects.count() == 8
    assert Reporter.objects.count() == 8
    assert not ActivityLog.objects.filter(action=ActivityLog.LAPOR_SYNC).exists()
    assert Notification.objects.count() == 0


def test_changed_rows_update_the_mirror_and_text_only_before_verification(
    db, lapor_file, agency, other_agency, admin_user
):
    run_import(lapor_file(GOOD_CSV))
    road = Complaint.objects.get(lapor_id="4782913")
    lamp = Complaint.objects.get(lapor_id="4782914")
    services.verify_and_dispatch(lamp, agency, by=admin_user)
    litter = Complaint.objects.get(lapor_id="4782916")
    services.edit_details(
        litter, by=admin_user, changes={"text": "Sampah di Pasar Klakah belum diangkut 3 hari."}
    )

    changed = (
        GOOD_CSV.replace("membahayakan pengendara.", "membahayakan pengendara motor.")
        .replace(
            "seminggu.;Penerangan Jalan;Anonim;Proses", "sebulan.;Penerangan Jalan;Anonim;Selesai"
        )
        .replace("belum diangkut.", "belum diangkut seminggu.")
    )
    assert run_import(lapor_file(changed, "lapor-2.csv"), "--user", admin_user.username) == (
        "Impor LAPOR!: dibuat 0, diperbarui 3, tidak berubah 5 (8 baris)."
    )
    assert Complaint.objects.count() == 8

    road.refresh_from_db()
    assert road.text.endswith("membahayakan pengendara motor.")
    assert road.public_text == road.text
    assert road.attributes["lapor"]["text"].endswith("pengendara motor.")
    assert ActivityLog.objects.get(complaint=road, action=ActivityLog.LAPOR_SYNC).data == {
        "lapor_id": "4782913",
        "fields": ["text"],
        "text_updated": True,
    }

    # Dispatched already: LAPOR!'s new status and text are kept, our text is not touched.
    lamp.refresh_from_db()
    assert lamp.status == Status.DISPATCHED
    assert lamp.text == "Lampu PJU mati\n\nLampu jalan di Dusun Krajan mati sejak seminggu."
    assert lamp.attributes["lapor"]["status"] == "Selesai"
    assert lamp.attributes["lapor"]["text"] == "Lampu jalan di Dusun Krajan mati sejak sebulan."
    log = ActivityLog.objects.get(complaint=lamp, action=ActivityLog.LAPOR_SYNC)
    assert log.actor == admin_user
    assert log.data == {"lapor_id": "4782914", "fields": ["text", "status"], "text_updated": False}

    # Corrected by an admin before verification: the correction stays.
    litter.refresh_from_db()
    assert litter.text == "Sampah di Pasar Klakah belum diangkut 3 hari."
    assert litter.attributes["lapor"]["text"] == "Sampah di pasar Klakah belum diangkut seminggu."
    assert ActivityLog.objects.get(complaint=litter, action=ActivityLog.LAPOR_SYNC).data == {
        "lapor_id": "4782916",
        "fields": ["text"],
        "text_updated": False,
    }


def test_dry_run_checks_everything_and_keeps_nothing(db, lapor_file, agency):
    assert run_import(lapor_file(GOOD_CSV), "--dry-run") == (
        "Impor LAPOR!: dibuat 8, diperbarui 0, tidak berubah 0 (8 baris). "
        "Uji coba: tidak ada yang disimpan."
    )
    assert Complaint.objects.count() == 0
    assert ActivityLog.objects.count() == 0
    with pytest.raises(CommandError):
        run_import(lapor_file(BAD_CSV), "--dry-run")


def xlsx_bytes(rows) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


XLSX_HEADER = [
    "Tracking ID",
    "Tanggal",
    "Judul",
    "Isi",
    "Kategori",
    "Pelapor",
    "Status",
    "Instansi Tujuan",
]


def xlsx_rows(fixed: bool):
    return [
        ["Daftar laporan SP4N-LAPOR! Kabupaten Lumajang"],  # a title above the header
        XLSX_HEADER,
        [
            5100001,
            dt.datetime(2025, 6, 2, 7, 45),
            "Drainase",
            "Saluran mampet.",
            "jalan-rusak",
            "Rina",
            "Proses",
            "DPUTR",
        ],
        [5100002, "2 Juni 2025", None, "Anjing liar di alun-alun.", None, None, "Selesai", None],
        [
            5100003,
            dt.datetime(2025, 6, 3, 10, 0),
            "Air PDAM",
            "Air keruh." if fixed else None,
            None,
            "Dirahasiakan",
            "Proses",
            None,
        ],
        [
            5100004,
            "2025-06-04 10:00" if fixed else "kemarin",
            "Parkir",
            "Tarif parkir liar.",
            None,
            "Joko",
            "Belum Terverifikasi",
            None,
        ],
        [
            5100005 if fixed else 5100001,
            "05/06/2025",
            "Duplikat",
            "Saluran mampet lagi.",
            None,
            None,
            "Proses",
            None,
        ],
        [
            5100006,
            "06/06/2025",
            "Status",
            "Sekolah rusak.",
            None,
            None,
            "Ditutup" if fixed else "Batal",
            None,
        ],
    ]


def test_xlsx_with_bad_rows_then_fixed(db, agency, road_category):
    with pytest.raises(lapor.LaporFileError) as error:
        lapor.import_file(xlsx_bytes(xlsx_rows(fixed=False)), "lapor.xlsx")
    assert error.value.errors == [
        "baris 5: isi laporan kosong",
        "baris 6: tanggal “kemarin” tidak dikenali (contoh: 2025-05-13 08:15, "
        "13/05/2025 08:15, 13 Mei 2025)",
        "baris 7: nomor tracking LAPOR! 5100001 sudah ada di baris 3",
        "baris 8: status “Batal” tidak dikenal (yang dikenal: Belum Terverifikasi, Ditunda, "
        "Belum Ditindaklanjuti, Proses, Selesai, Ditutup, Diarsipkan, Bukan Kewenangan)",
    ]
    assert Complaint.objects.count() == 0

    data = xlsx_bytes(xlsx_rows(fixed=True))
    result = lapor.import_file(data, "lapor.xlsx")
    assert (len(result.created), len(result.updated), len(result.unchanged)) == (6, 0, 0)
    drain = Complaint.objects.get(lapor_id="5100001")
    assert drain.created_at == dt.datetime(2025, 6, 2, 7, 45, tzinfo=WIB)
    assert drain.category == road_category  # matched by code
    assert drain.text == "Drainase\n\nSaluran mampet."
    dogs = Complaint.objects.get(lapor_id="5100002")
    assert dogs.text == "Anjing liar di alun-alun."
    assert dogs.visibility == Complaint.Visibility.ANONYMOUS
    assert Complaint.objects.get(lapor_id="5100003").visibility == "confidential"

    again = lapor.import_file(data, "lapor.xlsx")
    assert (len(again.created), len(again.unchanged)) == (0, 6)
    assert Complaint.objects.count() == 6


def test_a_file_without_the_required_columns_is_refused(db):
    with pytest.raises(lapor.LaporFileError) as error:
        lapor.import_file(b"Judul,Isi\nJalan,Rusak\n", "x.csv")
    assert error.value.errors == [
        "Baris judul kolom tidak ditemukan (harus ada kolom nomor tracking). Kolom yang "
        "dikenali: No. Tracking, Tanggal Laporan, Judul, Isi Laporan, Kategori, Nama Pelapor, "
        "Status, Disposisi."
    ]
    with pytest.raises(lapor.LaporFileError) as error:
        lapor.import_file(b"\xef\xbb\xbfID Laporan,Judul\n123,Jalan\n", "x.csv")
    assert error.value.errors == ["baris 1: kolom wajib tidak ada: Tanggal Laporan, Isi Laporan"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-05-13 08:15", dt.datetime(2025, 5, 13, 8, 15, tzinfo=WIB)),
        ("2025-05-13T08:15:00+07:00", dt.datetime(2025, 5, 13, 8, 15, tzinfo=WIB)),
        ("2025-05-13T01:15:00Z", dt.datetime(2025, 5, 13, 8, 15, tzinfo=WIB)),
        ("13/05/2025 08:15", dt.datetime(2025, 5, 13, 8, 15, tzinfo=WIB)),
        ("13-05-2025 08.15 WIB", dt.datetime(2025, 5, 13, 8, 15, tzinfo=WIB)),
        ("13 Mei 2025", dt.datetime(2025, 5, 13, tzinfo=WIB)),
        ("Selasa, 13 Mei 2025 pukul 08.15", dt.datetime(2025, 5, 13, 8, 15, tzinfo=WIB)),
        ("Jum'at, 15 Agt 2025", dt.datetime(2025, 8, 15, tzinfo=WIB)),
        ("2025/5/13", dt.datetime(2025, 5, 13, tzinfo=WIB)),
        (dt.datetime(2025, 5, 13, 8, 15), dt.datetime(2025, 5, 13, 8, 15, tzinfo=WIB)),
        (dt.date(2025, 5, 13), dt.datetime(2025, 5, 13, tzinfo=WIB)),
        ("31/02/2025", None),
        ("13 Mai 2025", None),
        ("05/13/2025", None),  # day first, as in Indonesia
        ("kemarin", None),
    ],
)
def test_lapor_dates_are_read_as_wib(value, expected):
    assert lapor.parse_lapor_datetime(value) == expected


def test_headers_are_matched_without_case_space_or_punctuation(db):
    text = (
        "  ID LAPORAN ;tanggal laporan;JUDUL;isi;kategori;pelapor;STATUS LAPORAN;instansi tujuan\n"
        "#LPR-2025/0001;2025-05-13;Jalan;Jalan rusak.;;;proses;\n"
    )
    (row,) = lapor.parse(text.encode())
    assert (row.line, row.tracking_id, row.status, row.text) == (
        2,
        "LPR-2025/0001",
        "Proses",
        "Jalan rusak.",
    )


def test_help_explains_the_columns(capsys):
    with pytest.raises(SystemExit):
        call_command("import_lapor", "--help")
    text = capsys.readouterr().out
    assert "  No. Tracking — nomor tracking LAPOR! (wajib, unik" in text
    assert "  Nomor Aduan Sambat Bunda — hanya di hasil ekspor kita" in text
    assert "--dry-run" in text


# --- export --------------------------------------------------------------------------------


@pytest.fixture
def exchange(db, lapor_file, agency, other_agency, admin_user, make_complaint, reporter):
    """Two complaints from LAPOR! and two of our own, in known states."""
    two_rows = "".join(GOOD_CSV.splitlines(keepends=True)[:3])
    run_import(lapor_file(two_rows))
    road = Complaint.objects.get(lapor_id="4782913")
    services.verify_and_dispatch(road, agency, by=admin_user)
    road = Complaint.objects.get(pk=road.pk)
    lamp = Complaint.objects.get(lapor_id="4782914")
    ours = make_complaint(
        Status.DISPATCHED,
        text="Trotoar di Jl. Panglima Sudirman ambles. Hubungi saya di 081234567890.",
    )
    theirs = make_complaint(
        Status.RESPONDED,
        to_agency=other_agency,
        text='=HYPERLINK("http://jahat.example","klik") Obat habis di puskesmas.',
        visibility=Complaint.Visibility.ANONYMOUS,
    )
    return road, lamp, ours, theirs


def exported_rows(client, fmt, **params):
    response = client.get(reverse(f"{NS}:list"), {"export": f"lapor-{fmt}", **params})
    assert response.status_code == 200
    if fmt == "csv":
        assert response["Content-Type"] == "text/csv; charset=utf-8"
        text = b"".join(response.streaming_content).decode("utf-8-sig")
        return list(csv.reader(io.StringIO(text, newline="")))
    content = b"".join(response.streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    return [
        [
            cell.strftime("%Y-%m-%d %H:%M") if isinstance(cell, dt.datetime) else (cell or "")
            for cell in row
        ]
        for row in sheet.iter_rows(values_only=True)
    ]


def local(moment) -> str:
    return moment.astimezone(WIB).strftime("%Y-%m-%d %H:%M")


HEADERS = [
    "No. Tracking",
    "Tanggal Laporan",
    "Judul",
    "Isi Laporan",
    "Kategori",
    "Nama Pelapor",
    "Status",
    "Disposisi",
    "Nomor Aduan Sambat Bunda",
]


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_export_for_admin_has_every_complaint_in_lapor_layout(client, admin_user, exchange, fmt):
    road, lamp, ours, theirs = exchange
    client.force_login(admin_user)
    rows = exported_rows(client, fmt)
    formula = "'=HYPERLINK" if fmt == "csv" else "=HYPERLINK"
    assert rows == [
        HEADERS,
        [
            "",
            local(theirs.created_at),
            f'{formula}("http://jahat.example","klik") Obat habis di puskesmas.',
            f'{formula}("http://jahat.example","klik") Obat habis di puskesmas.',
            "",
            "",  # anonymous: no name leaves the system
            "Proses",
            "Dinas Kesehatan",
            theirs.tracking_number,
        ],
        [
            "",
            local(ours.created_at),
            "Trotoar di Jl. Panglima Sudirman ambles.",
            "Trotoar di Jl. Panglima Sudirman ambles. Hubungi saya di [nomor disamarkan].",
            "",
            "Siti Nur Khomsah",
            "Belum Ditindaklanjuti",
            "Dinas Pekerjaan Umum dan Tata Ruang",
            ours.tracking_number,
        ],
        [
            "4782914",
            "2025-05-13 09:30",
            "Lampu PJU mati",
            "Lampu PJU mati\n\nLampu jalan di Dusun Krajan mati sejak seminggu.",
            "Penerangan Jalan",
            "",
            "Belum Terverifikasi",
            "",
            lamp.tracking_number,
        ],
        [
            "4782913",
            "2025-05-13 08:15",
            "Jalan berlubang di Jl. Gajah Mada",
            "Jalan berlubang di Jl. Gajah Mada\n\n"
            "Lubang besar di depan SDN 1, membahayakan pengendara.",
            "Jalan Rusak",
            "Budi Santoso",
            "Belum Ditindaklanjuti",
            "Dinas Pekerjaan Umum dan Tata Ruang",
            road.tracking_number,
        ],
    ]
    log = ActivityLog.objects.get(action=ActivityLog.EXPORT, actor=admin_user)
    assert log.data == {"count": 4, "format": f"lapor-{fmt}", "query": f"export=lapor-{fmt}"}


def test_export_follows_the_list_filters(client, admin_user, exchange):
    road, lamp, _ours, _theirs = exchange
    client.force_login(admin_user)
    rows = exported_rows(client, "csv", channel="lapor")
    assert [row[-1] for row in rows[1:]] == [lamp.tracking_number, road.tracking_number]
    rows = exported_rows(client, "csv", channel="lapor", status="dispatched")
    assert [row[-1] for row in rows[1:]] == [road.tracking_number]
    rows = exported_rows(client, "xlsx", q="Krajan")
    assert [row[-1] for row in rows[1:]] == [lamp.tracking_number]


def test_export_for_agency_has_only_its_own_complaints(client, opd_admin, exchange):
    road, _lamp, ours, _theirs = exchange
    client.force_login(opd_admin)
    rows = exported_rows(client, "csv")
    assert rows[0] == HEADERS
    assert [row[-1] for row in rows[1:]] == [ours.tracking_number, road.tracking_number]
    assert ActivityLog.objects.get(action=ActivityLog.EXPORT, actor=opd_admin).data["count"] == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_exported_file_reimports_cleanly_and_links_new_lapor_ids(client, admin_user, exchange, fmt):
    road, lamp, ours, _theirs = exchange
    client.force_login(admin_user)
    response = client.get(reverse(f"{NS}:list"), {"export": f"lapor-{fmt}"})
    data = b"".join(response.streaming_content)

    result = lapor.import_file(data, f"ekspor.{fmt}", by=admin_user)
    assert result.created == []
    assert result.updated == []
    assert sorted(result.unchanged) == sorted([road.tracking_number, lamp.tracking_number])
    assert len(result.skipped) == 2  # ours, not yet entered into LAPOR!
    assert Complaint.objects.count() == 4

    # The admin typed our complaint into LAPOR! and wrote its tracking id into the file.
    if fmt == "csv":
        text = data.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text, newline="")))
        rows[2][0] = "4790001"
        buffer = io.StringIO()
        csv.writer(buffer).writerows(rows)
        edited = buffer.getvalue().encode()
    else:
        workbook = load_workbook(io.BytesIO(data))
        workbook.active["A3"] = "4790001"
        buffer = io.BytesIO()
        workbook.save(buffer)
        edited = buffer.getvalue()
    result = lapor.import_file(edited, f"ekspor.{fmt}", by=admin_user)
    assert result.linked == [ours.tracking_number]
    ours.refresh_from_db()
    assert ours.lapor_id == "4790001"
    assert ours.channel == Complaint.Channel.WHATSAPP
    assert ours.attributes["lapor"]["tracking_id"] == "4790001"
    assert ActivityLog.objects.get(complaint=ours, action=ActivityLog.LAPOR_SYNC).data == {
        "lapor_id": "4790001",
        "linked": True,
    }
    assert Complaint.objects.count() == 4


# --- admin screens -------------------------------------------------------------------------


def test_list_offers_lapor_export_to_all_and_import_to_admins(client, admin_user, opd_admin):
    client.force_login(admin_user)
    body = client.get(reverse(f"{NS}:list")).content.decode()
    assert "Ekspor LAPOR! (XLSX)" in body
    assert "?export=lapor-csv" in body
    assert reverse(f"{NS}:lapor_import") in body
    client.force_login(opd_admin)
    body = client.get(reverse(f"{NS}:list")).content.decode()
    assert "Ekspor LAPOR! (CSV)" in body
    assert reverse(f"{NS}:lapor_import") not in body
    # Wagtail turns PermissionDenied into a redirect to the dashboard with a message.
    response = client.get(reverse(f"{NS}:lapor_import"))
    assert (response.status_code, response["Location"]) == (302, "/admin/")
    upload = SimpleUploadedFile("lapor.csv", GOOD_CSV.encode(), content_type="text/csv")
    assert client.post(reverse(f"{NS}:lapor_import"), {"file": upload}).status_code == 302
    assert Complaint.objects.count() == 0


def test_upload_page_reports_bad_rows_then_imports(client, admin_user, agency, other_agency):
    client.force_login(admin_user)
    url = reverse(f"{NS}:lapor_import")
    assert client.get(url).status_code == 200

    upload = SimpleUploadedFile("lapor.csv", BAD_CSV.encode(), content_type="text/csv")
    body = client.post(url, {"file": upload}).content.decode()
    assert "Tidak ada yang diimpor: 5 masalah." in body
    for line in BAD_CSV_ERRORS:
        assert f"<li>{line}</li>" in body
    assert Complaint.objects.count() == 0

    upload = SimpleUploadedFile("lapor.csv", GOOD_CSV.encode(), content_type="text/csv")
    body = client.post(url, {"file": upload, "dry_run": "on"}).content.decode()
    assert "dibuat 8, diperbarui 0, tidak berubah 0 (8 baris). Uji coba" in body
    assert Complaint.objects.count() == 0

    upload = SimpleUploadedFile("lapor.csv", GOOD_CSV.encode(), content_type="text/csv")
    response = client.post(url, {"file": upload})
    assert response.status_code == 302
    assert response["Location"] == reverse(f"{NS}:list") + "?channel=lapor"
    assert lapor_complaints().count() == 8
    assert set(lapor_complaints().values_list("created_by", flat=True)) == {admin_user.pk}


def test_inspect_shows_lapor_data(client, admin_user, lapor_file, agency):
    run_import(lapor_file(GOOD_CSV))
    road = Complaint.objects.get(lapor_id="4782913")
    client.force_login(admin_user)
    body = client.get(reverse(f"{NS}:inspect", args=[road.pk])).content.decode()
    assert 'data-testid="lapor-id">4782913<' in body
    assert "status: Belum Terverifikasi" in body
    assert "saran OPD: DPUTR; disposisi tetap oleh admin" in body
