"""Creating the FAQ section, its moderation workflow and its pages.

Setup only creates what is missing (sambat_site/setup.py): an editor's published edit, a
permission an admin removed, a page an editor deleted all stay as staff left them.
``upsert_faq`` is the import's explicit update of a question, and writes a revision only when
something changed.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from django.utils.text import slugify
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from pengaduan.models import Agency
from sambat_site import setup
from workflow import policy

from .models import Category, FaqIndexPage, FaqPage

EDITOR_PAGE_PERMISSIONS = ("add_page", "change_page")
ADMIN_PAGE_PERMISSIONS = (
    "add_page",
    "change_page",
    "publish_page",
    "bulk_delete_page",
    "lock_page",
    "unlock_page",
)


def _page_permission(codename: str) -> Permission:
    return Permission.objects.get(content_type__app_label="wagtailcore", codename=codename)


@transaction.atomic
def ensure_faq_index() -> FaqIndexPage:
    """The FAQ section under the home page, with Wagtail's moderation on it [SPEC §1]:
    Editor FAQ writes and submits, Admin Pengaduan approves and publishes."""
    from home.models import HomePage
    from workflow.models import InstallationSettings

    index = FaqIndexPage.objects.first()
    if index is None:
        # The answerer and the import need a section: it is made whenever it is missing.
        home = HomePage.objects.first() or Page.get_first_root_node()
        index = home.add_child(
            instance=FaqIndexPage(
                title="Tanya Jawab (FAQ)",
                slug="faq",
                show_in_menus=True,
                intro="<p>Jawaban atas pertanyaan yang sering diajukan warga "
                f"{InstallationSettings.load().regency_name or 'daerah ini'}. Tidak menemukan "
                "jawabannya? Sampaikan lewat CHAT DI SINI.</p>",
            )
        )
        index.save_revision().publish()
        setup.mark(f"menu:{index.pk}")

    moderate(index)
    return index


def moderate(page: Page) -> None:
    """Editor FAQ edits and submits ``page`` and its subtree; Admin Pengaduan approves and
    publishes (the Wagtail workflow "Moderasi FAQ"). Set up once per page: what an admin
    changes afterwards in *Pengaturan → Alur kerja* or the group permissions stays."""
    key = f"moderation:{page.pk}"
    if setup.done(key):
        return
    editors = Group.objects.get(name=policy.EDITOR_FAQ)
    admins = Group.objects.get(name=policy.ADMIN_PENGADUAN)
    for group, codenames in ((editors, EDITOR_PAGE_PERMISSIONS), (admins, ADMIN_PAGE_PERMISSIONS)):
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=page, permission=_page_permission(codename)
            )
    task = GroupApprovalTask.objects.filter(name="Persetujuan Admin Pengaduan").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Persetujuan Admin Pengaduan")
        task.groups.set([admins])
    workflow, created = Workflow.objects.get_or_create(name="Moderasi FAQ")
    if created:
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
    WorkflowPage.objects.get_or_create(page=page, defaults={"workflow": workflow})
    setup.mark(key)


@dataclass
class FaqRow:
    question: str
    answer: str
    category: str = ""
    agency: str = ""
    keywords: str = ""
    slug: str = ""


def category_of(value: str) -> str:
    value = (value or "").strip()
    for code, label in Category.choices:
        if value.lower() in (code, str(label).lower()):
            return code
    return Category.SAMBAT_BUNDA


def agency_of(value: str) -> Agency | None:
    value = (value or "").strip()
    if not value:
        return None
    return (
        Agency.objects.filter(short_name__iexact=value).first()
        or Agency.objects.filter(name__iexact=value).first()
    )


def as_html(answer: str) -> str:
    answer = answer.strip()
    if answer.startswith("<"):
        return answer
    paragraphs = [p.strip() for p in answer.split("\n\n") if p.strip()]
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def _slug_and_fields(row: FaqRow) -> tuple[str, dict]:
    question = " ".join(row.question.split())
    slug = (row.slug or slugify(question))[:80] or "faq"
    return slug, {
        "title": question[:255],
        "question": question[:300],
        "answer": as_html(row.answer),
        "category": category_of(row.category),
        "agency": agency_of(row.agency),
        "keywords": row.keywords.strip(),
    }


def _existing(index: FaqIndexPage, slug: str, question: str) -> FaqPage | None:
    page = (
        FaqPage.objects.child_of(index).filter(question__iexact=question).first()
        or FaqPage.objects.child_of(index).filter(slug=slug).first()
    )
    return page.specific if page is not None else None


def _create(index: FaqIndexPage, slug: str, fields: dict, publish: bool) -> FaqPage:
    page = index.add_child(instance=FaqPage(slug=slug, **fields))
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page


@transaction.atomic
def upsert_faq(index: FaqIndexPage, row: FaqRow, publish: bool = True) -> tuple[FaqPage, bool]:
    """Create or update the page with this question (matched on the question, then the slug).

    The import's explicit update: a page whose content is already what the row says gets no
    new revision.
    """
    slug, fields = _slug_and_fields(row)
    page = _existing(index, slug, fields["question"])
    if page is None:
        return _create(index, slug, fields, publish), True
    current = page.get_latest_revision_as_object()
    if all(getattr(current, name) == value for name, value in fields.items()) and (
        not publish or (page.live and not page.has_unpublished_changes)
    ):
        return page, False
    for name, value in fields.items():
        setattr(page, name, value)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page, False


@transaction.atomic
def ensure_faq(index: FaqIndexPage, row: FaqRow) -> FaqPage | None:
    """The demo's page for this question, created and published once and never touched again
    (an editor's later edit, unpublishing or deletion stays). None when it is not made."""
    slug, fields = _slug_and_fields(row)
    key = f"faq:{slug}"
    if setup.done(key):
        return None
    page = _existing(index, slug, fields["question"])
    if page is None:
        page = _create(index, slug, fields, publish=True)
    setup.mark(key)
    return page


def read_csv(path) -> list[FaqRow]:
    with open(path, newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        missing = {"question", "answer"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"Kolom wajib tidak ada: {', '.join(sorted(missing))}")
        rows = []
        for number, record in enumerate(reader, start=2):
            question = (record.get("question") or "").strip()
            answer = (record.get("answer") or "").strip()
            if not question or not answer:
                raise ValueError(f"Baris {number}: pertanyaan dan jawaban wajib diisi.")
            rows.append(
                FaqRow(
                    question=question,
                    answer=answer,
                    category=record.get("category") or "",
                    agency=record.get("agency") or "",
                    keywords=record.get("keywords") or "",
                )
            )
        return rows
