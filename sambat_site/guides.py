"""Operator guides (docs/panduan-*.md) inside the admin, under the help menu.

The guides are written as Markdown files in ``docs/`` so they read well on a code host and in
the admin alike. No Markdown package is installed and none is needed: the guides use a small
subset (headings, paragraphs, lists, tables, images, links, bold, code, quotes) which
``render_markdown`` turns into HTML after escaping every piece of text, so a guide can never
inject markup. Screenshots are served from ``docs/img`` to signed-in staff only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext_lazy as _

from workflow import policy

DOCS_DIR = Path(settings.BASE_DIR) / "docs"
IMAGE_NAME = re.compile(r"^[a-z0-9][a-z0-9-]*\.png$")


@dataclass(frozen=True)
class Guide:
    slug: str
    title: str
    filename: str
    roles: frozenset[str]


GUIDES: dict[str, Guide] = {
    g.slug: g
    for g in [
        Guide(
            "admin-pengaduan",
            _("Admin Pengaduan dan Validator"),
            "panduan-admin-pengaduan.md",
            frozenset({policy.ADMIN_PENGADUAN, policy.VALIDATOR}),
        ),
        Guide("admin-opd", _("Admin OPD"), "panduan-admin-opd.md", frozenset({policy.ADMIN_OPD})),
        Guide(
            "pejabat-penghubung-kepala-opd",
            _("Pejabat Penghubung dan Kepala OPD"),
            "panduan-pejabat-penghubung-kepala-opd.md",
            frozenset({policy.PEJABAT_PENGHUBUNG, policy.KEPALA_OPD}),
        ),
        Guide(
            "editor-faq", _("Editor FAQ"), "panduan-editor-faq.md", frozenset({policy.EDITOR_FAQ})
        ),
    ]
}
BY_FILENAME = {g.filename: g for g in GUIDES.values()}


def guide_for(user) -> Guide | None:
    """The guide of the user's role; agency roles first, then the central ones."""
    roles = policy.roles_of(user)
    for role in (
        policy.ADMIN_OPD,
        policy.PEJABAT_PENGHUBUNG,
        policy.KEPALA_OPD,
        policy.ADMIN_PENGADUAN,
        policy.VALIDATOR,
        policy.EDITOR_FAQ,
    ):
        if role in roles:
            return next(g for g in GUIDES.values() if role in g.roles)
    return None


# --- a small, safe Markdown subset ----------------------------------------------------------

_INLINE = re.compile(
    r"!\[(?P<alt>[^\]]*)\]\((?P<src>[^)\s]+)\)"
    r"|\[(?P<text>[^\]]+)\]\((?P<href>[^)\s]+)\)"
    r"|\*\*(?P<bold>[^*]+)\*\*"
    r"|`(?P<code>[^`]+)`"
    r"|\*(?P<em>[^*\s][^*]*)\*"
)


def _image_url(src: str) -> str | None:
    name = src.removeprefix("./").removeprefix("img/")
    if src.startswith(("img/", "./img/")) and IMAGE_NAME.match(name):
        return reverse("sambat_guide_image", args=[name])
    return None


def _link_url(href: str) -> str | None:
    if href.startswith(("https://", "http://", "mailto:")):
        return href
    path, _sep, anchor = href.partition("#")
    guide = BY_FILENAME.get(path.removeprefix("./"))
    if guide is not None:
        url = reverse("sambat_guide", args=[guide.slug])
        return f"{url}#{anchor}" if anchor else url
    if not path and anchor:
        return f"#{anchor}"
    return None


