"""Add the satisfaction survey invitation (SKM) to the editable message templates."""

from django.db import migrations

KEY = "reporter.survey"
# Frozen here: a later edit of workflow/messages.py must not change what this step wrote.
DESCRIPTION = "Pelapor: survei kepuasan (SKM) setelah aduan ditutup [SPEC §9]"
BODY = (
    "Bagaimana penilaian Anda atas penanganan aduan *{{ nomor }}*? Balas dengan angka 1 "
    "sampai 5 (1 = sangat tidak puas, 5 = sangat puas). Bila masalah ternyata belum "
    "selesai, balas *BELUM SELESAI*."
)


def add_template(apps, schema_editor):
    template_model = apps.get_model("workflow", "MessageTemplate")
    template_model.objects.get_or_create(
        key=KEY,
        defaults={
            "description": DESCRIPTION,
            "body": BODY,
            "whatsapp_template": "sb_survei_kepuasan",
            "whatsapp_params": "nomor",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("workflow", "0005_roles_for_intake_and_faq")]

    operations = [migrations.RunPython(add_template, migrations.RunPython.noop)]
