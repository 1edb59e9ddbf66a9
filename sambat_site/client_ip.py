"""The client's address for rate limits, also behind reverse proxies.

``SAMBAT_TRUSTED_PROXIES`` says how many proxies of our own stand in front of the app (0 on
a laptop, usually 1 — nginx — in production). The address is then taken that many hops from
the right of ``X-Forwarded-For``: entries further left were written by the client and can be
forged, so they are never trusted.
"""

from __future__ import annotations

import ipaddress

from django.conf import settings


def client_ip(request) -> str:
    remote = request.META.get("REMOTE_ADDR") or "0.0.0.0"  # noqa: S104 - a fallback key only
    hops = getattr(settings, "SAMBAT_TRUSTED_PROXIES", 0)
    if hops <= 0:
        return remote
    forwarded = [p.strip() for p in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    forwarded = [p for p in forwarded if p]
    if len(forwarded) < hops:
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
