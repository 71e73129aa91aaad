"""The names of the placeholders of answer and letter templates, and the check of a template's text
(no petition needed: the answer templates' model validates with it without reaching the petitions)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

#: name → what it is (shown beside the template picker and in the admin's help)
PLACEHOLDERS: dict[str, Any] = {
    "ma_don": gettext_lazy("mã hồ sơ"),
    "ngay_nhan": gettext_lazy("ngày nhận đơn"),
    "ten_nguoi_gui": gettext_lazy("họ tên người gửi (không bao giờ với đơn tố cáo)"),
    "don_vi": gettext_lazy("cơ quan giải quyết"),
    "linh_vuc": gettext_lazy("lĩnh vực"),
    "han_giai_quyet": gettext_lazy("hạn giải quyết"),
    "loai_don": gettext_lazy("loại đơn"),
    "ngay_tra_loi": gettext_lazy("ngày hôm nay"),
}

_TOKEN = re.compile(r"\{([^{}\s]{1,40})\}")


def names_in(text: str) -> list[str]:
    return list(dict.fromkeys(_TOKEN.findall(text)))


def unknown_names(text: str, known: Mapping[str, Any] | None = None) -> list[str]:
    allowed = PLACEHOLDERS if known is None else known
    return [n for n in names_in(text) if n not in allowed]


def unknown_message(names: list[str], known: Any = None) -> str:
    known = PLACEHOLDERS if known is None else known
    return str(
        _("Mẫu có chỗ điền không có trong danh sách: %(names)s. Các chỗ điền dùng được: %(known)s.")
        % {
            "names": ", ".join("{" + n + "}" for n in names),
            "known": ", ".join("{" + n + "}" for n in known),
        }
    )
