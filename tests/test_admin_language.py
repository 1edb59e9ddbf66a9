"""The admin reads in Indonesian for every role, Wagtail's own chrome included (issue 17).

A crawl from the dashboard follows every admin link a role is shown and reads each page's
visible text (and the labels a screen reader or a hover shows) for common English UI words.
"""

import json
import re
from html.parser import HTMLParser
from urllib.parse import urljoin, urlsplit

import pytest
from django.core.management import call_command
from django.test import Client
from wagtail.users.models import UserProfile

from workflow import policy
from workflow.states import Status

from .factories import UserFactory

# English UI words that have an Indonesian translation in Wagtail/Django's catalogues or ours.
# Words spelled the same in both languages ("Status", "Email", "Tag", "Total") are left out.
ENGLISH_WORDS = [
    "Search",
    "Pages",
    "Reports",
    "Settings",
    "Help",
    "Account",
    "Add",
    "Edit",
    "Delete",
    "Save",
    "Cancel",
    "Submit",
    "Approve",
    "Reject",
    "Draft",
    "Publish",
    "Unpublish",
    "Preview",
    "History",
    "Revisions",
    "Owner",
    "Title",
    "Created",
    "Updated",
    "Users",
    "Groups",
    "Images",
    "Documents",
    "Collections",
    "Locked",
    "Workflows?",
    "Comments",
    "Dashboard",
    "Sort by",
    "Choose",
    "Upload",
    "Download",
    "Previous",
    "Next",
    "Close",
    "Show",
    "Hide",
    "Actions",
    "More actions",
    "Collapse all",
    "Expand all",
    "Request changes",
    "Save draft",
    "This field is required",
    "ago",
    "minutes?",
    "hours?",
    "Awaiting",
    "Select",
    "Clear",
    "Apply",
    "results",
    "Log out",
    "Sign out",
    "Privacy",
    "Notifications",
    "Language",
    "Password",
    "What's new",
    "Editor Guide",
    "editor guide",
    "Page not found",
    "could not be found",
    "May",
    "Aug",
    "Oct",
    "Dec",
]
ENGLISH = re.compile(r"(?<![\w/.-])(?:" + "|".join(ENGLISH_WORDS) + r")(?![\w-])")
SKIP_CONTENT = {"script", "style", "template", "svg", "noscript", "textarea"}
SHOWN_ATTRIBUTES = {"placeholder", "title", "aria-label", "alt"}
# Links that download, sign out or leave the admin's HTML screens.
NOT_CRAWLED = re.compile(
    r"logout|unduh|download|export|\.(?:xlsx|pdf|csv|json)\b|/jsi18n/|/panduan/img/|"
    r"/preview/|/bulk/|/attachment/|/data-pribadi/|/lampiran/|/images/\d+/generate_url/|/documents/"
)
ADMIN = "/admin/"
MAX_PAGES = 140


