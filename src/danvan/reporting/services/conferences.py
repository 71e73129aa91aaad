"""Conferences (sơ kết, tổng kết, chuyên đề) with their bridge points, and the tasks their conclusions
assign to units (a task's completion goes through the workflow kit, `danvan.reporting.workflow.TASK`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, history_row, perform
from danvan.reporting import selectors
from danvan.reporting.models import BridgePoint, Conference, ConferenceKind, Period, Task
from danvan.reporting.rulebook import RULEBOOK
from danvan.reporting.services.errors import fmt, refuse
from danvan.reporting.workflow import TASK
from danvan.territory.models import AdminUnit
from danvan.territory.selectors import resolve_province

KIND_ALIASES = {
    "sơ kết": ConferenceKind.INTERIM,
    "so ket": ConferenceKind.INTERIM,
    "tổng kết": ConferenceKind.ANNUAL,
    "tong ket": ConferenceKind.ANNUAL,
    "chuyên đề": ConferenceKind.THEMATIC,
    "chuyen de": ConferenceKind.THEMATIC,
}


def _conference_kind(kind: str) -> str:
    value = str(kind or "").strip()
    if value in ConferenceKind.values:
        return value
    alias = KIND_ALIASES.get(value.lower())
    if alias is None:
        raise Refused(
            _("Loại hội nghị “%(kind)s” không hợp lệ: chọn sơ kết, tổng kết hoặc chuyên đề.")
            % {"kind": kind},
            field="kind",
        )
    return str(alias)


def _resolve_unit(value: Any) -> AdminUnit:
    """A bridge point's unit: an AdminUnit, a GSO code, or a province name (old names too)."""
    if isinstance(value, AdminUnit):
        return value
    text = str(value or "").strip()
    if not text:
        raise Refused(_("Thiếu đơn vị của điểm cầu."))
    unit = AdminUnit.objects.filter(code=text).first() or resolve_province(text)
    if unit is None:
        raise Refused(
            _("Không xác định được đơn vị “%(text)s” của điểm cầu (nhập mã hoặc tên tỉnh).") % {"text": text}
        )
    return unit


@transaction.atomic
def create_conference(
    *,
    actor: Any,
    unit: AdminUnit,
    kind: str,
    title: str,
    held_on: dt.date,
    chairs: list[dict[str, Any]],
    online: bool,
    bridge_points: list[dict[str, Any]],
    documents: list[str],
    conclusions: str = "",
    source: str = "",
    period: Period | None = None,
    is_demo: bool = False,
) -> Conference:
    """Record a conference in one step (used by the form and by the press module)."""
    if getattr(actor, "is_authenticated", False):
        RULEBOOK.require(actor, "record_conference", unit)
    errors: dict[str, str] = {}
    kind_value = _conference_kind(kind)
    if not str(title or "").strip():
        errors["title"] = "Hãy nhập tên hội nghị."
    if not isinstance(held_on, dt.date):
        errors["held_on"] = "Ngày tổ chức không hợp lệ (dd/mm/yyyy)."
    clean_chairs = []
    for i, chair in enumerate(chairs or [], start=1):
        name = str(chair.get("name", "")).strip()
        if not name:
            errors["chairs"] = f"Người chủ trì thứ {i} chưa có họ tên."
            continue
        clean_chairs.append({"name": name, "title": str(chair.get("title", "")).strip()})
    if not clean_chairs and "chairs" not in errors:
        errors["chairs"] = "Hãy nhập ít nhất một người chủ trì (họ tên và chức vụ)."
    if bridge_points and not online:
        errors["online"] = "Hội nghị có điểm cầu phải là hội nghị trực tuyến: hãy chọn “Trực tuyến”."
    if errors:
        refuse(errors)
    docs = list(dict.fromkeys(str(d).strip() for d in documents or [] if str(d).strip()))
    points: list[tuple[AdminUnit, str, int]] = []
    seen: set[int] = set()
    for bp in bridge_points or []:
        bp_unit = _resolve_unit(bp.get("unit"))
        participants = bp.get("participants") or 0
        try:
            count = int(participants)
        except (TypeError, ValueError):
            raise Refused(
                _("Số đại biểu tại điểm cầu %(name)s phải là số nguyên.") % {"name": bp_unit.name}
            ) from None
        if count < 0:
            raise Refused(_("Số đại biểu tại điểm cầu %(name)s không được âm.") % {"name": bp_unit.name})
        if bp_unit.pk in seen:
            raise Refused(_("Điểm cầu %(name)s bị nhập hai lần.") % {"name": bp_unit.name})
        seen.add(bp_unit.pk)
        points.append((bp_unit, str(bp.get("chair", "")).strip(), count))
    conference = Conference.objects.create(
        unit=unit,
        kind=kind_value,
        title=str(title).strip(),
        held_on=held_on,
        period=period,
        chairs=clean_chairs,
        online=bool(online),
        documents=docs,
        conclusions=(conclusions or "").strip(),
        source=(source or "").strip()[:500],
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_demo=is_demo,
    )
    BridgePoint.objects.bulk_create(
        [BridgePoint(conference=conference, unit=u, chair=c, participants=n) for u, c, n in points]
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=conference,
        unit=unit,
        summary=f"Ghi nhận hội nghị: {conference.title} ({fmt(held_on)})",
        changes={"bridge_points": len(points), "documents": docs},
    )
    return conference


