"""Nothing personal or confidential on any public URL: seed it everywhere, crawl everything.

Complaints are filed with NIKs, phone numbers in the ways people write them, e-mail addresses
and home addresses in their texts, as public, anonymous and confidential complaints, and taken
through the whole lifecycle with staff texts that make the usual slips (an officer thanking an
anonymous reporter by name, a phone number in a response, an internal note, a rejected draft).
Then the public site is crawled from the Beranda by following every same-origin link and every
choice of the filter form — so a new public page is covered without touching this test — plus
every /aduan/<nomor>/ page, every photo URL and the Open311 read API, and every response is
searched for the seeded data [SPEC §7, §10 (UU 27/2022 PDP)]. tests/test_public_site.py holds
the hand-picked version of this check; this one finds the URLs itself.
"""

from __future__ import annotations

import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from faq.setup import FaqRow, upsert_faq
from home.models import HomePage
from home.setup import ensure_public_pages
from open311.models import ApiClient, RequestToken
from pengaduan.attachments import CleanFile
from pengaduan.models import Attachment, Category, Complaint
from workflow import policy, services
from workflow.states import Status

from .factories import AgencyFactory, ReporterFactory, UserFactory
from .test_authorization_matrix import rolled_back
from .test_public_site import listed_numbers

# --- who files, and what must never come out -----------------------------------------------


@dataclass(frozen=True)
class Person:
    name: str
    phone: str  # as stored: +62…
    nik: str
    email: str
    address: str
    visibility: str

    @property
    def subscriber_digits(self) -> str:
        return self.phone.removeprefix("+62")


BAMBANG = Person(
    "Bambang Sutejo",
    "+6281234567890",
    "3508125507560001",
    "bambang.sutejo@gmail.com",
    "Jl. Mawar Merah No. 17 RT 03 RW 05",
    "public",
)
RINA = Person(
    "Rina Oktaviani",
    "+6285712345678",
    "3508014107850002",
    "rina.okta@yahoo.co.id",
    "Perumahan Gading Asri Blok D-4",
    "anonymous",
)
HENDRO = Person(
    "Hendro Kuswanto",
    "+6282198765432",
    "3508121503700003",
    "hendro.k@mail.com",
    "Dusun Krajan Kidul RT 01",
    "confidential",
)
PEOPLE = (BAMBANG, RINA, HENDRO)
# Filed through Open311 by a partner app: anonymous on the public site by design. GeoReport
# carries no home address; its address_string is where the problem is (our location text).
OPEN311_PERSON = Person(
    "Sulastri Wahyuningsih",
    "+6281355551234",
    "3508124411920004",
    "sulastri.w@example.id",
    "",
    "anonymous",
)

LOCATION = "Gang Kenanga Ungu No. 5"  # the location field: staff only
# One marker per kind of text that must stay inside: any of them on a public URL is a leak.
SECRETS = {
    "confidential complaint": "Zulkarnaenrahasia",
    "original text an admin redacted": "Teksaslirahasia",
    "internal note": "Catataninternalrahasia",
    "rejected draft response": "Drafditolakrahasia",
    "draft awaiting approval": "Drafmenunggurahasia",
    "non-public follow-up": "Tindaklanjutinternalrahasia",
    "reason returned to the reporter": "Alasanlengkapirahasia",
    "reason returned by the agency": "Alasanpengembalianrahasia",
    "note to the reporter on forwarding": "Catatanpenerusanrahasia",
    "satisfaction comment": "Komentarpelapor",
    "reporter's later message": "Pesantambahanrahasia",
}
LATER_MESSAGE = "reporter's later message"
PUBLIC_WORD = "Jalanberlubang"  # in every public complaint: proves the crawl saw them


