"""Kabupaten Lumajang, SOP Layanan Pengaduan Online 2018 (427.53/2/01.09/2018).

Source: seeds/003, aktivitas 4–6. Mapping to the knobs we have:
- "1 x 24 jam" for the Validator's NIK check → verification deadline of 1 working day
  (``verify_working_days``; 24 h on a working day, Monday when filed on Friday).
- "7 hari" for the OPD's answer → ``response_working_days = 7`` (the SOP does not say
  calendar or working days; working days never expire over a weekend or holiday).
- "ditampilkan" only after validation: complaints are public only from dispatch on, which
  is always the case; identity checking itself is ``require_nik``.
- Reminders: the SOP has none; daily (1440 minutes) fits a 7-day answer [+].
"""

from . import Preset

PRESET = Preset(
    name="lumajang-2018",
    title="Lumajang 2018 — pengaduan online dengan validasi NIK",
    source="[003] SOP Layanan Pengaduan Online 2018, aktivitas 4, 5, 6",
    description=(
        "Validator memeriksa NIK dalam 1×24 jam, aduan tampil setelah divalidasi, "
        "ditangani OPD dalam 7 hari."
    ),
    values={
        "intake.require_nik": True,  # aktivitas 4: pengecekan nomor KTP
        "sla.verify_working_days": 1,  # aktivitas 4: 1 x 24 jam
        "sla.response_working_days": 7,  # aktivitas 6: 7 hari
        "sla.reminder_interval_minutes": 1440,  # [+] daily
        "installation.channel_whatsapp": False,  # an online form only
        "installation.channel_webchat": True,
        "installation.channel_sms": False,
        "installation.report_monthly": True,  # "Rekapitulasi data pengaduan"
    },
)
