from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from reports import recap, xlsx


class Command(BaseCommand):
    help = (
        "Buat (atau perbarui) rekap bulanan, mis. `monthly_recap 2025-04`; tanpa argumen: "
        "bulan lalu. Disimpan di database dan diberitahukan kepada Admin Pengaduan "
        "(--no-announce untuk tidak memberi tahu). --xlsx/--pdf menulis berkasnya juga."
    )

    def add_arguments(self, parser):
        parser.add_argument("month", nargs="?", help="YYYY-MM (bawaan: bulan lalu)")
        parser.add_argument("--no-announce", action="store_true")
        parser.add_argument("--xlsx", type=Path, help="tulis spreadsheet ke berkas ini")
        parser.add_argument("--pdf", type=Path, help="tulis PDF ke berkas ini (perlu Chromium)")

    def handle(self, *args, **options):
        try:
            month = recap.parse_month(options["month"]) if options["month"] else None
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        made = recap.generate(month or recap.previous_month(), announce=not options["no_announce"])
        overall = made.data["overall"]
        self.stdout.write(
            self.style.SUCCESS(
                f"Rekap {made.data['label']}: diterima {overall['received']}, ditanggapi "
                f"{overall['responded']} ({overall['responded_on_time_percent'] or 0}% tepat "
                f"waktu), selesai {overall['resolved']}, {len(made.data['agencies'])} OPD."
            )
        )
        if options["xlsx"]:
            options["xlsx"].write_bytes(xlsx.workbook(made.data))
            self.stdout.write(f"XLSX: {options['xlsx']}")
        if options["pdf"]:
            from django.template.loader import render_to_string

            from reports import pdf
            from reports.views import _print_context

            html = render_to_string(
                "reports/recap_print.html", _print_context(made, None, "", screen=False)
            )
            try:
                options["pdf"].write_bytes(pdf.html_to_pdf(html))
            except pdf.PdfUnavailable as exc:
                raise CommandError(str(exc)) from exc
            self.stdout.write(f"PDF: {options['pdf']}")