def text_for(person: Person, n: int, marker: str = "") -> str:
    """What a worried citizen writes: everything, in every format."""
    home = f", rumah saya di {person.address}" if person.address else ""
    return (
        f"{PUBLIC_WORD} di Desa Kalibendo nomor {n} {marker}. Saya {person.name}, "
        f"NIK {person.nik}{home}. Hubungi 0{person.subscriber_digits}"
        f" atau {dashed(person)} atau +62 {spaced(person)} atau "
        f"{person.phone.removeprefix('+')}, email {person.email}."
    )


def dashed(person: Person) -> str:  # 0812-3456-7890
    local = "0" + person.subscriber_digits
    return f"{local[:4]}-{local[4:8]}-{local[8:]}"


def spaced(person: Person) -> str:  # 812 3456 7890
    digits = person.subscriber_digits
    return f"{digits[:3]} {digits[3:7]} {digits[7:]}"


def photo_with_metadata(person: Person) -> CleanFile:
    """A JPEG whose EXIF names the reporter and where it was taken (re-encoding must drop it)."""
    exif = Image.Exif()
    exif[0x010E] = f"Rumah {person.name} NIK {person.nik}"  # ImageDescription
    exif[0x013B] = person.name  # Artist
    exif.get_ifd(0x8825).update({1: "S", 2: (8.0, 8.0, 0.6), 3: "E", 4: (113.0, 13.0, 29.2)})
    buffer = io.BytesIO()
    Image.new("RGB", (80, 60), (40, 120, 200)).save(buffer, "JPEG", exif=exif.tobytes())
    return CleanFile(buffer.getvalue(), "image/jpeg", f"{person.name}.jpg")


# --- the seeded site -------------------------------------------------------------------------


@dataclass
class Seeded:
    complaints: list[Complaint] = field(default_factory=list)
    open311_number: str = ""
    open311_token: str = ""
    category_code: str = ""


def build() -> Seeded:
    roads = AgencyFactory(short_name="DPUTR", name="Dinas Pekerjaan Umum dan Tata Ruang")
    health = AgencyFactory(
        short_name="DINKES", name="Dinas Kesehatan", requires_response_approval=True
    )
    admin = UserFactory(username="admin.privasi", role=policy.ADMIN_PENGADUAN)
    operator = {
        roads.pk: UserFactory(username="opd.dputr.p", role=policy.ADMIN_OPD, agency=roads),
        health.pk: UserFactory(username="opd.dinkes.p", role=policy.ADMIN_OPD, agency=health),
    }
    approver = UserFactory(
        username="sekdin.dinkes.p", role=policy.PEJABAT_PENGHUBUNG, agency=health
    )
    reporters = {
        p: ReporterFactory(
            name=p.name, whatsapp_number=p.phone, nik=p.nik, email=p.email, address=p.address
        )
        for p in PEOPLE
    }
    seeded = Seeded()
    # Which states the complaints of each person go through, in turn.
    paths = [
        Status.DISPATCHED,
        Status.RESPONDED,
        Status.RESOLVED,
        Status.CLOSED,
        Status.RETURNED_BY_AGENCY,
        Status.OUT_OF_AUTHORITY,
        Status.SUBMITTED,
        Status.RETURNED_TO_REPORTER,
        Status.ARCHIVED,
    ]
    counts = {BAMBANG: 18, RINA: 12, HENDRO: 9}
    n = 0
    for person, count in counts.items():
        for i in range(count):
            n += 1
            state = paths[i % len(paths)]
            agency = health if i % 3 == 1 else roads
            marker = SECRETS["confidential complaint"] if person is HENDRO else ""
            complaint = services.submit(
                reporter=reporters[person],
                text=text_for(person, n, marker),
                location_text=LOCATION,
                visibility=person.visibility,
                files=[photo_with_metadata(person)],
            )
            drive(complaint, state, agency, person, admin, operator[agency.pk], approver)
            seeded.complaints.append(complaint)

    bambang_first = seeded.complaints[0]
    # An admin redacts a public copy by hand; the original stays internal.
    redacted = services.submit(
        reporter=reporters[BAMBANG],
        text=f"{SECRETS['original text an admin redacted']} {text_for(BAMBANG, 99)}",
        location_text=LOCATION,
    )
    services.edit_details(
        redacted,
        by=admin,
        changes={"public_text": f"{PUBLIC_WORD} di Kalibendo, hubungi 0812.3456.7890 ya."},
    )  # ...and leaves a phone number in it: the last pass on display must catch it
    drive(redacted, Status.RESPONDED, roads, BAMBANG, admin, operator[roads.pk], approver)
    seeded.complaints.append(redacted)
    # A duplicate by the anonymous reporter, merged into a published complaint.
    duplicate = services.submit(reporter=reporters[RINA], text=text_for(RINA, 100))
    services.merge_duplicate(duplicate, bambang_first, by=admin, note="Sama dengan aduan lain.")
    seeded.complaints.append(duplicate)
    # Published photos of the complaints themselves (an admin's choice); EXIF must not survive.
    Attachment.objects.filter(complaint__in=seeded.complaints[:6], update__isnull=True).update(
        is_public=True
    )

    category = Category.objects.create(code="jalan-rusak", name="Jalan rusak", agency=roads)
    seeded.category_code = category.code
    seeded.open311_number, seeded.open311_token = file_through_open311(category, admin, roads)
    for complaint in seeded.complaints:
        complaint.refresh_from_db()
    return seeded


