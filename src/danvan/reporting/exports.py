"""Exports: DOCX in the administrative format (Nghị định 30/2020/NĐ-CP; party bodies: Hướng dẫn
36-HD/VPTW), XLSX of every table (openpyxl), CSV. Pure functions from a report/tables to bytes."""

from __future__ import annotations

import csv
import datetime as dt
import io
from typing import Any

from danvan.core import spreadsheet
from danvan.core.numbers import xlsx_format
from danvan.reporting.models import Report

DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def report_docx(report: Report, tables: dict[str, Any], *, on: dt.date | None = None) -> bytes:
    """The report as DOCX (`docx_report`): python-docx is loaded on the first export, not in every worker."""
    from danvan.reporting import docx_report  # python-docx loads on the first DOCX only

    return docx_report.report_docx(report, tables, on=on)


# --- XLSX and CSV -----------------------------------------------------------------------------------
def table_rows(tables: dict[str, Any]) -> list[tuple[str, list[str], list[list[Any]]]]:
    """Every table of a report/figure set as (sheet name, header, rows) with raw numbers."""
    out: list[tuple[str, list[str], list[list[Any]]]] = [
        (
            "Chỉ tiêu",
            ["Mã", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Chỉ tiêu giao", "Đạt (%)"],
            [
                [r["code"], r["name"], r["unit"], r["value"], r["target"], r["achievement"]]
                for r in tables.get("rows", [])
            ],
        )
    ]
    children = tables.get("children") or {}
    if children.get("rows"):
        out.append(
            (
                "Đơn vị trực thuộc",
                ["Mã đơn vị", "Đơn vị", *[f"{c['name']} ({c['unit']})" for c in children["columns"]]],
                [[row["code"], row["name"], *row["values"]] for row in children["rows"]],
            )
        )
    for name, header, rows in tables.get("extra", []):
        out.append((name, header, rows))
    return out


def _percent_columns(sheet: str, tables: dict[str, Any]) -> set[int]:
    """The columns of a sheet that hold shares (their cells get a one-decimal "%" number format)."""
    if sheet == "Chỉ tiêu":
        return {5}
    if sheet == "Đơn vị trực thuộc":
        columns = (tables.get("children") or {}).get("columns", [])
        return {i + 2 for i, c in enumerate(columns) if c.get("unit") == "%"}
    return set()


def xlsx(tables: dict[str, Any], title: str) -> bytes:
    from openpyxl import Workbook  # loaded on the first export, not in every web worker
    from openpyxl.styles import Alignment, Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, header, rows in table_rows(tables):
        sheet = workbook.create_sheet(name[:31])
        # Every cell goes through core.spreadsheet: a title like "=HYPERLINK(…)" stays text.
        # the title, then what the figures are: frozen at an instant (a sent report) or live, counted at a day
        spreadsheet.xlsx_append(sheet, [title, None, tables.get("label") or tables.get("as_of_label")])
        sheet["A1"].font = Font(bold=True, size=13)
        spreadsheet.xlsx_append(sheet, header)
        for cell in sheet[2]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
        percent_columns = _percent_columns(name, tables)
        for row in rows:
            spreadsheet.xlsx_append(sheet, row)
            unit = row[2] if name == "Chỉ tiêu" and len(row) > 2 else ""
            for i, cell in enumerate(sheet[sheet.max_row]):
                if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
                    percent = i in percent_columns or (unit == "%" and i in (3, 4))
                    cell.number_format = xlsx_format(percent=percent, integer=float(cell.value).is_integer())
        for i, _ in enumerate(header, start=1):
            sheet.column_dimensions[get_column_letter(i)].width = 45 if i == 2 else 16
        sheet.freeze_panes = "A3"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_bytes(tables: dict[str, Any], table: str = "") -> bytes:
    """One table as CSV (UTF-8 with BOM so that Excel reads Vietnamese): the indicators by default."""
    all_tables = table_rows(tables)
    chosen = next((t for t in all_tables if t[0] == table), all_tables[0])
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(spreadsheet.csv_row(chosen[1]))
    for row in chosen[2]:
        writer.writerow(spreadsheet.csv_row(row))
    return ("\ufeff" + out.getvalue()).encode("utf-8")
