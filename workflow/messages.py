"""The default texts of every message Sambat Bunda sends (editable in the admin afterwards).

Every template may also use the installation's names: ``{{ layanan }}`` (service name),
``{{ kabupaten }}`` (regency name) and ``{{ pemerintah }}`` (“Pemerintah Kabupaten …”).

Each entry: key → (when it is sent, body as a plain-text Django template, the name of the
approved WhatsApp template used outside the 24-hour window, and that template's parameters in
order). The data migration copies these into ``MessageTemplate`` rows; rendering falls back to
them when a row is missing, so a deleted template never stops a notification.
"""

from __future__ import annotations

import re
import threading
from contextlib import contextmanager

from django.template import Context

DEFAULTS: dict[str, tuple[str, str, str, str]] = {
    "reporter.ticket_issued": (
        "Pelapor: aduan diterima, Nomor Aduan terbit [SOP 2025 langkah 5]",
        "Terima kasih, {{ nama }}. Aduan Anda sudah diterima layanan *{{ layanan }}* "
        "{{ pemerintah }} dengan Nomor Aduan *{{ nomor }}*.\n"
        "Simpan nomor ini untuk memantau perkembangan aduan: {{ tautan }}\n"
        "Admin akan memverifikasi aduan Anda pada jam kerja.",
        "sb_aduan_diterima",
        "nama,nomor,tautan",
    ),
    "reporter.returned": (
        "Pelapor: aduan dikembalikan untuk dilengkapi",
        "Aduan *{{ nomor }}* perlu dilengkapi: {{ alasan }}\n"
        "Silakan balas pesan ini dengan kelengkapannya. Bila tidak dilengkapi dalam "
        "{{ batas_hari }} hari kerja, aduan akan diarsipkan.",
        "sb_aduan_perlu_dilengkapi",
        "nomor,alasan,batas_hari",
    ),
    "reporter.dispatched": (
        "Pelapor: aduan diverifikasi dan diteruskan ke OPD",
        "Aduan *{{ nomor }}* sudah diverifikasi dan diteruskan kepada *{{ opd }}* untuk "
        "ditindaklanjuti. Pantau perkembangannya di {{ tautan }}",
        "sb_aduan_didisposisi",
        "nomor,opd,tautan",
    ),
    "reporter.response": (
        "Pelapor: tanggapan OPD [SOP 2025 langkah 8]",
        "Tanggapan *{{ opd }}* atas aduan *{{ nomor }}*:\n{{ isi }}\n\nPantau di {{ tautan }}",
        "sb_aduan_ditanggapi",
        "opd,nomor,isi,tautan",
    ),
    "reporter.follow_up": (
        "Pelapor: setiap tindak lanjut [SOP 2025 langkah 10]",
        "Perkembangan aduan *{{ nomor }}* dari *{{ opd }}*:\n{{ isi }}\n\nPantau di {{ tautan }}",
        "sb_aduan_tindak_lanjut",
        "nomor,opd,isi,tautan",
    ),
    "reporter.resolved": (
        "Pelapor: aduan selesai ditindaklanjuti, dengan bukti [SOP 2025 langkah 10-11]",
        "Aduan *{{ nomor }}* telah selesai ditindaklanjuti oleh *{{ opd }}*:\n{{ isi }}\n"
        "Bukti dukung dapat dilihat di {{ tautan }}\n"
        "Bila masalah belum selesai, balas *BELUM SELESAI* dalam {{ batas_hari }} hari kerja.",
        "sb_aduan_selesai",
        "nomor,opd,isi,tautan,batas_hari",
    ),
    "reporter.closed": (
        "Pelapor: aduan ditutup, dengan rekap [SOP 2025 langkah 12-13]",
        "Aduan *{{ nomor }}* telah ditutup.\n"
        "Rekap: diterima {{ diterima }}; diteruskan ke {{ opd }}; ditanggapi {{ ditanggapi }}; "
        "selesai {{ selesai }}.\nHasil: {{ hasil }}\n"
        "Terima kasih telah menggunakan {{ layanan }}.",
        "sb_aduan_ditutup",
        "nomor,diterima,opd,ditanggapi,selesai,hasil",
    ),
    "reporter.survey": (
        "Pelapor: survei kepuasan (SKM) setelah aduan ditutup [SPEC §9]",
        "Bagaimana penilaian Anda atas penanganan aduan *{{ nomor }}*? Balas dengan angka 1 "
        "sampai 5 (1 = sangat tidak puas, 5 = sangat puas). Bila masalah ternyata belum "
        "selesai, balas *BELUM SELESAI*.",
        "sb_survei_kepuasan",
        "nomor",
    ),
    "reporter.archived": (
        "Pelapor: aduan diarsipkan (tidak dilengkapi, tidak valid, tidak relevan)",
        "Aduan *{{ nomor }}* kami arsipkan: {{ alasan }}\n"
        "Anda dapat mengirim aduan baru kapan saja.",
        "sb_aduan_diarsipkan",
        "nomor,alasan",
    ),
    "reporter.out_of_authority": (
        "Pelapor: bukan kewenangan daerah, ke mana harus mengadu [SOP Rembang]",
        "Aduan *{{ nomor }}* bukan kewenangan {{ pemerintah }} dan kami teruskan "
        "kepada *{{ instansi }}*.\n{{ penjelasan }}",
        "sb_aduan_bukan_kewenangan",
        "nomor,instansi,penjelasan",
    ),
    "reporter.merged": (
        "Pelapor: aduan digabung dengan aduan yang sama",
        "Aduan *{{ nomor }}* sama dengan aduan *{{ nomor_utama }}* yang sedang ditangani. "
        "Pantau perkembangannya dengan nomor *{{ nomor_utama }}*: {{ tautan }}",
        "sb_aduan_digabung",
        "nomor,nomor_utama,tautan",
    ),
    "reporter.reopened": (
        "Pelapor: aduan dibuka kembali",
        "Aduan *{{ nomor }}* dibuka kembali dan diteruskan lagi kepada *{{ opd }}* untuk "
        "ditindaklanjuti.",
        "sb_aduan_dibuka_kembali",
        "nomor,opd",
    ),
    "reporter.chat_reply": (
        "Pelapor: balasan percakapan WhatsApp (selalu dalam jendela 24 jam)",
        "{{ isi }}",
        "",
        "isi",
    ),
    "reporter.sms_usage": (
        "Pelapor SMS: petunjuk format bila SMS tidak diawali kata kunci [SOP Tanah Bumbu]",
        "Format aduan SMS {{ layanan }}: {{ kata_kunci }} <isi aduan>\n"
        "Contoh: {{ kata_kunci }} Lampu jalan depan balai desa mati sejak 3 hari.\n"
        "Info: {{ tautan }}",
        "",
        "kata_kunci,tautan",
    ),
    "agency.reporter_message": (
        "Admin OPD: pelapor menambahkan keterangan pada aduan yang sedang ditangani",
        "[{{ layanan }}] Pelapor menambahkan keterangan pada aduan *{{ nomor }}*:\n{{ isi }}\n"
        "Buka: {{ tautan_admin }}",
        "sb_opd_keterangan_pelapor",
        "nomor,isi,tautan_admin",
    ),
    "agency.new_disposition": (
        "Admin OPD, Sekretaris, Kepala OPD: disposisi baru [SOP 2025 langkah 6]",
        "[{{ layanan }}] Disposisi baru untuk *{{ opd }}*: aduan *{{ nomor }}* "
        "({{ klasifikasi }}).\n{{ ringkasan }}\n"
        "Mohon ditanggapi paling lambat {{ batas }}.\nBuka: {{ tautan_admin }}",
        "sb_opd_disposisi_baru",
        "opd,nomor,klasifikasi,ringkasan,batas,tautan_admin",
    ),
    "agency.reminder": (
        "Admin OPD: pengingat tiap jam selama belum ditanggapi [SOP 2025 langkah 7]",
        "[{{ layanan }}] Pengingat ke-{{ ke }}: aduan *{{ nomor }}* untuk *{{ opd }}* belum "
        "ditanggapi sejak {{ sejak }}. Batas tanggapan {{ batas }}.\nBuka: {{ tautan_admin }}",
        "sb_opd_pengingat",
        "ke,nomor,opd,sejak,batas,tautan_admin",
    ),
    "agency.escalation": (
        "Sekretaris dan Kepala OPD: eskalasi setelah pengingat berulang",
        "[{{ layanan }}] Eskalasi: aduan *{{ nomor }}* di *{{ opd }}* belum ditanggapi sejak "
        "{{ sejak }} (pengingat ke-{{ ke }}). Batas tanggapan {{ batas }}.\n"
        "Buka: {{ tautan_admin }}",
        "sb_opd_eskalasi",
        "nomor,opd,sejak,ke,batas,tautan_admin",
    ),
    "agency.follow_up_overdue": (
        "Admin OPD (lalu Sekretaris, Kepala OPD): tindak lanjut melewati batas",
        "[{{ layanan }}] Tindak lanjut aduan *{{ nomor }}* oleh *{{ opd }}* melewati batas "
        "{{ batas }} (pengingat ke-{{ ke }}). Mohon segera dilaporkan dengan bukti dukung.\n"
        "Buka: {{ tautan_admin }}",
        "sb_opd_tindak_lanjut_terlambat",
        "nomor,opd,batas,ke,tautan_admin",
    ),
    "agency.approval_needed": (
        "Sekretaris dan Kepala OPD: tanggapan menunggu persetujuan [SOP Cilacap]",
        "[{{ layanan }}] Tanggapan aduan *{{ nomor }}* dari Admin OPD menunggu persetujuan Anda.\n"
        "Buka: {{ tautan_admin }}",
        "sb_opd_perlu_persetujuan",
        "nomor,tautan_admin",
    ),
    "agency.reopened": (
        "Admin OPD: aduan dibuka kembali",
        "[{{ layanan }}] Aduan *{{ nomor }}* dibuka kembali: {{ alasan }}\n"
        "Mohon ditindaklanjuti: {{ tautan_admin }}",
        "sb_opd_dibuka_kembali",
        "nomor,alasan,tautan_admin",
    ),
    "admin.new_complaint": (
        "Admin Pengaduan: aduan baru masuk",
        "[{{ layanan }}] Aduan baru *{{ nomor }}* lewat {{ kanal }}: {{ ringkasan }}\n"
        "Verifikasi: {{ tautan_admin }}",
        "sb_admin_aduan_baru",
        "nomor,kanal,ringkasan,tautan_admin",
    ),
    "admin.returned_by_agency": (
        "Admin Pengaduan: OPD mengembalikan aduan",
        "[{{ layanan }}] *{{ opd }}* mengembalikan aduan *{{ nomor }}*: {{ alasan }}\n"
        "Mohon disposisi ulang: {{ tautan_admin }}",
        "sb_admin_dikembalikan_opd",
        "opd,nomor,alasan,tautan_admin",
    ),
    "admin.breach_digest": (
        "Admin Pengaduan: ringkasan harian aduan yang melewati batas waktu",
        "[{{ layanan }}] Ringkasan {{ tanggal }}: {{ jumlah }} aduan melewati batas waktu.\n"
        "{{ rincian }}\nDaftar: {{ tautan_admin }}",
        "sb_admin_ringkasan_terlambat",
        "tanggal,jumlah,rincian,tautan_admin",
    ),
    "admin.recap_ready": (
        "Admin Pengaduan: rekap bulanan sudah dibuat [SOP 2025 langkah 14]",
        "[{{ layanan }}] Rekap {{ bulan }} sudah tersedia: {{ diterima }} aduan diterima, "
        "{{ tepat_waktu }} ditanggapi tepat waktu.\nUnduh XLSX/PDF: {{ tautan_admin }}",
        "sb_admin_rekap_bulanan",
        "bulan,diterima,tepat_waktu,tautan_admin",
    ),
}


