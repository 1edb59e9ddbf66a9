"""Which agency should handle a complaint: a suggestion for Admin Pengaduan, who decides.

The model learns from past dispositions that stuck (the agency responded or resolved) and from
imported historical complaints. Three kinds of evidence are blended:
- a linear model (linear SVM, one agency against the rest) over word uni- and bigrams of the
  normalised Indonesian text (faq/text.py) and character 2-5-grams of the words (which catch
  spellings no dictionary lists), turned into probabilities by a softmax whose temperature is
  fitted on out-of-fold scores (pengaduan/routing_linear.py);
- a k-nearest-neighbours vote of similar past complaints and each agency's centroid;
- each agency's keyword profile.
The blend weights are chosen per installation by 3-fold cross-validation on its own history
each time the model is retrained (nightly), never on the data it is reported on. The model
is stored in the database, so every process uses the same one.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction

from faq.text import tokens
from workflow.states import Status

from .routing_linear import LinearModel, softmax

# Tuned on pengaduan/data/routing_labelled.csv (four random 75/25 splits): see eval_routing.
NEIGHBOURS = 15
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
    """A trained model: IDF weights, the training vectors with their labels, keyword profiles,
    the linear model and the blend chosen by cross-validation."""

    def __init__(self, idf, examples, keywords, linear=None, blend=None):
        self.idf: dict[str, float] = idf
        self.examples: list[tuple[dict[str, float], str]] = examples
        self.keywords: dict[str, list[list[str]]] = keywords
        self.linear: LinearModel | None = linear
        self.blend: dict[str, float] = blend or dict(DEFAULT_BLEND)
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
    def train(
        cls,
        pairs: Iterable[tuple[str, str]],
        keywords: dict[str, list[str]] | None = None,
        choose_blend: bool = True,
        linear: bool = True,
    ):
        pairs = [(text, label) for text, label in pairs if text and label]
        router = cls.train_parts(pairs, keywords, linear)
        if choose_blend and linear:
            router.blend = choose(pairs, keywords)
        return router

    @classmethod
    def train_parts(cls, pairs, keywords, linear: bool = True):
        docs = [(tokens(text), label) for text, label in pairs]
        frequency = Counter(word for words, _label in docs for word in set(words))
        total = len(docs)
        idf = {w: math.log((1 + total) / (1 + n)) + 1 for w, n in frequency.items()}
        examples = [(_vector(words, idf), label) for words, label in docs]
        profiles = {
            label: [tokens(phrase) for phrase in phrases if tokens(phrase)]
            for label, phrases in (keywords or {}).items()
        }
        return cls(idf, examples, profiles, LinearModel.train(pairs) if linear else None)

    def to_json(self) -> dict:
        return {
            "idf": self.idf,
            "examples": [[vector, label] for vector, label in self.examples],
            "keywords": self.keywords,
            "linear": self.linear.to_json() if self.linear else None,
            "blend": self.blend,
        }

    @classmethod
    def from_json(cls, data: dict) -> Router:
        linear = data.get("linear")
        return cls(
            data["idf"],
            [(v, label) for v, label in data["examples"]],
            data["keywords"],
            LinearModel.from_json(linear) if linear else None,
            data.get("blend"),
        )

    def suggest(self, text: str, limit: int = 3) -> list[Suggestion]:
        return self.combine(self.evidence(text), self.blend, limit)

    def evidence(self, text: str, linear: dict[str, float] | None = None) -> Evidence:
        """What each part says about ``text``, before blending (cheap to re-blend);
        ``linear`` is the linear model's decision when it was computed in a batch."""
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
        present = set(words)
        matched: dict[str, list[str]] = {}
        for label, phrases in self.keywords.items():
            hits = [" ".join(p) for p in phrases if all(w in present for w in p)]
            if hits:
                matched[label] = hits
        similar = Counter(self.examples[index][1] for index, _s in nearest)
        if linear is None:
            linear = self.linear.decision(text) if self.linear else {}
        return Evidence(dict(votes), matched, dict(similar), linear)

    @staticmethod
    def combine(evidence: Evidence, blend: dict[str, float], limit: int = 3) -> list[Suggestion]:
        votes, matched = evidence.votes, evidence.matched
        linear = softmax(evidence.linear, blend.get("temperature", DEFAULT_BLEND["temperature"]))
        vote_total = sum(votes.values())
        keyword_total = sum(len(h) for h in matched.values())
        # The text's share goes to the linear model and the neighbours as the blend says.
        text_parts = []
        if linear:
            text_parts.append((blend["linear"], linear))
        if vote_total:
            share = 1 - blend["linear"] if linear else 1.0
            text_parts.append((share, {k: v / vote_total for k, v in votes.items()}))
        text_weight = sum(weight for weight, _part in text_parts)
        scores: dict[str, float] = defaultdict(float)
        keyword_weight = blend["keywords"] if text_weight else 1.0
        knn_weight = 1 - keyword_weight if keyword_total else 1.0
        for weight, part in text_parts:
            for label, value in part.items():
                scores[label] += knn_weight * weight / text_weight * value
        if keyword_total:
            for label, hits in matched.items():
                scores[label] += keyword_weight * len(hits) / keyword_total
        ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)[:limit]
        suggestions = []
        for label, score in ranked:
            reasons = []
            if label in matched:
                reasons.append("kata kunci: " + ", ".join(matched[label][:4]))
            if evidence.similar.get(label):
                reasons.append(f"{evidence.similar[label]} aduan serupa sebelumnya")
            suggestions.append(Suggestion(label, round(score, 3), "; ".join(reasons)))
        return suggestions


