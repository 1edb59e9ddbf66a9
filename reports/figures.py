"""The service figures of a period, overall and per agency [000 step 14][001][002][004].

Definitions (the recap's sheet "Cara menghitung" repeats them for readers):
- received: complaints filed in the period (overall, by channel); for an agency, the
  dispositions it received in the period (first dispatch and re-dispatch), by channel;
- dispatched, returned by agency, out of authority, resolved, closed, reopened: the events
  of the period in the history log (an event without an agency counts for the complaint's);
- responded / within SLA: complaints whose first response was sent in the period, and of
  those the ones sent before the response deadline in force then;
- response / resolution time: office hours (working days, office hours, holidays and cuti
  bersama excluded) from disposition to response / to resolution, fixed when they happened;
  median and 90th percentile (linear interpolation);
- resolved within SLA: resolved before the follow-up deadline of the urgency class;
- satisfaction: survey answers (1–5) given in the period, mean and count.
"""

from __future__ import annotations

import datetime as dt
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field, fields

from django.db.models import F
from django.db.models.functions import Coalesce
from django.utils import timezone

from pengaduan.models import Agency, Complaint, SatisfactionResponse
from workflow.models import ActivityLog

# The same definitions for readers of the recap (sheet "Cara menghitung", the PDF, the page).
DEFINITIONS = """\
Diterima: aduan yang masuk pada periode ini (semua OPD, per kanal); untuk satu OPD, disposisi \
yang diterimanya pada periode ini (disposisi pertama maupun disposisi ulang).
Didisposisi, dikembalikan OPD, bukan kewenangan, selesai ditindaklanjuti, ditutup, dibuka \
kembali: jumlah kejadian pada periode ini menurut log riwayat.
Ditanggapi dan tepat waktu: aduan yang tanggapan pertamanya terkirim pada periode ini, dan di \
antaranya yang terkirim sebelum batas waktu tanggapan yang berlaku saat itu.
Waktu tanggapan dan penyelesaian: jam kerja (hari kerja dan jam kantor, di luar hari libur \
nasional dan cuti bersama) sejak disposisi sampai tanggapan / sampai selesai, dicatat saat \
terjadi; median (nilai tengah) dan persentil ke-90 (90% aduan lebih cepat dari angka ini).
Selesai tepat waktu: selesai sebelum batas tindak lanjut sesuai klasifikasi aduan.
Kepuasan: rata-rata penilaian pelapor (1–5) yang diberikan pada periode ini, dan jumlahnya."""

EVENTS = {
    "dispatched": ("verify_and_dispatch", "redispatch"),
    "returned_by_agency": ("return_by_agency",),
    "out_of_authority": ("forward_out_of_authority",),
    "resolved": ("resolve",),
    "closed": ("close",),
    "reopened": ("reopen",),
}


def _percentile(values: list[float], fraction: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * fraction
    low = int(position)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (position - low), 2)


def _hours(minutes: list[int]) -> list[float]:
    return [m / 60 for m in minutes]


@dataclass
class Figures:
    received: int = 0
    received_by_channel: dict[str, int] = field(default_factory=dict)
    dispatched: int = 0
    returned_by_agency: int = 0
    out_of_authority: int = 0
    responded: int = 0
    responded_on_time: int = 0
    response_hours_median: float | None = None
    response_hours_p90: float | None = None
    resolved: int = 0
    resolved_on_time: int = 0
    resolved_judged: int = 0  # resolutions whose punctuality is known
    resolution_hours_median: float | None = None
    resolution_hours_p90: float | None = None
    closed: int = 0
    reopened: int = 0
    satisfaction_mean: float | None = None
    satisfaction_count: int = 0
    # Raw lists for medians; dropped from the stored JSON.
    _response_minutes: list[int] = field(default_factory=list, repr=False)
    _resolution_minutes: list[int] = field(default_factory=list, repr=False)
    _ratings: list[int] = field(default_factory=list, repr=False)

    @property
    def responded_on_time_percent(self) -> float | None:
        if not self.responded:
            return None
        return round(100 * self.responded_on_time / self.responded, 1)

    @property
    def resolved_on_time_percent(self) -> float | None:
        if not self.resolved_judged:
            return None
        return round(100 * self.resolved_on_time / self.resolved_judged, 1)

    def finish(self) -> Figures:
        response = _hours(self._response_minutes)
        resolution = _hours(self._resolution_minutes)
        self.response_hours_median = round(statistics.median(response), 2) if response else None
        self.response_hours_p90 = _percentile(response, 0.9)
        self.resolution_hours_median = (
            round(statistics.median(resolution), 2) if resolution else None
        )
        self.resolution_hours_p90 = _percentile(resolution, 0.9)
        self.satisfaction_count = len(self._ratings)
        self.satisfaction_mean = (
            round(sum(self._ratings) / len(self._ratings), 2) if self._ratings else None
        )
        return self

    def as_dict(self) -> dict:
        # Not dataclasses.asdict(): it deep-copies the raw lists only for them to be dropped
        # (about a second for a year of complaints at 200,000, bench/reports.py).
        data = {f.name: getattr(self, f.name) for f in fields(self) if not f.name.startswith("_")}
        data["received_by_channel"] = dict(self.received_by_channel)
        data["responded_on_time_percent"] = self.responded_on_time_percent
        data["resolved_on_time_percent"] = self.resolved_on_time_percent
        return data


