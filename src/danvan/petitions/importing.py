"""Bulk import of petitions from CSV or XLSX: each good row in its own transaction, a report per row."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import UploadedFile

from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.petitions.services import IntakeError, submit_petition
from danvan.territory.models import AdminUnit

MAX_ROWS = 20000
KIND_ALIASES = {
    "phan anh": "feedback",
    "phản ánh": "feedback",
    "kien nghi": "proposal",
    "kiến nghị": "proposal",
    "khieu nai": "complaint",
    "khiếu nại": "complaint",
    "to cao": "denunciation",
    "tố cáo": "denunciation",
}
COLUMNS = (
    "kind",
    "title",
    "content",
    "address",
    "place_code",
    "field",
    "received_on",
    "incident_date",
    "petitioner_name",
    "petitioner_phone",
    "petitioner_email",
    "petitioner_address",
    "is_collective",
    "signer_count",
    "representatives",
    "decision_complained",
    "decision_known_on",
    "accused",
    "accused_act",
)


class ImportFileError(Exception):
    """The file itself cannot be read (wrong format, no header)."""


@dataclass
class RowResult:
    row: int
    tracking_code: str = ""
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[RowResult] = field(default_factory=list)

    @property
    def created(self) -> int:
        return sum(1 for r in self.rows if r.tracking_code)

    @property
    def failed(self) -> int:
        return sum(1 for r in self.rows if r.errors)


def _clean(value: Any) -> str:
    if value is None:
        return ""
    if hasattr(value, "strftime"):
        return str(value.strftime("%d/%m/%Y"))
    return str(value).strip()


def _rows_csv(data: bytes) -> Iterator[dict[str, str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError("Tệp CSV phải được lưu với bảng mã UTF-8.") from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))  # the csv module reads line ends itself
    try:
        if not reader.fieldnames or "kind" not in [f.strip() for f in reader.fieldnames]:
            raise ImportFileError("Tệp thiếu dòng tiêu đề với các cột: " + ", ".join(COLUMNS[:4]) + "…")
        for row in reader:
            yield {(k or "").strip(): _clean(v) for k, v in row.items() if k}
    except csv.Error as exc:
        raise ImportFileError(f"Tệp CSV hỏng ở dòng {reader.line_num}: {exc}.") from exc


def _rows_xlsx(data: bytes) -> Iterator[dict[str, str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:
        raise ImportFileError("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.") from exc
    sheet = workbook.worksheets[0]
    rows = sheet.iter_rows(values_only=True)
    header = [_clean(h) for h in next(rows, ())]
    if "kind" not in header:
        raise ImportFileError(
            "Trang tính đầu tiên thiếu dòng tiêu đề với các cột: " + ", ".join(COLUMNS[:4]) + "…"
        )
    for values in rows:
        if values is None or all(v is None for v in values):
            continue
        yield {h: _clean(v) for h, v in zip(header, values, strict=False) if h}


def read_rows(name: str, data: bytes) -> Iterator[dict[str, str]]:
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        return _rows_xlsx(data)
    return _rows_csv(data)


def import_file(*, actor: Any, unit: AdminUnit, upload: UploadedFile) -> ImportReport:
    """Import every row; a bad row is reported and blocks nothing else."""
    data = upload.read()
    report = ImportReport()
    for number, row in enumerate(read_rows(upload.name or "", data), start=2):
        if number - 1 > MAX_ROWS:
            report.rows.append(
                RowResult(number, errors=[f"Vượt quá {MAX_ROWS} dòng: các dòng sau không được nhập."])
            )
            break
        kind = row.get("kind", "").strip()
        row["kind"] = KIND_ALIASES.get(kind.lower(), kind.lower())
        if row.get("is_collective", "").lower() not in ("1", "x", "co", "có", "true", "yes"):
            row.pop("is_collective", None)
        try:
            petition = submit_petition(actor=actor, channel="import", data=row, unit=unit)
        except IntakeError as exc:
            report.rows.append(
                RowResult(
                    number,
                    errors=[f"{k}: {m}" if k != "__all__" else m for k, ms in exc.errors.items() for m in ms],
                )
            )
        else:
            report.rows.append(RowResult(number, tracking_code=petition.tracking_code))
    audit.record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type="petitions.petition",
        unit=unit,
        summary=f"Nhập đơn từ tệp: {report.created} dòng thành công, {report.failed} dòng lỗi",
    )
    return report
