"""Strategic issues [001 "laporan harian isu strategis"]: what complaints are about, what is
rising, and which agencies it lands on.

Words and two-word phrases of the public copy go through the Indonesian normaliser (slang,
stop words, stems). A topic's weight is the number of complaints that mention it; "rising"
compares with the period just before, smoothed so that 1 → 3 does not outrank 40 → 80.
Generic complaint vocabulary ("mohon", "warga", "tolong") is left out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from itertools import pairwise

from faq.text import tokens
from pengaduan.models import Complaint
from workflow import policy

# Words every complaint uses; they say nothing about the issue.
GENERIC = frozenset(
    [
        "mohon",
        "tolong",
        "warga",
        "masyarakat",
        "desa",
        "kecamatan",
        "kabupaten",
        "lumajang",
        "pak",
        "bu",
        "bapak",
        "ibu",
        "admin",
        "terima",
        "kasih",
        "sudah",
        "belum",
        "lapor",
        "aduan",
        "adu",
        "segera",
        "bantu",
        "cek",
        "periksa",
        "tindak",
        "lanjut",
        "saya",
        "kami",
        "kita",
        "mereka",
        "sangat",
        "sekali",
        "banyak",
        "hari",
        "minggu",
        "bulan",
        "tahun",
        "lalu",
        "kemarin",
        "sekarang",
        "lokasi",
        "dusun",
        "rt",
        "rw",
        "jalan",
        "sampai",
        "karena",
        "bisa",
        "ada",
        "tidak",
    ]
)
MIN_COUNT = 3


@dataclass
class Topic:
    term: str
    count: int
    previous: int
    growth: float
    agencies: list[tuple[str, int]] = field(default_factory=list)
    examples: list[str] = field(default_factory=list)

    @property
    def rising(self) -> bool:
        return self.count >= MIN_COUNT and self.growth >= 1.5


def _terms(text: str) -> set[str]:
    words = [w for w in tokens(text) if w not in GENERIC and not w.isdigit() and len(w) > 2]
    return set(words) | {f"{a} {b}" for a, b in pairwise(words)}


def _documents(start: dt.datetime, end: dt.datetime, agency_id: int | None):
    rows = Complaint.objects.filter(created_at__gte=start, created_at__lt=end).exclude(
        status="archived"
    )
    if agency_id:
        # An agency reads only what it may open (policy.AGENCY_VISIBLE_STATES): not the numbers
        # of complaints it returned or that went elsewhere.
        rows = rows.filter(agency_id=agency_id, status__in=sorted(policy.AGENCY_VISIBLE_STATES))
    return rows.values_list("tracking_number", "public_text", "agency__short_name").iterator()


def strategic_issues(
    start: dt.datetime, end: dt.datetime, *, agency_id: int | None = None, limit: int = 15
) -> dict:
    """Top topics of [start, end) and the rising ones against the same length before."""
    before = start - (end - start)
    current: Counter[str] = Counter()
    documents: dict[str, set[int]] = defaultdict(set)
    agencies: dict[str, Counter[str]] = defaultdict(Counter)
    examples: dict[str, list[str]] = defaultdict(list)
    total = 0
    for number, text, agency in _documents(start, end, agency_id):
        total += 1
        for term in _terms(text):
            current[term] += 1
            documents[term].add(total)
            if agency:
                agencies[term][agency] += 1
            if len(examples[term]) < 5:
                examples[term].append(number)
    previous: Counter[str] = Counter()
    for _number, text, _agency in _documents(before, start, agency_id):
        previous.update(_terms(text))

    def topic(term: str) -> Topic:
        count, before_count = current[term], previous.get(term, 0)
        return Topic(
            term=term,
            count=count,
            previous=before_count,
            growth=round((count + 2) / (before_count + 2), 2),
            agencies=agencies[term].most_common(3),
            examples=examples[term],
        )

    candidates = [term for term, count in current.items() if count >= MIN_COUNT]
    # One topic per group of complaints: a term whose complaints are mostly those of a term
    # already chosen says nothing new ("gas" after "gas melon"). Phrases go first at equal
    # counts, being the more telling.
    chosen: list[str] = []
    for term in sorted(candidates, key=lambda t: (-current[t], -len(t.split()), t)):
        mine = documents[term]
        if any(len(mine & documents[other]) >= 0.8 * len(mine) for other in chosen):
            continue
        chosen.append(term)
        if len(chosen) == limit:
            break
    rising = sorted(
        (topic(t) for t in candidates if topic(t).rising),
        key=lambda t: (-t.growth * math.log(t.count + 1), t.term),
    )[:limit]
    return {
        "start": start,
        "end": end,
        "complaints": total,
        "top": [topic(t) for t in chosen],
        "rising": rising,
    }
