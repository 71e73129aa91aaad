"""Dates in Vietnamese press text: "Sáng 13-7", "Chiều nay (25/12)", "ngày 12/6/2023"."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

_TIME_WORD = r"(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Đđ]êm|[Nn]gày|[Hh]ôm)"
_REL = r"(?:\s+(?:nay|qua|hôm qua|hôm nay|mai|đầu tuần|cuối tuần))?"
_WEEKDAY = r"(?:\s*,?\s*(?:thứ\s+(?:hai|ba|tư|năm|sáu|bảy|[2-7])|chủ\s+nhật))?"
_CORE = r"(\d{1,2})\s*(?:(?:-|–|và|,)\s*\d{1,2}\s*)?[-/.]\s*(\d{1,2})(?:\s*[-/.]\s*(\d{4}))?(?![\d/])"
LEAD_DATE = re.compile(
    r"(?<![^\W\d_])" + _TIME_WORD + _REL + _WEEKDAY + r"(?:\s+ngày)?\s*[(,]?\s*" + _CORE, re.IGNORECASE
)
WORDY_DATE = re.compile(r"ngày\s+(\d{1,2})\s+tháng\s+(\d{1,2})(?:\s+năm\s+(\d{4}))?", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"(?<![\d/.-])(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*((?:19|20)\d{2})(?!\d)")
YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")


# The date of a document ("Nghị quyết số 25-NQ/TW ngày 3/6/2013", "Kế hoạch số 12 ngày ...").
_DOC_DATE_BEFORE = re.compile(
    r"(?:\d+\s*[-–]\s*[A-ZĐ]{1,6}(?:-[A-ZĐ]+)?\s*/\s*[A-ZĐ]{1,9}|\d+/\d{4}/[A-ZĐ][\w-]*|số\s+\d+[^\s,]*)[ \t]*,?[ \t]*$"
)


@dataclass(frozen=True)
class DayMonth:
    """A day and month with an optional explicit year, and where it was found."""

    day: int
    month: int
    year: int | None
    offset: int


def _valid(day: int, month: int, year: int | None) -> bool:
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return False
    try:
        date(year or 2024, month, day)
    except ValueError:
        return False
    return year is None or 1945 <= year <= 2100


def find_event_day(text: str) -> DayMonth | None:
    """First "Sáng 13-7" / "ngày 12/6/2023" / "ngày 5 tháng 7" style date in text."""
    hits: list[DayMonth] = []
    for pattern in (LEAD_DATE, WORDY_DATE):
        for m in pattern.finditer(text):
            day, month = int(m.group(1)), int(m.group(2))
            year = int(m.group(3)) if m.group(3) else None
            if m.group(0).startswith("ngày") and _DOC_DATE_BEFORE.search(
                text[max(0, m.start() - 40) : m.start()]
            ):
                continue
            if _valid(day, month, year):
                hits.append(DayMonth(day, month, year, m.start()))
                break
    return min(hits, key=lambda h: h.offset) if hits else None


def parse_numeric_date(text: str) -> date | None:
    """First dd/mm/yyyy date in text."""
    for m in NUMERIC_DATE.finditer(text):
        day, month, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
        if _valid(day, month, year):
            return date(year, month, day)
    return None


def parse_iso(value: str | None) -> date | None:
    """'2021-07-13' (or a longer ISO timestamp) → date."""
    if not value:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", value.strip())
    if not m:
        return parse_numeric_date(value)
    year, month, day = int(m.group(1)), int(m.group(2)), int(m.group(3))
    return date(year, month, day) if _valid(day, month, year) else None


def year_before(ref: date, day: int, month: int, slack_days: int = 3) -> int:
    """Year of the latest (day, month) on or shortly after ref's year that is not after ref."""
    candidate = date(ref.year, month, min(day, 28) if month == 2 and day == 29 else day)
    if (candidate - ref).days > slack_days:
        return ref.year - 1
    return ref.year