def drive(complaint, state, agency, person, admin, operator, approver) -> None:
    """Take one complaint to ``state`` through the real services, with slips on the way."""
    thanks = f"Terima kasih {person.name}, kami hubungi di {dashed(person)} atau {person.email}."
    if state == Status.RETURNED_TO_REPORTER:
        services.return_to_reporter(
            complaint, by=admin, reason=f"{SECRETS['reason returned to the reporter']} {thanks}"
        )
        return
    if state == Status.ARCHIVED:
        services.archive(complaint, by=admin, reason_code="invalid")
        return
    if state == Status.SUBMITTED:
        services.add_note(complaint, by=admin, text=f"{SECRETS['internal note']} {thanks}")
        return
    if state == Status.OUT_OF_AUTHORITY:
        services.forward_out_of_authority(
            complaint,
            by=admin,
            institution="Polres Lumajang",
            note=f"{SECRETS['note to the reporter on forwarding']} {thanks}",
        )
        return
    services.verify_and_dispatch(complaint, agency, by=admin)
    services.add_note(complaint, by=operator, text=f"{SECRETS['internal note']} {thanks}")
    services.add_reporter_message(complaint, text=f"{SECRETS[LATER_MESSAGE]} {text_for(person, 0)}")
    if state == Status.RETURNED_BY_AGENCY:
        services.return_by_agency(
            complaint, by=operator, reason=f"{SECRETS['reason returned by the agency']} {thanks}"
        )
        return
    if state == Status.DISPATCHED:
        if agency.requires_response_approval:  # one rejected draft, one still waiting
            services.respond(complaint, by=operator, text=SECRETS["rejected draft response"])
            services.reject_response(complaint, by=approver, reason="Kurang jelas.")
            services.respond(
                complaint, by=operator, text=f"{SECRETS['draft awaiting approval']} {thanks}"
            )
        return
    services.respond(
        complaint, by=approver if agency.requires_response_approval else operator, text=thanks
    )
    services.add_follow_up(
        complaint,
        by=operator,
        text=f"Petugas sudah survei. {thanks}",
        files=[photo_with_metadata(person)],
    )
    services.add_follow_up(
        complaint,
        by=operator,
        text=f"{SECRETS['non-public follow-up']} {thanks}",
        files=[photo_with_metadata(person)],
        is_public=False,
    )
    if state == Status.RESPONDED:
        return
    services.resolve(
        complaint, by=operator, text=f"Selesai. {thanks}", files=[photo_with_metadata(person)]
    )
    if state == Status.CLOSED:
        services.close(complaint, by=policy.REPORTER_ACTOR)
        services.record_satisfaction(
            complaint,
            rating=4,
            comment=f"{SECRETS['satisfaction comment']} {text_for(person, 0)}",
            by=policy.REPORTER_ACTOR,
        )


