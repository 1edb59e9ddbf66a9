"""Working-day calendar: which days and hours count for the SOP deadlines.

Working days are Monday–Friday (configurable) minus Indonesian national holidays and cuti
bersama from the ``holidays`` package (its ``government`` category) and the holidays admins
add. "Office time" is the part of a working day between the office opening and closing times;
the 4-hour response target [000 step 7] counts office time, so a complaint dispatched on Friday
afternoon is due on Monday morning, not on Saturday.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import lru_cache

import holidays
from django.utils import timezone


@lru_cache(maxsize=64)
def _national_holidays(year: int) -> frozenset[dt.date]:
    calendar = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return frozenset(calendar.keys())


def national_holiday_names(year: int) -> dict[dt.date, str]:
    calendar = holidays.country_holidays(
        "ID", years=year, categories=("public", "government"), language="id"
    )
    return dict(sorted(calendar.items()))


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