_cache = threading.local()


@contextmanager
def cached_templates():
    """Within this block each template is read and compiled once (a sweep sends thousands)."""
    previous = getattr(_cache, "templates", None)
    _cache.templates = {}
    try:
        yield
    finally:
        _cache.templates = previous


def _compiled(key: str):
    from .models import TEXT_ENGINE, MessageTemplate

    store = getattr(_cache, "templates", None)
    if store is not None and key in store:
        return store[key]
    row = MessageTemplate.objects.filter(key=key).first()
    body = row.body if row is not None else DEFAULTS[key][1]
    compiled = (TEXT_ENGINE.from_string(body), row)
    if store is not None:
        store[key] = compiled
    return compiled


def installation():
    """The installation settings, read once per ``cached_templates`` block (a sweep)."""
    from .models import InstallationSettings

    store = getattr(_cache, "templates", None)
    if store is not None and "__installation__" in store:
        return store["__installation__"]
    found = InstallationSettings.load()
    if store is not None:
        store["__installation__"] = found
    return found


def brand_params() -> dict:
    """The names every message may use, from the installation settings."""
    found = installation()
    return {
        "layanan": found.service_name,
        "kabupaten": found.regency_name,
        "pemerintah": found.government,
    }


def render(key: str, params: dict) -> tuple[str, object]:
    """The message text for ``key`` with ``params``, and the template row used (or None)."""
    template, row = _compiled(key)
    context = {**brand_params(), **params}
    return template.render(Context(context, autoescape=False)).strip(), row