class _Reader(HTMLParser):
    """Visible text, shown attributes and links of a page, and of the JSON the admin's
    scripts draw from: the sidebar menu (labels, links) and the client-side strings."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.links: list[str] = []
        self._skipping = 0
        self._json: list[str] | None = None

    def _read_json(self, value, key=None):
        if isinstance(value, dict):
            for name, item in value.items():
                self._read_json(item, name)
        elif isinstance(value, list):
            for item in value:
                self._read_json(item, key)
        elif isinstance(value, str):
            if key == "url":
                self.links.append(value)
            elif key in ("label", "footer_text"):
                self.texts.append(value)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "script" and attributes.get("type") == "application/json":
            self._json = []
        if tag in SKIP_CONTENT:
            self._skipping += 1
        if tag == "a" and attributes.get("href"):
            self.links.append(attributes["href"])
        for name in SHOWN_ATTRIBUTES & attributes.keys():
            self.texts.append(attributes[name] or "")
        if tag == "input" and attributes.get("type") in ("submit", "button"):
            self.texts.append(attributes.get("value") or "")

    def handle_endtag(self, tag):
        if tag == "script" and self._json is not None:
            data = json.loads("".join(self._json) or "null")
            strings = data.get("STRINGS") if isinstance(data, dict) else None
            if strings:  # wagtail-config: every client-side string
                self.texts.extend(_leaves(strings))
            else:
                self._read_json(data)
            self._json = None
        if tag in SKIP_CONTENT and self._skipping:
            self._skipping -= 1

    def handle_data(self, data):
        if self._json is not None:
            self._json.append(data)
        elif not self._skipping:
            self.texts.append(data)


def _leaves(value) -> list[str]:
    if isinstance(value, dict):
        return [text for item in value.values() for text in _leaves(item)]
    return [value] if isinstance(value, str) else []


def _shape(path: str) -> str:
    return re.sub(r"\d+", "N", path)


def crawl(client: Client) -> tuple[dict[str, list[str]], list[str], set[str]]:
    """English found per page, pages that failed, and every page read."""
    found: dict[str, list[str]] = {}
    failures: list[str] = []
    queue, seen_shapes, read = [ADMIN], {_shape(ADMIN)}, set()
    while queue and len(read) < MAX_PAGES:
        url = queue.pop(0)
        response = client.get(url)
        if getattr(response, "file_to_stream", None):  # an attachment: its file stays open
            response.file_to_stream.close()
        if response.status_code in (301, 302):
            target = urljoin(url, response["Location"])
            path = urlsplit(target).path
            if path.startswith(ADMIN) and _shape(path) not in seen_shapes:
                seen_shapes.add(_shape(path))
                queue.append(path)
            continue
        if response.status_code != 200:
            if response.status_code >= 500:
                failures.append(f"{url} → {response.status_code}")
            continue
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        read.add(url)
        reader = _Reader()
        reader.feed(response.content.decode())
        text = " ".join(" ".join(reader.texts).split())
        hits = sorted(set(ENGLISH.findall(text)))
        if hits:
            found[url] = hits
        for href in reader.links:
            path = urlsplit(urljoin(url, href)).path
            if (
                path.startswith(ADMIN)
                and not NOT_CRAWLED.search(path)
                and _shape(path) not in seen_shapes
            ):
                seen_shapes.add(_shape(path))
                queue.append(path)
    return found, failures, read


@pytest.fixture
def admin_world(db, faq_pages, make_complaint, agency, opd_admin, editor):
    """A small installation: the site and moderation (setup_site), the FAQ, complaints in
    several states, one FAQ edit waiting for review, and a user of every role."""
    call_command("setup_site", verbosity=0)
    for state in (Status.SUBMITTED, Status.DISPATCHED, Status.RESPONDED, Status.RESOLVED):
        make_complaint(state)
    page = next(iter(faq_pages.values()))
    page.answer = page.answer + " (diperbarui)"
    page.save_revision(user=editor)
    page.get_workflow().start(page, editor)  # "Moderasi FAQ", from setup_site
    return {
        policy.ADMIN_PENGADUAN: UserFactory(username="dewi", role=policy.ADMIN_PENGADUAN),
        policy.VALIDATOR: UserFactory(username="validasi", role=policy.VALIDATOR),
        policy.ADMIN_OPD: opd_admin,
        policy.PEJABAT_PENGHUBUNG: UserFactory(
            username="sekdin", role=policy.PEJABAT_PENGHUBUNG, agency=agency
        ),
        policy.KEPALA_OPD: UserFactory(username="kadis", role=policy.KEPALA_OPD, agency=agency),
        policy.EDITOR_FAQ: editor,
    }


@pytest.mark.parametrize(
    "role",
    [
        policy.ADMIN_PENGADUAN,
        policy.VALIDATOR,
        policy.ADMIN_OPD,
        policy.PEJABAT_PENGHUBUNG,
        policy.KEPALA_OPD,
        policy.EDITOR_FAQ,
    ],
)
def test_every_admin_page_a_role_opens_reads_in_indonesian(admin_world, role):
    client = Client(HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")  # an English browser changes nothing
    client.force_login(admin_world[role])
    found, failures, read = crawl(client)
    assert not failures
    assert len(read) >= 3, read
    assert not found, "\n".join(f"{url}: {', '.join(words)}" for url, words in found.items())


def test_the_english_words_check_can_fail(admin_world):
    """The crawl sees Wagtail's chrome: in English it finds the words this test forbids."""
    user = admin_world[policy.ADMIN_PENGADUAN]
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "en"
    profile.save()
    client = Client()
    client.force_login(user)
    found, _, _ = crawl(client)
    words = {word for hits in found.values() for word in hits}
    assert {"Search", "Reports", "Help"} <= words


def test_one_reports_menu_and_no_outside_help_links(admin_world):
    client = Client()
    client.force_login(admin_world[policy.ADMIN_PENGADUAN])
    html = client.get(ADMIN).content.decode()
    assert html.count('"label": "Laporan"') == 1
    assert "Rekap bulanan" in html and "Isu strategis" in html
    assert "docs.wagtail.org" not in html and "guide.wagtail.org" not in html
    assert "Panduan petugas" in html
