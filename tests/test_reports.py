"""Monthly recap, exports, dashboard panels and reports, on a month with known timings.

May 2025 in Lumajang: 1 May (Hari Buruh), 12 May (Waisak) and 13 May (cuti bersama), 29–30 May
(Kenaikan Isa Almasih and cuti bersama) are not working days; office hours 07:30–16:00.
"""

import datetime as dt
import io

import pytest
import time_machine
from django.urls import reverse
from openpyxl import load_workbook

from pengaduan.models import Complaint
from reports import figures, league, recap, topics
from reports.models import MonthlyRecap
from reports.panels import agency_sla
from workflow import policy, services
from workflow.models import ActivityLog, Notification
from workflow.states import Status

from .conftest import evidence
from .factories import AgencyFactory, ReporterFactory, UserFactory

WIB = dt.timezone(dt.timedelta(hours=7))


def at(day, hour, minute=0):
    return dt.datetime(2025, 5, day, hour, minute, tzinfo=WIB)


@pytest.fixture
def may(db):
    """Seven complaints of May 2025 whose every time is known (see the module docstring)."""
    admin = UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    roads = AgencyFactory(short_name="DPUTR", name="Dinas Pekerjaan Umum dan Tata Ruang")
    health = AgencyFactory(short_name="DINKES", name="Dinas Kesehatan")
    ops = {
        roads: UserFactory(username="opd.dputr", role=policy.ADMIN_OPD, agency=roads),
        health: UserFactory(username="opd.dinkes", role=policy.ADMIN_OPD, agency=health),
    }

    def filed(day, channel, text="Jalan berlubang di depan pasar."):
        return services.submit(
            reporter=ReporterFactory(), text=text, channel=channel, now=at(day, 8)
        )

    def respond(c, agency, when):
        services.respond(c, by=ops[agency], text="Sedang kami tangani.", now=when)

    def resolve(c, agency, when):
        services.resolve(c, by=ops[agency], text="Sudah diperbaiki.", files=[evidence()], now=when)

    # c1: response in 2 office hours; resolution across Waisak and cuti bersama: 8.5 h.
    c1 = filed(9, "whatsapp")
    services.verify_and_dispatch(c1, roads, by=admin, now=at(9, 9))
    respond(c1, roads, at(9, 11))
    resolve(c1, roads, at(14, 9))
    services.close(c1, by=policy.REPORTER_ACTOR, now=at(15, 10))
    services.record_satisfaction(c1, rating=5, by=policy.REPORTER_ACTOR, now=at(15, 10, 5))
    # c2: late response (5.5 office hours), resolved in 10 office hours.
    c2 = filed(19, "web", "Lampu jalan mati di alun-alun.")
    services.verify_and_dispatch(c2, roads, by=admin, now=at(19, 8, 30))
    respond(c2, roads, at(19, 14))
    resolve(c2, roads, at(20, 10))
    services.close(c2, by=policy.SYSTEM_ACTOR, now=at(21, 9))
    services.record_satisfaction(c2, rating=3, by=policy.REPORTER_ACTOR, now=at(21, 9, 30))
    # c3: returned by DPUTR, re-dispatched to DINKES, answered an hour later.
    c3 = filed(20, "whatsapp", "Antrean puskesmas sangat panjang.")
    services.verify_and_dispatch(c3, roads, by=admin, now=at(20, 9))
    services.return_by_agency(c3, by=ops[roads], reason="Bukan tugas kami.", now=at(20, 10))
    services.redispatch(c3, health, by=admin, now=at(20, 11))
    respond(c3, health, at(20, 12))
    # c4: DINKES answers in three hours, not resolved yet.
    c4 = filed(21, "phone", "Obat di puskesmas habis.")
    services.verify_and_dispatch(c4, health, by=admin, now=at(21, 9))
    respond(c4, health, at(21, 12))
    # c5: not the regency's business.
    c5 = filed(22, "sms", "Tilang di jalan nasional.")
    services.forward_out_of_authority(
        c5, by=admin, institution="Polres Lumajang", note="Kewenangan kepolisian.", now=at(22, 9)
    )
    # c6: spam.
    c6 = filed(23, "whatsapp", "Promo pinjaman online cepat cair.")
    services.archive(c6, by=admin, reason_code="spam", now=at(23, 9))
    # c7: resolved and closed, then reopened by the reporter (after the 1 May holiday).
    c7 = filed(2, "whatsapp")
    services.verify_and_dispatch(c7, roads, by=admin, now=at(2, 9))
    respond(c7, roads, at(2, 10))
    resolve(c7, roads, at(6, 9))
    services.close(c7, by=policy.REPORTER_ACTOR, now=at(7, 9))
    services.reopen(c7, by=policy.REPORTER_ACTOR, reason="Berlubang lagi.", now=at(8, 9))
    return {"admin": admin, "roads": roads, "health": health, "ops": ops}


