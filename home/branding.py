"""The installation's names and colour on every public page (SPEC: one product, any regency)."""

from __future__ import annotations

import hashlib
import io
import logging

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_GET
from PIL import Image, ImageDraw, ImageFont, ImageOps

from workflow.models import InstallationSettings

logger = logging.getLogger(__name__)


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


FAVICON_SIZE = 64


def _initials(name: str) -> str:
    words = [word for word in name.replace("-", " ").split() if word[:1].isalnum()]
    return "".join(word[0] for word in words[:2]).upper() or "SB"


def favicon_png(installation: InstallationSettings) -> bytes:
    """The installation's logo as a 64 px square PNG, or its initials on its colour."""
    if installation.logo_id:
        try:
            with installation.logo.open_file() as handle:
                image = Image.open(handle)
                image.load()
            image = ImageOps.pad(
                image.convert("RGBA"), (FAVICON_SIZE, FAVICON_SIZE), color=(0, 0, 0, 0)
            )
            return _png(image)
        except (OSError, ValueError, Image.DecompressionBombError):
            logger.warning("The installation's logo cannot be read; the default icon is used.")
    image = Image.new("RGBA", (FAVICON_SIZE, FAVICON_SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle(
        (0, 0, FAVICON_SIZE - 1, FAVICON_SIZE - 1), radius=14, fill=installation.primary_colour
    )
    font = ImageFont.load_default(size=30)
    draw.text(
        (FAVICON_SIZE / 2, FAVICON_SIZE / 2),
        _initials(installation.service_name),
        fill="white",
        font=font,
        anchor="mm",
    )
    return _png(image)


def _png(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


@require_GET
def favicon(request: HttpRequest) -> HttpResponse:
    """``/favicon.ico``, which every browser asks for: a PNG (browsers take one there)."""
    installation = InstallationSettings.load(request_or_site=request)
    logo = installation.logo.file.name if installation.logo_id else ""
    identity = f"{logo}|{installation.primary_colour}|{installation.service_name}"
    key = "favicon:" + hashlib.sha256(identity.encode()).hexdigest()[:16]
    body = cache.get(key)
    if body is None:
        body = favicon_png(installation)
        cache.set(key, body, 3600)
    response = HttpResponse(body, content_type="image/png")
    response["Cache-Control"] = "public, max-age=3600"
    return response
