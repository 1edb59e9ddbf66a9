"""The recap as a spreadsheet: a summary sheet, one sheet per agency, and the definitions."""

from __future__ import annotations

import io
import re

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from .figures import DEFINITIONS

# (key in the figures, column title)
COLUMNS = [
    ("received", "Diterima"),
    ("dispatched", "Didisposisi"),
    ("returned_by_agency", "Dikembalikan OPD"),
    ("out_of_authority", "Bukan kewenangan"),
    ("responded", "Ditanggapi"),
    ("responded_on_time", "Ditanggapi tepat waktu"),
    ("responded_on_time_percent", "% tanggapan tepat waktu"),
    ("response_hours_median", "Median tanggapan (jam kerja)"),
    ("response_hours_p90", "P90 tanggapan (jam kerja)"),
    ("resolved", "Selesai ditindaklanjuti"),
    ("resolved_on_time_percent", "% selesai tepat waktu"),
    ("resolution_hours_median", "Median penyelesaian (jam kerja)"),
    ("resolution_hours_p90", "P90 penyelesaian (jam kerja)"),
    ("closed", "Ditutup"),
    ("reopened", "Dibuka kembali"),
    ("satisfaction_mean", "Kepuasan rata-rata (1–5)"),
    ("satisfaction_count", "Jumlah penilaian"),
]
CHANNELS = {
    "whatsapp": "WhatsApp",
    "web": "Chat situs web",
    "sms": "SMS",
    "phone": "Telepon",
    "email": "Email",
    "letter": "Surat",
    "walk_in": "Datang langsung",
    "instagram": "Instagram",
    "twitter": "Twitter/X",
    "facebook": "Facebook",
    "youtube": "YouTube",
    "tiktok": "TikTok",
    "lapor": "SP4N-LAPOR!",
    "open311": "Open311",
    "other": "Lainnya",
}
BOLD = Font(bold=True)
HEAD_FILL = PatternFill("solid", fgColor="0B6E4F")
HEAD_FONT = Font(bold=True, color="FFFFFF")
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def safe(value):
    """No cell may start a formula in whoever opens the file [OWASP CSV injection]."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def _sheet_title(name: str, taken: set[str]) -> str:
    base = _SHEET_UNSAFE.sub("-", name).strip("'")[:31] or "OPD"
    title, n = base, 2
    while title.lower() in taken:
        suffix = f" ({n})"
        title, n = base[: 31 - len(suffix)] + suffix, n + 1
    taken.add(title.lower())
    return title


def _header(sheet, row: int, titles: list[str]) -> None:
    for column, title in enumerate(titles, start=1):
        cell = sheet.cell(row=row, column=column, value=title)
        cell.font, cell.fill = HEAD_FONT, HEAD_FILL
        cell.alignment = Alignment(wrap_text=True, vertical="top")


def workbook(data: dict) -> bytes:
    book = Workbook()
    summary = book.active
    summary.title = "Ringkasan"
    summary["A1"] = safe(f"Rekap Sambat Bunda — {data['label']}")
    summary["A1"].font = Font(bold=True, size=14)
    summary["A2"] = safe(f"Periode {data['start'][:10]} s.d. sebelum {data['end'][:10]}")
    _header(summary, 4, ["OPD", *[title for _key, title in COLUMNS]])
    rows = [("Semua OPD", data["overall"])] + [(a["name"], a) for a in data["agencies"]]
    for offset, (name, figures) in enumerate(rows):
        row = 5 + offset
        summary.cell(row=row, column=1, value=safe(name)).font = BOLD if offset == 0 else Font()
        for column, (key, _title) in enumerate(COLUMNS, start=2):
            summary.cell(row=row, column=column, value=figures.get(key))
    channel_row = 7 + len(rows)
    summary.cell(row=channel_row, column=1, value="Aduan diterima per kanal").font = BOLD
    _header(summary, channel_row + 1, ["Kanal", "Jumlah"])
    for offset, (channel, count) in enumerate(data["overall"]["received_by_channel"].items()):
        summary.cell(row=channel_row + 2 + offset, column=1, value=CHANNELS.get(channel, channel))
        summary.cell(row=channel_row + 2 + offset, column=2, value=count)
    summary.column_dimensions["A"].width = 44
    for column in range(2, len(COLUMNS) + 2):
        summary.column_dimensions[get_column_letter(column)].width = 14
    summary.freeze_panes = "B5"

    taken = {"ringkasan", "cara menghitung", "per bulan"}
    for agency in data["agencies"]:
        sheet = book.create_sheet(_sheet_title(agency["short_name"], taken))
        sheet["A1"] = safe(agency["name"])
        sheet["A1"].font = Font(bold=True, size=13)
        sheet["A2"] = safe(data["label"])
        _header(sheet, 4, ["Ukuran", "Nilai"])
        for offset, (key, title) in enumerate(COLUMNS):
            sheet.cell(row=5 + offset, column=1, value=title)
            sheet.cell(row=5 + offset, column=2, value=agency.get(key))
        row = 6 + len(COLUMNS)
        sheet.cell(row=row, column=1, value="Diterima per kanal").font = BOLD
        for offset, (channel, count) in enumerate(agency["received_by_channel"].items()):
            sheet.cell(row=row + 1 + offset, column=1, value=CHANNELS.get(channel, channel))
            sheet.cell(row=row + 1 + offset, column=2, value=count)
        sheet.column_dimensions["A"].width = 36
        sheet.column_dimensions["B"].width = 14

    if data.get("months"):
        months = book.create_sheet("Per bulan", 1)
        _header(months, 1, ["Bulan", *[title for _key, title in COLUMNS]])
        for offset, month in enumerate(data["months"]):
            months.cell(row=2 + offset, column=1, value=month["label"])
            for column, (key, _title) in enumerate(COLUMNS, start=2):
                months.cell(row=2 + offset, column=column, value=month.get(key))
        months.column_dimensions["A"].width = 18
        months.freeze_panes = "B2"

    method = book.create_sheet("Cara menghitung")
    method.column_dimensions["A"].width = 110
    for row, line in enumerate(DEFINITIONS.strip().splitlines(), start=1):
        method.cell(row=row, column=1, value=safe(line.strip()))
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()