def whatsapp_template_for(key: str) -> tuple[str, list[str]]:
    """The approved template name and parameter order for ``key`` ('' when none)."""
    from .models import MessageTemplate

    row = MessageTemplate.objects.filter(key=key).first()
    if row is not None:
        return row.whatsapp_template, row.param_names
    _description, _body, name, params = DEFAULTS[key]
    return name, [p for p in params.split(",") if p]


# --- SMS ------------------------------------------------------------------------------

# GSM 03.38: what a 7-bit SMS can carry (a segment of a long SMS holds 153 of them; the
# extension characters count twice). One other character turns the whole SMS into UCS-2,
# where a segment holds only 67, so typography the templates or staff may type is flattened.
GSM7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡"
    "ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà"
)
GSM7_EXTENDED = frozenset("^{}\\[~]|€")
GSM7_SEGMENT = 153
UCS2_SEGMENT = 67
_TYPOGRAPHY = str.maketrans(
    {"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...", "\u00a0": " "}
)
_BOLD = re.compile(r"\*([^*\n]+)\*")
ELLIPSIS = "..."


def _is_gsm7(text: str) -> bool:
    return all(char in GSM7_BASIC or char in GSM7_EXTENDED for char in text)


def _units(text: str, gsm7: bool) -> int:
    if gsm7:
        return len(text) + sum(char in GSM7_EXTENDED for char in text)
    return len(text.encode("utf-16-le")) // 2


