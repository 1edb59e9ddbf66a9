"""Admin Pengaduan manages complaint categories and Open311 API clients."""

from django.db import migrations


def grant_roles(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from workflow.roles import sync_roles

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [
        ("open311", "0001_initial"),
        ("pengaduan", "0007_categories_lapor_attributes"),
        ("workflow", "0007_recap_template"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
