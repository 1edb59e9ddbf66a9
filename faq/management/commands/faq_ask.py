import json

from django.core.management.base import BaseCommand

from faq.retrieval import is_confident, search


class Command(BaseCommand):
    help = (
        "Cari jawaban FAQ untuk sebuah pertanyaan secara offline (kata dan makna): tampilkan "
        "halaman teratas dengan skor, cakupan kata, keyakinan, dan apakah cukup yakin untuk "
        "dikirim bot."
    )

    def add_arguments(self, parser):
        parser.add_argument("question")
        parser.add_argument("--limit", type=int, default=3)
        parser.add_argument("--json", action="store_true", help="Keluaran JSON.")

    def handle(self, question, limit, **options):
        hits = search(question, limit=limit)
        confident = is_confident(hits)
        rows = [
            {
                "page_id": hit.page_id,
                "title": hit.title,
                "url": hit.url,
                "score": round(hit.score, 3),
                "coverage": hit.coverage,
                "confidence": hit.confidence if rank == 0 else None,
                "threshold": hit.threshold,
                "confident": confident and rank == 0,
            }
            for rank, hit in enumerate(hits)
        ]
        if options["json"]:
            self.stdout.write(
                json.dumps({"question": question, "results": rows}, ensure_ascii=False)
            )
            return
        if not rows:
            self.stdout.write("Tidak ada halaman FAQ yang cocok.")
        for row in rows:
            mark = "✓" if row["confident"] else " "
            self.stdout.write(
                f"{mark} [{row['page_id']}] {row['title']}  skor {row['score']}  "
                f"cakupan {row['coverage']}"
                + (f"  keyakinan {row['confidence']}" if row["confidence"] is not None else "")
                + f"\n    {row['url']}"
            )
