import io
import os

import pytest
from django.db import connections
from PIL import Image

from pengaduan.attachments import CleanFile
from pengaduan.models import Complaint
from workflow import policy, services
from workflow.states import Status

from .factories import AgencyFactory, ReporterFactory, UserFactory

# Playwright's sync API runs an event loop in the test thread; Django's ORM is still
# only used synchronously there.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def jpeg_bytes(size=(64, 48), exif: bytes | None = None) -> bytes:
    buffer = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    if exif is not None:
        image.save(buffer, "JPEG", exif=exif)
    else:
        image.save(buffer, "JPEG")
    return buffer.getvalue()


def evidence() -> CleanFile:
    return CleanFile(jpeg_bytes(), "image/jpeg", "bukti.jpg")


# The service steps that lead a new complaint into each state.
STATE_PATHS = {
    Status.SUBMITTED: [],
    Status.RETURNED_TO_REPORTER: ["return"],
    Status.ARCHIVED: ["archive"],
    Status.OUT_OF_AUTHORITY: ["forward"],
    Status.DISPATCHED: ["dispatch"],
    Status.RETURNED_BY_AGENCY: ["dispatch", "agency_return"],
    Status.RESPONDED: ["dispatch", "respond"],
    Status.RESOLVED: ["dispatch", "respond", "resolve"],
    Status.CLOSED: ["dispatch", "respond", "resolve", "close"],
}


@pytest.fixture
def agency(db):
    return AgencyFactory(short_name="DPUTR", name="Dinas Pekerjaan Umum dan Tata Ruang")


@pytest.fixture
def numbered_agency(agency):
    """The agency with WhatsApp numbers for Admin OPD, Sekretaris and Kepala (reminders)."""
    agency.admin_whatsapp = "+6281100000001"
    agency.sekdin_whatsapp = "+6281100000002"
    agency.kadis_whatsapp = "+6281100000003"
    agency.save()
    return agency


@pytest.fixture
def other_agency(db):
    return AgencyFactory(short_name="DINKES", name="Dinas Kesehatan")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)


@pytest.fixture
def validator(db):
    return UserFactory(username="validator", role=policy.VALIDATOR)


@pytest.fixture
def opd_admin(agency):
    return UserFactory(username="opd.dputr", role=policy.ADMIN_OPD, agency=agency)


@pytest.fixture
def sekdin(agency):
    return UserFactory(username="sekdin.dputr", role=policy.PEJABAT_PENGHUBUNG, agency=agency)


@pytest.fixture
def kadis(agency):
    return UserFactory(username="kadis.dputr", role=policy.KEPALA_OPD, agency=agency)


@pytest.fixture
def editor(db):
    return UserFactory(username="editor.faq", role=policy.EDITOR_FAQ)


@pytest.fixture
def other_opd_admin(other_agency):
    return UserFactory(username="opd.dinkes", role=policy.ADMIN_OPD, agency=other_agency)


@pytest.fixture
def reporter(db):
    return ReporterFactory(name="Siti Nur Khomsah", nik="3508125507560001")


