"""Offline retrieval over the live FAQ pages: BM25 on normalised Indonesian (faq/text.py).

The index lives in each process's memory and is rebuilt when the set of live pages changes
(published, unpublished, edited and republished, deleted): every search first reads a tiny
fingerprint of the live pages, so no signal has to reach every worker.
"""

from __future__ import annotations

import math
import threading
from collections import Counter
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Max
from rank_bm25 import BM25Okapi

from sambat_site.links import absolute_url

from .text import tokens


@dataclass(frozen=True)
class Hit:
    page_id: int
    title: str
    question: str
    url: str
    answer: str
    score: float
    coverage: float  # share of the question's words found in the page's question/keywords


@dataclass
class _Doc:
    page_id: int
    title: str
    question: str
    path: str  # made absolute when asked: the index outlives a change of address
    answer: str
    head: frozenset[str]
    body: frozenset[str]


class FaqIndex:
    def __init__(self, docs: list[_Doc], corpus: list[list[str]]):
        self.docs = docs
        self.bm25 = BM25Okapi(corpus) if corpus else None
        count = len(corpus)
        document_frequency = Counter(word for words in corpus for word in set(words))
        self.idf = {w: math.log(1 + count / n) for w, n in document_frequency.items()}
        self.unknown_idf = math.log(1 + count) + 1 if count else 1.0

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        query_tokens = tokens(query)
        if not query_tokens or self.bm25 is None:
            return []
        wanted = set(query_tokens)
        # Coverage weighs each word by how telling it is (its IDF); a word no page knows
        # ("bitcoin") is most likely the topic and weighs most of all.
        weights = {word: self.idf.get(word, self.unknown_idf) for word in wanted}
        total = sum(weights.values()) or 1.0
        scores = self.bm25.get_scores(query_tokens)
        ranked = sorted(range(len(self.docs)), key=lambda i: scores[i], reverse=True)[:limit]
        hits = []
        for i in ranked:
            doc = self.docs[i]
            head_share = sum(weights[w] for w in wanted & doc.head) / total
            any_share = sum(weights[w] for w in wanted & (doc.head | doc.body)) / total
            hits.append(
                Hit(
                    page_id=doc.page_id,
                    title=doc.title,
                    question=doc.question,
                    url=absolute_url(doc.path),
                    answer=doc.answer,
                    score=float(scores[i]),
                    coverage=round(0.7 * head_share + 0.3 * any_share, 3),
                )
            )
        return hits


def build_index() -> FaqIndex:
    from .models import FaqPage

    docs, corpus = [], []
    for page in FaqPage.objects.live().specific().order_by("pk"):
        question_tokens = tokens(f"{page.question} {page.title}")
        keyword_tokens = tokens(page.keywords.replace(",", " "))
        answer_tokens = tokens(page.plain_answer)
        docs.append(
            _Doc(
                page_id=page.pk,
                title=page.title,
                question=page.question,
                path=(page.get_url_parts() or (None, None, "/"))[2],
                answer=page.short_answer(),
                head=frozenset(question_tokens + keyword_tokens),
                body=frozenset(answer_tokens),
            )
        )
        # The question and its synonyms say what a page is about; weigh them above the answer.
        corpus.append(question_tokens * 3 + keyword_tokens * 2 + answer_tokens)
    return FaqIndex(docs, corpus)


_lock = threading.Lock()
_cache: dict = {"fingerprint": None, "index": None}


def fingerprint() -> tuple:
    from .models import FaqPage

    live = FaqPage.objects.live().aggregate(
        n=Count("pk"), published=Max("last_published_at"), latest=Max("pk")
    )
    return (live["n"], live["published"], live["latest"])


def current_index() -> FaqIndex:
    current = fingerprint()
    with _lock:
        if _cache["fingerprint"] != current or _cache["index"] is None:
            _cache["index"] = build_index()
            _cache["fingerprint"] = current
        return _cache["index"]


def search(query: str, limit: int = 3) -> list[Hit]:
    return current_index().search(query, limit)


def is_confident(hits: list[Hit]) -> bool:
    """Enough of the question matches the best page, and it stands out from the next one."""
    if not hits:
        return False
    best = hits[0]
    if (
        best.score < settings.SAMBAT_FAQ_MIN_SCORE
        or best.coverage < settings.SAMBAT_FAQ_MIN_COVERAGE
    ):
        return False
    if len(hits) > 1 and hits[1].score > 0:
        return best.score >= hits[1].score * settings.SAMBAT_FAQ_MIN_MARGIN
    return True