def test_every_figure_of_the_monthly_recap(may):
    data = figures.compute(*figures.month_bounds(2025, 5)).as_dict()
    overall = data["overall"]
    assert overall == {
        "received": 7,
        "received_by_channel": {"phone": 1, "sms": 1, "web": 1, "whatsapp": 4},
        "dispatched": 6,  # five first dispatches and one re-dispatch
        "returned_by_agency": 1,
        "out_of_authority": 1,
        "responded": 5,
        "responded_on_time": 4,
        "response_hours_median": 2.0,  # 1, 1, 2, 3, 5.5 hours
        "response_hours_p90": 4.5,
        "resolved": 3,
        "resolved_on_time": 2,
        "resolved_judged": 2,  # the reopened one is not resolved any more
        "resolution_hours_median": 9.25,  # 8.5 (across the holidays) and 10 hours
        "resolution_hours_p90": 9.85,
        "closed": 3,
        "reopened": 1,
        "satisfaction_mean": 4.0,
        "satisfaction_count": 2,
        "responded_on_time_percent": 80.0,
        "resolved_on_time_percent": 100.0,
    }
    rows = {row["short_name"]: row for row in data["agencies"]}
    assert [row["short_name"] for row in data["agencies"]] == ["DPUTR", "DINKES"]
    roads, health = rows["DPUTR"], rows["DINKES"]
    assert (roads["received"], roads["received_by_channel"]) == (4, {"whatsapp": 3, "web": 1})
    assert (roads["returned_by_agency"], roads["responded"], roads["responded_on_time"]) == (
        1,
        3,
        2,
    )
    assert (roads["response_hours_median"], roads["response_hours_p90"]) == (2.0, 4.8)
    assert (roads["resolved"], roads["closed"], roads["reopened"]) == (3, 3, 1)
    assert (roads["resolution_hours_median"], roads["satisfaction_mean"]) == (9.25, 4.0)
    assert roads["responded_on_time_percent"] == 66.7
    assert (health["received"], health["received_by_channel"]) == (2, {"phone": 1, "whatsapp": 1})
    assert (health["responded"], health["responded_on_time_percent"]) == (2, 100.0)
    assert (health["response_hours_median"], health["response_hours_p90"]) == (2.0, 2.8)
    assert (health["resolved"], health["satisfaction_count"]) == (0, 0)
    # Nothing spills into June.
    assert figures.compute(*figures.month_bounds(2025, 6)).overall.received == 0


def test_the_recap_is_generated_on_the_first_and_announced_once(may, settings):
    from workflow.models import MessageTemplate  # noqa: F401 - templates exist

    settings.WHATSAPP_BACKEND = "workflow.transports.LocMemBackend"
    admin = may["admin"]
    admin.sambat_profile.whatsapp_number = "+6281100000099"
    admin.sambat_profile.save()
    from reports.tasks import monthly_recap

    with time_machine.travel(dt.datetime(2025, 6, 1, 1, 0, tzinfo=WIB), tick=False):
        assert monthly_recap.fn() is None  # no results backend: actors return nothing
        monthly_recap.fn()  # a retry or a second scheduler: same recap, one announcement
    stored = MonthlyRecap.objects.get()
    assert stored.month == dt.date(2025, 5, 1)
    assert stored.data["overall"]["received"] == 7
    assert stored.data["label"] == "Mei 2025"
    sent = Notification.objects.filter(template_key="admin.recap_ready")
    assert sent.count() == 1
    assert "Mei 2025" in sent.get().text and "/admin/laporan/rekap/2025-05/" in sent.get().text


