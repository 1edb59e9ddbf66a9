"""Whether the agency finished within the follow-up deadline of the urgency class; fixed at
resolution from now on, estimated here for complaints resolved before (default calendar)."""

from django.db import migrations, models


def backfill(apps, schema_editor):
    from workflow.calendar import WorkingCalendar
    from workflow.sla import follow_up_deadline

    Complaint = apps.get_model("pengaduan", "Complaint")
    SlaPolicy = apps.get_model("workflow", "SlaPolicy")
    policy = SlaPolicy.objects.first() or SlaPolicy()
    calendar = WorkingCalendar()
    rows = Complaint.objects.filter(responded_at__isnull=False, resolved_at__isnull=False)
    batch = []
    for complaint in rows.only("urgency", "responded_at", "resolved_at").iterator(chunk_size=500):
        deadline = follow_up_deadline(complaint.urgency, complaint.responded_at, policy, calendar)
        complaint.resolved_on_time = complaint.resolved_at <= deadline
        batch.append(complaint)
        if len(batch) >= 500:
            Complaint.objects.bulk_update(batch, ["resolved_on_time"])
            batch = []
    Complaint.objects.bulk_update(batch, ["resolved_on_time"])


class Migration(migrations.Migration):
    dependencies = [
        ("pengaduan", "0005_search_vector_and_backfill"),
        ("workflow", "0005_roles_for_intake_and_faq"),
    ]

    operations = [
        migrations.AddField(
            model_name="complaint",
            name="resolved_on_time",
            field=models.BooleanField(
                blank=True, editable=False, null=True, verbose_name="diselesaikan tepat waktu"
            ),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
