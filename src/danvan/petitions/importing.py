"""Bulk import of petitions from CSV or XLSX: each good row in its own transaction, a report per row.

Import bombs are refused before anything is parsed: the file's size (PETITIONS_IMPORT_MAX_BYTES), and for
an XLSX (a zip) the number of members, each member's uncompressed size and compression ratio and their
total, read from the zip's directory. The first sheet is then streamed row by row from its XML, and only
rows that really hold a value count against MAX_ROWS: a single cell at row 100,000,000 is one row.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.core.files.uploadedfile import SimpleUploadedFile, UploadedFile
from django.utils.translation import gettext

from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.petitions.analysis import analyse_later
from danvan.petitions.services import IntakeError, submit_petition
from danvan.petitions.upload_limits import max_bytes, size_error
from danvan.territory.models import AdminUnit

MAX_ROWS = 20000
PROGRESS_EVERY = 25  # rows between two progress writes of a background import
# Limits of an XLSX's members (read from the zip directory before parsing). A legitimate 20,000-row sheet
# is a few tens of MB of XML compressed 5-20 times; a bomb is compressed hundreds of times.
MAX_MEMBERS = 200
MAX_MEMBER_BYTES = 64 * 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 160 * 1024 * 1024
MAX_RATIO = 100
RATIO_FROM_BYTES = 1024 * 1024  # small members (styles, a short sheet) may compress better
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
    petition_id: int | None = None
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


def _rows_csv(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ImportFileError(gettext("Tệp CSV phải được lưu với bảng mã UTF-8.")) from exc
    reader = csv.DictReader(io.StringIO(text, newline=""))  # the csv module reads line ends itself
    try:
        if not reader.fieldnames or "kind" not in [f.strip() for f in reader.fieldnames]:
            raise ImportFileError("Tệp thiếu dòng tiêu đề với các cột: " + ", ".join(COLUMNS[:4]) + "…")
        for number, row in enumerate(reader, start=2):
            yield number, {(k or "").strip(): _clean(v) for k, v in row.items() if k}
    except csv.Error as exc:
        raise ImportFileError(
            gettext("Tệp CSV hỏng ở dòng %(line_num)s: %(exc)s.") % {"line_num": reader.line_num, "exc": exc}
        ) from exc


def check_zip(data: bytes) -> None:
    """Refuse a zip bomb from the zip's directory alone, before any member is decompressed."""
    bad = ImportFileError(gettext("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel."))
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise bad from None
    if len(members) > MAX_MEMBERS:
        raise ImportFileError(
            gettext("Tệp XLSX có %(count)s phần bên trong, quá nhiều so với một bảng tính.")
            % {"count": len(members)}
        )
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        too_big = member.file_size > MAX_MEMBER_BYTES or total > MAX_UNCOMPRESSED_BYTES
        if too_big or (member.file_size > RATIO_FROM_BYTES and ratio > MAX_RATIO):
            raise ImportFileError(
                gettext(
                    "Tệp XLSX bị từ chối: khi giải nén, phần “%(value)s” lớn %(value2)s MB (nén %(ratio)s lần), vượt giới hạn an toàn (%(value3)s MB mỗi phần, nén tối đa %(MAX_RATIO)s lần). Hãy lưu lại tệp bằng Excel, hoặc xuất ra CSV (UTF-8) rồi nhập."
                )
                % {
                    "value": member.filename[:60],
                    "value2": format(member.file_size / 1024 / 1024, ".0f"),
                    "ratio": format(ratio, ".0f"),
                    "value3": MAX_MEMBER_BYTES // 1024 // 1024,
                    "MAX_RATIO": MAX_RATIO,
                }
            )


