"""Load demo data: the agencies of Kabupaten Lumajang, demo staff and realistic complaints."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw

from home.setup import ensure_public_pages
from pengaduan.attachments import CleanFile
from pengaduan.demo import timeline
from pengaduan.demo.agencies import AGENCIES
from pengaduan.demo.complaints import COMPLAINTS
from pengaduan.demo.progress import PROGRESS
from pengaduan.models import (
    Agency,
    Category,
    Complaint,
    StaffProfile,
    random_tracking_number,
)
from pengaduan.routing import retrain
from sambat_site import setup
from workflow import outbox, policy, services, sla

DEMO_PASSWORD = "sambatbunda-demo"  # noqa: S105 - printed on purpose for the demo
# Agencies whose Sekretaris and Kepala get demo accounts too; DINKES requires approval.
FEATURED_AGENCIES = ("DPUTR", "DINKES", "KEC-PASIRIAN", "BPBD")
APPROVAL_AGENCIES = ("DINKES",)

# How the 90 demo complaints are spread over the lifecycle.
TARGET_COUNTS = {
    "submitted": 10,
    "returned_to_reporter": 5,
    "dispatched": 12,
    "returned_by_agency": 5,
    "responded": 13,
    "reopened": 2,
    "resolved": 12,
    "closed": 19,
    "archived": 4,
    "duplicate": 2,
    "out_of_authority": 4,
}
# Days before today that a complaint aiming for each state was filed (earlier when its
# history takes longer: pengaduan/demo/timeline.py fits every step before the seeding).
AGE_DAYS = {
    "submitted": (0, 2),
    "returned_to_reporter": (1, 4),
    "dispatched": (0, 3),
    "returned_by_agency": (1, 6),
    "responded": (3, 12),
    "reopened": (25, 40),
    "resolved": (8, 16),
    "closed": (25, 90),
    "archived": (3, 40),
    "duplicate": (3, 30),
    "out_of_authority": (3, 40),
}


def evidence_photo(caption: str) -> CleanFile:
    """A generated JPEG standing in for a field photo in the demo."""
    image = Image.new("RGB", (640, 400), (46, 125, 50))
    draw = ImageDraw.Draw(image)
    draw.rectangle((20, 20, 620, 380), outline=(255, 255, 255), width=4)
    draw.text((40, 180), caption, fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=80)
    return CleanFile(buffer.getvalue(), "image/jpeg", "bukti-tindak-lanjut.jpg")


class Command(BaseCommand):
    help = (
        "Isi data contoh: OPD Kabupaten Lumajang (dinas, badan, bagian, 21 kecamatan, "
        "kelurahan, instansi vertikal), akun petugas contoh untuk setiap peran, halaman FAQ "
        "dan panduan, dan 90 aduan realistis di semua status. Aman dijalankan berulang: hanya "
        "yang belum ada yang dibuat; yang sudah ada (dan suntingan petugas atasnya) tidak "
        "diubah, dan yang sudah dihapus petugas tidak dibuat lagi."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Izinkan walau DEBUG=False (jangan lakukan di server produksi sungguhan).",
        )
        parser.add_argument(
            "--no-complaints", action="store_true", help="Hanya OPD dan akun petugas."
        )

    def handle(self, *args, **options):
        if not settings.DEBUG and not options["allow_production"]:
            raise CommandError(
                "seed_demo membuat akun dengan kata sandi contoh; jalankan hanya di lingkungan "
                "pengembangan (DEBUG=True) atau tambahkan --allow-production."
            )
        with transaction.atomic():
            agencies = self.seed_agencies()
            categories = self.seed_categories(agencies)
            staff = self.seed_staff(agencies)
        faqs = self.seed_faq()
        ensure_public_pages()
        examples = self.seed_routing(agencies)
        created = 0
        if not options["no_complaints"]:
            # Demo history is replayed through the real services, but nobody is messaged.
            with outbox.suppressed():
                created = self.seed_complaints(agencies, staff)
        retrain()
        if created:
            # The recap of last month, as the scheduler makes on the 1st (nobody is told).
            from reports.recap import generate, previous_month

            generate(previous_month(), announce=False)
        self.stdout.write(
            self.style.SUCCESS(
                f"OPD: {len(agencies)}, kategori: {categories}, "
                f"petugas contoh: {len(staff['all'])}, FAQ: {faqs}, "
                f"contoh saran OPD: {examples}, "
                f"aduan baru: {created} (total {Complaint.objects.count()})."
            )
        )

    # --- agencies and staff --------------------------------------------------------------

    def seed_categories(self, agencies: dict[str, Agency]) -> int:
        """The complaint categories (Open311 services): each made once, then the operator's."""
        from pengaduan.demo.categories import CATEGORIES

        existing = set(Category.objects.values_list("code", flat=True))
        done = setup.done_keys("category:")
        for order, data in enumerate(CATEGORIES, start=1):
            key = f"category:{data['code']}"
            if data["code"] not in existing and key not in done:
                Category.objects.create(
                    code=data["code"],
                    name=data["name"],
                    description=data["description"],
                    agency=agencies.get(data["agency"]),
                    keywords=data["keywords"],
                    attributes=data.get("attributes", []),
                    order=order,
                )
            setup.mark(key)
        return len(CATEGORIES)

    def seed_agencies(self) -> dict[str, Agency]:
        """The demo agencies: each made once; names, numbers, keywords and approval an admin
        edited afterwards are kept as they are."""
        agencies = {agency.short_name: agency for agency in Agency.objects.all()}
        done = setup.done_keys("agency:")
        for number, data in enumerate(AGENCIES, start=1):
            short_name = data["short_name"]
            key = f"agency:{short_name}"
            if short_name not in agencies and key not in done:
                fields = {
                    "name": data["name"],
                    "kind": data["kind"],
                    "keywords": ", ".join(data["keywords"]),
                    "requires_response_approval": short_name in APPROVAL_AGENCIES,
                }
                if short_name in FEATURED_AGENCIES or data["kind"] in ("dinas", "badan"):
                    fields.update(
                        admin_whatsapp=f"+62811300{number:04d}",
                        sekdin_whatsapp=f"+62811400{number:04d}",
                        kadis_whatsapp=f"+62811500{number:04d}",
                    )
                agencies[short_name] = Agency.objects.create(short_name=short_name, **fields)
            setup.mark(key)
        return agencies

    def _user(self, username, first_name, role, agency=None, superuser=False):
        """A demo account, made once with its role and agency; later changes by an admin (a
        new password, another group or agency, deactivation) stay."""
        user_model = get_user_model()
        key = f"user:{username}"
        user = user_model.objects.filter(username=username).first()
        if user is None and not setup.done(key):
            user = user_model.objects.create(
                username=username, first_name=first_name, is_staff=True, is_superuser=superuser
            )
            user.set_password(DEMO_PASSWORD)
            user.save(update_fields=["password"])
            if role:
                user.groups.add(Group.objects.get(name=role))
            StaffProfile.objects.get_or_create(user=user, defaults={"agency": agency})
        setup.mark(key)
        return user

    def seed_staff(self, agencies: dict[str, Agency]) -> dict:
        staff = {"all": [], "operators": {}, "approvers": {}}
        staff["superuser"] = self._user("admin", "Administrator", None, superuser=True)
        staff["admin"] = self._user("adminpengaduan", "Dewi Kominfo", policy.ADMIN_PENGADUAN)
        staff["validator"] = self._user("validator", "Rudi Validator", policy.VALIDATOR)
        staff["editor"] = self._user("editorfaq", "Nia Editor", policy.EDITOR_FAQ)
        staff["all"] += [staff["superuser"], staff["admin"], staff["validator"], staff["editor"]]
        used = {item["agency"] for item in COMPLAINTS} | set(FEATURED_AGENCIES)
        for short_name in sorted(used & set(agencies)):
            agency = agencies[short_name]
            slug = short_name.lower()
            operator = self._user(f"opd.{slug}", f"Operator {short_name}", policy.ADMIN_OPD, agency)
            staff["operators"][short_name] = operator
            staff["all"].append(operator)
            if short_name in FEATURED_AGENCIES:
                sekdin = self._user(
                    f"sekdin.{slug}", f"Sekretaris {short_name}", policy.PEJABAT_PENGHUBUNG, agency
                )
                kadis = self._user(
                    f"kadis.{slug}", f"Kepala {short_name}", policy.KEPALA_OPD, agency
                )
                staff["approvers"][short_name] = sekdin
                staff["all"] += [sekdin, kadis]
        staff["all"] = [user for user in staff["all"] if user is not None]
        return staff

    # --- FAQ ---------------------------------------------------------------------------

    def seed_faq(self) -> int:
        """The FAQ section with its moderation workflow, and the Lumajang FAQ pages (each made
        and published once: editors' later edits are theirs)."""
        from faq.data.lumajang import FAQS
        from faq.setup import FaqRow, ensure_faq, ensure_faq_index

        index = ensure_faq_index()
        for item in FAQS:
            ensure_faq(
                index,
                FaqRow(
                    question=item["question"],
                    answer=item["answer"],
                    category=item["category"],
                    agency=item["agency"],
                    keywords=item["keywords"],
                    slug=item["slug"],
                ),
            )
        return len(FAQS)

    def seed_routing(self, agencies) -> int:
        """Historical examples for the agency suggestion (pengaduan/data), then a trained model."""
        import csv
        from pathlib import Path

        from pengaduan.models import RoutingExample

        key = "routing-examples:demo"
        if setup.done(key):
            return RoutingExample.objects.count()
        path = Path(__file__).resolve().parents[2] / "data" / "routing_labelled.csv"
        setup.mark(key)
        with open(path, newline="", encoding="utf-8") as handle:
            for row in csv.DictReader(handle):
                agency = agencies.get(row["agency"])
                if agency is not None:
                    RoutingExample.objects.get_or_create(
                        text=row["text"], agency=agency, defaults={"source": "demo"}
                    )
        return RoutingExample.objects.count()

    # --- complaints ----------------------------------------------------------------------

    def seed_complaints(self, agencies, staff) -> int:
        """The demo complaints, played once through the real services. A complaint that is
        already there (by reporter and text) is skipped; after the first full run, none is
        made again, so an erased or merged demo complaint does not come back."""
        key = "complaints:demo"
        if setup.done(key):
            return 0
        with transaction.atomic():
            created = self._seed_complaints(agencies, staff)
            setup.mark(key)
        return created

    def _seed_complaints(self, agencies, staff) -> int:
        targets = [state for state, count in TARGET_COUNTS.items() for _ in range(count)]
        targets += ["closed"] * (len(COMPLAINTS) - len(targets))
        random.Random(20251123).shuffle(targets)
        now = timezone.now()
        sla_policy = sla.current_policy()
        calendar = sla.calendar_for(sla_policy)
        created = 0
        survivors: list[Complaint] = []
        for index, (item, target) in enumerate(zip(COMPLAINTS, targets, strict=False)):
            # Recognise a demo complaint by its reporter and text, whatever day it runs again.
            if Complaint.objects.filter(
                reporter__whatsapp_number=item["phone"], text__startswith=item["text"]
            ).exists():
                continue
            if not self._cast_present(item, agencies, staff):
                continue  # its agency or demo staff were deleted: nothing to play it with
            rng = random.Random(f"sambat-demo-{index}")
            steps = self._steps(item, target, agencies[item["agency"]], rng)
            low, high = AGE_DAYS[target]
            day = (now - dt.timedelta(days=rng.uniform(low, high))).astimezone(calendar.tz).date()
            history = timeline.fit(
                steps,
                day,
                now,
                urgency=item["urgency"],
                seed=f"sambat-demo-{index}-time",
                calendar=calendar,
                policy=sla_policy,
            )
            with transaction.atomic():
                complaint = self._play(item, history, rng, calendar, agencies, staff, survivors)
            survivors.append(complaint)
            created += 1
        return created

    @staticmethod
    def _cast_present(item, agencies, staff) -> bool:
        agency = agencies.get(item["agency"])
        if agency is None or staff["admin"] is None:
            return False
        if staff["operators"].get(item["agency"]) is None:
            return False
        return not agency.requires_response_approval or bool(staff["approvers"].get(item["agency"]))

    @staticmethod
    def _steps(item, target: str, agency: Agency, rng: random.Random) -> list[str]:
        """The service steps that take this demo complaint to ``target``, in order."""
        steps = ["submit"]
        if target == "submitted":
            return steps
        if item["return_reason"] or target == "returned_to_reporter":
            steps.append("return_to_reporter")
            if target == "returned_to_reporter":
                return steps
            steps.append("resubmit")
        if target == "archived":
            return [*steps, "archive"]
        if target == "duplicate":
            return [*steps, "merge"]
        if target == "out_of_authority" or agency.kind == Agency.Kind.INSTANSI_VERTIKAL:
            return [*steps, "forward"]
        steps.append("dispatch")
        if agency.requires_response_approval and target in ("dispatched", "responded"):
            # Show the approval step [002]: the operator's answer waits for the Sekretaris.
            return [*steps, "respond_draft"]
        if target == "dispatched":
            return steps
        if target == "returned_by_agency":
            return [*steps, "return_by_agency"]
        steps.append("respond")
        if agency.requires_response_approval:
            steps.append("approve")
        if target == "responded":
            return [*steps, "progress"] if rng.random() < 0.5 else steps
        steps += ["progress", "resolve"]
        if target == "resolved":
            return steps
        steps.append("close_reporter" if rng.random() < 0.6 else "close_system")
        if target == "closed" and rng.random() < 0.8:
            steps.append("rate")
        if target == "reopened":
            steps.append("reopen")
        return steps

    @staticmethod
    def _progress_text(item, agency, history, rng, calendar) -> str:
        """A follow-up telling what is under way (the resolution tells what was done)."""
        moment = history.moments["progress"]
        due = history.follow_up_due
        pool = PROGRESS[item["urgency"]]
        if (
            due is None
            or moment.astimezone(calendar.tz).date() > due.astimezone(calendar.tz).date()
        ):
            pool = [text for text in pool if "{batas}" not in text]  # no promise already broken
        values = {
            "opd": agency.name,
            "lokasi": item["location"].split(",")[0].strip(),
            "tinjau": moment,
            "batas": due,
        }
        return timeline.render(rng.choice(pool), values, calendar)

    @staticmethod
    def _resolution_text(item, history, calendar) -> str:
        moments = history.moments
        done = moments["resolve"]
        seen = moments.get("progress", done)
        local = seen.astimezone(calendar.tz).date(), done.astimezone(calendar.tz).date()
        values = {
            "tinjau": seen,
            "antara": timeline.between(*local, calendar),
            "selesai": done,
            "bulan": done,
            "tahun": done,
        }
        return timeline.render(item["resolution"], values, calendar)

    def _play(self, item, history, rng, calendar, agencies, staff, survivors):
        admin = staff["admin"]
        agency = agencies[item["agency"]]
        operator = staff["operators"][item["agency"]]
        reporter = services.find_or_create_reporter(
            name=item["reporter"], whatsapp_number=item["phone"]
        )
        at = history.moments
        complaint = services.submit(
            reporter=reporter,
            text=item["text"],
            channel=item["channel"],
            location_text=item["location"],
            visibility=item["visibility"],
            urgency=item["urgency"],
            now=at["submit"],
            # The number carries the month it was filed in (SB-2609-… for September).
            tracking_number_generator=lambda: random_tracking_number(at["submit"]),
        )
        for step, moment in list(at.items())[1:]:
            if step == "return_to_reporter":
                reason = (
                    item["return_reason"] or "Mohon lengkapi lokasi kejadian (nama dusun dan desa)."
                )
                services.return_to_reporter(complaint, by=admin, reason=reason, now=moment)
            elif step == "resubmit":
                services.resubmit(
                    complaint,
                    text="Sudah saya lengkapi: lokasi dan keterangan tambahan sesuai permintaan.",
                    now=moment,
                )
            elif step == "archive":
                services.archive(complaint, by=admin, reason_code="irrelevant", now=moment)
            elif step == "merge":
                # The same problem reported earlier by someone else, still being handled.
                survivor = next(
                    (
                        s
                        for s in sorted(survivors, key=lambda s: s.created_at, reverse=True)
                        if s.created_at < complaint.created_at
                        and s.status not in ("archived", "out_of_authority")
                    ),
                    None,
                )
                if survivor is not None:
                    services.merge_duplicate(complaint, survivor, by=admin, now=moment)
            elif step == "forward":
                services.forward_out_of_authority(
                    complaint,
                    by=admin,
                    institution=agency.name,
                    note=(
                        f"Aduan ini merupakan kewenangan {agency.name}. Silakan sampaikan juga "
                        "melalui SP4N-LAPOR! (lapor.go.id) agar dapat ditindaklanjuti instansi "
                        "tersebut."
                    ),
                    now=moment,
                )
            elif step == "dispatch":
                services.verify_and_dispatch(complaint, agency, by=admin, now=moment)
            elif step in ("respond", "respond_draft"):
                services.respond(complaint, by=operator, text=item["response"], now=moment)
            elif step == "approve":
                services.approve_response(
                    complaint, by=staff["approvers"][item["agency"]], now=moment
                )
            elif step == "return_by_agency":
                services.return_by_agency(
                    complaint,
                    by=operator,
                    reason=(
                        "Lokasi yang dilaporkan bukan wilayah/tugas kami; mohon disposisi ulang."
                    ),
                    now=moment,
                )
            elif step == "progress":
                text = self._progress_text(item, agency, history, rng, calendar)
                services.add_follow_up(complaint, by=operator, text=text, now=moment)
            elif step == "resolve":
                services.resolve(
                    complaint,
                    by=operator,
                    text=self._resolution_text(item, history, calendar),
                    files=[evidence_photo(f"Bukti tindak lanjut {complaint.tracking_number}")],
                    now=moment,
                )
                # The evidence was uploaded with the resolution, not when the demo ran.
                complaint.attachments.filter(created_at__gt=moment).update(created_at=moment)
            elif step in ("close_reporter", "close_system"):
                closer = policy.REPORTER_ACTOR if step == "close_reporter" else policy.SYSTEM_ACTOR
                services.close(complaint, by=closer, now=moment)
            elif step == "rate":
                # The satisfaction survey after closing [002]: mostly content, some not.
                services.record_satisfaction(
                    complaint,
                    rating=rng.choices((1, 2, 3, 4, 5), weights=(1, 2, 4, 9, 8))[0],
                    comment=rng.choice(("", "", "Terima kasih, cepat ditangani.", "Semoga rutin.")),
                    by=policy.REPORTER_ACTOR,
                    now=moment,
                )
            elif step == "reopen":
                services.reopen(
                    complaint,
                    by=admin,
                    reason="Pelapor menyampaikan masalah muncul kembali setelah hujan deras.",
                    now=moment,
                )
        return complaint
