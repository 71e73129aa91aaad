"""Every DOCX the platform writes has the one header of Nghị định 30 (`core.officialdoc.national_header`)."""

from __future__ import annotations

from pathlib import Path

from danvan.core.officialdoc import fit_lines, text_width_mm

SRC = Path(__file__).resolve().parents[2]


def test_every_module_that_writes_a_docx_uses_the_shared_header() -> None:
    writers = [
        path
        for path in SRC.rglob("*.py")
        if "tests" not in path.parts
        and "from docx import Document" in (text := path.read_text(encoding="utf-8"))
        and ".save(" in text
    ]
    assert writers, "no DOCX writer found"
    for path in writers:
        assert "national_header(" in path.read_text(encoding="utf-8"), (
            f"{path.relative_to(SRC)} writes a DOCX without core.officialdoc.national_header"
        )


def test_the_motto_and_a_long_body_name_fit_and_a_long_name_breaks_before_the_units_type() -> None:
    assert fit_lines("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 91, 12, bold=True) == [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    ]
    assert fit_lines("ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN", 80, 12, bold=True) == ["ỦY BAN NHÂN DÂN TỈNH LẠNG SƠN"]
    assert fit_lines("ỦY BAN NHÂN DÂN THÀNH PHỐ HỒ CHÍ MINH", 80, 12, bold=True) == [
        "ỦY BAN NHÂN DÂN",
        "THÀNH PHỐ HỒ CHÍ MINH",
    ]
    assert text_width_mm("Đ", 12) == text_width_mm("D", 12)