@pytest.fixture
def make_complaint(db, reporter, agency, admin_user):
    """Build a complaint and drive it through the real services into ``state``."""

    def make(state=Status.SUBMITTED, *, to_agency=None, text=None, **fields):
        to_agency = to_agency or agency
        complaint = services.submit(
            reporter=fields.pop("reporter", reporter),
            text=text or "Jalan berlubang di depan balai desa Kalibendo, mohon diperbaiki.",
            location_text="Desa Kalibendo, Kecamatan Pasirian",
            **fields,
        )
        operator = policy_user_for(to_agency)
        path = STATE_PATHS[state]
        for step in path:
            if step == "return":
                complaint = services.return_to_reporter(
                    complaint, by=admin_user, reason="Mohon lengkapi nama dusun."
                )
            elif step == "archive":
                complaint = services.archive(complaint, by=admin_user, reason_code="spam")
            elif step == "forward":
                complaint = services.forward_out_of_authority(
                    complaint, by=admin_user, institution="BPJS Kesehatan", note="Hubungi BPJS."
                )
            elif step == "dispatch":
                complaint = services.verify_and_dispatch(complaint, to_agency, by=admin_user)
            elif step == "agency_return":
                complaint = services.return_by_agency(
                    complaint, by=operator, reason="Bukan wilayah kami."
                )
            elif step == "respond":
                services.respond(complaint, by=operator, text="Laporan diterima, segera dicek.")
            elif step == "resolve":
                complaint = services.resolve(
                    complaint, by=operator, text="Jalan sudah ditambal.", files=[evidence()]
                )
            elif step == "close":
                complaint = services.close(complaint, by=policy.REPORTER_ACTOR)
        return Complaint.objects.get(pk=complaint.pk)

    def policy_user_for(to_agency):
        return UserFactory(
            username=f"operator.{to_agency.short_name.lower()}",
            role=policy.ADMIN_OPD,
            agency=to_agency,
        )

    return make


CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture
def browser():
    """Debian's Chromium through Playwright, never a downloaded browser (DEVELOPERS.md).

    Started and stopped inside the test: Playwright's event loop must not outlive it, or
    Django's per-context database connections would differ for the tests that follow.
    """
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path="/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        try:
            yield chromium
        finally:
            chromium.close()
            # Connections opened while Playwright's loop ran belong to that context; close
            # them here or the test database cannot be dropped at the end of the run.
            connections.close_all()


@pytest.fixture(autouse=True)
def _empty_whatsapp_outbox():
    from workflow import transports

    transports.outbox.clear()
    yield
    transports.outbox.clear()


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Rate-limit counters live in the shared cache; each test starts from zero."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def faq_pages(db):
    """The 73 Lumajang FAQ pages, created live directly (publishing each through revisions is
    what upsert_faq does and what test_import_faq covers; here it would only be slow)."""
    from django.utils import timezone

    from faq.data.lumajang import FAQS
    from faq.models import FaqPage
    from faq.setup import category_of, ensure_faq_index

    index = ensure_faq_index()
    now = timezone.now()
    pages = {}
    for item in FAQS:
        pages[item["slug"]] = index.add_child(
            instance=FaqPage(
                title=item["question"],
                slug=item["slug"],
                question=item["question"],
                answer=item["answer"],
                category=category_of(item["category"]),
                keywords=item["keywords"],
                live=True,
                first_published_at=now,
                last_published_at=now,
            )
        )
    return pages


def web_chat(raw: bool = False):
    """A visitor of the web chat: ``say(text, reply_id)`` returns the reply texts (with
    ``raw``, the response itself); ``say.client``, ``say.token`` and ``say.start`` are the
    browser, its CSRF token and the opening reply."""
    import json

    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    start = client.get("/chat/api/start/")
    assert start.status_code == 200
    token = client.cookies["csrftoken"].value

    def say(text="", reply_id=""):
        response = client.post(
            "/chat/api/message/",
            data=json.dumps({"text": text, "reply_id": reply_id}),
            content_type="application/json",
            HTTP_X_CSRFTOKEN=token,
        )
        if raw:
            return response
        assert response.status_code == 200
        return [reply["text"] for reply in response.json()["replies"]]

    say.client, say.token, say.start = client, token, start.json()
    return say


def file_web_complaint(say) -> list[str]:
    """The shortest public complaint through the web chat; the replies to the last step."""
    say(reply_id="menu:aduan")
    say("Sumarni")
    say("Jl. Panglima Sudirman, Kelurahan Ditotrunan")
    say("Lampu jalan di depan sekolah mati sudah sebulan, malam hari sangat gelap.")
    say(reply_id="skip")
    say(reply_id="vis:public")
    say(reply_id="skip")
    return say(reply_id="confirm:send")
