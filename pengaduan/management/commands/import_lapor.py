import argparse
from pathlib import Path
from textwrap import fill

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, DjangoHelpFormatter

from pengaduan import lapor
from workflow import policy


class HelpFormatter(DjangoHelpFormatter, argparse.RawDescriptionHelpFormatter):
    """Keep the column list of the description on its own lines."""


class Command(BaseCommand):
    help = "\n\n".join(
        [
            fill("Impor ekspor SP4N-LAPOR! (CSV atau XLSX) menjadi aduan berkanal LAPOR!.", 78),
            fill(
                "Nomor tracking LAPOR! disimpan dan unik: impor ulang hanya memperbarui data "
                "LAPOR! (status, disposisi, kategori, judul, isi; isi aduan hanya selama belum "
                "diverifikasi dan belum diubah admin), tidak pernah menggandakan aduan. Semua "
                "baris atau tidak sama sekali: setiap baris yang salah disebutkan nomornya "
                "(“baris N: alasan”) dan tidak ada yang tersimpan. Tidak ada WhatsApp yang "
                "dikirim; aduan baru menunggu verifikasi di antrean admin.",
                78,
            ),
            "Kolom (judul kolom tidak peka huruf besar/kecil; varian umum dikenali):\n"
            + lapor.help_text(),
            fill(
                "CSV: UTF-8 (dengan/tanpa BOM), pemisah “,” atau “;”. Maks. "
                f"{lapor.MAX_FILE_BYTES // 2**20} MB dan {lapor.MAX_ROWS} baris per berkas.",
                78,
            ),
        ]
    )

    def create_parser(self, prog_name, subcommand, **kwargs):
        kwargs["formatter_class"] = HelpFormatter
        return super().create_parser(prog_name, subcommand, **kwargs)

    def add_arguments(self, parser):
        parser.add_argument("path", help="Berkas ekspor LAPOR! (.csv atau .xlsx).")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Periksa dan jalankan impor lalu batalkan: tidak ada yang tersimpan.",
        )
        parser.add_argument(
            "--user",
            default="",
            help="Nama pengguna petugas yang dicatat di riwayat (bawaan: Sistem).",
        )

    def handle(self, path, dry_run, user, **options):
        by = policy.SYSTEM_ACTOR
        if user:
            by = get_user_model().objects.filter(username=user, is_active=True).first()
            if by is None:
                raise CommandError(f"Pengguna {user!r} tidak ditemukan atau tidak aktif.")
        file = Path(path)
        try:
            if file.stat().st_size > lapor.MAX_FILE_BYTES:
                raise CommandError(
                    f"Berkas terlalu besar (maks. {lapor.MAX_FILE_BYTES // 2**20} MB)."
                )
            data = file.read_bytes()
        except OSError as exc:
            raise CommandError(str(exc)) from exc
        try:
            result = lapor.import_file(data, file.name, by=by, dry_run=dry_run)
        except lapor.LaporFileError as exc:
            raise CommandError(
                f"Tidak ada yang diimpor ({len(exc.errors)} masalah):\n" + "\n".join(exc.errors)
            ) from exc
        self.stdout.write(self.style.SUCCESS(result.summary()))
