"""SP4N-LAPOR! exchange [001][004]: read a LAPOR! export (CSV/XLSX) into complaints, and write
our complaints in the same column layout for manual entry into LAPOR!.

The exact headers of a LAPOR! export differ between versions and between what admins save
from the dashboard, so the layout is one list (``COLUMNS``) of keys, the header we write and
the header variants we accept (compared without case, spaces or punctuation).

Import rules, and why:

- All or nothing. Every row is checked before anything is written; one bad row and nothing
  is imported, and every bad row is reported with its line number ("baris N: alasan"), so
  the operator fixes the file once and imports it again.
- The LAPOR! tracking id is the key (``Complaint.lapor_id`` is unique): a new id becomes a
  complaint through ``workflow.services.submit()`` like any other intake; a known id only
  refreshes the mirror of what LAPOR! says (``attributes["lapor"]``) and, while the complaint
  is still waiting for verification, its text. Our own lifecycle (verification, disposition)
  is never driven by LAPOR!'s status: the disposition LAPOR! names is a suggestion only.
- Nobody is messaged. A bulk import would otherwise send one "new complaint" WhatsApp per
  row to every Admin Pengaduan; the person importing sees the summary, and the complaints
  wait in the verification queue like any other. The reporter hears from LAPOR! itself (a
  LAPOR! export carries no WhatsApp number).
- Rows carrying our own "Nomor Aduan Sambat Bunda" come from our export: only their LAPOR!
  tracking id is taken (it links the complaint an admin entered into LAPOR!), the other
  columns are our own data and change nothing; without a tracking id they are skipped.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from textwrap import fill
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from workflow import outbox, policy, services, sla
from workflow.models import ActivityLog
from workflow.states import Status

from .models import TRACKING_ALPHABET, Agency, Category, Complaint, normalize_tracking_number
from .redaction import public_copy, redact

# LAPOR! is run nationally from Jakarta: its times are WIB, whatever our TIME_ZONE is.
LAPOR_TZ = ZoneInfo("Asia/Jakarta")
MAX_FILE_BYTES = 10 * 1024 * 1024
MAX_ROWS = 5000
MAX_COLUMNS = 60
MAX_EMPTY_RUN = 1000  # a sheet formatted down to row 1,048,576 is not 1 million rows
HEADER_SEARCH_ROWS = 10  # a title line or two above the header is common in saved exports
MAX_TEXT = 20_000
MAX_TITLE = 300
MAX_NAME = 150  # Reporter.name
MAX_FIELD = 300


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # what our export writes; the file format, so not translated
    aliases: tuple[str, ...] = ()
    required: bool = False
    description: str = ""  # shown in --help and on the upload page


COLUMNS: tuple[Column, ...] = (
    Column(
        "tracking_id",
        "No. Tracking",
        (
            "no tracking",
            "nomor tracking",
            "tracking id",
            "id tracking",
            "tracking",
            "no tracking lapor",
            "nomor tracking lapor",
            "tracking id lapor",
            "id laporan",
            "no laporan",
            "nomor laporan",
            "kode laporan",
        ),
        required=True,
        description=gettext_lazy("nomor tracking LAPOR! (wajib, unik; huruf/angka, 3–40 karakter)"),
    ),
    Column(
        "date",
        "Tanggal Laporan",
        (
            "tanggal",
            "tgl",
            "tgl laporan",
            "tanggal masuk",
            "tanggal dibuat",
            "waktu",
            "waktu laporan",
        ),
        required=True,
        description=gettext_lazy("WIB; mis. 2025-05-13 08:15, 13/05/2025 08:15, 13 Mei 2025"),
    ),
    Column("title", "Judul", ("judul laporan",), description=gettext_lazy("judul laporan")),
    Column(
        "text",
        "Isi Laporan",
        ("isi", "isi aduan", "uraian", "uraian laporan", "deskripsi", "laporan"),
        required=True,
        description=gettext_lazy("isi laporan (wajib)"),
    ),
    Column(
        "category",
        "Kategori",
        ("kategori laporan",),
        description=gettext_lazy("dicocokkan dengan kode atau nama kategori aduan kita"),
    ),
    Column(
        "reporter",
        "Nama Pelapor",
        ("pelapor", "nama"),
        description=gettext_lazy("kosong/“Anonim” = aduan anonim, “Rahasia” = aduan rahasia"),
    ),
    Column(
        "status",
        "Status",
        ("status laporan",),
        description=gettext_lazy("status di LAPOR! (lihat daftar di bawah)"),
    ),
    Column(
        "disposition",
        "Disposisi",
        ("instansi tujuan", "instansi", "instansi terdisposisi", "disposisi instansi"),
        description=gettext_lazy(
            "instansi tujuan di LAPOR!; hanya saran OPD, disposisi tetap oleh admin"
        ),
    ),
)
SAMBAT_COLUMN = Column(
    "sambat_number",
    "Nomor Aduan Sambat Bunda",
    ("no aduan sambat bunda", "nomor aduan sambat", "nomor sambat bunda"),
    description=gettext_lazy(
        "hanya di hasil ekspor kita: menautkan nomor LAPOR! ke aduan yang sudah ada"
    ),
)
ALL_COLUMNS = (*COLUMNS, SAMBAT_COLUMN)

# LAPOR!'s status vocabulary: the label we write, and the variants we accept when reading.
LAPOR_STATUSES: dict[str, tuple[str, ...]] = {
    "Belum Terverifikasi": ("belum diverifikasi", "menunggu verifikasi", "baru"),
    "Ditunda": ("tunda", "pending"),
    "Belum Ditindaklanjuti": ("terverifikasi", "diverifikasi", "didisposisi", "disposisi"),
    "Proses": ("diproses", "sedang diproses", "dalam proses", "ditindaklanjuti", "tindak lanjut"),
    "Selesai": ("sudah selesai", "tuntas"),
    "Ditutup": ("tutup", "closed"),
    "Diarsipkan": ("arsip", "diarsip"),
    "Bukan Kewenangan": ("bukan wewenang", "dialihkan", "diteruskan ke instansi lain"),
}
# Our state → LAPOR! status, for the export admins type into LAPOR!.
STATUS_TO_LAPOR: dict[str, str] = {
    Status.SUBMITTED: "Belum Terverifikasi",
    Status.RETURNED_TO_REPORTER: "Ditunda",
    Status.DISPATCHED: "Belum Ditindaklanjuti",
    Status.RETURNED_BY_AGENCY: "Belum Ditindaklanjuti",  # verified; waiting for re-disposition
    Status.RESPONDED: "Proses",
    Status.RESOLVED: "Selesai",
    Status.CLOSED: "Ditutup",
    Status.ARCHIVED: "Diarsipkan",
    Status.OUT_OF_AUTHORITY: "Bukan Kewenangan",
}

ANONYMOUS_NAMES = {"", "anonim", "anonymous", "anonym", "tanpa nama", "tidak diketahui", "n a"}
CONFIDENTIAL_NAMES = {"rahasia", "dirahasiakan", "confidential"}

MONTHS = {
    **dict.fromkeys(("jan", "januari", "january"), 1),
    **dict.fromkeys(("feb", "februari", "pebruari", "february"), 2),
    **dict.fromkeys(("mar", "maret", "march"), 3),
    **dict.fromkeys(("apr", "april"), 4),
    **dict.fromkeys(("mei", "may"), 5),
    **dict.fromkeys(("jun", "juni", "june"), 6),
    **dict.fromkeys(("jul", "juli", "july"), 7),
    **dict.fromkeys(("agu", "agt", "ags", "agus", "agustus", "aug", "august"), 8),
    **dict.fromkeys(("sep", "sept", "september"), 9),
    **dict.fromkeys(("okt", "oktober", "oct", "october"), 10),
    **dict.fromkeys(("nov", "nopember", "november"), 11),
    **dict.fromkeys(("des", "desember", "dec", "december"), 12),
}
WEEKDAYS = (
    "senin|selasa|rabu|kamis|jumat|jum'at|sabtu|minggu|ahad|"
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
)
_TIME = r"(?:[ ,t]+(?:pukul |jam )?(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?)?"
_DMY = re.compile(rf"^(\d{{1,2}})[/.-](\d{{1,2}})[/.-](\d{{4}}){_TIME}$")
_YMD = re.compile(rf"^(\d{{4}})[/.-](\d{{1,2}})[/.-](\d{{1,2}}){_TIME}$")
_NAMED = re.compile(rf"^(\d{{1,2}})[ -]([a-z]+)\.?[ -](\d{{4}}){_TIME}$")
_WEEKDAY = re.compile(rf"^(?:{WEEKDAYS})\s*,?\s*")
TRACKING_ID_PATTERN = re.compile(r"^[A-Z0-9][A-Z0-9./-]{2,39}$")
# Cells our CSV export neutralised against formula injection ('=…) are read back as written.
NEUTRALISED = re.compile(r"^'(?=[=+\-@\t\r])")
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
# A sentence ends after a word of 4+ letters ("Jl.", "Kec.", "No." are abbreviations).
SENTENCE_END = re.compile(r"(?<=\w{4}[.!?])\s+")


class LaporFileError(Exception):
    """The file cannot be imported; ``errors`` lists every reason ("baris N: …")."""

    def __init__(self, errors: list[str]):
        self.errors = errors
        super().__init__("\n".join(errors))


@dataclass
class LaporRow:
    line: int
    tracking_id: str = ""
    reported_at: dt.datetime | None = None
    title: str = ""
    text: str = ""
    category: str = ""
    reporter: str = ""
    visibility: str = Complaint.Visibility.PUBLIC
    status: str = ""
    disposition: str = ""
    sambat_number: str = ""

    @property
    def from_our_export(self) -> bool:
        return bool(self.sambat_number)


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)  # our tracking numbers
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    linked: list[str] = field(default_factory=list)
    skipped: list[int] = field(default_factory=list)  # line numbers
    dry_run: bool = False

    @property
    def rows(self) -> int:
        return (
            len(self.created)
            + len(self.updated)
            + len(self.unchanged)
            + len(self.linked)
            + len(self.skipped)
        )

    def summary(self) -> str:
        parts = [
            _("dibuat %(n)d") % {"n": len(self.created)},
            _("diperbarui %(n)d") % {"n": len(self.updated)},
            _("tidak berubah %(n)d") % {"n": len(self.unchanged)},
        ]
        if self.linked:
            parts.append(_("ditautkan %(n)d") % {"n": len(self.linked)})
        if self.skipped:
            parts.append(_("dilewati %(n)d (belum punya nomor LAPOR!)") % {"n": len(self.skipped)})
        text = _("Impor LAPOR!: %(parts)s (%(rows)d baris).") % {
            "parts": ", ".join(parts),
            "rows": self.rows,
        }
        if self.dry_run:
            text += " " + _("Uji coba: tidak ada yang disimpan.")
        return text


# --- reading the file ------------------------------------------------------------------


def normalize_label(value) -> str:
    """``" No. Tracking "`` → ``"no tracking"``: how headers and vocabularies are compared."""
    text = unicodedata.normalize("NFKC", str(value or "")).casefold()
    return " ".join(re.sub(r"[^0-9a-z]+", " ", text).split())


_HEADER_KEYS: dict[str, str] = {}
for _column in ALL_COLUMNS:
    for _label in (_column.header, *_column.aliases):
        _HEADER_KEYS[normalize_label(_label)] = _column.key
_STATUS_KEYS: dict[str, str] = {}
for _label, _aliases in LAPOR_STATUSES.items():
    for _alias in (_label, *_aliases):
        _STATUS_KEYS[normalize_label(_alias)] = _label


def _decode(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel's "CSV (Comma delimited)" on Windows writes Windows-1252.
        return data.decode("cp1252")
    except UnicodeDecodeError as exc:
        raise LaporFileError(
            [_("Berkas CSV tidak dapat dibaca: simpan sebagai “CSV UTF-8”.")]
        ) from exc


def _sniff_delimiter(text: str) -> str:
    """The delimiter under which one of the first lines reads as our header (";" is what
    Excel writes in an Indonesian locale, "," elsewhere)."""
    head = "\n".join(text.splitlines()[: HEADER_SEARCH_ROWS * 2])
    for delimiter in (",", ";", "\t"):
        try:
            records = list(csv.reader(io.StringIO(head, newline=""), delimiter=delimiter))
        except csv.Error:
            continue
        if any("tracking_id" in _header_map(record) for record in records[:HEADER_SEARCH_ROWS]):
            return delimiter
    return ","


def _csv_rows(data: bytes) -> Iterator[tuple[int, list]]:
    """(line where the record starts, cells); a quoted cell may span several lines."""
    text = _decode(data)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_sniff_delimiter(text))
    previous_end = 0
    try:
        for record in reader:
            yield previous_end + 1, record
            previous_end = reader.line_num
    except csv.Error as exc:
        raise LaporFileError(
            [_("baris %(n)d: CSV rusak (%(error)s)") % {"n": previous_end + 1, "error": exc}]
        ) from exc


def _xlsx_rows(data: bytes) -> Iterator[tuple[int, list]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged file
        raise LaporFileError([_("Berkas XLSX tidak dapat dibuka.")]) from exc
    try:
        sheet = workbook.worksheets[0]
        for number, values in enumerate(
            sheet.iter_rows(min_row=1, max_col=MAX_COLUMNS, values_only=True), start=1
        ):
            yield number, list(values)
    finally:
        workbook.close()


def read_table(data: bytes, filename: str = "") -> Iterator[tuple[int, list]]:
    """The rows of a CSV or XLSX file (told apart by content, not by name)."""
    if len(data) > MAX_FILE_BYTES:
        raise LaporFileError(
            [_("Berkas terlalu besar (maks. %(mb)d MB).") % {"mb": MAX_FILE_BYTES // 2**20}]
        )
    if data[:4] == b"PK\x03\x04":
        return _xlsx_rows(data)
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise LaporFileError(
            [_("Format .xls lama tidak didukung: simpan sebagai .xlsx atau .csv.")]
        )
    if filename.lower().endswith(".xlsx"):
        raise LaporFileError([_("Berkas XLSX tidak dapat dibuka.")])
    return _csv_rows(data)


def _cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    text = str(value).replace("\r\n", "\n").replace("\r", "\n").strip()
    return NEUTRALISED.sub("", text)


def _header_map(cells: list) -> dict[str, int]:
    mapping: dict[str, int] = {}
    for index, cell in enumerate(cells):
        key = _HEADER_KEYS.get(normalize_label(cell))
        if key and key not in mapping:
            mapping[key] = index
    return mapping


def _expected_headers() -> str:
    return ", ".join(column.header for column in COLUMNS)


# --- checking one row ------------------------------------------------------------------


def parse_lapor_datetime(value) -> dt.datetime | None:
    """A LAPOR! date (WIB when it names no zone); None when it is not a date we know."""
    if isinstance(value, dt.datetime):
        moment = value
    elif isinstance(value, dt.date):
        moment = dt.datetime(value.year, value.month, value.day)
    else:
        moment = _parse_date_text(_cell_text(value))
    if moment is None or moment.year < 2000:
        return None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=LAPOR_TZ)
    return moment


def _parse_date_text(raw: str) -> dt.datetime | None:
    text = " ".join(re.sub(r"(?i)\bwib\b", " ", raw).split())
    try:
        return dt.datetime.fromisoformat(text)
    except ValueError:
        pass
    text = _WEEKDAY.sub("", text.casefold()).strip(" ,")
    for pattern, order in ((_DMY, "dmy"), (_YMD, "ymd"), (_NAMED, "dmy")):
        match = pattern.match(text)
        if not match:
            continue
        first, second, third, hour, minute, second_of_minute = match.groups()
        if order == "ymd":
            year, month, day = int(first), int(second), int(third)
        else:
            day, year = int(first), int(third)
            month = MONTHS.get(second) if not second.isdigit() else int(second)
            if month is None:
                return None
        try:
            return dt.datetime(
                year, month, day, int(hour or 0), int(minute or 0), int(second_of_minute or 0)
            )
        except ValueError:
            return None
    return None


def normalize_tracking_id(value) -> str:
    return _cell_text(value).lstrip("#").strip().upper()


def _our_number_pattern() -> re.Pattern:
    prefix = re.escape(settings.SAMBAT_TRACKING_PREFIX.upper())
    return re.compile(rf"^{prefix}-?\d{{4}}-?[{TRACKING_ALPHABET}]{{5}}$")


def lapor_status_label(value) -> str | None:
    """The canonical LAPOR! status for a cell ("" when empty, None when unknown)."""
    key = normalize_label(value)
    if not key:
        return ""
    return _STATUS_KEYS.get(key)


def visibility_for(name: str) -> str:
    key = normalize_label(name)
    if key in CONFIDENTIAL_NAMES:
        return Complaint.Visibility.CONFIDENTIAL
    if key in ANONYMOUS_NAMES or name.strip() in ("-", "—"):
        return Complaint.Visibility.ANONYMOUS
    return Complaint.Visibility.PUBLIC


def _check_row(line: int, cells: list, columns: dict[str, int], now) -> tuple[LaporRow, list]:
    def raw(key):
        index = columns.get(key)
        return cells[index] if index is not None and index < len(cells) else None

    row = LaporRow(line=line)
    problems: list[str] = []

    row.sambat_number = normalize_tracking_number(_cell_text(raw("sambat_number")))
    row.tracking_id = normalize_tracking_id(raw("tracking_id"))
    if not row.tracking_id:
        if not row.sambat_number:
            problems.append(_("nomor tracking LAPOR! kosong"))
    elif _our_number_pattern().match(row.tracking_id):
        problems.append(
            _("“%(value)s” adalah Nomor Aduan Sambat Bunda, bukan nomor tracking LAPOR!")
            % {"value": row.tracking_id}
        )
    elif not TRACKING_ID_PATTERN.match(row.tracking_id) or not any(
        ch.isdigit() for ch in row.tracking_id
    ):
        problems.append(
            _(
                "nomor tracking LAPOR! “%(value)s” tidak sah (huruf, angka, titik, “/” atau “-”, "
                "3–40 karakter, memuat angka)"
            )
            % {"value": row.tracking_id[:60]}
        )

    date_value = raw("date")
    date_text = _cell_text(date_value)
    if not date_text:
        problems.append(_("tanggal kosong"))
    else:
        row.reported_at = parse_lapor_datetime(date_value)
        if row.reported_at is None:
            problems.append(
                _(
                    "tanggal “%(value)s” tidak dikenali (contoh: 2025-05-13 08:15, "
                    "13/05/2025 08:15, 13 Mei 2025)"
                )
                % {"value": date_text[:40]}
            )
        elif row.reported_at > now + dt.timedelta(minutes=10):
            problems.append(_("tanggal “%(value)s” ada di masa depan") % {"value": date_text})

    row.text = _cell_text(raw("text"))
    if not row.text:
        problems.append(_("isi laporan kosong"))
    elif len(row.text) > MAX_TEXT:
        problems.append(_("isi laporan terlalu panjang (maks. %(n)d karakter)") % {"n": MAX_TEXT})

    row.title = " ".join(_cell_text(raw("title")).split())
    if len(row.title) > MAX_TITLE:
        problems.append(_("judul terlalu panjang (maks. %(n)d karakter)") % {"n": MAX_TITLE})

    row.reporter = " ".join(_cell_text(raw("reporter")).split())
    row.visibility = visibility_for(row.reporter)
    if row.visibility != Complaint.Visibility.PUBLIC:
        row.reporter = ""
    elif len(row.reporter) > MAX_NAME:
        problems.append(_("nama pelapor terlalu panjang (maks. %(n)d karakter)") % {"n": MAX_NAME})

    status_text = _cell_text(raw("status"))
    status = lapor_status_label(status_text)
    if status is None:
        problems.append(
            _("status “%(value)s” tidak dikenal (yang dikenal: %(known)s)")
            % {"value": status_text[:40], "known": ", ".join(LAPOR_STATUSES)}
        )
    else:
        row.status = status

    for key in ("category", "disposition"):
        value = " ".join(_cell_text(raw(key)).split())
        if len(value) > MAX_FIELD:
            problems.append(
                _("kolom %(column)s terlalu panjang (maks. %(n)d karakter)")
                % {"column": _header_of(key), "n": MAX_FIELD}
            )
        setattr(row, key, value)
    return row, problems


def _header_of(key: str) -> str:
    return next(column.header for column in ALL_COLUMNS if column.key == key)


# --- the whole file --------------------------------------------------------------------


def parse(data: bytes, filename: str = "", now: dt.datetime | None = None) -> list[LaporRow]:
    """Every data row of the file, checked on its own and against the other rows.

    Raises :class:`LaporFileError` with one message per bad row (or about the file itself).
    """
    now = now or timezone.now()
    columns: dict[str, int] | None = None
    header_line = 0
    rows: list[LaporRow] = []
    problems_by_line: dict[int, list[str]] = {}
    empty_run = 0
    for line, cells in read_table(data, filename):
        if not any(_cell_text(cell) for cell in cells):
            empty_run += 1
            if empty_run > MAX_EMPTY_RUN:
                break
            continue
        empty_run = 0
        if columns is None:
            mapping = _header_map(cells)
            if "tracking_id" in mapping:
                columns, header_line = mapping, line
                continue
            if line >= HEADER_SEARCH_ROWS:
                break
            continue
        if len(rows) >= MAX_ROWS:
            raise LaporFileError(
                [_("Terlalu banyak baris (maks. %(n)d); bagi berkasnya.") % {"n": MAX_ROWS}]
            )
        row, problems = _check_row(line, cells, columns, now)
        rows.append(row)
        if problems:
            problems_by_line[line] = problems
    if columns is None:
        raise LaporFileError(
            [
                _(
                    "Baris judul kolom tidak ditemukan (harus ada kolom nomor tracking). "
                    "Kolom yang dikenali: %(columns)s."
                )
                % {"columns": _expected_headers()}
            ]
        )
    missing = [c.header for c in COLUMNS if c.required and c.key not in columns]
    if missing:
        raise LaporFileError(
            [
                _("baris %(n)d: kolom wajib tidak ada: %(columns)s")
                % {
                    "n": header_line,
                    "columns": ", ".join(missing),
                }
            ]
        )
    if not rows:
        raise LaporFileError([_("Berkas tidak berisi baris laporan.")])
    _check_duplicates(rows, problems_by_line)
    if problems_by_line:
        raise LaporFileError(_format_problems(problems_by_line))
    return rows


def _check_duplicates(rows: list[LaporRow], problems_by_line: dict[int, list[str]]) -> None:
    first_seen: dict[tuple[str, str], int] = {}
    for row in rows:
        for kind, value in (("lapor", row.tracking_id), ("sambat", row.sambat_number)):
            if not value:
                continue
            seen = first_seen.setdefault((kind, value), row.line)
            if seen != row.line:
                message = (
                    _("nomor tracking LAPOR! %(value)s sudah ada di baris %(n)d")
                    if kind == "lapor"
                    else _("Nomor Aduan Sambat Bunda %(value)s sudah ada di baris %(n)d")
                )
                problems_by_line.setdefault(row.line, []).append(
                    message % {"value": value, "n": seen}
                )


def _format_problems(problems_by_line: dict[int, list[str]]) -> list[str]:
    return [
        _("baris %(n)d: %(reasons)s") % {"n": line, "reasons": "; ".join(problems)}
        for line, problems in sorted(problems_by_line.items())
    ]


# --- matching our vocabulary -----------------------------------------------------------


class Vocabulary:
    """Our categories and agencies, loaded once per import, matched without case."""

    def __init__(self):
        self.categories: dict[str, Category] = {}
        for category in Category.objects.order_by("-active", "order", "pk"):
            for label in (category.code, category.name):
                self.categories.setdefault(normalize_label(label), category)
        self.agencies: dict[str, Agency] = {}
        for agency in Agency.objects.filter(active=True).order_by("pk"):
            for label in (agency.short_name, agency.name):
                self.agencies.setdefault(normalize_label(label), agency)

    def category(self, label: str) -> Category | None:
        return self.categories.get(normalize_label(label)) if label else None

    def agency(self, label: str) -> Agency | None:
        return self.agencies.get(normalize_label(label)) if label else None


MIRROR_FIELDS = ("reported_at", "title", "text", "category", "status", "disposition")


def mirror_of(row: LaporRow, vocabulary: Vocabulary) -> dict:
    """What LAPOR! says about the complaint, kept in ``attributes["lapor"]``."""
    agency = vocabulary.agency(row.disposition)
    return {
        "tracking_id": row.tracking_id,
        "reported_at": row.reported_at.isoformat() if row.reported_at else "",
        "title": row.title,
        "text": row.text,
        "category": row.category,
        "status": row.status,
        "disposition": row.disposition,
        "suggested_agency": (
            {"id": agency.pk, "short_name": agency.short_name, "name": agency.name}
            if agency
            else None
        ),
    }


def compose_text(title: str, text: str) -> str:
    """LAPOR!'s title and text as one complaint text (the title only when it adds something)."""
    if not title or normalize_label(text).startswith(normalize_label(title)):
        return text
    return f"{title}\n\n{text}"


