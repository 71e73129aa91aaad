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


# --- Text widths in Times New Roman (the format's typeface) ------------------------------------------
# Advance widths in 1/1000 em of Times (Adobe's core metrics; Times New Roman and Liberation Serif share
# them): enough to check that a header line fits its column without a font installed. A Vietnamese letter
# is as wide as its base letter; the horn of Ơ and Ư sticks out a little (_HORN).
_DIGITS = dict.fromkeys("0123456789", 500)
_PUNCT = {" ": 250, ",": 250, ".": 250, "-": 333, ":": 333, "/": 278, "*": 500, "_": 500, "(": 333, ")": 333,
          "–": 500, "…": 1000, "“": 500, "”": 500}  # fmt: skip
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_WIDTHS = {
    "regular": dict(
        zip(_UPPER, (722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
                     556, 611, 722, 722, 944, 722, 722, 611), strict=True),
        **dict(zip(_LOWER, (444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500,
                            333, 389, 278, 500, 500, 722, 500, 500, 444), strict=True)),
    ),
    "bold": dict(
        zip(_UPPER, (722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
                     556, 667, 722, 722, 1000, 722, 722, 667), strict=True),
        **dict(zip(_LOWER, (500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556,
                            444, 389, 333, 556, 500, 722, 500, 500, 444), strict=True)),
    ),
    "italic": dict(
        zip(_UPPER, (611, 611, 667, 722, 611, 611, 722, 722, 333, 444, 667, 556, 833, 667, 722, 611, 722, 611,
                     500, 556, 722, 611, 833, 611, 556, 556), strict=True),
        **dict(zip(_LOWER, (500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444, 278, 722, 500, 500, 500, 500,
                            389, 389, 278, 500, 444, 667, 444, 444, 389), strict=True)),
    ),
}  # fmt: skip
_HORN = 70
PT_PER_MM = 72 / 25.4
# Room kept for the renderer's own rounding and kerning: a line is set only where 103 % of it fits.
FIT_SAFETY = 1.03


def text_width_mm(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """The width of one line of `text` set in Times New Roman at `size` points, in millimetres."""
    import unicodedata

    table = _WIDTHS["bold" if bold else "italic" if italic else "regular"]
    units = 0
    for ch in text:
        base = unicodedata.normalize("NFD", ch.replace("Đ", "D").replace("đ", "d"))[0]
        units += table.get(base, _DIGITS.get(base, _PUNCT.get(base, 722)))
        if ch in "ƠơƯưỜờỚớỞởỠỡỢợỪừỨứỬửỮữỰự":
            units += _HORN
    return units / 1000 * size / PT_PER_MM


def fit_lines(text: str, width_mm: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` in as few lines as fit `width_mm`, breaking first before the unit's type ("ỦY BAN NHÂN DÂN" /
    "THÀNH PHỐ HỒ CHÍ MINH"), never inside a proper name when that can be helped."""
    width_mm /= FIT_SAFETY
    if text_width_mm(text, size, bold=bold) <= width_mm:
        return [text]
    words = text.split()
    kinds = {"TỈNH", "THÀNH", "PHƯỜNG", "XÃ", "ĐẶC", "TỈNH ỦY", "THÀNH ỦY", "ĐẢNG"}
    for i in range(1, len(words)):
        if words[i] in kinds:
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            if max(text_width_mm(head, size, bold=bold), text_width_mm(tail, size, bold=bold)) <= width_mm:
                return [head, tail]
    lines: list[str] = []
    for word in words:
        if lines and text_width_mm(f"{lines[-1]} {word}", size, bold=bold) <= width_mm:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines
