"""Our complaints as GeoReport v2 services and service requests, and filing one.

The public site's privacy rules hold here too [SPEC §7]: a published complaint shows its
public text (after the same last privacy pass), its agency and its public photo; any other
complaint shows only its number, status and dates. Names, phone numbers, e-mail, addresses
and coordinates never leave through this API.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, URLValidator
from django.db import transaction
from django.db.models import F, OuterRef, Subquery
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _

from home.public import PUBLIC_UPDATE_KINDS, PUBLISHED_UPDATE_STATES, safe_text, shown_photos
from pengaduan.channels import storable
from pengaduan.models import Category, Complaint, ComplaintUpdate
from pengaduan.validators import LIST_DATATYPES, normalize_phone
from sambat_site.links import absolute_url
from workflow import services
from workflow.states import STAFF_CLOCK_STATES, Status

from .formats import w3c
from .models import ApiClient, RequestToken

OPEN = "open"
CLOSED = "closed"
# GeoReport knows two states: "open" while somebody still works on it, else "closed".
OPEN_STATES = frozenset(
    {
        Status.SUBMITTED,
        Status.RETURNED_TO_REPORTER,
        Status.DISPATCHED,
        Status.RETURNED_BY_AGENCY,
        Status.RESPONDED,
    }
)
MAX_SPAN = dt.timedelta(days=90)
MAX_IDS = 100
MAX_DESCRIPTION = 4000
MAX_NAME = 75


class BadRequest(Exception):
    """A request the specification answers with an error; ``status`` is its HTTP code."""

    def __init__(self, description: str, status: int = 400):
        super().__init__(description)
        self.description = description
        self.status = status


def open311_status(status: str) -> str:
    return OPEN if status in OPEN_STATES else CLOSED


# --- services -------------------------------------------------------------------------


def services_list() -> list[dict]:
    categories = Category.objects.filter(active=True).select_related("agency")
    return [
        {
            "service_code": category.code,
            "service_name": category.name,
            "description": category.description,
            "metadata": bool(category.attributes),
            "type": "realtime",
            "keywords": ", ".join(category.keyword_list),
            "group": category.agency.name if category.agency_id else _("Umum"),
        }
        for category in categories
    ]


def service_definition(code: str) -> dict:
    category = Category.objects.filter(active=True, code=code).first()
    if category is None:
        raise BadRequest(f"service_code {code} was not found", 404)
    attributes = sorted(category.attributes, key=lambda a: a.get("order", 0))
    return {
        "service_code": category.code,
        "attributes": [
            {
                "variable": True,
                "code": attribute["code"],
                "datatype": attribute["datatype"],
                "required": bool(attribute.get("required", False)),
                "datatype_description": attribute.get("datatype_description") or None,
                "order": attribute.get("order", position),
                "description": attribute["description"],
                **(
                    {"values": [{"key": v["key"], "name": v["name"]} for v in attribute["values"]]}
                    if attribute["datatype"] in LIST_DATATYPES
                    else {}
                ),
            }
            for position, attribute in enumerate(attributes, start=1)
        ],
    }


# --- reading requests -----------------------------------------------------------------


def _with_public_extras(queryset):
    """The newest published update's text and the first public photo, in the same query."""
    latest_update = (
        ComplaintUpdate.objects.filter(
            complaint=OuterRef("pk"),
            kind__in=PUBLIC_UPDATE_KINDS,
            status__in=PUBLISHED_UPDATE_STATES,
            is_public=True,
        )
        .order_by("-created_at", "-id")
        .values("text")[:1]
    )
    first_photo = (
        shown_photos()
        .filter(complaint=OuterRef("pk"))
        .order_by(F("update_id").asc(nulls_first=True), "id")
        .values("id")[:1]
    )
    return queryset.select_related("category", "agency", "reporter").annotate(
        latest_update_text=Subquery(latest_update), photo_id=Subquery(first_photo)
    )


def _status_notes(complaint: Complaint) -> str:
    notes = str(complaint.get_status_display())
    if complaint.status == Status.OUT_OF_AUTHORITY and complaint.forwarded_to:
        notes += ". " + _("Diteruskan ke %(to)s") % {"to": complaint.forwarded_to}
    return notes


@dataclass
class Links:
    """Absolute addresses on the public site (SAMBAT_PUBLIC_BASE_URL, like every link)."""

    home_url: str

    def complaint(self, number: str) -> str:
        return absolute_url(f"{self.home_url}aduan/{number}/")

    def photo(self, number: str, photo_id: int) -> str:
        return absolute_url(f"{self.home_url}aduan/{number}/foto/{photo_id}/")


