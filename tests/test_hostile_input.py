"""Hostile input on every way in: never a server error, a clear error in the documented shape,
and all or nothing — a refused request or file writes no row, an accepted one files one complaint.
"""

import io
import json

import pytest
from defusedxml.ElementTree import fromstring
from django.core.cache import cache
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, example, given
from hypothesis import settings as hyp_settings
from hypothesis import strategies as st

from open311.models import RequestToken
from pengaduan.channels import sms
from pengaduan.models import Attachment, Complaint, InboundMessage, Reporter
from workflow.models import Notification

from .test_lapor import HEADERS as LAPOR_COLUMNS
from .test_open311 import BASE, good_filing, key, roads  # noqa: F401 (fixtures)
from .test_sms import SENDER, TOKEN, URL
from .test_webchat import chat  # noqa: F401 (fixture)

HOSTILE = hyp_settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ROW_MODELS = (Complaint, Reporter, RequestToken, Notification, InboundMessage, Attachment)

# Text as it arrives from the outside: any unicode (NUL and other control characters
# included), numbers written as text, and the odd very long value.
EDGE_NUMBERS = ["nan", "NaN", "inf", "-inf", "1e309", "-1e309", "-0", "+90.0000001", "0x10", ""]
hostile_text = st.one_of(
    st.text(max_size=60),
    st.text(st.characters(max_codepoint=0x1F), max_size=10),
    st.sampled_from(EDGE_NUMBERS),
    st.integers().map(str),
    st.floats().map(str),
    st.integers(1, 30_000).map(lambda n: "x" * n),
)
hostile_values = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))


def row_counts() -> dict[str, tuple[int, int]]:
    """Per model: how many rows, and the highest primary key so far."""
    return {
        model.__name__: (
            model.objects.count(),
            max(model.objects.values_list("pk", flat=True), default=0),
        )
        for model in ROW_MODELS
    }


def added(before) -> dict[str, int]:
    after = row_counts()
    return {
        name: after[name][0] - count
        for name, (count, _pk) in before.items()
        if after[name][0] != count
    }


def no_nul_stored(before) -> None:
    """PostgreSQL refuses NUL characters: whatever a client sends, none may reach a row."""
    for model, fields in (
        (Complaint, ["text", "location_text"]),
        (Reporter, ["name"]),
        (InboundMessage, ["text"]),
    ):
        # Checked in Python: SQLite ends a LIKE pattern at a NUL, so __contains cannot tell.
        new = model.objects.filter(pk__gt=before[model.__name__][1]).values_list(*fields)
        assert not any("\x00" in (value or "") for row in new for value in row), model


# --- Open311 ------------------------------------------------------------------------------

FILING_KEYS = [
    "service_code",
    "description",
    "lat",
    "long",
    "address_string",
    "address_id",
    "first_name",
    "last_name",
    "email",
    "phone",
    "media_url",
    "device_id",
    "account_id",
    "jurisdiction_id",
    "attribute[jenis_jalan]",
    "attribute[panjang]",
    "attribute[dampak][]",
    "attribute[dampak]",
    "attribute[]",
    "attribute[[jenis_jalan]]",
    "attribute[panjang][][]",
]
filing_keys = st.one_of(
    st.sampled_from(FILING_KEYS),
    st.text(max_size=20).map(lambda code: f"attribute[{code}]"),
    st.text(max_size=20).filter(lambda name: name != "api_key"),
)


def parsed(response, fmt: str):
    """The body in the asked format: a JSON list, or XML whose root holds records."""
    if fmt == "json":
        assert response["Content-Type"] == "application/json; charset=utf-8"
        body = response.json()
        assert isinstance(body, list)
        return body
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    root = fromstring(response.content)
    return [{field.tag: field.text for field in record} for record in root]


@HOSTILE
@given(
    fmt=st.sampled_from(["json", "xml"]),
    overrides=st.dictionaries(filing_keys, st.one_of(st.none(), hostile_values), max_size=5),
)
@example(fmt="xml", overrides={"service_code": "\x01"})  # was: XML the client cannot parse
@example(fmt="json", overrides={"description": "Jalan\x00 rusak", "attribute[panjang]": "1\x00"})
def test_any_open311_filing_is_filed_once_or_refused_cleanly(client, roads, key, fmt, overrides):  # noqa: F811
    cache.clear()  # the key's own rate must not end the search early
    fields = good_filing(key, **overrides)
    before = row_counts()

    response = client.post(f"{BASE}/requests.{fmt}", fields)

    assert response.status_code in (200, 400, 404, 429)
    body = parsed(response, fmt)
    if response.status_code == 200:
        [record] = body
        complaint = Complaint.objects.get(tracking_number=record["service_request_id"])
        assert complaint.channel == Complaint.Channel.OPEN311
        assert added(before).get("Complaint") == 1
        assert "token" not in record and not added(before).get("RequestToken")
        assert added(before).get("InboundMessage") is None
        assert "\\u0000" not in json.dumps(complaint.attributes)
    else:
        [error] = body
        assert int(error["code"]) == response.status_code
        assert error["description"]
        assert added(before) == {}
    no_nul_stored(before)


