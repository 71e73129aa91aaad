"""The platform's one clock: instants are stored in UTC, days are Vietnamese days.

Every "which day is it" question in product code, exports, the API, tests and benchmarks goes
through here, so a date is never taken from an aware datetime without converting it to
Asia/Ho_Chi_Minh first (a petition received at 01:05 on 03/12 Vietnam time is 18:05 UTC on 02/12).
`danvan.core.tests.test_clock_rule` scans the source and fails on a bare `.date()` of a datetime,
`date.today()`, `datetime.now()` or `datetime.utcnow()`.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

VN_TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def now() -> dt.datetime:
    """The current instant, aware (UTC inside; convert with `local` to show it)."""
    return timezone.now()


def local(instant: dt.datetime) -> dt.datetime:
    """The instant as Vietnam's wall-clock time (aware, +07:00)."""
    if timezone.is_naive(instant):
        raise ValueError("naive datetime: the platform only handles aware instants")
    return instant.astimezone(VN_TZ)


def local_date(instant: dt.datetime) -> dt.date:
    """The Vietnamese calendar day of an instant."""
    return local(instant).date()


def today() -> dt.date:
    """Today's date in Vietnam."""
    return local_date(now())


def start_of_day(day: dt.date) -> dt.datetime:
    """00:00 Vietnam time on `day`, as an aware instant."""
    return dt.datetime.combine(day, dt.time.min, tzinfo=VN_TZ)


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after `day` in Vietnam (exclusive upper bound for range queries)."""
    return start_of_day(day + dt.timedelta(days=1))


def day_range(first: dt.date, last: dt.date) -> tuple[dt.datetime, dt.datetime]:
    """[start of `first`, start of the day after `last`) in Vietnam time, for `__gte`/`__lt` filters."""
    return start_of_day(first), end_of_day(last)


def iso(instant: dt.datetime | None) -> str | None:
    """ISO 8601 in Vietnam time with its offset (`2026-12-03T01:05:00+07:00`), for the API and Open311."""
    if instant is None:
        return None
    return local(instant).isoformat(timespec="seconds")


def format_date(value: dt.date | dt.datetime | None) -> str:
    """dd/mm/yyyy; a datetime is first converted to Vietnam time."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = local_date(value)
    return value.strftime("%d/%m/%Y")


def format_datetime(value: dt.datetime | None) -> str:
    """dd/mm/yyyy HH:MM in Vietnam time."""
    if value is None:
        return ""
    return local(value).strftime("%d/%m/%Y %H:%M")
