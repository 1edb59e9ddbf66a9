"""A fair agency league table [SPEC §9]: punctuality compared with what was expected of each
agency's own mix of complaints, not raw counts.

For every urgency class the share of complaints answered (and resolved) on time over all
agencies is the expectation. An agency's *expected* on-time count is the sum of those shares
over its own complaints; its ratio is observed ÷ expected, so an agency with many
field-inspection cases is not punished for their harder deadlines, and one with easy
information requests is not flattered by them. Small numbers are pulled towards "as expected"
(1.0) by adding five expected complaints to both sides — (observed + 5) ÷ (expected + 5) —
so an agency with two lucky answers does not top the table. The score is the mean of the
response and resolution ratios (the response ratio alone when nothing was resolved yet).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from pengaduan.models import Agency, Complaint

PRIOR = 5.0
MIN_COMPLAINTS = 3

FORMULA = (
    "Untuk setiap klasifikasi aduan (mendesak, biasa, informasi, tanpa pemeriksaan lapangan, "
    "perlu pemeriksaan lapangan) dihitung persentase aduan yang tepat waktu di semua OPD: "
    "itulah harapannya. Harapan sebuah OPD adalah jumlah persentase itu atas aduan yang ia "
    "terima sendiri, sehingga OPD yang banyak menerima aduan sulit tidak dirugikan. "
    "Rasio = (tepat waktu + 5) ÷ (harapan + 5): angka 5 menarik OPD dengan sedikit aduan ke "
    "arah 1,00 (sesuai harapan) agar keberuntungan kecil tidak menentukan peringkat. "
    "Skor adalah rata-rata rasio tanggapan dan rasio penyelesaian; di atas 1,00 berarti lebih "
    "tepat waktu daripada yang diharapkan. OPD dengan kurang dari 3 aduan ditanggapi tidak "
    "diberi peringkat."
)


@dataclass
class Row:
    agency_id: int
    name: str
    short_name: str
    responded: int
    responded_on_time: int
    response_expected: float
    resolved: int
    resolved_on_time: int
    resolution_expected: float

    @property
    def response_ratio(self) -> float:
        return round((self.responded_on_time + PRIOR) / (self.response_expected + PRIOR), 2)

    @property
    def resolution_ratio(self) -> float | None:
        if not self.resolved:
            return None
        return round((self.resolved_on_time + PRIOR) / (self.resolution_expected + PRIOR), 2)

    @property
    def score(self) -> float:
        ratios = [self.response_ratio]
        if self.resolution_ratio is not None:
            ratios.append(self.resolution_ratio)
        return round(sum(ratios) / len(ratios), 2)


def _rates(rows: list[tuple]) -> dict[str, float]:
    judged, good = defaultdict(int), defaultdict(int)
    for _agency, urgency, on_time in rows:
        judged[urgency] += 1
        good[urgency] += bool(on_time)
    return {urgency: good[urgency] / judged[urgency] for urgency in judged}


def table(start: dt.datetime, end: dt.datetime) -> list[Row]:
    responses = list(
        Complaint.objects.filter(
            responded_at__gte=start,
            responded_at__lt=end,
            agency__isnull=False,
            responded_on_time__isnull=False,
        ).values_list("agency_id", "urgency", "responded_on_time")
    )
    resolutions = list(
        Complaint.objects.filter(
            resolved_at__gte=start,
            resolved_at__lt=end,
            agency__isnull=False,
            resolved_on_time__isnull=False,
        ).values_list("agency_id", "urgency", "resolved_on_time")
    )
    response_rate, resolution_rate = _rates(responses), _rates(resolutions)
    tally: dict[int, list[float]] = defaultdict(lambda: [0, 0, 0.0, 0, 0, 0.0])
    for agency, urgency, on_time in responses:
        entry = tally[agency]
        entry[0] += 1
        entry[1] += bool(on_time)
        entry[2] += response_rate[urgency]
    for agency, urgency, on_time in resolutions:
        entry = tally[agency]
        entry[3] += 1
        entry[4] += bool(on_time)
        entry[5] += resolution_rate[urgency]
    names = {a.pk: a for a in Agency.objects.filter(pk__in=tally).only("name", "short_name")}
    rows = [
        Row(
            pk,
            names[pk].name,
            names[pk].short_name,
            int(e[0]),
            int(e[1]),
            round(e[2], 2),
            int(e[3]),
            int(e[4]),
            round(e[5], 2),
        )
        for pk, e in tally.items()
        if e[0] >= MIN_COMPLAINTS
    ]
    return sorted(rows, key=lambda r: (-r.score, -r.responded, r.name))
