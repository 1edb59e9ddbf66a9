"""Open311 GeoReport v2 (/open311/v2/): every endpoint in JSON and XML, errors, keys, privacy."""

import datetime as dt
import json
import re
from xml.etree.ElementTree import Element

import pytest
import time_machine
from defusedxml.ElementTree import fromstring
from django.core.exceptions import ValidationError
from django.test import override_settings
from django.utils import timezone

from open311.models import ApiClient, RequestToken
from pengaduan.forms import DispatchForm
from pengaduan.models import Category, Complaint
from workflow import policy, services
from workflow.models import Notification
from workflow.states import Status

from .factories import AgencyFactory, ReporterFactory, UserFactory

BASE = "/open311/v2"
W3C = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+07:00$")
WIB = dt.timezone(dt.timedelta(hours=7))


@pytest.fixture
def roads(agency):
    return Category.objects.create(
        code="jalan-rusak",
        name="Jalan dan jembatan rusak",
        description="Jalan kabupaten berlubang atau longsor.",
        agency=agency,
        keywords="jalan berlubang, aspal, jembatan",
        order=1,
        attributes=[
            {
                "code": "jenis_jalan",
                "datatype": "singlevaluelist",
                "required": True,
                "order": 1,
                "description": "Jenis jalan",
                "values": [
                    {"key": "kabupaten", "name": "Jalan kabupaten"},
                    {"key": "desa", "name": "Jalan desa"},
                ],
            },
            {
                "code": "panjang",
                "datatype": "number",
                "required": False,
                "order": 2,
                "description": "Panjang kerusakan (meter)",
            },
            {
                "code": "dampak",
                "datatype": "multivaluelist",
                "required": False,
                "order": 3,
                "description": "Dampak",
                "values": [
                    {"key": "macet", "name": "Macet"},
                    {"key": "jatuh", "name": "Kecelakaan"},
                ],
            },
        ],
    )


@pytest.fixture
def rubbish(db):
    return Category.objects.create(code="sampah", name="Sampah", order=2)


@pytest.fixture
def key(db):
    client = ApiClient(name="Aplikasi Desa Kalibendo", contact="Pak Kades, 0812")
    raw = client.new_key()
    client.save()
    return raw


def xml(response) -> Element:
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    return fromstring(response.content)


def post(client, fmt="json", **fields):
    return client.post(f"{BASE}/requests.{fmt}", fields)


def good_filing(key, **overrides):
    fields = {
        "api_key": key,
        "service_code": "jalan-rusak",
        "lat": "-8.2312",
        "long": "113.2145",
        "address_string": "Jl. Kenanga depan balai desa Kalibendo",
        "description": "Jalan berlubang dalam, motor sering jatuh malam hari.",
        "first_name": "Agus",
        "last_name": "Handoko",
        "email": "agus@example.org",
        "phone": "0812 9999 0001",
        "attribute[jenis_jalan]": "desa",
        "attribute[panjang]": "12.5",
        "attribute[dampak][]": ["macet", "jatuh"],
    }
    fields.update(overrides)
    return {k: v for k, v in fields.items() if v is not None}


# --- discovery and services ---------------------------------------------------------------


def test_discovery_in_both_formats(client, db):
    data = client.get(f"{BASE}/discovery.json").json()
    assert data["contact"].startswith("Admin Pengaduan Sambat Bunda")
    [endpoint] = data["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"] == "https://sambatbunda.test/open311/v2/"
    assert endpoint["type"] == "production"
    assert endpoint["formats"] == ["text/xml", "application/json"]
    root = xml(client.get(f"{BASE}/discovery.xml"))
    assert root.tag == "discovery"
    assert [f.text for f in root.findall("endpoints/endpoint/formats/format")] == [
        "text/xml",
        "application/json",
    ]
    assert root.findtext("endpoints/endpoint/type") == "production"


