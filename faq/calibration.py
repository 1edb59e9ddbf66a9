"""How sure retrieval is that its best page answers the question: a small logistic model.

The model's weights live in ``faq/data/calibration.json``, written by
``bench/faq_eval.py --fit`` from the *training* splits of several public Indonesian knowledge
bases and their off-topic questions; the same script reports it on the held-out splits and on
knowledge bases it never saw. Its features are scale-free (ratios, margins, z-scores), so one
threshold holds across knowledge bases of 50 or 1,000 pages.

There is one model for the hybrid ranking and one for words alone (when the dense model is
not available). ``SAMBAT_FAQ_MIN_CONFIDENCE`` overrides the fitted threshold.
"""

from __future__ import annotations

import json
import math
from functools import lru_cache
from pathlib import Path

import numpy as np
from django.conf import settings

PATH = Path(__file__).resolve().parent / "data" / "calibration.json"


@lru_cache(maxsize=1)
def models() -> dict:
    return json.loads(PATH.read_text())


def probability(features: dict[str, float], dense: bool) -> float:
    if not features:
        return 0.0
    model = models()["hybrid" if dense else "lexical"]
    return predict(model, features)


def predict(model: dict, features: dict[str, float]) -> float:
    x = np.array([features.get(name, 0.0) for name in model["features"]], dtype=float)
    z = (x - np.array(model["mean"])) / np.array(model["scale"])
    logit = float(z @ np.array(model["coef"]) + model["intercept"])
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, logit))))


def threshold(dense: bool) -> float:
    configured = getattr(settings, "SAMBAT_FAQ_MIN_CONFIDENCE", None)
    if configured is not None:
        return float(configured)
    return float(models()["hybrid" if dense else "lexical"]["threshold"])


def fit(rows: list[dict[str, float]], labels: list[int], names, l2: float = 1.0) -> dict:
    """Logistic regression by Newton's method on standardised features (numpy only)."""
    x = np.array([[row.get(name, 0.0) for name in names] for row in rows], dtype=float)
    y = np.array(labels, dtype=float)
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])
    w = np.zeros(z.shape[1])
    penalty = np.eye(z.shape[1]) * l2
    penalty[-1, -1] = 0.0  # the intercept is not shrunk
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-np.clip(z @ w, -30, 30)))
        gradient = z.T @ (p - y) + penalty @ w
        hessian = (z * (p * (1 - p))[:, None]).T @ z + penalty
        step = np.linalg.solve(hessian, gradient)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return {
        "features": list(names),
        "mean": [round(v, 6) for v in mean],
        "scale": [round(v, 6) for v in scale],
        "coef": [round(v, 6) for v in w[:-1]],
        "intercept": round(float(w[-1]), 6),
    }
