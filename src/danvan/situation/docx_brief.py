"""The weekly brief as DOCX in the administrative format (Nghị định 30/2020/NĐ-CP: Times New Roman,
A4, margins 20/20/30/15–20 mm, the issuing body and the national motto side by side, the place and date
line, the title, numbered sections, "Nơi nhận" and the signature block). Imported on the first export."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm, Pt

from danvan.core import clock
from danvan.core.officialdoc import national_header, page_setup, vn_date_line
from danvan.reporting import services as reporting_services
from danvan.situation.models import Brief
from danvan.territory.models import Level

FONT = "Times New Roman"
BODY_PT = 14
SECTIONS = (
    ("rising", "Những vấn đề nhân dân quan tâm đang tăng"),
    ("hotspots", "Tình hình các điểm nóng"),
    ("polls", "Kết quả thăm dò dư luận"),
    ("reports", "Tình hình báo cáo của cộng tác viên dư luận xã hội"),
    ("proposals", "Đề xuất, kiến nghị"),
)
ROMAN = ("I", "II", "III", "IV", "V", "VI")


def _para(container: Any, text: str, *, size: int = BODY_PT, bold: bool = False, italic: bool = False,
          align: Any = WD_ALIGN_PARAGRAPH.JUSTIFY, indent: bool = False, after: int = 6) -> Any:  # fmt: skip
    p = container.add_paragraph()
    p.alignment = align
    p.paragraph_format.space_after = Pt(after)
    if indent:
        p.paragraph_format.first_line_indent = Mm(10)
    run = p.add_run(text)
    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold = bold
    run.italic = italic
    return p


def brief_docx(brief: Brief, *, on: dt.date | None = None) -> bytes:
    day = on or brief.sent_on or clock.today()
    document = Document()
    page_setup(document)
    # A party body's document (Hướng dẫn 36-HD/VPTW): the same header as the unit's reports.
    headers = reporting_services.default_headers(brief.unit, "party")
    parent = brief.unit.parent
    place = brief.unit if parent is None or brief.unit.level <= Level.PROVINCE else parent
    national_header(
        document,
        parent_body=headers["parent_body"],
        issuing_body=headers["issuing_body"],
        number=f"Số {brief.number or headers['number']}",
        date_line=vn_date_line(place.short_name, day),
        party=True,
    )

    _para(document, "", after=6)
    _para(document, "BÁO CÁO", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    end = brief.week_start + dt.timedelta(days=6)
    _para(
        document,
        f"Tình hình nhân dân tuần từ ngày {brief.week_start:%d/%m/%Y} đến ngày {end:%d/%m/%Y}",
        bold=True,
        align=WD_ALIGN_PARAGRAPH.CENTER,
        after=0,
    )
    _para(document, "-----", align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    for number, (field, label) in zip(ROMAN, SECTIONS, strict=False):
        _para(document, f"{number}. {label.upper()}", bold=True, indent=True)
        text = getattr(brief, field) or ""
        for line in [p.strip() for p in text.splitlines() if p.strip()] or ["…"]:
            _para(document, line, indent=True)

    sign = document.add_table(rows=1, cols=2)
    recv, signer = sign.rows[0].cells
    _para(recv, "Nơi nhận:", size=12, bold=True, italic=True, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    upper = parent.name if parent is not None else "Ban Dân vận Trung ương"
    for line in (f"- Ban Dân vận {upper} (để báo cáo),", "- Các đơn vị liên quan,", "- Lưu: VT."):
        _para(recv, line, size=11, align=WD_ALIGN_PARAGRAPH.LEFT, after=0)
    for line in (brief.signer_title or "").upper().splitlines():
        _para(signer, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER, after=0)
    _para(signer, "", after=48)
    _para(signer, brief.signer_name or "", bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