def test_services_are_the_active_categories_grouped_by_agency(client, roads, rubbish):
    Category.objects.create(code="lama", name="Kategori lama", active=False)
    response = client.get(f"{BASE}/services.json")
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response.json() == [
        {
            "service_code": "jalan-rusak",
            "service_name": "Jalan dan jembatan rusak",
            "description": "Jalan kabupaten berlubang atau longsor.",
            "metadata": True,
            "type": "realtime",
            "keywords": "jalan berlubang, aspal, jembatan",
            "group": "Dinas Pekerjaan Umum dan Tata Ruang",
        },
        {
            "service_code": "sampah",
            "service_name": "Sampah",
            "description": "",
            "metadata": False,
            "type": "realtime",
            "keywords": "",
            "group": "Umum",
        },
    ]
    root = xml(client.get(f"{BASE}/services.xml"))
    assert root.tag == "services"
    services_ = root.findall("service")
    assert [s.findtext("service_code") for s in services_] == ["jalan-rusak", "sampah"]
    assert [s.findtext("metadata") for s in services_] == ["true", "false"]


def test_a_service_definition_lists_its_attributes(client, roads):
    data = client.get(f"{BASE}/services/jalan-rusak.json").json()
    assert data["service_code"] == "jalan-rusak"
    first = data["attributes"][0]
    assert first == {
        "variable": True,
        "code": "jenis_jalan",
        "datatype": "singlevaluelist",
        "required": True,
        "datatype_description": None,
        "order": 1,
        "description": "Jenis jalan",
        "values": [
            {"key": "kabupaten", "name": "Jalan kabupaten"},
            {"key": "desa", "name": "Jalan desa"},
        ],
    }
    assert "values" not in data["attributes"][1]
    root = xml(client.get(f"{BASE}/services/jalan-rusak.xml"))
    assert root.tag == "service_definition"
    assert [a.findtext("code") for a in root.findall("attributes/attribute")] == [
        "jenis_jalan",
        "panjang",
        "dampak",
    ]
    keys = root.findall("attributes/attribute")[0].findall("values/value/key")
    assert [k.text for k in keys] == ["kabupaten", "desa"]


def test_an_unknown_service_is_a_404_in_the_specification_error_shape(client, db):
    response = client.get(f"{BASE}/services/tidak-ada.json")
    assert response.status_code == 404
    assert response.json() == [{"code": 404, "description": "service_code tidak-ada was not found"}]
    root = xml(client.get(f"{BASE}/services/tidak-ada.xml"))
    assert root.tag == "errors"
    assert root.findtext("error/code") == "404"
    assert root.findtext("error/description") == "service_code tidak-ada was not found"


def test_jurisdiction_methods_and_formats(client, roads):
    ours = client.get(f"{BASE}/services.json", {"jurisdiction_id": "lumajangkab.go.id"})
    assert ours.status_code == 200
    wrong = client.get(f"{BASE}/services.json", {"jurisdiction_id": "surabaya.go.id"})
    assert wrong.status_code == 404
    assert wrong.json()[0]["description"] == "jurisdiction_id surabaya.go.id was not found"
    put = client.put(f"{BASE}/requests.json")
    assert put.status_code == 405 and put["Allow"] == "GET, POST"
    assert put.json() == [{"code": 405, "description": "method PUT is not allowed"}]
    assert client.get(f"{BASE}/services.csv").status_code == 404


# --- filing -------------------------------------------------------------------------------


def test_filing_needs_a_valid_active_key(client, roads, key):
    missing = post(client, **good_filing(None))
    assert missing.status_code == 403
    assert missing.json() == [{"code": 403, "description": "api_key was not provided"}]
    wrong = post(client, "xml", **good_filing("bukan-kunci"))
    assert wrong.status_code == 403
    assert xml(wrong).findtext("error/description") == "api_key is invalid"
    ApiClient.objects.get().revoke()
    revoked = post(client, **good_filing(key))
    assert revoked.status_code == 403
    assert Complaint.objects.count() == 0


