from django.core.management.base import BaseCommand

from faq.setup import ensure_faq_index


class Command(BaseCommand):
    help = (
        "Buat bagian FAQ (di bawah Beranda) beserta alur moderasinya: Editor FAQ menulis dan "
        "mengajukan, Admin Pengaduan menyetujui dan menerbitkan. Aman dijalankan berulang."
    )

    def handle(self, *args, **options):
        index = ensure_faq_index()
        self.stdout.write(self.style.SUCCESS(f"Bagian FAQ siap: {index.url_path} (id {index.pk})."))
