"""Replication (nhân rộng): a unit records that it adopted a recognised model."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused
from danvan.exemplars.models import Exemplar, Replication, Status
from danvan.exemplars.rulebook import RULEBOOK
from danvan.territory.models import AdminUnit


def replicate(
    *,
    actor: Any,
    exemplar: Exemplar,
    unit: AdminUnit,
    adopted_on: dt.date | None,
    note: str = "",
    is_demo: bool = False,
) -> Replication:
    """A unit records that it adopted a recognised model (the adopting unit's officers record it)."""
    if adopted_on is None:
        raise Refused(_("Hãy nhập ngày bắt đầu áp dụng (dd/mm/yyyy)."), field="adopted_on")
    if adopted_on > clock.today():
        raise Refused(_("Ngày áp dụng không được ở tương lai."), field="adopted_on")
    with transaction.atomic():
        locked = Exemplar.objects.select_for_update().select_related("unit").get(pk=exemplar.pk)
        RULEBOOK.require(actor, "replicate", unit)
        if locked.status != Status.RECOGNISED:
            raise Refused(
                _("Chỉ nhân rộng được mô hình đã được công nhận; mô hình này đang ở trạng thái “%(label)s”.")
                % {"label": Status(locked.status).label}
            )
        if unit.pk == locked.unit_id:
            raise Refused(
                _("Đơn vị đăng ký mô hình không cần ghi nhận nhân rộng chính mô hình của mình."), field="unit"
            )
        if Replication.objects.filter(exemplar=locked, unit=unit).exists():
            raise Refused(
                _("%(name)s đã ghi nhận áp dụng mô hình này rồi.") % {"name": unit.name}, field="unit"
            )
        if adopted_on < locked.period_start:
            raise Refused(
                _("Ngày áp dụng không thể trước khi mô hình bắt đầu thực hiện."), field="adopted_on"
            )
        replication = Replication.objects.create(
            exemplar=locked,
            unit=unit,
            adopted_on=adopted_on,
            note=note.strip(),
            created_by=actor,
            is_demo=is_demo,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=replication,
            unit=unit,
            summary=f"{unit.name} nhân rộng mô hình “{locked.name[:120]}”",
            changes={"exemplar": [None, locked.pk], "adopted_on": [None, adopted_on]},
        )
    return replication
