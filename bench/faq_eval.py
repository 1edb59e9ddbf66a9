"""Evaluate FAQ retrieval honestly: public knowledge bases, held-out questions, unseen bases.

Knowledge bases: our own demo FAQ (faq/data/lumajang.py) and every public Indonesian set
in bench/data/faq_public/*.json (see its README for sources); off-topic questions: ours plus
bench/data/faq_public/offtopic.json. Every set's questions and the off-topic questions are
split 50/50 into train and validation by a seeded hash of the text.

- ``before``: the previous engine (BM25 over the page words, fixed score/coverage/margin
  thresholds), on the validation splits.
- ``after``: the hybrid engine; fusion weights and the confidence model fitted on the train
  splits only, reported on the validation splits.
- ``unseen``: leave one knowledge base out: fitted on the train splits of the *other* bases,
  reported on the validation split of the one left out — what a new regency's FAQ gets.

``--fit`` writes the model fitted on all train splits to faq/data/calibration.json and the
chosen fusion weights beside it (faq/engine.py reads both).

Usage: .venv/bin/python bench/faq_eval.py [--fit] [--no-dense]
Writes bench/results/faq_eval.json.
"""

from __future__ import annotations

import argparse
import hashlib
import itertools
import json
import os
import statistics
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sambat_site.settings.test")
PUBLIC = ROOT / "bench" / "data" / "faq_public"
CACHE = ROOT / "bench" / "results" / "faq_vectors.npz"  # embeddings of the sets, not committed

# A wrong answer costs two right ones, an answered off-topic question three (as rates). A wrong
# answer quotes the page's own question and offers ADUAN, so the citizen sees the mismatch.
WRONG_COST, OFF_COST = 2.0, 3.0
OLD_THRESHOLDS = (1.0, 0.3, 1.1)  # score, coverage, margin of the previous engine


@dataclass
class KnowledgeBase:
    name: str
    entries: list
    train: list = field(default_factory=list)  # (text, key)
    validation: list = field(default_factory=list)
    index: object = None
    scores: dict = field(default_factory=dict)  # text -> engine.Scores


def half(text: str, seed: str = "sambat") -> str:
    digest = hashlib.sha256(f"{seed}:{text}".encode()).digest()
    return "train" if digest[0] % 2 == 0 else "validation"


def load_sets() -> tuple[list[KnowledgeBase], dict[str, list[str]]]:
    from faq.data.lumajang import FAQS, OFF_TOPIC, PARAPHRASES
    from faq.engine import Entry

    own = KnowledgeBase(
        "lumajang (own)",
        [Entry(f["slug"], f["question"], f["question"], f["keywords"], f["answer"]) for f in FAQS],
    )
    for item in PARAPHRASES:
        getattr(own, half(item["text"])).append((item["text"], item["slug"]))
    sets = [own]
    off = {"train": [], "validation": []}
    for text in OFF_TOPIC:
        off[half(text)].append(text)
    for path in sorted(PUBLIC.glob("*.json")):
        data = json.loads(path.read_text())
        if path.stem == "offtopic":
            for text in data["queries"]:
                off[half(text)].append(text)
            continue
        base = KnowledgeBase(
            data["name"],
            [
                Entry(e["id"], e["question"], e["question"], "", e.get("answer", ""))
                for e in data["entries"]
            ],
        )
        for query in data["queries"]:
            getattr(base, half(query["text"])).append((query["text"], query["entry"]))
        sets.append(base)
    return sets, off


def load_cache():
    import numpy as np

    from faq import embedding

    if CACHE.exists():
        stored = np.load(CACHE)
        embedding._memo.update({key: stored[key] for key in stored.files})


def save_cache():
    import numpy as np

    from faq import embedding

    CACHE.parent.mkdir(parents=True, exist_ok=True)
    np.savez(CACHE, **embedding._memo)


