"""The conversation engine: one chat from the first message to the Nomor Aduan (SPEC §2.1).

Channel-agnostic: the WhatsApp webhook and the web chat turn what arrives into an
:class:`Incoming`, call :func:`handle` inside a transaction that holds the contact's
:class:`~pengaduan.models.Conversation` row, and deliver the :class:`Reply` list their own way
(WhatsApp through the notification outbox, the web chat in its JSON answer). The state lives in
the database, so a restart loses nothing; it expires after the configured hours of silence.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db.models import Exists, OuterRef
from django.utils import timezone

from faq import ai
from faq.ai import ABUSIVE, TRACKING_IN_TEXT, Intent
from faq.answerer import Answer, get_answerer
from sambat_site.links import absolute_url
from workflow import notify, policy, services
from workflow.models import Notification
from workflow.notify import SURVEY_REPLY_PREFIX
from workflow.states import Status

from .attachments import CleanFile
from .models import (
    Complaint,
    ComplaintUpdate,
    Conversation,
    InboundMessage,
    IntakeSettings,
    Reporter,
    SatisfactionResponse,
    normalize_tracking_number,
)
from .validators import normalize_nik, normalize_phone

WEB = Conversation.Channel.WEB
WHATSAPP = Conversation.Channel.WHATSAPP


@dataclass
class Incoming:
    channel: str
    contact: str
    kind: str = InboundMessage.Kind.TEXT
    text: str = ""
    reply_id: str = ""
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    context_message_id: str = ""
    profile_name: str = ""
    message: InboundMessage | None = None
    media_error: str = ""
    analysis: Analysis | None = None


@dataclass
class Analysis:
    """What the AI (or the offline rules) made of a message, computed before the transaction."""

    intent: Intent
    answer: Answer | None = None
    extracted: ai.Extracted | None = None


def prepare(incoming: Incoming) -> Analysis | None:
    """Run the slow, possibly networked analysis outside any transaction.

    Only a contact at rest needs it (inside the form the engine just validates answers); the
    step is read without a lock, and the engine falls back to offline rules if it changed.
    """
    text = incoming.text.strip()
    if incoming.kind != InboundMessage.Kind.TEXT or not text or incoming.reply_id:
        return None
    step = (
        Conversation.objects.filter(channel=incoming.channel, contact=incoming.contact)
        .values_list("step", flat=True)
        .first()
    )
    if step not in (None, "idle"):
        if step in FORM_STEPS and ai.looks_like_question(text):
            # A question in the middle of the form: answered, then the form resumes.
            return Analysis(intent=Intent.QUESTION, answer=get_answerer().answer(text))
        return None
    intent = ai.intent(text)
    analysis = Analysis(intent=intent)
    if wants_answer(intent, text):
        analysis.answer = get_answerer().answer(text)
    elif intent == Intent.COMPLAINT and len(text.split()) >= 8:
        analysis.extracted = ai.extract(text)
    return analysis


def wants_answer(intent: Intent, text: str) -> bool:
    """Whether the knowledge base is asked: questions, short topics ("KTP hilang"), and
    complaints that ask something; greetings, status and abuse never."""
    if intent in (Intent.QUESTION, Intent.OTHER):
        return True
    return intent == Intent.COMPLAINT and ai.looks_like_question(text)


# Steps of the form where a typed question is answered before the form goes on.
FORM_STEPS = frozenset(
    {
        "ask_name", "ask_location", "ask_text", "ask_media", "ask_visibility", "ask_nik",
        "ask_phone", "confirm",
    }
)  # fmt: skip
USE_AS_TEXT = "use:text"


@dataclass
class Reply:
    text: str
    buttons: list[tuple[str, str]] = field(default_factory=list)
    complaint: Complaint | None = None


# --- words -------------------------------------------------------------------------------

_NON_WORD = re.compile(r"[^\w\s#-]+", re.UNICODE)


def normalize(text: str) -> str:
    return " ".join(_NON_WORD.sub(" ", (text or "").lower()).split())


COMMANDS = {
    "batal": {"batal", "batalkan", "cancel", "stop", "berhenti"},
    "menu": {"menu", "bantuan", "help", "mulai", "start", "info"},
    "cek": {"cek", "status", "lacak", "track", "periksa"},
    "baru": {"aduan baru", "lapor", "ajukan aduan", "buat aduan", "aduan", "mengadu", "sambat"},
    "kirim": {"kirim", "ya", "iya", "benar", "oke", "ok", "setuju"},
    "ulang": {"ulang", "ubah", "ganti", "edit"},
    "lewati": {"lewati", "lanjut", "skip", "tidak", "tidak ada", "gak", "nggak", "tdk"},
}
_VOCABULARY = {word: name for name, words in COMMANDS.items() for word in words}


def command_of(norm: str) -> str | None:
    """The command a short message means, tolerating small typos (``bantun``, ``batl``)."""
    if not norm or len(norm.split()) > 3:
        return None
    if norm in _VOCABULARY:
        return _VOCABULARY[norm]
    if len(norm) >= 4:
        close = difflib.get_close_matches(norm, list(_VOCABULARY), n=1, cutoff=0.8)
        if close:
            return _VOCABULARY[close[0]]
    return None


def status_command(norm: str, raw: str) -> str | None:
    """``cek SB-2511-7K3QX`` / ``status sb 2511 7k3qx`` → the number typed (maybe empty)."""
    words = norm.split()
    if not words:
        return None
    first = words[0]
    if first not in COMMANDS["cek"] and not (
        len(first) >= 3 and difflib.get_close_matches(first, COMMANDS["cek"], n=1, cutoff=0.75)
    ):
        return None
    if len(words) > 5:
        return None
    match = TRACKING_IN_TEXT.search(raw)
    return match.group(0) if match else ""


REOPEN_WORDS = ("belum selesai", "tidak selesai", "blm selesai", "belum beres", "masih sama")
CONFIRM_WORDS = ("sudah selesai", "sdh selesai", "sudah beres", "terima kasih sudah")

# The satisfaction survey (SKM) [SPEC §9]: a typed answer counts for this long after closing.
SURVEY_WINDOW = dt.timedelta(days=7)
SURVEY_TEMPLATE = "reporter.survey"
SURVEY_BUTTON = re.compile(rf"^{SURVEY_REPLY_PREFIX}:(\d{{1,18}}):([1-5])$")
_STARS = "⭐★🌟"
_RATING_LABELS = r"sangat tidak puas|tidak puas|cukup puas|sangat puas|puas|cukup"
_RATING = re.compile(
    r"^(?:(?:saya\s+)?(?:beri\s+|kasih\s+)?(?:nilai(?:nya)?|skor|rating|bintang)\s*[:=]?\s*)?"
    r"([1-5])"
    r"(?:\s*(?:bintang|/\s*5|dari\s*5))?"
    rf"(?:\s*[-—:]?\s*(?:{_RATING_LABELS}))?"
    r"[\s.!]*$"
)


def rating_in(text: str) -> int | None:
    """The 1–5 rating a message consists of ("4", "4 bintang", "nilai 3", "⭐⭐⭐⭐"), or None.

    Only a message that is nothing but a rating counts: "5 hari lalu jalan ambles" is not one.
    """
    raw = " ".join((text or "").replace("\ufe0f", "").lower().split())
    if not raw or len(raw) > 40:
        return None
    if all(char in _STARS or char == " " for char in raw):
        stars = sum(char in _STARS for char in raw)
        return stars if 1 <= stars <= 5 else None
    match = _RATING.match(raw)
    return int(match.group(1)) if match else None


# --- texts -------------------------------------------------------------------------------


def _installation():
    from workflow.models import InstallationSettings

    return InstallationSettings.load()


def menu_text() -> str:
    """The greeting and menu, with the installation's service and government names."""
    found = _installation()
    return (
        f"Selamat datang di *{found.service_name}*, layanan pengaduan {found.government}.\n"
        + MENU_OPTIONS
    )


