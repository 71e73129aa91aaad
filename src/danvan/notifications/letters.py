"""The letters the law asks for, as DOCX and PDF in the layout of Nghị định 30/2020/NĐ-CP (A4, Times New Roman,
national heading beside the body's name, number, place and date, title, body, signature block): notice of
acceptance, notice of refusal with the reason, transfer slip (phiếu chuyển đơn), notice of extension, the
answer. A denunciation's letters name no one: "Người tố cáo (hồ sơ DV-…)"."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from danvan.core import clock
from danvan.core.officialdoc import national_header, page_setup, vn_date_line
from danvan.territory import naming
from danvan.territory.models import Level


@dataclass(frozen=True)
class Letter:
    title: str
    subtitle: str
    symbol: str


LETTERS = {
    "acceptance": Letter("THÔNG BÁO", "Về việc thụ lý giải quyết đơn", "TB"),
    "refusal": Letter("THÔNG BÁO", "Về việc không thụ lý giải quyết đơn", "TB"),
    "transfer": Letter("PHIẾU CHUYỂN ĐƠN", "", "PC"),
    "extension": Letter("THÔNG BÁO", "Về việc gia hạn thời hạn giải quyết", "TB"),
    "answer": Letter("VĂN BẢN TRẢ LỜI", "Về kết quả giải quyết đơn", "TL"),
}


def _body(petition: Any, kind: str) -> list[str]:
    kind_label = str(petition.get_kind_display()).lower()
    code = petition.tracking_code
    received = clock.format_date(petition.received_at)
    protected = petition.is_confidential or petition.identity_protected
    if kind == "acceptance":
        due = clock.format_date(petition.resolve_due) if petition.resolve_due else "…"
        return [
            f"{petition.unit.name} đã nhận {kind_label} (mã hồ sơ {code}) ngày {received}.",
            f"Đơn đủ điều kiện và thuộc thẩm quyền giải quyết; {petition.unit.name} thụ lý giải quyết. "
            f"Thời hạn giải quyết đến ngày {due}.",
        ]
    if kind == "refusal":
        reason = "" if protected else petition.refusal_reason
        return [
            f"{petition.unit.name} đã nhận {kind_label} (mã hồ sơ {code}) ngày {received}.",
            f"Đơn không đủ điều kiện thụ lý giải quyết. Lý do: {reason or '(ghi trong hồ sơ)'}",
        ]
    if kind == "transfer":
        return [
            f"Ngày {received}, cơ quan tiếp nhận đã nhận {kind_label} (mã hồ sơ {code}).",
            f"Căn cứ quy định của pháp luật, chuyển đơn đến {petition.unit.name} để xem xét, giải quyết theo "
            "thẩm quyền. Đề nghị cơ quan nhận đơn thông báo kết quả cho người gửi đơn theo quy định.",
        ]
    if kind == "extension":
        due = clock.format_date(petition.resolve_due) if petition.resolve_due else "…"
        return [
            f"{petition.unit.name} gia hạn thời hạn giải quyết {kind_label} (mã hồ sơ {code}) đến ngày {due}.",
        ]
    answer = "(xem văn bản giải quyết kèm theo)" if protected else (petition.answer or "")
    ref = f" ({petition.decision_ref})" if petition.decision_ref else ""
    return [f"Kết quả giải quyết {kind_label} (mã hồ sơ {code}){ref}:", *answer.splitlines()]


def addressee(petition: Any, kind: str) -> str:
    if kind == "transfer":
        return str(petition.unit.name)
    if petition.is_confidential or petition.identity_protected:
        return f"Người tố cáo (hồ sơ {petition.tracking_code})"
    return f"Ông/Bà {petition.petitioner_name}" if petition.petitioner_name else "Người gửi đơn"


def build_pdf(petition: Any, kind: str) -> bytes:
    """The same letter as PDF (WeasyPrint from `notifications/letter.html`)."""
    from django.template.loader import render_to_string
    from weasyprint import HTML

    today = clock.today()
    html = render_to_string(
        "notifications/letter.html",
        {
            "letter": LETTERS[kind],
            "code": petition.tracking_code,
            "unit_name": petition.unit.name,
            "unit_code": petition.unit.code,
            "day": f"{today.day:02d}",
            "month": f"{today.month:02d}",
            "year": today.year,
            "to": addressee(petition, kind),
            "body": _body(petition, kind),
        },
    )
    return bytes(HTML(string=html).write_pdf())


def build_docx(petition: Any, kind: str) -> bytes:
    """The letter `kind` (a key of LETTERS) for `petition`, as DOCX bytes."""
    letter = LETTERS[kind]
    document = Document()
    page_setup(document)
    unit = petition.unit
    today = clock.today()
    place = unit if unit.parent is None or unit.level <= Level.PROVINCE else unit.parent
    national_header(
        document,
        issuing_body=naming.body_name(unit, "ubnd", full=True),
        number=f"Số: …/{letter.symbol}-{unit.code}",
        date_line=vn_date_line(place.short_name, today),
    )
    document.add_paragraph()

    title = document.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.add_run(letter.title).bold = True
    if letter.subtitle:
        sub = document.add_paragraph()
        sub.alignment = WD_ALIGN_PARAGRAPH.CENTER
        sub.add_run(letter.subtitle).bold = True
    recipient = document.add_paragraph(f"Kính gửi: {addressee(petition, kind)}")
    recipient.alignment = WD_ALIGN_PARAGRAPH.CENTER
    for text in _body(petition, kind):
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    signature = document.add_table(rows=1, cols=2)
    receivers, signer = signature.rows[0].cells
    receivers.paragraphs[0].add_run("Nơi nhận:").bold = True
    receivers.add_paragraph("- Như trên;")
    receivers.add_paragraph("- Lưu: VT, hồ sơ.")
    signer.paragraphs[0].add_run("THỦ TRƯỞNG CƠ QUAN").bold = True
    signer.add_paragraph("(Ký, ghi rõ họ tên, đóng dấu)").runs[0].italic = True
    signer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