def score_all(sets, off, dense: bool) -> dict:
    """Every question against its base; every off-topic question against every base."""
    from faq import embedding
    from faq.engine import HybridIndex

    timings = []
    started = time.perf_counter()
    for base in sets:
        base.index = HybridIndex(base.entries, dense=dense, store=False)
        for text, _key in base.train + base.validation:
            t0 = time.perf_counter()
            base.scores[text] = base.index.scores(text)
            timings.append((time.perf_counter() - t0) * 1000)
        for text in off["train"] + off["validation"]:
            base.scores[text] = base.index.scores(text)
    timings.sort()
    return {
        "dense_model": embedding.MODEL_NAME if dense and embedding.available() else "none",
        "scoring_seconds": round(time.perf_counter() - started, 1),
        "query_ms_p50": round(statistics.median(timings), 2) if timings else None,
        "query_ms_p95": round(timings[int(len(timings) * 0.95) - 1], 2) if timings else None,
    }


def rows_of(base, questions, fusion):
    from faq.engine import Ranking

    out = []
    for text, key in questions:
        ranking: Ranking = base.index.fuse(base.scores[text], 3, fusion)
        keys = [base.entries[r.position].key for r in ranking.ranked]
        out.append((ranking, keys, key))
    return out


def off_rows(sets, texts, fusion):
    return [base.index.fuse(base.scores[text], 3, fusion) for base in sets for text in texts]


def top_accuracy(sets, split, fusion) -> float:
    values = []
    for base in sets:
        rows = rows_of(base, getattr(base, split), fusion)
        values.append(sum(keys[:1] == [key] for _r, keys, key in rows) / max(len(rows), 1))
    return statistics.mean(values)


def choose_fusion(sets):
    best = None
    for full, head, answer in itertools.product(
        (0.2, 0.3, 0.4, 0.5), (0.0, 0.1), (0.0, 0.15, 0.25, 0.35)
    ):
        dense = round(1.0 - full - head - answer, 2)
        if dense < 0.15:
            continue
        fusion = {"full": full, "head": head, "dense": dense, "answer": answer}
        value = top_accuracy(sets, "train", fusion)
        if best is None or value > best[0]:
            best = (value, fusion)
    return best[1]


def fit_model(sets, off_texts, fusion, names) -> dict:
    from faq import calibration

    features, labels, in_domain = [], [], []
    for base in sets:
        for ranking, keys, key in rows_of(base, base.train, fusion):
            if ranking.ranked:
                features.append(ranking.features)
                labels.append(int(keys[0] == key))
                in_domain.append(True)
    for ranking in off_rows(sets, off_texts, fusion):
        if ranking.ranked:
            features.append(ranking.features)
            labels.append(0)
            in_domain.append(False)
    model = calibration.fit(features, labels, names)
    model["threshold"] = choose_threshold(model, sets, off_texts, fusion)
    return model


def decisions(model, sets, questions_of, off_texts, fusion):
    from faq import calibration

    per_base = []
    for base in sets:
        rows = []
        for ranking, keys, key in rows_of(base, questions_of(base), fusion):
            p = calibration.predict(model, ranking.features) if ranking.ranked else 0.0
            rows.append((p, bool(keys) and keys[0] == key, key in keys))
        per_base.append(rows)
    off = [
        calibration.predict(model, r.features) if r.ranked else 0.0
        for r in off_rows(sets, off_texts, fusion)
    ]
    return per_base, off


def choose_threshold(model, sets, off_texts, fusion) -> float:
    per_base, off = decisions(model, sets, lambda b: b.train, off_texts, fusion)
    best = None
    for threshold in [t / 100 for t in range(20, 96)]:
        value = 0.0
        for rows in per_base:
            n = max(len(rows), 1)
            right = sum(p >= threshold and ok for p, ok, _ in rows) / n
            wrong = sum(p >= threshold and not ok for p, ok, _ in rows) / n
            value += right - WRONG_COST * wrong
        value /= len(per_base)
        value -= OFF_COST * sum(p >= threshold for p in off) / max(len(off), 1)
        if best is None or value > best[0]:
            best = (value, threshold)
    return best[1]


def report(model, sets, split, off_texts, fusion) -> dict:
    per_base, off = decisions(model, sets, lambda b: getattr(b, split), off_texts, fusion)
    out = {}
    for base, rows in zip(sets, per_base, strict=True):
        out[base.name] = summarise(rows, model["threshold"])
    out["off_topic_answered"] = round(
        sum(p >= model["threshold"] for p in off) / max(len(off), 1), 3
    )
    out["off_topic_questions"] = f"{len(off_texts)} x {len(sets)} bases"
    return out


