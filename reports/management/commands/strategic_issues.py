import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reports.topics import strategic_issues


class Command(BaseCommand):
    help = (
        "Laporan isu strategis: topik aduan terbanyak dan yang naik dibanding periode "
        "sebelumnya, dengan OPD terkait. `strategic_issues --days 7 [--until 2025-04-30]`; "
        "--days 365 untuk laporan tahunan."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=7)
        parser.add_argument("--until", help="hari terakhir periode, YYYY-MM-DD (bawaan: hari ini)")

    def handle(self, *args, **options):
        try:
            last = dt.date.fromisoformat(options["until"]) if options["until"] else None
        except ValueError as exc:
            raise CommandError("Tanggal tidak valid; tulis seperti 2025-04-30.") from exc
        last = last or timezone.localdate()
        tz = timezone.get_default_timezone()
        end = dt.datetime.combine(last + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
        result = strategic_issues(end - dt.timedelta(days=max(1, options["days"])), end)
        self.stdout.write(f"{result['complaints']} aduan. Topik terbanyak:")
        for topic in result["top"]:
            where = ", ".join(f"{name} {n}" for name, n in topic.agencies)
            self.stdout.write(
                f"  {topic.term}: {topic.count} (sebelumnya {topic.previous}) {where}"
            )
        self.stdout.write("Topik yang naik:")
        for topic in result["rising"]:
            self.stdout.write(f"  {topic.term}: {topic.previous} → {topic.count}")
