"""Spreadsheet cells that can never run as formulas: the one helper of every CSV and XLSX export.

OWASP's CSV-injection guidance: a cell whose text begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return may be run as a formula (or DDE command) by Excel, LibreOffice and Google Sheets. In a
CSV such a cell is written with a leading apostrophe (``'=HYPERLINK(…)``), which spreadsheets show as
text. In an XLSX every text cell is stored as text (data type ``s``, never ``<f>``) and a risky one also
carries the "quote prefix" style, so that editing the cell later does not turn it into a formula either.
Numbers, dates and empty values are left as they are.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# Full-width variants are included: some spreadsheets normalise them to the ASCII characters.
TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def is_risky(value: object) -> bool:
    """Text a spreadsheet could read as a formula (leading spaces do not hide the trigger)."""
    return isinstance(value, str) and value.lstrip(" ").startswith(TRIGGERS)


def csv_cell(value: Any) -> Any:
    """A CSV cell: None becomes empty text, risky text gets a leading apostrophe, the rest is unchanged."""
    if value is None:
        return ""
    if is_risky(value):
        return "'" + value
    return value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(v) for v in values]


def xlsx_append(sheet: Any, values: Iterable[Any]) -> None:
    """Append a row to an openpyxl worksheet with every text cell stored as text, never as a formula."""
    from openpyxl.cell.cell import Cell

    row = []
    for value in values:
        cell = Cell(sheet, value=None)
        if isinstance(value, str):
            cell.value = value
            cell.data_type = "s"  # openpyxl would otherwise store "=..." as a formula
            if is_risky(value):
                cell.quotePrefix = True
        else:
            cell.value = value
        row.append(cell)
    sheet.append(row)
