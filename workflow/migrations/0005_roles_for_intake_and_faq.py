"""Grant the permissions added with intake settings and the AI log to the roles."""

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
        ("workflow", "0004_message_templates_and_roles"),
        ("pengaduan", "0003_routing"),
        ("faq", "0001_initial"),
    ]

    operations = [migrations.RunPython(grant_roles, migrations.RunPython.noop)]
