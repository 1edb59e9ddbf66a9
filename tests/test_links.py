"""Every absolute link comes from one setting, SAMBAT_PUBLIC_BASE_URL.

The quickstart on another port (``quickstart --port 8100``), or production on its own domain:
tracking links in WhatsApp and SMS, the web chat's Nomor Aduan link, FAQ links in answers,
"Buka:" links to staff, the recap announcement and Open311 all follow it.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.test import Client

from open311.models import ApiClient
from pengaduan.models import Category
from sambat_site import serving
from sambat_site.management.commands.quickstart import Command as Quickstart
from workflow.models import Notification
from workflow.states import Status

from .conftest import file_web_complaint, web_chat
from .factories import UserFactory

ROOT = Path(django_settings.BASE_DIR)
ELSEWHERE = "http://127.0.0.1:8100"
URL = re.compile(r"https?://[^\s\"'<>)*]+")


@pytest.fixture
def elsewhere(settings):
    """The address of a quickstart on port 8100; WAGTAILADMIN_BASE_URL left at its old value
    to show that nothing reads it."""
    settings.SAMBAT_PUBLIC_BASE_URL = ELSEWHERE
    return ELSEWHERE


def links(text: str) -> list[str]:
    return URL.findall(text)


def assert_all_elsewhere(texts: list[str]) -> int:
    found = [link for text in texts for link in links(text)]
    assert found, "no link at all"
    wrong = [link for link in found if not link.startswith(f"{ELSEWHERE}/")]
    assert wrong == []
    return len(found)


def test_messages_to_reporters_and_staff_link_to_the_served_address(
    elsewhere, make_complaint, numbered_agency, admin_user
):
    admin_user.sambat_profile.whatsapp_number = "+6281100000099"
    admin_user.sambat_profile.save()
    make_complaint(Status.CLOSED, to_agency=numbered_agency)
    texts = list(Notification.objects.values_list("text", flat=True))
    assert_all_elsewhere(texts)
    # The reporter's "Pantau di …" and the agency's "Buka: …" both carry one.
    assert any(f"{ELSEWHERE}/aduan/" in text for text in texts)
    assert any(f"Buka: {ELSEWHERE}/admin/" in text for text in texts)


def test_the_web_chat_ticket_and_faq_answers_link_to_the_served_address(
    elsewhere,
    faq_pages,
):
    say = web_chat()
    answer = say("air pdam mati dari kemarin knp ya?")
    assert f"{ELSEWHERE}/faq/pdam-air-mati/" in "\n".join(answer)
    done = file_web_complaint(say)
    assert_all_elsewhere(answer + done)
    assert any(f"{ELSEWHERE}/aduan/SB-" in text for text in done)


def test_sms_open311_and_the_recap_link_to_the_served_address(elsewhere, db, agency):
    sms = Client().post(
        "/sms/masuk/",
        data=json.dumps({"from": "081234567890", "text": "Halo", "id": "gw-1"}),
        content_type="application/json",
        HTTP_X_SAMBAT_TOKEN="test-sms-token",
    )
    assert sms.status_code == 200

    Category.objects.create(code="sampah", name="Sampah", order=1, agency=agency)
    api = ApiClient(name="Aplikasi Desa")
    key = api.new_key()
    api.save()
    filed = Client().post(
        "/open311/v2/requests.json",
        {"api_key": key, "service_code": "sampah", "address_id": "x", "description": "Bau."},
    )
    discovery = Client().get("/open311/v2/discovery.json").json()

    from reports.recap import generate, previous_month

    admin = UserFactory(username="admin.rekap", role="Admin Pengaduan")
    admin.sambat_profile.whatsapp_number = "+6281100000098"
    admin.sambat_profile.save()
    generate(previous_month())

    texts = list(Notification.objects.values_list("text", flat=True))
    texts += [filed.json()[0]["service_notice"], discovery["endpoints"][0]["url"]]
    assert assert_all_elsewhere(texts) >= 4
    assert any("/admin/laporan/rekap/" in text for text in texts)


def test_the_quickstart_serves_its_port_to_its_processes_and_to_a_second_terminal(tmp_path):
    command = Quickstart()
    saved = (django_settings.SAMBAT_PUBLIC_BASE_URL, django_settings.WAGTAILADMIN_BASE_URL)
    environ = {k: os.environ.pop(k) for k in ("SAMBAT_PUBLIC_BASE_URL",) if k in os.environ}
    try:
        base = command.serve_at(8100)
        assert base == ELSEWHERE == django_settings.SAMBAT_PUBLIC_BASE_URL
        assert command.child_env(8100, base)["SAMBAT_PUBLIC_BASE_URL"] == ELSEWHERE
    finally:
        django_settings.SAMBAT_PUBLIC_BASE_URL, django_settings.WAGTAILADMIN_BASE_URL = saved
        os.environ.update(environ)

    # A command started in a second terminal (dev settings, same data folder) reads the
    # address the running quickstart announced; once it stops, the default again.
    serving.announce(tmp_path, ELSEWHERE)

    def base_url_of_a_second_command() -> str:
        env = {
            k: v
            for k, v in os.environ.items()
            if k not in {"SAMBAT_PUBLIC_BASE_URL", "WAGTAILADMIN_BASE_URL"}
        }
        env.update(DJANGO_SETTINGS_MODULE="sambat_site.settings.dev", SAMBAT_VAR_DIR=str(tmp_path))
        result = subprocess.run(
            [
                sys.executable,
                "-c",
                "import django; django.setup(); from sambat_site.links import absolute_url; "
                "print(absolute_url('/aduan/SB-2612-ABCDE/'))",
            ],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip()

    assert base_url_of_a_second_command() == f"{ELSEWHERE}/aduan/SB-2612-ABCDE/"
    serving.withdraw(tmp_path)
    assert base_url_of_a_second_command() == "http://127.0.0.1:8000/aduan/SB-2612-ABCDE/"


SOURCES = ("sambat_site", "pengaduan", "workflow", "faq", "home", "reports", "open311")


def test_no_address_is_written_into_the_code():
    """Only the one setting names an address: no hard-coded host or port anywhere else."""
    pattern = re.compile(r"(127\.0\.0\.1|localhost):\d+|https?://testserver")
    offenders = []
    for folder in SOURCES:
        for path in (ROOT / folder).rglob("*"):
            if path.suffix not in {".py", ".html", ".js", ".txt"} or "migrations" in path.parts:
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if pattern.search(line) and "DEFAULT_BASE_URL" not in line:
                    offenders.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert offenders == []


def test_production_takes_the_address_from_its_public_domain():
    from .test_setup import PRODUCTION_ENV, run_settings

    env = {**PRODUCTION_ENV, "SAMBAT_PUBLIC_BASE_URL": "https://sambatbunda.banyuwangikab.go.id/"}
    result = run_settings(
        env,
        "shell",
        "-c",
        "from django.conf import settings; "
        "print(settings.SAMBAT_PUBLIC_BASE_URL, settings.WAGTAILADMIN_BASE_URL)",
    )
    assert result.returncode == 0, result.stderr
    line = result.stdout.strip().splitlines()[-1]
    assert line == (
        "https://sambatbunda.banyuwangikab.go.id https://sambatbunda.banyuwangikab.go.id"
    )
    # The older name still works for installations set up before.
    legacy = {k: v for k, v in env.items() if k != "SAMBAT_PUBLIC_BASE_URL"}
    legacy["WAGTAILADMIN_BASE_URL"] = "https://lama.example.go.id"
    result = run_settings(
        legacy,
        "shell",
        "-c",
        "from django.conf import settings; print(settings.SAMBAT_PUBLIC_BASE_URL)",
    )
    assert result.stdout.strip().splitlines()[-1] == "https://lama.example.go.id"
