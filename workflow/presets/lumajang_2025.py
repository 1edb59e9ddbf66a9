"""Kabupaten Lumajang, SOP Layanan Pengaduan Online Sambat Bunda 2025 (427.53/3/1.07/2025).

Source: seeds/000 (Buku Pedoman Sambat Bunda, Lampiran SOP 2025). The SlaPolicy defaults are
this SOP, so the preset mostly names them to make the citation explicit.
"""

import datetime as dt

from . import Preset

PRESET = Preset(
    name="lumajang-2025",
    title="Lumajang 2025 — Sambat Bunda (WhatsApp + AI)",
    source="[000] Lampiran SOP 2025, langkah 4, 6, 7, 9, 14",
    description=(
        "Verifikasi & disposisi 5 menit, tanggapan OPD 4 jam dengan pengingat tiap jam ke "
        "Admin OPD, Sekdin dan Kadis, tindak lanjut 3 hari kerja atau sesuai urgensi, "
        "rekap bulanan."
    ),
    values={
        "sla.verify_minutes": 5,  # langkah 4: 5 menit
        "sla.response_hours": 4,  # langkah 7: maksimal 4 jam
        "sla.reminder_interval_minutes": 60,  # langkah 7: dikirim ulang tiap 1 jam
        "sla.follow_up_normal_days": 3,  # langkah 9: maksimal 3 hari kerja
        "sla.follow_up_urgent_days": 1,  # langkah 9: "menyesuaikan tingkat urgensi"
        "sla.office_start": dt.time(7, 30),
        "sla.office_end": dt.time(16, 0),
        "installation.channel_whatsapp": True,  # langkah 1, BAB II
        "installation.channel_webchat": True,  # BAB II: ikon chat di situs
        "installation.channel_sms": False,  # not in the SOP
        "installation.report_monthly": True,  # langkah 14: rekap dibuat perbulan
    },
    notes=(
        "Langkah 6: disposisi dikabarkan ke Kadis, Sekdin dan Operator — pengingat ke Admin OPD, "
        "eskalasi ke Sekdin dan Kadis mulai pengingat ke-2 (bawaan).",
    ),
)