@transaction.atomic
def update_conclusions(*, actor: Any, conference: Conference, conclusions: str) -> Conference:
    conference = Conference.objects.select_for_update().select_related("unit").get(pk=conference.pk)
    RULEBOOK.require(actor, "update_conclusions", conference)
    old = conference.conclusions
    conference.conclusions = conclusions.strip()
    conference.save(update_fields=["conclusions"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=conference,
        unit=conference.unit,
        summary=f"Cập nhật kết luận hội nghị {conference.title}",
        changes={"conclusions": [len(old), len(conference.conclusions)]},
    )
    return conference


@transaction.atomic
def assign_tasks(
    *,
    actor: Any,
    conference: Conference,
    title: str,
    due_on: dt.date,
    units: Iterable[AdminUnit],
    is_demo: bool = False,
) -> list[Task]:
    """A directive of the conference becomes one task per assigned unit (the host's subtree only)."""
    RULEBOOK.require(actor, "assign_tasks", conference)
    units = list(units)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Hãy nhập nội dung nhiệm vụ."
    if not units:
        errors["units"] = "Hãy chọn ít nhất một đơn vị thực hiện."
    if due_on < conference.held_on:
        errors["due_on"] = (
            f"Hạn hoàn thành ({fmt(due_on)}) phải sau ngày hội nghị ({fmt(conference.held_on)})."
        )
    outside = [u.name for u in units if not conference.unit.contains(u)]
    if outside:
        errors["units"] = "Chỉ giao nhiệm vụ cho đơn vị thuộc đơn vị chủ trì; ngoài phạm vi: " + ", ".join(
            outside
        )
    if errors:
        refuse(errors)
    tasks = Task.objects.bulk_create(
        [
            Task(conference=conference, unit=u, title=title.strip(), due_on=due_on, is_demo=is_demo)
            for u in units
        ]
    )
    for task in tasks:
        history_row(TASK, task, actor=actor, action="assign", from_state="", reason=title.strip()).save(
            force_insert=True
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=task,
            unit=task.unit,
            summary=f"Giao nhiệm vụ theo kết luận hội nghị, hạn {fmt(due_on)}",
        )
    return tasks


def complete_task(*, actor: Any, task: Task, done_on: dt.date, result: str = "") -> Task:
    if done_on > selectors.today():
        raise Refused(_("Ngày hoàn thành không được sau hôm nay."), field="done_on")

    def apply(locked: Task) -> None:
        locked.done_on, locked.result = done_on, result.strip()

    return perform(
        TASK,
        "complete_task",
        actor=actor,
        record=task,
        apply=apply,
        reason=result.strip(),
        summary=f"Hoàn thành nhiệm vụ ngày {fmt(done_on)}",
    )


def record_export(
    *, actor: Any, obj: Any, unit: AdminUnit, fmt: str, what: str, extra: Mapping[str, Any] | None = None
) -> None:
    audit.record(
        actor=actor,
        action=AuditAction.EXPORT,
        obj=obj,
        object_type=None if obj is not None else "reporting.figures",
        object_id=None if obj is not None else unit.code,
        unit=unit,
        summary=f"Xuất {what} ({fmt.upper()})",
        changes=dict(extra or {}),
    )
