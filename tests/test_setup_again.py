"""Starting the quickstart again keeps what staff did: setup creates only what is missing.

Every start runs ``migrate``, ``seed_demo`` (with ``setup_site`` and the FAQ section) and
``collectstatic``. A weekend of use in between — an FAQ answer approved and published, a page
taken out of the menu, an agency renamed, a password changed, a demo page deleted — must all
survive it, with no new page revision written.
"""

from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command
from wagtail.models import GroupApprovalTask, GroupPagePermission, Page, Revision

from faq.models import FaqPage
from home.models import GuidePage, HomePage, StatisticsPage
from pengaduan.models import Agency, Category, Complaint, RoutingExample
from sambat_site.models import SetupRecord
from workflow import policy
from workflow.models import InstallationSettings, MessageTemplate, SlaPolicy

User = get_user_model()


@pytest.fixture
def quickstart_setup(settings, db):
    """``quickstart --no-run``: the setup half of the README's run command."""
    settings.DEBUG = True  # seed_demo runs as it does on a laptop
    # The quickstart points links at the port it serves; keep that inside this test.
    settings.SAMBAT_PUBLIC_BASE_URL = settings.WAGTAILADMIN_BASE_URL = "https://sambatbunda.test"

    def run():
        call_command("quickstart", "--no-run", stdout=StringIO())

    return run


def row_counts() -> dict[str, int]:
    models = {
        "revisions": Revision,
        "pages": Page,
        "complaints": Complaint,
        "agencies": Agency,
        "users": User,
        "categories": Category,
        "permissions": GroupPagePermission,
        "routing": RoutingExample,
    }
    return {name: model.objects.count() for name, model in models.items()}


def publish_edit(page, **fields):
    page = page.specific
    for name, value in fields.items():
        setattr(page, name, value)
    page.save_revision().publish()


