"""PostgreSQL full-text search column, and the new derived fields for existing complaints.

On PostgreSQL ``search_vector`` is a stored generated column over ``search_text`` (already
normalised by pengaduan.search, so the ``simple`` configuration) with a GIN index. It is not
a model field: SQLite has no tsvector, and no Python code ever reads it. Note for later
migrations: PostgreSQL refuses to change the type of ``search_text`` while this column
depends on it — drop and recreate the column around such a change.
"""

import datetime as dt

from django.db import migrations

ADD_COLUMN = """
ALTER TABLE pengaduan_complaint ADD COLUMN IF NOT EXISTS search_vector tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, coalesce(search_text, ''))) STORED;
CREATE INDEX IF NOT EXISTS complaint_search_vector ON pengaduan_complaint
    USING gin (search_vector);
"""
DROP_COLUMN = """
DROP INDEX IF EXISTS complaint_search_vector;
ALTER TABLE pengaduan_complaint DROP COLUMN IF EXISTS search_vector;
"""


def add_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(ADD_COLUMN)


def drop_search_vector(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_COLUMN)


def backfill(apps, schema_editor):
    from pengaduan.search import document
    from workflow.calendar import WorkingCalendar

    Complaint = apps.get_model("pengaduan", "Complaint")
    SlaPolicy = apps.get_model("workflow", "SlaPolicy")
    sla = SlaPolicy.objects.first()
    response_limit = dt.timedelta(hours=sla.response_hours if sla else 4)
    calendar = WorkingCalendar()
    batch = []
    rows = Complaint.objects.select_related("agency").order_by("pk")
    for complaint in rows.iterator(chunk_size=500):
        complaint.search_text = document(complaint)
        start = complaint.dispatched_at or complaint.created_at
        if complaint.responded_at:
            elapsed = calendar.office_time_between(start, complaint.responded_at)
            complaint.response_office_minutes = int(elapsed.total_seconds() // 60)
            complaint.responded_on_time = elapsed <= response_limit
        if complaint.resolved_at:
            elapsed = calendar.office_time_between(start, complaint.resolved_at)
            complaint.resolution_office_minutes = int(elapsed.total_seconds() // 60)
        batch.append(complaint)
        if len(batch) >= 500:
            _flush(Complaint, batch)
    _flush(Complaint, batch)


def _flush(Complaint, batch):
    fields = [
        "search_text",
        "response_office_minutes",
        "responded_on_time",
        "resolution_office_minutes",
    ]
    Complaint.objects.bulk_update(batch, fields)
    batch.clear()


class Migration(migrations.Migration):
    dependencies = [
        ("pengaduan", "0004_public_site"),
        ("workflow", "0005_roles_for_intake_and_faq"),
    ]

    operations = [
        migrations.RunPython(add_search_vector, drop_search_vector),
        migrations.RunPython(backfill, migrations.RunPython.noop),
    ]
