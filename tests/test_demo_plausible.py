"""The demo reads like a working service, and durations are said honestly.

Every demo complaint's history runs forwards in the order of the workflow, its dates are
this season's (not the dates the texts were first written with), follow-ups tell progress
and resolutions tell the result, and the Statistik page's median is a real figure.
"""

import datetime as dt
import itertools
import re
from io import StringIO

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.utils import timezone

from home import stats
from home.setup import ensure_public_pages
from home.templatetags.sambat import MONTHS, durasi_kerja
from pengaduan.models import Complaint, ComplaintUpdate

# submitted → reviewed → dispatched → responded → followed up → resolved → closed.
WORKFLOW_ORDER = {
    "create": 0,
    "return_to_reporter": 1,
    "resubmit": 1,
    "check_identity": 1,
    "verify_and_dispatch": 2,
    "archive": 2,
    "merge_duplicate": 2,
    "forward_out_of_authority": 2,
    "return_by_agency": 3,
    "respond": 3,
    "approve_response": 3,
    "add_follow_up": 4,
    "resolve": 5,
    "close": 6,
    "rate": 7,
    "reopen": 8,
}
UPDATE_ORDER = [
    ComplaintUpdate.Kind.RESPONSE,
    ComplaintUpdate.Kind.FOLLOW_UP,
    ComplaintUpdate.Kind.RESOLUTION,
]
DATE_IN_TEXT = re.compile(r"\b(\d{1,2}) (" + "|".join(MONTHS) + r") (\d{4})\b")


def test_durations_are_said_in_indonesian_by_size():
    assert durasi_kerja(0) == "kurang dari 1 menit"
    assert durasi_kerja(30 / 60) == "kurang dari 1 menit"  # 30 seconds
    assert durasi_kerja(5) == "5 menit"
    assert durasi_kerja(90) == "1 jam 30 menit"
    assert durasi_kerja(3 * 8.5 * 60, 8.5) == "3 hari kerja"
    assert durasi_kerja(120) == "2 jam"
    assert durasi_kerja(59.7) == "1 jam"
    assert durasi_kerja(1.5 * 8 * 60, 8) == "1,5 hari kerja"
    assert durasi_kerja(None) == "–"


def test_a_median_of_too_few_complaints_is_not_shown():
    row = stats.AgencyFigures(agency_id=1, name="", short_name="")
    row.median_response_minutes, row.response_samples = 0.0, stats.MIN_SAMPLES - 1
    assert not row.response_time_known
    row.response_samples = stats.MIN_SAMPLES
    assert row.response_time_known
    assert not row.resolution_time_known  # nothing resolved


def _history_problems(complaint: Complaint, now: dt.datetime) -> list[str]:
    name = complaint.tracking_number
    problems = []
    logs = sorted(complaint.activity.all(), key=lambda log: log.pk)  # as they were written
    moments = [log.created_at for log in logs]
    if logs[0].action != "create" or moments[0] != complaint.created_at:
        problems.append(f"{name}: the history does not start with the complaint")
    if any(later <= earlier for earlier, later in itertools.pairwise(moments)):
        problems.append(f"{name}: log times do not move forwards: {moments}")
    if moments[-1] > now:
        problems.append(f"{name}: a step in the future")
    order = [WORKFLOW_ORDER[log.action] for log in logs]
    if order != sorted(order):
        problems.append(f"{name}: steps out of workflow order: {[g.action for g in logs]}")

    updates = sorted(
        (u for u in complaint.updates.all() if u.kind in UPDATE_ORDER), key=lambda u: u.pk
    )
    kinds = [UPDATE_ORDER.index(u.kind) for u in updates]
    times = [u.created_at for u in updates]
    if kinds != sorted(kinds) or times != sorted(times):
        problems.append(f"{name}: response / follow-up / resolution out of order")
    if any(t < complaint.created_at or t > now for t in times):
        problems.append(f"{name}: an update outside the complaint's lifetime")
    milestones = [
        complaint.created_at,
        complaint.dispatched_at,
        complaint.responded_at,
        complaint.resolved_at,
        complaint.closed_at,
    ]
    known = [m for m in milestones if m is not None]
    if known != sorted(known):
        problems.append(f"{name}: dispatched/responded/resolved/closed out of order")

    texts = {kind: {u.text for u in updates if u.kind == kind} for kind in UPDATE_ORDER}
    if texts[ComplaintUpdate.Kind.FOLLOW_UP] & texts[ComplaintUpdate.Kind.RESOLUTION]:
        problems.append(f"{name}: the follow-up repeats the resolution")
    filed = timezone.localtime(complaint.created_at).date()
    for update in updates:
        for day, month, year in DATE_IN_TEXT.findall(update.text):
            written = dt.date(int(year), MONTHS.index(month) + 1, int(day))
            if written < filed:
                problems.append(f"{name}: {update.kind} dated {written}, filed {filed}")
    return problems


@pytest.mark.django_db
def test_the_seeded_demo_is_plausible_and_statistik_shows_a_real_median(client):
    # Seeding is slow: one demo database for every check.
    call_command("seed_demo", "--allow-production", stdout=StringIO())
    now = timezone.now()
    complaints = list(Complaint.objects.prefetch_related("activity", "updates"))
    assert len(complaints) >= 60
    problems = [p for complaint in complaints for p in _history_problems(complaint, now)]
    assert problems == []

    # Staff work in office hours: responses take real office time, spread around the
    # four-hour service level rather than all at once or all at zero.
    response_minutes = sorted(c.response_office_minutes for c in complaints if c.responded_at)
    assert len(response_minutes) >= 20
    assert response_minutes[len(response_minutes) // 2] >= 15
    assert len(set(response_minutes)) > len(response_minutes) // 2
    assert any(not c.responded_on_time for c in complaints if c.responded_at)  # some late
    # Follow-ups and resolutions vary from complaint to complaint.
    follow_ups = [u.text for c in complaints for u in c.updates.all() if u.kind == "follow_up"]
    assert len(set(follow_ups)) > len(follow_ups) * 0.8

    # The year most of the demo falls in (it is seeded relative to today).
    years = [timezone.localtime(c.dispatched_at).year for c in complaints if c.dispatched_at]
    year = max(set(years), key=years.count)
    ensure_public_pages()
    cache.clear()
    html = client.get("/statistik/", {"tahun": year}).content.decode()
    headline = re.search(r"<strong>([^<]*)</strong>\s*median waktu tanggapan", html).group(1)
    assert headline not in ("0 menit", "0 menit kerja", "kurang dari 1 menit", "belum cukup data")
    assert re.fullmatch(r"\d+ menit|\d+ jam( \d+ menit)?|\d+(,\d)? hari kerja", headline)
    assert not headline.startswith("0 ")
    # Agencies with only a handful of complaints get no median of their own.
    assert "belum cukup data" in html