list_params = st.dictionaries(
    st.sampled_from(
        [
            "start_date",
            "end_date",
            "status",
            "service_code",
            "service_request_id",
            "jurisdiction_id",
        ]
    ),
    st.one_of(
        hostile_values,
        st.datetimes().map(lambda moment: moment.isoformat()),
        st.dates().map(str),
        st.lists(st.text(max_size=15), max_size=120).map(",".join),
        st.sampled_from(["open", "closed", "open,closed", "OPEN, ", "2025-02-30"]),
    ),
    max_size=5,
)


@HOSTILE
@given(fmt=st.sampled_from(["json", "xml"]), params=list_params)
@example(fmt="json", params={"service_code": "\x00"})  # was: a 500 on PostgreSQL only
def test_any_open311_query_gets_a_list_or_a_clear_400(client, db, fmt, params):
    cache.clear()  # the per-address read rate
    response = client.get(f"{BASE}/requests.{fmt}", params)
    assert response.status_code in (200, 400, 404)
    body = parsed(response, fmt)
    if response.status_code != 200:
        [error] = body
        assert error["description"]


# --- web chat -----------------------------------------------------------------------------

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=10), inner),
    max_leaves=10,
)
chat_bodies = st.one_of(
    st.dictionaries(st.sampled_from(["text", "reply_id", "kind", "media"]), json_values).map(
        lambda body: json.dumps(body).encode()
    ),
    json_values.map(lambda body: json.dumps(body).encode()),
    st.binary(max_size=200),
    st.text(max_size=200).map(lambda text: text.encode()),
)
content_types = st.sampled_from(
    [
        "application/json",
        "text/plain",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/octet-stream",
        "",
    ]
)


@HOSTILE
@given(body=chat_bodies, content_type=content_types)
@example(body=b'{"text": "\\u0000\\ud800"}', content_type="application/json")  # was: a 500
@example(body=b"{}", content_type="multipart/form-data; boundary=xyz")  # was: a 500
def test_any_web_chat_body_gets_replies_or_a_clear_400(chat, body, content_type):  # noqa: F811
    cache.clear()  # the session's rate
    before = row_counts()
    response = chat.client.post(
        "/chat/api/message/", data=body, content_type=content_type, HTTP_X_CSRFTOKEN=chat.token
    )
    assert response.status_code in (200, 400)
    if response.status_code == 400 and response["Content-Type"].startswith("text/html"):
        # A multipart body Django itself cannot parse: its own 400 page, before our view.
        assert added(before) == {}
        return
    data = response.json()
    if response.status_code == 400:
        assert data["error"]
        assert added(before) == {}
    else:
        assert isinstance(data["replies"], list)
        assert added(before).get("InboundMessage") == 1
    no_nul_stored(before)


# --- SMS webhook --------------------------------------------------------------------------

senders = st.one_of(json_values, st.sampled_from([SENDER, "+6281299998888", "TELKOMSEL", " "]))
sms_texts = st.one_of(
    json_values, hostile_text, hostile_text.map(lambda text: f"SAMBAT {text}"), st.just("SAMBAT")
)
sms_fields = st.fixed_dictionaries(
    {},
    optional={"from": senders, "text": sms_texts, "id": json_values, "extra": json_values},
)
form_values = st.one_of(hostile_text, st.lists(hostile_text, min_size=2, max_size=3))
sms_forms = st.dictionaries(
    st.sampled_from(["from", "text", "id", "extra"]),
    st.one_of(form_values, st.sampled_from([SENDER, "SAMBAT lampu mati"])),
)


def is_phone(value) -> bool:
    try:
        sms.normalize_phone(str(value))
    except Exception:  # any refusal means "not a phone number"
        return False
    return True