# --- the import ------------------------------------------------------------------------


def import_file(
    data: bytes,
    filename: str = "",
    *,
    by=policy.SYSTEM_ACTOR,
    dry_run: bool = False,
    now: dt.datetime | None = None,
) -> ImportResult:
    """Check every row, then create/update/link them all in one transaction (or nothing).

    Raises :class:`LaporFileError` listing every bad row; ``dry_run`` does the whole import
    and rolls it back, so it finds the same problems a real run would.
    """
    now = now or timezone.now()
    rows = parse(data, filename, now=now)
    try:
        return _import_rows(rows, filename, by=by, dry_run=dry_run, now=now)
    except IntegrityError as exc:
        # Another import created the same LAPOR! tracking id a moment ago.
        raise LaporFileError(
            [_("Nomor tracking LAPOR! baru saja dipakai impor lain; ulangi impor.")]
        ) from exc


def _import_rows(rows: list[LaporRow], filename: str, *, by, dry_run, now) -> ImportResult:
    with transaction.atomic():
        with outbox.suppressed():
            result = _apply(rows, by=by, now=now)
        result.dry_run = dry_run
        if dry_run:
            transaction.set_rollback(True)
        else:
            ActivityLog.objects.create(
                action=ActivityLog.LAPOR_IMPORT,
                actor=_staff(by),
                actor_kind=_actor_kind(by),
                data={
                    "file": filename[:200],
                    "created": len(result.created),
                    "updated": len(result.updated),
                    "unchanged": len(result.unchanged),
                    "linked": len(result.linked),
                    "skipped": len(result.skipped),
                },
                created_at=now,
            )
    return result


