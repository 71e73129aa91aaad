"""The report as DOCX in the administrative format (Nghị định 30/2020/NĐ-CP; party bodies: Hướng dẫn
36-HD/VPTW). Imported by `exports.report_docx` on the first export only."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from xml.sax.saxutils import escape

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt
from docx.table import Table
from docx.text.paragraph import Paragraph

from danvan.core import clock
from danvan.core.officialdoc import (
    FONT,
    national_header,
    page_setup,
    vn_date_line,
)
from danvan.core.officialdoc import cell_para as _cell_para
from danvan.core.officialdoc import no_borders as _no_borders
from danvan.core.officialdoc import run_font as _run_font
from danvan.core.officialdoc import twips as _twips
from danvan.reporting.formatting import BODY_PT, fmt_number
from danvan.reporting.models import BodyKind, Report
from danvan.reporting.selectors import SECTION_LABELS
from danvan.territory import naming


# --- DOCX helpers -----------------------------------------------------------------------------------
def _para(
    container: Any,
    text: str = "",
    *,
    size: float = BODY_PT,
    bold: bool = False,
    italic: bool = False,
    underline: bool = False,
    align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY,
    indent: bool = False,
    after: float = 6,
) -> Paragraph:
    paragraph = container.add_paragraph()
    paragraph.alignment = align
    fmt = paragraph.paragraph_format
    fmt.space_before = Pt(0)
    fmt.space_after = Pt(after)
    fmt.line_spacing = 1.15
    if indent:
        fmt.first_line_indent = Mm(12.7)
    if text:
        _run_font(paragraph.add_run(text), size, bold, italic, underline)
    return paragraph


def _page_number_header(section: Any) -> None:
    """Page numbers centred in the header, from page 2 (Nghị định 30/2020, Phụ lục I)."""
    section.different_first_page_header_footer = True
    paragraph = section.header.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = paragraph.add_run()
    _run_font(run, 13)
    for tag, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if tag:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), tag)
        else:
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        run._element.append(element)


def _cell_xml(
    text: str, width_mm: float, *, size: int = 12, bold: bool = False, align: str = "center"
) -> str:
    fonts = "".join(f' w:{a}="{FONT}"' for a in ("ascii", "hAnsi", "cs", "eastAsia"))
    run_pr = (
        f"<w:rFonts{fonts}/>"
        + ("<w:b/>" if bold else "")
        + f'<w:sz w:val="{size * 2}"/><w:szCs w:val="{size * 2}"/>'
    )
    run = f'<w:r><w:rPr>{run_pr}</w:rPr><w:t xml:space="preserve">{escape(text)}</w:t></w:r>' if text else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{_twips(width_mm)}" w:type="dxa"/></w:tcPr>'
        f'<w:p><w:pPr><w:spacing w:before="0" w:after="0"/><w:jc w:val="{align}"/></w:pPr>{run}</w:p></w:tc>'
    )


def _grid_table(document: Any, header: list[str], rows: list[list[str]], widths_mm: list[float]) -> Table:
    """A bordered table; rows are written as WordprocessingML directly (python-docx's cell API is slow for
    the hundreds of rows of a province's communes). The heading row repeats on every page."""
    table = document.add_table(rows=0, cols=len(header))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for i, width in enumerate(widths_mm):
        table.columns[i].width = Mm(width)  # the grid LibreOffice and Word lay out from
    head = "".join(_cell_xml(t, w, bold=True) for t, w in zip(header, widths_mm, strict=True))
    body = "".join(
        "<w:tr>"
        + "".join(
            _cell_xml(text, w, align="left" if i == 1 else "center")
            for i, (text, w) in enumerate(zip(row, widths_mm, strict=True))
        )
        + "</w:tr>"
        for row in rows
    )
    xml = f"<w:tbl {nsdecls('w')}><w:tr><w:trPr><w:tblHeader/></w:trPr>{head}</w:tr>{body}</w:tbl>"
    for tr in parse_xml(xml).findall(qn("w:tr")):
        table._tbl.append(tr)
    return table


def recipients(report: Report) -> list[str]:
    """The bodies above the reporting unit that receive the report ("Nơi nhận"), named as bodies:
    "Ban Dân vận Tỉnh ủy Lạng Sơn", "UBND tỉnh Lạng Sơn", "Ban Dân vận Trung ương" (never a territory)."""
    parent = report.unit.parent
    if parent is None:
        return ["Bộ Chính trị, Ban Bí thư"]
    if report.body_kind == BodyKind.PARTY:
        return [
            naming.party_committee(parent) if parent.level else "Ban Bí thư",
            naming.body_name(parent, "ban_dan_van"),
        ]
    return [naming.body_name(parent, "ubnd"), naming.body_name(parent, "ban_dan_van")]


def report_docx(report: Report, tables: dict[str, Any], *, on: dt.date | None = None) -> bytes:
    document = Document()
    section = page_setup(document)
    section.orientation = WD_ORIENT.PORTRAIT
    _page_number_header(section)

    day = on or clock.local_date(report.submitted_at) if report.submitted_at else (on or clock.today())
    party = report.body_kind == BodyKind.PARTY
    national_header(
        document,
        parent_body=report.parent_body or "",
        issuing_body=report.issuing_body,
        number=f"Số {report.number}" if party else f"Số: {report.number}",
        date_line=vn_date_line(report.place or "", day),
        party=party,
    )

    _para(document, "", after=6)
    _para(document, "BÁO CÁO", size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(document, naming.capitalise(report.title.removeprefix("Báo cáo ")) if report.title.lower().startswith("báo cáo ")
          else report.title, size=14, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)  # fmt: skip
    _para(document, "-----", size=14, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    theme = report.period.theme
    intro = (
        f"Thực hiện chương trình công tác dân vận {report.period.name[0].lower() + report.period.name[1:]} "
        f"(từ ngày {report.period.start:%d/%m/%Y} đến ngày {report.period.end:%d/%m/%Y})"
    )
    intro += f", chủ đề năm “{theme.title}”" if theme else ""
    _para(document, intro + f", {report.issuing_body} báo cáo như sau:", indent=True)

    for field, label in SECTION_LABELS.items():
        _para(document, label.upper() if field != "results" else label.upper(), bold=True, indent=True)
        if field == "results":
            _para(document, "1. Các chỉ tiêu chủ yếu", bold=True, indent=True)
            if tables.get("label"):
                _para(document, f"({tables['label']})", italic=True, indent=True)
            for change in tables.get("revisions", []):
                _para(document, f"Số liệu báo cáo {change['period']} đã thay đổi sau khi gửi: {change['name']} "
                      f"{fmt_number(change['frozen'], change['unit'])} → {fmt_number(change['now'], change['unit'])}.",
                      italic=True, indent=True)  # fmt: skip
            rows = [
                [str(i), r["name"], r["unit"], fmt_number(r["value"], r["unit"]), fmt_number(r["target"], r["unit"]),
                 fmt_number(r["achievement"], "%")]
                for i, r in enumerate(tables.get("rows", []), start=1)
            ]  # fmt: skip
            _grid_table(document, ["TT", "Chỉ tiêu", "Đơn vị tính", "Kết quả", "Chỉ tiêu giao", "Đạt (%)"],
                        rows, [10, 64, 22, 22, 22, 23])  # fmt: skip
            children = tables.get("children") or {}
            if children.get("rows"):
                _para(document, "", after=0)
                _para(document, "2. Kết quả theo đơn vị trực thuộc", bold=True, indent=True)
                used = [
                    k
                    for k in range(len(children["columns"]))
                    if any(r["values"][k] for r in children["rows"])
                ]
                keep = (used or list(range(len(children["columns"]))))[:4]
                columns = [children["columns"][k] for k in keep]
                crow = [
                    [
                        str(i),
                        row["name"],
                        *[fmt_number(row["values"][k], children["columns"][k]["unit"]) for k in keep],
                    ]
                    for i, row in enumerate(children["rows"], start=1)
                ]
                width = 98 / max(1, len(columns))
                _grid_table(document, ["TT", "Đơn vị", *[c["name"] for c in columns]], crow,
                            [10, 60, *[width] * len(columns)])  # fmt: skip
            _para(document, "", after=0)
            _para(
                document,
                ("3. " if children.get("rows") else "2. ") + "Đánh giá chung",
                bold=True,
                indent=True,
            )
        text = getattr(report, field)
        for line in [p for p in text.splitlines() if p.strip()] or ["…"]:
            _para(document, line.strip(), indent=True)

    _para(document, "", after=0)
    sign = document.add_table(rows=1, cols=2)
    _no_borders(sign)
    recv, signer = sign.rows[0].cells
    sign.autofit = False
    sign.columns[0].width, sign.columns[1].width = Mm(78), Mm(85)
    recv.width, signer.width = Mm(78), Mm(85)
    _cell_para(
        recv, "Nơi nhận:", size=12, bold=True, italic=True, underline=not party, align=WD_ALIGN_PARAGRAPH.LEFT
    )
    for line in (
        *[f"- {body} (để báo cáo)," for body in recipients(report)],
        "- Các đơn vị liên quan,",
        "- Lưu: VT.",
    ):
        _cell_para(recv, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT)
    for line in (report.signer_title or "").upper().splitlines():
        _cell_para(signer, line, size=14, bold=True)
    _cell_para(signer, "", size=14, after=48)
    _cell_para(signer, "", size=14)
    _cell_para(signer, report.signer_name or "", size=14, bold=True)

    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
