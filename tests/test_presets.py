"""SOP presets and branding (issue 11): one product for every regency.

Each preset is applied to a fresh install and a complaint walked through its lifecycle with
the clock frozen; the deadlines, reminder recipients and approvals are the preset's SOP.
"""

import datetime as dt
import io
import re
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command

from pengaduan.models import ComplaintUpdate, IntakeSettings
from workflow import presets, services, sweeps
from workflow.models import InstallationSettings, Notification, SlaPolicy
from workflow.states import Status

from .conftest import evidence
from .factories import UserFactory

WIB = ZoneInfo("Asia/Jakarta")
WITA = ZoneInfo("Asia/Makassar")
A = Notification.Audience
REPO = Path(__file__).resolve().parent.parent


def apply(name: str):
    return presets.apply(presets.get(name))


@pytest.fixture
def numbered_agency(agency):
    agency.admin_whatsapp = "+6281100000001"
    agency.sekdin_whatsapp = "+6281100000002"
    agency.kadis_whatsapp = "+6281100000003"
    agency.save()
    return agency


def test_every_preset_cites_its_seed_and_sets_only_known_knobs():
    found = presets.all_presets()
    assert sorted(found) == [
        "cilacap",
        "lumajang-2018",
        "lumajang-2025",
        "rembang-lapor",
        "tanah-bumbu",
    ]
    for preset in found.values():
        assert re.match(r"\[00[0-4]\]", preset.source), preset.name
        assert set(preset.values) <= set(presets.KNOBS)


# Monday 9 November 2026 09:00, an ordinary working week (no holiday until 25 December).
MONDAY = dt.datetime(2026, 11, 9, 9, 0, tzinfo=WIB)
MON_WITA = dt.datetime(2026, 11, 9, 9, 0, tzinfo=WITA)


def day(d, hour=9, minute=0, tz=WIB):
    return dt.datetime(2026, 11, d, hour, minute, tzinfo=tz)


# preset → start, (verify, response, follow-up normal, auto-close) deadlines
LIFECYCLES = {
    # [000] 5 office minutes, 4 office hours, 3 working days, 10 working days
    "lumajang-2025": (MONDAY, day(9, 9, 5), day(9, 13), day(12), day(23)),
    # [003] NIK within 1×24 h (1 working day), answer in 7 working days
    "lumajang-2018": (MONDAY, day(10), day(18), day(12), day(23)),
    # [002] 15 minutes, then 2 hours: 2 h 15 min in all
    "cilacap": (MONDAY, day(9, 9, 15), day(9, 11), day(12), day(23)),
    # [004] verification 3 days, answer 5 working days, unclassified 14 working days
    "rembang-lapor": (MONDAY, day(12), day(16), day(27), day(23)),
    # [001] 1 day each, on WITA
    "tanah-bumbu": (
        MON_WITA,
        day(10, tz=WITA),
        day(10, tz=WITA),
        day(12, tz=WITA),
        day(23, tz=WITA),
    ),
}


@pytest.mark.parametrize("name", sorted(LIFECYCLES))
def test_a_complaint_walks_through_each_presets_deadlines(
    name, make_complaint, admin_user, numbered_agency, opd_admin, kadis
):
    apply(name)
    start, verify, response, follow_up, auto_close = LIFECYCLES[name]
    with time_machine.travel(start, tick=False):
        complaint = make_complaint()
        assert complaint.due_at == verify
        complaint = services.verify_and_dispatch(complaint, numbered_agency, by=admin_user)
        assert complaint.due_at == response
        services.respond(complaint, by=opd_admin, text="Segera kami tinjau.")
        complaint.refresh_from_db()
        if name == "cilacap":
            # [002] rows 4–6: the Kepala OPD approves before the reporter hears anything.
            assert complaint.status == Status.DISPATCHED
            assert complaint.updates.filter(status=ComplaintUpdate.State.DRAFT).exists()
            services.approve_response(complaint, by=kadis)
            complaint.refresh_from_db()
        assert complaint.status == Status.RESPONDED
        assert complaint.due_at == follow_up
        complaint = services.resolve(complaint, by=opd_admin, text="Sudah.", files=[evidence()])
        assert complaint.due_at == auto_close