@HOSTILE
@given(
    fields=st.one_of(sms_fields, sms_forms.map(lambda form: ("form", form))),
    raw=st.one_of(st.none(), st.binary(max_size=100)),
    content_type=content_types,
)
@example(fields={"from": SENDER, "text": "SAMBAT jalan\x00 rusak"}, raw=None, content_type="")
@example(  # was: a 500 (a lone surrogate cannot be encoded for the database)
    fields={},
    raw=b'{"from": "081234567890", "text": "SAMBAT \\ud800"}',
    content_type="application/json",
)
def test_any_sms_delivery_is_answered_and_files_only_keyword_messages(
    client, db, fields, raw, content_type
):
    before = row_counts()
    headers = {"HTTP_X_SAMBAT_TOKEN": TOKEN}
    if isinstance(fields, tuple):  # a form, as many gateways send
        form = fields[1]
        response = client.post(URL, data=form, **headers)
        data = {key: value[-1] if isinstance(value, list) else value for key, value in form.items()}
    elif raw is not None:
        response = client.post(URL, data=raw, content_type=content_type or "text/plain", **headers)
        data = None
    else:
        body = json.dumps(fields, allow_nan=True)
        response = client.post(URL, data=body, content_type="application/json", **headers)
        data = None if "NaN" in body or "Infinity" in body else fields

    assert response.status_code in (200, 400, 413, 415)
    answer = response.json()
    new = added(before)
    if response.status_code != 200:
        assert answer["error"]
        assert new == {}
        return
    if data is None:  # a raw body that happened to be well-formed: checked by the cases above
        assert answer["status"] != "failed" and new.get("Complaint", 0) <= 1
        return
    text = str(data["text"]).replace("\x00", "")
    keyworded = sms.parse(text).kind == sms.Kind.COMPLAINT
    if answer["status"] == "created":
        assert keyworded and is_phone(data["from"])
        assert new["Complaint"] == 1
    else:
        assert new.get("Complaint") is None
        assert answer["status"] != "failed"
    if answer["status"] == "ignored":
        assert not is_phone(data["from"])
        assert new == {}
    no_nul_stored(before)


# --- LAPOR! import ------------------------------------------------------------------------

LAPOR_HEADERS = LAPOR_COLUMNS
lapor_cells = st.one_of(
    st.text(max_size=30),
    st.sampled_from(
        [
            "4782913",
            "LAPOR-2025/77",
            "SB-2511-7K3QX",
            "2025-05-13 08:15",
            "31/02/2025",
            "14 Mei 2025",
            "01/01/1999",
            "2099-01-01",
            '=HYPERLINK("http://x")',
            "'=1+1",
            "+62 812",
            "@SUM(A1)",
            "Anonim",
            "Rahasia",
            "Proses",
            "Selesai",
            '"',
            '""',
            "a\nb",
        ]
    ),
)
lapor_rows = st.lists(st.lists(lapor_cells, max_size=10), min_size=1, max_size=6)


def csv_bytes(header: list[str], rows: list[list[str]], delimiter: str, quote: bool) -> str:
    def line(cells):
        if quote:
            cells = ['"' + cell.replace('"', '""') + '"' for cell in cells]
        return delimiter.join(cells)

    return "\n".join(line(cells) for cells in [header, *rows]) + "\n"


def import_outcome(path, before) -> str:
    """Success, or a CommandError that lists what is wrong; nothing written on failure."""
    try:
        call_command("import_lapor", str(path), stdout=io.StringIO())
    except CommandError as error:
        message = str(error)
        assert message.strip()
        assert added(before) == {}
        return message
    return ""


@HOSTILE
@given(
    header=st.one_of(
        st.permutations(LAPOR_HEADERS).map(list),
        st.lists(st.one_of(st.sampled_from(LAPOR_HEADERS), st.text(max_size=15)), max_size=10),
    ),
    rows=lapor_rows,
    delimiter=st.sampled_from([",", ";", "\t", "|"]),
    quote=st.booleans(),
    prefix=st.sampled_from([b"", b"\xef\xbb\xbf", b"Ekspor LAPOR!\n", b"\xff\xfe"]),
    junk=st.binary(max_size=12),
)
def test_any_lapor_csv_imports_whole_or_not_at_all(
    db, agency, tmp_path, header, rows, delimiter, quote, prefix, junk
):
    path = tmp_path / "lapor.csv"
    path.write_bytes(prefix + csv_bytes(header, rows, delimiter, quote).encode() + junk)
    before = row_counts()

    message = import_outcome(path, before)

    if not message:
        new = added(before)
        assert 1 <= new["Complaint"] <= len(rows)
        assert new.get("Notification") is None  # an import sends no WhatsApp
    no_nul_stored(before)


@hyp_settings(HOSTILE, max_examples=25)
@given(data=st.binary(max_size=300), zipped=st.booleans())
def test_random_bytes_as_xlsx_are_a_clear_error(db, tmp_path_factory, data, zipped):
    path = tmp_path_factory.mktemp("xlsx") / "lapor.xlsx"
    path.write_bytes((b"PK\x03\x04" if zipped else b"") + data)
    before = row_counts()
    with pytest.raises(CommandError, match=r"XLSX|CSV|judul kolom|baris|Berkas|xls"):
        call_command("import_lapor", str(path))
    assert added(before) == {}