def _staff(by):
    return None if isinstance(by, policy.Actor) else by


def _actor_kind(by) -> str:
    if isinstance(by, policy.Actor):
        if by.role == policy.REPORTER:
            return ActivityLog.ActorKind.REPORTER
        return ActivityLog.ActorKind.SYSTEM
    return ActivityLog.ActorKind.STAFF


def _apply(rows: list[LaporRow], *, by, now) -> ImportResult:
    # Lock the complaints this file touches, so a workflow step cannot interleave.
    lapor_ids = [row.tracking_id for row in rows if row.tracking_id]
    numbers = [row.sambat_number for row in rows if row.sambat_number]
    touched = {
        c.pk: c
        for c in Complaint.objects.select_for_update(of=("self",)).filter(
            Q(lapor_id__in=lapor_ids) | Q(tracking_number__in=numbers)
        )
    }
    by_lapor_id = {c.lapor_id: c for c in touched.values() if c.lapor_id}
    by_number = {c.tracking_number: c for c in touched.values()}

    problems = _check_links(rows, by_lapor_id, by_number)
    if problems:
        raise LaporFileError(_format_problems(problems))

    vocabulary = Vocabulary()
    sla_policy = sla.current_policy()
    calendar = sla.calendar_for(sla_policy)
    result = ImportResult()
    for row in rows:
        if row.from_our_export:
            complaint = by_number[row.sambat_number]
            if not row.tracking_id:
                result.skipped.append(row.line)
            elif complaint.lapor_id == row.tracking_id:
                result.unchanged.append(complaint.tracking_number)
            else:
                _link(complaint, row, by=by, now=now)
                result.linked.append(complaint.tracking_number)
        elif row.tracking_id in by_lapor_id:
            complaint = by_lapor_id[row.tracking_id]
            if _refresh(complaint, row, vocabulary, by=by, now=now):
                result.updated.append(complaint.tracking_number)
            else:
                result.unchanged.append(complaint.tracking_number)
        else:
            complaint = _create(row, vocabulary, by=by, now=now, calendar=(sla_policy, calendar))
            by_lapor_id[row.tracking_id] = complaint
            result.created.append(complaint.tracking_number)
    return result


