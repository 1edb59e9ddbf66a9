"""Claude, when configured, and the offline fallback of every helper (SPEC §6).

With ``ANTHROPIC_API_KEY`` set, the helpers ask Claude for structured output (a Pydantic
model); without it, or when Claude errors or times out, each helper answers from rules that
work offline. Nothing here is called inside a database transaction: callers gather AI results
first and then change state.
"""

from __future__ import annotations

import logging
import re
from enum import StrEnum

import anthropic
from django.conf import settings
from pydantic import BaseModel, Field

from .text import words

logger = logging.getLogger(__name__)

# Tests (and only tests) put an httpx2 transport here so no request leaves the machine.
_transport = {"value": None}


def use_transport(transport) -> None:
    _transport["value"] = transport


def enabled() -> bool:
    return bool(settings.ANTHROPIC_API_KEY)


def client() -> anthropic.Anthropic:
    kwargs = {
        "api_key": settings.ANTHROPIC_API_KEY,
        "max_retries": 1,
        "timeout": settings.ANTHROPIC_TIMEOUT_SECONDS,
    }
    if settings.ANTHROPIC_BASE_URL:
        kwargs["base_url"] = settings.ANTHROPIC_BASE_URL
    if _transport["value"] is not None:
        kwargs["http_client"] = anthropic.DefaultHttpxClient(transport=_transport["value"])
    return anthropic.Anthropic(**kwargs)


def ask(model_name: str, system: str, prompt: str, output: type[BaseModel], max_tokens: int = 600):
    """One structured call; None when Claude is off, failing or answers out of shape."""
    if not enabled():
        return None
    try:
        message = client().messages.parse(
            model=model_name,
            max_tokens=max_tokens,
            system=system,
            messages=[{"role": "user", "content": prompt}],
            output_format=output,
        )
    except anthropic.AnthropicError as exc:
        logger.warning("Claude call failed, using the offline path: %s", exc.__class__.__name__)
        return None
    return message.parsed_output


# --- intent -----------------------------------------------------------------------------


class Intent(StrEnum):
    QUESTION = "question"
    COMPLAINT = "complaint"
    STATUS = "status"
    GREETING = "greeting"
    ABUSE = "abuse"
    OUT_OF_AUTHORITY = "out_of_authority"
    OTHER = "other"


# Strong insults only: words such as "anjing" or "babi" are also what people complain about.
ABUSIVE = frozenset(
    {
        "bangsat", "goblok", "goblog", "tolol", "kontol", "memek", "ngentot", "bajingan",
        "keparat", "jancok", "jancuk", "dancok", "diancuk", "taek", "brengsek", "kampret",
        "bangke", "pantek", "asu",
    }
)  # fmt: skip
GREETINGS = frozenset(
    {
        "halo", "hallo", "hai", "hi", "hello", "p", "ping", "tes", "test", "permisi", "pagi",
        "siang", "sore", "malam", "assalamualaikum", "admin", "selamat", "salam", "punten",
    }
)  # fmt: skip
QUESTION_STARTS = (
    "apa", "apakah", "bagaimana", "kapan", "dimana", "di mana", "berapa", "siapa", "mengapa",
    "kenapa", "syarat", "cara", "bisakah", "bisa tidak", "boleh", "tanya", "info", "mohon info",
)  # fmt: skip
COMPLAINT_WORDS = frozenset(
    {
        "rusak", "mohon", "tolong", "keluhan", "lapor", "aduan", "mati", "macet", "banjir",
        "sampah", "pungli", "pungutan", "sulit", "susah", "berlubang", "lubang", "longsor",
        "bocor", "langka", "mahal", "liar", "bau", "kotor", "telat", "lambat", "dipersulit",
    }
)  # fmt: skip
# Topics outside the regency's authority, and where to take them [000 BAB VI][004].
ELSEWHERE = (
    (
        ("bpjs", "jkn", "kis"),
        "BPJS Kesehatan (Care Center 165, aplikasi Mobile JKN) atau BPJS Ketenagakerjaan (175)",
    ),
    (
        ("pln", "listrik padam", "pemadaman listrik", "token listrik", "listrik mati"),
        "PLN (Call Center 123 atau aplikasi PLN Mobile)",
    ),
    (
        ("pencurian", "maling", "begal", "narkoba", "penipuan online", "kriminal", "perampokan"),
        "Polres setempat (telepon 110 atau datang ke kantor polisi terdekat)",
    ),
    (
        ("stnk", "samsat", "pajak kendaraan", "pajak motor", "pajak mobil", "sim"),
        "Samsat / Satlantas Polres setempat",
    ),
)
TRACKING_IN_TEXT = re.compile(r"\b([A-Za-z]{2,4})[\s-]?(\d{4})[\s-]?([A-Za-z0-9]{5})\b")


