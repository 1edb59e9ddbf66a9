"""The scheduler process: dramatiq-crontab's ``crontab``, kept standing.

``crontab`` exits when it loses its Redis lock (Redis restarted, or stalled past the lock's
10 s) and when another scheduler holds the lock. Under honcho an exiting process stops the
whole quickstart, and under systemd it is a restart every few seconds. This command stays up:
it stands by while another scheduler works, retries while Redis is away, and takes over when
the lock is free again. Only a signal (Ctrl+C, SIGTERM) stops it. Only one scheduler holds
the lock at a time, so nothing fires twice.
"""

from __future__ import annotations

import contextlib
import os
import signal
import threading

import redis
from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.triggers.interval import IntervalTrigger
from dramatiq_crontab import conf, utils
from dramatiq_crontab.management.commands.crontab import Command as Crontab

# How long to stand by before trying for the lock again (the tests make it short).
RETRY_SECONDS = float(os.environ.get("SAMBAT_SCHEDULER_RETRY_SECONDS", "5"))


class Command(Crontab):
    help = (
        "Penjadwal Sambat Bunda (dramatiq-crontab) yang tetap berjalan: menunggu bila penjadwal "
        "lain sedang aktif atau Redis sedang tidak terjangkau, lalu mengambil alih. Hanya satu "
        "penjadwal yang aktif pada satu waktu. Berhenti dengan Ctrl+C atau SIGTERM."
    )

    def add_arguments(self, parser):
        super().add_arguments(parser)
        parser.add_argument(
            "--heartbeat",
            action="store_true",
            help="Kirim juga tugas detak dramatiq-crontab tiap menit (mengisi log worker).",
        )

    def handle(self, *args, **options):
        options["no_heartbeat"] = not options.pop("heartbeat", False)
        self.stopped = threading.Event()
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self.stop)
        while not self.stopped.is_set():
            try:
                super().handle(*args, **options)
            except redis.ConnectionError as error:
                self.stderr.write(f"Redis tidak terjangkau ({error}).")
            except KeyboardInterrupt:
                break
            options["no_task_loading"] = True  # the tasks are registered already
            if self.stopped.wait(RETRY_SECONDS):
                break
            self.stdout.write("Penjadwal mencoba lagi…")

    def stop(self, signum, frame):
        self.stopped.set()
        raise KeyboardInterrupt(f"{signal.Signals(signum).name}: penjadwal berhenti.")

    def launch_scheduler(self, lock, scheduler):
        """As dramatiq-crontab's, with our signal handlers and one lock-extension job
        whatever the number of launches."""
        for sig in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
            signal.signal(sig, self.stop)
        with contextlib.suppress(KeyError):
            # The thread pool of an earlier launch was shut down with it: start with a new one.
            scheduler.remove_executor("default", shutdown=False)
        scheduler.add_executor(ThreadPoolExecutor(), "default")
        self.stdout.write(self.style.SUCCESS("Starting scheduler…"))
        scheduler.add_job(
            utils.extend_lock,
            IntervalTrigger(seconds=conf.get_settings().LOCK_REFRESH_INTERVAL),
            args=(lock, scheduler),
            id="sambat.extend_lock",
            name="dramatiq_crontab.utils.lock.extend",
            replace_existing=True,
        )
        try:
            scheduler.start()
        except KeyboardInterrupt as error:
            self.stdout.write(self.style.WARNING(str(error)))
            scheduler.shutdown()