def _check_links(rows, by_lapor_id, by_number) -> dict[int, list[str]]:
    """Rows of our own export must name a complaint we have, and not contradict its link."""
    problems: dict[int, list[str]] = {}
    for row in rows:
        if not row.from_our_export:
            continue
        complaint = by_number.get(row.sambat_number)
        if complaint is None:
            problems.setdefault(row.line, []).append(
                _("Nomor Aduan Sambat Bunda %(number)s tidak ditemukan")
                % {"number": row.sambat_number}
            )
            continue
        if not row.tracking_id:
            continue
        if complaint.lapor_id and complaint.lapor_id != row.tracking_id:
            problems.setdefault(row.line, []).append(
                _("aduan %(number)s sudah tertaut ke nomor LAPOR! %(lapor)s")
                % {"number": complaint.tracking_number, "lapor": complaint.lapor_id}
            )
        other = by_lapor_id.get(row.tracking_id)
        if other is not None and other.pk != complaint.pk:
            problems.setdefault(row.line, []).append(
                _("nomor tracking LAPOR! %(lapor)s sudah dipakai aduan %(number)s")
                % {"lapor": row.tracking_id, "number": other.tracking_number}
            )
    return problems


def _create(row: LaporRow, vocabulary: Vocabulary, *, by, now, calendar) -> Complaint:
    mirror = {**mirror_of(row, vocabulary), "imported_at": now.isoformat()}
    try:
        reporter = services.find_or_create_reporter(
            name=row.reporter or _("Pelapor LAPOR! (anonim)")
        )
        complaint = services.submit(
            reporter=reporter,
            text=compose_text(row.title, row.text),
            by=by,
            channel=Complaint.Channel.LAPOR,
            visibility=row.visibility,
            source_reference=row.tracking_id,
            category=vocabulary.category(row.category),
            attributes={"lapor": mirror},
            lapor_id=row.tracking_id,
            now=row.reported_at,
        )
    except services.WorkflowError as error:
        raise LaporFileError(
            [_("baris %(n)d: %(reason)s") % {"n": row.line, "reason": error}]
        ) from error
    # Received at LAPOR!'s date, but our verification clock starts when it reached us.
    sla_policy, working_calendar = calendar
    complaint.due_at = sla.deadline_for(complaint, now, sla_policy, working_calendar)
    complaint.save(update_fields=["due_at"])
    return complaint


