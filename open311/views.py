"""The GeoReport v2 endpoints under /open311/v2/ (http://wiki.open311.org/GeoReport_v2).

Each view answers in the format its URL ends with (``.json`` or ``.xml``) and reports errors
in the specification's shape. Reading is open to anybody (rate-limited per address); filing
needs an API key issued in the admin, and each key has its own rate.
"""

from __future__ import annotations

import logging
from functools import wraps

from django.conf import settings
from django.core.cache import cache
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django_ratelimit.core import get_usage, is_ratelimited

from home.models import HomePage
from sambat_site.links import absolute_url
from workflow.services import WorkflowError

from . import api
from .formats import error as error_response
from .formats import render
from .models import ApiClient

logger = logging.getLogger(__name__)

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"


def endpoint(*methods: str):
    """Method check, jurisdiction check, read rate limit, and errors in the asked format."""

    def decorate(view):
        @csrf_exempt
        @wraps(view)
        def wrapped(request, fmt: str, *args, **kwargs):
            if request.method not in methods:
                response = error_response(fmt, 405, f"method {request.method} is not allowed")
                response["Allow"] = ", ".join(methods)
                return response
            params = request.GET if request.method == "GET" else request.POST
            # PostgreSQL cannot compare with a NUL in text: refuse it before any query.
            given = [*kwargs.values(), *params.keys()]
            given += [value for key in params for value in params.getlist(key)]
            if any("\x00" in str(value) for value in given):
                return error_response(fmt, 400, "parameters must not contain NUL characters")
            jurisdiction = params.get("jurisdiction_id", "").strip()
            if jurisdiction and jurisdiction != settings.SAMBAT_OPEN311_JURISDICTION:
                return error_response(
                    fmt, 404, f"jurisdiction_id {jurisdiction[:100]} was not found"
                )
            if request.method == "GET" and is_ratelimited(
                request,
                group="open311-read",
                key="ip",
                rate=settings.SAMBAT_OPEN311_READ_RATE,
                increment=True,
            ):
                return error_response(fmt, 429, "too many requests; try again in a minute")
            try:
                response = view(request, fmt, *args, **kwargs)
            except api.BadRequest as problem:
                return error_response(fmt, problem.status, problem.description)
            if request.method == "GET":
                response["Access-Control-Allow-Origin"] = "*"
            return response

        return wrapped

    return decorate


def _home_url() -> str:
    home = HomePage.objects.live().first()
    return (home.url if home else None) or "/"


def _links(request) -> api.Links:
    # The Beranda's path rarely changes: asked once per 10 minutes, not per request.
    return api.Links(cache.get_or_set("open311:home-url", _home_url, 600))


@endpoint("GET")
def discovery(request, fmt: str):
    base = absolute_url(reverse("open311_discovery", args=["json"]).rsplit("discovery", 1)[0])
    data = {
        "changeset": settings.SAMBAT_OPEN311_CHANGESET,
        "contact": settings.SAMBAT_OPEN311_CONTACT,
        "key_service": settings.SAMBAT_OPEN311_KEY_SERVICE,
        "endpoints": [
            {
                "specification": SPECIFICATION,
                "url": base,
                "changeset": settings.SAMBAT_OPEN311_CHANGESET,
                "type": "production",
                "formats": ["text/xml", "application/json"],
            }
        ],
    }
    return render(fmt, "discovery", None, data)


@endpoint("GET")
def services(request, fmt: str):
    return render(fmt, "services", "service", api.services_list())


@endpoint("GET")
def service_definition(request, fmt: str, code: str):
    return render(fmt, "service_definition", None, api.service_definition(code))


@endpoint("GET", "POST")
def requests(request, fmt: str):
    if request.method == "POST":
        return _post_request(request, fmt)
    links = _links(request)
    records = [api.request_record(c, links) for c in api.find_requests(request.GET)]
    return render(fmt, "service_requests", "request", records)


@endpoint("GET")
def request_detail(request, fmt: str, number: str):
    record = api.request_record(api.find_request(number.strip()), _links(request))
    return render(fmt, "service_requests", "request", [record])


@endpoint("GET")
def token(request, fmt: str, token: str):
    found = api.find_token(token.strip())
    records = [{"service_request_id": found.complaint.tracking_number, "token": found.token}]
    return render(fmt, "service_requests", "request", records)


def _post_request(request, fmt: str):
    # Guessing keys costs the guesser: failures count per address before the key is checked.
    failures = {"request": request, "group": "open311-auth", "key": "ip"}
    rate = settings.SAMBAT_OPEN311_AUTH_FAILURE_RATE
    usage = get_usage(**failures, rate=rate, increment=False)
    if usage and usage["count"] >= usage["limit"]:
        return error_response(fmt, 429, "too many invalid api_key attempts; try again later")
    raw_key = request.POST.get("api_key", "").strip()
    client = ApiClient.authenticate(raw_key)
    if client is None:
        get_usage(**failures, rate=rate, increment=True)
        description = "api_key was not provided" if not raw_key else "api_key is invalid"
        return error_response(fmt, 403, description)
    if is_ratelimited(
        request,
        group="open311-post",
        key=lambda group, req: f"client-{client.pk}",
        rate=client.rate,
        increment=True,
    ):
        return error_response(fmt, 429, f"rate limit of {client.rate} for this api_key reached")
    filing = api.parse_filing(request.POST)
    try:
        complaint = api.file_request(filing, client)
    except WorkflowError as problem:
        return error_response(fmt, 400, str(problem))
    logger.info("open311 request %s filed by client %s", complaint.tracking_number, client.pk)
    notice = _(
        "Aduan tercatat dengan nomor %(number)s dan akan diverifikasi Admin Pengaduan. "
        "Pantau statusnya di %(url)s"
    ) % {
        "number": complaint.tracking_number,
        "url": _links(request).complaint(complaint.tracking_number),
    }
    record = {
        "service_request_id": complaint.tracking_number,
        "service_notice": notice,
        "account_id": None,
    }
    return render(fmt, "service_requests", "request", [record])
