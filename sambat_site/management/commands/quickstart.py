"""One command from a fresh clone to a running Sambat Bunda with demo data (README, first block)."""

import os
import shutil
import signal
import subprocess
import sys
import threading
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

from faq.retrieval import current_index
from pengaduan.management.commands.seed_demo import DEMO_PASSWORD
from sambat_site import broker, serving

WATCH_SECONDS = 2.0

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
        base_url = self.serve_at(options["port"])
        call_command("migrate", interactive=False, verbosity=0)
        self.stdout.write("Basis data siap. Memuat data contoh…")
        call_command("seed_demo", stdout=self.stdout)
        current_index()  # the FAQ vectors, once, before the first visitor asks
        call_command("collectstatic", interactive=False, verbosity=0)
        if options["no_run"]:
            return
        self.print_welcome(base_url)
        self.run_procfile(options["port"], base_url)

    def serve_at(self, port: int) -> str:
        """Every absolute link comes from SAMBAT_PUBLIC_BASE_URL: the port served, unless the
        operator set the address (a tunnel, a LAN name) in the environment."""
        base_url = (
            os.environ.get("SAMBAT_PUBLIC_BASE_URL")
            or os.environ.get("WAGTAILADMIN_BASE_URL")
            or f"http://127.0.0.1:{port}"
        ).rstrip("/")
        settings.SAMBAT_PUBLIC_BASE_URL = settings.WAGTAILADMIN_BASE_URL = base_url
        return base_url

    def print_welcome(self, base: str) -> None:
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

    def child_env(self, port: int, base_url: str) -> dict[str, str]:
        venv_bin = Path(sys.executable).parent
        env = {
            **os.environ,
            "PORT": str(port),
            "SAMBAT_PUBLIC_BASE_URL": base_url,
            "PATH": f"{venv_bin}{os.pathsep}{os.environ.get('PATH', '')}",
            "DJANGO_SETTINGS_MODULE": os.environ.get(
                "DJANGO_SETTINGS_MODULE", "sambat_site.settings.dev"
            ),
            "PYTHONUNBUFFERED": "1",
        }
        if settings.REDIS_EMBEDDED:
            # The children share this process's embedded Redis through its socket.
            env["REDIS_URL"] = settings.REDIS_URL
        return env

    def run_procfile(self, port: int, base_url: str) -> None:
        venv_bin = Path(sys.executable).parent
        honcho = shutil.which("honcho", path=str(venv_bin)) or shutil.which("honcho")
        procfile = Path(settings.BASE_DIR) / "Procfile"
        command = [honcho, "-f", str(procfile), "start"]
        serving.announce(settings.VAR_DIR, base_url)
        watchdog = self.watch_redis()
        process = subprocess.Popen(
            command, env=self.child_env(port, base_url), cwd=settings.BASE_DIR
        )

        def stop(signum, frame):
            raise KeyboardInterrupt

        # A plain SIGTERM would skip the clean-up below and leave redis-server running; SIGINT
        # is set too, as a process started in the background by a script ignores it otherwise.
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
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
            if watchdog is not None:
                watchdog.set()
            serving.withdraw(settings.VAR_DIR)
            broker.release_all()
        if returncode not in (0, -2, -15, 130, 143):
            sys.exit(returncode)

    def watch_redis(self) -> threading.Event | None:
        """Bring the embedded Redis back if something stops it while the site runs: the web,
        the worker and the scheduler reconnect to the same socket by themselves."""
        if not settings.REDIS_EMBEDDED:
            return None
        server = broker.embedded_redis(settings.REDIS_EMBEDDED_DB)
        stopped = threading.Event()

        def watch():
            while not stopped.wait(WATCH_SECONDS):
                try:
                    if server.ensure_running():
                        self.stderr.write("Redis tertanam berhenti dan sudah dinyalakan ulang.")
                except Exception as error:  # keep watching; say why it failed
                    self.stderr.write(f"Redis tertanam tidak dapat dinyalakan ulang: {error}")

        threading.Thread(target=watch, name="redis-watchdog", daemon=True).start()
        return stopped