def test_rembang_classes_information_five_and_no_inspection_fourteen_working_days(
    make_complaint, opd_admin
):
    apply("rembang-lapor")
    with time_machine.travel(MONDAY, tick=False):
        info = make_complaint(Status.DISPATCHED, urgency="information")
        plain = make_complaint(Status.DISPATCHED, urgency="no_inspection")
        for complaint in (info, plain):
            services.respond(complaint, by=opd_admin, text="Ditanggapi.")
    info.refresh_from_db()
    plain.refresh_from_db()
    assert info.due_at == day(16)
    assert plain.due_at == day(27)


def test_tanah_bumbu_counts_a_friday_afternoon_complaint_in_wita_office_hours(
    make_complaint, admin_user, numbered_agency
):
    apply("tanah-bumbu")
    friday = dt.datetime(2026, 11, 13, 15, 30, tzinfo=WITA)  # 14:30 WIB
    with time_machine.travel(friday, tick=False):
        complaint = make_complaint()
    # The next working day at the same WITA clock time: Monday 15:30 WITA, before 16:00.
    assert complaint.due_at == dt.datetime(2026, 11, 16, 15, 30, tzinfo=WITA)
    local = complaint.due_at.astimezone(WITA)
    assert dt.time(7, 30) <= local.time() < dt.time(16, 0)
    # Messages state the time in WITA.
    with time_machine.travel(friday, tick=False):
        complaint = services.verify_and_dispatch(complaint, numbered_agency, by=admin_user)
    alert = Notification.objects.get(
        complaint=complaint, template_key="agency.new_disposition", audience=A.AGENCY_ADMIN
    )
    assert "16/11/2026 15:30 WITA" in alert.text


def test_follow_up_reminders_keep_wita_office_hours(make_complaint, numbered_agency):
    apply("tanah-bumbu")
    with time_machine.travel(MON_WITA, tick=False):
        late = make_complaint(Status.RESPONDED)
    # Due Thursday 09:00 WITA. Friday 07:45 WITA is office time in Batulicin, but only
    # 06:45 in Jakarta: the reminder goes out because the office clock is WITA.
    friday = dt.datetime(2026, 11, 13, 7, 45, tzinfo=WITA)
    assert late.due_at < friday
    with time_machine.travel(friday, tick=False):
        assert sweeps.remind_overdue_follow_ups() == 1


@pytest.mark.parametrize(
    ("name", "first", "second", "quiet_until"),
    [
        # [000] step 7: every hour, Admin OPD first, then Sekdin and Kadis too.
        ("lumajang-2025", day(9, 10), day(9, 11), day(9, 9, 55)),
        # [002]: the SOP's 15-minute steps.
        ("cilacap", day(9, 9, 15), day(9, 9, 30), day(9, 9, 10)),
        # [004]: day-long deadlines, a reminder a day.
        ("rembang-lapor", day(10), day(11), day(10, 8, 55)),
    ],
)
def test_reminders_follow_the_presets_interval_and_recipients(
    name, first, second, quiet_until, make_complaint, admin_user, numbered_agency
):
    apply(name)
    with time_machine.travel(MONDAY, tick=False):
        complaint = make_complaint()
        services.verify_and_dispatch(complaint, numbered_agency, by=admin_user)
    with time_machine.travel(quiet_until, tick=False):
        assert sweeps.remind_unanswered() == 0
    with time_machine.travel(first, tick=False):
        assert sweeps.remind_unanswered() == 1
    with time_machine.travel(second, tick=False):
        assert sweeps.remind_unanswered() == 1
    sent = Notification.objects.filter(
        complaint=complaint, template_key__in=["agency.reminder", "agency.escalation"]
    )
    first_round = sorted(sent.filter(created_at=first).values_list("audience", flat=True))
    second_round = sorted(sent.filter(created_at=second).values_list("audience", flat=True))
    assert first_round == [A.AGENCY_ADMIN]
    assert second_round == sorted([A.AGENCY_ADMIN, A.AGENCY_HEAD, A.AGENCY_SECRETARY])