def test_a_filed_request_enters_the_normal_lifecycle(client, roads, key):
    response = post(client, **good_filing(key))
    assert response.status_code == 200
    [record] = response.json()
    complaint = Complaint.objects.get()
    assert record["service_request_id"] == complaint.tracking_number
    # GeoReport v2 returns the id or a token, not both: the id is known at once.
    assert "token" not in record and not RequestToken.objects.exists()
    assert record["account_id"] is None
    assert complaint.tracking_number in record["service_notice"]
    assert f"/aduan/{complaint.tracking_number}/" in record["service_notice"]
    assert complaint.status == Status.SUBMITTED
    assert complaint.channel == Complaint.Channel.OPEN311
    assert complaint.category == roads
    assert complaint.visibility == Complaint.Visibility.ANONYMOUS
    assert complaint.text == "Jalan berlubang dalam, motor sering jatuh malam hari."
    assert complaint.location_text == "Jl. Kenanga depan balai desa Kalibendo"
    assert (str(complaint.latitude), str(complaint.longitude)) == ("-8.231200", "113.214500")
    assert complaint.source_reference == "Open311: Aplikasi Desa Kalibendo"
    assert complaint.attributes == {
        "answers": {"jenis_jalan": "desa", "panjang": "12.5", "dampak": ["macet", "jatuh"]},
        "open311": {"client": "Aplikasi Desa Kalibendo"},
    }
    reporter = complaint.reporter
    assert (reporter.name, reporter.whatsapp_number, reporter.email) == (
        "Agus Handoko",
        "+6281299990001",
        "agus@example.org",
    )
    # The citizen gets the ticket number by WhatsApp like any other; admins hear of it.
    ticket = Notification.objects.get(template_key="reporter.ticket_issued")
    assert ticket.recipient_phone == "+6281299990001"
    assert complaint.tracking_number in ticket.text
    assert ApiClient.objects.get().last_used_at is not None


def test_staff_see_the_answers_with_the_category_labels(client, roads, key, admin_user):
    post(client, **good_filing(key, media_url="https://foto.example.org/lubang.jpg"))
    complaint = Complaint.objects.get()
    client.force_login(admin_user)
    html = client.get(f"/admin/snippets/pengaduan/complaint/inspect/{complaint.pk}/").content
    html = html.decode()
    assert "Jalan dan jembatan rusak" in html
    for label, value in (("Jenis jalan", "Jalan desa"), ("Dampak", "Macet, Kecelakaan")):
        assert f"<dt>{label}</dt><dd>{value}</dd>" in html
    assert 'href="https://foto.example.org/lubang.jpg"' in html


def test_a_filing_in_xml_and_with_an_address_only(client, rubbish, key):
    response = post(
        client,
        "xml",
        api_key=key,
        service_code="sampah",
        address_id="RT02-RW05-Kalibendo",
        description="Sampah menumpuk di TPS pasar.",
    )
    root = xml(response)
    assert root.tag == "service_requests"
    number = root.findtext("request/service_request_id")
    complaint = Complaint.objects.get(tracking_number=number)
    assert root.find("request/token") is None
    assert complaint.location_text == "RT02-RW05-Kalibendo"
    assert complaint.reporter.name == "Tanpa nama" and complaint.reporter.whatsapp_number is None


@pytest.mark.parametrize(
    ("overrides", "description"),
    [
        ({"service_code": None}, "service_code was not provided"),
        ({"service_code": "tidak-ada"}, "service_code tidak-ada was not found"),
        (
            {"lat": None, "long": None, "address_string": None},
            "lat/long, address_string or address_id was not provided",
        ),
        ({"long": None, "address_string": None}, "lat and long must be given together"),
        ({"lat": "utara"}, "lat must be a number"),
        ({"lat": "95"}, "lat is out of range"),
        ({"long": "nan"}, "long is out of range"),
        ({"description": "   "}, "description was not provided"),
        ({"description": "x" * 4001}, "description is longer than 4000 characters"),
        ({"email": "agus@"}, "email is not a valid e-mail address"),
        ({"phone": "12"}, "phone is not a valid phone number"),
        ({"media_url": "file:///etc/passwd"}, "media_url is not a valid http(s) URL"),
        ({"attribute[jenis_jalan]": None}, "attribute jenis_jalan is required"),
        (
            {"attribute[jenis_jalan]": "tol"},
            "attribute jenis_jalan: tol is not one of its values",
        ),
        ({"attribute[panjang]": "dua belas"}, "attribute panjang must be a number"),
        ({"attribute[warna]": "merah"}, "attribute warna is not defined for service jalan-rusak"),
        (
            {"attribute[dampak][]": ["macet", "banjir"]},
            "attribute dampak: banjir is not one of its values",
        ),
    ],
)
def test_bad_filings_are_400_and_create_nothing(client, roads, key, overrides, description):
    response = post(client, **good_filing(key, **overrides))
    assert response.status_code == 400
    assert response.json() == [{"code": 400, "description": description}]
    assert Complaint.objects.count() == 0
    assert RequestToken.objects.count() == 0


