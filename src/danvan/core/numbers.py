"""The one number formatter (issue #15): every figure a template, a chart, a DOCX or a CSV shows as text.

Vietnamese: thousands "." and decimal "," (3.321; 42,1%); English: thousands "," and decimal "." (3,321;
42.1%). Percentages always with one decimal; counts as whole numbers; other non-whole values with one
decimal. XLSX cells keep the number and get `xlsx_format` instead (Excel shows it in the reader's locale).
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils import translation

DASH = "—"
PERCENT_DECIMALS = 1


def _separators(lang: str | None) -> tuple[str, str]:
    """(thousands, decimal) for a language code (the active language by default)."""
    code = (lang or translation.get_language() or "vi").lower()
    return (",", ".") if code.startswith("en") else (".", ",")


def rounded(value: float | int | Decimal, decimals: int) -> Decimal:
    """Half-up rounding (42,25 → 42,3), as people round by hand, not Python's banker's rounding."""
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP)


def format_number(
    value: Any, *, percent: bool = False, decimals: int | None = None, lang: str | None = None
) -> str:
    """A figure as text: "—" for no value; percentages with one decimal and "%"; counts grouped by thousands."""
    if value is None or value == "":
        return DASH
    number = float(value)
    if decimals is None:
        decimals = PERCENT_DECIMALS if percent or not number.is_integer() else 0
    thousands, decimal = _separators(lang)
    text = f"{rounded(number, decimals):,.{decimals}f}"
    text = text.replace(",", "\0").replace(".", decimal).replace("\0", thousands)
    return f"{text}%" if percent else text


def chart_value(value: Any, *, percent: bool = False) -> float | None:
    """A figure as a chart draws it: the same rounding as the table beside it (one decimal for shares)."""
    if value is None:
        return None
    number = float(value)
    if percent or not number.is_integer():
        return float(rounded(number, PERCENT_DECIMALS))
    return number


def xlsx_format(*, percent: bool = False, integer: bool = True) -> str:
    """The Excel number format of a figure's cell (the cell keeps the number, not text)."""
    if percent:
        return '0.0"%"'
    return "#,##0" if integer else "#,##0.0"