def _refresh(complaint: Complaint, row: LaporRow, vocabulary: Vocabulary, *, by, now) -> bool:
    """Bring the mirror up to date; the text too while nobody has verified or edited it."""
    old = (complaint.attributes or {}).get("lapor") or {}
    new = mirror_of(row, vocabulary)
    changed = [name for name in (*MIRROR_FIELDS, "suggested_agency") if old.get(name) != new[name]]
    if not changed:
        return False
    complaint.attributes = {
        **(complaint.attributes or {}),
        "lapor": {**old, **new, "synced_at": now.isoformat()},
    }
    update_fields = ["attributes"]
    text_updated = False
    if (
        {"title", "text"} & set(changed)
        and complaint.channel == Complaint.Channel.LAPOR
        and complaint.status == Status.SUBMITTED
        and "text" in old
        # Still the text the last import wrote: an admin's correction is never overwritten.
        and complaint.text == compose_text(old.get("title", ""), old["text"])
    ):
        new_text = compose_text(row.title, row.text)
        if new_text != complaint.text:
            if complaint.public_text == redact(complaint.text):  # not edited by an admin
                complaint.public_text = redact(new_text)
                update_fields.append("public_text")
            complaint.text = new_text
            update_fields.append("text")
            text_updated = True
    complaint.save(update_fields=update_fields)
    _log_sync(
        complaint,
        by,
        now,
        {"lapor_id": row.tracking_id, "fields": changed, "text_updated": text_updated},
    )
    return True


