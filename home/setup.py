"""Creating the public site's pages (idempotent): guides, statistics, FAQ in the menu, and
moderation on the whole site — Editor FAQ edits and submits, Admin Pengaduan publishes."""

from __future__ import annotations

import json
import uuid

from django.db import transaction
from wagtail.models import Page

from faq.setup import moderate

from .guides import GUIDES, PANDUAN, STATISTICS
from .models import GuidePage, HomePage, StatisticsPage


def _fill(text: str) -> str:
    """The guide texts name the regency as ``{kabupaten}``: the installation's name."""
    from workflow.models import InstallationSettings

    return text.replace("{kabupaten}", InstallationSettings.load().regency_name or "daerah ini")


def _raw_body(blocks: list) -> str:
    raw = []
    for block_type, value in blocks:
        if block_type == "steps":
            value = [
                {"type": "item", "id": str(uuid.uuid4()), "value": {"title": t, "text": x}}
                for t, x in value
            ]
        elif block_type == "dos_and_donts":
            value = {
                key: [{"type": "item", "id": str(uuid.uuid4()), "value": v} for v in items]
                for key, items in value.items()
            }
        raw.append({"type": block_type, "value": value, "id": str(uuid.uuid4())})
    return _fill(json.dumps(raw))


def _ensure_child(parent: Page, model, slug: str, **fields) -> Page:
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    page = parent.add_child(instance=model(slug=slug, show_in_menus=False, **fields))
    page.save_revision().publish()
    return page


def _show_in_menu(page: Page) -> None:
    if not page.show_in_menus:
        page.show_in_menus = True
        page.save_revision().publish()


@transaction.atomic
def ensure_public_pages() -> dict[str, Page]:
    from faq.setup import ensure_faq_index

    home = HomePage.objects.first()
    if home is None:
        raise RuntimeError("The home page is missing (migration home.0002 creates it).")
    faq_index = ensure_faq_index()
    panduan = _ensure_child(
        home,
        GuidePage,
        PANDUAN["slug"],
        title=PANDUAN["title"],
        intro=_fill(PANDUAN["intro"]),
        body=_raw_body(PANDUAN["body"]),
    )
    guides = [
        _ensure_child(
            panduan,
            GuidePage,
            guide["slug"],
            title=guide["title"],
            intro=_fill(guide["intro"]),
            body=_raw_body(guide["body"]),
        )
        for guide in GUIDES
    ]
    statistics = _ensure_child(
        home,
        StatisticsPage,
        STATISTICS["slug"],
        title=STATISTICS["title"],
        intro=STATISTICS["intro"],
    )
    for page in (panduan, faq_index, statistics):
        _show_in_menu(page)
    # SPEC §1: Editor FAQ maintains the whole public site through the FAQ's moderation.
    moderate(home)
    return {"panduan": panduan, "guides": guides, "statistics": statistics, "faq": faq_index}
