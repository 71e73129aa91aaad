"""Numbers, dates and type of the exported documents (shared by the DOCX writer and the other exports)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from danvan.core.numbers import format_number

FONT = "Times New Roman"
BODY_PT = 14


def fmt_number(value: Any, unit: str = "") -> str:
    """A figure as text through the one formatter (`core.numbers`): "%" units as shares with one decimal."""
    return format_number(value, percent=unit == "%")


def vn_date_line(place: str, day: dt.date) -> str:
    """ "Lạng Sơn, ngày 05 tháng 01 năm 2026" (days < 10 and months 1, 2 take a leading zero)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"