MENU_OPTIONS = (
    "Anda dapat:\n"
    "1. *Menyampaikan aduan* — ketik ADUAN\n"
    "2. *Mengecek status aduan* — ketik CEK <nomor aduan>\n"
    "3. *Bertanya* — tulis pertanyaan Anda\n"
    "Ketik BATAL kapan saja untuk membatalkan, MENU untuk melihat pilihan ini lagi."
)
MENU_BUTTONS = [
    ("menu:aduan", "Ajukan aduan"),
    ("menu:cek", "Cek status"),
    ("menu:tanya", "Bertanya"),
]
MENU_BUTTON_COMMANDS = {"menu:aduan": "baru", "menu:cek": "cek", "menu:tanya": "tanya"}


def visibility_text() -> str:
    return (
        "Pilih sifat aduan:\n"
        f"*Publik* — aduan dan nama Anda tampil di situs {_installation().service_name}.\n"
        "*Anonim* — aduan tampil tanpa nama Anda.\n"
        "*Rahasia* — aduan tidak tampil di situs; hanya petugas yang membacanya."
    )


VISIBILITY_BUTTONS = [
    ("vis:public", "Publik"),
    ("vis:anonymous", "Anonim"),
    ("vis:confidential", "Rahasia"),
]
VISIBILITY_WORDS = {
    "publik": Complaint.Visibility.PUBLIC,
    "umum": Complaint.Visibility.PUBLIC,
    "1": Complaint.Visibility.PUBLIC,
    "anonim": Complaint.Visibility.ANONYMOUS,
    "anonym": Complaint.Visibility.ANONYMOUS,
    "2": Complaint.Visibility.ANONYMOUS,
    "rahasia": Complaint.Visibility.CONFIDENTIAL,
    "3": Complaint.Visibility.CONFIDENTIAL,
}
CONFIRM_BUTTONS = [
    ("confirm:send", "Kirim"),
    ("confirm:restart", "Isi ulang"),
    ("confirm:cancel", "Batal"),
]


def answer_text(answer: Answer) -> str:
    sources = "".join(f"\n{source.url}" for source in answer.sources[:3])
    return f"{answer.text}{sources}"


def tracking_url(number: str) -> str:
    return absolute_url(f"/aduan/{number}/")


# --- the engine ---------------------------------------------------------------------------