def _prefix(text: str, room: int, gsm7: bool) -> str:
    """The longest start of ``text`` within ``room`` units, cut at a word where one is near."""
    used = 0
    for index, char in enumerate(text):
        used += _units(char, gsm7)
        if used > room:
            head = text[:index]
            break
    else:
        return text
    word_end = max(head.rfind(" "), head.rfind("\n"))
    if word_end > len(head) // 2:
        head = head[:word_end]
    return head.rstrip(" \n,.;:-")


def sms_text(text: str, limit: int, link: str = "") -> str:
    """A notification's text as it should go out by SMS.

    SMS is paid per segment, so the text is cut to ``limit`` 7-bit characters (306 = two
    segments; proportionally fewer when it needs UCS-2). WhatsApp's ``*bold*`` marks would show
    as stars and are dropped. When the cut would lose the tracking ``link`` — the one place
    where the reporter can read the rest — the link is kept at the end instead.
    """
    text = _BOLD.sub(r"\1", text).translate(_TYPOGRAPHY).strip()
    gsm7 = _is_gsm7(text)
    budget = limit if gsm7 else limit * UCS2_SEGMENT // GSM7_SEGMENT
    if _units(text, gsm7) <= budget:
        return text
    tail = ELLIPSIS
    head = _prefix(text, budget - _units(tail, gsm7), gsm7)
    if link and link in text and link not in head:
        tail = f"{ELLIPSIS} {link}"
        room = budget - _units(tail, gsm7)
        if room <= 0:
            return _prefix(text, budget - len(ELLIPSIS), gsm7) + ELLIPSIS
        head = _prefix(text, room, gsm7)
        start = text.find(link)
        if start < len(head):  # never leave half a link before the whole one
            head = head[:start].rstrip(" \n,.;:-")
    return head + tail
