"""The installation's names and colour on every public page (SPEC: one product, any regency)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET

from workflow.models import InstallationSettings


def installation(request: HttpRequest) -> dict:
    """Template context: ``installation`` (regency, service name, number, channels)."""
    return {"installation": InstallationSettings.load(request_or_site=request)}


@require_GET
def brand_css(request: HttpRequest) -> HttpResponse:
    """The primary colour as a stylesheet: the CSP allows no inline style, so the configured
    colour comes from our own origin, cache-busted by the colour in the URL."""
    colour = InstallationSettings.load(request_or_site=request).primary_colour
    body = f":root {{ --sb-green: {colour}; --sb-green-dark: {colour}; }}\n"
    response = HttpResponse(body, content_type="text/css; charset=utf-8")
    response["Cache-Control"] = "public, max-age=300"
    return response