class Engine:
    def __init__(self, conversation: Conversation, now: dt.datetime | None = None):
        self.conversation = conversation
        self.now = now or timezone.now()
        self.settings = IntakeSettings.load()

    # entry point ---------------------------------------------------------------------

    def handle(self, incoming: Incoming) -> list[Reply]:
        conv = self.conversation
        timeout = dt.timedelta(hours=self.settings.conversation_timeout_hours)
        expired = conv.last_inbound_at is not None and self.now - conv.last_inbound_at > timeout
        if expired and conv.step != "idle":
            self.reset()
        conv.last_inbound_at = self.now
        if incoming.profile_name:
            conv.profile_name = incoming.profile_name[:150]

        throttled = self.throttle(incoming)
        if throttled is not None:
            return throttled

        norm = normalize(incoming.text)
        if incoming.kind == InboundMessage.Kind.UNSUPPORTED:
            return [
                Reply(
                    "Maaf, jenis pesan ini belum didukung. Silakan kirim teks, foto, "
                    "dokumen PDF, atau lokasi."
                )
            ]
        if incoming.media_error:
            return [Reply(f"Maaf, lampiran tidak dapat diterima: {incoming.media_error}")]
        if set(norm.split()) & ABUSIVE:
            return [
                Reply(
                    "Mohon sampaikan pesan Anda dengan bahasa yang sopan agar dapat kami "
                    "tindak lanjuti. Terima kasih."
                )
            ]

        button = incoming.reply_id
        command = None if button else command_of(norm)
        if button.startswith("menu:"):
            command = MENU_BUTTON_COMMANDS.get(button, "menu")
        if conv.step == "survey_comment":
            commented = self.survey_comment(incoming, norm, command)
            if commented is not None:
                return commented
        if button.startswith(f"{SURVEY_REPLY_PREFIX}:"):
            return self.rate_by_button(incoming, button)
        if command == "batal" or button == "confirm:cancel":
            had_form = conv.step != "idle"
            self.reset()
            prefix = "Formulir aduan dibatalkan.\n\n" if had_form else ""
            return [Reply(prefix + menu_text(), MENU_BUTTONS)]
        if command == "menu":
            return [self.menu_reply()]
        number = status_command(norm, incoming.text)
        if number is not None or command == "cek":
            if number:
                return [self.status_reply(number)]
            conv.data = {**conv.data, "return_step": conv.step}
            conv.step = "ask_tracking"
            return [Reply("Ketik nomor aduan yang ingin dicek, mis. SB-2511-7K3QX.")]
        if command == "tanya":
            return [Reply("Silakan tulis pertanyaan Anda.")]
        if command == "baru" and conv.step in ("idle", "ask_tracking"):
            return self.start_form()

        if conv.step != "idle":
            return self.form_step(incoming, norm)
        return self.idle(incoming, norm)

    def throttle(self, incoming: Incoming) -> list[Reply] | None:
        conv = self.conversation
        if conv.throttled_until and self.now < conv.throttled_until:
            return []
        recent = InboundMessage.objects.filter(
            channel=incoming.channel,
            contact=incoming.contact,
            received_at__gte=self.now - dt.timedelta(minutes=1),
        ).count()
        if recent > self.settings.messages_per_minute:
            conv.throttled_until = self.now + dt.timedelta(minutes=1)
            return [
                Reply(
                    "Pesan Anda terlalu banyak dalam waktu singkat. Mohon tunggu satu menit "
                    "lalu kirim kembali."
                )
            ]
        return None

    def reset(self) -> None:
        self.conversation.step = "idle"
        self.conversation.data = {}

    def menu_reply(self) -> Reply:
        tail = "\n\n(Formulir aduan Anda masih tersimpan; ketik BATAL untuk membatalkannya.)"
        in_form = self.conversation.step != "idle"
        return Reply(menu_text() + (tail if in_form else ""), MENU_BUTTONS)

    # idle: questions, follow-ups of open complaints, new complaints ------------------------

    def idle(self, incoming: Incoming, norm: str) -> list[Reply]:
        surveyed = self.survey_answer(incoming, norm)
        if surveyed is not None:
            return surveyed
        followed = self.follow_up_of_open_complaint(incoming, norm)
        if followed is not None:
            return followed
        is_media = incoming.kind in (InboundMessage.Kind.IMAGE, InboundMessage.Kind.DOCUMENT)
        if incoming.kind == InboundMessage.Kind.LOCATION or is_media:
            replies = self.start_form(announce=False)
            return [*self.absorb_extra(incoming), *replies]
        if not norm:
            return [Reply(menu_text(), MENU_BUTTONS)]
        text = incoming.text.strip()
        analysis = incoming.analysis or Analysis(intent=ai.offline_intent(text))
        intent = analysis.intent
        if intent == Intent.OUT_OF_AUTHORITY:
            where = ai.where_else(text)
            if where:
                return [self.elsewhere(where)]
            intent = Intent.COMPLAINT
        if intent == Intent.GREETING:
            return [Reply(menu_text(), MENU_BUTTONS)]
        if wants_answer(intent, text):
            # Without a prepared answer, only the offline path: no network inside a transaction.
            answer = analysis.answer or get_answerer().answer(text, allow_network=False)
            if answer.confident:
                return [
                    Reply(
                        f"{answer_text(answer)}\n\nBila belum menjawab, ketik ADUAN untuk "
                        "menyampaikan aduan.",
                        [("menu:aduan", "Ajukan aduan"), ("menu:menu", "Menu")],
                    )
                ]
        if intent == Intent.QUESTION:
            return [
                Reply(
                    "Maaf, belum ada jawaban untuk pertanyaan itu di basis pengetahuan kami. "
                    "Bila ingin menyampaikannya sebagai aduan agar ditangani petugas, ketik ADUAN.",
                    [("menu:aduan", "Ajukan aduan"), ("menu:menu", "Menu")],
                )
            ]
        if intent == Intent.COMPLAINT:
            extracted = analysis.extracted
            if extracted is None and len(text.split()) >= 8:
                extracted = ai.offline_extract(text)
            if extracted is None:
                return self.start_form(prefill=text if len(text.split()) >= 4 else "")
            return self.start_form(
                prefill=extracted.complaint.strip() or text,
                name=extracted.name,
                location=extracted.location,
            )
        return [Reply(menu_text(), MENU_BUTTONS)]

    @staticmethod
    def elsewhere(where: str) -> Reply:
        return Reply(
            f"Hal ini bukan kewenangan {_installation().government}. Silakan hubungi {where}. "
            "Untuk instansi pusat dapat juga melalui SP4N-LAPOR! (lapor.go.id).\n"
            "Bila tetap ingin menyampaikan aduan kepada kami, ketik ADUAN.",
            [("menu:aduan", "Ajukan aduan"), ("menu:menu", "Menu")],
        )

    def own_complaints(self):
        """Complaints this contact filed: by WhatsApp number, or those filed in this web chat."""
        if self.conversation.channel == WHATSAPP:
            return Complaint.objects.filter(reporter__whatsapp_number=self.conversation.contact)
        filed = self.conversation.data.get("filed", [])
        return Complaint.objects.filter(tracking_number__in=filed)

    def own_open_complaints(self):
        return self.own_complaints().exclude(
            status__in=[Status.CLOSED, Status.ARCHIVED, Status.OUT_OF_AUTHORITY]
        )

    def follow_up_of_open_complaint(self, incoming: Incoming, norm: str) -> list[Reply] | None:
        """Completions, "belum selesai", and extra detail go to the complaint they are about."""
        open_complaints = list(self.own_open_complaints().order_by("-created_at")[:20])
        if not open_complaints:
            return None
        returned = [c for c in open_complaints if c.status == Status.RETURNED_TO_REPORTER]
        if returned:
            complaint = returned[0]
            text = incoming.text.strip() or "Pelapor mengirim lampiran sebagai kelengkapan."
            files = self.files_of(incoming)
            location = ""
            if incoming.kind == InboundMessage.Kind.LOCATION:
                location = self.location_text(incoming)
            services.resubmit(complaint, text=text, location_text=location, files=files)
            self.link(incoming, complaint)
            return [
                Reply(
                    f"Terima kasih, kelengkapan aduan *{complaint.tracking_number}* sudah "
                    "kami terima dan akan segera diverifikasi."
                )
            ]
        resolved = [c for c in open_complaints if c.status == Status.RESOLVED]
        if resolved and any(phrase in norm for phrase in REOPEN_WORDS):
            complaint = resolved[0]
            services.reopen(complaint, by=policy.REPORTER_ACTOR, reason=incoming.text.strip())
            self.link(incoming, complaint)
            return [
                Reply(
                    f"Aduan *{complaint.tracking_number}* kami buka kembali dan teruskan "
                    "lagi kepada OPD untuk ditindaklanjuti."
                )
            ]
        if resolved and any(phrase in norm for phrase in CONFIRM_WORDS):
            complaint = resolved[0]
            services.close(complaint, by=policy.REPORTER_ACTOR, note=incoming.text.strip())
            self.link(incoming, complaint)
            return [
                Reply(
                    f"Terima kasih atas konfirmasinya. Aduan *{complaint.tracking_number}* "
                    "kami tutup."
                )
            ]
        target = self.mentioned_complaint(incoming, open_complaints)
        if target is None:
            return None
        services.add_reporter_message(
            target, text=incoming.text.strip(), files=self.files_of(incoming)
        )
        self.link(incoming, target)
        return [
            Reply(f"Keterangan Anda sudah kami tambahkan pada aduan *{target.tracking_number}*.")
        ]

    # the satisfaction survey (SKM) ------------------------------------------------------

    def recent_survey(self) -> Complaint | None:
        """The contact's latest complaint closed in the last 7 days that was sent the survey
        (rated or not): what a typed "4" or "belum selesai" is about."""
        invited = Notification.objects.filter(
            complaint=OuterRef("pk"), template_key=SURVEY_TEMPLATE
        )
        return (
            self.own_complaints()
            .filter(status=Status.CLOSED, closed_at__gte=self.now - SURVEY_WINDOW)
            .filter(Exists(invited))
            .select_related("reporter", "agency")
            .order_by("-closed_at", "-pk")
            .first()
        )

    def survey_answer(self, incoming: Incoming, norm: str) -> list[Reply] | None:
        """A typed rating, or "belum selesai", while a survey is pending; else None."""
        if incoming.kind != InboundMessage.Kind.TEXT:
            return None
        rating = rating_in(incoming.text)
        reopen = rating is None and any(phrase in norm for phrase in REOPEN_WORDS)
        if rating is None and not reopen:
            return None
        complaint = self.recent_survey()
        if complaint is None:
            return None
        if rating is not None:
            return self.rate(incoming, complaint, rating)
        if SatisfactionResponse.objects.filter(complaint=complaint).exists():
            return None  # rated: the survey is over
        later = self.own_open_complaints().filter(
            status=Status.RESOLVED, resolved_at__gt=complaint.closed_at
        )
        if later.exists():
            return None  # "belum selesai" answers the newer resolution message
        return self.reopen_closed(incoming, complaint)

    def rate_by_button(self, incoming: Incoming, button: str) -> list[Reply]:
        """A choice from the survey list: ``rate:<complaint pk>:<1–5>``, for one's own only."""
        match = SURVEY_BUTTON.match(button)
        complaint = None
        if match:
            complaint = (
                Complaint.objects.select_related("reporter", "agency")
                .filter(pk=int(match.group(1)))
                .first()
            )
        if complaint is None or not self.owns(complaint):
            return [self.menu_reply()]
        return self.rate(incoming, complaint, int(match.group(2)))

    def rate(self, incoming: Incoming, complaint: Complaint, rating: int) -> list[Reply]:
        conv = self.conversation
        existing = SatisfactionResponse.objects.filter(complaint=complaint).first()
        if existing is not None:
            return [
                Reply(
                    f"Terima kasih, aduan *{complaint.tracking_number}* sudah dinilai "
                    f"sebelumnya: {existing.rating} — {existing.get_rating_display()}. "
                    "Penilaian hanya dapat diberikan satu kali."
                )
            ]
        try:
            services.record_satisfaction(
                complaint, rating=rating, by=policy.REPORTER_ACTOR, now=self.now
            )
        except services.WorkflowError as exc:
            return [Reply(str(exc))]
        self.link(incoming, complaint)
        label = SatisfactionResponse.Rating(rating).label
        thanks = f"Terima kasih atas penilaian Anda: {rating} — {label}."
        if conv.step == "idle":
            conv.step = "survey_comment"
            conv.data = {**self.kept_data(), "survey": complaint.pk}
            return [
                Reply(
                    f"{thanks} Ada saran atau komentar? Tulis di sini, atau ketik LEWATI.",
                    [("skip", "Lewati")],
                )
            ]
        if conv.step == "confirm" or (conv.step.startswith("ask_") and conv.step != "ask_tracking"):
            return [Reply(thanks), *self.ask_next()]  # a form in progress goes on
        return [Reply(thanks)]

    def survey_comment(self, incoming: Incoming, norm: str, command: str | None):
        """The message after a rating: a comment, LEWATI, or something else entirely (None:
        the survey step ends and the message is handled as usual)."""
        conv = self.conversation
        complaint = (
            self.own_complaints()
            .filter(pk=conv.data.get("survey"), satisfaction__isnull=False)
            .select_related("satisfaction")
            .first()
        )
        text = incoming.text.strip()
        button = incoming.reply_id
        conv.step = "idle"
        conv.data = self.kept_data()
        if complaint is None:
            return None
        if button == "skip" or command == "lewati":
            return [Reply("Terima kasih atas penilaian Anda.")]
        is_command = command in ("batal", "menu", "cek", "baru", "tanya")
        if (
            incoming.kind != InboundMessage.Kind.TEXT
            or not text
            or button
            or is_command
            or status_command(norm, incoming.text) is not None
        ):
            return None
        rating = rating_in(text)
        if rating is not None:
            return self.rate(incoming, complaint, rating)  # rated already: "sudah dinilai"
        # The comment may name people or places: it is stored, never logged.
        SatisfactionResponse.objects.filter(pk=complaint.satisfaction.pk).update(
            comment=text[:2000]
        )
        self.link(incoming, complaint)
        if any(phrase in norm for phrase in REOPEN_WORDS):
            return self.reopen_closed(incoming, complaint)
        return [Reply("Terima kasih, saran Anda sudah kami catat untuk perbaikan layanan.")]

    def reopen_closed(self, incoming: Incoming, complaint: Complaint) -> list[Reply]:
        try:
            services.reopen(
                complaint, by=policy.REPORTER_ACTOR, reason=incoming.text.strip(), now=self.now
            )
        except services.WorkflowError as exc:
            return [Reply(str(exc))]
        self.link(incoming, complaint)
        return [
            Reply(
                f"Aduan *{complaint.tracking_number}* kami buka kembali dan teruskan "
                "lagi kepada OPD untuk ditindaklanjuti."
            )
        ]

    def kept_data(self) -> dict:
        """What outlives a step: the numbers filed in this chat (the web chat's identity)."""
        filed = self.conversation.data.get("filed")
        return {"filed": filed} if filed else {}

    def mentioned_complaint(self, incoming: Incoming, open_complaints) -> Complaint | None:
        """The open complaint this message is about: a quoted notification, its number in the
        text, or a photo sent within a day of filing."""
        by_pk = {c.pk: c for c in open_complaints}
        if incoming.context_message_id:
            from workflow.models import Notification

            quoted = (
                Notification.objects.filter(provider_message_id=incoming.context_message_id)
                .values_list("complaint_id", flat=True)
                .first()
            )
            if quoted in by_pk:
                return by_pk[quoted]
        match = TRACKING_IN_TEXT.search(incoming.text or "")
        if match:
            number = normalize_tracking_number(match.group(0))
            for complaint in open_complaints:
                if complaint.tracking_number == number:
                    return complaint
        is_media = incoming.kind in (InboundMessage.Kind.IMAGE, InboundMessage.Kind.DOCUMENT)
        latest = open_complaints[0]
        if is_media and self.now - latest.created_at < dt.timedelta(hours=24):
            return latest
        return None

    def status_reply(self, typed: str) -> Reply:
        number = normalize_tracking_number(typed)
        complaint = (
            Complaint.objects.select_related("agency", "reporter")
            .filter(tracking_number=number)
            .first()
        )
        if complaint is None:
            return Reply(
                f"Nomor aduan *{number}* tidak ditemukan. Periksa kembali penulisannya, "
                "mis. SB-2511-7K3QX."
            )
        status = complaint.get_status_display()
        received = f"{timezone.localtime(complaint.created_at):%d/%m/%Y}"
        changed = f"{timezone.localtime(complaint.status_changed_at):%d/%m/%Y}"
        if self.owns(complaint):
            lines = [f"Aduan *{complaint.tracking_number}*: *{status}*", f"Diterima {received}."]
            if complaint.agency_id and complaint.status != Status.OUT_OF_AUTHORITY:
                lines.append(f"OPD: {complaint.agency.name}.")
            last = (
                complaint.updates.filter(status=ComplaintUpdate.State.SENT)
                .order_by("-created_at")
                .first()
            )
            if last is not None:
                lines.append(f"{last.get_kind_display()} terakhir: {last.text[:500]}")
            if complaint.is_open and complaint.due_at:
                lines.append(f"Batas waktu: {notify.when(complaint.due_at)}.")
            lines.append(tracking_url(complaint.tracking_number))
            return Reply("\n".join(lines))
        lines = [
            f"Aduan *{complaint.tracking_number}*: *{status}*",
            f"Diterima {received}, status terakhir berubah {changed}.",
        ]
        public = complaint.visibility != Complaint.Visibility.CONFIDENTIAL
        if (
            public
            and complaint.agency_id
            and complaint.status
            in (Status.DISPATCHED, Status.RESPONDED, Status.RESOLVED, Status.CLOSED)
        ):
            lines.append(f"OPD: {complaint.agency.name}.")
        lines.append("Rincian hanya dikirim ke nomor WhatsApp pelapor.")
        return Reply("\n".join(lines))

    def owns(self, complaint: Complaint) -> bool:
        if self.conversation.channel == WHATSAPP:
            return complaint.reporter.whatsapp_number == self.conversation.contact
        return complaint.tracking_number in self.conversation.data.get("filed", [])

    # the complaint form ----------------------------------------------------------------

    FIELDS = ("name", "location", "text", "media", "visibility", "nik", "phone")

    def start_form(
        self, prefill: str = "", announce: bool = True, name: str = "", location: str = ""
    ) -> list[Reply]:
        conv = self.conversation
        data = {"filed": conv.data.get("filed", []), "media": []}
        if prefill:
            data["text"] = prefill
        if location:
            data["location_text"] = location[:300]
        reporter = self.known_reporter()
        if reporter is not None:
            data["name"] = reporter.name
        elif name and re.search(r"[^\W\d_]{2,}", name):
            data["name"] = name[:100]
        conv.data = data
        intro = (
            "Baik, kami bantu mencatat aduan Anda. Ketik BATAL kapan saja untuk membatalkan."
            if announce
            else ""
        )
        return self.ask_next(intro)

    def known_reporter(self) -> Reporter | None:
        if self.conversation.channel != WHATSAPP:
            return None
        return Reporter.objects.filter(whatsapp_number=self.conversation.contact).first()

    def missing(self) -> str | None:
        data = self.conversation.data
        if not data.get("name"):
            return "name"
        if not data.get("location_text") and data.get("latitude") is None:
            return "location"
        if not data.get("text"):
            return "text"
        if not data.get("media_asked"):
            return "media"
        if not data.get("visibility"):
            return "visibility"
        if self.settings.require_nik and not data.get("nik"):
            return "nik"
        if self.conversation.channel == WEB and not data.get("phone_asked"):
            return "phone"
        return None

    def ask_next(self, intro: str = "") -> list[Reply]:
        conv = self.conversation
        field_name = self.missing()
        prefix = f"{intro}\n\n" if intro else ""
        if field_name is None:
            conv.step = "confirm"
            return [Reply(prefix + self.summary(), CONFIRM_BUTTONS)]
        conv.step = f"ask_{field_name}"
        questions = {
            "name": ("Siapa nama Anda?", self.name_buttons()),
            "location": (
                "Di mana lokasi kejadiannya? Tulis alamat (desa/kelurahan, kecamatan) "
                "atau kirim lokasi (share location).",
                [],
            ),
            "text": (
                "Ceritakan aduan Anda dengan jelas: apa yang terjadi, sejak kapan, dan "
                "apa yang Anda harapkan.",
                [],
            ),
            "media": (
                "Bila ada, kirim foto atau dokumen pendukung. Ketik LEWATI bila tidak ada.",
                [("skip", "Lewati")],
            ),
            "visibility": (visibility_text(), VISIBILITY_BUTTONS),
            "nik": (
                "Tulis NIK Anda (16 digit sesuai KTP-el). NIK hanya dilihat petugas yang "
                "berwenang.",
                [],
            ),
            "phone": (
                "Nomor WhatsApp Anda untuk menerima kabar perkembangan aduan? "
                "Ketik LEWATI bila tidak ingin.",
                [("skip", "Lewati")],
            ),
        }
        text, buttons = questions[field_name]
        return [Reply(prefix + text, buttons)]

    def name_buttons(self) -> list[tuple[str, str]]:
        name = self.conversation.profile_name.strip()
        if name and 2 <= len(name) <= 20:
            return [(f"name:{name}", name)]
        return []

    def summary(self) -> str:
        data = self.conversation.data
        visibility = Complaint.Visibility(data["visibility"]).label
        media = len(data.get("media", []))
        lines = [
            "Mohon periksa aduan Anda:",
            f"*Nama*: {data['name']}",
            f"*Lokasi*: {data.get('location_text') or '(titik lokasi)'}",
            f"*Isi aduan*: {data['text']}",
            f"*Lampiran*: {media} berkas",
            f"*Sifat*: {visibility}",
        ]
        if data.get("nik"):
            lines.append(f"*NIK*: {data['nik'][:4]}********{data['nik'][-4:]}")
        if data.get("phone"):
            lines.append(f"*WhatsApp*: {data['phone']}")
        lines.append("\nKetik KIRIM untuk mengirim, ULANG untuk mengisi ulang, atau BATAL.")
        return "\n".join(lines)

    def absorb_extra(self, incoming: Incoming) -> list[Reply]:
        """Photos and location pins are welcome at any step of the form."""
        data = self.conversation.data
        is_media = incoming.kind in (InboundMessage.Kind.IMAGE, InboundMessage.Kind.DOCUMENT)
        if is_media and incoming.message is not None and incoming.message.media_file:
            data["media"] = [*data.get("media", []), incoming.message.pk]
            if incoming.text.strip() and not data.get("text"):
                data["text"] = incoming.text.strip()
            return [Reply(f"Lampiran diterima ({len(data['media'])} berkas).")]
        if incoming.kind == InboundMessage.Kind.LOCATION and incoming.latitude is not None:
            data["latitude"] = str(incoming.latitude)
            data["longitude"] = str(incoming.longitude)
            data["location_text"] = self.location_text(incoming) or data.get("location_text", "")
            return [Reply("Titik lokasi diterima.")]
        return []

    @staticmethod
    def location_text(incoming: Incoming) -> str:
        text = incoming.text.strip()
        if text:
            return text[:300]
        if incoming.latitude is not None:
            return f"Titik lokasi {incoming.latitude}, {incoming.longitude}"
        return ""

    def form_step(self, incoming: Incoming, norm: str) -> list[Reply]:
        conv = self.conversation
        data = conv.data
        step = conv.step
        if step == "ask_tracking":
            conv.step = data.pop("return_step", "idle") or "idle"
            if conv.step == "ask_tracking":
                conv.step = "idle"
            return [self.status_reply(incoming.text)]

        extra = self.absorb_extra(incoming)
        advanced_by_extra = (
            step == "ask_location" and incoming.kind == InboundMessage.Kind.LOCATION
        ) or (step == "ask_media" and extra)
        if extra and not advanced_by_extra:
            return [*extra, *self.ask_next()]
        if advanced_by_extra:
            if step == "ask_media":
                return [
                    Reply(f"{extra[0].text} Kirim lagi, atau ketik LANJUT.", [("skip", "Lanjut")])
                ]
            return [*extra, *self.ask_next()]

        text = incoming.text.strip()
        command = command_of(norm)
        if incoming.reply_id == USE_AS_TEXT and data.get("pending_text"):
            data["text"] = data.pop("pending_text")
            conv.data = data
            return self.ask_next()
        answered = self.question_in_form(incoming, text, command)
        if answered is not None:
            return answered
        if step == "ask_name":
            name = (
                incoming.reply_id.removeprefix("name:")
                if incoming.reply_id.startswith("name:")
                else text
            )
            if not re.search(r"[^\W\d_]{2,}", name) or len(name) > 100:
                return [Reply("Mohon tulis nama Anda (minimal 2 huruf), mis. Siti Aminah.")]
            data["name"] = " ".join(name.split())
        elif step == "ask_location":
            if len(text) < 5:
                return [
                    Reply(
                        "Lokasi terlalu singkat. Tulis nama desa/kelurahan dan kecamatan, "
                        "atau kirim lokasi (share location)."
                    )
                ]
            data["location_text"] = text[:300]
        elif step == "ask_text":
            if len(text) < 15:
                return [Reply("Mohon ceritakan aduan Anda lebih jelas (minimal satu kalimat).")]
            data["text"] = text
            data.pop("pending_text", None)
        elif step == "ask_media":
            if incoming.reply_id == "skip" or command == "lewati" or text:
                data["media_asked"] = True
            else:
                return [Reply("Kirim foto/dokumen, atau ketik LEWATI.", [("skip", "Lewati")])]
        elif step == "ask_visibility":
            choice = (
                incoming.reply_id.removeprefix("vis:")
                if incoming.reply_id.startswith("vis:")
                else None
            )
            choice = choice or VISIBILITY_WORDS.get(norm)
            if choice not in Complaint.Visibility.values:
                return [Reply(visibility_text(), VISIBILITY_BUTTONS)]
            data["visibility"] = choice
        elif step == "ask_nik":
            try:
                data["nik"] = normalize_nik(text)
            except ValidationError:
                return [Reply("NIK tidak valid. Periksa kembali 16 digit NIK pada KTP-el Anda.")]
        elif step == "ask_phone":
            if incoming.reply_id == "skip" or command == "lewati":
                data["phone_asked"] = True
            else:
                try:
                    data["phone"] = normalize_phone(text)
                    data["phone_asked"] = True
                except ValidationError:
                    return [
                        Reply(
                            "Nomor WhatsApp tidak valid, mis. 0812-3456-7890. Atau ketik LEWATI.",
                            [("skip", "Lewati")],
                        )
                    ]
        elif step == "confirm":
            if incoming.reply_id == "confirm:send" or command == "kirim":
                return self.submit()
            if incoming.reply_id == "confirm:restart" or command == "ulang":
                filed = data.get("filed", [])
                conv.data = {"filed": filed, "media": []}
                return self.ask_next("Baik, kita isi ulang.")
            return [Reply(self.summary(), CONFIRM_BUTTONS)]
        conv.data = data
        return self.ask_next()

    def question_in_form(self, incoming: Incoming, text: str, command) -> list[Reply] | None:
        """A clear question typed mid-form is answered, then the form asks its step again.

        The citizen clearly asked, so a page that is likely but not certain is offered too
        ("Mungkin ini yang Anda cari"); only a question nothing plausible answers goes on to
        the step as before.

        At the complaint-text step the message may still be the complaint itself ("kapan
        jalan kami diperbaiki?"): a button keeps it as the complaint text, nothing is lost.
        """
        if incoming.reply_id or command or not ai.looks_like_question(text):
            return None
        prepared = incoming.analysis.answer if incoming.analysis else None
        answer = prepared or get_answerer().answer(text, allow_network=False)
        if not (answer.confident or answer.plausible):
            return None
        data = self.conversation.data
        buttons = []
        if self.conversation.step == "ask_text" and len(text) >= 15:
            data["pending_text"] = text[:4000]
            buttons = [(USE_AS_TEXT, "Jadikan isi aduan")]
        self.conversation.data = data
        resume = self.ask_next("Formulir aduan Anda masih tersimpan; mari kita lanjutkan.")
        first = resume[0]
        shown = answer_text(answer)
        if not answer.confident:
            shown = f"Mungkin ini yang Anda cari:\n{shown}"
        return [
            Reply(shown),
            Reply(first.text, [*buttons, *first.buttons][:3]),
            *resume[1:],
        ]

    def files_of(self, incoming: Incoming) -> list[CleanFile]:
        message = incoming.message
        if message is None or not message.media_file:
            return []
        return [clean_file_of(message)]

    def link(self, incoming: Incoming, complaint: Complaint) -> None:
        if incoming.message is not None:
            incoming.message.complaint = complaint
            incoming.message.save(update_fields=["complaint"])

    def submit(self) -> list[Reply]:
        conv = self.conversation
        data = conv.data
        phone = conv.contact if conv.channel == WHATSAPP else data.get("phone", "")
        reporter = services.find_or_create_reporter(
            name=data["name"], whatsapp_number=phone, nik=data.get("nik", "")
        )
        media = list(InboundMessage.objects.filter(pk__in=data.get("media", [])))
        complaint = services.submit(
            reporter=reporter,
            text=data["text"],
            channel=Complaint.Channel.WHATSAPP
            if conv.channel == WHATSAPP
            else Complaint.Channel.WEB,
            location_text=data.get("location_text", ""),
            latitude=Decimal(data["latitude"]) if data.get("latitude") else None,
            longitude=Decimal(data["longitude"]) if data.get("longitude") else None,
            visibility=data["visibility"],
            urgency=ai.offline_urgency(data["text"]),
            files=[clean_file_of(m) for m in media if m.media_file],
            now=self.now,
        )
        InboundMessage.objects.filter(pk__in=[m.pk for m in media]).update(complaint=complaint)
        conv.reporter = reporter
        conv.last_complaint = complaint
        conv.step = "idle"
        conv.data = {"filed": [*data.get("filed", []), complaint.tracking_number][-20:]}
        if conv.channel == WHATSAPP:
            # The ticket notification (reporter.ticket_issued) is the answer: one message.
            return []
        return [
            Reply(
                f"Terima kasih, {reporter.name}. Aduan Anda tercatat dengan Nomor Aduan "
                f"*{complaint.tracking_number}*.\nSimpan nomor ini untuk memantau "
                f"perkembangannya: {tracking_url(complaint.tracking_number)}",
                complaint=complaint,
            )
        ]


def clean_file_of(message: InboundMessage) -> CleanFile:
    with message.media_file.open("rb") as handle:
        data = handle.read()
    return CleanFile(data, message.media_content_type, message.media_name or "lampiran")


def handle(conversation: Conversation, incoming: Incoming, now=None) -> list[Reply]:
    """Run the engine on one message; the caller holds the conversation row and saves it."""
    replies = Engine(conversation, now).handle(incoming)
    conversation.save()
    return replies


def conversation_for(channel: str, contact: str) -> Conversation:
    """The contact's conversation, locked for this transaction (created when new)."""
    Conversation.objects.get_or_create(channel=channel, contact=contact)
    return Conversation.objects.select_for_update().get(channel=channel, contact=contact)
