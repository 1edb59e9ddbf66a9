from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from faq.retrieval import current_index
from faq.setup import ensure_faq_index, read_csv, upsert_faq


class Command(BaseCommand):
    help = (
        "Impor FAQ dari CSV berkolom question,answer (opsional category,agency,keywords). "
        "Pertanyaan yang sudah ada diperbarui, bukan digandakan. Semua baris atau tidak sama "
        "sekali: baris yang salah disebutkan nomornya dan tidak ada yang tersimpan."
    )

    def add_arguments(self, parser):
        parser.add_argument("path", help="Berkas CSV (UTF-8).")
        parser.add_argument(
            "--draft",
            action="store_true",
            help="Simpan sebagai draf untuk dimoderasi, jangan langsung terbit.",
        )

    def handle(self, path, draft, **options):
        try:
            rows = read_csv(path)
        except (OSError, ValueError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from exc
        created = updated = 0
        with transaction.atomic():
            index = ensure_faq_index()
            for row in rows:
                _page, is_new = upsert_faq(index, row, publish=not draft)
                created += is_new
                updated += not is_new
        # Embed the new and changed pages now, not in the first citizen's request.
        current_index()
        self.stdout.write(
            self.style.SUCCESS(f"{created} FAQ baru, {updated} diperbarui ({len(rows)} baris).")
        )
