"""DOCX in the Nghị định 30 format (issue #20 item 4): no header line wraps at the format's font sizes, the
running text names bodies as Nghị định 30 writes them, "Nơi nhận" names bodies, and the file name keeps
the Đ of Đông Kinh."""

from __future__ import annotations

import io
from typing import Any

import pytest
from docx import Document
from docx.oxml.ns import qn

from danvan.conftest import Units, client_for
from danvan.core.officialdoc import HEADER_CELL_MARGIN_MM, HEADER_INDENT_MM
from danvan.reporting import exports, services
from danvan.reporting.docx_report import recipients
from danvan.reporting.formatting import FIT_SAFETY, text_width_mm
from danvan.reporting.models import Period, Report
from danvan.territory.models import AdminUnit

pytestmark = pytest.mark.django_db

TWIPS_PER_MM = 1440 / 25.4


def _report(unit: AdminUnit, period: Period, body_kind: str) -> Report:
    headers = services.default_headers(unit, body_kind)
    return Report(
        unit=unit, period=period, body_kind=body_kind, title="Báo cáo công tác dân vận năm 2025",
        place=unit.parent.short_name if unit.level == 2 and unit.parent else unit.short_name,
        **{k: v for k, v in headers.items()},
    )  # fmt: skip


def _header_lines(data: bytes) -> list[tuple[str, float, float, bool]]:
    """(text, width of its cell's text area in mm, font size, bold) of each line of the header table."""
    document = Document(io.BytesIO(data))
    table = document.tables[0]
    lines = []
    for cell in table.rows[0].cells:
        tc_w = cell._tc.tcPr.find(qn("w:tcW"))
        room = int(tc_w.get(qn("w:w"))) / TWIPS_PER_MM - 2 * HEADER_CELL_MARGIN_MM
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                if run.text.strip():
                    lines.append((run.text, room, run.font.size.pt, bool(run.bold)))
    return lines


@pytest.mark.parametrize("code", ["20", "05977", "01", "79", "96"])
@pytest.mark.parametrize("body_kind", ["state", "party"])
def test_no_header_line_is_wider_than_its_column(code: str, body_kind: str, year: Period) -> None:
    unit = AdminUnit.objects.get(code=code)
    report = _report(unit, year, body_kind)
    lines = _header_lines(report_docx := exports.report_docx(report, {"rows": []}))
    texts = [text for text, *_ in lines]
    if body_kind == "state":
        assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    for text, room, size, bold in lines:
        width = text_width_mm(text, size, bold=bold)
        assert width * FIT_SAFETY <= room, (
            f"“{text}” is {width:.1f} mm at {size} pt in a {room:.1f} mm column"
        )
    # a long name breaks before the unit's type, never inside the proper name
    assert not any(t.endswith(("LẠNG", "HỒ CHÍ", "CÀ")) for t in texts)
    assert report_docx[:2] == b"PK"


def test_the_motto_and_a_provinces_committee_each_fit_on_one_line(year: Period) -> None:
    report = _report(AdminUnit.objects.get(code="20"), year, "state")
    texts = [text for text, *_ in _header_lines(exports.report_docx(report, {"rows": []}))]
    assert "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" in texts and "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in texts
    assert HEADER_INDENT_MM <= 15  # the table stays well inside the page


def test_running_text_follows_the_decree_capitalisation_and_recipients_are_bodies(year: Period) -> None:
    ward = AdminUnit.objects.get(code="05977")
    assert services.default_headers(ward, "party")["issuing_body"] == "Đảng ủy phường Đông Kinh"
    assert services.default_headers(ward, "party")["parent_body"] == "Đảng bộ tỉnh Lạng Sơn"
    province = AdminUnit.objects.get(code="20")
    assert services.default_headers(province, "state")["issuing_body"] == "Ủy ban nhân dân tỉnh Lạng Sơn"
    assert recipients(_report(ward, year, "party")) == ["Tỉnh ủy Lạng Sơn", "Ban Dân vận Tỉnh ủy Lạng Sơn"]
    assert recipients(_report(ward, year, "state")) == ["UBND tỉnh Lạng Sơn", "Ban Dân vận Tỉnh ủy Lạng Sơn"]
    text = "\n".join(
        p.text for p in Document(io.BytesIO(exports.report_docx(_report(ward, year, "state"), {}))).paragraphs
    )
    assert "Ủy ban nhân dân phường Đông Kinh báo cáo như sau" in text


def test_the_report_file_name_keeps_the_d(units: Units, year: Period, alice: Any) -> None:
    report = services.start_report(actor=alice, unit=units.commune_a, period=year)
    response = client_for(alice).get(f"/reporting/reports/{report.pk}/export.docx")
    assert response.status_code == 200
    assert f'filename="bao-cao-dong-kinh-{year.pk}.docx"' in response["Content-Disposition"]