def render_inline(text: str) -> str:
    """Escape ``text`` and turn the inline Markdown it contains into HTML."""
    out, pos = [], 0
    for match in _INLINE.finditer(text):
        out.append(escape(text[pos : match.start()]))
        pos = match.end()
        if match["src"] is not None:
            url = _image_url(match["src"])
            if url is None:
                out.append(escape(match["alt"]))
            else:
                out.append(
                    f'<img class="sb-guide__img" src="{escape(url)}" alt="{escape(match["alt"])}" '
                    'loading="lazy">'
                )
        elif match["href"] is not None:
            url = _link_url(match["href"])
            label = render_inline(match["text"])
            out.append(f'<a href="{escape(url)}">{label}</a>' if url else label)
        elif match["bold"] is not None:
            out.append(f"<strong>{escape(match['bold'])}</strong>")
        elif match["code"] is not None:
            out.append(f"<code>{escape(match['code'])}</code>")
        else:
            out.append(f"<em>{escape(match['em'])}</em>")
    out.append(escape(text[pos:]))
    return "".join(out)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def render_markdown(source: str) -> SafeString:
    """Headings, paragraphs, lists, tables, quotes, code blocks and rules; all text escaped."""
    html: list[str] = []
    lines = source.splitlines()
    i = 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if not stripped:
            i += 1
        elif stripped.startswith("```"):
            block = []
            i += 1
            while i < len(lines) and not lines[i].strip().startswith("```"):
                block.append(lines[i])
                i += 1
            i += 1
            html.append(f"<pre>{escape(chr(10).join(block))}</pre>")
        elif heading := re.match(r"^(#{1,4})\s+(.*)$", stripped):
            level = len(heading[1])
            text = heading[2].strip()
            html.append(f'<h{level} id="{_slug(text)}">{render_inline(text)}</h{level}>')
            i += 1
        elif re.match(r"^(-{3,}|\*{3,})$", stripped):
            html.append("<hr>")
            i += 1
        elif stripped.startswith("|"):
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|"):
                rows.append(_cells(lines[i]))
                i += 1
            head, body = rows[0], rows[1:]
            if body and all(re.match(r"^:?-+:?$", c) for c in body[0]):
                body = body[1:]
            html.append('<table class="listing"><thead><tr>')
            html.extend(f"<th>{render_inline(c)}</th>" for c in head)
            html.append("</tr></thead><tbody>")
            for row in body:
                html.append("<tr>" + "".join(f"<td>{render_inline(c)}</td>" for c in row) + "</tr>")
            html.append("</tbody></table>")
        elif stripped.startswith(">"):
            quote = []
            while i < len(lines) and lines[i].strip().startswith(">"):
                quote.append(lines[i].strip()[1:].strip())
                i += 1
            text = render_inline(" ".join(quote))
            html.append(f'<blockquote class="help-block help-info"><p>{text}</p></blockquote>')
        elif re.match(r"^([-*]|\d+\.)\s+", stripped):
            number = re.match(r"^(\d+)\.", stripped)
            tag = "ol" if number else "ul"
            start = f' start="{int(number[1])}"' if number and int(number[1]) != 1 else ""
            items: list[tuple[str, list[str]]] = []
            while i < len(lines):
                current = lines[i].strip()
                item = re.match(r"^([-*]|\d+\.)\s+(.*)$", current)
                nested = lines[i].startswith((" ", "\t"))
                if item and nested and items:
                    items[-1][1].append(item[2])  # one level of sub-items
                elif item:
                    items.append((item[2], []))
                elif current and items and nested:
                    items[-1] = (items[-1][0] + " " + current, items[-1][1])  # continuation
                else:
                    break
                i += 1
            lis = []
            for text, subitems in items:
                sub = "".join(f"<li>{render_inline(t)}</li>" for t in subitems)
                lis.append(f"<li>{render_inline(text)}{f'<ul>{sub}</ul>' if sub else ''}</li>")
            html.append(f"<{tag}{start}>{''.join(lis)}</{tag}>")
        else:
            paragraph = []
            while (
                i < len(lines)
                and lines[i].strip()
                and not re.match(r"^(#{1,4}\s|\||>|```|([-*]|\d+\.)\s)", lines[i].strip())
            ):
                paragraph.append(lines[i].strip())
                i += 1
            html.append(f"<p>{render_inline(' '.join(paragraph))}</p>")
    return mark_safe("\n".join(html))  # noqa: S308 — every piece of text above is escaped


# --- views (registered under /admin/, so Wagtail's admin login guards them) -----------------


def _require_staff(request) -> None:
    if not (request.user.is_active and request.user.is_staff):
        raise PermissionDenied


def guide_view(request, slug: str | None = None):
    """The guide of the user's role, or the one named; every guide is open to all staff."""
    _require_staff(request)
    if slug is None:
        own = guide_for(request.user)
        if own is None and not request.user.is_superuser:
            own = GUIDES["admin-pengaduan"]
        return redirect("sambat_guide", (own or GUIDES["admin-pengaduan"]).slug)
    guide = GUIDES.get(slug)
    if guide is None:
        raise Http404
    path = DOCS_DIR / guide.filename
    if not path.exists():
        raise Http404
    return TemplateResponse(
        request,
        "guides/guide.html",
        {
            "guide": guide,
            "own": guide_for(request.user),
            "guides": GUIDES.values(),
            "body": render_markdown(path.read_text(encoding="utf-8")),
        },
    )


def image_view(request, name: str):
    _require_staff(request)
    if not IMAGE_NAME.match(name):
        raise Http404
    path = DOCS_DIR / "img" / name
    if not path.is_file():
        raise Http404
    return FileResponse(path.open("rb"), content_type="image/png")
