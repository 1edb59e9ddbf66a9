"""Add the monthly recap announcement to the editable message templates."""

from django.db import migrations

KEY = "admin.recap_ready"
# Frozen here: a later edit of workflow/messages.py must not change what this step wrote.
DESCRIPTION = "Admin Pengaduan: rekap bulanan sudah dibuat [SOP 2025 langkah 14]"
BODY = (
    "[Sambat Bunda] Rekap {{ bulan }} sudah tersedia: {{ diterima }} aduan diterima, "
    "{{ tepat_waktu }} ditanggapi tepat waktu.\nUnduh XLSX/PDF: {{ tautan_admin }}"
)


def add_template(apps, schema_editor):
    template_model = apps.get_model("workflow", "MessageTemplate")
    template_model.objects.get_or_create(
        key=KEY,
        defaults={
            "description": DESCRIPTION,
            "body": BODY,
            "whatsapp_template": "sb_admin_rekap_bulanan",
            "whatsapp_params": "bulan,diterima,tepat_waktu,tautan_admin",
        },
    )


class Migration(migrations.Migration):
    dependencies = [("workflow", "0006_survey_template")]

    operations = [migrations.RunPython(add_template, migrations.RunPython.noop)]