def summarise(rows, threshold) -> dict:
    n = max(len(rows), 1)
    right = sum(p >= threshold and ok for p, ok, _ in rows)
    wrong = sum(p >= threshold and not ok for p, ok, _ in rows)
    return {
        "questions": len(rows),
        "top1": round(sum(ok for _p, ok, _ in rows) / n, 3),
        "top3": round(sum(in3 for _p, _ok, in3 in rows) / n, 3),
        "answered_right": round(right / n, 3),
        "answered_wrong": round(wrong / n, 3),
        "handed_over": round((len(rows) - right - wrong) / n, 3),
    }


def before(sets, off_texts) -> dict:
    """The previous engine: rank by BM25 of the page words, answer past fixed thresholds."""
    min_score, min_coverage, min_margin = OLD_THRESHOLDS

    def old(base, text):
        scores = base.scores[text].lexical
        if not base.scores[text].tokens or not scores.any():
            return [], False
        order = list(scores.argsort()[::-1][:3])
        weights = base.index._weights(base.scores[text].tokens)
        coverage = base.index._coverage(int(order[0]), weights)
        best, second = scores[order[0]], scores[order[1]] if len(order) > 1 else 0
        confident = best >= min_score and coverage >= min_coverage
        confident = confident and not (second > 0 and best < second * min_margin)
        return [base.entries[i].key for i in order], confident

    out = {}
    for base in sets:
        rows = []
        for text, key in base.validation:
            keys, confident = old(base, text)
            rows.append((1.0 if confident else 0.0, keys[:1] == [key], key in keys))
        out[base.name] = summarise(rows, 0.5)
    answered = [old(base, text)[1] for base in sets for text in off_texts]
    out["off_topic_answered"] = round(sum(answered) / max(len(answered), 1), 3)
    return out


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="write faq/data/calibration.json")
    parser.add_argument("--no-dense", action="store_true", help="words only")
    args = parser.parse_args()

    import django

    django.setup()
    from faq import calibration, embedding
    from faq.engine import FEATURES, LEXICAL_FEATURES

    t0 = time.perf_counter()
    dense = not args.no_dense and embedding.available()
    load_seconds = time.perf_counter() - t0
    load_cache()
    sets, off = load_sets()
    results = {
        "bases": {
            b.name: {"pages": len(b.entries), "train": len(b.train), "validate": len(b.validation)}
            for b in sets
        },
        "off_topic": {k: len(v) for k, v in off.items()},
        "model_load_seconds": round(load_seconds, 3),
        **score_all(sets, off, dense),
    }
    save_cache()
    names = FEATURES if dense else LEXICAL_FEATURES
    results["before"] = before(sets, off["validation"])

    fusion = choose_fusion(sets)
    model = fit_model(sets, off["train"], fusion, names)
    results["fusion"] = {"weights": fusion}
    results["threshold"] = model["threshold"]
    results["after"] = report(model, sets, "validation", off["validation"], fusion)

    unseen = {}
    for left_out in sets if len(sets) > 1 else []:
        others = [b for b in sets if b is not left_out]
        fusion_o = choose_fusion(others)
        model_o = fit_model(others, off["train"], fusion_o, names)
        result = report(model_o, [left_out], "validation", off["validation"], fusion_o)
        unseen[left_out.name] = {
            **result[left_out.name],
            "off_topic_answered": result["off_topic_answered"],
            "threshold": model_o["threshold"],
        }
    results["unseen"] = unseen

    if args.fit:
        stored = json.loads(calibration.PATH.read_text()) if calibration.PATH.exists() else {}
        stored["hybrid" if dense else "lexical"] = model
        stored.setdefault("fusion", {})["hybrid" if dense else "lexical"] = results["fusion"]
        calibration.PATH.write_text(json.dumps(stored, indent=1) + "\n")
        results["written"] = str(calibration.PATH.relative_to(ROOT))

    out = ROOT / "bench" / "results" / ("faq_eval.json" if dense else "faq_eval_words.json")
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print(f"\nwritten to {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
