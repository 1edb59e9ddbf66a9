import numpy as np
from django.core.management.base import BaseCommand

from faq import embedding
from faq.engine import answer_text, passage_text
from faq.retrieval import build_index


class Command(BaseCommand):
    help = (
        "Hitung vektor makna semua halaman FAQ yang tayang (yang belum ada saja) dan simpan di "
        "basis data. Dengan --export BERKAS, vektor itu juga ditulis ke berkas .npz (untuk FAQ "
        "demo bawaan: faq/data/demo_vectors.npz)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--export", help="Tulis vektor halaman yang tayang ke berkas .npz.")

    def handle(self, export=None, **options):
        index = build_index().engine
        if not index.dense:
            self.stdout.write("Model makna tidak tersedia: pencarian memakai kata saja.")
            return
        texts = [f(entry) for entry in index.entries for f in (passage_text, answer_text)]
        keys = [embedding.digest(text[: embedding.MAX_CHARS]) for text in texts]
        self.stdout.write(f"{len(index.entries)} halaman, {len(set(keys))} vektor tersimpan.")
        if export:
            vectors = {key: embedding._memo[key].astype(np.float16) for key in set(keys)}
            np.savez_compressed(export, **vectors)
            self.stdout.write(f"Ditulis ke {export}.")
