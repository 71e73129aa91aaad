"""Nắm tình hình nhân dân: who may perform each action (see `danvan.accounts.rulebook`).

Collaborators (cộng tác viên dư luận xã hội, a role of their own) file situation reports for the
communes their role reaches and resubmit a returned report; officers review and forward them, answer
rise alerts, keep the hotspot register, run polls and write the weekly brief; the brief is sent up by the
unit's officers and received by an officer of a unit above it. The national administrator sets the rise
detector's thresholds.
"""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.rulebook import ACT, Rule, Rulebook
from danvan.accounts.scoping import scope_for
from danvan.territory.models import Level

COLLAB: frozenset[str] = frozenset(ACT | {Role.COLLABORATOR})


@rules.predicate
def reaches_parent(user: Any, brief: Any) -> bool:
    """The user's role reaches the unit above the brief's unit (the one it is sent to)."""
    parent = getattr(getattr(brief, "unit", None), "parent", None)
    scope = scope_for(user)
    return parent is not None and (scope.is_admin or scope.can_see(parent, ACT))


@rules.predicate
def is_author(user: Any, report: Any) -> bool:
    return getattr(report, "author_id", None) is not None and report.author_id == getattr(user, "pk", None)


RULEBOOK = Rulebook(
    "situation",
    _("Nắm tình hình nhân dân"),
    [
        Rule("file_report", _("Gửi báo cáo tình hình"), roles=COLLAB),
        Rule(
            "resubmit",
            _("Gửi lại báo cáo đã bổ sung"),
            roles=COLLAB,
            condition=is_author,
            condition_text=_("Chỉ người đã gửi báo cáo."),
        ),
        Rule("forward", _("Tổng hợp, chuyển báo cáo lên cấp trên"), roles=ACT),
        Rule("return_report", _("Trả lại báo cáo để bổ sung"), roles=ACT),
        Rule("set_schedule", _("Đặt lịch báo cáo định kỳ"), roles=ACT),
        Rule("answer_alert", _("Xử lý cảnh báo vấn đề đang tăng"), roles=ACT),
        Rule(
            "set_thresholds",
            _("Đặt ngưỡng cảnh báo sớm"),
            roles=frozenset({Role.ADMIN}),
            levels={Level.NATION},
        ),
        Rule("open_hotspot", _("Mở hồ sơ điểm nóng"), roles=ACT),
        Rule("update_hotspot", _("Cập nhật điểm nóng (liên kết, việc cần làm)"), roles=ACT),
        Rule("escalate", _("Báo cáo điểm nóng lên cấp trên"), roles=ACT),
        Rule("close_hotspot", _("Kết thúc điểm nóng"), roles=ACT),
        Rule("create_poll", _("Soạn cuộc thăm dò dư luận"), roles=ACT),
        Rule("open_poll", _("Bắt đầu thăm dò"), roles=ACT),
        Rule("close_poll", _("Kết thúc thăm dò"), roles=ACT),
        Rule("draft_brief", _("Lập bản tin tình hình tuần"), roles=ACT),
        Rule("edit_brief", _("Sửa bản tin"), roles=ACT),
        Rule("send_brief", _("Gửi bản tin lên cấp trên"), roles=ACT),
        Rule(
            "receive_brief",
            _("Xác nhận đã nhận bản tin"),
            roles=ACT,
            condition=reaches_parent,
            condition_text=_("Chỉ cán bộ của đơn vị cấp trên nhận bản tin."),
        ),
    ],
)
