"""Đơn thư: who may perform each action on a petition (see `danvan.accounts.rulebook`)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.rulebook import ACT, UNIT, Rule, Rulebook

RULEBOOK = Rulebook(
    "petitions",
    _("Đơn thư"),
    [
        Rule("accept", _("Thụ lý"), roles=ACT),
        Rule("refuse", _("Không thụ lý"), roles=ACT),
        Rule("transfer", _("Chuyển đơn"), roles=ACT),
        Rule("start", _("Bắt đầu giải quyết"), roles=ACT),
        Rule("resolve", _("Ghi kết quả giải quyết"), roles=ACT),
        Rule("close", _("Kết thúc hồ sơ"), roles=ACT),
        Rule("withdraw", _("Ghi nhận rút đơn"), roles=ACT),
        Rule("extend", _("Gia hạn"), roles=ACT),
        Rule("classify", _("Xác nhận lĩnh vực"), roles=ACT),
        Rule("link_duplicate", _("Liên kết đơn trùng"), roles=ACT),
        Rule("publish-title", _("Công bố nguyên văn tiêu đề"), roles=ACT),
        Rule(
            "assign",
            _("Phân công cán bộ thụ lý"),
            roles={Role.UNIT_HEAD},
            reach=UNIT,
            condition_text=_("Chỉ người đứng đầu đơn vị đang giải quyết đơn được phân công cán bộ thụ lý."),
        ),
    ],
)
