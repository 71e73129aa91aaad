"""Đơn thư: who may perform each action on a petition (see `danvan.accounts.rulebook`)."""

from __future__ import annotations

from typing import Any

import rules
from django.utils.translation import gettext_lazy as _

from danvan.accounts.models import Role
from danvan.accounts.rulebook import ACT, UNIT, Rule, Rulebook
from danvan.accounts.scoping import scope_for


def sees_identity(user: Any, petition: Any) -> bool:
    """Who sees the sender's identity and the original texts (`services.can_see_identity`).

    A denunciation: only the handler the unit head assigned, and the head of the handling unit. A matter
    from a reception or a dialogue (identity protected): the officers and the head of the handling unit,
    not verifiers nor supervisors. Any other petition: whoever sees it."""
    if not getattr(user, "is_authenticated", False):
        return False
    grants = scope_for(user).grants
    if petition.is_confidential:
        if petition.handler_id is not None and petition.handler_id == user.pk:
            return True
        return any(g.role == Role.UNIT_HEAD and g.unit_id == petition.unit_id for g in grants)
    if petition.identity_protected:
        return any(g.role in (Role.OFFICER, Role.UNIT_HEAD) and g.unit_id == petition.unit_id for g in grants)
    return scope_for(user).can_see(petition.unit)


@rules.predicate
def may_see_protected_identity(user: Any, petition: Any) -> bool:
    """The two-way messages of a petition whose identity is protected (a denunciation) are for those who
    may see that identity; any other petition's, for its handling unit's officers."""
    return not petition.identity_protected or sees_identity(user, petition)


_MESSAGES_TEXT = _(
    "Trao đổi về đơn tố cáo (đơn được bảo mật danh tính) chỉ dành cho cán bộ thụ lý được phân công và "
    "người đứng đầu đơn vị giải quyết."
)

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
            "message",
            _("Gửi tin nhắn cho người gửi đơn"),
            roles=ACT,
            condition=may_see_protected_identity,
            condition_text=_MESSAGES_TEXT,
        ),
        Rule(
            "issue-phrase",
            _("Cấp cụm từ bí mật mới"),
            roles=ACT,
            condition=may_see_protected_identity,
            condition_text=_MESSAGES_TEXT,
        ),
        Rule(
            "assign",
            _("Phân công cán bộ thụ lý"),
            roles={Role.UNIT_HEAD},
            reach=UNIT,
            condition_text=_("Chỉ người đứng đầu đơn vị đang giải quyết đơn được phân công cán bộ thụ lý."),
        ),
    ],
)