def _link(complaint: Complaint, row: LaporRow, *, by, now) -> None:
    """An admin entered our complaint into LAPOR!; remember its LAPOR! tracking id."""
    complaint.lapor_id = row.tracking_id
    lapor = {**((complaint.attributes or {}).get("lapor") or {})}
    lapor.update({"tracking_id": row.tracking_id, "linked_at": now.isoformat()})
    complaint.attributes = {**(complaint.attributes or {}), "lapor": lapor}
    complaint.save(update_fields=["lapor_id", "attributes"])
    _log_sync(complaint, by, now, {"lapor_id": row.tracking_id, "linked": True})


def _log_sync(complaint: Complaint, by, now, data: dict) -> None:
    # Field names only: the log must not become a second copy of the complaint.
    ActivityLog.objects.create(
        complaint=complaint,
        reporter_id=complaint.reporter_id,
        action=ActivityLog.LAPOR_SYNC,
        from_state=complaint.status,
        to_state=complaint.status,
        actor=_staff(by),
        actor_kind=_actor_kind(by),
        data=data,
        created_at=now,
    )


# --- the export ------------------------------------------------------------------------


def export_headers() -> list[str]:
    return [column.header for column in ALL_COLUMNS]


def derive_title(text: str, limit: int = 80) -> str:
    """A LAPOR! title from our text: its first sentence, cut at a word."""
    flat = " ".join((text or "").split())
    sentence = SENTENCE_END.split(flat, maxsplit=1)[0]
    if len(sentence) <= limit:
        return sentence
    return sentence[: limit - 1].rsplit(" ", 1)[0] + "…"