def request_record(complaint: Complaint, links: Links) -> dict:
    category = complaint.category
    record = {
        "service_request_id": complaint.tracking_number,
        "status": open311_status(complaint.status),
        "status_notes": _status_notes(complaint),
        "service_name": category.name if category else None,
        "service_code": category.code if category else None,
        "description": None,
        "agency_responsible": None,
        "service_notice": None,
        "requested_datetime": w3c(complaint.created_at),
        "updated_datetime": w3c(complaint.status_changed_at),
        "expected_datetime": None,
        "address": None,
        "address_id": None,
        "zipcode": None,
        "lat": None,
        "long": None,
        "media_url": None,
    }
    if not complaint.is_public:
        # Status and dates only, as on the public tracking page.
        if complaint.duplicate_of_id and complaint.status == Status.ARCHIVED:
            record["status_notes"] = _("Digabung dengan aduan %(number)s") % {
                "number": complaint.duplicate_of.tracking_number
            }
        return record
    latest = getattr(complaint, "latest_update_text", None)
    if latest:
        record["status_notes"] += ": " + safe_text(latest, complaint)[:1000]
    record.update(
        {
            "description": safe_text(complaint.public_text, complaint),
            "agency_responsible": (
                complaint.forwarded_to
                if complaint.status == Status.OUT_OF_AUTHORITY
                else complaint.agency_name or None
            ),
            "updated_datetime": w3c(complaint.updated_at),
            "expected_datetime": (
                w3c(complaint.due_at) if complaint.status in STAFF_CLOCK_STATES else None
            ),
            "media_url": (
                links.photo(complaint.tracking_number, complaint.photo_id)
                if getattr(complaint, "photo_id", None)
                else None
            ),
        }
    )
    return record


def _parse_moment(name: str, raw: str) -> dt.datetime:
    moment = None
    try:
        moment = parse_datetime(raw)
        if moment is None and (day := parse_date(raw)) is not None:
            moment = dt.datetime.combine(day, dt.time())
    except ValueError:
        moment = None
    if moment is None:
        raise BadRequest(f"{name} must be a W3C datetime such as 2025-05-01T00:00:00+07:00")
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    return moment


def _csv(raw: str) -> list[str]:
    return [part.strip() for part in raw.split(",") if part.strip()]


def find_requests(params, now: dt.datetime | None = None) -> list[Complaint]:
    """GET requests: by numbers (any state, status only unless published) or published
    complaints filtered by service, dates (default the last 90 days) and status."""
    base = Complaint.objects.select_related("duplicate_of")
    ids = _csv(params.get("service_request_id", ""))
    if ids:
        if len(ids) > MAX_IDS:
            raise BadRequest(f"at most {MAX_IDS} service_request_id values at once")
        found = {
            c.tracking_number: c for c in _with_public_extras(base.filter(tracking_number__in=ids))
        }
        return [found[number] for number in dict.fromkeys(ids) if number in found]

    now = now or timezone.now()
    start_raw, end_raw = params.get("start_date", ""), params.get("end_date", "")
    end = _parse_moment("end_date", end_raw) if end_raw else None
    start = _parse_moment("start_date", start_raw) if start_raw else None
    if start is None and end is None:
        end, start = now, now - MAX_SPAN
    elif start is None:
        start = end - MAX_SPAN
    elif end is None:
        end = start + MAX_SPAN
    if start > end:
        raise BadRequest("start_date must be before end_date")
    if end - start > MAX_SPAN:
        raise BadRequest("start_date and end_date may not span more than 90 days")

    queryset = base.public().filter(created_at__gte=start, created_at__lte=end)
    codes = _csv(params.get("service_code", ""))
    if codes:
        queryset = queryset.filter(category__code__in=codes)
    statuses = set(_csv(params.get("status", "").lower()))
    if statuses - {OPEN, CLOSED}:
        raise BadRequest("status must be open, closed or both (comma separated)")
    if statuses == {OPEN}:
        queryset = queryset.filter(status__in=sorted(OPEN_STATES))
    elif statuses == {CLOSED}:
        queryset = queryset.exclude(status__in=sorted(OPEN_STATES))
    limit = settings.SAMBAT_OPEN311_MAX_REQUESTS
    return list(_with_public_extras(queryset).order_by("-created_at", "-id")[:limit])


def find_request(number: str) -> Complaint:
    complaint = (
        _with_public_extras(Complaint.objects.select_related("duplicate_of"))
        .filter(tracking_number=number)
        .first()
    )
    if complaint is None:
        raise BadRequest(f"service_request_id {number} was not found", 404)
    return complaint


def find_token(token: str) -> RequestToken:
    found = RequestToken.objects.select_related("complaint").filter(token=token).first()
    if found is None:
        raise BadRequest(f"token {token} was not found", 404)
    return found


# --- filing a request -----------------------------------------------------------------


@dataclass
class Filing:
    """A POST requests body, checked. Field names are the specification's."""

    category: Category
    description: str
    latitude: float | None = None
    longitude: float | None = None
    address_string: str = ""
    address_id: str = ""
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    phone: str = ""
    device_id: str = ""
    account_id: str = ""
    media_url: str = ""
    answers: dict = field(default_factory=dict)


def _coordinate(name: str, raw: str, limit: float) -> float:
    try:
        value = float(raw)
    except ValueError:
        raise BadRequest(f"{name} must be a number") from None
    if not -limit <= value <= limit or value != value:
        raise BadRequest(f"{name} is out of range")
    return round(value, 6)


