"""Strategic issues (reports/topics.py): meaningful phrases, not stop words; where they
concentrate; nothing personal.

A month is made from the demo complaints (reports/data/demo_month.py): the demo texts drawn
with a Lumajang month's weights and reworded the way people write, in May 2025, with April
before it; PDAM complaints are 2.5 times as frequent in May.
"""

import datetime as dt
from collections import Counter

import pytest
from django.urls import reverse

from pengaduan.models import Complaint
from pengaduan.redaction import redact
from reports import topics
from reports.data import demo_month
from workflow import policy

from .factories import AgencyFactory, ReporterFactory, UserFactory

WIB = dt.timezone(dt.timedelta(hours=7))
MAY = dt.datetime(2025, 5, 1, tzinfo=WIB)
JUNE = dt.datetime(2025, 5, 31, tzinfo=WIB)
# What the issue saw as topics, and the other words every complaint uses.
NOT_TOPICS = {
    "rumah", "anak", "hujan", "sesuai", "ribu", "pakai", "tambah", "tambahan", "mohon",
    "tolong", "pak", "bu", "sudah", "belum", "sangat", "juta", "warga", "desa", "keterangan",
    "lengkapi", "permintaan", "dibantu", "terima", "kasih", "segera", "jalan", "air",
}  # fmt: skip
# Somebody many complaints name, a number many give: neither may become a topic.
NAMED = (
    "Sudah tiga kali saya lapor ke Pak Kades Suparno soal jalan rusak ini, tapi kata Kades "
    "Suparno belum ada anggaran. Mbah Paini tetangga saya juga sudah mengadu. Hubungi saya di "
    "0812-3456-7890 atau budi.santoso@example.com, NIK 3508012345670001."
)


def all_topics(result) -> list[topics.Topic]:
    groups = result.get("by_agency", []) + result.get("by_kecamatan", [])
    grouped = [t for g in groups for t, _n in g["topics"]]
    return result["top"] + result["rising"] + grouped


@pytest.fixture
def month(db):
    """April and May 2025 from the demo texts, and one reporter (Budi Santoso) who files the
    same grievance, with his number, twelve times in May."""
    april = demo_month.month(600, MAY - dt.timedelta(days=30), seed=1)
    may = demo_month.month(600, MAY, seed=2, boost={r"\bPDAM\b": 2.5})
    demo_month.store(april, prefix="SB-2504")
    demo_month.store(may, prefix="SB-2505")
    budi = ReporterFactory(name="Budi Santoso", whatsapp_number="+6281234567890")
    Complaint.objects.bulk_create(
        Complaint(
            tracking_number=f"SB-2505-NAME{n:02d}",
            reporter=budi,
            text=NAMED,
            public_text=redact(NAMED),
            location_text="Desa Bades, Kecamatan Pasirian",
            created_at=MAY + dt.timedelta(days=n),
        )
        for n in range(12)
    )
    return {"april": april, "may": may}


def test_a_month_of_demo_complaints_shows_what_it_is_about(month):
    result = topics.strategic_issues(MAY, JUNE, limit=20)
    assert result["complaints"] == 612
    top = [t.term for t in result["top"]]
    assert len(top) == 20
    assert top[0] == "air PDAM"
    assert {"sampah", "lampu", "gas"} <= set(top)  # garbage, street lights, LPG
    assert {"lubang", "longsor", "aspal mengelupas"} <= set(top)  # the roads
    counts = [t.count for t in result["top"]]
    assert counts == sorted(counts, reverse=True)


def test_stop_words_and_context_alone_are_not_topics(month):
    result = topics.strategic_issues(MAY, JUNE)
    for topic in all_topics(result):
        words = set(topic.term.lower().split())
        assert not words <= NOT_TOPICS, topic.term
    terms = {t.term for t in all_topics(result)}
    assert "tambah sesuai" not in terms and "keterangan tambahan" not in terms


def test_names_phone_numbers_and_nik_never_become_topics(month):
    result = topics.strategic_issues(MAY, JUNE)
    reporters = {w.lower() for s in month["may"] for w in s.reporter.split()}
    for topic in all_topics(result):
        words = set(topic.term.lower().split())
        assert not words & {"suparno", "paini", "budi", "santoso", "mbah"}, topic.term
        assert not words & reporters, topic.term
        assert not any(ch.isdigit() for ch in topic.term), topic.term
        assert not words & {"disamarkan", "samar", "nomor", "nik", "email", "example"}
    # What those twelve complaints are about does count: new this month.
    assert "jalan rusak" in [t.term for t in result["rising"]]


