"""Notifications can go by SMS; add the SMS usage reply to the editable message templates."""

from django.db import migrations, models

KEY = "reporter.sms_usage"
# Frozen here: a later edit of workflow/messages.py must not change what this step wrote.
DESCRIPTION = "Pelapor SMS: petunjuk format bila SMS tidak diawali kata kunci [SOP Tanah Bumbu]"
BODY = (
    "Format aduan SMS Sambat Bunda: {{ kata_kunci }} <isi aduan>\n"
    "Contoh: {{ kata_kunci }} Lampu jalan depan balai desa mati sejak 3 hari.\n"
    "Info: {{ tautan }}"
)


def add_template(apps, schema_editor):
    template_model = apps.get_model("workflow", "MessageTemplate")
    template_model.objects.get_or_create(
        key=KEY,
        defaults={
            "description": DESCRIPTION,
            "body": BODY,
            "whatsapp_template": "",
            "whatsapp_params": "kata_kunci,tautan",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("workflow", "0007_recap_template")]

    operations = [
        migrations.AlterField(
            model_name="notification",
            name="channel",
            field=models.CharField(
                choices=[
                    ("whatsapp", "WhatsApp"),
                    ("email", "Email"),
                    ("web", "Chat situs"),
                    ("sms", "SMS"),
                ],
                max_length=10,
                verbose_name="kanal",
            ),
        ),
        migrations.RunPython(add_template, migrations.RunPython.noop),
    ]
