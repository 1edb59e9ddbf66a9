"""When each step of a demo complaint's history happens.

``seed_demo`` replays every demo complaint through the real services at moments chosen here,
so that the history reads like a working service: each step after the one before it, staff
acting in office hours of working days (the SLA calendar, holidays included), citizens from
early morning to late evening on any day, and each step taking a time drawn around its
service level (mostly within it, some late). Dates written in the demo texts
(``{tinjau}``, ``{selesai}``, …) are filled in from the same moments, so a complaint filed
this week is not "inspected" two years ago.
"""

from __future__ import annotations

import datetime as dt
import random
import re
from dataclasses import dataclass, field
from types import SimpleNamespace

from home.templatetags.sambat import MONTHS
from workflow import sla
from workflow.calendar import WorkingCalendar
from workflow.states import Status

# The latest a demo step may happen: a little before the seeding itself.
MARGIN = dt.timedelta(minutes=2)
# Citizens write from early morning to late evening.
REPORTER_HOURS = (6, 21)


@dataclass
class Plan:
    """The moment of each step (in order), and the follow-up deadline the agency worked to."""

    moments: dict[str, dt.datetime] = field(default_factory=dict)
    follow_up_due: dt.datetime | None = None

    @property
    def created_at(self) -> dt.datetime:
        return self.moments["submit"]

    @property
    def last(self) -> dt.datetime:
        return max(self.moments.values())


class _Clock:
    def __init__(self, start: dt.datetime, rng: random.Random, calendar: WorkingCalendar, policy):
        self.now = start
        self.rng = rng
        self.calendar = calendar
        self.policy = policy

    def _advance(self, moment: dt.datetime) -> dt.datetime:
        # Strictly after the previous step, to the second.
        moment = max(moment, self.now + dt.timedelta(minutes=1)).replace(microsecond=0)
        self.now = moment
        return moment

    def office(self, low: float, high: float) -> dt.datetime:
        """A staff step ``low``–``high`` office minutes after the previous one."""
        minutes = self.rng.uniform(low, high)
        return self._advance(self.calendar.add_office_time(self.now, dt.timedelta(minutes=minutes)))

    def citizen(self, low_hours: float, high_hours: float) -> dt.datetime:
        """A reporter's step some hours later, moved out of the night."""
        moment = self.now + dt.timedelta(hours=self.rng.uniform(low_hours, high_hours))
        local = moment.astimezone(self.calendar.tz)
        first, last = REPORTER_HOURS
        if local.hour >= last:
            local += dt.timedelta(days=1)
        if not first <= local.hour < last:
            local = local.replace(hour=first, minute=self.rng.randint(0, 59))
            local += dt.timedelta(minutes=self.rng.randint(0, 120))
        return self._advance(local)

    def deadline(self, status: str, urgency: str) -> dt.datetime:
        """The deadline of ``status`` entered now, as the services compute it."""
        stand_in = SimpleNamespace(status=status, urgency=urgency)
        return sla.deadline_for(stand_in, self.now, self.policy, self.calendar)

    def towards(
        self,
        deadline: dt.datetime,
        *,
        late_share: float,
        on_time: tuple[float, float, float],
        late: tuple[float, float],
    ) -> dt.datetime:
        """A staff step at a share of the office time to ``deadline``: mostly a triangular
        share ``on_time`` (low, high, mode) of it, with probability ``late_share`` past it."""
        available = self.calendar.office_time_between(self.now, deadline)
        available = max(available, dt.timedelta(minutes=5))
        if self.rng.random() < late_share:
            share = self.rng.uniform(*late)
        else:
            low, high, mode = on_time
            share = self.rng.triangular(low, high, mode)
        return self._advance(self.calendar.add_office_time(self.now, available * share))


def _start(day: dt.date, urgency: str, rng: random.Random, calendar: WorkingCalendar):
    """When the complaint is filed on ``day`` (or, urgent ones, on the first working day from
    it): urgent ones in office hours — the demo's urgent stories are handled the same day —
    the others at any hour citizens write."""
    midnight = dt.datetime.combine(day, dt.time(0, 0), tzinfo=calendar.tz)
    if urgency == "urgent":
        office_day = dt.datetime.combine(day, calendar.office_end) - dt.datetime.combine(
            day, calendar.office_start
        )
        moment = calendar.add_office_time(midnight, office_day * rng.uniform(0.02, 0.7))
        return moment.replace(microsecond=0)
    first, last = REPORTER_HOURS
    return midnight.replace(hour=rng.randint(first, last - 1), minute=rng.randint(0, 59))


