from django.core.management.base import BaseCommand

from pengaduan.routing import retrain


class Command(BaseCommand):
    help = (
        "Latih ulang model saran OPD dari disposisi yang diterima OPD dan aduan historis yang "
        "diimpor (juga dijalankan terjadwal setiap malam)."
    )

    def handle(self, *args, **options):
        model = retrain()
        self.stdout.write(self.style.SUCCESS(f"Model dilatih dari {model.examples} contoh."))