@dataclass
class PeriodFigures:
    start: dt.datetime
    end: dt.datetime
    overall: Figures
    agencies: dict[int, Figures]
    names: dict[int, tuple[str, str]]  # id → (name, short name)

    def as_dict(self) -> dict:
        return {
            "start": self.start.isoformat(),
            "end": self.end.isoformat(),
            "overall": self.overall.as_dict(),
            "agencies": [
                {"id": pk, "name": self.names[pk][0], "short_name": self.names[pk][1]}
                | figures.as_dict()
                for pk, figures in sorted(
                    self.agencies.items(), key=lambda item: (-item[1].received, self.names[item[0]])
                )
            ],
        }


def month_bounds(year: int, month: int) -> tuple[dt.datetime, dt.datetime]:
    tz = timezone.get_default_timezone()
    start = dt.datetime(year, month, 1, tzinfo=tz)
    end = dt.datetime(year + (month == 12), month % 12 + 1, 1, tzinfo=tz)
    return start, end


def compute(start: dt.datetime, end: dt.datetime, agency_id: int | None = None) -> PeriodFigures:
    """Figures for [start, end). With ``agency_id``, only that agency (an OPD's own view):
    the overall figures are then that agency's too."""
    overall = Figures()
    per_agency: dict[int, Figures] = defaultdict(Figures)

    def scoped(queryset, path: str):
        return queryset.filter(**{path: agency_id}) if agency_id else queryset

    # Filed in the period, by channel (overall).
    filed = scoped(Complaint.objects.filter(created_at__gte=start, created_at__lt=end), "agency_id")
    if not agency_id:
        channels = Counter(filed.values_list("channel", flat=True))
        overall.received = sum(channels.values())
        overall.received_by_channel = dict(sorted(channels.items()))

    # Events of the history log.
    events = ActivityLog.objects.filter(
        created_at__gte=start,
        created_at__lt=end,
        action__in=[a for actions in EVENTS.values() for a in actions],
    ).annotate(who=Coalesce("agency_id", "complaint__agency_id"), channel=F("complaint__channel"))
    if agency_id:
        events = events.filter(who=agency_id)
    name_of_action = {a: name for name, actions in EVENTS.items() for a in actions}
    for action, who, channel in events.values_list("action", "who", "channel"):
        name = name_of_action[action]
        targets = [overall] + ([per_agency[who]] if who else [])
        for target in targets:
            setattr(target, name, getattr(target, name) + 1)
            if name == "dispatched" and target is not overall:
                target.received += 1
                target.received_by_channel[channel] = target.received_by_channel.get(channel, 0) + 1
    if agency_id:
        mine = per_agency[agency_id]
        overall.received, overall.received_by_channel = mine.received, mine.received_by_channel

    # Responses sent in the period.
    responded = scoped(
        Complaint.objects.filter(responded_at__gte=start, responded_at__lt=end), "agency_id"
    )
    for who, on_time, minutes in responded.values_list(
        "agency_id", "responded_on_time", "response_office_minutes"
    ):
        for target in (overall, per_agency[who]) if who else (overall,):
            target.responded += 1
            target.responded_on_time += bool(on_time)
            if minutes is not None:
                target._response_minutes.append(minutes)

    # Resolutions: time and punctuality of complaints resolved in the period.
    resolved = scoped(
        Complaint.objects.filter(resolved_at__gte=start, resolved_at__lt=end), "agency_id"
    )
    for who, on_time, minutes in resolved.values_list(
        "agency_id", "resolved_on_time", "resolution_office_minutes"
    ):
        for target in (overall, per_agency[who]) if who else (overall,):
            target.resolved_on_time += bool(on_time)
            target.resolved_judged += on_time is not None
            if minutes is not None:
                target._resolution_minutes.append(minutes)

    # Satisfaction answers given in the period.
    answers = scoped(
        SatisfactionResponse.objects.filter(created_at__gte=start, created_at__lt=end),
        "complaint__agency_id",
    )
    for who, rating in answers.values_list("complaint__agency_id", "rating"):
        for target in (overall, per_agency[who]) if who else (overall,):
            target._ratings.append(rating)

    per_agency = {pk: figures.finish() for pk, figures in per_agency.items()}
    if agency_id:
        per_agency = {agency_id: per_agency.get(agency_id, Figures().finish())}
    names = {
        pk: (name, short)
        for pk, name, short in Agency.objects.filter(pk__in=per_agency).values_list(
            "pk", "name", "short_name"
        )
    }
    return PeriodFigures(start, end, overall.finish(), per_agency, names)
