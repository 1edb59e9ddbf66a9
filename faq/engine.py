"""Hybrid FAQ retrieval over any knowledge base: words (BM25) and meaning (dense vectors).

Nothing here knows Django pages: an :class:`Entry` is a question, its title, keywords and
answer, so the same engine serves the live site (faq/retrieval.py) and the evaluations on
public knowledge bases (bench/faq_eval.py).

Three rankers look at each question:
- BM25 over the normalised words of the whole page (question weighed thrice, keywords
  twice, then the answer),
- BM25 over the question, title and keywords alone (what a page is *about*),
- cosine similarity of multilingual-e5 vectors (faq/embedding.py), when the model loads:
  one of what the page is about (question, title, keywords), one of its question and answer.
Their scores are fused as a weighted sum of z-scores. Whether the best page answers the
question is a separate decision: a logistic model over scale-free features of the ranking
(margins, z-scores, word coverage, agreement of the rankers, unknown words) gives a
probability, calibrated by cross-validation across knowledge bases (faq/calibration.py).
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass

import numpy as np
from rank_bm25 import BM25Okapi

from . import embedding
from .text import tokens

# Fusion: a weighted sum of each ranker's z-scores over the knowledge base (it beat reciprocal
# rank fusion on every public set: ranks throw away how far ahead the best page is). The
# weights are chosen on the train splits of the public knowledge bases (bench/faq_eval.py
# --fit) and stored beside the confidence model; these are the fallbacks.
WEIGHTS = {"full": 0.3, "head": 0.0, "dense": 0.4, "answer": 0.3}

# The raw cosine is left out: its level differs between knowledge bases (it made the model
# under-confident on bases it had not seen); z-scores and gaps travel.
FEATURES = (
    "dense_z",
    "dense_gap",
    "lex_cov",
    "lex_rel",
    "lex_gap",
    "unknown",
    "agree",
    "fused_gap",
    "length",
)
LEXICAL_FEATURES = ("lex_cov", "lex_rel", "lex_gap", "unknown", "length")


@dataclass(frozen=True)
class Entry:
    key: object
    question: str
    title: str = ""
    keywords: str = ""
    answer: str = ""


@dataclass(frozen=True)
class Ranked:
    position: int  # index of the entry in the knowledge base
    fused: float
    coverage: float  # IDF-weighted share of the question's words found in the entry


@dataclass(frozen=True)
class Scores:
    tokens: list[str]
    lexical: np.ndarray  # BM25 over the whole page
    head: np.ndarray  # BM25 over question, title and keywords
    cosine: np.ndarray | None  # dense similarity to what the page is about, when available
    answer: np.ndarray | None = None  # dense similarity to the page's question and answer


@dataclass(frozen=True)
class Ranking:
    ranked: list[Ranked]
    features: dict[str, float]
    dense: bool


class HybridIndex:
    def __init__(self, entries: list[Entry], dense: bool = True, store: bool = True):
        self.entries = entries
        heads, fulls, self.head_sets, self.body_sets = [], [], [], []
        for entry in entries:
            question = tokens(f"{entry.question} {entry.title}")
            keywords = tokens(entry.keywords.replace(",", " "))
            answer = tokens(entry.answer)
            heads.append(question + keywords)
            fulls.append(question * 3 + keywords * 2 + answer)
            self.head_sets.append(frozenset(question + keywords))
            self.body_sets.append(frozenset(answer))
        self.bm25_full = BM25Okapi(fulls) if entries else None
        self.bm25_head = BM25Okapi([h or ["\x00"] for h in heads]) if entries else None
        count = len(entries)
        frequency = Counter(word for words in fulls for word in set(words))
        self.idf = {word: math.log(1 + count / n) for word, n in frequency.items()}
        self.unknown_idf = math.log(1 + count) + 1 if count else 1.0
        self.vectors = self.answer_vectors = None
        if dense and entries:
            self.vectors = embedding.passage_vectors(
                [passage_text(entry) for entry in entries], store=store
            )
            if self.vectors is not None:
                self.answer_vectors = embedding.passage_vectors(
                    [answer_text(entry) for entry in entries], store=store
                )

    @property
    def dense(self) -> bool:
        return self.vectors is not None

    def rank(self, query: str, limit: int = 3) -> Ranking:
        return self.fuse(self.scores(query), limit)

    def scores(self, query: str) -> Scores:
        """What each ranker thinks of every entry; fusion is a separate, cheap step."""
        query_tokens = tokens(query)
        n = len(self.entries)
        lexical = np.zeros(n)
        head = np.zeros(n)
        if query_tokens and self.entries:
            lexical = np.asarray(self.bm25_full.get_scores(query_tokens))
            head = np.asarray(self.bm25_head.get_scores(query_tokens))
        cosine = answer = None
        if self.vectors is not None and self.entries:
            vector = embedding.query_vector(query)
            if vector is not None:
                cosine = self.vectors @ vector
                answer = self.answer_vectors @ vector
        return Scores(query_tokens, lexical, head, cosine, answer)

    def fuse(self, scores: Scores, limit: int = 3, weights=None) -> Ranking:
        weights = weights or fusion(scores.cosine is not None)
        n = len(self.entries)
        if not n or (not scores.tokens and scores.cosine is None):
            return Ranking([], {}, self.dense)
        fused = np.zeros(n)
        rankers = [("full", scores.lexical), ("head", scores.head)]
        if scores.cosine is not None:
            rankers += [("dense", scores.cosine), ("answer", scores.answer)]
        for name, values in rankers:
            spread = float(values.std())
            if spread < 1e-9:
                continue  # every entry scores alike (e.g. no shared word): no opinion
            # Scores of different scales meet as z-scores over this knowledge base.
            fused += weights.get(name, 0.0) * (values - float(values.mean())) / spread
        order = np.argsort(-fused, kind="stable")[: max(limit, 2)]
        word_weights = self._weights(scores.tokens)
        ranked = [
            Ranked(int(i), float(fused[i]), self._coverage(int(i), word_weights)) for i in order
        ]
        features = self._features(
            ranked, scores.lexical, scores.cosine, word_weights, len(scores.tokens)
        )
        return Ranking(ranked[:limit], features, scores.cosine is not None)

    def _weights(self, query_tokens: list[str]) -> dict[str, float]:
        # A word no page knows ("bitcoin") is most likely the topic and weighs most of all.
        return {word: self.idf.get(word, self.unknown_idf) for word in set(query_tokens)}

    def _coverage(self, position: int, weights: dict[str, float]) -> float:
        total = sum(weights.values())
        if not total:
            return 0.0
        wanted = set(weights)
        head = self.head_sets[position]
        head_share = sum(weights[w] for w in wanted & head) / total
        any_share = sum(weights[w] for w in wanted & (head | self.body_sets[position])) / total
        return round(0.7 * head_share + 0.3 * any_share, 3)

    def _features(self, ranked, lexical, cosine, weights, length) -> dict[str, float]:
        best = ranked[0].position
        others = np.ones(len(self.entries), dtype=bool)
        others[best] = False
        top_lexical = float(lexical.max()) if lexical.size else 0.0
        other_lexical = float(lexical[others].max()) if others.any() else 0.0
        total = sum(weights.values())
        unknown = (
            sum(w for word, w in weights.items() if word not in self.idf) / total if total else 1.0
        )
        features = {
            "lex_cov": ranked[0].coverage,
            "lex_rel": float(lexical[best]) / top_lexical if top_lexical > 0 else 0.0,
            "lex_gap": (float(lexical[best]) - other_lexical) / (top_lexical + 1.0),
            "unknown": unknown,
            "length": math.log1p(length),
            "fused_gap": ranked[0].fused - ranked[1].fused if len(ranked) > 1 else 1.0,
        }
        if cosine is not None:
            spread = float(cosine.std()) + 1e-6
            other_cosine = float(cosine[others].max()) if others.any() else 0.0
            features.update(
                dense_z=(float(cosine[best]) - float(cosine.mean())) / spread,
                dense_gap=(float(cosine[best]) - other_cosine) / spread,
                agree=float(int(np.argmax(cosine)) == int(np.argmax(lexical)))
                if top_lexical > 0
                else 0.0,
            )
        return features


def fusion(dense: bool) -> dict[str, float]:
    from .calibration import models

    chosen = models().get("fusion", {}).get("hybrid" if dense else "lexical")
    if not chosen:
        return WEIGHTS
    return chosen["weights"]


def answer_text(entry: Entry) -> str:
    """The second vector of a page: its question and the start of its answer."""
    return f"{entry.question}\n{entry.answer}"


def passage_text(entry: Entry) -> str:
    """What a page's vector is made of: what it is about, not the whole answer."""
    parts = [entry.question, entry.title if entry.title != entry.question else "", entry.keywords]
    return "\n".join(part for part in parts if part)
