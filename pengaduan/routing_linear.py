"""The linear part of agency routing: a linear SVM over word and character n-grams.

Training uses scikit-learn; using the model needs only the stored vocabulary, IDF weights and
the largest weights of each agency (a sparse matrix, base64 inside the JSON of
``RoutingModel.data``) — no pickle is ever loaded.

Features, both TF-IDF with sublinear counts and L2-normalised per block:
- words: uni- and bigrams of the normalised, stemmed tokens (faq/text.py ``tokens``);
- characters: 2- to 5-grams inside each slang-expanded word, padded with spaces, so that
  "jeglongan", "lobang" and "berlubang" share evidence where no dictionary lists them.
Scores are raw decision values; pengaduan/routing.py turns them into probabilities with a
softmax whose temperature is fitted on out-of-fold scores.
"""

from __future__ import annotations

import base64
import itertools
from collections import Counter

import numpy as np

from faq.text import tokens, words

C = 0.5  # SVM regularisation; the usual value for TF-IDF text, not tuned on a report set
MAX_CHAR_FEATURES = 60_000
KEEP_PER_AGENCY = 6_000  # largest weights kept per agency: a few MB for 200 agencies


def word_grams(text: str) -> list[str]:
    found = tokens(text)
    return found + [f"{a} {b}" for a, b in itertools.pairwise(found)]


def char_grams(text: str) -> list[str]:
    out = []
    for word in words(text):
        padded = f" {word} "
        for size in range(2, 6):
            out.extend(padded[i : i + size] for i in range(len(padded) - size + 1))
    return out


ANALYZERS = {"word": word_grams, "char": char_grams}


class LinearModel:
    def __init__(self, classes, vocabularies, idfs, weights, intercept):
        self.classes: list[str] = classes
        self.vocabularies: dict[str, dict[str, int]] = vocabularies
        self.idfs: dict[str, np.ndarray] = {k: np.asarray(v, dtype=float) for k, v in idfs.items()}
        self.offsets = {"word": 0, "char": len(vocabularies["word"])}
        self.weights = weights  # scipy CSR, features x agencies, the largest weights only
        self.intercept = np.asarray(intercept, dtype=float)

    @classmethod
    def train(cls, pairs: list[tuple[str, str]]) -> LinearModel | None:
        labels = [label for _text, label in pairs]
        if len(set(labels)) < 2:
            return None
        from scipy.sparse import csr_matrix, hstack
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        texts = [text for text, _label in pairs]
        blocks, vocabularies, idfs = [], {}, {}
        for name, analyzer in ANALYZERS.items():
            vectorizer = TfidfVectorizer(
                analyzer=analyzer,
                sublinear_tf=True,
                min_df=2 if name == "char" and len(texts) > 200 else 1,
                max_features=MAX_CHAR_FEATURES if name == "char" else None,
            )
            blocks.append(vectorizer.fit_transform(texts))
            vocabularies[name] = {term: int(i) for term, i in vectorizer.vocabulary_.items()}
            idfs[name] = vectorizer.idf_
        svm = LinearSVC(C=C)
        svm.fit(hstack(blocks).tocsr(), labels)
        classes = [str(c) for c in svm.classes_]
        coef, intercept = svm.coef_, svm.intercept_
        if len(classes) == 2:  # one row for two classes: make it one per class
            coef = np.vstack([-coef[0], coef[0]]) / 2
            intercept = np.array([-intercept[0], intercept[0]]) / 2
        keep = min(KEEP_PER_AGENCY, coef.shape[1])
        rows = np.repeat(np.arange(coef.shape[0]), keep)
        columns = np.argpartition(-np.abs(coef), keep - 1, axis=1)[:, :keep].ravel()
        values = coef[rows, columns]
        weights = csr_matrix(
            (values.astype(np.float32), (columns, rows)), shape=(coef.shape[1], len(classes))
        )
        weights.eliminate_zeros()
        return cls(classes, vocabularies, idfs, weights, intercept)

    def features(self, texts: list[str]):
        """TF-IDF rows (sublinear counts, each block L2-normalised) of ``texts``."""
        from scipy.sparse import csr_matrix

        data, indices, indptr = [], [], [0]
        for text in texts:
            for name, analyzer in ANALYZERS.items():
                vocabulary, offset = self.vocabularies[name], self.offsets[name]
                counts = Counter(vocabulary[g] for g in analyzer(text) if g in vocabulary)
                if not counts:
                    continue
                index = np.fromiter(counts.keys(), dtype=np.int64)
                value = (1 + np.log(np.fromiter(counts.values(), dtype=float))) * self.idfs[name][
                    index
                ]
                value /= np.linalg.norm(value) or 1.0
                indices.append(index + offset)
                data.append(value)
            indptr.append(sum(len(i) for i in indices))
        size = self.weights.shape[0]
        if not indices:
            return csr_matrix((len(texts), size))
        return csr_matrix(
            (np.concatenate(data), np.concatenate(indices), np.array(indptr)),
            shape=(len(texts), size),
        )

    def decisions(self, texts: list[str]) -> list[dict[str, float]]:
        scores = (self.features(texts) @ self.weights).toarray() + self.intercept
        return [dict(zip(self.classes, row.tolist(), strict=True)) for row in scores]

    def decision(self, text: str) -> dict[str, float]:
        return self.decisions([text])[0]

    def to_json(self) -> dict:
        weights = self.weights.tocsr()
        return {
            "classes": self.classes,
            "vocabularies": self.vocabularies,
            "idfs": {k: _pack(v, np.float32) for k, v in self.idfs.items()},
            "weights": {
                "shape": list(weights.shape),
                "data": _pack(weights.data, np.float16),
                "indices": _pack(weights.indices, np.int32),
                "indptr": _pack(weights.indptr, np.int32),
            },
            "intercept": [round(float(v), 5) for v in self.intercept],
        }

    @classmethod
    def from_json(cls, data: dict) -> LinearModel:
        from scipy.sparse import csr_matrix

        w = data["weights"]
        weights = csr_matrix(
            (
                _unpack(w["data"], np.float16).astype(np.float32),
                _unpack(w["indices"], np.int32),
                _unpack(w["indptr"], np.int32),
            ),
            shape=tuple(w["shape"]),
        )
        idfs = {k: _unpack(v, np.float32) for k, v in data["idfs"].items()}
        return cls(data["classes"], data["vocabularies"], idfs, weights, data["intercept"])


def _pack(values, dtype) -> str:
    """Numbers as base64 of little-endian bytes: compact inside the JSON of RoutingModel."""
    little = np.dtype(dtype).newbyteorder("<")
    return base64.b64encode(np.asarray(values).astype(little).tobytes()).decode()


def _unpack(text: str, dtype) -> np.ndarray:
    return np.frombuffer(base64.b64decode(text), dtype=np.dtype(dtype).newbyteorder("<")).copy()


def softmax(scores: dict[str, float], temperature: float) -> dict[str, float]:
    if not scores:
        return {}
    values = np.array(list(scores.values())) / max(temperature, 1e-6)
    values = np.exp(values - values.max())
    values /= values.sum()
    return dict(zip(scores, values.tolist(), strict=True))