@dataclass(frozen=True)
class Evidence:
    votes: dict[str, float]  # neighbours and centroids
    matched: dict[str, list[str]]  # keyword phrases found, per agency
    similar: dict[str, int]  # how many of the nearest past complaints each agency had
    linear: dict[str, float]  # the linear model's decision values


DEFAULT_BLEND = {"linear": 0.7, "keywords": 0.2, "temperature": 0.2}
TEMPERATURES = (0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1.0)
BLEND_GRID = {"linear": (0.0, 0.4, 0.6, 0.8, 0.9, 1.0), "keywords": (0.0, 0.1, 0.2, 0.35)}
FOLDS = 3
MIN_FOR_CHOOSING = 60  # examples; below this the defaults stand


def choose(pairs: list[tuple[str, str]], keywords) -> dict[str, float]:
    """The blend with the best top-1 on out-of-fold predictions of ``pairs`` alone."""
    if len(pairs) < MIN_FOR_CHOOSING or len({label for _t, label in pairs}) < 2:
        return dict(DEFAULT_BLEND)
    folds = [pairs[i::FOLDS] for i in range(FOLDS)]
    held_out = []
    for i, test in enumerate(folds):
        train = [pair for j, fold in enumerate(folds) if j != i for pair in fold]
        router = Router.train_parts(train, keywords)
        texts = [text for text, _label in test]
        decisions = router.linear.decisions(texts) if router.linear else [{}] * len(texts)
        held_out.extend(
            (router.evidence(text, decision), label)
            for (text, label), decision in zip(test, decisions, strict=True)
        )
    temperature = fit_temperature(held_out)
    best = None
    for linear_share in BLEND_GRID["linear"]:
        for keyword_share in BLEND_GRID["keywords"]:
            blend = {"linear": linear_share, "keywords": keyword_share, "temperature": temperature}
            right = sum(
                [s.label for s in Router.combine(evidence, blend, 1)] == [label]
                for evidence, label in held_out
            )
            if best is None or right > best[0]:
                best = (right, blend)
    return best[1]


def fit_temperature(held_out) -> float:
    """The softmax temperature with the lowest out-of-fold log loss: calibrated probabilities."""
    best = None
    for temperature in TEMPERATURES:
        loss = 0.0
        for evidence, label in held_out:
            if not evidence.linear:
                continue
            probability = softmax(evidence.linear, temperature).get(label, 0.0)
            loss -= math.log(max(probability, 1e-9))
        if best is None or loss < best[0]:
            best = (loss, temperature)
    return best[1]


def training_pairs() -> list[tuple[str, str]]:
    from .models import Complaint, RoutingExample

    learned = Complaint.objects.filter(status__in=LEARNED_STATES, agency__isnull=False).values_list(
        "text", "agency__short_name"
    )
    imported = RoutingExample.objects.values_list("text", "agency__short_name")
    return list(learned) + list(imported)


def keyword_profiles() -> dict[str, list[str]]:
    """Each active agency's keywords, and those of the complaint categories it answers for."""
    from .models import Agency, Category

    profiles = {a.short_name: a.keyword_list for a in Agency.objects.filter(active=True)}
    categories = Category.objects.filter(agency__active=True).select_related("agency")
    for category in categories:
        phrases = profiles.setdefault(category.agency.short_name, [])
        phrases.extend(k.lower() for k in category.keyword_list if k.lower() not in phrases)
    return profiles


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
        # Until the first retrain stores one: the quick parts only, no SVM inside a request.
        return Router.train(training_pairs(), keyword_profiles(), linear=False)
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
