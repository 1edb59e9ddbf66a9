"""A month of complaints made from the demo texts (pengaduan/demo), for the strategic-issues
test (tests/test_topics.py) and benchmark (bench/topics.py).

The 90 demo complaints are one of each kind; a month of a regency is not. Complaints are
drawn from them with the weights a month of the demo regency shows (roads, street lights,
garbage, PDAM water and LPG far ahead), then worded the way people write on WhatsApp: a
greeting or not, some of the sentences, slang ("sdh", "gak", "jln"), a lowercase message now
and then, the reporter's own name, phone number or NIK in one complaint out of five, and the line a
reporter adds when asked to complete a complaint (as seed_demo plays it). Locations are the
demo complaint's own or another desa of the demo kecamatan. All names and numbers are
made up.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass

from pengaduan.demo.agencies import AGENCIES
from pengaduan.demo.complaints import COMPLAINTS

# How often each kind of complaint comes, by what its demo text says (first match wins).
WEIGHTS = [
    (r"lubang|aspal|ambles|retak|longsor|hancur total", 6),
    (r"\bPJU\b|[Ll]ampu", 5),
    (r"[Ss]ampah|\bTPS\b", 5),
    (r"\bPDAM\b", 5),
    (r"\b[Gg]as\b|LPG|elpiji", 4),
    (r"KTP|\bKK\b|[Aa]kta", 3),
    (r"\bPKH\b|\bBLT\b|BPJS", 2),
]
OPENERS = [
    "Assalamualaikum.",
    "Selamat pagi min.",
    "Selamat siang bapak/ibu.",
    "Permisi pak, mau lapor.",
    "Mohon maaf mengganggu.",
    "Halo admin Sambat Bunda.",
]
CLOSERS = [
    "Terima kasih.",
    "Mohon segera ditindaklanjuti.",
    "Tolong dicek ya pak.",
    "Matur nuwun.",
    "Terima kasih atas perhatiannya.",
    "Sudah lama tidak ada tindak lanjut, mohon perhatiannya.",
]
SLANG = {"sudah": "sdh", "tidak": "gak", "yang": "yg", "jalan": "jln", "untuk": "utk"}
RESUBMITTED = "Sudah saya lengkapi: lokasi dan keterangan tambahan sesuai permintaan."
FIRST_NAMES = (
    "Siti", "Sri", "Nur", "Dewi", "Lilik", "Umi", "Yuli", "Endang", "Tutik", "Wahyu", "Agus",
    "Bambang", "Heru", "Slamet", "Joko", "Budi", "Eko", "Hadi", "Rudi", "Imam", "Sugeng",
    "Anik", "Rina", "Fitri",
)  # fmt: skip
LAST_NAMES = (
    "Rahayu", "Wulandari", "Hidayat", "Santoso", "Prasetyo", "Setiawan", "Susanto", "Purnomo",
    "Kurniawan", "Lestari", "Handayani", "Wibowo", "Maulana", "Ismail", "Hariyanto", "Saputra",
    "Kusuma", "Pratama",
)  # fmt: skip


@dataclass
class Sample:
    text: str
    location: str
    agency: str  # short name, "" while not yet dispatched
    reporter: str
    phone: str
    created_at: dt.datetime
    visibility: str


def _weight(text: str, boost: dict[str, float]) -> float:
    weight = next((w for pattern, w in WEIGHTS if re.search(pattern, text)), 1)
    for pattern, factor in boost.items():
        if re.search(pattern, text):
            weight *= factor
    return weight


def _villages() -> list[tuple[str, str]]:
    out = []
    for agency in AGENCIES:
        if agency["kind"] != "kecamatan":
            continue
        kecamatan = agency["name"].removeprefix("Kecamatan ").strip()
        for word in agency["keywords"]:
            if word.isalpha() and word != kecamatan.lower():
                out.append((word.title(), kecamatan))
    return out


def _reword(text: str, rng: random.Random, name: str, phone: str) -> str:
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept = sentences[:1] + [s for s in sentences[1:] if rng.random() < 0.6]
    if rng.random() < 0.35:
        kept.insert(0, rng.choice(OPENERS))
    if rng.random() < 0.2:
        nik = f"3508{rng.randrange(10**12):012d}"
        kept.append(
            rng.choice(
                (
                    f"Saya {name}, bisa dihubungi di {phone}.",
                    f"Nama saya {name}, no HP {phone}.",
                    f"NIK saya {nik}.",
                )
            )
        )
    if rng.random() < 0.45:
        kept.append(rng.choice(CLOSERS))
    out = " ".join(kept)
    if rng.random() < 0.3:
        for word, slang in SLANG.items():
            out = re.sub(rf"\b{word}\b", slang, out)
    if rng.random() < 0.1:
        out = out.lower()
    if rng.random() < 0.06:
        out = f"{out}\n\n{RESUBMITTED}"
    return out


def month(
    count: int,
    start: dt.datetime,
    *,
    days: int = 30,
    seed: int = 2025,
    boost: dict[str, float] | None = None,
) -> list[Sample]:
    """``count`` complaints filed in [start, start + days), drawn from the demo texts."""
    rng = random.Random(seed)
    boost = boost or {}
    weights = [_weight(item["text"], boost) for item in COMPLAINTS]
    villages = _villages()
    samples = []
    for item in rng.choices(COMPLAINTS, weights=weights, k=count):
        name = f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"
        phone = f"08{rng.choice('1235')}{rng.randrange(10**9):09d}"
        if rng.random() < 0.7:
            location = item["location"]
        else:
            village, kecamatan = rng.choice(villages)
            location = f"Desa {village}, Kecamatan {kecamatan}"
        samples.append(
            Sample(
                text=_reword(item["text"], rng, name, phone),
                location=location,
                agency="" if rng.random() < 0.12 else item["agency"],
                reporter=name,
                phone=phone,
                created_at=start + dt.timedelta(seconds=rng.uniform(0, days * 86400)),
                visibility=rng.choices(("public", "anonymous", "confidential"), (7, 2, 1))[0],
            )
        )
    return samples


def store(samples: list[Sample], *, prefix: str = "SB-DM") -> int:
    """Write the samples as complaints (with their reporters and the demo agencies); returns
    how many. Rows go in with ``bulk_create``: the topics read only what is stored."""
    from pengaduan.models import Agency, Complaint, Reporter
    from pengaduan.redaction import redact

    existing = set(Agency.objects.values_list("short_name", flat=True))
    Agency.objects.bulk_create(
        Agency(
            name=a["name"],
            short_name=a["short_name"],
            kind=a["kind"],
            keywords=", ".join(a["keywords"]),
        )
        for a in AGENCIES
        if a["short_name"] not in existing
    )
    agencies = dict(Agency.objects.values_list("short_name", "pk"))
    reporters = Reporter.objects.bulk_create(
        Reporter(name=s.reporter, whatsapp_number=s.phone) for s in samples
    )
    start = Complaint.objects.count()
    Complaint.objects.bulk_create(
        (
            Complaint(
                tracking_number=f"{prefix}-{start + n:06d}",
                reporter=reporter,
                text=s.text,
                public_text=redact(s.text),
                location_text=s.location,
                agency_id=agencies.get(s.agency),
                status="dispatched" if s.agency in agencies else "submitted",
                visibility=s.visibility,
                created_at=s.created_at,
            )
            for n, (s, reporter) in enumerate(zip(samples, reporters, strict=True))
        ),
        batch_size=1000,
    )
    return len(samples)
