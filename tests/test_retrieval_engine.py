"""The hybrid FAQ engine: words and meaning fused, a calibrated confidence, vectors that are
computed once and shared, and a words-only path where the dense model is not available."""

import numpy as np
import pytest

from faq import calibration, embedding, retrieval
from faq.engine import FEATURES, LEXICAL_FEATURES, Entry, HybridIndex
from faq.models import TextVector
from faq.retrieval import build_index, is_confident, search

KB = [
    Entry("ktp", "Apa yang harus dilakukan jika KTP-el hilang?", answer="Lapor kehilangan."),
    Entry("akta", "Apa syarat membuat akta kelahiran?", answer="Surat keterangan lahir."),
    Entry("pbb", "Bagaimana cara membayar PBB?", answer="Di bank atau kantor pos."),
    Entry("air", "Kenapa air PDAM mati?", answer="Hubungi PDAM."),
]


def test_the_calibration_file_matches_the_engine():
    models = calibration.models()
    assert models["hybrid"]["features"] == list(FEATURES)
    assert models["lexical"]["features"] == list(LEXICAL_FEATURES)
    for model in (models["hybrid"], models["lexical"]):
        assert 0.3 <= model["threshold"] <= 0.95
        assert len(model["coef"]) == len(model["mean"]) == len(model["scale"])


def test_meaning_finds_what_words_miss():
    index = HybridIndex(KB, store=False)
    assert index.dense
    # No word in common with the page after normalisation: "bikin akte" vs "membuat akta".
    ranking = index.rank("anak sy br lahir, ngurus suratnya gmn")
    assert KB[ranking.ranked[0].position].key == "akta"
    assert set(FEATURES) <= set(ranking.features)


def test_the_same_words_rank_without_the_dense_model():
    index = HybridIndex(KB, dense=False)
    assert not index.dense
    ranking = index.rank("ktp sy ilang")
    assert KB[ranking.ranked[0].position].key == "ktp"
    assert set(LEXICAL_FEATURES) <= set(ranking.features)
    assert "dense_z" not in ranking.features


def test_fit_learns_which_way_a_feature_points():
    rows = [{"x": float(v)} for v in range(-10, 11)]
    labels = [int(v > 0) for v in range(-10, 11)]
    model = calibration.fit(rows, labels, ["x"])
    assert calibration.predict(model, {"x": 8.0}) > 0.9
    assert calibration.predict(model, {"x": -8.0}) < 0.1


def test_page_vectors_are_stored_once_and_reused(faq_pages, monkeypatch):
    build_index()
    stored = TextVector.objects.count()
    # Two vectors a page: what it is about, and its question with its answer.
    assert stored == 2 * len(faq_pages)
    calls = []
    model = embedding._model()
    real = model.passage
    monkeypatch.setattr(model, "passage", lambda texts: calls.append(len(texts)) or real(texts))
    embedding._memo.clear()  # a new worker: nothing in memory
    build_index()
    assert calls == []  # every vector came from the database
    assert TextVector.objects.count() == stored


def test_a_new_page_embeds_only_itself(faq_pages, monkeypatch):
    build_index()
    model = embedding._model()
    real = model.passage
    calls = []
    monkeypatch.setattr(model, "passage", lambda texts: calls.append(len(texts)) or real(texts))
    page = faq_pages["ktp-el-hilang"]
    page.keywords += ", ktp rusak"
    page.save()
    build_index()
    assert calls == [1]


def test_search_without_the_dense_model_still_answers(faq_pages, settings):
    settings.SAMBAT_FAQ_DENSE = False
    retrieval._cache["index"] = None  # as after a restart with the setting
    hits = search("KTP hilang")
    assert hits[0].question == "Apa yang harus dilakukan jika KTP-el hilang?"
    assert hits[0].threshold == calibration.models()["lexical"]["threshold"]
    assert is_confident(hits)


@pytest.mark.parametrize(
    "question", ["berapa harga bitcoin hari ini?", "resep rendang padang", "jadwal liga inggris"]
)
def test_off_topic_questions_are_below_the_threshold(faq_pages, question):
    hits = search(question)
    assert not is_confident(hits), (hits[0].question, hits[0].confidence)


def test_the_vectors_are_unit_length():
    vectors = embedding.passage_vectors(["KTP hilang", "akta kelahiran"], store=False)
    assert vectors.shape == (2, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-3)
