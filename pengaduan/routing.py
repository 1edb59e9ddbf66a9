"""Which agency should handle a complaint: a suggestion for Admin Pengaduan, who decides.

The model learns from past dispositions that stuck (the agency responded or resolved) and from
imported historical complaints: TF-IDF over the normalised Indonesian text (faq/text.py), a
k-nearest-neighbours vote and each agency's centroid, blended with its keyword profile. It is
retrained by a scheduled job and stored in the database, so every process uses the same model.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from faq.text import tokens
from workflow.states import Status

# Tuned on pengaduan/data/routing_labelled.csv (four random 75/25 splits): see eval_routing.
NEIGHBOURS = 15
KEYWORD_WEIGHT = 0.2
CENTROID_SHARE = 0.5  # of the text-based score: nearest examples vs the agency's centroid
# Agencies accepted these: they responded, resolved or closed, so the disposition was right.
LEARNED_STATES = (Status.RESPONDED, Status.RESOLVED, Status.CLOSED)


@dataclass(frozen=True)
class Suggestion:
    label: str  # the agency's short name
    score: float
    reason: str


def _vector(words: list[str], idf: dict[str, float]) -> dict[str, float]:
    counts = Counter(w for w in words if w in idf)
    vector = {w: (1 + math.log(c)) * idf[w] for w, c in counts.items()}
    norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
    return {w: v / norm for w, v in vector.items()}


class Router:
    """A trained model: IDF weights, the training vectors with their labels, keyword profiles."""

    def __init__(self, idf, examples, keywords):
        self.idf: dict[str, float] = idf
        self.examples: list[tuple[dict[str, float], str]] = examples
        self.keywords: dict[str, list[list[str]]] = keywords
        self.postings: dict[str, list[int]] = defaultdict(list)
        sums: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
        for index, (vector, label) in enumerate(examples):
            for word, weight in vector.items():
                self.postings[word].append(index)
                sums[label][word] += weight
        self.centroids = {}
        for label, vector in sums.items():
            norm = math.sqrt(sum(v * v for v in vector.values())) or 1.0
            self.centroids[label] = {w: v / norm for w, v in vector.items()}

    @classmethod
    def train(cls, pairs: Iterable[tuple[str, str]], keywords: dict[str, list[str]] | None = None):
        docs = [(tokens(text), label) for text, label in pairs if text and label]
        frequency = Counter(word for words, _label in docs for word in set(words))
        total = len(docs)
        idf = {w: math.log((1 + total) / (1 + n)) + 1 for w, n in frequency.items()}
        examples = [(_vector(words, idf), label) for words, label in docs]
        profiles = {
            label: [tokens(phrase) for phrase in phrases if tokens(phrase)]
            for label, phrases in (keywords or {}).items()
        }
        return cls(idf, examples, profiles)

    def to_json(self) -> dict:
        return {
            "idf": self.idf,
            "examples": [[vector, label] for vector, label in self.examples],
            "keywords": self.keywords,
        }

    @classmethod
    def from_json(cls, data: dict) -> Router:
        return cls(data["idf"], [(v, label) for v, label in data["examples"]], data["keywords"])

    def suggest(self, text: str, limit: int = 3) -> list[Suggestion]:
        words = tokens(text)
        query = _vector(words, self.idf)
        similarity: dict[int, float] = defaultdict(float)
        for word, weight in query.items():
            for index in self.postings.get(word, ()):
                similarity[index] += weight * self.examples[index][0][word]
        nearest = sorted(similarity.items(), key=lambda item: item[1], reverse=True)[:NEIGHBOURS]
        # Text evidence: a vote of the nearest examples and the closeness of each centroid.
        knn: dict[str, float] = defaultdict(float)
        for index, score in nearest:
            knn[self.examples[index][1]] += score
        centroid = {
            label: max(0.0, sum(query.get(w, 0.0) * v for w, v in vector.items()))
            for label, vector in self.centroids.items()
        }
        votes: dict[str, float] = defaultdict(float)
        for share, part in ((1 - CENTROID_SHARE, knn), (CENTROID_SHARE, centroid)):
            total = sum(part.values())
            for label, value in part.items():
                if total and value:
                    votes[label] += share * value / total
        vote_total = sum(votes.values())

        present = set(words)
        matched: dict[str, list[str]] = {}
        for label, phrases in self.keywords.items():
            hits = [" ".join(p) for p in phrases if all(w in present for w in p)]
            if hits:
                matched[label] = hits
        keyword_total = sum(len(h) for h in matched.values())

        scores: dict[str, float] = defaultdict(float)
        knn_weight = 1 - KEYWORD_WEIGHT if keyword_total else 1.0
        if vote_total:
            for label, vote in votes.items():
                scores[label] += knn_weight * vote / vote_total
        if keyword_total:
            weight = KEYWORD_WEIGHT if vote_total else 1.0
            for label, hits in matched.items():
                scores[label] += weight * len(hits) / keyword_total
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:limit]
        suggestions = []
        for label, score in ranked:
            reasons = []
            if label in matched:
                reasons.append("kata kunci: " + ", ".join(matched[label][:4]))
            similar = sum(1 for index, _s in nearest if self.examples[index][1] == label)
            if similar:
                reasons.append(f"{similar} aduan serupa sebelumnya")
            suggestions.append(Suggestion(label, round(score, 3), "; ".join(reasons)))
        return suggestions


def training_pairs() -> list[tuple[str, str]]:
    from .models import Complaint, RoutingExample

    learned = Complaint.objects.filter(status__in=LEARNED_STATES, agency__isnull=False).values_list(
        "text", "agency__short_name"
    )
    imported = RoutingExample.objects.values_list("text", "agency__short_name")
    return list(learned) + list(imported)


def keyword_profiles() -> dict[str, list[str]]:
    from .models import Agency

    return {a.short_name: a.keyword_list for a in Agency.objects.filter(active=True)}


@transaction.atomic
def retrain():
    from .models import RoutingModel

    pairs = training_pairs()
    router = Router.train(pairs, keyword_profiles())
    model = RoutingModel.objects.create(examples=len(pairs), data=router.to_json())
    RoutingModel.objects.exclude(pk=model.pk).delete()
    _cache.clear()
    return model


_cache: dict[int, Router] = {}


def current_router() -> Router:
    """The stored model (loaded once per process), or one trained now if none was stored."""
    from .models import RoutingModel

    latest = RoutingModel.objects.only("pk").first()
    if latest is None:
        return Router.train(training_pairs(), keyword_profiles())
    if latest.pk not in _cache:
        _cache.clear()
        _cache[latest.pk] = Router.from_json(RoutingModel.objects.get(pk=latest.pk).data)
    return _cache[latest.pk]


def suggest(text: str, limit: int = 3) -> list[tuple[object, Suggestion]]:
    """The top agencies for ``text`` as (Agency, Suggestion) pairs, active agencies only."""
    from .models import Agency

    suggestions = current_router().suggest(text, limit=limit + 3)
    agencies = Agency.objects.in_bulk([s.label for s in suggestions], field_name="short_name")
    result = [
        (agencies[s.label], s)
        for s in suggestions
        if s.label in agencies and agencies[s.label].active
    ]
    return result[:limit]
