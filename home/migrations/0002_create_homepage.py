from django.db import migrations


def create_homepage(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes.ContentType")
    page_model = apps.get_model("wagtailcore.Page")
    site_model = apps.get_model("wagtailcore.Site")
    locale_model = apps.get_model("wagtailcore.Locale")
    home_page_model = apps.get_model("home.HomePage")

    # Replace Wagtail's welcome page (created by wagtailcore.0002) with our HomePage.
    page_content_type = content_type_model.objects.get(model="page", app_label="wagtailcore")
    page_model.objects.filter(content_type=page_content_type, slug="home", depth=2).delete()

    home_content_type, _created = content_type_model.objects.get_or_create(
        model="homepage", app_label="home"
    )
    homepage = home_page_model.objects.create(
        title="Beranda",
        draft_title="Beranda",
        slug="home",
        content_type=home_content_type,
        path="00010001",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=locale_model.objects.order_by("pk").first(),
        intro=(
            "<p>Sampaikan keluhan, aspirasi, atau laporan Anda kepada Pemerintah Kabupaten "
            "Lumajang melalui WhatsApp atau chat di situs ini. Setiap aduan mendapat Nomor "
            "Aduan untuk memantau perkembangannya.</p>"
        ),
    )
    site_model.objects.create(
        hostname="localhost",
        port=80,
        root_page=homepage,
        is_default_site=True,
        site_name="Sambat Bunda",
    )


def remove_homepage(apps, schema_editor):
    content_type_model = apps.get_model("contenttypes.ContentType")
    home_page_model = apps.get_model("home.HomePage")
    home_page_model.objects.filter(slug="home", depth=2).delete()
    content_type_model.objects.filter(model="homepage", app_label="home").delete()


class Migration(migrations.Migration):
    dependencies = [("home", "0001_initial")]

    operations = [migrations.RunPython(create_homepage, remove_homepage)]