def test_monthly_recap_command(may, capsys, tmp_path):
    from django.core.management import CommandError, call_command

    call_command("monthly_recap", "2025-05", "--no-announce", "--xlsx", str(tmp_path / "r.xlsx"))
    assert "Rekap Mei 2025: diterima 7, ditanggapi 5 (80.0% tepat waktu)" in capsys.readouterr().out
    assert (tmp_path / "r.xlsx").stat().st_size > 0
    with pytest.raises(CommandError, match="Bulan tidak valid"):
        call_command("monthly_recap", "2025-13")


def test_the_spreadsheet_holds_the_figures(may, client):
    recap.generate(dt.date(2025, 5, 1), announce=False)
    client.force_login(may["admin"])
    response = client.get(reverse("reports_recap_download", args=["2025-05", "xlsx"]))
    assert response.status_code == 200
    assert 'filename="rekap-sambat-bunda-2025-05.xlsx"' in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Ringkasan", "DPUTR", "DINKES", "Cara menghitung"]
    summary = book["Ringkasan"]
    assert summary["A1"].value == "Rekap Sambat Bunda — Mei 2025"
    header = [cell.value for cell in summary[4]]
    overall = dict(zip(header, [cell.value for cell in summary[5]], strict=True))
    assert overall["OPD"] == "Semua OPD"
    assert overall["Diterima"] == 7
    assert overall["% tanggapan tepat waktu"] == 80.0
    assert overall["Median tanggapan (jam kerja)"] == 2.0
    assert overall["P90 penyelesaian (jam kerja)"] == 9.85
    assert overall["Kepuasan rata-rata (1–5)"] == 4.0
    roads = dict(zip(header, [cell.value for cell in summary[6]], strict=True))
    assert (roads["OPD"], roads["Diterima"], roads["Dibuka kembali"]) == (
        "Dinas Pekerjaan Umum dan Tata Ruang",
        4,
        1,
    )
    sheet = book["DINKES"]
    values = {
        sheet.cell(row=r, column=1).value: sheet.cell(row=r, column=2).value for r in range(5, 22)
    }
    assert values["Ditanggapi"] == 2 and values["P90 tanggapan (jam kerja)"] == 2.8
    # The download is in the history log.
    assert ActivityLog.objects.filter(action=ActivityLog.EXPORT, actor=may["admin"]).count() == 1