def test_rising_topics_against_the_month_before(month):
    result = topics.strategic_issues(MAY, JUNE)
    rising = {t.term: t for t in result["rising"]}
    pdam = rising["air PDAM"]
    assert pdam.previous > 20 and pdam.count > 1.8 * pdam.previous
    assert pdam.growth >= topics.RISING_GROWTH and pdam.change == pdam.count - pdam.previous
    for topic in result["rising"]:
        assert topic.count >= topics.MIN_COUNT and topic.growth >= topics.RISING_GROWTH


def test_topics_show_the_agency_and_kecamatan_they_concentrate_in(month):
    result = topics.strategic_issues(MAY, JUNE)
    pdam = next(t for t in result["top"] if t.term == "air PDAM")
    where = topics.gazetteer()
    expected = Counter(
        where.locate(s.location, None, None)
        for s in month["may"]
        if "air pdam" in topics.terms(redact(s.text))
    )
    assert sum(expected.values()) == pdam.count
    assert pdam.top_agency[0] == "PDAM" and pdam.top_agency[1] >= 0.8 * pdam.count
    assert pdam.top_kecamatan[0] == expected.most_common(1)[0][0]
    assert sum(n for _name, n in pdam.kecamatan) <= pdam.count
    by_agency = {g["name"]: g for g in result["by_agency"]}
    assert by_agency["PDAM"]["topics"][0][0].term == "air PDAM"
    assert by_agency["PDAM"]["complaints"] == sum(1 for s in month["may"] if s.agency == "PDAM")
    by_kecamatan = {g["name"]: g for g in result["by_kecamatan"]}
    assert len(by_kecamatan) == topics.GROUPS
    assert set(by_kecamatan) <= set(topics.gazetteer().kecamatan.values())


def test_the_report_page_shows_counts_change_and_where(month, client):
    admin = UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    client.force_login(admin)
    response = client.get(reverse("reports_strategic"), {"tanggal": "2025-05-30", "hari": "30"})
    html = response.content.decode()
    assert response.status_code == 200
    for text in ("Naik/turun", "OPD terbanyak", "Kecamatan terbanyak", "Topik per OPD",
                 "Topik per kecamatan", "air PDAM", "naik "):  # fmt: skip
        assert text in html, text
    assert "Suparno" not in html and "0812" not in html


def test_an_agency_sees_the_topics_of_its_own_complaints(month, client):
    pdam = AgencyFactory(short_name="PDAM")
    operator = UserFactory(username="opd.pdam", role=policy.ADMIN_OPD, agency=pdam)
    client.force_login(operator)
    html = client.get(reverse("reports_strategic"), {"tanggal": "2025-05-30", "hari": "30"})
    html = html.content.decode()
    assert "air PDAM" in html and "lampu" not in html.split("Topik terbanyak")[1]


# --- reading one complaint --------------------------------------------------------------


def test_stop_words_end_a_phrase():
    found = topics.terms("Air PDAM di rumah saya mati sudah 4 hari, mohon dicek.")
    assert found == {"air pdam": "air PDAM", "pdam": "PDAM"}


def test_context_words_and_states_are_topics_only_together():
    assert topics.terms("rumah warga") == {}
    assert topics.terms("rusak parah") == {}
    assert topics.terms("Rumah roboh")["rumah roboh"] == "rumah roboh"
    assert "rumah" not in topics.terms("rumah roboh")
    assert topics.terms("air keruh")["air keruh"] == "air keruh"


def test_phrases_are_spelt_as_written_without_the_words_between():
    assert topics.terms("jln yg rusak parah")["jalan rusak"] == "jalan rusak"
    assert topics.terms("Lampu PJU mati")["lampu jalan mati"] == "lampu PJU mati"
    assert topics.terms("sampah makin numpuk")["sampah tumpuk"] == "sampah numpuk"
    assert topics.terms("gas melon langka")["gas lpg"] == "gas melon"


def test_fixed_expressions_stay_whole():
    found = topics.terms("Lampu lalu lintas mati, rs penuh, bantuan tidak tepat sasaran")
    assert found["lampu lalu lintas"] == "lampu lalu lintas"
    assert found["rumah sakit penuh"] == "rumah sakit penuh"
    assert "tidak tepat sasaran" in found
    assert "lalu" not in found and "rumah" not in found


