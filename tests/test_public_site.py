"""The public site: what DAFTAR PENGADUAN lists, how filters combine, how pages are cut, and
that nobody's identity or a confidential text ever reaches a public response [SPEC §7]."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from home import listing
from home.setup import ensure_public_pages
from pengaduan.models import Complaint
from workflow import policy, services
from workflow.states import Status

from .conftest import STATE_PATHS, evidence
from .factories import AgencyFactory, ReporterFactory, UserFactory

TZ = dt.timezone(dt.timedelta(hours=7))
LISTED_STATES = {
    Status.DISPATCHED,
    Status.RETURNED_BY_AGENCY,
    Status.RESPONDED,
    Status.RESOLVED,
    Status.CLOSED,
    Status.OUT_OF_AUTHORITY,
}


@pytest.fixture
def staff(db):
    roads = AgencyFactory(short_name="DPUTR", name="Dinas Pekerjaan Umum dan Tata Ruang")
    health = AgencyFactory(short_name="DINKES", name="Dinas Kesehatan")
    return {
        "admin": UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN),
        "roads": roads,
        "health": health,
        roads.pk: UserFactory(username="opd.dputr", role=policy.ADMIN_OPD, agency=roads),
        health.pk: UserFactory(username="opd.dinkes", role=policy.ADMIN_OPD, agency=health),
    }


@pytest.fixture
def publish(staff):
    """A complaint driven through the real services to ``state``, at the given moment."""
    counter = iter(range(1000))

    def make(
        text,
        *,
        state=Status.DISPATCHED,
        agency=None,
        visibility="public",
        at=None,
        reporter=None,
        location="Desa Kalibendo, Kecamatan Pasirian",
        public_text=None,
    ):
        n = next(counter)
        at = at or timezone.now() - dt.timedelta(days=2, minutes=n)
        agency = agency or staff["roads"]
        reporter = reporter or ReporterFactory(name=f"Warga Nomor {n}")
        complaint = services.submit(
            reporter=reporter, text=text, visibility=visibility, location_text=location, now=at
        )
        if public_text is not None:
            complaint = services.edit_details(
                complaint, by=staff["admin"], changes={"public_text": public_text}, now=at
            )
        step_time = at
        for step in STATE_PATHS[state]:
            step_time += dt.timedelta(minutes=30)
            if step == "return":
                services.return_to_reporter(
                    complaint, by=staff["admin"], reason="Lengkapi lokasi.", now=step_time
                )
            elif step == "archive":
                services.archive(complaint, by=staff["admin"], reason_code="spam", now=step_time)
            elif step == "forward":
                services.forward_out_of_authority(
                    complaint,
                    by=staff["admin"],
                    institution="Polres Lumajang",
                    note="Kewenangan kepolisian.",
                    now=step_time,
                )
            elif step == "dispatch":
                services.verify_and_dispatch(complaint, agency, by=staff["admin"], now=step_time)
            elif step == "agency_return":
                services.return_by_agency(
                    complaint, by=staff[agency.pk], reason="Bukan wilayah kami.", now=step_time
                )
            elif step == "respond":
                services.respond(
                    complaint,
                    by=staff[agency.pk],
                    text="Laporan diterima, segera dicek.",
                    now=step_time,
                )
            elif step == "resolve":
                services.resolve(
                    complaint,
                    by=staff[agency.pk],
                    text="Sudah ditangani.",
                    files=[evidence()],
                    now=step_time,
                )
            elif step == "close":
                services.close(complaint, by=policy.REPORTER_ACTOR, now=step_time)
        return Complaint.objects.get(pk=complaint.pk)

    return make


def listed_numbers(response) -> list[str]:
    return re.findall(r'href="/aduan/(SB-\d{4}-[0-9A-Z]{5})/"', response.content.decode())


# --- what is listed ----------------------------------------------------------------------


def test_only_verified_public_and_anonymous_complaints_are_listed(client, publish):
    made = {}
    for state in STATE_PATHS:
        for visibility in ("public", "anonymous", "confidential"):
            made[(state, visibility)] = publish(
                f"Aduan uji {state} {visibility}", state=state, visibility=visibility
            )
    response = client.get("/")
    assert response.status_code == 200
    expected = {
        c.tracking_number
        for (state, visibility), c in made.items()
        if state in LISTED_STATES and visibility != "confidential"
    }
    assert set(listed_numbers(response)) == expected
    assert len(expected) == 12
    assert set(Complaint.objects.public().values_list("tracking_number", flat=True)) == expected


def test_a_listed_complaint_shows_what_the_beranda_shows(client, publish):
    complaint = publish(
        "Gas melon langka, untuk berjualan susah. " * 12,
        reporter=ReporterFactory(name="Siti Nur Khomsah"),
        at=dt.datetime(2026, 4, 5, 9, 0, tzinfo=TZ),
    )
    html = client.get("/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    card = html[html.index(f'id="c-{complaint.tracking_number}"') - 400 :]
    card = card[: card.index("</article>")]
    assert ">SK<" in card  # initials avatar
    assert "Siti Nur Khomsah" in card
    assert "05 April 2026" in card  # Indonesian date, whatever the browser's language
    assert "Pengaduan kepada Dinas Pekerjaan Umum dan Tata Ruang" in card
    assert "Didisposisi ke OPD" in card
    assert "selengkapnya →" in card
    # The text is cut at a word boundary with an ellipsis.
    excerpt = re.search(r'complaint-card__text">([^<]*)<', card)[1]
    full = " ".join(complaint.public_text.split())
    assert excerpt.endswith("…") and len(excerpt) <= 241
    assert full.startswith(excerpt[:-1]) and full[len(excerpt[:-1])] in " ,."


def test_anonymous_complaints_show_anonim_and_no_initials_of_the_name(client, publish):
    publish(
        "Jalan rusak di depan rumah, dilaporkan Siti Khomsah",
        visibility="anonymous",
        reporter=ReporterFactory(name="Siti Khomsah"),
    )
    html = client.get("/").content.decode()
    assert "Anonim" in html
    assert "Siti" not in html and "Khomsah" not in html
    assert ">SK<" not in html
    assert ">AN<" in html
    assert "[nama disamarkan]" in html


def test_chat_button_and_whatsapp_link_are_on_the_beranda(client, db):
    html = client.get("/").content.decode()
    assert "BERSAMA LUMAJANG AMAN" in html and "SAMBAT BUNDA" in html
    assert "AMANAH – MANUSIAWI – BERKEADILAN" in html
    assert "DAFTAR PENGADUAN" in html
    assert html.count("CHAT DI SINI") >= 2 and "data-open-chat" in html
    assert 'href="https://wa.me/6281944220688"' in html
    for label in ("Pilih OPD", "Pencarian", "Nomor Aduan"):
        assert label in html


def test_editors_change_the_beranda_texts(client, db):
    from home.models import HomePage

    home = HomePage.objects.get()
    home.kicker = "BERSAMA LUMAJANG MAJU"
    home.list_heading = "ADUAN WARGA"
    home.save_revision().publish()
    html = client.get("/").content.decode()
    assert "BERSAMA LUMAJANG MAJU" in html and "ADUAN WARGA" in html


# --- filters -----------------------------------------------------------------------------


def test_filters_combine(client, publish, staff):
    roads, health = staff["roads"], staff["health"]
    april = dt.datetime(2026, 4, 10, 9, 0, tzinfo=TZ)
    may = dt.datetime(2026, 5, 12, 9, 0, tzinfo=TZ)
    a = publish("Jalan rusak berlubang di Kalibendo", agency=roads, at=april)
    b = publish("Jalan rusak parah di Pronojiwo", agency=roads, at=may, state=Status.RESPONDED)
    c = publish("Jalan rusak menuju puskesmas", agency=health, at=april)
    d = publish("Lampu jalan mati di alun-alun", agency=roads, at=april)
    e = publish("Jalan rusak dekat pasar", agency=roads, at=april, state=Status.RESOLVED)

    def numbers(**params):
        return set(listed_numbers(client.get("/", params)))

    everything = {x.tracking_number for x in (a, b, c, d, e)}
    assert numbers() == everything
    assert numbers(opd="DPUTR") == {x.tracking_number for x in (a, b, d, e)}
    # Every word first; fewer than a page do, so a complaint holding one of them follows.
    both = listed_numbers(client.get("/", {"q": "jln rusak"}))
    assert set(both[:4]) == {x.tracking_number for x in (a, b, c, e)}
    assert both[4:] == [d.tracking_number]
    assert numbers(opd="DPUTR", q="rusak") == {x.tracking_number for x in (a, b, e)}
    assert numbers(opd="DPUTR", q="rusak", bulan="2026-04") == {
        a.tracking_number,
        e.tracking_number,
    }
    assert numbers(opd="DPUTR", q="rusak", bulan="2026-04", status="resolved") == {
        e.tracking_number
    }
    assert numbers(opd="DINKES", bulan="2026-05") == set()
    # Keyword search looks at the agency too, and matches a word being typed.
    assert numbers(q="kesehatan") == {c.tracking_number}
    assert numbers(q="puskes") == {c.tracking_number}


def test_search_uses_the_public_copy_only(client, publish, staff):
    complaint = publish(
        "Saya Pak Wiryo, jalan rusak",
        public_text="Jalan rusak di dusun kami.",
    )
    assert listed_numbers(client.get("/", {"q": "wiryo"})) == []
    assert listed_numbers(client.get("/", {"q": "dusun"})) == [complaint.tracking_number]
    # An admin's later edit of the public copy is searchable at once.
    services.edit_details(
        complaint, by=staff["admin"], changes={"public_text": "Jembatan ambrol di dusun kami."}
    )
    assert listed_numbers(client.get("/", {"q": "jembatan"})) == [complaint.tracking_number]
    assert listed_numbers(client.get("/", {"q": "jalan"})) == []


def test_redispatch_moves_the_complaint_to_the_new_agency_in_search(client, publish, staff):
    complaint = publish("Saluran air tersumbat", state=Status.RETURNED_BY_AGENCY)
    assert listed_numbers(client.get("/", {"q": "pekerjaan umum"})) == [complaint.tracking_number]
    services.redispatch(complaint, staff["health"], by=staff["admin"])
    assert listed_numbers(client.get("/", {"q": "pekerjaan umum"})) == []
    assert listed_numbers(client.get("/", {"q": "kesehatan"})) == [complaint.tracking_number]
    assert listed_numbers(client.get("/", {"opd": "DINKES"})) == [complaint.tracking_number]


def test_few_and_many_search_matches_give_the_same_pages(client, staff, settings):
    """A search is answered from the newest complaints when they hold a page, else through
    the index: by id when there are few matches, by the index's newest when there are many
    (pengaduan/search.py); the citizen sees the same pages either way."""
    reporter = ReporterFactory()
    rows = bulk_public(staff["roads"], reporter, 50, start=timezone.now(), same_time=4)
    for row in rows[::2]:
        row.public_text = f"Sampah menumpuk di pasar nomor {row.pk}"
        row.save(update_fields=["public_text"])
    expected = [r.tracking_number for r in sorted(rows[::2], key=lambda r: (r.created_at, r.pk))]
    expected.reverse()

    def walk(query):
        seen, query = [], query
        while query is not None:
            numbers, query = page_numbers(client, query)
            seen += numbers
        return seen

    assert walk("q=sampah") == expected  # answered from the window of newest complaints
    settings.SAMBAT_SEARCH_WINDOW = 10  # too few there: the index answers
    settings.SAMBAT_SEARCH_SPARSE_LIMIT = 1000  # 25 matches (two pages): by id
    assert walk("q=sampah") == expected
    settings.SAMBAT_SEARCH_SPARSE_LIMIT = 3  # "many": the index walk
    assert walk("q=sampah") == expected
    assert walk("q=sampah+pasar&opd=DPUTR") == expected
    settings.SAMBAT_SEARCH_SPARSE_LIMIT = 20
    assert walk("q=tidakadakatasepertiini") == []


def test_wrong_filter_values_are_reported_and_ignored(client, publish):
    complaint = publish("Jalan rusak berlubang")
    response = client.get(
        "/", {"opd": "TIDAKADA", "status": "archived", "bulan": "2026-13", "q": "rusak"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sebagian pilihan tidak dapat dipakai" in html
    assert listed_numbers(response) == [complaint.tracking_number]
    for cursor in (
        "bukan-kursor",
        "1-9223372036854775808",
        "99999999999999999-9223372036854775807",
    ):
        response = client.get("/", {"sebelum": cursor})
        assert response.status_code == 200
    assert listed_numbers(client.get("/", {"sebelum": "bukan-kursor"})) == [
        complaint.tracking_number
    ]
    general = client.get("/", {"q": "yang dan di"})
    assert "Kata kunci terlalu umum" in general.content.decode()


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    params=st.dictionaries(
        st.sampled_from(["opd", "q", "status", "bulan", "urutan", "sebelum", "nomor"]),
        st.text(max_size=300),
        max_size=6,
    )
)
def test_any_query_string_gets_a_page_not_an_error(client, db, params):
    response = client.get("/", params)
    assert response.status_code == 200


# --- keyset pagination ----------------------------------------------------------------


def bulk_public(agency, reporter, count, *, start, step=dt.timedelta(minutes=7), same_time=0):
    """Published complaints in bulk (pagination needs volume, not the workflow)."""
    rows = []
    for n in range(count):
        moment = start - step * (n if n >= same_time else 0)
        rows.append(
            Complaint(
                tracking_number=f"SB-2604-{n:05d}",
                reporter=reporter,
                text=f"Aduan nomor {n}",
                public_text=f"Aduan nomor {n}",
                status=Status.DISPATCHED,
                agency=agency,
                created_at=moment,
                dispatched_at=moment,
            )
        )
    return Complaint.objects.bulk_create(rows)


def page_numbers(client, query: str = ""):
    """The numbers listed at ``/?query`` and the query string of the "lebih lama" link."""
    response = client.get("/?" + query)
    html = response.content.decode()
    link = re.search(r'rel="next" href="/\?([^"]*)"', html)
    return listed_numbers(response), link[1].replace("&amp;", "&") if link else None


def test_keyset_pages_stay_stable_when_new_complaints_arrive(client, staff):
    reporter = ReporterFactory()
    start = timezone.now() - dt.timedelta(days=1)
    # Five share one timestamp: the id breaks the tie.
    bulk_public(staff["roads"], reporter, 45, start=start, same_time=5)
    expected = list(
        Complaint.objects.public()
        .order_by("-created_at", "-id")
        .values_list("tracking_number", flat=True)
    )
    first, next_query = page_numbers(client)
    assert first == expected[:20]
    assert "lebih lama" in client.get("/").content.decode()

    # New complaints are published while the citizen reads page one.
    for n in range(5):
        Complaint.objects.create(
            tracking_number=f"SB-2611-NEW{n:02d}",
            reporter=reporter,
            text="baru",
            public_text="baru",
            status=Status.DISPATCHED,
            agency=staff["roads"],
            created_at=timezone.now(),
        )
    second, next_query = page_numbers(client, next_query)
    assert second == expected[20:40]
    third, last_query = page_numbers(client, next_query)
    assert third == expected[40:]
    assert last_query is None
    assert not set(first) & set(second) and not set(second) & set(third)


def test_pages_keep_the_filters(client, staff):
    bulk_public(staff["roads"], ReporterFactory(), 25, start=timezone.now())
    bulk_public_other = Complaint.objects.create(
        tracking_number="SB-2604-OTHER",
        reporter=ReporterFactory(),
        text="x",
        public_text="x",
        status=Status.DISPATCHED,
        agency=staff["health"],
    )
    first, next_query = page_numbers(client, "opd=DPUTR")
    assert "opd=DPUTR" in next_query
    second, _ = page_numbers(client, next_query)
    assert len(first) == 20 and len(second) == 5
    assert bulk_public_other.tracking_number not in first + second


def test_cursor_round_trips_microseconds():
    complaint = Complaint(pk=42, created_at=dt.datetime(2026, 4, 5, 1, 2, 3, 456789, tzinfo=dt.UTC))
    moment, pk = listing.decode_cursor(listing.encode_cursor(complaint))
    assert (moment, pk) == (complaint.created_at, 42)
    assert listing.decode_cursor("99999999999999999-1")[0].year == 5138  # odd, but harmless
    assert listing.decode_cursor("1-9223372036854775808") is None  # beyond a bigint
    assert listing.decode_cursor("999999999999999999-1") is None  # 18 digits
    assert listing.decode_cursor("12-x") is None


# --- query budget --------------------------------------------------------------------


def test_list_pages_stay_within_ten_queries(client, publish, staff, django_assert_max_num_queries):
    for n in range(12):
        publish(
            f"Jalan rusak nomor {n}",
            visibility="anonymous" if n % 3 == 0 else "public",
            agency=staff["roads"] if n % 2 else staff["health"],
            state=Status.RESPONDED if n % 4 == 0 else Status.DISPATCHED,
        )
    bulk_public(staff["roads"], ReporterFactory(), 30, start=timezone.now() - dt.timedelta(days=9))
    ensure_public_pages()
    client.get("/")  # warm Wagtail's site cache, as any running server has
    for params in ({}, {"q": "jalan rusak"}, {"opd": "DINKES", "status": "responded"}):
        with django_assert_max_num_queries(10):
            response = client.get("/", params)
        assert len(listed_numbers(response)) > 0
    _, next_query = page_numbers(client)
    with django_assert_max_num_queries(10):
        response = client.get("/?" + next_query)
    assert len(listed_numbers(response)) == 20


# --- privacy -------------------------------------------------------------------------


def test_no_personal_data_or_confidential_text_on_any_public_page(client, publish, staff):
    """Crawl every public page after seeding complaints full of personal data."""
    nik = "3508125507560001"
    phones = ("081234567890", "+6281234567890", "0812-3456-7890")
    secret = "Zulkarnaenrahasia"
    address = "Jl. Mawar Merah No. 17 RT 03 RW 05"
    people = [
        ReporterFactory(name="Bambang Sutejo", nik=nik, whatsapp_number="+6281234567890"),
        ReporterFactory(name="Rina Oktaviani", address=address),
    ]
    made = []
    for state in STATE_PATHS:
        for visibility in ("public", "anonymous", "confidential"):
            made.append(
                publish(
                    f"Tolong {secret if visibility == 'confidential' else 'cek'} jalan rusak. "
                    f"NIK saya {nik}, hubungi {phones[2]} atau {phones[0]}.",
                    state=state,
                    visibility=visibility,
                    reporter=people[len(made) % 2],
                    location=address,
                )
            )
    # An admin's slip: a phone number left in the public copy is still caught on display.
    slip = next(c for c in made if c.visibility == "public" and c.status == Status.DISPATCHED)
    Complaint.objects.filter(pk=slip.pk).update(public_text=f"Hubungi {phones[1]} ya")
    for complaint in made:
        if complaint.status == Status.CLOSED:
            services.record_satisfaction(
                complaint, rating=4, comment=f"Bagus, telepon {phones[0]}", by=policy.REPORTER_ACTOR
            )
    pages = ensure_public_pages()
    year = timezone.localdate().year
    urls = [
        "/",
        "/?q=jalan",
        "/?opd=DPUTR",
        "/?status=closed",
        "/faq/",
        pages["statistics"].url,
        f"{pages['statistics'].url}?tahun={year}",
        "/panduan/",
    ]
    urls += [f"/aduan/{c.tracking_number}/" for c in made]
    bodies = []
    for url in urls:
        response = client.get(url, REMOTE_ADDR=f"10.0.{len(bodies)}.1")
        assert response.status_code == 200, url
        bodies.append((url, response.content.decode()))
    # (Names of reporters who chose "publik" are public by their choice; anonymity is tested
    # on its own above.)
    forbidden = [nik, secret, "Mawar Merah", "Bagus, telepon", *phones]
    forbidden += ["81234567890", "1234567890"]
    for url, body in bodies:
        for needle in forbidden:
            assert needle not in body, (needle, url)
    # Searching for the confidential word finds nothing.
    assert listed_numbers(client.get("/", {"q": secret})) == []