def test_each_key_has_its_own_rate(client, rubbish, key):
    ApiClient.objects.update(rate="2/m")
    fields = {"api_key": key, "service_code": "sampah", "address_id": "x", "description": "Bau."}
    assert post(client, **fields).status_code == 200
    assert post(client, **fields).status_code == 200
    third = post(client, **fields)
    assert third.status_code == 429
    assert third.json()[0]["description"] == "rate limit of 2/m for this api_key reached"
    assert Complaint.objects.count() == 2


@override_settings(SAMBAT_OPEN311_AUTH_FAILURE_RATE="3/h")
def test_guessing_keys_is_cut_off_per_address(client, rubbish, key):
    for _attempt in range(3):
        assert post(client, api_key="tebakan").status_code == 403
    blocked = post(client, api_key=key, service_code="sampah", address_id="x", description="Bau.")
    assert blocked.status_code == 429
    assert Complaint.objects.count() == 0


# --- reading ------------------------------------------------------------------------------


@pytest.fixture
def published(make_complaint, roads, agency):
    """A mix of states and visibilities, all created today."""
    made = {
        "responded": make_complaint(Status.RESPONDED, category=roads),
        "closed": make_complaint(Status.CLOSED),
        "submitted": make_complaint(Status.SUBMITTED, category=roads),
        "confidential": make_complaint(Status.CLOSED, visibility="confidential"),
        "archived": make_complaint(Status.ARCHIVED),
        "forwarded": make_complaint(Status.OUT_OF_AUTHORITY),
    }
    return made


def test_the_list_holds_only_published_complaints_without_personal_data(
    client, published, django_assert_num_queries
):
    client.get(f"{BASE}/requests.json")  # the Beranda's address is looked up once, then cached
    with django_assert_num_queries(1):  # texts, agencies, categories, photos: one query
        response = client.get(f"{BASE}/requests.json")
    records = response.json()
    numbers = [r["service_request_id"] for r in records]
    assert sorted(numbers) == sorted(
        published[k].tracking_number for k in ("responded", "closed", "forwarded")
    )
    body = response.content.decode()
    for secret in ("Siti Nur Khomsah", "3508125507560001", "Kalibendo, Kecamatan Pasirian"):
        assert secret not in body
    responded = {r["service_request_id"]: r for r in records}[
        published["responded"].tracking_number
    ]
    assert responded["status"] == "open"
    assert responded["service_code"] == "jalan-rusak"
    assert responded["service_name"] == "Jalan dan jembatan rusak"
    assert responded["agency_responsible"] == "Dinas Pekerjaan Umum dan Tata Ruang"
    assert responded["status_notes"] == "Ditanggapi: Laporan diterima, segera dicek."
    assert responded["description"].startswith("Jalan berlubang di depan balai desa")
    assert W3C.match(responded["requested_datetime"])
    assert W3C.match(responded["expected_datetime"])
    assert (responded["address"], responded["lat"], responded["long"]) == (None, None, None)
    forwarded = {r["service_request_id"]: r for r in records}[
        published["forwarded"].tracking_number
    ]
    assert forwarded["status"] == "closed"
    assert forwarded["agency_responsible"] == "BPJS Kesehatan"
    assert forwarded["status_notes"] == "Bukan kewenangan. Diteruskan ke BPJS Kesehatan"
    assert forwarded["expected_datetime"] is None


