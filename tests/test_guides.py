"""Operator guides in the admin: each role lands on its own guide, the Markdown is rendered
without letting a guide inject markup, and screenshots are for signed-in staff only."""

import re
from pathlib import Path

import pytest

from sambat_site.guides import DOCS_DIR, GUIDES, render_inline, render_markdown
from workflow import policy

from .factories import UserFactory

GUIDE_FILES = sorted(g.filename for g in GUIDES.values())


@pytest.mark.parametrize(
    ("role", "slug"),
    [
        (policy.ADMIN_PENGADUAN, "admin-pengaduan"),
        (policy.VALIDATOR, "admin-pengaduan"),
        (policy.ADMIN_OPD, "admin-opd"),
        (policy.PEJABAT_PENGHUBUNG, "pejabat-penghubung-kepala-opd"),
        (policy.KEPALA_OPD, "pejabat-penghubung-kepala-opd"),
        (policy.EDITOR_FAQ, "editor-faq"),
    ],
)
def test_each_role_gets_its_own_guide(client, agency, role, slug):
    user = UserFactory(username=f"u-{slug}-{role}".replace(" ", ""), role=role, agency=agency)
    client.force_login(user)

    response = client.get("/admin/panduan/")
    assert response.status_code == 302
    assert response.url == f"/admin/panduan/{slug}/"

    page = client.get(response.url)
    assert page.status_code == 200
    html = page.content.decode()
    assert f'data-guide="{slug}"' in html
    title = (DOCS_DIR / GUIDES[slug].filename).read_text(encoding="utf-8").splitlines()[0]
    assert f">{title.removeprefix('# ')}</h1>" in html
    assert "(peran Anda)" in html


def test_the_help_menu_links_the_guides(client, admin_user):
    client.force_login(admin_user)
    html = client.get("/admin/").content.decode()
    assert "Panduan petugas" in html
    assert "/admin/panduan/" in html  # the sidebar's menu is JSON for its script


def test_other_guides_are_readable_by_staff(client, opd_admin):
    client.force_login(opd_admin)
    page = client.get("/admin/panduan/editor-faq/")
    assert page.status_code == 200
    assert client.get("/admin/panduan/tidak-ada/").status_code == 404


def test_anonymous_visitors_are_sent_to_the_login(client):
    for url in ("/admin/panduan/", "/admin/panduan/admin-opd/", "/admin/panduan/img/x.png"):
        response = client.get(url)
        assert response.status_code == 302
        assert response.url.startswith("/admin/login/")


def test_screenshots_are_served_to_staff_only(client, opd_admin):
    image = next((DOCS_DIR / "img").glob("*.png"), None)
    if image is None:
        pytest.skip("run tests/test_guides_browser.py first to make the screenshots")
    client.force_login(opd_admin)
    response = client.get(f"/admin/panduan/img/{image.name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert b"".join(response.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"
    for name in ("../settings.png", "..%2Fsecret.png", "x.svg", "tidak-ada.png"):
        assert client.get(f"/admin/panduan/img/{name}").status_code in (301, 404)


def test_staff_without_admin_access_cannot_read(client, db):
    citizen = UserFactory(username="bukan-petugas", is_staff=False)
    client.force_login(citizen)
    response = client.get("/admin/panduan/admin-opd/")
    assert response.status_code in (302, 403)


@pytest.mark.parametrize("filename", GUIDE_FILES)
def test_every_guide_exists_and_its_images_and_links_resolve(filename):
    text = (DOCS_DIR / filename).read_text(encoding="utf-8")
    assert text.startswith("# Panduan")
    assert "## Yang tidak boleh dilakukan" in text
    for image in re.findall(r"!\[[^\]]*\]\(img/([^)]+)\)", text):
        assert re.fullmatch(r"[a-z0-9-]+\.png", image), image
    for link in re.findall(r"\]\(([^)#]+\.md)", text):
        assert (DOCS_DIR / link).exists(), link
    assert (DOCS_DIR / "README.md").read_text(encoding="utf-8").count(filename) >= 1


def test_the_browser_test_makes_every_image_the_guides_show():
    made = set(
        re.findall(
            r'shot\("([a-z0-9-]+\.png)"\)',
            (Path(__file__).parent / "test_guides_browser.py").read_text(encoding="utf-8"),
        )
    )
    shown = set()
    for filename in GUIDE_FILES:
        text = (DOCS_DIR / filename).read_text(encoding="utf-8")
        shown |= set(re.findall(r"\]\(img/([^)]+)\)", text))
    assert shown <= made, shown - made


def test_markdown_is_escaped_and_only_known_targets_are_linked():
    html = render_markdown(
        "# Judul <script>alert(1)</script>\n\n"
        "Teks **tebal** dan `kode` <img src=x onerror=alert(1)>.\n\n"
        "![gambar](img/admin-beranda.png) ![luar](https://contoh.id/x.png)\n\n"
        "[panduan OPD](panduan-admin-opd.md#menanggapi-aduan) [js](javascript:alert(1))\n\n"
        "1. satu\n2. dua\n   - sub\n\n"
        "| a | b |\n|---|---|\n| <b>x</b> | y |\n"
    )
    assert "<script>" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    assert "<strong>tebal</strong>" in html and "<code>kode</code>" in html
    assert 'src="/admin/panduan/img/admin-beranda.png"' in html
    assert "contoh.id" not in html  # outside images are dropped, only the alt text stays
    assert 'href="/admin/panduan/admin-opd/#menanggapi-aduan"' in html
    assert "javascript:" not in html
    assert "<ol><li>satu</li><li>dua<ul><li>sub</li></ul></li></ol>" in html
    assert "<td>&lt;b&gt;x&lt;/b&gt;</td>" in html


def test_inline_link_labels_are_escaped_too():
    assert render_inline('[<i>x</i>](https://a.id/")') == (
        '<a href="https://a.id/&quot;">&lt;i&gt;x&lt;/i&gt;</a>'
    )
