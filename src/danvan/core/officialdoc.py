"""The header of every DOCX the platform writes, in the format of Nghị định 30/2020 (Phụ lục I), and the
measure of text in Times New Roman that keeps each of its lines on one line.

One helper for reports (reporting), the weekly situation brief (situation) and the letters to
petitioners (notifications): the issuing body (left) and the national motto or the party's name (right),
each line set on its own, in columns wide enough for "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" and a province's
People's Committee at the format's sizes (the table reaches 10 mm into the 30 mm left margin); a longer
body name breaks before the unit's type ("ỦY BAN NHÂN DÂN" / "THÀNH PHỐ HỒ CHÍ MINH").
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # python-docx loads with the first document, not in every worker
    from docx.table import Table
    from docx.text.paragraph import Paragraph

FONT = "Times New Roman"
BODY_PT = 14

# --- Text widths in Times New Roman (the format's typeface) ------------------------------------------
# Advance widths in 1/1000 em of Times (Adobe's core metrics; Times New Roman and Liberation Serif share
# them): enough to check that a header line fits its column without a font installed. A Vietnamese letter
# is as wide as its base letter; the horn of Ơ and Ư sticks out a little (_HORN).
_DIGITS = dict.fromkeys("0123456789", 500)
_PUNCT = {" ": 250, ",": 250, ".": 250, "-": 333, ":": 333, "/": 278, "*": 500, "_": 500, "(": 333, ")": 333,
          "–": 500, "…": 1000, "“": 500, "”": 500}  # fmt: skip
_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_LOWER = "abcdefghijklmnopqrstuvwxyz"
_WIDTHS = {
    "regular": dict(
        zip(_UPPER, (722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722, 611, 889, 722, 722, 556, 722, 667,
                     556, 611, 722, 722, 944, 722, 722, 611), strict=True),
        **dict(zip(_LOWER, (444, 500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500,
                            333, 389, 278, 500, 500, 722, 500, 500, 444), strict=True)),
    ),
    "bold": dict(
        zip(_UPPER, (722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778, 667, 944, 722, 778, 611, 778, 722,
                     556, 667, 722, 722, 1000, 722, 722, 667), strict=True),
        **dict(zip(_LOWER, (500, 556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556,
                            444, 389, 333, 556, 500, 722, 500, 500, 444), strict=True)),
    ),
    "italic": dict(
        zip(_UPPER, (611, 611, 667, 722, 611, 611, 722, 722, 333, 444, 667, 556, 833, 667, 722, 611, 722, 611,
                     500, 556, 722, 611, 833, 611, 556, 556), strict=True),
        **dict(zip(_LOWER, (500, 500, 444, 500, 444, 278, 500, 500, 278, 278, 444, 278, 722, 500, 500, 500, 500,
                            389, 389, 278, 500, 444, 667, 444, 444, 389), strict=True)),
    ),
}  # fmt: skip
_HORN = 70
PT_PER_MM = 72 / 25.4
# Room kept for the renderer's own rounding and kerning: a line is set only where 103 % of it fits.
FIT_SAFETY = 1.03


def text_width_mm(text: str, size: float, *, bold: bool = False, italic: bool = False) -> float:
    """The width of one line of `text` set in Times New Roman at `size` points, in millimetres."""
    table = _WIDTHS["bold" if bold else "italic" if italic else "regular"]
    units = 0
    for ch in text:
        base = unicodedata.normalize("NFD", ch.replace("Đ", "D").replace("đ", "d"))[0]
        units += table.get(base, _DIGITS.get(base, _PUNCT.get(base, 722)))
        if ch in "ƠơƯưỜờỚớỞởỠỡỢợỪừỨứỬửỮữỰự":
            units += _HORN
    return units / 1000 * size / PT_PER_MM


def fit_lines(text: str, width_mm: float, size: float, *, bold: bool = False) -> list[str]:
    """`text` in as few lines as fit `width_mm`, breaking first before the unit's type ("ỦY BAN NHÂN DÂN" /
    "THÀNH PHỐ HỒ CHÍ MINH"), never inside a proper name when that can be helped."""
    width_mm /= FIT_SAFETY
    if text_width_mm(text, size, bold=bold) <= width_mm:
        return [text]
    words = text.split()
    kinds = {"TỈNH", "THÀNH", "PHƯỜNG", "XÃ", "ĐẶC", "TỈNH ỦY", "THÀNH ỦY", "ĐẢNG"}
    for i in range(1, len(words)):
        if words[i] in kinds:
            head, tail = " ".join(words[:i]), " ".join(words[i:])
            if max(text_width_mm(head, size, bold=bold), text_width_mm(tail, size, bold=bold)) <= width_mm:
                return [head, tail]
    lines: list[str] = []
    for word in words:
        if lines and text_width_mm(f"{lines[-1]} {word}", size, bold=bold) <= width_mm:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines


def vn_date_line(place: str, day: dt.date) -> str:
    """ "Lạng Sơn, ngày 05 tháng 01 năm 2026" (days < 10 and months 1, 2 take a leading zero)."""
    month = f"{day.month:02d}" if day.month < 3 else str(day.month)
    return f"{place}, ngày {day.day:02d} tháng {month} năm {day.year}"


# --- python-docx pieces ---------------------------------------------------------------------------------


def run_font(
    run: Any, size: float, bold: bool = False, italic: bool = False, underline: bool = False
) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = FONT
    run.font.size = Pt(size)
    run.bold, run.italic, run.underline = bold, italic, underline
    r_pr = run._element.get_or_add_rPr()
    fonts = r_pr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        r_pr.insert(0, fonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)


def cell_para(cell: Any, text: str, **kw: Any) -> Paragraph:
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Pt

    paragraph = (
        cell.paragraphs[0]
        if not cell.paragraphs[0].text and len(cell.paragraphs) == 1
        else cell.add_paragraph()
    )
    paragraph.alignment = kw.pop("align", WD_ALIGN_PARAGRAPH.CENTER)
    paragraph.paragraph_format.space_after = Pt(kw.pop("after", 0))
    paragraph.paragraph_format.space_before = Pt(0)
    if text:
        run_font(paragraph.add_run(text), kw.pop("size", 13), **kw)
    return paragraph


def twips(mm: float) -> int:
    return round(mm * 1440 / 25.4)


_TBL_PR_ORDER = ("tblStyle", "tblpPr", "tblOverlap", "bidiVisual", "tblStyleRowBandSize", "tblStyleColBandSize",
                 "tblW", "jc", "tblCellSpacing", "tblInd", "tblBorders", "shd", "tblLayout", "tblCellMar", "tblLook",
                 "tblCaption", "tblDescription")  # fmt: skip


def schema_order(tbl_pr: Any) -> None:
    """Children of w:tblPr in the order of the OOXML schema (Word refuses a file that breaks it)."""
    from docx.oxml.ns import qn

    rank = {qn(f"w:{name}"): i for i, name in enumerate(_TBL_PR_ORDER)}
    children = sorted(tbl_pr, key=lambda el: rank.get(el.tag, len(rank)))
    for child in children:
        tbl_pr.remove(child)
        tbl_pr.append(child)


def no_borders(table: Table) -> None:
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:val"), "nil")
        borders.append(element)
    tbl_pr.append(borders)
    schema_order(tbl_pr)


def fixed_layout(table: Table, *, indent_mm: float, margin_mm: float) -> None:
    """Fixed column widths, the table shifted by `indent_mm` and `margin_mm` of padding left and right."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    tbl_pr = table._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    indent = OxmlElement("w:tblInd")
    indent.set(qn("w:w"), str(twips(indent_mm)))
    indent.set(qn("w:type"), "dxa")
    tbl_pr.append(indent)
    margins = OxmlElement("w:tblCellMar")
    for edge in ("left", "right"):
        element = OxmlElement(f"w:{edge}")
        element.set(qn("w:w"), str(twips(margin_mm)))
        element.set(qn("w:type"), "dxa")
        margins.append(element)
    tbl_pr.append(margins)
    schema_order(tbl_pr)


