"""Reporting periods of the collaborators' schedule and the weeks of the detector and the brief."""

from __future__ import annotations

import datetime as dt


def period_of(day: dt.date, frequency: str) -> tuple[dt.date, dt.date]:
    """The month (or quarter) containing `day`: (first day, last day)."""
    if frequency == "quarterly":
        first_month = 3 * ((day.month - 1) // 3) + 1
        start = dt.date(day.year, first_month, 1)
        months = 3
    else:
        start = day.replace(day=1)
        months = 1
    year, month = divmod(start.month - 1 + months, 12)
    end = dt.date(start.year + year, month + 1, 1) - dt.timedelta(days=1)
    return start, end


def previous_period(day: dt.date, frequency: str) -> tuple[dt.date, dt.date]:
    start, _ = period_of(day, frequency)
    return period_of(start - dt.timedelta(days=1), frequency)


def week_start(day: dt.date) -> dt.date:
    """The Monday of `day`'s week."""
    return day - dt.timedelta(days=day.weekday())