def test_a_restart_keeps_every_edit_and_writes_no_revision(quickstart_setup):
    quickstart_setup()

    # --- a weekend of ordinary work ------------------------------------------------------
    pdam = FaqPage.objects.get(slug="pdam-air-mati")
    publish_edit(pdam, answer="<p>Jawaban yang sudah disetujui Admin Pengaduan.</p>")
    FaqPage.objects.get(slug="pju-mati").unpublish()
    deleted_faq = FaqPage.objects.get(slug="bayar-pbb-p2")
    deleted_faq.delete()
    panduan = GuidePage.objects.get(slug="panduan")
    publish_edit(panduan, intro="Intro yang ditulis Editor FAQ.")
    publish_edit(StatisticsPage.objects.get(), show_in_menus=False)
    deleted_guide = GuidePage.objects.child_of(panduan).first()
    deleted_guide_slug = deleted_guide.slug
    deleted_guide.delete()

    roads = Agency.objects.get(short_name="DPUTR")
    roads.name, roads.keywords, roads.admin_whatsapp = (
        "Dinas PU Bina Marga",
        "aspal",
        "+6281190000001",
    )
    roads.requires_response_approval = True
    roads.save()
    category = Category.objects.order_by("order").first()
    category.name = "Jalan (diubah operator)"
    category.save()
    deleted_category = Category.objects.order_by("order").last()
    deleted_category_code = deleted_category.code
    deleted_category.delete()

    operator = User.objects.get(username="opd.dputr")
    operator.set_password("sandi-baru-operator")
    operator.save()
    operator.groups.clear()
    operator.groups.add(Group.objects.get(name=policy.PEJABAT_PENGHUBUNG))
    operator.sambat_profile.agency = Agency.objects.get(short_name="DINKES")
    operator.sambat_profile.save()
    User.objects.get(username="kadis.bpbd").delete()

    template = MessageTemplate.objects.get(key="reporter.ticket_issued")
    template.body = "Nomor aduan Anda {{ nomor }}. {{ tautan }}"
    template.save()
    installation = InstallationSettings.load()
    installation.service_name = "Lapor Bupati"
    installation.save()
    sla = SlaPolicy.load()
    sla.response_hours = 6
    sla.save()

    task = GroupApprovalTask.objects.get(name="Persetujuan Admin Pengaduan")
    task.groups.add(Group.objects.get(name=policy.KEPALA_OPD))
    home = HomePage.objects.get()
    GroupPagePermission.objects.filter(
        group__name=policy.EDITOR_FAQ, page=home, permission__codename="change_page"
    ).delete()
    RoutingExample.objects.filter(source="demo").first().delete()

    before = row_counts()

    # --- the quickstart starts again -----------------------------------------------------
    quickstart_setup()

    assert row_counts() == before

    pdam.refresh_from_db()
    assert pdam.answer == "<p>Jawaban yang sudah disetujui Admin Pengaduan.</p>" and pdam.live
    assert not pdam.has_unpublished_changes
    assert FaqPage.objects.get(slug="pju-mati").live is False
    assert not FaqPage.objects.filter(slug="bayar-pbb-p2").exists()
    assert GuidePage.objects.get(slug="panduan").intro == "Intro yang ditulis Editor FAQ."
    assert not GuidePage.objects.filter(slug=deleted_guide_slug).exists()
    assert StatisticsPage.objects.get().show_in_menus is False

    roads.refresh_from_db()
    assert (roads.name, roads.keywords, roads.admin_whatsapp) == (
        "Dinas PU Bina Marga",
        "aspal",
        "+6281190000001",
    )
    assert roads.requires_response_approval is True
    category.refresh_from_db()
    assert category.name == "Jalan (diubah operator)"
    assert not Category.objects.filter(code=deleted_category_code).exists()

    operator.refresh_from_db()
    assert operator.check_password("sandi-baru-operator")
    assert list(operator.groups.values_list("name", flat=True)) == [policy.PEJABAT_PENGHUBUNG]
    assert operator.sambat_profile.agency.short_name == "DINKES"
    assert not User.objects.filter(username="kadis.bpbd").exists()

    assert MessageTemplate.objects.get(key="reporter.ticket_issued").body.startswith(
        "Nomor aduan Anda"
    )
    assert InstallationSettings.load().service_name == "Lapor Bupati"
    assert SlaPolicy.load().response_hours == 6
    assert set(task.groups.values_list("name", flat=True)) == {
        policy.ADMIN_PENGADUAN,
        policy.KEPALA_OPD,
    }
    assert not GroupPagePermission.objects.filter(
        group__name=policy.EDITOR_FAQ, page=home, permission__codename="change_page"
    ).exists()


def test_setup_on_an_installation_made_before_it_kept_records_adds_only_the_missing(
    quickstart_setup,
):
    """An installation seeded by an older version has no setup records: what exists is kept
    as it is, what is missing is made, and the second run makes nothing."""
    quickstart_setup()
    publish_edit(FaqPage.objects.get(slug="pdam-air-mati"), answer="<p>Suntingan lama.</p>")
    FaqPage.objects.get(slug="pju-mati").delete()
    SetupRecord.objects.all().delete()
    revisions = Revision.objects.count()

    quickstart_setup()

    assert FaqPage.objects.get(slug="pdam-air-mati").answer == "<p>Suntingan lama.</p>"
    recreated = FaqPage.objects.get(slug="pju-mati")  # nothing said it was deleted on purpose
    assert recreated.live
    assert Revision.objects.count() == revisions + 1  # only the recreated page's
    assert SetupRecord.objects.filter(key="faq:pju-mati").exists()


def test_import_faq_of_an_unchanged_file_writes_no_revision(db, tmp_path):
    path = tmp_path / "faq.csv"
    path.write_text(
        "question,answer\nBagaimana cara mengurus KTP?,Datang ke Dispendukcapil.\n",
        encoding="utf-8",
    )
    call_command("import_faq", str(path), stdout=StringIO())
    revisions = Revision.objects.count()
    out = StringIO()
    call_command("import_faq", str(path), stdout=out)
    assert "0 FAQ baru, 1 diperbarui" in out.getvalue()
    assert Revision.objects.count() == revisions
