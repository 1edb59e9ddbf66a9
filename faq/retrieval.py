"""Offline retrieval over the live FAQ pages: the hybrid engine of faq/engine.py.

The index lives in each process's memory and is rebuilt when the set of live pages changes
(published, unpublished, edited and republished, deleted): every search first reads a tiny
fingerprint of the live pages, so no signal has to reach every worker.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

from django.db.models import Count, Max

from sambat_site.links import absolute_url

from . import calibration
from .engine import Entry, HybridIndex


@dataclass(frozen=True)
class Hit:
    page_id: int
    title: str
    question: str
    url: str
    answer: str
    score: float  # fused rank score (faq/engine.py)
    coverage: float  # share of the question's words found in the page's question/keywords
    confidence: float = 0.0  # calibrated probability that this page answers (top hit only)
    threshold: float = 1.0  # the probability above which it is sent


def build_index() -> FaqIndex:
    from .models import FaqPage

    entries, paths, answers = [], [], []
    for page in FaqPage.objects.live().specific().order_by("pk"):
        entries.append(
            Entry(
                key=page.pk,
                question=page.question,
                title=page.title,
                keywords=page.keywords,
                answer=page.plain_answer,
            )
        )
        # Paths, made absolute when asked: the index outlives a change of address.
        paths.append((page.get_url_parts() or (None, None, "/"))[2])
        answers.append(page.short_answer())
    return FaqIndex(HybridIndex(entries), paths, answers)


class FaqIndex:
    def __init__(self, engine: HybridIndex, paths: list[str], answers: list[str]):
        self.engine = engine
        self.paths = paths
        self.answers = answers

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        ranking = self.engine.rank(query, limit)
        if not ranking.ranked:
            return []
        confidence = calibration.probability(ranking.features, ranking.dense)
        threshold = calibration.threshold(ranking.dense)
        hits = []
        for place, ranked in enumerate(ranking.ranked):
            entry = self.engine.entries[ranked.position]
            hits.append(
                Hit(
                    page_id=entry.key,
                    title=entry.title,
                    question=entry.question,
                    url=absolute_url(self.paths[ranked.position]),
                    answer=self.answers[ranked.position],
                    score=round(ranked.fused, 5),
                    coverage=ranked.coverage,
                    confidence=round(confidence, 3) if place == 0 else 0.0,
                    threshold=threshold,
                )
            )
        return hits


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
    """The calibrated probability that the best page answers clears the threshold."""
    return bool(hits) and hits[0].confidence >= hits[0].threshold