def file_through_open311(category, admin, agency) -> tuple[str, str]:
    """A partner app files with its user's name, phone, e-mail and address; then published."""
    api_client = ApiClient(name="Aplikasi Desa Kalibendo", contact="Pak Kades")
    key = api_client.new_key()
    api_client.save()
    person = OPEN311_PERSON
    first, last = person.name.split()
    response = Client(REMOTE_ADDR="10.99.0.1").post(
        "/open311/v2/requests.json",
        {
            "api_key": key,
            "service_code": category.code,
            "description": text_for(person, 200),
            "address_string": LOCATION,
            "lat": "-8.1335",
            "long": "113.2248",
            "first_name": first,
            "last_name": last,
            "email": person.email,
            "phone": dashed(person),
        },
    )
    assert response.status_code == 200, response.content
    [record] = json.loads(response.content)
    complaint = Complaint.objects.get(tracking_number=record["service_request_id"])
    services.verify_and_dispatch(complaint, agency, by=admin)
    # No token in a realtime answer; one issued before still has a public endpoint to crawl.
    token = RequestToken.objects.create(
        token=RequestToken.fresh(), complaint=complaint, client=api_client
    )
    return complaint.tracking_number, token.token


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with rolled_back(django_db_blocker):
        pages = ensure_public_pages()
        upsert_faq(
            pages["faq"],
            FaqRow(
                question="Bagaimana cara menyampaikan aduan?",
                answer="Kirim pesan WhatsApp atau pakai CHAT DI SINI di situs.",
            ),
        )
        yield build()


# --- what a leak looks like --------------------------------------------------------------------

PERSONS = (*PEOPLE, OPEN311_PERSON)
# Indonesian mobile numbers however written (0812-3456-7890, +62 812 3456 7890, 6281234567890)
PHONE_RE = re.compile(r"(?<![\d\w])(?:\+?62|0)[ .\-]?8\d{1,3}(?:[ .\-]?\d){6,10}(?!\d)")
NIK_RE = re.compile(r"(?<!\d)(?:\d[ .\-]?){15}\d(?!\d)")
EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
DIGIT_SEPARATORS = re.compile(r"(?<=\d)[\s.\-()+/]{1,3}(?=\d)")


def forbidden_strings() -> dict[str, str]:
    """Exact strings, each with why it must not be public."""
    found = {}
    for person in PERSONS:
        found[person.nik] = f"NIK of {person.name}"
        found[person.email] = f"e-mail of {person.name}"
        if person.address:
            found[person.address] = f"home address of {person.name}"
        if person.visibility != "public":
            for part in [person.name, *person.name.split()]:
                found[part] = f"name of the {person.visibility} reporter {person.name}"
    found[LOCATION] = "location text"
    for why, marker in SECRETS.items():
        found[marker] = why
    return found


def visible_text(body: str) -> str:
    """Text nodes and attribute values other than URLs (a cursor in a link is no NIK)."""
    collector = _Collector("http://testserver/")
    collector.feed(body)
    return " | ".join(collector.texts)


def leaks(body: str, *, is_html: bool, allowed_phones: set[str]) -> list[str]:
    problems = []
    lowered = body.lower()
    for needle, why in forbidden_strings().items():
        if " " in needle or not needle.isalpha():
            hit = needle.lower() in lowered
        else:  # a single name: whole words only
            hit = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", body, re.IGNORECASE)
        if hit:
            problems.append(f"{why}: {needle!r}")
    digits_only = DIGIT_SEPARATORS.sub("", body)
    for person in PERSONS:
        if person.subscriber_digits in digits_only:
            problems.append(f"phone number of {person.name}")
        if person.nik in digits_only:
            problems.append(f"NIK of {person.name} (with separators)")
    text = visible_text(body) if is_html else body
    for match in PHONE_RE.finditer(text):
        digits = re.sub(r"\D", "", match[0]).removeprefix("62").removeprefix("0")
        if digits not in allowed_phones:
            problems.append(f"a phone number: {match[0]!r}")
    problems += [f"a NIK-like number: {m[0]!r}" for m in NIK_RE.finditer(text)]
    problems += [f"an e-mail address: {m[0]!r}" for m in EMAIL_RE.finditer(text)]
    return problems


