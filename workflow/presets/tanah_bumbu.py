"""Kabupaten Tanah Bumbu, SOP Pengelolaan Pengaduan Masyarakat (LAPOR! dan SMS 1708).

Source: seeds/001, uraian prosedur 1–7 and "Output". Mapping:
- Prosedur 1: "TANAHBUMBU (spasi) isi ADUAN kirim ke 1708" → SMS keyword and short code.
- Prosedur 3: Admin Kabupaten notifies the SKPD within 1 day → ``verify_working_days = 1``.
- Prosedur 5: the SKPD answers within 1 day → ``response_working_days = 1``.
- Output a, b, d: daily service report, daily strategic-issues report, annual report.
- Kalimantan Selatan keeps WITA (Asia/Makassar): deadlines and office hours are on it.
- Reminders every 4 hours while unanswered [+]; WhatsApp is not one of the SOP's channels.
"""

from . import Preset

PRESET = Preset(
    name="tanah-bumbu",
    title="Tanah Bumbu — LAPOR! dan SMS 1708 (WITA)",
    source="[001] SOP Pengelolaan Pengaduan Masyarakat, prosedur 1–7, Output a–e",
    description=(
        "Aduan lewat SMS kata kunci TANAHBUMBU ke 1708 dan LAPOR!, disposisi 1 hari, "
        "tanggapan 1 hari, laporan harian layanan dan isu strategis, laporan tahunan; WITA."
    ),
    values={
        "installation.time_zone": "Asia/Makassar",
        "installation.sms_keyword": "TANAHBUMBU",  # prosedur 1
        "installation.sms_short_code": "1708",  # prosedur 1
        "installation.channel_sms": True,
        "installation.channel_lapor_import": True,  # prosedur 1–3: portal LAPOR.GO.ID
        "installation.channel_whatsapp": False,
        "installation.channel_webchat": True,  # "website"
        "installation.report_daily": True,  # output a, b
        "installation.report_annual": True,  # output d
        "installation.report_monthly": False,  # not in the SOP
        "sla.verify_working_days": 1,  # prosedur 3: 1 hari
        "sla.response_working_days": 1,  # prosedur 5: 1 hari
        "sla.reminder_interval_minutes": 240,  # [+]
    },
)