def test_the_pdf_renders(may, client):
    import pypdfium2

    recap.generate(dt.date(2025, 5, 1), announce=False)
    client.force_login(may["admin"])
    response = client.get(reverse("reports_recap_download", args=["2025-05", "pdf"]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    document = pypdfium2.PdfDocument(response.content)
    pages = len(document)
    text = " ".join(document[0].get_textpage().get_text_range().split())
    document.close()
    assert 1 <= pages <= 3
    assert "Rekap Layanan Pengaduan Sambat Bunda — Mei 2025" in text
    assert "Dinas Pekerjaan Umum dan Tata Ruang" in text and "80%" in text


def test_an_admin_opd_reads_only_its_own_agency(may, client):
    recap.generate(dt.date(2025, 5, 1), announce=False)
    operator = may["ops"][may["health"]]
    client.force_login(operator)
    page = client.get(reverse("reports_recap", args=["2025-05"])).content.decode()
    assert "Dinas Kesehatan" in page
    assert "Dinas Pekerjaan Umum" not in page
    book = load_workbook(
        io.BytesIO(client.get(reverse("reports_recap_download", args=["2025-05", "xlsx"])).content)
    )
    assert book.sheetnames == ["Ringkasan", "DINKES", "Cara menghitung"]
    cells = [c.value for row in book["Ringkasan"].iter_rows() for c in row if c.value]
    assert "Dinas Pekerjaan Umum dan Tata Ruang" not in cells
    summary = dict(
        zip(
            [c.value for c in book["Ringkasan"][4]],
            [c.value for c in book["Ringkasan"][5]],
            strict=True,
        )
    )
    assert summary["Diterima"] == 2 and summary["Ditanggapi"] == 2
    # Reports of other kinds are scoped the same way; Validator and Editor FAQ read none.
    daily = client.get(reverse("reports_daily"), {"tanggal": "2025-05-20"}).content.decode()
    assert "Dinas Pekerjaan Umum" not in daily
    validator = UserFactory(username="validator", role=policy.VALIDATOR)
    client.force_login(validator)
    for url in (reverse("reports_recap", args=["2025-05"]), reverse("reports_recaps")):
        refused = client.get(url)  # Wagtail turns PermissionDenied into a redirect home
        assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    # Only Admin Pengaduan may (re)generate.
    client.force_login(operator)
    refused = client.post(reverse("reports_recap_generate"), {"month": "2025-04"})
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")
    assert not MonthlyRecap.objects.filter(month=dt.date(2025, 4, 1)).exists()


def test_the_dashboard_shows_each_person_their_own(may, client):
    with time_machine.travel(at(21, 13), tick=False):
        operator = may["ops"][may["health"]]
        client.force_login(operator)
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Antrean saya" in html and "Melewati batas waktu" in html
        assert "Disposisi diterima hari ini" in html and "Tanggapan tepat waktu per OPD" in html
        queue = set(
            Complaint.objects.waiting_for(operator).values_list("tracking_number", flat=True)
        )
        own = set(
            Complaint.objects.filter(agency=may["health"], status=Status.RESPONDED).values_list(
                "tracking_number", flat=True
            )
        )
        assert queue == own and queue
        for number in Complaint.objects.exclude(agency=may["health"]).values_list(
            "tracking_number", flat=True
        ):
            assert number not in html
        rows = agency_sla(operator)
        assert [row["agency"] for row in rows] == ["DINKES"]
        assert rows[0]["responded"] == 2 and rows[0]["on_time_percent"] == 100.0
        client.force_login(may["admin"])
        html = client.get(reverse("wagtailadmin_home")).content.decode()
        assert "Aduan masuk hari ini" in html
        assert {row["agency"] for row in agency_sla(may["admin"])} == {"DPUTR", "DINKES"}


def test_report_pages_render(may, client):
    client.force_login(may["admin"])
    for name, params in (
        ("reports_recaps", {}),
        ("reports_daily", {"tanggal": "2025-05-20"}),
        ("reports_daily", {"tanggal": "bukan-tanggal"}),
        ("reports_strategic", {"tanggal": "2025-05-31", "hari": "30"}),
        ("reports_strategic", {"hari": "x"}),
        ("reports_league", {"bulan": "2025-05"}),
        ("reports_league", {"bulan": "rusak"}),
    ):
        assert client.get(reverse(name), params).status_code == 200, (name, params)
    daily = client.get(reverse("reports_daily"), {"tanggal": "2025-05-20"}).content.decode()
    assert "Laporan harian — 20 Mei 2025" in daily
    assert client.get(reverse("reports_recap", args=["2025-13"])).status_code == 404
    assert client.get(reverse("reports_recap", args=["2024-01"])).status_code == 404


def test_strategic_issues_find_recurring_and_rising_topics(db):
    reporter = ReporterFactory()
    roads = AgencyFactory(short_name="DPUTR")
    rows = []
    texts = ["Gas melon langka di pangkalan"] * 6 + ["Jalan berlubang dekat sekolah"] * 3
    for n, text in enumerate(texts):
        rows.append(
            Complaint(
                tracking_number=f"SB-2505-T{n:04d}",
                reporter=reporter,
                text=text,
                public_text=text,
                agency=roads,
                created_at=at(20, 9),
            )
        )
    rows.append(
        Complaint(
            tracking_number="SB-2505-OLD01",
            reporter=reporter,
            text="Jalan berlubang",
            public_text="Jalan berlubang",
            created_at=at(10, 9),
        )
    )
    Complaint.objects.bulk_create(rows)
    result = topics.strategic_issues(at(17, 0), at(24, 0))
    assert result["complaints"] == 9
    terms = [t.term for t in result["top"]]
    # One phrase, the longest its complaints share, spelt as they wrote it ("melon", which
    # the normaliser reads as lpg); more in tests/test_topics.py.
    assert terms[0] == "gas melon langka"
    assert "lpg" not in terms and "gas" not in terms
    first = result["top"][0]
    assert (first.count, first.previous, first.agencies) == (6, 0, [(roads.short_name, 6)])
    assert "gas melon langka" in [t.term for t in result["rising"]]
    assert len(terms) == 2  # one topic per group of complaints
    lubang = next(t for t in result["top"] if "lubang" in t.term)
    assert lubang.count == 3


def test_the_league_table_is_fair_to_hard_cases(db):
    """Field inspections are late more often than information requests everywhere: an agency
    of field inspections that does as well as everyone on them ranks with an agency of
    information requests that does as well as everyone on those, and a handful of lucky
    answers is pulled towards "as expected"."""
    reporter = ReporterFactory()
    hard, easy = AgencyFactory(short_name="HARD"), AgencyFactory(short_name="EASY")
    tiny, other = AgencyFactory(short_name="TINY"), AgencyFactory(short_name="OTHER")
    plan = (
        [(hard, "field_inspection", n < 10) for n in range(20)]  # 50 %: the class rate
        + [(easy, "information", n < 18) for n in range(20)]  # 90 %: the class rate
        + [(other, "urgent", n < 5) for n in range(10)]
        + [(tiny, "urgent", True) for _ in range(3)]
    )
    Complaint.objects.bulk_create(
        Complaint(
            tracking_number=f"SB-2505-L{n:04d}",
            reporter=reporter,
            text="x",
            agency=agency,
            urgency=urgency,
            status=Status.RESPONDED,
            responded_at=at(20, 10),
            responded_on_time=on_time,
        )
        for n, (agency, urgency, on_time) in enumerate(plan)
    )
    rows = {row.short_name: row for row in league.table(at(1, 0), at(31, 23))}
    assert rows["HARD"].score == rows["EASY"].score == 1.0  # raw: 50 % against 90 %
    urgent_rate = 8 / 13
    assert rows["TINY"].response_expected == round(3 * urgent_rate, 2)
    assert rows["TINY"].score == round((3 + 5) / (3 * urgent_rate + 5), 2) == 1.17  # not 1.63
    assert rows["OTHER"].score == round((5 + 5) / (10 * urgent_rate + 5), 2)
    assert next(iter(league.table(at(1, 0), at(31, 23)))).short_name == "TINY"
    assert "harapan" in league.FORMULA


def test_the_annual_report_is_twelve_months_and_the_year(may, client):
    with time_machine.travel(dt.datetime(2025, 12, 31, 12, 0, tzinfo=WIB), tick=False):
        data = recap.annual(2025)
        assert [m["label"] for m in data["months"]][4] == "Mei 2025"
        assert len(data["months"]) == 12
        assert sum(m["received"] for m in data["months"]) == data["overall"]["received"] == 7
        assert data["months"][4]["responded_on_time_percent"] == 80.0
        client.force_login(may["admin"])
        page = client.get(reverse("reports_annual"), {"tahun": 2025}).content.decode()
        assert "Laporan tahunan 2025" in page and "Mei 2025" in page
        download = client.get(reverse("reports_annual"), {"tahun": 2025, "unduh": "xlsx"})
        book = load_workbook(io.BytesIO(download.content))
        assert book.sheetnames[:2] == ["Ringkasan", "Per bulan"]
        assert book["Per bulan"]["A6"].value == "Mei 2025" and book["Per bulan"]["B6"].value == 7
        client.force_login(may["ops"][may["health"]])
        own = client.get(reverse("reports_annual"), {"tahun": 2025}).content.decode()
        assert "Dinas Kesehatan" in own and "Dinas Pekerjaan Umum" not in own


def test_each_role_queue_holds_its_next_steps(db):
    admin = UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    health = AgencyFactory(short_name="DINKES", requires_response_approval=True)
    operator = UserFactory(username="opd.dinkes", role=policy.ADMIN_OPD, agency=health)
    sekdin = UserFactory(username="sekdin.dinkes", role=policy.PEJABAT_PENGHUBUNG, agency=health)
    validator = UserFactory(username="validator", role=policy.VALIDATOR)
    waiting = services.submit(
        reporter=ReporterFactory(nik="3508125507560001"), text="Obat habis di puskesmas."
    )
    drafted = services.submit(reporter=ReporterFactory(), text="Antrean panjang.")
    services.verify_and_dispatch(drafted, health, by=admin)
    services.respond(drafted, by=operator, text="Draf jawaban.")  # waits for the Sekdin

    def numbers(user):
        return set(Complaint.objects.waiting_for(user).values_list("tracking_number", flat=True))

    assert numbers(admin) == {waiting.tracking_number}
    assert numbers(validator) == {waiting.tracking_number}
    assert numbers(sekdin) == {drafted.tracking_number}
    assert numbers(operator) == set()  # its answer is with the Sekdin now
    services.approve_response(drafted, by=sekdin)
    assert numbers(sekdin) == set()
    assert numbers(operator) == {drafted.tracking_number}  # follow-up due
