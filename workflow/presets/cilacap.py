"""Kabupaten Cilacap, SOP Pengelolaan Pengaduan Masyarakat LAPOR dan SambatMasBup
(061/096/33, 30 Juni 2025).

Source: seeds/002, table rows 2–7 and "Peringatan". Mapping:
- Row 2, completeness check + disposition by Admin Utama: 15 minutes → ``verify_minutes``.
- Rows 3–7 (Admin OPD accepts or returns 15', Pejabat Penghubung → Kepala OPD 15' + 60',
  back to Admin OPD 15', input 15') = 120 minutes → ``response_hours = 2``; the total is the
  SOP's 2 h 15 min.
- Kepala OPD approves every answer (rows 4–6) → ``response_approval_required``.
- Reminders every 15 minutes, the SOP's step length [+]; escalation from the 2nd (default).
"""

from . import Preset

PRESET = Preset(
    name="cilacap",
    title="Cilacap — LAPOR! dan SambatMasBup (2 jam 15 menit)",
    source="[002] SOP 061/096/33, baris 2–7, Peringatan 1, Pencatatan",
    description=(
        "Cek kelengkapan 15 menit, Admin OPD menerima atau mengembalikan, Pejabat Penghubung "
        "→ persetujuan Kepala OPD dalam 60 menit, total 2 jam 15 menit, rekap bulanan."
    ),
    values={
        "sla.verify_minutes": 15,  # baris 2
        "sla.response_hours": 2,  # baris 3–7: 15+15+60+15+15 menit
        "sla.reminder_interval_minutes": 15,  # [+] the SOP's step length
        "installation.response_approval_required": True,  # baris 4–6
        "installation.channel_whatsapp": True,  # baris 1: WhatsApp 085290082800
        "installation.channel_webchat": True,  # aplikasi laporbup.cilacapkab.go.id
        "installation.channel_sms": False,
        "installation.channel_lapor_import": True,  # aplikasi LAPOR
        "installation.report_monthly": True,  # "data aduan direkap setiap bulan"
    },
)
