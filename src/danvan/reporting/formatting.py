"""Numbers, dates and type of the exported documents (shared by the DOCX writer and the other exports)."""

from __future__ import annotations

from typing import Any

from danvan.core.numbers import format_number
from danvan.core.officialdoc import (  # the one measure and date line of every document (re-exported)
    BODY_PT,
    FIT_SAFETY,
    FONT,
    fit_lines,
    text_width_mm,
    vn_date_line,
)

__all__ = ["BODY_PT", "FIT_SAFETY", "FONT", "fit_lines", "fmt_number", "text_width_mm", "vn_date_line"]


def fmt_number(value: Any, unit: str = "") -> str:
    """A figure as text through the one formatter (`core.numbers`): "%" units as shares with one decimal."""
    return format_number(value, percent=unit == "%")
