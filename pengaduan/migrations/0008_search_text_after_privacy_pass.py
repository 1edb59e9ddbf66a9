"""Rebuild the search words of existing complaints from the text as the public sees it.

Before this, ``search_text`` was built from the admin's public copy without the last privacy
pass, so a search for an anonymous reporter's name or the reporter's address could find the
complaints holding it (tests/test_privacy_scan.py).
"""

from django.db import migrations


def rebuild(apps, schema_editor):
    from pengaduan.search import document

    Complaint = apps.get_model("pengaduan", "Complaint")
    rows = Complaint.objects.select_related("agency", "reporter").order_by("pk")
    batch = []
    for complaint in rows.iterator(chunk_size=500):
        words = document(complaint)
        if words != complaint.search_text:
            complaint.search_text = words
            batch.append(complaint)
        if len(batch) >= 500:
            Complaint.objects.bulk_update(batch, ["search_text"])
            batch = []
    if batch:
        Complaint.objects.bulk_update(batch, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [("pengaduan", "0007_categories_lapor_attributes")]

    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop, elidable=True)]