def test_the_list_filters_by_status_service_and_dates(client, published):
    def numbers(**params):
        response = client.get(f"{BASE}/requests.json", params)
        assert response.status_code == 200, response.content
        return {r["service_request_id"] for r in response.json()}

    assert numbers(status="open") == {published["responded"].tracking_number}
    assert numbers(status="closed") == {
        published["closed"].tracking_number,
        published["forwarded"].tracking_number,
    }
    assert numbers(status="open,closed") == numbers()
    assert numbers(service_code="jalan-rusak") == {published["responded"].tracking_number}
    assert numbers(service_code="sampah,lainnya") == set()
    today = timezone.localdate()  # the regency's day: after 17:00 UTC it is tomorrow already
    assert numbers(start_date=(today + dt.timedelta(days=1)).isoformat()) == set()
    assert len(numbers(start_date=f"{today - dt.timedelta(days=3)}T00:00:00+07:00")) == 3
    assert numbers(end_date=f"{today - dt.timedelta(days=1)}T23:59:59+07:00") == set()


@pytest.mark.parametrize(
    ("params", "description"),
    [
        ({"status": "pending"}, "status must be open, closed or both (comma separated)"),
        (
            {"start_date": "kemarin"},
            "start_date must be a W3C datetime such as 2025-05-01T00:00:00+07:00",
        ),
        (
            {"end_date": "2025-13-01"},
            "end_date must be a W3C datetime such as 2025-05-01T00:00:00+07:00",
        ),
        (
            {"start_date": "2025-01-01T00:00:00Z", "end_date": "2025-06-01T00:00:00Z"},
            "start_date and end_date may not span more than 90 days",
        ),
        (
            {"start_date": "2025-06-01T00:00:00Z", "end_date": "2025-05-01T00:00:00Z"},
            "start_date must be before end_date",
        ),
        (
            {"service_request_id": ",".join(f"SB-{n}" for n in range(101))},
            "at most 100 service_request_id values at once",
        ),
    ],
)
def test_bad_list_parameters_are_400(client, db, params, description):
    response = client.get(f"{BASE}/requests.json", params)
    assert response.status_code == 400
    assert response.json() == [{"code": 400, "description": description}]


def test_the_default_window_is_the_last_90_days_and_the_count_is_capped(client, make_complaint):
    with time_machine.travel(dt.datetime(2025, 1, 6, 9, 0, tzinfo=WIB), tick=False):
        old = make_complaint(Status.DISPATCHED)
    with time_machine.travel(dt.datetime(2025, 5, 5, 9, 0, tzinfo=WIB), tick=False):
        recent = [make_complaint(Status.DISPATCHED) for _ in range(3)]
    with time_machine.travel(dt.datetime(2025, 5, 6, 9, 0, tzinfo=WIB), tick=True):
        numbers = [r["service_request_id"] for r in client.get(f"{BASE}/requests.json").json()]
        assert old.tracking_number not in numbers and len(numbers) == 3
        with override_settings(SAMBAT_OPEN311_MAX_REQUESTS=2):
            capped = client.get(f"{BASE}/requests.json").json()
        assert [r["service_request_id"] for r in capped] == [
            c.tracking_number for c in sorted(recent, key=lambda c: c.pk, reverse=True)[:2]
        ]
        asked = client.get(
            f"{BASE}/requests.json",
            {"start_date": "2025-01-01T00:00:00+07:00", "end_date": "2025-01-31T00:00:00+07:00"},
        ).json()
        assert [r["service_request_id"] for r in asked] == [old.tracking_number]


def test_by_number_unpublished_complaints_show_only_status_and_dates(client, published):
    ids = ",".join(
        [
            published["submitted"].tracking_number,
            published["closed"].tracking_number,
            "SB-0000-XXXXX",
        ]
    )
    records = client.get(f"{BASE}/requests.json", {"service_request_id": ids}).json()
    assert [r["service_request_id"] for r in records] == ids.split(",")[:2]
    submitted, closed = records
    assert submitted["status"] == "open"
    assert submitted["status_notes"] == "Menunggu verifikasi"
    assert submitted["service_code"] == "jalan-rusak"
    assert submitted["description"] is None and submitted["agency_responsible"] is None
    assert closed["description"] is not None
    confidential = client.get(
        f"{BASE}/requests/{published['confidential'].tracking_number}.json"
    ).json()[0]
    assert confidential["status"] == "closed" and confidential["description"] is None
    assert confidential["agency_responsible"] is None and confidential["media_url"] is None


