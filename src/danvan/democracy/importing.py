"""Reading a commune's register of villages and households from CSV or XLSX.

The same limits as the petitions import (20,000 rows; the request body limit
of settings.DATA_UPLOAD_MAX_MEMORY_SIZE) and the same readers: UTF-8 CSV through the csv module,
XLSX through openpyxl in read-only mode (no formulas evaluated: `data_only`).
"""

from __future__ import annotations

import csv
import io
import zipfile
from typing import Any

from django.utils.translation import gettext as _

MAX_ROWS = 20000  # the same limit as the petitions import (danvan.petitions.importing.MAX_ROWS)

MAX_BYTES = 5 * 1024 * 1024
# Limits of an XLSX's members, read from the zip directory before parsing (as the petitions import does).
MAX_MEMBERS = 200
MAX_UNCOMPRESSED_BYTES = 64 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024
COLUMNS = ("village_code", "village_name", "village_kind", "household_code", "representative")


class ImportFileError(Exception):
    """The file itself cannot be read (wrong format, no header, too large)."""


def _clean(value: Any) -> str:
    return "" if value is None else str(value).strip()


def _header_error() -> ImportFileError:
    return ImportFileError(_("Tệp thiếu dòng tiêu đề với các cột: %(cols)s.") % {"cols": ", ".join(COLUMNS)})


def _too_many() -> ImportFileError:
    return ImportFileError(_("Tệp có hơn %(n)d dòng: hãy chia thành nhiều tệp nhỏ hơn.") % {"n": MAX_ROWS})


def _rows_csv(data: bytes) -> list[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(_("Tệp CSV phải được lưu với bảng mã UTF-8.")) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))
    out: list[dict[str, str]] = []
    try:
        if not reader.fieldnames or "village_code" not in [f.strip() for f in reader.fieldnames]:
            raise _header_error()
        for row in reader:
            if len(out) >= MAX_ROWS:
                raise _too_many()
            cleaned = {(k or "").strip(): _clean(v) for k, v in row.items() if k}
            if any(cleaned.values()):
                out.append(cleaned)
    except csv.Error as exc:
        raise ImportFileError(_("Tệp CSV hỏng ở dòng %(n)d.") % {"n": reader.line_num}) from exc
    return out


def _rows_xlsx(data: bytes) -> list[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFileError(_("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.")) from exc
    rows = workbook.worksheets[0].iter_rows(values_only=True)
    header = [_clean(h) for h in next(rows, ())]
    if "village_code" not in header:
        raise _header_error()
    out: list[dict[str, str]] = []
    for values in rows:
        if values is None or all(v is None for v in values):
            continue
        if len(out) >= MAX_ROWS:
            raise _too_many()
        out.append({h: _clean(v) for h, v in zip(header, values, strict=False) if h})
    return out


def check_size(data: bytes) -> None:
    if len(data) > MAX_BYTES:
        raise ImportFileError(_("Tệp quá lớn: tối đa %(mb)d MB.") % {"mb": MAX_BYTES // 1048576})
    if not data:
        raise ImportFileError(_("Tệp rỗng."))


def check_zip(data: bytes) -> None:
    """Refuse an XLSX zip bomb from the zip's directory alone, before any member is decompressed."""
    bad = ImportFileError(_("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel."))
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise bad from exc
    total = sum(m.file_size for m in members)
    if len(members) > MAX_MEMBERS or total > MAX_UNCOMPRESSED_BYTES:
        raise ImportFileError(_("Tệp XLSX quá lớn khi giải nén: hãy chia thành nhiều tệp nhỏ hơn."))
    for m in members:
        if m.file_size > RATIO_FROM_BYTES and m.file_size > MAX_RATIO * max(m.compress_size, 1):
            raise ImportFileError(_("Tệp XLSX có tỷ lệ nén bất thường: không thể nhập."))


def read_rows(name: str, data: bytes) -> list[dict[str, str]]:
    check_size(data)
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        check_zip(data)
        return _rows_xlsx(data)
    return _rows_csv(data)
