"""What the conversation engine asks when a citizen asks a question.

An answerer takes the question and returns an :class:`Answer`. Only a *confident* answer is
sent; anything else falls back to the complaint form or a human [000 SOP step 2]. The FAQ
knowledge base and Claude plug in here (``settings.SAMBAT_ANSWERER``); until the knowledge
base exists, :class:`NoKnowledgeAnswerer` answers nothing, so every question becomes an offer
to file a complaint.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.utils.module_loading import import_string


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


class Answerer(Protocol):
    def answer(self, question: str) -> Answer: ...


class NoKnowledgeAnswerer:
    """No knowledge base yet: never confident, so the engine offers the complaint form."""

    def answer(self, question: str) -> Answer:
        return Answer()


def get_answerer() -> Answerer:
    return import_string(settings.SAMBAT_ANSWERER)()
