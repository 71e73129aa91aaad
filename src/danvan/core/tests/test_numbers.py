"""The one number formatter: Vietnamese and English separators, percentages to one decimal everywhere."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.template import Context, Template
from django.utils import translation

from danvan.core.numbers import chart_value, format_number
from danvan.reporting import exports, formatting


def test_vietnamese_numbers_group_thousands_with_dots_and_use_a_decimal_comma() -> None:
    with translation.override("vi"):
        assert format_number(3321) == "3.321"
        assert format_number(253212) == "253.212"
        assert format_number(42.11, percent=True) == "42,1%"
        assert format_number(100, percent=True) == "100,0%"
        assert format_number(0.24, percent=True) == "0,2%"
        assert format_number(42.25, percent=True) == "42,3%"  # half up, as by hand
        assert format_number(None) == "—"


def test_english_numbers_group_thousands_with_commas_and_use_a_decimal_point() -> None:
    with translation.override("en"):
        assert format_number(3321) == "3,321"
        assert format_number(1234.56) == "1,234.6"
        assert format_number(42.11, percent=True) == "42.1%"


def test_templates_charts_and_documents_share_the_formatter() -> None:
    template = Template("{% load numbers reporting_tags %}{{ n|number }} {{ p|percent }} {{ p|figure:'%' }}")
    with translation.override("vi"):
        assert template.render(Context({"n": 6710, "p": 43.44})) == "6.710 43,4% 43,4%"
        assert formatting.fmt_number(43.44, "%") == "43,4%"
    assert chart_value(43.44, percent=True) == 43.4 and chart_value(12) == 12


@pytest.mark.django_db
def test_xlsx_cells_keep_numbers_with_a_number_format_not_text(units: Any) -> None:
    from openpyxl import load_workbook

    tables = {
        "rows": [
            {"code": "a", "name": "Đơn tiếp nhận", "unit": "đơn", "value": 253212.0, "target": None, "achievement": None},
            {"code": "b", "name": "Tỷ lệ đúng hạn", "unit": "%", "value": 42.11, "target": 80.0, "achievement": 52.6},
        ],
        "children": {"columns": [], "rows": []},
    }  # fmt: skip
    sheet = load_workbook(io.BytesIO(exports.xlsx(tables, "Thử")))["Chỉ tiêu"]
    count, share = sheet["D3"], sheet["D4"]
    assert count.value == 253212 and count.number_format == "#,##0"
    assert share.value == 42.11 and share.number_format == '0.0"%"'
    assert sheet["F4"].number_format == '0.0"%"'
