"""manage.py apply_sop_preset NAME [--dry-run]: switch the installation to a regency's SOP."""

from django.core.management.base import BaseCommand, CommandError

from workflow import presets


class Command(BaseCommand):
    help = (
        "Terapkan preset SOP (batas waktu, pengingat, kanal, zona waktu, persetujuan, jadwal "
        "laporan) pada pengaturan. Mencetak perubahan (pengaturan: lama → baru) lalu "
        "menerapkannya; --dry-run hanya mencetak. Preset: " + ", ".join(presets.all_presets()) + "."
    )

    def add_arguments(self, parser):
        parser.add_argument("name", help="nama preset, mis. lumajang-2025")
        parser.add_argument(
            "--dry-run", action="store_true", help="tampilkan perubahan tanpa menerapkannya"
        )

    def handle(self, *args, name: str, dry_run: bool, **options):
        try:
            preset = presets.get(name)
        except KeyError:
            raise CommandError(
                f"Preset “{name}” tidak ada. Pilih: {', '.join(presets.all_presets())}."
            ) from None
        changes = presets.plan(preset) if dry_run else presets.apply(preset)
        self.stdout.write(f"{preset.title} — {preset.source}")
        for change in changes:
            self.stdout.write(
                f"  {change.label}: {presets.show(change.old)} → {presets.show(change.new)}"
            )
        if not changes:
            self.stdout.write("  Tidak ada perubahan: preset ini sudah berlaku.")
        elif dry_run:
            self.stdout.write(self.style.WARNING(f"{len(changes)} perubahan (belum diterapkan)."))
        else:
            self.stdout.write(self.style.SUCCESS(f"{len(changes)} perubahan diterapkan."))