def export_values(complaint: Complaint) -> list:
    """One complaint in the import's layout; the last column is our own number.

    The text is the redacted public copy (this file leaves the system); the reporter's name
    only for complaints filed as public.
    """
    mirror = (complaint.attributes or {}).get("lapor") or {}
    # The same last privacy pass as the public site: names of anonymous reporters and the
    # reporter's address out, whatever the admin's redaction missed.
    public_text = public_copy(
        complaint.public_text or complaint.text,
        reporter=complaint.reporter,
        anonymous=complaint.visibility != Complaint.Visibility.PUBLIC,
    )
    category = complaint.category.name if complaint.category_id else mirror.get("category", "")
    disposition = complaint.agency.name if complaint.agency_id else complaint.forwarded_to
    reporter = (
        complaint.reporter.name if complaint.visibility == Complaint.Visibility.PUBLIC else ""
    )
    return [
        complaint.lapor_id or "",
        timezone.localtime(complaint.created_at, LAPOR_TZ).replace(tzinfo=None, microsecond=0),
        mirror.get("title") or derive_title(public_text),
        public_text,
        category or "",
        reporter,
        STATUS_TO_LAPOR.get(complaint.status, ""),
        disposition or "",
        complaint.tracking_number,
    ]


def export_queryset(complaints):
    return complaints.select_related("agency", "reporter", "category")


