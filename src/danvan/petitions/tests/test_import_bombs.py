"""Import bombs (issue #16 item 4): the file size, every XLSX member's uncompressed size and compression
ratio are checked before parsing, the sheet is streamed and only real rows count, so a small file can
neither fill a worker's memory nor keep it busy."""

from __future__ import annotations

import io
import time
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from danvan.conftest import client_for
from danvan.petitions import importing
from danvan.petitions.models import Petition

HEADER = ["kind", "title", "content", "place_code", "petitioner_name"]
CONTENT = "Đề nghị lắp đèn chiếu sáng tuyến đường từ thôn ra quốc lộ cho học sinh đi học buổi tối."


def _xlsx(rows: list[list[object]], far_cell: int | None = None) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if not far_cell:
        return buffer.getvalue()
    # Excel (and openpyxl's writer) stop at row 1,048,576; a crafted file does not: add the row by hand.
    far = f'<row r="{far_cell}"><c r="A{far_cell}" t="inlineStr"><is><t>x</t></is></c></row>'.encode()
    out = io.BytesIO()
    with zipfile.ZipFile(buffer) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                data = data.replace(b"</sheetData>", far + b"</sheetData>")
            dst.writestr(item.filename, data)
    return out.getvalue()


def _bomb(units, size: int = 40_000_000) -> bytes:
    """A valid import file whose sheet expands from a few KB to `size` bytes (openpyxl writes the text
    inline; a bomb in xl/sharedStrings.xml is refused by the same member check)."""
    base = _xlsx([["proposal", "BOMBTITLE", CONTENT, units.commune_a.code, "Hoàng Văn Nam"]])
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(base)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename in ("xl/sharedStrings.xml", "xl/worksheets/sheet1.xml"):
                data = data.replace(b"BOMBTITLE", b"A" * size)
            dst.writestr(item.filename, data)
    return out.getvalue()


def test_a_decompression_bomb_is_refused_before_parsing_and_nothing_is_saved(alice, units):
    data = _bomb(units)
    assert len(data) < 200_000
    started = time.monotonic()
    with pytest.raises(importing.ImportFileError, match="giải nén"):
        importing.import_file(actor=alice, unit=units.commune_a, upload=SimpleUploadedFile("b.xlsx", data))
    assert time.monotonic() - started < 2
    assert not Petition.objects.exists()


def test_a_cell_at_row_100_000_000_does_not_keep_the_worker_busy_and_only_real_rows_count(alice, units):
    data = _xlsx(
        [["proposal", "Xin lắp đèn đường", CONTENT, units.commune_a.code, "Hoàng Văn Nam"]], 100_000_000
    )
    assert len(data) < 10_000
    started = time.monotonic()
    rows = list(importing.read_numbered_rows("r.xlsx", data))
    assert time.monotonic() - started < 2  # was 30 s: every missing row was produced and skipped
    assert [number for number, _ in rows] == [2, 100_000_000]
    report = importing.import_file(
        actor=alice, unit=units.commune_a, upload=SimpleUploadedFile("r.xlsx", data)
    )
    assert report.created == 1 and [r.row for r in report.rows] == [2, 100_000_000]


def test_only_non_empty_rows_count_against_the_row_limit(alice, units, monkeypatch):
    monkeypatch.setattr(importing, "MAX_ROWS", 2)
    rows = [
        ["proposal", f"Đèn đường số {i}", CONTENT, units.commune_a.code, "Hoàng Văn Nam"] for i in range(3)
    ]
    report = importing.import_file(
        actor=alice, unit=units.commune_a, upload=SimpleUploadedFile("l.xlsx", _xlsx(rows))
    )
    assert report.created == 2
    assert "Vượt quá 2 dòng" in report.rows[-1].errors[0]


def test_an_import_file_over_the_size_limit_is_refused_with_a_message(alice, units, settings):
    settings.PETITIONS_IMPORT_MAX_BYTES = 1000
    page = client_for(alice).post(
        "/petitions/nhap-tep/", {"file": SimpleUploadedFile("big.csv", b"kind,title\n" + b"x" * 2000)}
    )
    body = page.content.decode()
    assert page.status_code == 200 and "quá lớn" in body
    assert not Petition.objects.exists()


@pytest.mark.django_db(transaction=True)  # the worker closes its connection when its batch ends
def test_a_web_import_runs_in_the_background_with_progress_and_its_file_is_deleted(
    alice, units, database_tasks
):
    from django.core.management import call_command

    from danvan.petitions.models import ImportJob

    rows = [
        ["proposal", f"Đèn đường số {i}", CONTENT, units.commune_a.code, "Hoàng Văn Nam"] for i in range(3)
    ]
    client = client_for(alice)
    response = client.post("/petitions/nhap-tep/", {"file": SimpleUploadedFile("n.xlsx", _xlsx(rows))})
    job = ImportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/petitions/nhap-tep/{job.pk}/"
    assert job.status == "queued" and not Petition.objects.exists()  # the request did not import
    page = client.get(response["Location"]).content.decode()
    assert "Đang chờ" in page and 'hx-trigger="every 2s"' in page  # the progress updates itself (htmx)
    stored = job.stored_path
    call_command("db_worker", "--batch", "--no-startup-delay", verbosity=0)
    job.refresh_from_db()
    assert job.status == "done" and job.created == 3 and job.rows_done == 3
    assert Petition.objects.count() == 3 and not Path(stored).exists()
    page = client.get(response["Location"]).content.decode()
    assert "3 dòng thành công" in page and "hx-trigger" not in page
    assert client_for(units_officer(units)).get(response["Location"]).status_code == 404


def units_officer(units):
    from danvan.conftest import make_user

    return make_user("other-officer", units.commune_a, "officer")
