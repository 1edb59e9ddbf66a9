from django.core.management.base import BaseCommand

from home.setup import ensure_public_pages


class Command(BaseCommand):
    help = (
        "Buat halaman situs publik yang belum ada: Panduan (cara mengakses, cara menyampaikan "
        "aduan, alur penanganan, etika penggunaan), Statistik, dan FAQ di menu, dengan moderasi "
        "Wagtail (Editor FAQ mengajukan, Admin Pengaduan menerbitkan). Aman dijalankan ulang; "
        "halaman yang sudah ada dan sudah disunting tidak diubah."
    )

    def handle(self, *args, **options):
        pages = ensure_public_pages()
        self.stdout.write(
            self.style.SUCCESS(
                f"Situs publik siap: {1 + len(pages['guides'])} halaman panduan, statistik, FAQ."
            )
        )
