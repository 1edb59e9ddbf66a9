"""Kabupaten Rembang, SOP Pengelolaan Pengaduan melalui SP4N-LAPOR! (500.12.11.2/009/2024).

Source: seeds/004, prosedur 2–7. SP4N-LAPOR! is the system of record: complaints are imported
from it (``channel_lapor_import``) and our statuses exported back. Mapping:
- Prosedur 2–3, input and verification: "3 hari" → ``verify_working_days = 3``. Tunda
  (pending), arsip and "bukan kewenangan" are our states returned_to_reporter, archived and
  out_of_authority.
- Prosedur 4, response classes: 5 working days (information / normative) and 14 working days
  (no supervision content, no field inspection). The first answer is due in the shorter
  class (``response_working_days = 5``); follow-up by class, and unclassified complaints get
  the 14-day class (``follow_up_normal_days = 14``).
- Prosedur 6: closed by the system after 10 working days without the reporter's answer.
- Prosedur 7: monthly publication of resolved complaints → the monthly recap (the public
  monthly list exists regardless). The semester report to the Bupati has no knob.
- Reminders: the SOP has none; daily (1440 minutes) fits day-long deadlines [+].
"""

from . import Preset

PRESET = Preset(
    name="rembang-lapor",
    title="Rembang — SP4N-LAPOR! sebagai sistem utama",
    source="[004] SOP 500.12.11.2/009/2024, prosedur 2–7",
    description=(
        "LAPOR! sebagai sistem utama, verifikasi 3 hari (tunda/arsip/bukan wewenang), kelas "
        "5/14 hari kerja, tutup otomatis 10 hari kerja, publikasi bulanan."
    ),
    values={
        "sla.verify_working_days": 3,  # prosedur 2–3
        "sla.response_working_days": 5,  # prosedur 4: kelas terpendek
        "sla.follow_up_information_days": 5,  # prosedur 4
        "sla.follow_up_no_inspection_days": 14,  # prosedur 4
        "sla.follow_up_normal_days": 14,  # prosedur 4: aduan tanpa klasifikasi khusus
        "sla.auto_close_working_days": 10,  # prosedur 6
        "sla.reminder_interval_minutes": 1440,  # [+] daily
        "installation.channel_lapor_import": True,
        "installation.channel_whatsapp": True,  # prosedur 1: WhatsApp Pemkab
        "installation.channel_webchat": True,  # prosedur 1: website Pemkab
        "installation.channel_sms": False,
        "installation.report_monthly": True,  # prosedur 7: 1 bulan sekali
    },
)
