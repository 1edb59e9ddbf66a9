"""Evaluate offline FAQ retrieval on the paraphrase set (faq/data/lumajang.py).

Loads the demo FAQ pages (faq/data) into a throwaway database, then asks every informal paraphrase
and every off-topic question. Reports retrieval top-1 / top-3, and — with the confidence
thresholds of the settings — how often the bot answers correctly, answers wrongly, or stays
silent; off-topic questions must stay unanswered. ``--tune`` searches the thresholds.

Usage: .venv/bin/python bench/faq_eval.py [--tune]
Writes bench/results/faq_eval.json.
"""

import argparse
import itertools
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sambat_site.settings.test")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tune", action="store_true")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import connection
    from django.test.utils import setup_test_environment

    setup_test_environment()
    old_name = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        results = run(args)
    finally:
        connection.creation.destroy_test_db(old_name, verbosity=0)
    out = ROOT / "bench" / "results" / "faq_eval.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    for key, value in results.items():
        if key != "misses":
            print(f"{key:<34} {value}")
    print(f"\nwritten to {out.relative_to(ROOT)}")


def load_pages():
    from faq.data.lumajang import FAQS
    from faq.setup import FaqRow, ensure_faq_index, upsert_faq

    index = ensure_faq_index()
    slugs = {}
    for item in FAQS:
        page, _created = upsert_faq(
            index,
            FaqRow(
                question=item["question"],
                answer=item["answer"],
                category=item["category"],
                keywords=item["keywords"],
                slug=item["slug"],
            ),
        )
        slugs[page.pk] = item["slug"]
    return slugs


def decide(hits, min_score, min_coverage, min_margin):
    if not hits:
        return False
    best = hits[0]
    if best.score < min_score or best.coverage < min_coverage:
        return False
    return not (len(hits) > 1 and hits[1].score > 0 and best.score < hits[1].score * min_margin)


def measure(rows, off_topic, thresholds):
    answered_right = answered_wrong = silent = 0
    for slug, hits, slug_of in rows:
        if decide(hits, *thresholds):
            if slug_of.get(hits[0].page_id) == slug:
                answered_right += 1
            else:
                answered_wrong += 1
        else:
            silent += 1
    off_answered = sum(decide(hits, *thresholds) for hits in off_topic)
    return answered_right, answered_wrong, silent, off_answered


def answer_latency(paraphrases, off_topic) -> dict:
    """What a citizen waits for on the offline path: the whole answerer, decision included."""
    from faq.answerer import FaqAnswerer

    answerer = FaqAnswerer()
    questions = [item["text"] for item in paraphrases] + list(off_topic)
    timings = []
    for rounds in range(3):
        for question in questions:
            started = time.perf_counter()
            answerer.answer(question, allow_network=False)
            if rounds:  # the first round warms the caches up
                timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "answer_ms_p50": round(statistics.median(timings), 2),
        "answer_ms_p95": round(timings[int(len(timings) * 0.95) - 1], 2),
        "answer_ms_max": round(timings[-1], 2),
        "answers_timed": len(timings),
    }


def run(args):
    from django.conf import settings

    from faq.data.lumajang import OFF_TOPIC, PARAPHRASES
    from faq.retrieval import search

    slug_of = load_pages()
    top1 = top3 = 0
    rows, misses, timings = [], [], []
    for item in PARAPHRASES:
        started = time.perf_counter()
        hits = search(item["text"], limit=3)
        timings.append((time.perf_counter() - started) * 1000)
        ranked = [slug_of.get(h.page_id) for h in hits]
        top1 += bool(ranked) and ranked[0] == item["slug"]
        top3 += item["slug"] in ranked
        if not ranked or ranked[0] != item["slug"]:
            misses.append({"text": item["text"], "expected": item["slug"], "got": ranked})
        rows.append((item["slug"], hits, slug_of))
    off = [search(text, limit=3) for text in OFF_TOPIC]
    current = (
        settings.SAMBAT_FAQ_MIN_SCORE,
        settings.SAMBAT_FAQ_MIN_COVERAGE,
        settings.SAMBAT_FAQ_MIN_MARGIN,
    )
    right, wrong, silent, off_answered = measure(rows, off, current)
    n = len(PARAPHRASES)
    results = {
        "faq_pages": len(slug_of),
        "paraphrases": n,
        "retrieval_top1": round(top1 / n, 3),
        "retrieval_top3": round(top3 / n, 3),
        "thresholds (score, coverage, margin)": list(current),
        "answered_correctly": round(right / n, 3),
        "answered_wrongly": round(wrong / n, 3),
        "stayed_silent": round(silent / n, 3),
        "off_topic_questions": len(OFF_TOPIC),
        "off_topic_answered": off_answered,
        "search_ms_median": round(statistics.median(timings), 2),
        **answer_latency(PARAPHRASES, OFF_TOPIC),
        "misses": misses,
    }
    if args.tune:
        best = None
        for thresholds in itertools.product(
            (1.0, 2.0, 3.0, 4.0, 5.0), (0.3, 0.4, 0.5, 0.6, 0.7), (1.0, 1.1, 1.2, 1.3, 1.5)
        ):
            r, w, _s, o = measure(rows, off, thresholds)
            # A wrong answer costs four right ones; an answered off-topic question five.
            value = r - 4 * w - 5 * o
            if best is None or value > best[0]:
                best = (value, thresholds, r, w, o)
        results["tuned_thresholds"] = list(best[1])
        results["tuned_answered_correctly"] = round(best[2] / n, 3)
        results["tuned_answered_wrongly"] = round(best[3] / n, 3)
        results["tuned_off_topic_answered"] = best[4]
    return results


if __name__ == "__main__":
    main()