def test_one_request_in_xml_with_its_public_photo(client, published):
    complaint = published["closed"]
    photo = complaint.attachments.get()
    root = xml(client.get(f"{BASE}/requests/{complaint.tracking_number}.xml"))
    assert root.tag == "service_requests"
    request = root.find("request")
    assert request.findtext("service_request_id") == complaint.tracking_number
    assert request.findtext("status") == "closed"
    assert request.findtext("status_notes") == "Ditutup: Jalan sudah ditambal."
    assert request.findtext("media_url") == (
        f"https://sambatbunda.test/aduan/{complaint.tracking_number}/foto/{photo.pk}/"
    )
    assert client.get(request.findtext("media_url")).status_code == 200
    assert request.find("address").text is None
    assert W3C.match(request.findtext("updated_datetime"))
    missing = client.get(f"{BASE}/requests/SB-0000-XXXXX.json")
    assert missing.status_code == 404
    assert missing.json() == [
        {"code": 404, "description": "service_request_id SB-0000-XXXXX was not found"}
    ]


def test_a_token_issued_before_still_leads_to_its_request(client, rubbish, key):
    filed = post(client, api_key=key, service_code="sampah", address_id="x", description="Bau.")
    number = filed.json()[0]["service_request_id"]
    token = RequestToken.objects.create(
        token=RequestToken.fresh(),
        complaint=Complaint.objects.get(tracking_number=number),
        client=ApiClient.objects.get(),
    ).token
    assert client.get(f"{BASE}/tokens/{token}.json").json() == [
        {"service_request_id": number, "token": token}
    ]
    root = xml(client.get(f"{BASE}/tokens/{token}.xml"))
    assert root.findtext("request/token") == token
    assert client.get(f"{BASE}/tokens/ffff.json").status_code == 404


# --- the georeport client against a live server --------------------------------------------


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_georeport_client_round_trip(live_server, roads, key, agency):
    import requests
    from georeport import GeoReport

    root = f"{live_server.url}{BASE}"
    client = GeoReport(root, jurisdiction="lumajangkab.go.id", api_key=key)
    assert [s["service_code"] for s in client.get_service_list()] == ["jalan-rusak"]
    definition = client.get_service_definition("jalan-rusak")
    assert definition["attributes"][0]["code"] == "jenis_jalan"
    filed = requests.post(f"{root}/requests.json", data=good_filing(key), timeout=10)
    assert filed.status_code == 200
    [receipt] = filed.json()
    assert "token" not in receipt
    number = receipt["service_request_id"]
    mine = client.get_service_request(number)
    assert (mine["service_request_id"], mine["status"]) == (number, "open")
    # Once verified and dispatched it is published, and the client reads the whole record.
    admin = UserFactory(username="admin.pengaduan", role=policy.ADMIN_PENGADUAN)
    services.verify_and_dispatch(Complaint.objects.get(tracking_number=number), agency, by=admin)
    [listed] = client.get_service_requests(service_code="jalan-rusak", status="open")
    assert listed["agency_responsible"] == "Dinas Pekerjaan Umum dan Tata Ruang"
    assert listed["description"] == "Jalan berlubang dalam, motor sering jatuh malam hari."
    assert "Agus" not in json.dumps(listed) and "0812" not in json.dumps(listed)
    in_xml = GeoReport(root, output_format="xml")
    assert in_xml.get_service_list()["service_code"] == "jalan-rusak"
    assert in_xml.get_service_request(number)["status"] == "open"


# --- keys in the admin, categories ----------------------------------------------------------