def test_names_are_not_read():
    assert "suparno" not in str(topics.terms("Pak Kades Suparno minta uang, pungli kades"))
    assert topics.terms("Mbah Paini batuk") == {"batuk": "batuk"}
    assert topics.terms("Ibu saya Ponirah harus cuci darah") == {"cuci darah": "cuci darah"}
    assert topics.terms("harusnya Muhammad Alfarizqi tapi tertulis lain") == {}
    reporter = topics.terms("Sutrisno melapor jalan rusak", names=frozenset({"sutrisno"}))
    assert reporter == {"jalan rusak": "jalan rusak"}
    # A place we know is read, with its case.
    places = frozenset({"senduro"})
    found = topics.terms("Tiap pagi Pasar Senduro macet", places=places)
    assert found["pasar senduro macet"] == "Pasar Senduro macet"
    assert "pasar senduro" not in found  # context alone


def test_numbers_and_masked_data_are_not_read():
    text = redact("hubungi 0812-3456-7890, NIK 3508012345670001, 25 ribu, b29@mail.com")
    assert topics.terms(text) == {}


def test_the_word_lists_hold_what_the_issue_names():
    vocab = topics.vocabulary()
    stop = ("mohon", "tolong", "sudah", "belum", "sangat", "sesuai", "pakai", "tambah", "ribu")
    for word in (*stop, "juta", "pak", "bu"):
        assert vocab.kind(word, vocab.stem(word)) == topics.STOP, word
    for word in ("rumah", "anak", "warga", "desa", "jalan", "air", "hujan"):
        assert vocab.kind(word, vocab.stem(word)) == topics.GENERIC, word
    assert vocab.kind("disesuaikan", vocab.stem("disesuaikan")) == topics.STOP
    assert vocab.kind("roboh", "roboh") == topics.MODIFIER
    assert vocab.kind("pdam", "pdam") == topics.CONTENT


# --- a month of a few complaints --------------------------------------------------------


def _filed(texts, day=10, agency=None, location=""):
    reporter = ReporterFactory()
    Complaint.objects.bulk_create(
        Complaint(
            tracking_number=f"SB-2505-U{day:02d}{n:03d}",
            reporter=reporter,
            text=text,
            public_text=redact(text),
            agency=agency,
            location_text=location,
            created_at=dt.datetime(2025, 5, day, 9, tzinfo=WIB),
        )
        for n, text in enumerate(texts)
    )


def test_a_topic_is_spelt_as_most_complaints_wrote_it(db):
    _filed(["Sampah menumpuk di pasar."] * 3 + ["sampah numpuk di gang"] * 2)
    result = topics.strategic_issues(MAY, JUNE)
    assert [(t.term, t.count) for t in result["top"]] == [("sampah menumpuk", 5)]


def test_a_longer_phrase_replaces_the_word_it_always_extends(db):
    _filed(["Lampu PJU di perempatan mati."] * 4 + ["Lampu PJU padam"] * 2)
    result = topics.strategic_issues(MAY, JUNE)
    assert [t.term for t in result["top"]] == ["lampu PJU"]


def test_words_that_meet_by_chance_are_no_phrase(db):
    # "banjir" and "sampah" are each in 43 complaints and side by side in three of them:
    # less often than chance says, so "banjir sampah" is no topic; "sampah menumpuk" is.
    _filed(
        ["Sampah menumpuk di TPS."] * 40
        + ["Banjir lagi di kampung kami."] * 40
        + ["Banjir sampah di selokan."] * 3
    )
    result = topics.strategic_issues(MAY, JUNE)
    terms = [t.term for t in result["top"]]
    assert "banjir sampah" not in terms
    assert set(terms) == {"sampah menumpuk", "banjir"}


def test_where_a_complaint_is(db):
    AgencyFactory(
        short_name="KEC-SENDURO",
        name="Kecamatan Senduro",
        kind="kecamatan",
        keywords="senduro, kecamatan senduro, argosari, ranupani",
    )
    where = topics.gazetteer()
    assert where.locate("Desa Argosari, Kecamatan Senduro", None, None) == "Senduro"
    assert where.locate("dsn krajan, kec. senduro", None, None) == "Senduro"
    assert where.locate("Ranupani", None, None) == "Senduro"
    assert where.locate("Kec Tempeh", None, None) == "Tempeh"
    assert where.locate("depan pasar", "kecamatan", "Kecamatan Senduro") == "Senduro"
    assert where.locate("depan pasar", "dinas", "Dinas Kesehatan") == ""