def neutralise(value: str) -> str:
    """Spreadsheet cells must not start a formula in whoever opens the CSV [OWASP]."""
    return "'" + value if value.startswith(FORMULA_START) else value


def iter_csv(complaints: Iterable[Complaint]) -> Iterator[str]:
    """The CSV export line by line (UTF-8 with BOM so Excel shows the text as written)."""

    class Echo:
        def write(self, value):
            return value

    writer = csv.writer(Echo())
    yield "\ufeff" + writer.writerow(export_headers())
    for complaint in complaints:
        values = export_values(complaint)
        values[1] = values[1].strftime("%Y-%m-%d %H:%M")
        yield writer.writerow([neutralise(str(value)) for value in values])


def write_xlsx(complaints: Iterable[Complaint], output) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title="LAPOR")
    sheet.append(export_headers())
    for complaint in complaints:
        cells = []
        for value in export_values(complaint):
            cell = WriteOnlyCell(sheet, value=value)
            if cell.data_type == "f":
                cell.data_type = "s"  # text that looks like a formula stays text
            if isinstance(value, dt.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            cells.append(cell)
        sheet.append(cells)
    workbook.save(output)


def help_text() -> str:
    """The column list for ``--help`` and the upload page."""
    lines = [
        fill(f"{c.header} — {c.description}", 78, initial_indent="  ", subsequent_indent="    ")
        for c in ALL_COLUMNS
    ]
    statuses = _("Status LAPOR! yang dikenal: %(statuses)s.") % {
        "statuses": ", ".join(LAPOR_STATUSES)
    }
    return "\n".join([*lines, fill(statuses, 78, initial_indent="  ", subsequent_indent="    ")])