def plan(
    steps: list[str], day: dt.date, *, urgency: str, seed: str, calendar: WorkingCalendar, policy
) -> Plan:
    """The moments of ``steps`` for a complaint filed on ``day`` (same seed, same plan)."""
    rng = random.Random(seed)
    result = Plan()
    clock = _Clock(_start(day, urgency, rng, calendar), rng, calendar, policy)
    result.moments["submit"] = clock.now
    responded = None
    for step in steps[1:]:
        if step in ("return_to_reporter", "archive", "merge"):
            moment = clock.office(5, 120)
        elif step == "forward":
            moment = clock.office(10, 180)
        elif step == "resubmit":
            moment = clock.citizen(1, 30)
        elif step == "dispatch":
            # Verification has a few office minutes [SOP 2025 step 4]: often met, often not.
            moment = clock.towards(
                clock.deadline(Status.SUBMITTED, urgency),
                late_share=0.4,
                on_time=(0.1, 1.0, 0.6),
                late=(1.2, 30),
            )
        elif step in ("respond", "respond_draft"):
            # Four office hours for the first response [SOP 2025 step 7].
            moment = clock.towards(
                clock.deadline(Status.DISPATCHED, urgency),
                late_share=0.12,
                on_time=(0.04, 0.95, 0.3),
                late=(1.05, 2.5),
            )
            responded = moment
        elif step == "approve":
            moment = clock.office(10, 150)
            responded = moment
        elif step == "return_by_agency":
            moment = clock.office(30, 300)
        elif step == "progress":
            result.follow_up_due = clock.deadline(Status.RESPONDED, urgency)
            if "resolve" in steps:
                continue  # placed between the response and the resolution, below
            moment = clock.towards(
                result.follow_up_due, late_share=0.1, on_time=(0.05, 0.5, 0.15), late=(1.0, 1.2)
            )
        elif step == "resolve":
            due = result.follow_up_due or clock.deadline(Status.RESPONDED, urgency)
            # Field inspections have 60 calendar days; most take a few weeks.
            mode = 0.25 if urgency == "field_inspection" else 0.55
            moment = clock.towards(
                due, late_share=0.15, on_time=(0.1, 0.95, mode), late=(1.02, 1.4)
            )
            if "progress" in steps:
                start = responded or result.created_at
                between = calendar.office_time_between(start, moment)
                progress = calendar.add_office_time(start, between * rng.uniform(0.25, 0.7))
                progress = min(
                    max(progress, start + dt.timedelta(minutes=1)),
                    moment - dt.timedelta(minutes=1),
                )
                result.moments["progress"] = progress.replace(microsecond=0)
        elif step == "close_reporter":
            moment = clock.citizen(3, 96)
        elif step == "close_system":
            # The sweep closes a resolution the reporter did not answer [004 step 6].
            closes = calendar.add_working_days(clock.now, policy.auto_close_working_days)
            moment = clock._advance(closes + dt.timedelta(minutes=rng.uniform(1, 20)))
        elif step == "rate":
            moment = clock.citizen(0.1, 10)
        elif step == "reopen":
            moment = clock.office(60, 1500)
        else:
            raise ValueError(f"Unknown demo step {step!r}")
        result.moments[step] = moment
    return result


def fit(
    steps: list[str],
    day: dt.date,
    now: dt.datetime,
    *,
    urgency: str,
    seed: str,
    calendar: WorkingCalendar,
    policy,
) -> Plan:
    """The plan starting as near ``day`` as fits: every step before ``now``, and a resolved
    complaint still inside its objection window (else the sweep would close it at once)."""

    def attempt(start_day):
        return plan(steps, start_day, urgency=urgency, seed=seed, calendar=calendar, policy=policy)

    def waiting_too_long(result: Plan) -> bool:
        if steps[-1] != "resolve":
            return False
        window = calendar.add_working_days(result.last, policy.auto_close_working_days)
        return window <= now + dt.timedelta(hours=6)

    result = attempt(day)
    for _ in range(400):
        if result.last > now - MARGIN:
            overflow = result.last - (now - MARGIN)
            day -= dt.timedelta(days=max(1, overflow.days + 1))
        elif waiting_too_long(result):
            later = attempt(day + dt.timedelta(days=1))
            if later.last > now - MARGIN:
                return result
            day += dt.timedelta(days=1)
            result = later
            continue
        else:
            return result
        result = attempt(day)
    raise RuntimeError(f"No demo timeline fits before {now:%Y-%m-%d %H:%M} for {steps}")


# --- dates in the demo texts ------------------------------------------------------------

_TOKEN = re.compile(r"\{(\w+)(?:([+-])(\d+))?\}")


def tanggal(day: dt.date) -> str:
    """12 Juni 2025 (as the texts write dates)."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def render(text: str, values: dict[str, object], calendar: WorkingCalendar) -> str:
    """Fill the text's tokens from ``values``: dates (``{tinjau}``, ``{selesai+5}`` = five
    working days later), months (``{bulan+1}`` = the month after) and years (``{tahun-1}``);
    anything else (``{opd}``) as it is."""

    def one(match: re.Match) -> str:
        name, sign, number = match.group(1), match.group(2), int(match.group(3) or 0)
        offset = -number if sign == "-" else number
        value = values[name]
        if isinstance(value, dt.datetime):
            value = value.astimezone(calendar.tz).date()
        if name == "bulan":
            month = value.year * 12 + value.month - 1 + offset
            return f"{MONTHS[month % 12]} {month // 12}"
        if name == "tahun":
            return str(value.year + offset)
        if isinstance(value, dt.date):
            if offset < 0:
                raise ValueError(f"Demo texts count dates forwards only: {match.group(0)}")
            for _ in range(offset):
                value = calendar.next_working_day(value)
            return tanggal(value)
        if offset:
            raise ValueError(f"Only dates, months and years take an offset: {match.group(0)}")
        return str(value)

    return _TOKEN.sub(one, text)


def between(start: dt.date, end: dt.date, calendar: WorkingCalendar) -> dt.date:
    """A working day halfway from ``start`` to ``end`` (``end`` when none lies between)."""
    days = []
    cursor = start + dt.timedelta(days=1)
    while cursor < end:
        if calendar.is_working_day(cursor):
            days.append(cursor)
        cursor += dt.timedelta(days=1)
    return days[len(days) // 2] if days else end
