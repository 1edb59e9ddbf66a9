"""One "Pengingat ke-n" per complaint and round, whatever period two racing sweeps computed."""

from django.db import migrations, models
from django.db.models import Count, Min


def drop_raced_duplicates(apps, schema_editor):
    """A race before this constraint could leave two rows with the same number: keep the first."""
    Reminder = apps.get_model("workflow", "Reminder")
    twins = (
        Reminder.objects.values("complaint_id", "kind", "round_key", "number")
        .annotate(n=Count("id"), first=Min("id"))
        .filter(n__gt=1)
    )
    for twin in twins:
        Reminder.objects.filter(
            complaint_id=twin["complaint_id"],
            kind=twin["kind"],
            round_key=twin["round_key"],
            number=twin["number"],
        ).exclude(pk=twin["first"]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("pengaduan", "0008_search_text_after_privacy_pass"),
        ("workflow", "0009_installation_settings_and_presets"),
    ]

    operations = [
        migrations.RunPython(drop_raced_duplicates, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="reminder",
            constraint=models.UniqueConstraint(
                fields=("complaint", "kind", "round_key", "number"), name="reminder_number_once"
            ),
        ),
    ]