# The header table (Nghị định 30/2020, Phụ lục I): "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (12 pt bold) is
# 88.3 mm wide and "ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN" 75.1 mm: the 163 mm between the margins cannot hold both
# with Word's default cell padding, so the table starts 10 mm into the 30 mm left margin.
HEADER_LEFT_MM = 82.0
HEADER_RIGHT_MM = 93.0
HEADER_INDENT_MM = 10.0
HEADER_CELL_MARGIN_MM = 1.0


def page_setup(document: Any) -> Any:
    """A4 portrait, the format's margins, Times New Roman 14 pt as the normal style; the first section."""
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt

    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), FONT)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(17)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    return section


def national_header(
    document: Any,
    *,
    issuing_body: str,
    number: str,
    date_line: str,
    parent_body: str = "",
    party: bool = False,
) -> Table:
    """The header table: the issuing body under its parent body, and its number (left); the national motto,
    or "ĐẢNG CỘNG SẢN VIỆT NAM" for a party body, and the place and date (right). Every line fits its
    column on one line at the format's sizes (a long body name is set on two lines, broken before the
    unit's type)."""
    from docx.shared import Mm

    header = document.add_table(rows=1, cols=2)
    no_borders(header)
    fixed_layout(header, indent_mm=-HEADER_INDENT_MM, margin_mm=HEADER_CELL_MARGIN_MM)
    header.autofit = False
    left, right = header.rows[0].cells
    header.columns[0].width, header.columns[1].width = Mm(HEADER_LEFT_MM), Mm(HEADER_RIGHT_MM)
    left.width, right.width = Mm(HEADER_LEFT_MM), Mm(HEADER_RIGHT_MM)
    room = HEADER_LEFT_MM - 2 * HEADER_CELL_MARGIN_MM
    body_pt = 13 if party else 12
    if parent_body:
        for line in fit_lines(parent_body.upper(), room, body_pt):
            cell_para(left, line, size=body_pt)
    for line in fit_lines(issuing_body.upper(), room, body_pt, bold=True):
        cell_para(left, line, size=body_pt, bold=True)
    cell_para(left, "*" if party else "_______", size=13)
    cell_para(left, number, size=13)
    if party:
        cell_para(right, "ĐẢNG CỘNG SẢN VIỆT NAM", size=15, bold=True, underline=True, after=6)
    else:
        cell_para(right, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", size=12, bold=True)
        cell_para(right, "Độc lập - Tự do - Hạnh phúc", size=13, bold=True, underline=True, after=6)
    right_room = HEADER_RIGHT_MM - 2 * HEADER_CELL_MARGIN_MM
    for line in fit_lines(date_line, right_room, 14):
        cell_para(right, line, size=14, italic=True)
    return header


def header_lines(data: bytes) -> list[tuple[str, float, float, bool]]:
    """(text, room of its column in mm, size in pt, bold) of each line of a DOCX's header table: what the
    tests of every generator check (each line no wider than its column)."""
    import io

    from docx import Document
    from docx.oxml.ns import qn

    table = Document(io.BytesIO(data)).tables[0]
    lines = []
    for cell in table.rows[0].cells:
        tc_w = cell._tc.get_or_add_tcPr().find(qn("w:tcW"))
        width = int(tc_w.get(qn("w:w"))) if tc_w is not None else 0
        room = width * 25.4 / 1440 - 2 * HEADER_CELL_MARGIN_MM
        for paragraph in cell.paragraphs:
            for run in paragraph.runs:
                if run.text.strip():
                    size = run.font.size.pt if run.font.size is not None else BODY_PT
                    lines.append((run.text, room, size, bool(run.bold)))
    return lines


def header_overflows(data: bytes) -> list[str]:
    """The lines of a DOCX's header table that would wrap in their column (empty when all fit)."""
    return [
        f"“{text}” is {text_width_mm(text, size, bold=bold):.1f} mm at {size} pt in a {room:.1f} mm column"
        for text, room, size, bold in header_lines(data)
        if text_width_mm(text, size, bold=bold) * FIT_SAFETY > room
    ]
