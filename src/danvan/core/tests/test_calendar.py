from __future__ import annotations

import datetime as dt

from danvan.core import calendar


def test_tet_2026_days_are_holidays() -> None:
    # Tết Bính Ngọ: 17/02/2026 is the first day of the lunar new year.
    assert calendar.is_holiday(dt.date(2026, 2, 17))
    assert not calendar.is_working_day(dt.date(2026, 2, 17))


def test_adding_working_days_skips_the_tet_holiday_and_weekends() -> None:
    # From Friday 13/02/2026, five working days land after the Tết break, not on 20/02.
    start = dt.date(2026, 2, 13)
    result = calendar.add_working_days(start, 5)
    assert result > dt.date(2026, 2, 20)
    days = [start + dt.timedelta(days=i) for i in range(1, (result - start).days + 1)]
    assert sum(calendar.is_working_day(d) for d in days) == 5
    assert calendar.is_working_day(result)


def test_adding_working_days_skips_a_weekend() -> None:
    assert calendar.add_working_days(dt.date(2025, 11, 21), 1) == dt.date(2025, 11, 24)  # Fri -> Mon


def test_adding_calendar_days_counts_every_day() -> None:
    assert calendar.add_calendar_days(dt.date(2026, 2, 13), 10) == dt.date(2026, 2, 23)


def test_national_day_is_a_holiday() -> None:
    assert calendar.is_holiday(dt.date(2025, 9, 2))


def test_negative_working_days_are_refused() -> None:
    import pytest

    with pytest.raises(ValueError, match="không âm"):
        calendar.add_working_days(dt.date(2025, 1, 1), -1)
