"""Creating the FAQ section, its moderation workflow and its pages (idempotent)."""

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
        home = HomePage.objects.first() or Page.get_first_root_node()
        index = home.add_child(
            instance=FaqIndexPage(
                title="Tanya Jawab (FAQ)",
                slug="faq",
                intro="<p>Jawaban atas pertanyaan yang sering diajukan warga "
                f"{InstallationSettings.load().regency_name or 'daerah ini'}. Tidak menemukan "
                "jawabannya? Sampaikan lewat CHAT DI SINI.</p>",
            )
        )
        index.save_revision().publish()

    moderate(index)
    return index


def moderate(page: Page) -> None:
    """Editor FAQ edits and submits ``page`` and its subtree; Admin Pengaduan approves and
    publishes (the Wagtail workflow "Moderasi FAQ")."""
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
    workflow, _created = Workflow.objects.get_or_create(name="Moderasi FAQ")
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})


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


@transaction.atomic
def upsert_faq(index: FaqIndexPage, row: FaqRow, publish: bool = True) -> tuple[FaqPage, bool]:
    """Create or update the page with this question (matched on the question, then the slug)."""
    question = " ".join(row.question.split())
    slug = (row.slug or slugify(question))[:80] or "faq"
    page = (
        FaqPage.objects.child_of(index).filter(question__iexact=question).first()
        or FaqPage.objects.child_of(index).filter(slug=slug).first()
    )
    fields = {
        "title": question[:255],
        "question": question[:300],
        "answer": as_html(row.answer),
        "category": category_of(row.category),
        "agency": agency_of(row.agency),
        "keywords": row.keywords.strip(),
    }
    created = page is None
    if created:
        page = index.add_child(instance=FaqPage(slug=slug, **fields))
    else:
        page = page.specific
        for name, value in fields.items():
            setattr(page, name, value)
    revision = page.save_revision()
    if publish:
        revision.publish()
    return page, created


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
