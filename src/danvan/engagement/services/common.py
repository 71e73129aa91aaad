"""What the engagement services share: the rules of reception days, the level of a head, dates in words."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.core.workflow import Refused
from danvan.engagement.models import ROLE_LEVEL, HeadRole, ReceptionRule
from danvan.territory.models import AdminUnit

ANNOUNCE_MIN_DAYS = 7  # Luật Tổ chức chính quyền địa phương 2025, Art. 43 (../shared/legal/RULES.md)
PUBLISH_MAX_DAYS = 10


def today() -> dt.date:
    return clock.today()


def fmt(day: dt.date | None) -> str:
    return day.strftime("%d/%m/%Y") if day else ""


def user_or_none(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def rule_in_force(head_role: str, day: dt.date) -> ReceptionRule | None:
    return (
        ReceptionRule.objects.filter(head_role=head_role, effective_from__lte=day)
        .exclude(effective_to__lt=day)
        .order_by("-effective_from")
        .first()
    )


def check_role_level(unit: AdminUnit, head_role: str) -> None:
    if head_role not in ROLE_LEVEL:
        raise Refused(_("Hãy chọn người đứng đầu trong danh sách."), field="head_role")
    if ROLE_LEVEL[head_role] != unit.level:
        label = HeadRole(head_role).label
        raise Refused(
            _("%(label)s không thuộc cấp của %(name)s. Hãy chọn người đứng đầu đúng cấp đơn vị.")
            % {"label": label, "name": unit.name},
            field="head_role",
        )
