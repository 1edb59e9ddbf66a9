import json

from django.core.management.base import BaseCommand

from pengaduan.routing import suggest


class Command(BaseCommand):
    help = "Tampilkan tiga OPD yang paling mungkin menangani sebuah teks aduan, dengan skornya."

    def add_arguments(self, parser):
        parser.add_argument("text")
        parser.add_argument("--json", action="store_true")

    def handle(self, text, **options):
        rows = [
            {"agency": agency.short_name, "name": agency.name, "score": s.score, "reason": s.reason}
            for agency, s in suggest(text)
        ]
        if options["json"]:
            self.stdout.write(json.dumps(rows, ensure_ascii=False))
            return
        for row in rows:
            self.stdout.write(
                f"{row['score']:.3f}  {row['agency']:<16} {row['name']}  ({row['reason']})"
            )