def where_else(text: str) -> str | None:
    """Where to go instead, when the topic is another institution's business."""
    padded = " " + " ".join(words(text)) + " "
    for phrases, where in ELSEWHERE:
        if any(f" {phrase} " in padded for phrase in phrases):
            return where
    return None


# Words that make a message a question wherever they stand ("ktp ilang, ngurusnya gmn?").
QUESTION_WORDS = frozenset(
    {
        "bagaimana", "berapa", "kapan", "dimana", "apakah", "siapa", "kenapa", "mengapa",
        "bisakah", "bolehkah", "syarat", "syaratnya", "prosedur", "prosedurnya",
    }
)  # fmt: skip


def looks_like_question(text: str) -> bool:
    """A question mark or an interrogative anywhere, in a message short enough to be one."""
    tokens = words(text)
    if not tokens or len(tokens) >= 40:
        return False
    return text.strip().endswith("?") or bool(set(tokens) & QUESTION_WORDS)


def offline_intent(text: str) -> Intent:
    tokens = words(text)
    if not tokens:
        return Intent.OTHER
    if set(tokens) & ABUSIVE:
        return Intent.ABUSE
    joined = " ".join(tokens)
    if tokens[0] in {"cek", "status", "lacak"} and TRACKING_IN_TEXT.search(text):
        return Intent.STATUS
    if where_else(text):
        return Intent.OUT_OF_AUTHORITY
    if len(tokens) <= 3 and tokens[0] in GREETINGS:
        return Intent.GREETING
    if (text.strip().endswith("?") or joined.startswith(QUESTION_STARTS)) and len(tokens) < 30:
        return Intent.QUESTION
    if len(tokens) >= 8 or set(tokens) & COMPLAINT_WORDS:
        return Intent.COMPLAINT
    return Intent.OTHER


def with_names(prompt: str) -> str:
    """A system prompt with the installation's regency and service names filled in."""
    from workflow.messages import brand_params

    names = brand_params()
    return prompt.format(
        kabupaten=names["kabupaten"] or "daerah ini",
        layanan=names["layanan"],
        pemerintah=names["pemerintah"],
    )


class _IntentOut(BaseModel):
    intent: Intent


INTENT_SYSTEM = (
    "Anda mengklasifikasikan pesan WhatsApp warga {kabupaten} untuk layanan pengaduan "
    "{layanan}. Pilih satu: question (bertanya informasi), complaint (menyampaikan keluhan "
    "atau laporan masalah), status (menanyakan status aduan dengan nomor), greeting (salam "
    "saja), abuse (kata kasar/menghina), out_of_authority (urusan instansi lain: BPJS, PLN, "
    "polisi, Samsat), other."
)


def intent(text: str) -> Intent:
    """What the message is; the offline rules decide abuse and status themselves."""
    offline = offline_intent(text)
    if offline in (Intent.ABUSE, Intent.STATUS, Intent.GREETING):
        return offline
    answer = ask(
        settings.ANTHROPIC_FAST_MODEL, with_names(INTENT_SYSTEM), text[:2000], _IntentOut, 50
    )
    return answer.intent if answer is not None else offline


# --- extraction from a long first message ---------------------------------------------------


class Extracted(BaseModel):
    name: str = Field("", description="Nama pelapor bila ia menyebutkan namanya, selain itu kosong")
    location: str = Field("", description="Lokasi kejadian (desa, kecamatan, jalan) bila disebut")
    complaint: str = Field("", description="Isi aduan, tanpa salam dan tanpa nama")


