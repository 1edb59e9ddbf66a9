"""Load the default message templates and grant the new permissions to the roles."""

from django.db import migrations


def load_templates(apps, schema_editor):
    from workflow.messages import DEFAULTS

    template_model = apps.get_model("workflow", "MessageTemplate")
    for key, (description, body, whatsapp_template, params) in DEFAULTS.items():
        template_model.objects.get_or_create(
            key=key,
            defaults={
                "description": description,
                "body": body,
                "whatsapp_template": whatsapp_template,
                "whatsapp_params": params,
            },
        )


def grant_roles(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    from workflow.roles import sync_roles

    for app_config in global_apps.get_app_configs():
        create_permissions(app_config, apps=apps, verbosity=0)
    sync_roles(apps)


class Migration(migrations.Migration):
    dependencies = [("workflow", "0003_outbox")]

    operations = [
        migrations.RunPython(load_templates, migrations.RunPython.noop),
        migrations.RunPython(grant_roles, migrations.RunPython.noop),
    ]