def test_only_cilacap_requires_approval_everywhere(make_complaint, opd_admin):
    for name, waits in [("lumajang-2025", False), ("cilacap", True), ("tanah-bumbu", False)]:
        apply(name)
        complaint = make_complaint(Status.DISPATCHED)
        services.respond(complaint, by=opd_admin, text="Tanggapan.")
        complaint.refresh_from_db()
        assert (complaint.status == Status.DISPATCHED) is waits, name


def test_lumajang_2018_requires_nik(db):
    apply("lumajang-2018")
    assert IntakeSettings.load().require_nik is True
    apply("lumajang-2025")
    assert IntakeSettings.load().require_nik is False


def current_values():
    return presets._current()


@pytest.mark.parametrize(
    ("first", "second"),
    [("tanah-bumbu", "cilacap"), ("rembang-lapor", "lumajang-2018"), ("cilacap", "tanah-bumbu")],
)
def test_switching_there_and_back_leaves_exactly_the_first_preset(db, first, second):
    apply(first)
    expected = current_values()
    assert expected == presets.target_values(presets.get(first))
    apply(second)
    assert current_values() != expected
    apply(first)
    assert current_values() == expected
    assert apply(first) == []  # idempotent


def test_presets_do_not_touch_the_branding(db):
    installation = InstallationSettings.load()
    installation.regency_name = "Kabupaten Contoh"
    installation.service_name = "Lapor Contoh"
    installation.whatsapp_number = "0811-000"
    installation.save()
    apply("tanah-bumbu")
    installation = InstallationSettings.load()
    assert (installation.regency_name, installation.service_name) == (
        "Kabupaten Contoh",
        "Lapor Contoh",
    )
    assert installation.whatsapp_number == "0811-000"
    assert installation.time_zone == "Asia/Makassar"


def test_the_command_prints_the_diff_and_dry_run_changes_nothing(db):
    before = current_values()
    out = io.StringIO()
    call_command("apply_sop_preset", "tanah-bumbu", "--dry-run", stdout=out)
    text = out.getvalue()
    assert "zona waktu: Asia/Jakarta → Asia/Makassar" in text
    assert "kata kunci SMS: (kosong) → TANAHBUMBU" in text
    assert "tanggapan OPD (hari kerja): 0 → 1" in text
    assert "belum diterapkan" in text
    assert current_values() == before

    out = io.StringIO()
    call_command("apply_sop_preset", "tanah-bumbu", stdout=out)
    assert "diterapkan" in out.getvalue()
    assert SlaPolicy.load().response_working_days == 1
    assert InstallationSettings.load().time_zone == "Asia/Makassar"

    out = io.StringIO()
    call_command("apply_sop_preset", "tanah-bumbu", stdout=out)
    assert "Tidak ada perubahan" in out.getvalue()


def test_the_command_rejects_an_unknown_preset(db):
    from django.core.management import CommandError

    with pytest.raises(CommandError, match="lumajang-2025"):
        call_command("apply_sop_preset", "jakarta")


URL = "/admin/pengaturan/preset-sop/"


def test_admin_pengaduan_sees_the_diff_and_applies_on_confirm(client, admin_user):
    client.force_login(admin_user)
    listing = client.get(URL)
    assert listing.status_code == 200
    assert "Tanah Bumbu — LAPOR! dan SMS 1708 (WITA)" in listing.content.decode()

    diff = client.get(URL, {"preset": "cilacap"}).content.decode()
    assert "tanggapan OPD (jam kantor)" in diff
    assert "semua tanggapan perlu persetujuan Kepala OPD" in diff
    assert SlaPolicy.load().response_hours == 4  # looking changes nothing

    # Without the confirmation nothing happens.
    client.post(URL, {"preset": "cilacap"})
    assert SlaPolicy.load().response_hours == 4

    response = client.post(URL, {"preset": "cilacap", "confirm": "yes"})
    assert response.status_code == 302
    assert SlaPolicy.load().response_hours == 2
    assert SlaPolicy.load().verify_minutes == 15
    assert InstallationSettings.load().response_approval_required is True
    again = client.get(URL, {"preset": "cilacap"}).content.decode()
    assert "preset ini sudah berlaku" in again