# --- FAQ import ---------------------------------------------------------------------------


@hyp_settings(HOSTILE, max_examples=25)
@given(
    header=st.lists(
        st.one_of(
            st.sampled_from(["question", "answer", "category", "agency", "keywords"]),
            st.text(max_size=10),
        ),
        max_size=6,
    ),
    rows=st.lists(st.lists(st.text(max_size=40), max_size=6), max_size=4),
    junk=st.binary(max_size=8),
)
def test_any_faq_csv_imports_or_is_a_clear_error(db, tmp_path_factory, header, rows, junk):
    path = tmp_path_factory.mktemp("faq") / "faq.csv"
    path.write_bytes(csv_bytes(header, rows, ",", True).encode() + junk)
    try:
        call_command("import_faq", str(path), stdout=io.StringIO())
    except CommandError as error:
        assert str(error).strip()


# --- numbers that overflow, in any field of any JSON channel ------------------------------

# JSON number literals as a client may write them: huge exponents (1e999 parses to infinity),
# hundreds of digits, more digits than Python turns into an int (ValueError), negative zero.
json_numbers = st.one_of(
    st.sampled_from(["1e999", "-1e999", "1E400", "9" * 400, "1" + "0" * 5000, "-0", "1e-999"]),
    st.from_regex(r"-?[1-9][0-9]{0,30}(\.[0-9]{1,20})?([eE][-+]?[0-9]{1,4})?", fullmatch=True),
)
WEBHOOK_NUMBER_SLOTS = (
    '{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{'
    '"from":"6281234567890","id":"wamid.n1","timestamp":%s,"type":"text",'
    '"text":{"body":"Jalan rusak"}}]}}]}]}',
    '{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"messages":[{'
    '"from":"6281234567890","id":"wamid.n2","timestamp":"1763881300","type":"location",'
    '"location":{"latitude":%s,"longitude":113.2}}]}}]}]}',
    '{"object":"whatsapp_business_account","entry":[{"changes":[{"value":{"statuses":[{'
    '"id":"wamid.s1","status":"read","timestamp":%s}]}}]}]}',
    '{"object":"whatsapp_business_account","entry":[{"id":%s,"changes":[]}]}',
)


@HOSTILE
@given(template=st.sampled_from(WEBHOOK_NUMBER_SLOTS), number=json_numbers)
@example(template=WEBHOOK_NUMBER_SLOTS[0], number="1e999")  # was: a 500 on PostgreSQL
def test_any_number_in_a_signed_webhook_is_stored_or_refused_never_a_500(
    client, db, template, number
):
    from pengaduan.channels import whatsapp
    from pengaduan.models import WebhookEvent

    from . import whatsapp_payloads as wa

    before = WebhookEvent.objects.count()
    response = wa.post(client, None, raw=(template % number).encode())
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert WebhookEvent.objects.count() == before
        return
    event = WebhookEvent.objects.order_by("-pk").first()
    assert whatsapp.process_event(event.pk)["messages"] in (0, 1)
    assert not InboundMessage.objects.filter(state=InboundMessage.State.FAILED).exists()


@HOSTILE
@given(number=json_numbers, field=st.sampled_from(["text", "reply_id", "extra"]))
@example(number="1e999", field="extra")
def test_any_number_in_a_web_chat_message_is_a_reply_or_a_clear_400(
    chat,  # noqa: F811
    number,
    field,
):
    cache.clear()
    before = row_counts()
    body = '{"text": "halo", "%s": %s}' % (field, number)  # noqa: UP031 - a raw JSON literal
    response = chat.client.post(
        "/chat/api/message/", data=body, content_type="application/json",
        HTTP_X_CSRFTOKEN=chat.token,
    )  # fmt: skip
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"] and added(before) == {}


@HOSTILE
@given(number=json_numbers, field=st.sampled_from(["from", "id", "text"]))
@example(number="1e999", field="id")
def test_any_number_in_an_sms_delivery_is_answered_or_a_clear_400(client, db, number, field):
    fields = {"from": f'"{SENDER}"', "text": '"SAMBAT lampu mati"', "id": '"gw-1"'}
    fields[field] = number
    body = "{" + ", ".join(f'"{k}": {v}' for k, v in fields.items()) + "}"
    before = row_counts()
    response = client.post(
        URL, data=body, content_type="application/json", HTTP_X_SAMBAT_TOKEN=TOKEN
    )
    assert response.status_code in (200, 400)
    if response.status_code == 400:
        assert response.json()["error"] and added(before) == {}
