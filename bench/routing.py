"""Agency routing: accuracy on labelled sets, and what training and suggesting cost at scale.

Accuracy (no database needed): every ``text,agency`` CSV given (default: the synthetic
pengaduan/data/routing_labelled.csv and the real SP4N-LAPOR! Samarinda 2024 export in
bench/data/routing_public/) is split 75/25 with a fixed seed, trained on the 75 % (the blend
chosen by cross-validation inside it), reported on the 25 %: top-1 / top-3 of the new router,
of the previous one (neighbours + centroids + keywords, no linear model), and of the majority
class.

Scale: a regency-sized history of 10,000 complaints over 200 agencies, made by resampling
the labelled texts with their words shuffled (timing and size only: its accuracy means
nothing), trained once; reports training seconds, stored model size and suggestion latency.

Usage: .venv/bin/python bench/routing.py [CSV ...] [--no-scale]
Writes bench/results/routing.json.
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import random
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "sambat_site.settings.test")
DEFAULTS = [
    ROOT / "pengaduan" / "data" / "routing_labelled.csv",
    ROOT / "bench" / "data" / "routing_public" / "samarinda_sp4n_2024_agency.csv",
]


def read(path: Path) -> list[tuple[str, str]]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        return [(r["text"], r["agency"]) for r in csv.DictReader(handle) if r["text"]]


def accuracy(router, rows) -> tuple[float, float]:
    top1 = top3 = 0
    for text, label in rows:
        ranked = [s.label for s in router.suggest(text, limit=3)]
        top1 += ranked[:1] == [label]
        top3 += label in ranked
    return round(top1 / len(rows), 3), round(top3 / len(rows), 3)


def evaluate(path: Path) -> dict:
    from pengaduan.routing import Router

    rows = read(path)
    random.Random(7).shuffle(rows)
    cut = int(len(rows) * 0.75)
    train, test = rows[:cut], rows[cut:]
    router = Router.train(train, {})
    previous = Router.train(train, {}, choose_blend=False)
    previous.linear = None  # what the router was before the linear model
    majority = Counter(label for _t, label in train).most_common(3)
    return {
        "train": len(train),
        "test": len(test),
        "agencies": len({label for _t, label in rows}),
        "top1_top3": accuracy(router, test),
        "previous_top1_top3": accuracy(previous, test),
        "majority_top1_top3": (
            round(sum(label == majority[0][0] for _t, label in test) / len(test), 3),
            round(sum(label in {m for m, _n in majority} for _t, label in test) / len(test), 3),
        ),
        "blend": router.blend,
    }


def scale(paths) -> dict:
    from pengaduan.routing import Router

    texts = [text for path in paths for text, _label in read(path)]
    rng = random.Random(11)
    rows = []
    for i in range(10_000):
        words = rng.choice(texts).split()
        rng.shuffle(words)
        rows.append((" ".join(words), f"OPD-{i % 200:03d}"))
    started = time.perf_counter()
    router = Router.train(rows, {})
    train_seconds = time.perf_counter() - started
    stored = json.dumps(router.to_json())
    started = time.perf_counter()
    loaded = Router.from_json(json.loads(stored))
    load_seconds = time.perf_counter() - started
    timings = []
    for text in texts[:300]:
        started = time.perf_counter()
        loaded.suggest(text)
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return {
        "rows": len(rows),
        "agencies": 200,
        "train_seconds_with_cv": round(train_seconds, 1),
        "stored_mb": round(len(stored) / 1e6, 1),
        "load_seconds": round(load_seconds, 2),
        "suggest_ms_p50": round(statistics.median(timings), 1),
        "suggest_ms_p95": round(timings[int(len(timings) * 0.95) - 1], 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path)
    parser.add_argument("--no-scale", action="store_true")
    args = parser.parse_args()
    import django

    django.setup()
    paths = args.paths or DEFAULTS
    results = {path.name: evaluate(path) for path in paths}
    if not args.no_scale:
        results["scale"] = scale(paths)
    out = ROOT / "bench" / "results" / "routing.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(results, indent=2, ensure_ascii=False))
    print(json.dumps(results, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