# --- the crawler ----------------------------------------------------------------------------

SAME_ORIGIN = {"testserver", urlsplit(settings.SAMBAT_PUBLIC_BASE_URL).netloc}
NOT_PUBLIC = ("/admin/", "/static/", "/media/", "/documents/", "/chat/api/", "/_util/")
NOT_PUBLIC += ("/whatsapp/", "/sms/")


class _Collector(HTMLParser):
    """Links (href, src, srcset, GET forms with each choice of their selects) and text."""

    URL_ATTRIBUTES = ("href", "src", "action", "srcset")

    def __init__(self, base: str):
        super().__init__(convert_charrefs=True)
        self.base = base
        self.links: list[str] = []
        self.texts: list[str] = []
        self._form: dict | None = None
        self._select: str | None = None

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name, value in attrs:
            if value is None:
                continue
            if name == "srcset":
                self.links += [part.split()[0] for part in value.split(",") if part.strip()]
            elif name in ("href", "src"):
                self.links.append(value)
            elif name not in self.URL_ATTRIBUTES:
                self.texts.append(value)
        if tag == "form" and values.get("method", "get").lower() == "get":
            self._form = {"action": values.get("action") or "", "choices": []}
        elif tag == "select" and self._form is not None:
            self._select = values.get("name")
        elif tag == "option" and self._form is not None and self._select:
            self._form["choices"].append((self._select, values.get("value", "")))

    def handle_endtag(self, tag):
        if tag == "select":
            self._select = None
        elif tag == "form" and self._form is not None:
            action = urljoin(self.base, self._form["action"]).split("?")[0]
            for name, value in self._form["choices"]:
                if value:
                    self.links.append(f"{action}?{urlencode({name: value})}")
            self._form = None

    def handle_data(self, data):
        if data.strip():
            self.texts.append(data)


def links_in(url: str, content_type: str, body: str) -> list[str]:
    if content_type.startswith("text/html"):
        collector = _Collector(url)
        collector.feed(body)
        found = collector.links
    else:  # JSON and XML: any address inside
        found = re.findall(r"https?://[^\s\"'<>]+|(?<=\")/[^\s\"'<>]*", body)
    return [urljoin(url, link) for link in found]


