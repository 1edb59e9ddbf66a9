"""Guides, statistics, the satisfaction rating behind them, and the site's security headers."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.utils import timezone
from wagtail.models import Page, WorkflowPage

from home import stats
from home.models import GuidePage, HomePage, StatisticsPage
from home.setup import ensure_public_pages
from home.templatetags.sambat import angka, cuplikan, durasi_kerja, inisial, tanggal, tanggal_jam
from pengaduan.models import SatisfactionResponse
from workflow import policy, services
from workflow.services import ActionForbidden, InvalidInput, TransitionNotAllowed
from workflow.states import Status

from .conftest import evidence
from .factories import AgencyFactory, ReporterFactory, UserFactory

TZ = dt.timezone(dt.timedelta(hours=7))


# --- guides and menu -----------------------------------------------------------------


def test_setup_site_creates_the_guides_once_and_puts_them_in_the_menu(client, db):
    call_command("setup_site")
    call_command("setup_site")
    home = HomePage.objects.get()
    panduan = GuidePage.objects.get(slug="panduan")
    assert list(GuidePage.objects.child_of(panduan).values_list("slug", flat=True)) == [
        "cara-mengakses",
        "cara-menyampaikan-aduan",
        "alur-penanganan",
        "etika-penggunaan",
    ]
    assert StatisticsPage.objects.count() == 1
    menu = Page.objects.child_of(home).live().in_menu().values_list("title", flat=True)
    assert set(menu) == {"Panduan", "Tanya Jawab (FAQ)", "Statistik"}
    html = client.get("/").content.decode()
    for title, url in (
        ("Panduan", "/panduan/"),
        ("Statistik", "/statistik/"),
        ("Tanya Jawab (FAQ)", "/faq/"),
    ):
        assert f'<a href="{url}">{title}</a>' in html
    # The whole site is moderated like the FAQ: editors submit, Admin Pengaduan publishes.
    assert WorkflowPage.objects.get(page=home).workflow.name == "Moderasi FAQ"


def test_guide_pages_render_the_user_guide(client, db):
    ensure_public_pages()
    html = client.get("/panduan/cara-menyampaikan-aduan/").content.decode()
    for step in ("Ketik aduan", "Diteruskan ke admin", "Terima Nomor ID Aduan"):
        assert step in html
    assert "Panduan lainnya" in html and "/panduan/etika-penggunaan/" in html
    ethics = client.get("/panduan/etika-penggunaan/").content.decode()
    assert "Mengirim informasi palsu" in ethics and "Gunakan bahasa sopan" in ethics
    index = client.get("/panduan/").content.decode()
    assert index.count('class="guide-cards"') == 1 and "Alur Penanganan Aduan" in index


def test_editor_faq_may_edit_guides_but_not_publish(db):
    editor = UserFactory(username="editor.faq", role=policy.EDITOR_FAQ)
    admin = UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    pages = ensure_public_pages()
    guide = pages["guides"][0]
    assert guide.permissions_for_user(editor).can_edit()
    assert not guide.permissions_for_user(editor).can_publish()
    assert guide.permissions_for_user(admin).can_publish()


def test_faq_index_groups_questions_by_category(client, db):
    from faq.setup import FaqRow, ensure_faq_index, upsert_faq

    index = ensure_faq_index()
    upsert_faq(
        index,
        FaqRow(
            question="Bagaimana membuat KTP-el?", answer="Di Dispendukcapil.", category="population"
        ),
    )
    upsert_faq(
        index, FaqRow(question="Di mana membayar PBB?", answer="Di bank daerah.", category="tax")
    )
    html = client.get("/faq/").content.decode()
    assert html.index(">Kependudukan</h2>") < html.index("Bagaimana membuat KTP-el?")
    assert html.index(">Pajak dan Retribusi</h2>") < html.index("Di mana membayar PBB?")
    searched = client.get("/faq/", {"q": "bayar pbb"}).content.decode()
    assert "Di mana membayar PBB?" in searched and "faq-group" not in searched


# --- statistics ----------------------------------------------------------------------


@pytest.fixture
def month_of_work(db):
    """March 2026 with known timings: two agencies, on-time and late responses, ratings."""
    admin = UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    roads = AgencyFactory(short_name="DPUTR", name="Dinas Pekerjaan Umum dan Tata Ruang")
    health = AgencyFactory(short_name="DINKES", name="Dinas Kesehatan")
    operators = {
        roads: UserFactory(username="opd.dputr", role=policy.ADMIN_OPD, agency=roads),
        health: UserFactory(username="opd.dinkes", role=policy.ADMIN_OPD, agency=health),
    }
    monday = dt.datetime(2026, 3, 2, 8, 0, tzinfo=TZ)

    def complaint(agency, respond_after, resolve_after=None, rating=None, visibility="public"):
        item = services.submit(
            reporter=ReporterFactory(), text="Aduan uji.", visibility=visibility, now=monday
        )
        services.verify_and_dispatch(item, agency, by=admin, now=monday)
        if respond_after is None:
            return item
        services.respond(item, by=operators[agency], text="Ditanggapi.", now=monday + respond_after)
        if resolve_after is not None:
            services.resolve(
                item,
                by=operators[agency],
                text="Selesai.",
                files=[evidence()],
                now=monday + resolve_after,
            )
            if rating:
                services.close(item, by=policy.REPORTER_ACTOR, now=monday + resolve_after)
                services.record_satisfaction(
                    item, rating=rating, by=policy.REPORTER_ACTOR, now=monday + resolve_after
                )
        return item

    hour = dt.timedelta(hours=1)
    complaint(roads, 1 * hour, 3 * hour, rating=5)  # 60 min, resolved after 180
    complaint(roads, 2 * hour, 6 * hour, rating=3, visibility="confidential")  # 120, 360
    complaint(roads, dt.timedelta(days=1))  # 510 office minutes: late
    complaint(roads, None)  # not responded yet
    complaint(health, 3 * hour, 5 * hour, rating=4)  # 180, 300
    return {"roads": roads, "health": health}


def test_statistics_per_agency_are_exact(month_of_work):
    figures = stats.compute(*stats.period(2026, 3))
    rows = {row.short_name: row for row in figures.agencies}
    roads, health = rows["DPUTR"], rows["DINKES"]
    assert [r.short_name for r in figures.agencies] == ["DPUTR", "DINKES"]
    assert (roads.received, roads.responded, roads.on_time, roads.resolved) == (4, 3, 2, 2)
    assert roads.on_time_percent == 66.7
    assert roads.median_response_minutes == 120
    assert roads.median_resolution_minutes == 270  # (180 + 360) / 2
    assert (roads.satisfaction, roads.ratings) == (4.0, 2)
    assert (health.received, health.on_time_percent, health.ratings) == (1, 100.0, 1)
    total = figures.total
    assert (total.received, total.responded, total.on_time) == (5, 4, 3)
    assert total.median_response_minutes == 150  # 60, 120, 180, 510
    assert total.median_resolution_minutes == 300
    assert total.satisfaction == 4.0 and total.ratings == 3
    # Nothing in another month.
    assert stats.compute(*stats.period(2026, 4)).agencies == []


def test_statistics_page_shows_the_figures_and_charts(client, month_of_work):
    ensure_public_pages()
    response = client.get("/statistik/", {"tahun": 2026, "bulan": 3})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Dinas Pekerjaan Umum dan Tata Ruang" in html
    assert "66,7%" in html and "(2/3)" in html
    # Four responses, three of them DPUTR's: too few for a median anywhere on the page.
    summary = html[html.index('class="summary"') :]
    summary = summary[: summary.index("</ul>")]
    assert "<strong>belum cukup data</strong> median waktu tanggapan" in summary
    assert "2 jam" not in html
    assert html.count('<svg class="chart__svg"') == 3 and "<script" not in html.split("</main>")[0]
    assert 'style="' not in html  # nothing a strict CSP would block
    # The fair league table, with its formula in plain words (DINKES has too few to rank).
    assert "Peringkat ketepatan waktu OPD" in html and "harapan" in html
    league = html[html.index("Peringkat ketepatan waktu OPD") :]
    league = league[: league.index("</table>")]
    assert "Dinas Pekerjaan Umum" in league and "Dinas Kesehatan" not in league
    # A year out of range or rubbish falls back to this year instead of failing.
    assert client.get("/statistik/", {"tahun": "abc", "bulan": "13"}).status_code == 200


def test_statistics_are_cached(client, month_of_work, django_assert_max_num_queries):
    ensure_public_pages()
    client.get("/statistik/", {"tahun": 2026})
    with django_assert_max_num_queries(10):
        assert client.get("/statistik/", {"tahun": 2026}).status_code == 200


# --- satisfaction --------------------------------------------------------------------


def test_satisfaction_is_recorded_once_after_the_agency_finished(
    make_complaint, admin_user, opd_admin
):
    open_one = make_complaint(Status.RESPONDED)
    with pytest.raises(TransitionNotAllowed):
        services.record_satisfaction(open_one, rating=5, by=policy.REPORTER_ACTOR)
    done = make_complaint(Status.CLOSED)
    with pytest.raises(InvalidInput):
        services.record_satisfaction(done, rating=6, by=policy.REPORTER_ACTOR)
    with pytest.raises(InvalidInput):
        services.record_satisfaction(done, rating="lima", by=policy.REPORTER_ACTOR)
    with pytest.raises(ActionForbidden):
        services.record_satisfaction(done, rating=5, by=opd_admin)
    answer = services.record_satisfaction(done, rating="4", comment=" Oke ", by=admin_user)
    assert (answer.rating, answer.comment) == (4, "Oke")
    with pytest.raises(TransitionNotAllowed):
        services.record_satisfaction(done, rating=5, by=policy.REPORTER_ACTOR)
    assert SatisfactionResponse.objects.count() == 1
    assert done.activity.filter(action="rate").count() == 1


# --- formatting and headers ----------------------------------------------------------


def test_indonesian_formats():
    moment = dt.datetime(2024, 4, 5, 7, 30, tzinfo=dt.UTC)
    assert tanggal(moment) == "05 April 2024"
    assert tanggal_jam(moment) == "05 April 2024, 14.30 WIB"
    assert angka(1234567) == "1.234.567"
    assert angka(87.5, 1) == "87,5"
    assert durasi_kerja(45) == "45 menit"
    assert durasi_kerja(150) == "2 jam 30 menit"
    assert durasi_kerja(8.5 * 60 * 3, 8.5) == "3 hari kerja"
    assert durasi_kerja(None) == "–"
    assert inisial("Siti Nur Khomsah") == "SK"
    assert inisial("Riska") == "RI"
    assert inisial("Moch. Sholeh") == "MS"
    assert inisial("") == "?"
    assert cuplikan("satu dua tiga empat", 12) == "satu dua…"
    assert cuplikan("pendek", 12) == "pendek"


def test_public_pages_send_a_strict_content_security_policy(client, db):
    policy_header = client.get("/")["Content-Security-Policy"]
    assert "script-src 'self'" in policy_header
    assert "style-src 'self'" in policy_header
    assert "unsafe-inline" not in policy_header
    assert "Content-Security-Policy" not in client.get("/admin/login/").headers


def test_no_inline_script_or_style_on_public_pages(client, db):
    ensure_public_pages()
    for url in ("/", "/panduan/", "/statistik/", "/faq/", "/aduan/SB-2504-ZZZZZ/"):
        html = client.get(url).content.decode()
        assert "<script>" not in html and "<style" not in html and 'style="' not in html, url
        assert "onclick=" not in html and "javascript:" not in html, url


def test_the_default_statistics_are_refreshed_ahead_of_visitors(
    client, month_of_work, django_assert_max_num_queries
):
    from django.core.cache import cache
    from dramatiq_crontab import scheduler

    import home.tasks

    assert "refresh_public_statistics" in {job.name for job in scheduler.get_jobs()}
    cache.clear()
    assert home.tasks.refresh_public_statistics.fn() is None
    today = timezone.localdate()
    keys = [stats._key(today.year, None), stats._key(today.year, today.month)]
    assert all(cache.get(key, version=stats.CACHE_VERSION) for key in keys)
    ensure_public_pages()
    client.get("/statistik/", {"tahun": 2026, "bulan": 3})  # warm the page's other caches
    # This year's page is served from the refreshed figures, without aggregating again.
    with django_assert_max_num_queries(10):
        assert client.get("/statistik/").status_code == 200
