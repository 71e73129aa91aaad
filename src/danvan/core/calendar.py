"""Working-day calendar: weekends and Vietnamese public holidays (the `holidays` package, country VN)."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _vn_holidays(year: int) -> frozenset[dt.date]:
    return frozenset(holidays.country_holidays("VN", years=year).keys())


def is_holiday(day: dt.date) -> bool:
    return day in _vn_holidays(day.year)


def is_working_day(day: dt.date) -> bool:
    return day.weekday() < 5 and not is_holiday(day)


def holiday_name(day: dt.date) -> str | None:
    names = holidays.country_holidays("VN", years=day.year, language="vi")
    return names.get(day)


def add_working_days(start: dt.date, days: int) -> dt.date:
    """The date `days` working days after `start` (the start day itself is not counted)."""
    if days < 0:
        raise ValueError("Số ngày làm việc phải không âm.")
    current = start
    remaining = days
    while remaining > 0:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            remaining -= 1
    return current


def add_calendar_days(start: dt.date, days: int) -> dt.date:
    return start + dt.timedelta(days=days)


def add_days(start: dt.date, days: int, *, working: bool) -> dt.date:
    return add_working_days(start, days) if working else add_calendar_days(start, days)


def working_days_between(start: dt.date, end: dt.date) -> int:
    """Working days in (start, end]."""
    count = 0
    current = start
    while current < end:
        current += dt.timedelta(days=1)
        if is_working_day(current):
            count += 1
    return count
