"""Sơ kết, tổng kết: who may perform each action (see `danvan.accounts.rulebook`).

- A unit's report is written, compiled and submitted by the officers and heads of that very unit
  (`reach=UNIT`), never by the level above; the level above accepts it or returns it (`is_upper_level`).
- Periods and annual themes are the centre's; figures, targets, conferences and tasks belong to the unit
  and every unit above it.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from danvan.accounts.rulebook import ACT, UNIT, Rule, Rulebook
from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.territory.models import Level


@rules.predicate
def is_upper_level(user: Any, report: Any) -> bool:
    """The user acts at a unit above the report's (its parent or higher), not at the unit itself."""
    parent = getattr(getattr(report, "unit", None), "parent", None)
    return parent is not None and scope_for(user).has_role(parent, ACT_ROLES)


RULEBOOK = Rulebook(
    "reporting",
    _("Sơ kết, tổng kết"),
    [
        Rule(
            "manage_periods",
            _("Tạo, sửa, khóa số liệu kỳ báo cáo; chủ đề năm"),
            roles=ACT,
            levels={Level.NATION},
        ),
        Rule("enter_figure", _("Nhập số liệu"), roles=ACT),
        Rule("set_target", _("Giao chỉ tiêu"), roles=ACT),
        Rule("start", _("Tạo dự thảo báo cáo của đơn vị"), roles=ACT, reach=UNIT),
        Rule("edit", _("Soạn, sửa báo cáo của đơn vị"), roles=ACT, reach=UNIT),
        Rule(
            "compile",
            _("Tổng hợp báo cáo từ các đơn vị trực thuộc"),
            roles=ACT,
            levels={Level.NATION, Level.PROVINCE},
            reach=UNIT,
        ),
        Rule("submit", _("Gửi báo cáo lên cấp trên"), roles=ACT, reach=UNIT),
        Rule(
            "accept",
            _("Tiếp nhận báo cáo"),
            roles=ACT,
            condition=is_upper_level,
            condition_text=_("Chỉ cấp trên trực tiếp hoặc cao hơn của đơn vị gửi báo cáo."),
        ),
        Rule(
            "return_report",
            _("Trả lại báo cáo kèm ý kiến"),
            roles=ACT,
            condition=is_upper_level,
            condition_text=_("Chỉ cấp trên trực tiếp hoặc cao hơn của đơn vị gửi báo cáo."),
        ),
        Rule("record_conference", _("Ghi nhận hội nghị"), roles=ACT),
        Rule("update_conclusions", _("Cập nhật kết luận hội nghị"), roles=ACT),
        Rule("assign_tasks", _("Giao nhiệm vụ theo kết luận hội nghị"), roles=ACT),
        Rule("complete_task", _("Báo cáo hoàn thành nhiệm vụ"), roles=ACT),
    ],
)