def _answers(category: Category, data) -> dict:
    """``attribute[code]`` (and ``attribute[code][]`` for multivaluelist) per the definition."""
    given = {}
    for key in data:
        if key.startswith("attribute[") and key.endswith("]"):
            code = key[len("attribute[") :].removesuffix("[]").rstrip("]")
            values = (storable(v).strip() for v in data.getlist(key))
            given[code] = [v for v in values if v]
    definitions = {a["code"]: a for a in category.attributes}
    unknown = sorted(set(given) - set(definitions))
    if unknown:
        raise BadRequest(f"attribute {unknown[0]} is not defined for service {category.code}")
    answers = {}
    for code, attribute in definitions.items():
        values = given.get(code, [])
        if not values:
            if attribute.get("required"):
                raise BadRequest(f"attribute {code} is required")
            continue
        datatype = attribute["datatype"]
        if datatype in LIST_DATATYPES:
            keys = {str(v["key"]) for v in attribute["values"]}
            wrong = [v for v in values if v not in keys]
            if wrong:
                raise BadRequest(f"attribute {code}: {wrong[0]} is not one of its values")
            if datatype == "singlevaluelist" and len(values) > 1:
                raise BadRequest(f"attribute {code} takes one value")
            answers[code] = values if datatype == "multivaluelist" else values[0]
            continue
        value = values[0][:1000]
        if datatype == "number":
            try:
                float(value)
            except ValueError:
                raise BadRequest(f"attribute {code} must be a number") from None
        if datatype == "datetime":
            _parse_moment(f"attribute {code}", value)
        answers[code] = value
    return answers


def parse_filing(data) -> Filing:
    def text(name: str, limit: int = 200) -> str:
        value = storable(data.get(name) or "").strip()
        if len(value) > limit:
            raise BadRequest(f"{name} is longer than {limit} characters")
        return value

    code = text("service_code", 50)
    if not code:
        raise BadRequest("service_code was not provided")
    category = Category.objects.filter(active=True, code=code).select_related("agency").first()
    if category is None:
        raise BadRequest(f"service_code {code} was not found")
    filing = Filing(category=category, description=text("description", MAX_DESCRIPTION))
    if not filing.description:
        raise BadRequest("description was not provided")
    lat, lon = text("lat", 40), text("long", 40)
    if lat or lon:
        if not (lat and lon):
            raise BadRequest("lat and long must be given together")
        filing.latitude = _coordinate("lat", lat, 90)
        filing.longitude = _coordinate("long", lon, 180)
    filing.address_string = text("address_string", 300)
    filing.address_id = text("address_id", 100)
    if filing.latitude is None and not filing.address_string and not filing.address_id:
        raise BadRequest("lat/long, address_string or address_id was not provided")
    filing.first_name = text("first_name", MAX_NAME)
    filing.last_name = text("last_name", MAX_NAME)
    filing.email = text("email", 254)
    if filing.email:
        try:
            EmailValidator()(filing.email)
        except ValidationError:
            raise BadRequest("email is not a valid e-mail address") from None
    phone = text("phone", 30)
    if phone:
        try:
            filing.phone = normalize_phone(phone)
        except ValidationError:
            raise BadRequest("phone is not a valid phone number") from None
    filing.media_url = text("media_url", 1000)
    if filing.media_url:
        try:
            URLValidator(schemes=["http", "https"])(filing.media_url)
        except ValidationError:
            raise BadRequest("media_url is not a valid http(s) URL") from None
    filing.device_id = text("device_id", 100)
    filing.account_id = text("account_id", 100)
    filing.answers = _answers(category, data)
    return filing


def file_request(filing: Filing, client: ApiClient) -> Complaint:
    """The complaint enters the normal lifecycle (``submitted``, channel open311).

    Its number is known at once, so the response carries ``service_request_id`` and no
    ``token`` (GeoReport v2 returns one or the other; tokens are for services that assign
    the id later). ``tokens/{token}`` still answers for tokens issued before.

    It is anonymous on the public site: the client's user never chose to publish a name.
    ``media_url`` is kept for staff as a link and never fetched (no outbound requests on a
    citizen's say-so).
    """
    name = " ".join(part for part in (filing.first_name, filing.last_name) if part)
    origin = {
        key: value
        for key, value in {
            "client": client.name,
            "address_id": filing.address_id,
            "media_url": filing.media_url,
            "device_id": filing.device_id,
            "account_id": filing.account_id,
        }.items()
        if value
    }
    with transaction.atomic():
        reporter = services.find_or_create_reporter(
            name=name or _("Tanpa nama"), whatsapp_number=filing.phone, email=filing.email
        )
        complaint = services.submit(
            reporter=reporter,
            text=filing.description,
            channel=Complaint.Channel.OPEN311,
            location_text=filing.address_string or filing.address_id,
            latitude=filing.latitude,
            longitude=filing.longitude,
            visibility=Complaint.Visibility.ANONYMOUS,
            source_reference=f"Open311: {client.name}"[:500],
            category=filing.category,
            attributes={"answers": filing.answers, "open311": origin},
        )
    return complaint
