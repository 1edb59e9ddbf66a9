"""One command from a fresh clone to a running Sambat Bunda with demo data (README, first block)."""

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from pengaduan.management.commands.seed_demo import DEMO_PASSWORD

DEMO_LOGINS = [
    ("adminpengaduan", "Admin Pengaduan (Diskominfo): verifikasi, disposisi, laporan"),
    ("validator", "Validator: pemeriksaan NIK"),
    ("opd.dputr", "Admin OPD Dinas PUTR"),
    ("opd.dinkes", "Admin OPD Dinas Kesehatan (tanggapan perlu persetujuan)"),
    ("sekdin.dinkes", "Pejabat Penghubung Dinas Kesehatan: menyetujui tanggapan"),
    ("kadis.dputr", "Kepala OPD Dinas PUTR"),
    ("opd.kec-pasirian", "Admin OPD Kecamatan Pasirian"),
    ("editorfaq", "Editor FAQ"),
    ("admin", "Superuser"),
]


class Command(BaseCommand):
    help = (
        "Siapkan dan jalankan Sambat Bunda di komputer ini: migrasi basis data, data contoh, "
        "berkas statis, lalu semua proses di Procfile (web, worker Dramatiq, penjadwal) dengan "
        "bawaan tertanam (SQLite, Redis tertanam, WhatsApp ke konsol)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument(
            "--no-run", action="store_true", help="Hanya siapkan data, jangan jalankan server."
        )

    def handle(self, *args, **options):
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Basis data siap. Memuat data contoh…")
        call_command("seed_demo", stdout=self.stdout)
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["no_run"]:
            return
        self.print_welcome(options["port"])
        self.run_procfile(options["port"])

    def print_welcome(self, port: int) -> None:
        base = f"http://127.0.0.1:{port}"
        lines = [
            "",
            "Sambat Bunda berjalan:",
            f"  Situs publik : {base}/",
            f"  Admin petugas: {base}/admin/",
            f"  Kata sandi semua akun contoh: {DEMO_PASSWORD}",
        ]
        lines += [f"    {username:<18} {role}" for username, role in DEMO_LOGINS]
        lines += ["  Hentikan dengan Ctrl+C.", ""]
        self.stdout.write(self.style.SUCCESS("\n".join(lines)))

    def run_procfile(self, port: int) -> None:
        venv_bin = Path(sys.executable).parent
        honcho = shutil.which("honcho", path=str(venv_bin)) or shutil.which("honcho")
        env = {
            **os.environ,
            "PORT": str(port),
            "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}",
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "sambat_site.settings.dev"
            ),
            "PYTHONUNBUFFERED": "1",
        }
        if settings.REDIS_EMBEDDED:
            # This process started the embedded Redis (the settings did); the children share
            # it through its socket, and it stops when the quickstart stops.
            env["REDIS_URL"] = settings.REDIS_URL
        procfile = Path(settings.BASE_DIR) / "Procfile"
        command = [honcho, "-f", str(procfile), "start"]
        process = subprocess.Popen(command, env=env, cwd=settings.BASE_DIR)

        def stop(signum, frame):
            raise KeyboardInterrupt

        # A plain SIGTERM would skip the clean-up below and leave redis-server running.
        for sig in (signal.SIGTERM, signal.SIGHUP):
            signal.signal(sig, stop)
        try:
            returncode = process.wait()
        except KeyboardInterrupt:
            process.terminate()
            try:
                returncode = process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                returncode = process.wait()
        finally:
            if settings.REDIS_EMBEDDED:
                from sambat_site.broker import shutdown_all

                shutdown_all()
        if returncode not in (0, -2, -15, 130, 143):
            sys.exit(returncode)
