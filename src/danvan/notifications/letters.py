"""The letters the law asks for, as DOCX and PDF in the layout of Nghị định 30/2020/NĐ-CP (A4, Times New Roman,
national heading beside the body's name, number, place and date, title, body, signature block): notice of
acceptance, notice of refusal with the reason, transfer slip (phiếu chuyển đơn), notice of extension, the
answer. A denunciation's letters name no one: "Người tố cáo (hồ sơ DV-…)"."""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from django.apps import apps
from django.utils.translation import gettext_lazy
from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Mm

from danvan.core import clock
from danvan.core.officialdoc import national_header, page_setup, vn_date_line
from danvan.core.workflow import Refused
from danvan.petitions import services as placeholders
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


#: the built-in body of each letter, one paragraph per line (placeholders: `LETTER_PLACEHOLDERS`); an
#: administrator's `LetterTemplate` replaces it
DEFAULT_BODIES = {
    "acceptance": (
        "{don_vi} đã nhận {loai_don} (mã hồ sơ {ma_don}) ngày {ngay_nhan}.\n"
        "Đơn đủ điều kiện và thuộc thẩm quyền giải quyết; {don_vi} thụ lý giải quyết. "
        "Thời hạn giải quyết đến ngày {han_giai_quyet}."
    ),
    "refusal": (
        "{don_vi} đã nhận {loai_don} (mã hồ sơ {ma_don}) ngày {ngay_nhan}.\n"
        "Đơn không đủ điều kiện thụ lý giải quyết. Lý do: {ly_do}"
    ),
    "transfer": (
        "Ngày {ngay_nhan}, cơ quan tiếp nhận đã nhận {loai_don} (mã hồ sơ {ma_don}).\n"
        "Căn cứ quy định của pháp luật, chuyển đơn đến {don_vi} để xem xét, giải quyết theo thẩm quyền. "
        "Đề nghị cơ quan nhận đơn thông báo kết quả cho người gửi đơn theo quy định."
    ),
    "extension": "{don_vi} gia hạn thời hạn giải quyết {loai_don} (mã hồ sơ {ma_don}) đến ngày {han_giai_quyet}.",
    "answer": "Kết quả giải quyết {loai_don} (mã hồ sơ {ma_don}){so_van_ban}:\n{tra_loi}",
}
DEFAULT_SIGNER = "THỦ TRƯỞNG CƠ QUAN"

#: the placeholders of letters: those of answers, and the reason, the answer and the decision's number
LETTER_PLACEHOLDERS: dict[str, Any] = {
    **placeholders.PLACEHOLDERS,
    "ly_do": gettext_lazy("lý do không thụ lý"),
    "tra_loi": gettext_lazy("nội dung trả lời"),
    "so_van_ban": gettext_lazy("số văn bản trả lời"),
}


def _values(petition: Any) -> dict[str, str]:
    """What a letter's placeholders read: a protected petition's letter holds no reason, no answer and no
    name (`placeholders.values_for` without an officer: the body's letter, never a denunciator's name)."""
    protected = petition.is_confidential or petition.identity_protected
    values = placeholders.values_for(petition, None)
    values["ly_do"] = ("" if protected else petition.refusal_reason) or "(ghi trong hồ sơ)"
    values["tra_loi"] = "(xem văn bản giải quyết kèm theo)" if protected else (petition.answer or "")
    values["so_van_ban"] = f" ({petition.decision_ref})" if petition.decision_ref else ""
    if not values["han_giai_quyet"]:
        values["han_giai_quyet"] = "…"
    return values


def _template(kind: str) -> tuple[str, str]:
    """(body, signer title): the administrator's version where set, else the built-in one."""
    template = apps.get_model("notifications", "LetterTemplate")  # its model validates with our names
    own = template.objects.filter(kind=kind).first()
    body = own.body.strip() if own is not None and own.body.strip() else DEFAULT_BODIES[kind]
    signer = own.signer_title.strip() if own is not None and own.signer_title.strip() else DEFAULT_SIGNER
    return body, signer


def _body(petition: Any, kind: str, body: str | None = None) -> list[str]:
    text = DEFAULT_BODIES[kind] if body is None else body
    values = _values(petition)
    try:
        filled = placeholders.fill(text, values, strict=False, known=LETTER_PLACEHOLDERS, field="body")
    except Refused:  # a template saved around the admin's check: the built-in text rather than no letter
        filled = placeholders.fill(DEFAULT_BODIES[kind], values, strict=False, known=LETTER_PLACEHOLDERS)
    return [line for line in filled.splitlines() if line.strip()]


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
    body, signer = _template(kind)
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
            "body": _body(petition, kind, body),
            "signer": signer,
        },
    )
    return bytes(HTML(string=html).write_pdf())


def build_docx(petition: Any, kind: str) -> bytes:
    """The letter `kind` (a key of LETTERS) for `petition`, as DOCX bytes."""
    letter = LETTERS[kind]
    body, signer_title = _template(kind)
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
    for text in _body(petition, kind, body):
        paragraph = document.add_paragraph(text)
        paragraph.paragraph_format.first_line_indent = Mm(10)
        paragraph.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    signature = document.add_table(rows=1, cols=2)
    receivers, signer = signature.rows[0].cells
    receivers.paragraphs[0].add_run("Nơi nhận:").bold = True
    receivers.add_paragraph("- Như trên;")
    receivers.add_paragraph("- Lưu: VT, hồ sơ.")
    signer.paragraphs[0].add_run(signer_title).bold = True
    signer.add_paragraph("(Ký, ghi rõ họ tên, đóng dấu)").runs[0].italic = True
    signer.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