def test_a_non_admin_can_neither_see_nor_apply_a_preset(client, opd_admin, db):
    editor = UserFactory(username="editor", role="Editor FAQ")
    for user in (opd_admin, editor):
        client.force_login(user)
        assert client.get(URL).status_code in (302, 403)
        response = client.post(URL, {"preset": "cilacap", "confirm": "yes"})
        assert response.status_code in (302, 403)
    assert SlaPolicy.load().response_hours == 4
    assert InstallationSettings.load().response_approval_required is False


# --- branding ---------------------------------------------------------------------------


@pytest.fixture
def rebranded(db):
    installation = InstallationSettings.load()
    installation.regency_name = "Kabupaten Tanah Bumbu"
    installation.service_name = "Sapa Bumbu"
    installation.tagline = "BERSUJUD – BERSIH – RAMAH"
    installation.whatsapp_number = "0811-5020-205"
    installation.primary_colour = "#1f4e9c"
    installation.save()
    return installation


def test_the_beranda_shows_the_configured_names(client, rebranded):
    html = client.get("/").content.decode()
    assert "SAPA BUMBU" in html  # the hero
    assert "Layanan Pengaduan Masyarakat Kabupaten Tanah Bumbu" in html  # the header
    assert "Pemerintah Kabupaten Tanah Bumbu" in html  # the footer
    assert "BERSUJUD – BERSIH – RAMAH" in html
    assert "https://wa.me/628115020205" in html
    assert "<title>Sapa Bumbu" in html
    css = client.get("/tema.css")
    assert "--sb-green: #1f4e9c" in css.content.decode()


def test_the_whatsapp_ticket_and_menu_name_the_configured_service(rebranded, reporter):
    from pengaduan import conversation

    complaint = services.submit(reporter=reporter, text="Jalan berlubang di depan pasar.")
    ticket = Notification.objects.get(complaint=complaint, template_key="reporter.ticket_issued")
    assert "layanan *Sapa Bumbu* Pemerintah Kabupaten Tanah Bumbu" in ticket.text
    assert conversation.menu_text().startswith(
        "Selamat datang di *Sapa Bumbu*, layanan pengaduan Pemerintah Kabupaten Tanah Bumbu."
    )


def test_the_favicon_is_the_installations_logo_or_its_initials(client, rebranded):
    """Every page asks for /favicon.ico; it never is a 404."""
    from PIL import Image
    from wagtail.images.models import Image as WagtailImage
    from wagtail.images.tests.utils import get_test_image_file

    response = client.get("/favicon.ico")
    assert response.status_code == 200 and response["Content-Type"] == "image/png"
    icon = Image.open(io.BytesIO(response.content)).convert("RGB")
    assert icon.size == (64, 64)
    assert icon.getpixel((4, 32)) == (0x1F, 0x4E, 0x9C)  # the installation's colour
    assert 'rel="icon" href="/favicon.ico"' in client.get("/").content.decode()

    logo = WagtailImage.objects.create(
        title="Logo", file=get_test_image_file(colour="red", size=(120, 80))
    )
    rebranded.logo = logo
    rebranded.save()
    icon = Image.open(io.BytesIO(client.get("/favicon.ico").content)).convert("RGB")
    assert icon.size == (64, 64) and icon.getpixel((32, 32)) == (255, 0, 0)


# --- no hard-coded regency --------------------------------------------------------------

# Where the first regency's name may stay: its demo data, presets, migrations, tests, docs.
ALLOWED = (
    "pengaduan/demo/",
    "faq/data/",
    "pengaduan/management/commands/seed_demo.py",
    "workflow/presets/",
    "tests/",
    "docs/",
)
SKIP_DIRS = {".git", ".venv", "var", "node_modules", "__pycache__", "migrations", "results"}


def test_no_hard_coded_lumajang_outside_demo_data_presets_and_migrations():
    offenders = []
    for path in REPO.rglob("*"):
        if path.suffix not in {".py", ".html", ".txt", ".js", ".css"} or not path.is_file():
            continue
        relative = path.relative_to(REPO).as_posix()
        if set(path.relative_to(REPO).parts) & SKIP_DIRS or relative.startswith(ALLOWED):
            continue
        for number, line in enumerate(path.read_text(errors="ignore").splitlines(), 1):
            if "Lumajang" in line:
                offenders.append(f"{relative}:{number}: {line.strip()[:80]}")
    assert offenders == []
