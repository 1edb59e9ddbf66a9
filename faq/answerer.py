"""What the conversation engine asks when a citizen asks a question [000 SOP step 2].

An answerer returns an :class:`Answer`; only a *confident* one is sent, anything else falls
back to the complaint form or a human. :class:`FaqAnswerer` answers from the live FAQ pages:
offline it quotes the best page when retrieval is confident; with ``ANTHROPIC_API_KEY`` it
asks Claude to answer only from the retrieved pages, and falls back to the offline path when
Claude says the pages do not answer, names a page it was not given, errors or times out.
Every answer given or withheld is written to the AI log with its sources and confidence.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string
from pydantic import BaseModel, Field

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Source:
    title: str
    url: str


@dataclass(frozen=True)
class Answer:
    text: str = ""
    confidence: float = 0.0
    confident: bool = False
    sources: list[Source] = field(default_factory=list)
    method: str = "none"
    # Not sure enough to answer unasked, but worth offering where the citizen clearly asked
    # (a question typed in the middle of the complaint form): half the threshold or more.
    plausible: bool = False


PLAUSIBLE_SHARE = 0.5


class Answerer(Protocol):
    def answer(self, question: str, allow_network: bool = True) -> Answer: ...


class NoKnowledgeAnswerer:
    """Never confident: every question becomes an offer to file a complaint."""

    def answer(self, question: str, allow_network: bool = True) -> Answer:
        return Answer()


class _Grounded(BaseModel):
    answer: str = Field(description="Jawaban singkat untuk WhatsApp, hanya dari halaman FAQ")
    used_page_ids: list[int] = Field(description="ID halaman FAQ yang dipakai")
    answerable: bool = Field(description="false bila halaman-halaman itu tidak menjawab")


GROUNDED_SYSTEM = (
    "Anda asisten layanan pengaduan {layanan}, {pemerintah}. Jawab "
    "pertanyaan warga HANYA berdasarkan halaman FAQ yang diberikan, dalam bahasa Indonesia "
    "yang sopan dan singkat (paling banyak 5 kalimat, cocok untuk WhatsApp). Jangan menambah "
    "fakta, nomor telepon, biaya, atau syarat yang tidak tertulis di halaman. Bila halaman "
    "tidak menjawab pertanyaan, isi answerable=false."
)


class FaqAnswerer:
    def answer(self, question: str, allow_network: bool = True) -> Answer:
        from . import ai
        from .models import AiLog
        from .retrieval import is_confident, search

        hits = search(question, limit=3)
        offline = self.offline(hits, is_confident(hits))
        result = offline
        if allow_network and ai.enabled() and hits:
            grounded = self.grounded(question, hits)
            if grounded is not None:
                result = grounded
        AiLog.record(question, result, [h.page_id for h in hits])
        return result

    @staticmethod
    def offline(hits, confident: bool) -> Answer:
        if not hits:
            return Answer(method="offline")
        best = hits[0]
        return Answer(
            text=f"*{best.question}*\n{best.answer}",
            confidence=best.confidence,
            confident=confident,
            sources=[Source(best.title, best.url)],
            method="offline",
            plausible=confident or best.confidence >= best.threshold * PLAUSIBLE_SHARE,
        )

    @staticmethod
    def grounded(question: str, hits) -> Answer | None:
        from . import ai

        pages = "\n\n".join(
            f"[halaman {h.page_id}] {h.question}\n{h.answer}\nTautan: {h.url}" for h in hits
        )
        prompt = f"Halaman FAQ:\n\n{pages}\n\nPertanyaan warga: {question[:1500]}"
        reply = ai.ask(
            settings.ANTHROPIC_MODEL, ai.with_names(GROUNDED_SYSTEM), prompt, _Grounded, 700
        )
        if reply is None:
            return None  # error or timeout: the offline answer stands
        by_id = {h.page_id: h for h in hits}
        used = [by_id[pk] for pk in reply.used_page_ids if pk in by_id]
        if not reply.answerable or not used or not reply.answer.strip():
            return None  # the pages do not answer: the offline path decides
        if len(used) != len(reply.used_page_ids):
            logger.warning("Claude cited a page it was not given; its answer is not used.")
            return None
        return Answer(
            text=reply.answer.strip(),
            confidence=hits[0].confidence,
            confident=True,
            plausible=True,
            sources=[Source(h.title, h.url) for h in used],
            method="claude",
        )


def get_answerer() -> Answerer:
    return import_string(settings.SAMBAT_ANSWERER)()