_NAME = re.compile(
    r"\b(?:nama\s+saya|saya\s+bernama|nama\s+sy|sy\s+bernama)\s+([A-Z][\w'.]*(?:\s+[A-Z][\w'.]*){0,3})",
    re.IGNORECASE,
)
_PLACE = re.compile(
    r"\b((?:desa|ds\.?|kelurahan|kel\.?|dusun|dsn\.?|kecamatan|kec\.?|jl\.?|jalan)\s+[A-Z][\w.'-]*"
    r"(?:\s+[A-Z0-9][\w.'-]*){0,3}(?:\s*,\s*(?:kecamatan|kec\.?)\s+[A-Z][\w'-]*)?)",
    re.IGNORECASE,
)


def offline_extract(text: str) -> Extracted:
    name = _NAME.search(text or "")
    place = _PLACE.search(text or "")
    return Extracted(
        name=name.group(1).strip() if name else "",
        location=place.group(1).strip(" ,.") if place else "",
        complaint=(text or "").strip(),
    )


EXTRACT_SYSTEM = (
    "Ambil dari pesan aduan warga: nama pelapor (hanya bila disebut), lokasi kejadian, dan isi "
    "aduan. Jangan menebak; kosongkan yang tidak disebut."
)


def extract(text: str) -> Extracted:
    answer = ask(settings.ANTHROPIC_FAST_MODEL, EXTRACT_SYSTEM, text[:4000], Extracted, 400)
    if answer is None:
        return offline_extract(text)
    return answer if answer.complaint.strip() else answer.model_copy(update={"complaint": text})


# --- urgency -------------------------------------------------------------------------------


URGENT = frozenset(
    {
        "darurat", "bahaya", "banjir", "longsor", "lahar", "erupsi", "kebakaran", "terbakar",
        "korban", "meninggal", "tewas", "pingsan", "kritis", "hanyut", "runtuh", "ambruk",
        "keracunan", "tenggelam", "terjebak",
    }
)  # fmt: skip
FIELD = frozenset(
    {
        "jalan", "jembatan", "lubang", "berlubang", "irigasi", "saluran", "drainase", "gorong",
        "tanggul", "plengsengan", "aspal", "lampu", "pju", "pohon",
    }
)  # fmt: skip


def offline_urgency(text: str) -> str:
    tokens = set(words(text))
    if tokens & URGENT:
        return "urgent"
    if offline_intent(text) == Intent.QUESTION:
        return "information"
    if tokens & FIELD:
        return "field_inspection"
    return "normal"


class _UrgencyOut(BaseModel):
    urgency: str = Field(
        description="urgent | normal | information | no_inspection | field_inspection"
    )


URGENCY_SYSTEM = (
    "Tentukan klasifikasi aduan warga: urgent (bahaya bagi nyawa/kesehatan, bencana), "
    "information (permintaan informasi atau normatif), no_inspection (bisa ditangani tanpa "
    "pemeriksaan lapangan), field_inspection (perlu pemeriksaan lapangan: jalan, jembatan, "
    "irigasi), normal (selain itu)."
)


def urgency(text: str) -> str:
    answer = ask(settings.ANTHROPIC_FAST_MODEL, URGENCY_SYSTEM, text[:4000], _UrgencyOut, 50)
    allowed = {"urgent", "normal", "information", "no_inspection", "field_inspection"}
    if answer is not None and answer.urgency in allowed:
        return answer.urgency
    return offline_urgency(text)


# --- personal data in the public copy -------------------------------------------------------


class _Span(BaseModel):
    text: str = Field(description="Potongan persis dari pesan yang berisi data pribadi")
    kind: str = Field(description="name | nik | phone | address | email | other")


class _Spans(BaseModel):
    spans: list[_Span]


PII_SYSTEM = (
    "Temukan data pribadi dalam aduan warga yang tidak boleh tampil di situs publik: nama "
    "orang (pelapor atau warga lain), NIK, nomor telepon, alamat rumah lengkap, email. Jangan "
    "tandai nama desa, kecamatan, jalan umum, instansi, atau jabatan pejabat."
)


def redact_public(text: str) -> str:
    """The public copy: rule-based redaction, plus the names and addresses Claude finds."""
    from pengaduan.redaction import redact

    public = redact(text)
    answer = ask(settings.ANTHROPIC_FAST_MODEL, PII_SYSTEM, text[:6000], _Spans, 600)
    if answer is None:
        return public
    for span in answer.spans:
        piece = span.text.strip()
        if len(piece) >= 3 and piece in public:
            public = public.replace(piece, "[data pribadi disamarkan]")
    return public
