import csv

from django.core.management.base import BaseCommand, CommandError
from django.db import IntegrityError, transaction

from pengaduan.models import Agency, RoutingExample
from pengaduan.routing import retrain


def parse_columns(value: str) -> dict[str, str]:
    mapping = {"text": "text", "agency": "agency"}
    for part in filter(None, (p.strip() for p in value.split(","))):
        key, _, column = part.partition("=")
        if key not in mapping or not column:
            raise CommandError(f"--columns: gunakan text=<kolom>,agency=<kolom> (bukan {part!r}).")
        mapping[key] = column
    return mapping


class Command(BaseCommand):
    help = (
        "Muat aduan historis (teks dan OPD yang menanganinya) dari CSV sebagai bahan belajar "
        "saran OPD. OPD dikenali dari singkatan atau nama lengkap. Baris yang salah disebutkan "
        "nomornya dan tidak ada yang tersimpan; baris yang sudah ada dilewati."
    )

    def add_arguments(self, parser):
        parser.add_argument("path")
        parser.add_argument(
            "--columns",
            default="text=text,agency=agency",
            help="Nama kolom, mis. text=isi_aduan,agency=opd",
        )
        parser.add_argument("--source", default="", help="Keterangan asal data.")

    def handle(self, path, columns, source, **options):
        mapping = parse_columns(columns)
        agencies = {a.short_name.lower(): a for a in Agency.objects.all()}
        agencies.update({a.name.lower(): a for a in Agency.objects.all()})
        rows, errors = [], []
        try:
            with open(path, newline="", encoding="utf-8-sig") as handle:
                reader = csv.DictReader(handle)
                missing = set(mapping.values()) - set(reader.fieldnames or [])
                if missing:
                    raise CommandError(f"Kolom tidak ada di berkas: {', '.join(sorted(missing))}")
                for number, record in enumerate(reader, start=2):
                    text = (record.get(mapping["text"]) or "").strip()
                    label = (record.get(mapping["agency"]) or "").strip()
                    agency = agencies.get(label.lower())
                    if not text:
                        errors.append(f"baris {number}: teks kosong")
                    elif agency is None:
                        errors.append(f"baris {number}: OPD {label!r} tidak dikenal")
                    else:
                        rows.append((text, agency))
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(str(exc)) from exc
        if errors:
            raise CommandError("Tidak ada yang diimpor:\n" + "\n".join(errors[:50]))
        created = 0
        with transaction.atomic():
            for text, agency in rows:
                try:
                    with transaction.atomic():
                        RoutingExample.objects.create(text=text, agency=agency, source=source)
                    created += 1
                except IntegrityError:
                    continue
        if created:
            retrain()  # the dispatch form uses the new history now, not after the nightly job
        self.stdout.write(
            self.style.SUCCESS(f"{created} contoh baru, {len(rows) - created} sudah ada.")
        )
