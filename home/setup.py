"""Creating the public site's pages: guides, statistics, FAQ in the menu, and moderation on
the whole site — Editor FAQ edits and submits, Admin Pengaduan publishes.

Each page is created once (sambat_site/setup.py): an existing page is never edited or
republished, and one that staff deleted is not brought back."""

from __future__ import annotations

import json
import uuid

from django.db import transaction
from wagtail.models import Page

from faq.setup import moderate
from sambat_site import setup

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


def _ensure_child(parent: Page | None, model, slug: str, menu: bool = False, **fields):
    """The page ``slug`` under ``parent``: the existing one, else created and published once.
    None when staff deleted it (or its parent) after setup had made it."""
    if parent is None:
        return None
    existing = model.objects.child_of(parent).filter(slug=slug).first()
    if existing is not None:
        return existing
    key = f"page:{parent.url_path}{slug}/"
    if setup.done(key):
        return None
    page = parent.add_child(instance=model(slug=slug, show_in_menus=menu, **fields))
    page.save_revision().publish()
    setup.mark(key)
    setup.mark(f"menu:{page.pk}")
    return page


def _show_in_menu(page: Page | None) -> None:
    """Once: a page made before the menu existed goes into it; an editor may take it out."""
    if page is None or setup.done(f"menu:{page.pk}"):
        return
    if not page.show_in_menus:
        page.show_in_menus = True
        page.save_revision().publish()
    setup.mark(f"menu:{page.pk}")


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
        menu=True,
        title=PANDUAN["title"],
        intro=_fill(PANDUAN["intro"]),
        body=_raw_body(PANDUAN["body"]),
    )
    made = [
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
    guides = [page for page in made if page is not None]
    statistics = _ensure_child(
        home,
        StatisticsPage,
        STATISTICS["slug"],
        menu=True,
        title=STATISTICS["title"],
        intro=STATISTICS["intro"],
    )
    for page in (panduan, faq_index, statistics):
        _show_in_menu(page)
    # SPEC §1: Editor FAQ maintains the whole public site through the FAQ's moderation.
    moderate(home)
    return {"panduan": panduan, "guides": guides, "statistics": statistics, "faq": faq_index}
