"""Working-day calendar and the deadlines of the SOPs [000][002][004].

Working days are Monday–Friday (configurable) minus Indonesian national holidays and cuti
bersama from the ``holidays`` package. "Office time" is the part of a working day between
OFFICE_START and OFFICE_END; the 4-hour response target [000 step 7] counts office time, so a
complaint dispatched on Friday afternoon is due on Monday morning, not on Saturday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils import timezone

from .states import Status


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[dt.date]:
    calendar = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return frozenset(calendar.keys())


def _parse_clock(value: str) -> dt.time:
    hours, minutes = value.split(":")
    return dt.time(int(hours), int(minutes))


class WorkingCalendar:
    def __init__(
        self,
        *,
        weekdays: Iterable[int] = (0, 1, 2, 3, 4),
        office_start: dt.time = dt.time(7, 30),
        office_end: dt.time = dt.time(16, 0),
        extra_holidays: Iterable[dt.date] = (),
        tz: dt.tzinfo | None = None,
    ):
        self.weekdays = frozenset(weekdays)
        if not self.weekdays:
            raise ValueError("A working calendar needs at least one working weekday.")
        if office_end <= office_start:
            raise ValueError("Office hours must end after they start.")
        self.office_start = office_start
        self.office_end = office_end
        self.extra_holidays = frozenset(extra_holidays)
        self.tz = tz or timezone.get_default_timezone()

    @classmethod
    def from_settings(cls, extra_holidays: Iterable[dt.date] = ()) -> WorkingCalendar:
        conf = settings.SAMBAT_SLA
        return cls(
            weekdays=conf["WORKING_WEEKDAYS"],
            office_start=_parse_clock(conf["OFFICE_START"]),
            office_end=_parse_clock(conf["OFFICE_END"]),
            extra_holidays=extra_holidays,
            tz=ZoneInfo(settings.TIME_ZONE),
        )

    def is_holiday(self, day: dt.date) -> bool:
        return day in self.extra_holidays or day in _national_holidays(day.year)

    def is_working_day(self, day: dt.date) -> bool:
        return day.weekday() in self.weekdays and not self.is_holiday(day)

    def next_working_day(self, day: dt.date) -> dt.date:
        """The first working day strictly after ``day``."""
        day += dt.timedelta(days=1)
        while not self.is_working_day(day):
            day += dt.timedelta(days=1)
        return day

    def _local(self, moment: dt.datetime) -> dt.datetime:
        if timezone.is_naive(moment):
            raise ValueError("The working calendar needs timezone-aware datetimes.")
        return moment.astimezone(self.tz)

    def _at(self, day: dt.date, clock: dt.time) -> dt.datetime:
        return dt.datetime.combine(day, clock, tzinfo=self.tz)

    def add_working_days(self, start: dt.datetime, days: int) -> dt.datetime:
        """The same clock time ``days`` working days later.

        A start outside a working day counts from the next working day's office start, so a
        complaint resolved on Saturday gets its full ten working days.
        """
        local = self._local(start)
        day = local.date()
        clock = local.timetz().replace(tzinfo=None)
        if not self.is_working_day(day):
            day = self.next_working_day(day)
            clock = self.office_start
        for _ in range(days):
            day = self.next_working_day(day)
        return self._at(day, clock)

    def add_office_time(self, start: dt.datetime, delta: dt.timedelta) -> dt.datetime:
        """``start`` plus ``delta`` counted only inside office hours of working days."""
        remaining = delta
        cursor = self._local(start)
        day = cursor.date()
        while True:
            if self.is_working_day(day):
                opens = self._at(day, self.office_start)
                closes = self._at(day, self.office_end)
                begin = max(cursor, opens)
                if begin < closes:
                    available = closes - begin
                    if remaining <= available:
                        return begin + remaining
                    remaining -= available
            day = self.next_working_day(day)
            cursor = self._at(day, self.office_start)

    def office_time_between(self, start: dt.datetime, end: dt.datetime) -> dt.timedelta:
        """Office time elapsed from ``start`` to ``end`` (zero if end is not after start)."""
        begin, finish = self._local(start), self._local(end)
        total = dt.timedelta()
        day = begin.date()
        while day <= finish.date():
            if self.is_working_day(day):
                opens = max(self._at(day, self.office_start), begin)
                closes = min(self._at(day, self.office_end), finish)
                if closes > opens:
                    total += closes - opens
            day += dt.timedelta(days=1)
        return total


def default_calendar() -> WorkingCalendar:
    return WorkingCalendar.from_settings()


def deadline_for(complaint, now: dt.datetime, calendar: WorkingCalendar | None = None):
    """The deadline of whoever owes the next step in the complaint's current state.

    ``now`` is the moment the state was entered. Returns None for final states.
    """
    conf = settings.SAMBAT_SLA
    cal = calendar or default_calendar()
    status = complaint.status
    if status in (Status.SUBMITTED, Status.RETURNED_BY_AGENCY):
        return cal.add_office_time(now, dt.timedelta(minutes=conf["VERIFY_MINUTES"]))
    if status == Status.DISPATCHED:
        return cal.add_office_time(now, dt.timedelta(hours=conf["RESPONSE_HOURS"]))
    if status == Status.RESPONDED:
        return follow_up_deadline(complaint.urgency, now, cal)
    if status == Status.RETURNED_TO_REPORTER:
        return cal.add_working_days(now, conf["REPORTER_COMPLETION_WORKING_DAYS"])
    if status == Status.RESOLVED:
        return cal.add_working_days(now, conf["AUTO_CLOSE_WORKING_DAYS"])
    return None


def follow_up_deadline(urgency: str, start: dt.datetime, calendar: WorkingCalendar):
    conf = settings.SAMBAT_SLA
    calendar_days = conf["FOLLOW_UP_CALENDAR_DAYS"]
    if urgency in calendar_days:
        return start + dt.timedelta(days=calendar_days[urgency])
    working_days = conf["FOLLOW_UP_WORKING_DAYS"]
    return calendar.add_working_days(start, working_days.get(urgency, working_days["normal"]))