def test_admin_pengaduan_issues_rotates_and_revokes_keys(client, admin_user, rubbish):
    client.force_login(admin_user)
    response = client.post(
        "/admin/snippets/open311/apiclient/add/",
        {"name": "Aplikasi Desa", "contact": "Pak Kades", "rate": "60/h", "active": "on"},
        follow=True,
    )
    message = next(str(m) for m in response.context["messages"])
    raw = re.search(r"Kunci API Aplikasi Desa: (\S+) —", message).group(1)
    api_client = ApiClient.objects.get()
    assert api_client.key_digest != raw and raw not in api_client.key_digest
    assert api_client.key_prefix == raw[:8] and api_client.created_by == admin_user
    assert ApiClient.authenticate(raw) == api_client
    edit = f"/admin/snippets/open311/apiclient/edit/{api_client.pk}/"
    fields = {"name": "Aplikasi Desa", "contact": "Pak Kades", "rate": "60/h", "active": "on"}
    rotated = client.post(edit, {**fields, "new_key": "on"}, follow=True)
    new_raw = re.search(r": (\S+) —", next(str(m) for m in rotated.context["messages"])).group(1)
    assert ApiClient.authenticate(raw) is None and ApiClient.authenticate(new_raw) == api_client
    client.post(edit, {k: v for k, v in fields.items() if k != "active"})
    api_client.refresh_from_db()
    assert not api_client.active and api_client.revoked_at is not None
    assert ApiClient.authenticate(new_raw) is None
    bad_rate = client.post(edit, {**fields, "rate": "banyak"})
    assert bad_rate.status_code == 200 and "Tulis seperti 60/h" in bad_rate.content.decode()


def test_agency_staff_cannot_see_api_clients(client, opd_admin, key):
    client.force_login(opd_admin)
    response = client.get("/admin/snippets/open311/apiclient/")
    assert response.status_code in (302, 403)
    assert b"Aplikasi Desa Kalibendo" not in response.content


@pytest.mark.parametrize(
    ("attributes", "message"),
    [
        ("x", "Pertanyaan tambahan harus berupa daftar."),
        ([{"datatype": "string", "description": "A"}], "code wajib diisi"),
        (
            [
                {"code": "a", "datatype": "string", "description": "A"},
                {"code": "a", "datatype": "string", "description": "B"},
            ],
            "dipakai dua kali",
        ),
        ([{"code": "a", "datatype": "warna", "description": "A"}], "datatype harus"),
        ([{"code": "a", "datatype": "singlevaluelist", "description": "A"}], "pilihan (values)"),
        ([{"code": "a", "datatype": "string"}], "description wajib diisi"),
    ],
)
def test_category_questions_are_checked_when_saved(db, attributes, message):
    category = Category(code="uji", name="Uji", attributes=attributes)
    with pytest.raises(ValidationError) as raised:
        category.full_clean()
    assert message in str(raised.value)


def test_the_category_agency_is_the_first_dispatch_suggestion(admin_user, agency, other_agency):
    clinic = Category.objects.create(
        code="kesehatan", name="Layanan kesehatan", agency=other_agency
    )
    complaint = services.submit(
        reporter=ReporterFactory(),
        text="Jalan berlubang di depan puskesmas.",
        category=clinic,
    )
    form = DispatchForm(complaint=complaint, user=admin_user)
    first_agency, first = form.suggestions[0]
    assert first_agency == other_agency
    assert first.reason == "kategori: Layanan kesehatan"
    assert form.fields["agency"].initial == other_agency.pk
    assert [a for a, _s in form.suggestions].count(other_agency) == 1


def test_seeded_categories_point_at_real_agencies(db):
    from django.core.management import call_command

    AgencyFactory(short_name="DPUTR")
    call_command("seed_demo", "--no-complaints", "--allow-production", verbosity=0)
    roads = Category.objects.get(code="jalan-rusak")
    assert roads.agency.short_name == "DPUTR" and roads.attributes[0]["code"] == "jenis_jalan"
    for category in Category.objects.all():
        category.full_clean()


@pytest.mark.parametrize(
    "url",
    [
        f"{BASE}/requests.json?service_code=%00",
        f"{BASE}/requests/SB-%00.json",
        f"{BASE}/services/a%00b.json",
        f"{BASE}/tokens/%00.json",
    ],
)
def test_a_nul_anywhere_is_a_400_before_any_query(client, db, url):
    # PostgreSQL cannot compare text with a NUL: it would be a 500 there.
    response = client.get(url)
    assert response.status_code == 400
    assert response.json() == [
        {"code": 400, "description": "parameters must not contain NUL characters"}
    ]