def _rows_xlsx(data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    check_zip(data)
    from openpyxl import load_workbook
    from openpyxl.worksheet._reader import WorkSheetParser

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
    except Exception as exc:
        raise ImportFileError(gettext("Không đọc được tệp XLSX: tệp hỏng hoặc không phải Excel.")) from exc
    # openpyxl's iter_rows() yields an empty row for every missing row number (100 million of them for a
    # cell at row 100,000,000); its sheet parser yields only the rows present in the file.
    try:
        with sheet._get_source() as source:
            parser = WorkSheetParser(
                source,
                sheet._shared_strings,
                data_only=True,
                epoch=workbook.epoch,
                date_formats=workbook._date_formats,
                timedelta_formats=workbook._timedelta_formats,
            )
            header: dict[int, str] = {}
            for number, cells in parser.parse():
                values = {cell["column"]: cell["value"] for cell in cells if cell["value"] is not None}
                if not header:
                    header = {col: _clean(v) for col, v in values.items() if _clean(v)}
                    if "kind" not in header.values():
                        raise ImportFileError(
                            "Trang tính đầu tiên thiếu dòng tiêu đề với các cột: "
                            + ", ".join(COLUMNS[:4])
                            + "…"
                        )
                    continue
                row = {header[col]: _clean(v) for col, v in values.items() if col in header}
                if any(row.values()):
                    yield number, row
    except ImportFileError:
        raise
    except Exception as exc:  # a malformed sheet XML
        raise ImportFileError(gettext("Không đọc được trang tính đầu tiên của tệp XLSX: tệp hỏng.")) from exc
    finally:
        workbook.close()
    if not header:
        raise ImportFileError(
            "Trang tính đầu tiên thiếu dòng tiêu đề với các cột: " + ", ".join(COLUMNS[:4]) + "…"
        )


def read_numbered_rows(name: str, data: bytes) -> Iterator[tuple[int, dict[str, str]]]:
    """(row number in the file, values by column name) for every row that holds a value."""
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        return _rows_xlsx(data)
    return _rows_csv(data)


def read_rows(name: str, data: bytes) -> Iterator[dict[str, str]]:
    return (row for _, row in read_numbered_rows(name, data))


def import_file(
    *,
    actor: Any,
    unit: AdminUnit,
    upload: UploadedFile,
    progress: Callable[[ImportReport], None] | None = None,
) -> ImportReport:
    """Import every row; a bad row is reported and blocks nothing else. `progress` is called every
    PROGRESS_EVERY rows with the report so far (the background job's progress)."""
    if upload.size is not None and upload.size > max_bytes():
        raise ImportFileError(size_error(upload.size))
    data = upload.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise ImportFileError(size_error(len(data)))
    report = ImportReport()
    for counted, (number, row) in enumerate(read_numbered_rows(upload.name or "", data), start=1):
        if counted > MAX_ROWS:
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
            report.rows.append(
                RowResult(number, tracking_code=petition.tracking_code, petition_id=petition.pk)
            )
        if progress is not None and counted % PROGRESS_EVERY == 0:
            progress(report)
    audit.record(
        actor=actor,
        action=AuditAction.IMPORT,
        object_type="petitions.petition",
        unit=unit,
        summary=f"Nhập đơn từ tệp: {report.created} dòng thành công, {report.failed} dòng lỗi",
    )
    return report


# --- background imports -----------------------------------------------------------------------------
def store_job(*, actor: Any, unit: AdminUnit, upload: UploadedFile) -> Any:
    """Check the file (size, zip directory) and keep it encrypted as a queued job; returns the job.
    `tasks.start_import` stores and enqueues it.

    Raises ImportFileError (nothing kept) for a file refused before parsing."""
    from danvan.core import jobs
    from danvan.petitions.models import ImportJob

    if upload.size is not None and upload.size > max_bytes():
        raise ImportFileError(size_error(upload.size))
    data = upload.read(max_bytes() + 1)
    if len(data) > max_bytes():
        raise ImportFileError(size_error(len(data)))
    name = upload.name or "tep"
    if data[:4] == b"PK\x03\x04" or name.lower().endswith(".xlsx"):
        check_zip(data)
    path = jobs.stash("petitions-import", data)
    return ImportJob.objects.create(unit=unit, actor=actor, file_name=name[:200], stored_path=path)


def run_job(job_id: int) -> None:
    """The task (`core.jobs.run`): import the stored file, writing progress, then the report; the file is
    deleted. Each row is its own transaction (a bad row blocks nothing; a row is never half-written), not
    the whole file: a 20,000-row file in one transaction would hold SQLite's write lock for minutes and stop
    the public form's intake meanwhile. After a system error the rows already imported stay, and the page
    says so."""
    from danvan.core import jobs
    from danvan.petitions.models import ImportJob

    def work(job: ImportJob) -> dict[str, Any]:
        def progress(report: ImportReport) -> None:
            ImportJob.objects.filter(pk=job.pk).update(
                rows_done=len(report.rows), created=report.created, failed=report.failed
            )

        try:
            data = jobs.unstash(job.stored_path)
            report = import_file(
                actor=job.actor,
                unit=job.unit,
                upload=SimpleUploadedFile(job.file_name, data),
                progress=progress,
            )
        except ImportFileError as exc:
            raise jobs.JobFailed(str(exc)) from exc
        finally:
            jobs.discard(job.stored_path)
            ImportJob.objects.filter(pk=job.pk).update(stored_path="")
        analyse_later([r.petition_id for r in report.rows if r.petition_id])
        return {
            "rows_done": len(report.rows),
            "created": report.created,
            "failed": report.failed,
            "report": [{"row": r.row, "code": r.tracking_code, "errors": r.errors} for r in report.rows],
        }

    jobs.run(
        ImportJob,
        job_id,
        work,
        failure="Lỗi hệ thống khi nhập tệp; các dòng đã nhập vẫn được giữ. Hãy báo quản trị viên.",
    )
