"""Who may open which staff-admin and API URL: every URL x every role x own/other agency.

The expected outcomes below are written out by hand from ``workflow/policy.py`` (who sees which
complaint in which state, who may take which action), ``workflow/roles.py`` (the coarse model
permissions) and SPEC §1, §3, §8, §9 — not copied from what the views return. Every admin URL
our apps register must have a row (``test_every_admin_url_of_our_apps_has_a_row``), so a new
view without a decision about who may open it fails the suite.

Besides the status, every response body a role receives (HTML, CSV, XLSX, JSON, XML) is
searched for what that role must never read: another agency's complaints (text, location,
number), any reporter's phone number, NIK, e-mail or address, and the name of a reporter who
chose to stay anonymous [SPEC §1 last paragraph, §10 PDP].
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from unittest import mock
from urllib.parse import urlencode, urlsplit

import pytest
from django.conf import settings
from django.contrib.messages import get_messages
from django.db import transaction
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse
from django.utils import translation
from django.utils.translation import gettext

from faq.models import AiLog
from open311.models import ApiClient, RequestToken
from pengaduan.models import Category, IntakeSettings, StaffProfile
from reports import recap
from workflow import policy, services
from workflow.models import ActivityLog, Holiday, MessageTemplate, Notification, SlaPolicy

from .conftest import evidence
from .factories import AgencyFactory, ReporterFactory, UserFactory

COMPLAINTS = "wagtailsnippets_pengaduan_complaint"
COMPLAINT_CHOOSER = "wagtailsnippetchoosers_pengaduan_complaint"
API_CLIENTS = "wagtailsnippets_open311_apiclient"
API_CLIENT_CHOOSER = "wagtailsnippetchoosers_open311_apiclient"

# --- who asks ----------------------------------------------------------------------------

ANON, SUPER, ADMIN, VALIDATOR, OPD, SEKDIN, KADIS, EDITOR = (
    "anonymous",
    "superuser",
    "admin-pengaduan",
    "validator",
    "admin-opd",
    "pejabat-penghubung",
    "kepala-opd",
    "editor-faq",
)
PRINCIPALS = (ANON, SUPER, ADMIN, VALIDATOR, OPD, SEKDIN, KADIS, EDITOR)
# Admin OPD, Pejabat Penghubung and Kepala OPD all work for the "own" agency (DPUTR).

# --- what they get -----------------------------------------------------------------------

OK = "ok"  # 200 (or the case's own success redirect, see Case.ok_redirect)
NF = "404"  # the object is outside what policy.can_view lets the role see: not found
DENY = "deny"  # PermissionDenied, which Wagtail answers with a redirect to /admin/ + message
AUTH = "login"  # not signed in: the admin login page, coming back here afterwards
NA = "n/a"  # the role may take this action, but not in this state: back to the complaint

# --- the data, built once for the module ---------------------------------------------------

NIKS = {
    "own": "3508124105880002",
    "other": "3508016603910003",
    "intake": "3508121208790004",
    "own_anon": "3508125009900005",
}
PHONES = {
    "own": "+6281234500011",
    "other": "+6285298765432",
    "intake": "+6281377788899",
    "own_anon": "+6287811122233",
}
OTHER_WORD = "Kenariwangi"  # appears only in the other agency's complaints
OWN_ANON_NAME = "Sutrisno Wibisono"
OTHER_NAME = "Kusumawati Handayani"


@dataclass
class World:
    users: dict
    objects: dict
    sessions: dict = field(default_factory=dict)

    def pk(self, key: str) -> int:
        return self.objects[key].pk


def _reporters() -> dict:
    return {
        "own": ReporterFactory(
            name="Wiryo Prasetyo",
            whatsapp_number=PHONES["own"],
            nik=NIKS["own"],
            email="wiryo.prasetyo@example.id",
            address="Perum Griya Wiryo Blok C-7",
        ),
        "own_anon": ReporterFactory(
            name=OWN_ANON_NAME,
            whatsapp_number=PHONES["own_anon"],
            nik=NIKS["own_anon"],
            email="sutrisno.w@example.id",
            address="Gang Sutrisno Mulyo 3",
        ),
        "other": ReporterFactory(
            name=OTHER_NAME,
            whatsapp_number=PHONES["other"],
            nik=NIKS["other"],
            email="kusumawati.h@example.id",
            address=f"Jl. {OTHER_WORD} Biru No. 9",
        ),
        "intake": ReporterFactory(
            name="Bambang Sudarsono",
            whatsapp_number=PHONES["intake"],
            nik=NIKS["intake"],
            email="bambang.s@example.id",
            address="Dusun Gondoruso Kidul",
        ),
    }


def build_world() -> World:
    """Two agencies and a complaint in every state an admin URL cares about, each driven there
    through the real services. "own" is the agency of the three agency principals."""
    own = AgencyFactory(
        short_name="DPUTR",
        name="Dinas Pekerjaan Umum dan Tata Ruang",
        requires_response_approval=True,
    )
    other = AgencyFactory(
        short_name="DINKES", name="Dinas Kesehatan", requires_response_approval=True
    )
    users = {
        SUPER: UserFactory(username="root", is_superuser=True),
        ADMIN: UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN),
        VALIDATOR: UserFactory(username="validator", role=policy.VALIDATOR),
        OPD: UserFactory(username="opd.dputr", role=policy.ADMIN_OPD, agency=own),
        SEKDIN: UserFactory(username="sekdin.dputr", role=policy.PEJABAT_PENGHUBUNG, agency=own),
        KADIS: UserFactory(username="kadis.dputr", role=policy.KEPALA_OPD, agency=own),
        EDITOR: UserFactory(username="editor.faq", role=policy.EDITOR_FAQ),
    }
    operators = {
        own.pk: (users[OPD], users[SEKDIN]),
        other.pk: (
            UserFactory(username="opd.dinkes", role=policy.ADMIN_OPD, agency=other),
            UserFactory(username="sekdin.dinkes", role=policy.PEJABAT_PENGHUBUNG, agency=other),
        ),
    }
    admin = users[ADMIN]
    people = _reporters()

    def make(steps, *, agency=None, reporter, text, location, visibility="public"):
        complaint = services.submit(
            reporter=reporter,
            text=text,
            location_text=location,
            visibility=visibility,
            files=[evidence()],
        )
        operator, approver = operators[agency.pk] if agency else (None, None)
        for step in steps:
            if step == "dispatch":
                complaint = services.verify_and_dispatch(complaint, agency, by=admin)
            elif step == "draft":  # Admin OPD's answer waits for the approver
                services.respond(complaint, by=operator, text="Akan kami cek minggu ini.")
            elif step == "respond":  # an approver answers directly
                services.respond(complaint, by=approver, text="Laporan diterima, segera dicek.")
                services.add_follow_up(
                    complaint, by=approver, text="Petugas sudah survei.", files=[evidence()]
                )
            elif step == "resolve":
                services.resolve(complaint, by=approver, text="Sudah beres.", files=[evidence()])
            elif step == "agency_return":
                services.return_by_agency(complaint, by=operator, reason="Bukan wilayah kami.")
            elif step == "return":
                services.return_to_reporter(complaint, by=admin, reason="Lengkapi nama dusun.")
            elif step == "archive":
                services.archive(complaint, by=admin, reason_code="spam")
        complaint.refresh_from_db()
        return complaint

    own_text = {
        "reporter": people["own"],
        "text": "Jalan berlubang di depan SDN Kalibendo, mohon ditambal.",
        "location": "Gang Anggrek Wulung RT 03",
        "agency": own,
    }
    other_text = {
        "reporter": people["other"],
        "text": f"Puskesmas {OTHER_WORD} menolak pasien BPJS pada malam hari.",
        "location": f"Puskesmas {OTHER_WORD}",
        "agency": other,
        "visibility": "confidential",
    }
    intake_text = {
        "reporter": people["intake"],
        "text": "Lampu PJU di Gondoruso mati sejak seminggu.",
        "location": "Gondoruso",
    }
    objects = {
        "intake": make([], **intake_text),
        "incomplete": make(["return"], **intake_text),
        "archived": make(["archive"], **intake_text),
        "own": make(["dispatch"], **own_text),
        "other": make(["dispatch"], **other_text),
        "own_pending": make(["dispatch", "draft"], **own_text),
        "other_pending": make(["dispatch", "draft"], **other_text),
        "own_responded": make(
            ["dispatch", "respond"],
            **{**own_text, "reporter": people["own_anon"], "visibility": "anonymous"},
        ),
        "other_responded": make(["dispatch", "respond"], **other_text),
        "own_resolved": make(["dispatch", "respond", "resolve"], **own_text),
        "other_resolved": make(["dispatch", "respond", "resolve"], **other_text),
        "own_returned": make(["dispatch", "agency_return"], **own_text),
    }
    for key in list(objects):
        objects[f"{key}_file"] = objects[key].attachments.filter(update__isnull=True).get()
    api_client = ApiClient(name="Aplikasi Desa Kalibendo", contact="Pak Kades Kalibendo")
    api_client.new_key()
    api_client.save()
    category = Category.objects.create(code="jalan-rusak", name="Jalan rusak", agency=own)
    objects.update(
        {
            "own_agency": own,
            "other_agency": other,
            "own_reporter": people["own"],
            "other_reporter": people["other"],
            "own_staff": StaffProfile.objects.get(user=users[OPD]),
            "other_staff": StaffProfile.objects.get(user=operators[other.pk][0]),
            "category": category,
            "api_client": api_client,
            "token": RequestToken.objects.create(
                token=RequestToken.fresh(), complaint=objects["other"], client=api_client
            ),
            "other_notification": Notification.objects.filter(
                recipient_phone=PHONES["other"]
            ).earliest("id"),
            "other_log": ActivityLog.objects.filter(complaint=objects["other"]).earliest("id"),
            "ai_log": AiLog.objects.create(
                question=f"NIK {NIKS['other']} saya ditolak, KTP hilang bagaimana?",
                answer="Silakan ke Dispendukcapil.",
                method="offline",
            ),
            "template": MessageTemplate.objects.order_by("key").first(),
            "holiday": Holiday.objects.create(date=dt.date(2031, 12, 15), name="Hari Jadi"),
            "sla_policy": SlaPolicy.load(),
            "intake_settings": IntakeSettings.load(),
            "recap": recap.generate(recap.previous_month(), by=admin, announce=False),
        }
    )
    return World(users=users, objects=objects)


@contextmanager
def rolled_back(django_db_blocker) -> Iterator[None]:
    """Module-wide data inside one transaction that is rolled back at the end; each test's
    own transaction is a savepoint inside it (pytest-django's ``db``)."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        built = build_world()
        for name, user in built.users.items():
            client = Client()
            client.force_login(user)
            built.sessions[name] = client.cookies[settings.SESSION_COOKIE_NAME].value
        yield built


def client_for(world: World, principal: str) -> Client:
    """A fresh client (no leftover message cookies) carrying the principal's session."""
    client = Client()
    if principal != ANON:
        client.cookies[settings.SESSION_COOKIE_NAME] = world.sessions[principal]
    return client


# --- the URLs ------------------------------------------------------------------------------


def snippet(name: str, target: str | None = None, ns: str = COMPLAINTS, query: str = ""):
    def build(w: World) -> str:
        return reverse(f"{ns}:{name}", args=[w.pk(target)] if target else []) + query

    return build


def action(name: str, target: str):
    def build(w: World) -> str:
        return reverse(f"{COMPLAINTS}:action", args=[name, w.pk(target)])

    return build


def modeladmin(prefix: str, view: str, target: str | None = None):
    def build(w: World) -> str:
        return reverse(f"{prefix}_modeladmin_{view}", args=[w.pk(target)] if target else [])

    return build


def named(name: str, *args, query: str = ""):
    def build(w: World) -> str:
        return reverse(name, args=[a(w) if callable(a) else a for a in args]) + query

    return build


def with_ids(build, *targets: str):
    """``?id=…&id=…`` for the views that take several objects (choosers, bulk actions)."""
    return lambda w: build(w) + "?" + urlencode([("id", w.pk(t)) for t in targets])


def setting(app: str, model: str, target: str):
    return named("wagtailsettings:edit", app, model, lambda w: w.pk(target))


def recap_month(w: World) -> str:
    return f"{w.objects['recap'].month:%Y-%m}"


def number_of(target: str):
    return lambda w: w.objects[target].tracking_number


def token_of(w: World) -> str:
    return w.objects["token"].token


@dataclass(frozen=True)
class Case:
    url: Callable[[World], str]
    method: str = "get"
    data: dict = field(default_factory=dict)
    ok_redirect: Callable[[World], str] | None = None  # OK means this redirect, not a 200
    content_type: str = "text/html"
    public_api: bool = False  # answers everybody alike; may echo the number it was asked for
    without_chromium: bool = False  # as on a server without Chromium (saves ~15 s of PDFs)


REPORTERS = "pengaduan_reporter"
JSON = "application/json"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

URLS: dict[str, Case] = {
    # complaints: list, search results, exports, intake, LAPOR! import
    "complaint:list": Case(snippet("list")),
    "complaint:list_results": Case(snippet("list_results", query="?q=Puskesmas")),
    "complaint:export[csv]": Case(snippet("list", query="?export=csv"), content_type="text/csv"),
    "complaint:export[xlsx]": Case(snippet("list", query="?export=xlsx"), content_type=XLSX),
    "complaint:export[lapor-csv]": Case(
        snippet("list", query="?export=lapor-csv"), content_type="text/csv"
    ),
    "complaint:export[lapor-xlsx]": Case(
        snippet("list", query="?export=lapor-xlsx"), content_type=XLSX
    ),
    "complaint:add": Case(snippet("add")),
    "complaint:lapor_import": Case(snippet("lapor_import")),
    # one complaint
    "complaint:inspect[intake]": Case(snippet("inspect", "intake")),
    "complaint:inspect[own]": Case(snippet("inspect", "own")),
    "complaint:inspect[own,anonymous]": Case(snippet("inspect", "own_responded")),
    "complaint:inspect[own,personal-data]": Case(
        snippet("inspect", "own", query="?data_pribadi=1")
    ),
    "complaint:inspect[other]": Case(snippet("inspect", "other")),
    "complaint:inspect[own,returned]": Case(snippet("inspect", "own_returned")),
    "complaint:edit[intake]": Case(snippet("edit", "intake")),
    "complaint:edit[own]": Case(snippet("edit", "own")),
    "complaint:edit[other]": Case(snippet("edit", "other")),
    "complaint:edit[archived]": Case(snippet("edit", "archived")),
    "complaint:history[intake]": Case(snippet("history", "intake")),
    "complaint:history[own]": Case(snippet("history", "own")),
    "complaint:history[other]": Case(snippet("history", "other")),
    "complaint:history_results[own]": Case(snippet("history_results", "own")),
    "complaint:history_results[other]": Case(snippet("history_results", "other")),
    "complaint:usage[own]": Case(snippet("usage", "own")),
    "complaint:usage[other]": Case(snippet("usage", "other")),
    "complaint:delete[own]": Case(snippet("delete", "own")),
    "complaint:delete[other]": Case(snippet("delete", "other")),
    "complaint:attachment[intake]": Case(snippet("attachment", "intake_file")),
    "complaint:attachment[own]": Case(snippet("attachment", "own_file")),
    "complaint:attachment[other]": Case(snippet("attachment", "other_file")),
    "complaint:attachment[own,returned]": Case(snippet("attachment", "own_returned_file")),
    # one URL per workflow action (GET shows its form)
    "action:verify_and_dispatch[intake]": Case(action("verify_and_dispatch", "intake")),
    "action:verify_and_dispatch[own]": Case(action("verify_and_dispatch", "own")),
    "action:return_to_reporter[intake]": Case(action("return_to_reporter", "intake")),
    "action:resubmit[incomplete]": Case(action("resubmit", "incomplete")),
    "action:archive[intake]": Case(action("archive", "intake")),
    "action:restore[archived]": Case(action("restore", "archived")),
    "action:forward_out_of_authority[intake]": Case(action("forward_out_of_authority", "intake")),
    "action:forward_out_of_authority[returned]": Case(
        action("forward_out_of_authority", "own_returned")
    ),
    "action:merge_duplicate[intake]": Case(action("merge_duplicate", "intake")),
    "action:check_identity[intake]": Case(action("check_identity", "intake")),
    "action:return_by_agency[own]": Case(action("return_by_agency", "own")),
    "action:return_by_agency[other]": Case(action("return_by_agency", "other")),
    "action:redispatch[own]": Case(action("redispatch", "own")),
    "action:redispatch[other]": Case(action("redispatch", "other")),
    "action:redispatch[own,returned]": Case(action("redispatch", "own_returned")),
    "action:respond[own]": Case(action("respond", "own")),
    "action:respond[other]": Case(action("respond", "other")),
    "action:respond[own,pending]": Case(action("respond", "own_pending")),
    "action:approve_response[own,pending]": Case(action("approve_response", "own_pending")),
    "action:approve_response[other,pending]": Case(action("approve_response", "other_pending")),
    "action:reject_response[own,pending]": Case(action("reject_response", "own_pending")),
    "action:reject_response[other,pending]": Case(action("reject_response", "other_pending")),
    "action:add_follow_up[own,responded]": Case(action("add_follow_up", "own_responded")),
    "action:add_follow_up[other,responded]": Case(action("add_follow_up", "other_responded")),
    "action:resolve[own,responded]": Case(action("resolve", "own_responded")),
    "action:resolve[other,responded]": Case(action("resolve", "other_responded")),
    "action:resolve[own]": Case(action("resolve", "own")),
    "action:close[own,resolved]": Case(action("close", "own_resolved")),
    "action:close[other,resolved]": Case(action("close", "other_resolved")),
    "action:reopen[own,resolved]": Case(action("reopen", "own_resolved")),
    "action:reopen[other,resolved]": Case(action("reopen", "other_resolved")),
    "action:add_note[intake]": Case(action("add_note", "intake")),
    "action:add_note[own]": Case(action("add_note", "own")),
    "action:add_note[other]": Case(action("add_note", "other")),
    "action:no-such-action[own]": Case(action("drop_table", "own")),
    # the complaint chooser (Wagtail registers one for every snippet)
    "complaint-chooser:choose": Case(snippet("choose", ns=COMPLAINT_CHOOSER), content_type=JSON),
    "complaint-chooser:choose_results": Case(
        snippet("choose_results", ns=COMPLAINT_CHOOSER, query="?q=Puskesmas")
    ),
    "complaint-chooser:chosen[own]": Case(
        snippet("chosen", "own", ns=COMPLAINT_CHOOSER), content_type=JSON
    ),
    "complaint-chooser:chosen[other]": Case(
        snippet("chosen", "other", ns=COMPLAINT_CHOOSER), content_type=JSON
    ),
    "complaint-chooser:chosen_multiple": Case(
        with_ids(named(f"{COMPLAINT_CHOOSER}:chosen_multiple"), "own", "other"),
        content_type=JSON,
    ),
    "complaint-chooser:create": Case(snippet("create", ns=COMPLAINT_CHOOSER), content_type=JSON),
    # Open311 API clients (keys are issued here)
    "apiclient:list": Case(snippet("list", ns=API_CLIENTS)),
    "apiclient:list_results": Case(snippet("list_results", ns=API_CLIENTS)),
    "apiclient:add": Case(snippet("add", ns=API_CLIENTS)),
    "apiclient:edit": Case(snippet("edit", "api_client", ns=API_CLIENTS)),
    "apiclient:copy": Case(snippet("copy", "api_client", ns=API_CLIENTS)),
    "apiclient:delete": Case(snippet("delete", "api_client", ns=API_CLIENTS)),
    "apiclient:usage": Case(snippet("usage", "api_client", ns=API_CLIENTS)),
    "apiclient:history": Case(snippet("history", "api_client", ns=API_CLIENTS)),
    "apiclient:history_results": Case(snippet("history_results", "api_client", ns=API_CLIENTS)),
    "apiclient-chooser:choose": Case(snippet("choose", ns=API_CLIENT_CHOOSER), content_type=JSON),
    "apiclient-chooser:choose_results": Case(snippet("choose_results", ns=API_CLIENT_CHOOSER)),
    "apiclient-chooser:chosen": Case(
        snippet("chosen", "api_client", ns=API_CLIENT_CHOOSER), content_type=JSON
    ),
    "apiclient-chooser:chosen_multiple": Case(
        with_ids(named(f"{API_CLIENT_CHOOSER}:chosen_multiple"), "api_client"),
        content_type=JSON,
    ),
    "apiclient-chooser:create": Case(snippet("create", ns=API_CLIENT_CHOOSER), content_type=JSON),
    # Data induk: agencies, categories, reporters (personal data), agency staff
    "agency:index": Case(modeladmin("pengaduan_agency", "index")),
    "agency:create": Case(modeladmin("pengaduan_agency", "create")),
    "agency:edit[own]": Case(modeladmin("pengaduan_agency", "edit", "own_agency")),
    "agency:edit[other]": Case(modeladmin("pengaduan_agency", "edit", "other_agency")),
    "agency:delete[other]": Case(modeladmin("pengaduan_agency", "delete", "other_agency")),
    "agency:inspect[other]": Case(modeladmin("pengaduan_agency", "inspect", "other_agency")),
    "agency:history[other]": Case(modeladmin("pengaduan_agency", "history", "other_agency")),
    "category:index": Case(modeladmin("pengaduan_category", "index")),
    "category:create": Case(modeladmin("pengaduan_category", "create")),
    "category:edit": Case(modeladmin("pengaduan_category", "edit", "category")),
    "category:delete": Case(modeladmin("pengaduan_category", "delete", "category")),
    "category:history": Case(modeladmin("pengaduan_category", "history", "category")),
    "reporter:index": Case(modeladmin(REPORTERS, "index")),
    "reporter:create": Case(modeladmin(REPORTERS, "create")),
    "reporter:edit[own]": Case(modeladmin(REPORTERS, "edit", "own_reporter")),
    "reporter:edit[other]": Case(modeladmin(REPORTERS, "edit", "other_reporter")),
    "reporter:delete[other]": Case(modeladmin(REPORTERS, "delete", "other_reporter")),
    "reporter:inspect[own]": Case(modeladmin(REPORTERS, "inspect", "own_reporter")),
    "reporter:inspect[other]": Case(modeladmin(REPORTERS, "inspect", "other_reporter")),
    "reporter:history[other]": Case(modeladmin(REPORTERS, "history", "other_reporter")),
    "reporter:data-export[other]": Case(
        named("pengaduan_reporter_personal_data_export", lambda w: w.pk("other_reporter")),
        content_type="application/json",
    ),
    "reporter:data-erase[other]": Case(
        named("pengaduan_reporter_personal_data_erase", lambda w: w.pk("other_reporter"))
    ),
    "staff:index": Case(modeladmin("pengaduan_staffprofile", "index")),
    "staff:create": Case(modeladmin("pengaduan_staffprofile", "create")),
    "staff:edit[own]": Case(modeladmin("pengaduan_staffprofile", "edit", "own_staff")),
    "staff:delete[other]": Case(modeladmin("pengaduan_staffprofile", "delete", "other_staff")),
    "staff:history[other]": Case(modeladmin("pengaduan_staffprofile", "history", "other_staff")),
    # Layanan: notifications (hold phone numbers), templates, holidays, the history log
    "notification:index": Case(modeladmin("workflow_notification", "index")),
    "notification:create": Case(modeladmin("workflow_notification", "create")),
    "notification:edit[other]": Case(
        modeladmin("workflow_notification", "edit", "other_notification")
    ),
    "notification:delete[other]": Case(
        modeladmin("workflow_notification", "delete", "other_notification")
    ),
    "notification:inspect[other]": Case(
        modeladmin("workflow_notification", "inspect", "other_notification")
    ),
    "notification:history[other]": Case(
        modeladmin("workflow_notification", "history", "other_notification")
    ),
    "notification:requeue[other]": Case(
        named("workflow_notification_requeue", lambda w: w.pk("other_notification"))
    ),
    "presets": Case(named("workflow_presets")),
    "presets:diff": Case(named("workflow_presets", query="?preset=cilacap")),
    "template:index": Case(modeladmin("workflow_messagetemplate", "index")),
    "template:create": Case(modeladmin("workflow_messagetemplate", "create")),
    "template:edit": Case(modeladmin("workflow_messagetemplate", "edit", "template")),
    "template:delete": Case(modeladmin("workflow_messagetemplate", "delete", "template")),
    "template:history": Case(modeladmin("workflow_messagetemplate", "history", "template")),
    "holiday:index": Case(modeladmin("workflow_holiday", "index")),
    "holiday:create": Case(modeladmin("workflow_holiday", "create")),
    "holiday:edit": Case(modeladmin("workflow_holiday", "edit", "holiday")),
    "holiday:delete": Case(modeladmin("workflow_holiday", "delete", "holiday")),
    "holiday:history": Case(modeladmin("workflow_holiday", "history", "holiday")),
    "activitylog:index": Case(modeladmin("workflow_activitylog", "index")),
    "activitylog:create": Case(modeladmin("workflow_activitylog", "create")),
    "activitylog:edit[other]": Case(modeladmin("workflow_activitylog", "edit", "other_log")),
    "activitylog:delete[other]": Case(modeladmin("workflow_activitylog", "delete", "other_log")),
    "activitylog:inspect[other]": Case(modeladmin("workflow_activitylog", "inspect", "other_log")),
    "activitylog:history[other]": Case(modeladmin("workflow_activitylog", "history", "other_log")),
    # Pengaturan: the AI log (citizens' questions) and the two settings of our apps
    "ailog:index": Case(modeladmin("faq_ailog", "index")),
    "ailog:create": Case(modeladmin("faq_ailog", "create")),
    "ailog:edit": Case(modeladmin("faq_ailog", "edit", "ai_log")),
    "ailog:delete": Case(modeladmin("faq_ailog", "delete", "ai_log")),
    "ailog:inspect": Case(modeladmin("faq_ailog", "inspect", "ai_log")),
    "ailog:history": Case(modeladmin("faq_ailog", "history", "ai_log")),
    "settings:sla-policy": Case(setting("workflow", "slapolicy", "sla_policy")),
    "settings:intake": Case(setting("pengaduan", "intakesettings", "intake_settings")),
    # Laporan
    "reports:recaps": Case(named("reports_recaps")),
    "reports:recap_generate": Case(
        named("reports_recap_generate"),
        method="post",
        data={"month": "bukan-bulan"},  # refused before anything is computed
        ok_redirect=named("reports_recaps"),
    ),
    "reports:recap": Case(named("reports_recap", recap_month)),
    "reports:recap_download[xlsx]": Case(
        named("reports_recap_download", recap_month, "xlsx"), content_type=XLSX
    ),
    # Without Chromium on the server the PDF falls back to the printable page (the same data,
    # scanned in the "print" row); real PDF rendering is tests/test_reports.py's business.
    "reports:recap_download[pdf]": Case(
        named("reports_recap_download", recap_month, "pdf"),
        ok_redirect=named("reports_recap_download", recap_month, "print"),
        without_chromium=True,
    ),
    "reports:recap_download[print]": Case(named("reports_recap_download", recap_month, "print")),
    "reports:recap_download[exe]": Case(named("reports_recap_download", recap_month, "exe")),
    "reports:daily": Case(named("reports_daily")),
    "reports:strategic": Case(named("reports_strategic", query="?hari=30")),
    "reports:league": Case(named("reports_league")),
    "reports:annual": Case(named("reports_annual")),
    "reports:annual[xlsx]": Case(named("reports_annual", query="?unduh=xlsx"), content_type=XLSX),
    # the admin home with the dashboard panels, the snippet index, bulk delete
    "dashboard": Case(named("wagtailadmin_home")),
    "snippets:index": Case(named("wagtailsnippets:index")),
    "bulk-delete:complaint[own,other]": Case(
        with_ids(named("wagtail_bulk_action", "pengaduan", "complaint", "delete"), "own", "other")
    ),
    "bulk-delete:apiclient": Case(
        with_ids(named("wagtail_bulk_action", "open311", "apiclient", "delete"), "api_client")
    ),
    # Open311 GeoReport v2: public reads, keyed writes; a staff session changes nothing
    "open311:discovery": Case(
        named("open311_discovery", "json"), content_type="application/json", public_api=True
    ),
    "open311:services": Case(
        named("open311_services", "xml"), content_type="text/xml", public_api=True
    ),
    "open311:service": Case(
        named("open311_service", "jalan-rusak", "json"),
        content_type="application/json",
        public_api=True,
    ),
    "open311:requests[json]": Case(
        named("open311_requests", "json"), content_type="application/json", public_api=True
    ),
    "open311:requests[xml]": Case(
        named("open311_requests", "xml"), content_type="text/xml", public_api=True
    ),
    "open311:requests[post,no-key]": Case(
        named("open311_requests", "json"),
        method="post",
        data={"service_code": "jalan-rusak", "description": "x", "lat": "-8.1", "long": "113.2"},
        content_type="application/json",
        public_api=True,
    ),
    "open311:request[other]": Case(
        named("open311_request", number_of("other"), "xml"),
        content_type="text/xml",
        public_api=True,
    ),
    "open311:request[own,anonymous]": Case(
        named("open311_request", number_of("own_responded"), "json"),
        content_type="application/json",
        public_api=True,
    ),
    "open311:token": Case(
        named("open311_token", token_of, "json"),
        content_type="application/json",
        public_api=True,
    ),
}

# The expected outcome of each URL for each principal, decided from workflow/policy.py,
# workflow/roles.py and the SPEC. Reading guide:
# - Agency staff (Admin OPD, Pejabat Penghubung, Kepala OPD of DPUTR) see DPUTR's complaints
#   while dispatched/responded/resolved/closed (policy.AGENCY_VISIBLE_STATES) and nothing
#   else: another agency's complaint, or one DPUTR returned, is NF on every URL.
# - The Validator sees only complaints waiting for verification (VISIBLE_STATES[VALIDATOR]);
#   Editor FAQ sees no complaint at all; the superuser acts as Admin Pengaduan.
# - An action URL for a complaint the role sees: OK if policy.can(); NA if the role is among
#   the action's roles but the state or condition says no; DENY if the role never takes it.
# - Only Admin Pengaduan edits a complaint (EDITOR_ROLES), nobody deletes one, and Wagtail's
#   history/usage views need a change permission only Admin Pengaduan holds [SPEC §3: the
#   history log is visible to Admin Pengaduan].
# - Data induk, Layanan, Pengaturan and Open311 clients are Admin Pengaduan's (roles.py);
#   read-only logs (notifications, history log, AI log) cannot be created, edited or deleted
#   by anybody, the superuser included.
# - Reports: Admin Pengaduan every agency, agency staff their own, nobody else (SPEC §9).
# fmt: off
EXPECTED: dict[str, tuple[str, ...]] = {
    # case                                         anon  super admin valid opd   sekdn kadis edit
    "complaint:list":                              (AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY),
    "complaint:list_results":                      (AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY),
    "complaint:export[csv]":                       (AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY),
    "complaint:export[xlsx]":                      (AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY),
    "complaint:export[lapor-csv]":                 (AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY),
    "complaint:export[lapor-xlsx]":                (AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY),
    "complaint:add":                               (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "complaint:lapor_import":                      (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "complaint:inspect[intake]":                   (AUTH, OK,   OK,   OK,   NF,   NF,   NF,   NF),
    "complaint:inspect[own]":                      (AUTH, OK,   OK,   NF,   OK,   OK,   OK,   NF),
    "complaint:inspect[own,anonymous]":            (AUTH, OK,   OK,   NF,   OK,   OK,   OK,   NF),
    "complaint:inspect[own,personal-data]":        (AUTH, OK,   OK,   NF,   OK,   OK,   OK,   NF),
    "complaint:inspect[other]":                    (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "complaint:inspect[own,returned]":             (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "complaint:edit[intake]":                      (AUTH, OK,   OK,   DENY, NF,   NF,   NF,   NF),
    "complaint:edit[own]":                         (AUTH, OK,   OK,   NF,   DENY, DENY, DENY, NF),
    "complaint:edit[other]":                       (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "complaint:edit[archived]":                    (AUTH, DENY, DENY, NF,   NF,   NF,   NF,   NF),
    "complaint:history[intake]":                   (AUTH, OK,   OK,   DENY, NF,   NF,   NF,   NF),
    "complaint:history[own]":                      (AUTH, OK,   OK,   NF,   DENY, DENY, DENY, NF),
    "complaint:history[other]":                    (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "complaint:history_results[own]":              (AUTH, OK,   OK,   NF,   DENY, DENY, DENY, NF),
    "complaint:history_results[other]":            (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "complaint:usage[own]":                        (AUTH, OK,   OK,   NF,   DENY, DENY, DENY, NF),
    "complaint:usage[other]":                      (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "complaint:delete[own]":                       (AUTH, DENY, DENY, NF,   DENY, DENY, DENY, NF),
    "complaint:delete[other]":                     (AUTH, DENY, DENY, NF,   NF,   NF,   NF,   NF),
    "complaint:attachment[intake]":                (AUTH, OK,   OK,   OK,   NF,   NF,   NF,   NF),
    "complaint:attachment[own]":                   (AUTH, OK,   OK,   NF,   OK,   OK,   OK,   NF),
    "complaint:attachment[other]":                 (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "complaint:attachment[own,returned]":          (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "action:verify_and_dispatch[intake]":          (AUTH, OK,   OK,   DENY, NF,   NF,   NF,   NF),
    "action:verify_and_dispatch[own]":             (AUTH, NA,   NA,   NF,   DENY, DENY, DENY, NF),
    "action:return_to_reporter[intake]":           (AUTH, OK,   OK,   DENY, NF,   NF,   NF,   NF),
    "action:resubmit[incomplete]":                 (AUTH, OK,   OK,   DENY, NF,   NF,   NF,   NF),
    "action:archive[intake]":                      (AUTH, OK,   OK,   DENY, NF,   NF,   NF,   NF),
    "action:restore[archived]":                    (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "action:forward_out_of_authority[intake]":     (AUTH, OK,   OK,   DENY, NF,   NF,   NF,   NF),
    "action:forward_out_of_authority[returned]":   (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "action:merge_duplicate[intake]":              (AUTH, OK,   OK,   DENY, NF,   NF,   NF,   NF),
    "action:check_identity[intake]":               (AUTH, OK,   OK,   OK,   NF,   NF,   NF,   NF),
    "action:return_by_agency[own]":                (AUTH, DENY, DENY, NF,   OK,   OK,   OK,   NF),
    "action:return_by_agency[other]":              (AUTH, DENY, DENY, NF,   NF,   NF,   NF,   NF),
    "action:redispatch[own]":                      (AUTH, OK,   OK,   NF,   DENY, DENY, DENY, NF),
    "action:redispatch[other]":                    (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "action:redispatch[own,returned]":             (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "action:respond[own]":                         (AUTH, DENY, DENY, NF,   OK,   OK,   OK,   NF),
    "action:respond[other]":                       (AUTH, DENY, DENY, NF,   NF,   NF,   NF,   NF),
    "action:respond[own,pending]":                 (AUTH, DENY, DENY, NF,   NA,   NA,   NA,   NF),
    "action:approve_response[own,pending]":        (AUTH, DENY, DENY, NF,   DENY, OK,   OK,   NF),
    "action:approve_response[other,pending]":      (AUTH, DENY, DENY, NF,   NF,   NF,   NF,   NF),
    "action:reject_response[own,pending]":         (AUTH, DENY, DENY, NF,   DENY, OK,   OK,   NF),
    "action:reject_response[other,pending]":       (AUTH, DENY, DENY, NF,   NF,   NF,   NF,   NF),
    "action:add_follow_up[own,responded]":         (AUTH, DENY, DENY, NF,   OK,   OK,   OK,   NF),
    "action:add_follow_up[other,responded]":       (AUTH, DENY, DENY, NF,   NF,   NF,   NF,   NF),
    "action:resolve[own,responded]":               (AUTH, DENY, DENY, NF,   OK,   OK,   OK,   NF),
    "action:resolve[other,responded]":             (AUTH, DENY, DENY, NF,   NF,   NF,   NF,   NF),
    "action:resolve[own]":                         (AUTH, DENY, DENY, NF,   NA,   NA,   NA,   NF),
    "action:close[own,resolved]":                  (AUTH, OK,   OK,   NF,   DENY, DENY, DENY, NF),
    "action:close[other,resolved]":                (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "action:reopen[own,resolved]":                 (AUTH, OK,   OK,   NF,   DENY, DENY, DENY, NF),
    "action:reopen[other,resolved]":               (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "action:add_note[intake]":                     (AUTH, OK,   OK,   OK,   NF,   NF,   NF,   NF),
    "action:add_note[own]":                        (AUTH, OK,   OK,   NF,   OK,   OK,   OK,   NF),
    "action:add_note[other]":                      (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   NF),
    "action:no-such-action[own]":                  (AUTH, NF,   NF,   NF,   NF,   NF,   NF,   NF),
    # A chooser is one more list of complaints: the same rows as the list, for the same roles
    # (who may not list complaints at all is refused before any row is looked up). Complaints
    # are only ever filed through the intake form (services.submit), never in a chooser.
    "complaint-chooser:choose":                    (AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY),
    "complaint-chooser:choose_results":            (AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY),
    "complaint-chooser:chosen[own]":               (AUTH, OK,   OK,   NF,   OK,   OK,   OK,   DENY),
    "complaint-chooser:chosen[other]":             (AUTH, OK,   OK,   NF,   NF,   NF,   NF,   DENY),
    "complaint-chooser:chosen_multiple":           (AUTH, OK,   OK,   OK,   OK,   OK,   OK,   DENY),
    "complaint-chooser:create":                    (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "apiclient:list":                              (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient:list_results":                      (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient:add":                               (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient:edit":                              (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient:copy":                              (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient:delete":                            (AUTH, OK,   DENY, DENY, DENY, DENY, DENY, DENY),
    "apiclient:usage":                             (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient:history":                           (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient:history_results":                   (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient-chooser:choose":                    (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient-chooser:choose_results":            (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient-chooser:chosen":                    (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient-chooser:chosen_multiple":           (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "apiclient-chooser:create":                    (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "agency:index":                                (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "agency:create":                               (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "agency:edit[own]":                            (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "agency:edit[other]":                          (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "agency:delete[other]":                        (AUTH, OK,   DENY, DENY, DENY, DENY, DENY, DENY),
    "agency:inspect[other]":                       (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "agency:history[other]":                       (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "category:index":                              (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "category:create":                             (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "category:edit":                               (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "category:delete":                             (AUTH, OK,   DENY, DENY, DENY, DENY, DENY, DENY),
    "category:history":                            (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "reporter:index":                              (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "reporter:create":                             (AUTH, OK,   DENY, DENY, DENY, DENY, DENY, DENY),
    "reporter:edit[own]":                          (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "reporter:edit[other]":                        (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "reporter:delete[other]":                      (AUTH, OK,   DENY, DENY, DENY, DENY, DENY, DENY),
    "reporter:inspect[own]":                       (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "reporter:inspect[other]":                     (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "reporter:history[other]":                     (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    # The reporter's rights under UU 27/2022: a copy of the data, erasure — Admin Pengaduan's.
    "reporter:data-export[other]":                 (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "reporter:data-erase[other]":                  (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "staff:index":                                 (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "staff:create":                                (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "staff:edit[own]":                             (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "staff:delete[other]":                         (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "staff:history[other]":                        (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "notification:index":                          (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "notification:create":                         (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "notification:edit[other]":                    (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "notification:delete[other]":                  (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "notification:inspect[other]":                 (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "notification:history[other]":                 (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "notification:requeue[other]":                 (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "template:index":                              (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "template:create":                             (AUTH, OK,   DENY, DENY, DENY, DENY, DENY, DENY),
    "template:edit":                               (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "template:delete":                             (AUTH, OK,   DENY, DENY, DENY, DENY, DENY, DENY),
    "template:history":                            (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "presets":                                     (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "presets:diff":                                (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "holiday:index":                               (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "holiday:create":                              (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "holiday:edit":                                (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "holiday:delete":                              (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "holiday:history":                             (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "activitylog:index":                           (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "activitylog:create":                          (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "activitylog:edit[other]":                     (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "activitylog:delete[other]":                   (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "activitylog:inspect[other]":                  (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "activitylog:history[other]":                  (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "ailog:index":                                 (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "ailog:create":                                (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "ailog:edit":                                  (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "ailog:delete":                                (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "ailog:inspect":                               (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "ailog:history":                               (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "settings:sla-policy":                         (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "settings:intake":                             (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "reports:recaps":                              (AUTH, OK,   OK,   DENY, OK,   OK,   OK,   DENY),
    "reports:recap_generate":                      (AUTH, OK,   OK,   DENY, DENY, DENY, DENY, DENY),
    "reports:recap":                               (AUTH, OK,   OK,   DENY, OK,   OK,   OK,   DENY),
    "reports:recap_download[xlsx]":                (AUTH, OK,   OK,   DENY, OK,   OK,   OK,   DENY),
    "reports:recap_download[pdf]":                 (AUTH, OK,   OK,   DENY, OK,   OK,   OK,   DENY),
    "reports:recap_download[print]":               (AUTH, OK,   OK,   DENY, OK,   OK,   OK,   DENY),
    "reports:recap_download[exe]":                 (AUTH, NF,   NF,   DENY, NF,   NF,   NF,   DENY),
    "reports:daily":                               (AUTH, OK,   OK,   DENY, OK,   OK,   OK,   DENY),
    "reports:strategic":                           (AUTH, OK,   OK,   DENY, OK,   OK,   OK,   DENY),
    "reports:league":                              (AUTH, OK,   OK,   DENY, OK,   OK,   OK,   DENY),
    "reports:annual":                              (AUTH, OK,   OK,   DENY, OK,   OK,   OK,   DENY),
    "reports:annual[xlsx]":                        (AUTH, OK,   OK,   DENY, OK,   OK,   OK,   DENY),
    "dashboard":                                   (AUTH, OK,   OK,   OK,   OK,   OK,   OK,   OK),
    # Both our snippets have their own menu item, so the generic index lists none: nobody.
    "snippets:index":                              (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    # Nobody deletes a complaint; the confirmation page must not list what the role may not see.
    "bulk-delete:complaint[own,other]":            (AUTH, DENY, DENY, DENY, DENY, DENY, DENY, DENY),
    "bulk-delete:apiclient":                       (AUTH, OK,   DENY, DENY, DENY, DENY, DENY, DENY),
    "open311:discovery":                           (200,  200,  200,  200,  200,  200,  200,  200),
    "open311:services":                            (200,  200,  200,  200,  200,  200,  200,  200),
    "open311:service":                             (200,  200,  200,  200,  200,  200,  200,  200),
    "open311:requests[json]":                      (200,  200,  200,  200,  200,  200,  200,  200),
    "open311:requests[xml]":                       (200,  200,  200,  200,  200,  200,  200,  200),
    "open311:requests[post,no-key]":               (403,  403,  403,  403,  403,  403,  403,  403),
    "open311:request[other]":                      (200,  200,  200,  200,  200,  200,  200,  200),
    "open311:request[own,anonymous]":              (200,  200,  200,  200,  200,  200,  200,  200),
    "open311:token":                               (200,  200,  200,  200,  200,  200,  200,  200),
}
# fmt: on


# --- what each principal must never read -----------------------------------------------------


def _digits(phone: str) -> str:
    """The subscriber part of a +62 number: matches it written +62…, 62…, 0… or with dashes
    removed (a masked number keeps at most its last four digits)."""
    return phone.removeprefix("+62")


def personal_data(key: str, *, with_name: bool) -> list[str]:
    reporter = {
        "own": ("Wiryo Prasetyo", "wiryo.prasetyo@example.id", "Perum Griya Wiryo"),
        "own_anon": (OWN_ANON_NAME, "sutrisno.w@example.id", "Gang Sutrisno Mulyo"),
        "other": (OTHER_NAME, "kusumawati.h@example.id", f"Jl. {OTHER_WORD} Biru"),
        "intake": ("Bambang Sudarsono", "bambang.s@example.id", "Dusun Gondoruso Kidul"),
    }[key]
    found = [NIKS[key], _digits(PHONES[key]), reporter[1], reporter[2]]
    return [*found, reporter[0]] if with_name else found


OTHER_NUMBERS = ("other", "other_pending", "other_responded", "other_resolved")
INTAKE_NUMBERS = ("intake", "incomplete", "archived", "own_returned")
OWN_NUMBERS = ("own", "own_pending", "own_responded", "own_resolved")


def hidden_from(world: World, principal: str, case: Case) -> list[str]:
    """Strings that must not occur in anything ``principal`` receives from ``case``."""
    if case.public_api:  # what the whole internet may read: no personal data, no secrets
        return [
            OTHER_WORD,
            *personal_data("own", with_name=False),
            *personal_data("own_anon", with_name=True),
            *personal_data("other", with_name=True),
            *personal_data("intake", with_name=False),
            "Anggrek Wulung",  # the own complaints' location text
        ]
    if principal in (SUPER, ADMIN):
        return []
    numbers = [*OTHER_NUMBERS]
    if principal != VALIDATOR:
        numbers += INTAKE_NUMBERS
    if principal in (ANON, VALIDATOR, EDITOR):
        numbers += OWN_NUMBERS
    hidden = [
        OTHER_WORD,
        *personal_data("other", with_name=True),
        *personal_data("own", with_name=False),
        *personal_data("own_anon", with_name=True),
        *(world.objects[key].tracking_number for key in numbers),
    ]
    if principal != VALIDATOR:  # the Validator checks the NIK of complaints awaiting checks
        hidden += personal_data("intake", with_name=False)
    return hidden


def body_text(response) -> str:
    """Everything readable in a response: HTML/CSV/JSON/XML text, spreadsheet cells."""
    # (The test client closes the response itself; closing it again would fire
    # request_finished and drop the database connection in the middle of the test.)
    raw = b"".join(response.streaming_content) if response.streaming else response.content
    content_type = response.get("Content-Type", "")
    if content_type.startswith("image/"):
        return ""
    if content_type.startswith(XLSX):
        from openpyxl import load_workbook

        book = load_workbook(io.BytesIO(raw), read_only=True)
        cells = [
            str(value)
            for sheet in book.worksheets
            for row in sheet.iter_rows(values_only=True)
            for value in row
            if value is not None
        ]
        book.close()
        return "\n".join(cells)
    return raw.decode("utf-8", errors="replace")


# --- the checks ---------------------------------------------------------------------------------


def resolve_url(case_id: str, world: World) -> str:
    return URLS[case_id].url(world)


@contextmanager
def no_chromium() -> Iterator[None]:
    with (
        override_settings(SAMBAT_CHROMIUM="/nonexistent/chromium"),
        mock.patch.dict(os.environ, {"PATH": "/nonexistent"}),
    ):
        yield


def denied_message() -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return gettext("Sorry, you do not have permission to access this area.")


def outcome_problem(world: World, case_id: str, principal: str, expected) -> str | None:
    """Request the URL as ``principal``; describe what differs from ``expected`` (or None)."""
    case = URLS[case_id]
    url = resolve_url(case_id, world)
    client = client_for(world, principal)
    with no_chromium() if case.without_chromium else nullcontext():
        response = getattr(client, case.method)(url, case.data)
    got = f"{response.status_code} {response.get('Location', '')}".strip()
    text = body_text(response)

    problems = [status_problem(world, case, url, expected, response, text)]
    lowered = text.lower()
    leaked = [s for s in hidden_from(world, principal, case) if s.lower() in lowered]
    if leaked:
        problems.append(f"{got}: the body shows {leaked}")
    return "; ".join(p for p in problems if p) or None


def status_problem(world: World, case: Case, url: str, expected, response, text) -> str:
    status, location = response.status_code, response.get("Location", "")
    got = f"{status} {location}".strip()
    content_type = response.get("Content-Type", "")
    if isinstance(expected, int):
        if status != expected:
            return f"expected {expected}, got {got}"
        if not content_type.startswith(case.content_type):
            return f"expected {case.content_type}, got {content_type}"
    elif expected == OK:
        if case.ok_redirect is not None:
            if (status, location) != (302, case.ok_redirect(world)):
                return f"expected 302 to {case.ok_redirect(world)}, got {got}"
        elif status != 200:
            return f"expected 200, got {got}"
        elif not content_type.startswith("image/" if "/attachment/" in url else case.content_type):
            return f"expected {case.content_type}, got {content_type}"
    elif expected == NF:
        if status != 404:
            return f"expected 404, got {got}"
    elif expected == DENY:
        if (status, location, text) != (302, reverse("wagtailadmin_home"), ""):
            return f"expected 302 to /admin/ (denied), got {got}"
        shown = [str(m).strip() for m in get_messages(response.wsgi_request)]
        if denied_message() not in shown:
            return f"denied without saying so: messages {shown}"
    elif expected == AUTH:
        wanted = f"{reverse('wagtailadmin_login')}?{urlencode({'next': url}, safe='/')}"
        if (status, location) != (302, wanted):
            return f"expected 302 to {wanted}, got {got}"
    elif expected == NA:
        back = reverse(f"{COMPLAINTS}:inspect", args=[resolve(urlsplit(url).path).kwargs["pk"]])
        if (status, location) != (302, back):
            return f"expected 302 back to {back}, got {got}"
    return ""


@pytest.mark.django_db
@pytest.mark.parametrize("case_id", list(EXPECTED))
def test_matrix(world, case_id):
    """One URL, every principal: the expected status and nothing the principal may not read."""
    problems = {}
    for principal, expected in zip(PRINCIPALS, EXPECTED[case_id], strict=True):
        problem = outcome_problem(world, case_id, principal, expected)
        if problem:
            problems[principal] = problem
    assert not problems, "\n".join(f"{case_id} as {who}: {why}" for who, why in problems.items())


# --- the table is complete ----------------------------------------------------------------------

OUR_APPS = ("pengaduan", "workflow", "faq", "reports", "open311", "home")
# Snippet views live in a namespace named after the model; modeladmin and our own admin URLs
# carry the app's name as an un-namespaced prefix.
_OURS = re.compile(
    rf"^(wagtailsnippets|wagtailsnippetchoosers)_({'|'.join(OUR_APPS)})_\w+:"
    rf"|^({'|'.join(OUR_APPS)})_[^:]+$"
)


def our_url_names() -> set[str]:
    """Every admin and Open311 URL name that belongs to our apps, found by walking the URLconf
    (by name, or by the module of the view for an unnamed one)."""
    found = set()

    def walk(patterns, prefix: str, namespaces: tuple[str, ...]):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                space = (pattern.namespace,) if pattern.namespace else ()
                walk(pattern.url_patterns, route, namespaces + space)
                continue
            assert isinstance(pattern, URLPattern)
            if not route.startswith(("admin/", "open311/")):
                continue
            name = ":".join((*namespaces, pattern.name or ""))
            view = getattr(pattern.callback, "view_class", pattern.callback)
            module = getattr(view, "__module__", "")
            if _OURS.match(name):
                found.add(name)
            elif module.split(".")[0] in OUR_APPS:
                found.add(name or f"<unnamed {route} in {module}>")

    walk(get_resolver().url_patterns, "", ())
    return found


@pytest.mark.django_db
def test_every_admin_url_of_our_apps_has_a_row(world):
    assert set(URLS) == set(EXPECTED)
    covered = {resolve(urlsplit(resolve_url(case_id, world)).path).view_name for case_id in URLS}
    missing = our_url_names() - covered
    assert not missing, f"URLs without a row in EXPECTED: {sorted(missing)}"
    # A sanity check of the walk itself: it found the views this module is about.
    assert {f"{COMPLAINTS}:inspect", f"{COMPLAINTS}:attachment", "reports_recap_download"} <= (
        our_url_names()
    )


# --- the scan sees what it looks for ---------------------------------------------------------


@pytest.mark.django_db
def test_the_body_scan_finds_what_admin_pengaduan_may_read(world):
    """The same strings the matrix forbids to others are there for Admin Pengaduan, so an
    empty scan means "hidden", not "never rendered"."""
    client = client_for(world, ADMIN)
    reporter = body_text(
        client.get(modeladmin(REPORTERS, "inspect", "other_reporter")(world))
    ).lower()
    assert NIKS["other"] in reporter and _digits(PHONES["other"]) in reporter
    assert OTHER_NAME.lower() in reporter
    export = body_text(client.get(resolve_url("complaint:export[xlsx]", world)))
    assert world.objects["other"].tracking_number in export and OTHER_WORD in export
    revealed = body_text(client.get(snippet("inspect", "other", query="?data_pribadi=1")(world)))
    assert NIKS["other"] in revealed and OWN_ANON_NAME not in revealed


@pytest.mark.django_db
def test_deleting_a_complaint_is_refused_even_to_the_superuser(world):
    """POST, not only the confirmation page: the complaint stays (it is archived instead)."""
    complaint = world.objects["intake"]
    for principal in (SUPER, ADMIN):
        client = client_for(world, principal)
        response = client.post(snippet("delete", "intake")(world))
        assert (response.status_code, response["Location"]) == (302, "/admin/")
        bulk = client.post(
            reverse("wagtail_bulk_action", args=["pengaduan", "complaint", "delete"])
            + f"?id={complaint.pk}"
        )
        assert (bulk.status_code, bulk["Location"]) == (302, "/admin/")
    complaint.refresh_from_db()
    assert complaint.status == "submitted"