def public_path(url: str) -> str | None:
    """The path + query of a same-origin public URL, or None."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https", "") or (
        parts.netloc and parts.netloc not in SAME_ORIGIN
    ):
        return None
    if parts.path.startswith(NOT_PUBLIC):
        return None
    query = urlencode(sorted(parse_qsl(parts.query, keep_blank_values=True)))
    return parts.path + (f"?{query}" if query else "")


@dataclass
class Visit:
    status: int
    content_type: str
    body: bytes
    found_on: str


def crawl(seeds: list[str], limit: int = 1500) -> dict[str, Visit]:
    """Breadth-first over public URLs, each from its own address (public rate limits are
    per address and would otherwise answer 429 halfway through)."""
    visited: dict[str, Visit] = {}
    queue = [(path, "seed") for seed in seeds if (path := public_path(seed))]
    while queue:
        path, found_on = queue.pop(0)
        if path in visited:
            continue
        assert len(visited) < limit, f"the crawl did not end after {limit} URLs"
        n = len(visited)
        client = Client(REMOTE_ADDR=f"10.{n // 250}.{n % 250}.7")
        response = client.get(path)
        body = b"".join(response.streaming_content) if response.streaming else response.content
        visit = Visit(response.status_code, response.get("Content-Type", ""), body, found_on)
        visited[path] = visit
        if response.status_code in (301, 302):
            if target := public_path(urljoin(f"http://testserver{path}", response["Location"])):
                queue.append((target, path))
            continue
        if visit.content_type.startswith(("text/", "application/json")):
            for link in links_in(f"http://testserver{path}", visit.content_type, body.decode()):
                if (target := public_path(link)) and target not in visited:
                    queue.append((target, path))
    return visited


def seeds_for(seeded: Seeded) -> list[str]:
    """Where a visitor or another program may start: the Beranda, every complaint's page, and
    the Open311 read API (its documents link onward to complaint pages and photos)."""
    api = "/open311/v2"
    numbers = [c.tracking_number for c in seeded.complaints] + [seeded.open311_number]
    seeds = ["/", "/sitemap.xml", "/robots.txt", "/feed/", "/rss/"]
    seeds += [f"/aduan/{number}/" for number in numbers]
    seeds += [f"{api}/discovery.{fmt}" for fmt in ("json", "xml")]
    seeds += [f"{api}/services.{fmt}" for fmt in ("json", "xml")]
    seeds += [f"{api}/services/{seeded.category_code}.json"]
    for fmt in ("json", "xml"):
        seeds += [f"{api}/requests.{fmt}", f"{api}/requests.{fmt}?status=closed"]
        seeds += [f"{api}/requests.{fmt}?service_request_id={','.join(numbers)}"]
        seeds += [f"{api}/requests/{number}.{fmt}" for number in numbers]
        seeds += [f"{api}/tokens/{seeded.open311_token}.{fmt}"]
    return seeds


def allowed_phone_digits() -> set[str]:
    """The service's own published WhatsApp number is meant to be on every page (the
    installation's, or the Beranda's own override)."""
    from workflow.models import InstallationSettings

    numbers = {
        HomePage.objects.get().whatsapp_number,
        InstallationSettings.load().whatsapp_number,
    }
    return {
        re.sub(r"\D", "", number).removeprefix("62").removeprefix("0")
        for number in numbers
        if number
    }


# --- the tests ----------------------------------------------------------------------------------


@pytest.mark.django_db
def test_no_personal_data_or_confidential_text_on_any_public_url(seeded):
    visited = crawl(seeds_for(seeded))
    allowed = allowed_phone_digits()
    problems = []
    for path, visit in visited.items():
        if visit.status >= 500 or visit.status == 429:
            problems.append(f"{path}: {visit.status} (found on {visit.found_on})")
        if visit.content_type.startswith("image/"):
            problems += [f"{path}: {p}" for p in image_leaks(visit.body)]
            continue
        body = visit.body.decode("utf-8", errors="replace")
        html = visit.content_type.startswith("text/html")
        problems += [f"{path}: {p}" for p in leaks(body, is_html=html, allowed_phones=allowed)]
    assert not problems, "\n".join(problems[:60])
    assert_the_crawl_saw_everything(seeded, visited)


def image_leaks(data: bytes) -> list[str]:
    problems = []
    image = Image.open(io.BytesIO(data))
    if image.getexif():
        problems.append(f"EXIF metadata survived: {dict(image.getexif())}")
    lowered = data.lower()
    for person in PERSONS:
        for needle in (person.name, person.nik):
            if needle.lower().encode() in lowered:
                problems.append(f"{needle!r} inside the image file")
    return problems


def assert_the_crawl_saw_everything(seeded: Seeded, visited: dict[str, Visit]) -> None:
    """Guard against a crawl that passes because it never got anywhere."""
    ok = {path for path, visit in visited.items() if visit.status == 200}
    published = [c for c in seeded.complaints if c.is_public]
    assert len(published) > 20  # more than one page of DAFTAR PENGADUAN
    assert {f"/aduan/{c.tracking_number}/" for c in seeded.complaints} <= ok
    list_pages = [p for p in ok if p.startswith("/?") and "sebelum=" in p]
    assert list_pages, "no 'lebih lama' page was followed"
    assert any("opd=" in p for p in ok) and any("status=" in p for p in ok)
    assert any("bulan=" in p for p in ok)
    photos = [p for p in ok if "/foto/" in p]
    assert len(photos) >= 10
    guides = [p for p in ok if p.startswith("/panduan/") and p != "/panduan/"]
    assert guides and "/panduan/" in ok and "/faq/" in ok
    assert any(p.startswith("/statistik/") for p in ok)
    assert any(p.startswith("/open311/v2/requests/") for p in ok)
    # The public copy is really shown (masked), so a clean scan means hidden, not absent.
    beranda = visited["/"].body.decode()
    assert PUBLIC_WORD in beranda and "[nama disamarkan]" in beranda
    assert "[NIK disamarkan]" in beranda and "[nomor disamarkan]" in beranda


PUBLISHED_UPDATE_KINDS = ("response", "follow_up", "resolution")


@pytest.mark.django_db
def test_photos_open_only_where_the_complaint_page_shows_them(seeded):
    """Every stored attachment, tried under its complaint's number. The rule [SPEC §7]: a
    published complaint, a file marked public, and if it belongs to an update, an update the
    public timeline shows (sent or approved, public, a response/follow-up/resolution)."""
    opened = 0
    for attachment in Attachment.objects.select_related("complaint", "update"):
        complaint, update = attachment.complaint, attachment.update
        shown = (
            complaint.is_public
            and attachment.is_public
            and (
                update is None
                or (
                    update.is_public
                    and update.status in ("sent", "approved")
                    and update.kind in PUBLISHED_UPDATE_KINDS
                )
            )
        )
        url = f"/aduan/{complaint.tracking_number}/foto/{attachment.pk}/"
        response = Client(REMOTE_ADDR=f"10.200.{attachment.pk % 250}.9").get(url)
        assert response.status_code == (200 if shown else 404), (url, complaint.status, update)
        if shown:
            opened += 1
            assert not image_leaks(response.content), url
    assert opened >= 10


@pytest.mark.django_db
@pytest.mark.parametrize(
    "term",
    [
        BAMBANG.nik,
        dashed(BAMBANG),
        BAMBANG.email,
        "Mawar Merah",
        RINA.name,
        "Oktaviani",
        HENDRO.name,
        LOCATION,
        *SECRETS.values(),
    ],
)
def test_searching_for_personal_data_finds_nothing(seeded, term):
    response = Client(REMOTE_ADDR="10.201.0.1").get("/", {"q": term})
    assert response.status_code == 200
    assert listed_numbers(response) == []
    # Apart from the search box repeating the question, the page holds none of it.
    body = response.content.decode().replace(term, "").replace(term.replace(" ", "+"), "")
    assert not leaks(body, is_html=True, allowed_phones=allowed_phone_digits())


def test_the_migration_rebuilds_search_words_saved_before_the_privacy_pass(db):
    import importlib

    from django.apps import apps

    rebuild = importlib.import_module(
        "pengaduan.migrations.0008_search_text_after_privacy_pass"
    ).rebuild
    reporter = ReporterFactory(name="Maria Ulfa", address="Jl. Melati No. 9 Tempeh")
    complaint = services.submit(
        reporter=reporter,
        text="Saya Maria Ulfa di Jl. Melati No. 9 Tempeh, lampu jalan mati.",
        visibility="anonymous",
    )
    # As an installation before the fix stored it: words of the unmasked public copy.
    Complaint.objects.filter(pk=complaint.pk).update(search_text=" maria ulfa melati lampu ")
    rebuild(apps, None)
    words = Complaint.objects.get(pk=complaint.pk).search_text.split()
    assert "lampu" in words
    assert not {"maria", "ulfa", "melati"} & set(words)
