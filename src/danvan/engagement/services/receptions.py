"""Tiếp công dân: periodic reception schedules, reception days, the citizens received and their matters.

Each function takes keyword-only arguments and a required `actor`, checks the rulebook, runs in one
transaction and writes the audit log. Bad input raises `Refused` (a field and a Vietnamese message).
Reception sessions have no states, so these are creates checked by the rulebook, not workflow moves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from danvan.accounts.scoping import HEAD_ROLES, scope_for
from danvan.core import audit, crypto
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused
from danvan.engagement.models import (
    Mode,
    Receiver,
    ReceptionCitizen,
    ReceptionMatter,
    ReceptionSchedule,
    ReceptionSession,
)
from danvan.engagement.rulebook import RULEBOOK
from danvan.engagement.services.common import check_role_level, fmt, rule_in_force, today
from danvan.territory.models import AdminUnit


@transaction.atomic
def save_schedule(
    *,
    actor: Any,
    unit: AdminUnit,
    head_role: str,
    head_name: str,
    location: str,
    weekday: int | None = None,
    month_days: str = "",
    usual_days: str = "",
    mode: str = Mode.IN_PERSON,
    active: bool = True,
    is_demo: bool = False,
) -> ReceptionSchedule:
    """Create or update the periodic reception schedule of a head at a unit."""
    RULEBOOK.require(actor, "save_schedule", unit)
    check_role_level(unit, head_role)
    if not head_name.strip():
        raise Refused(_("Hãy nhập họ tên người đứng đầu."), field="head_name")
    days = [p.strip() for p in month_days.replace(";", ",").split(",") if p.strip()]
    if any(not p.isdigit() or not 1 <= int(p) <= 31 for p in days):
        raise Refused(
            _(
                "Ngày trong tháng không hợp lệ: hãy nhập các số từ 1 đến 31, cách nhau bởi dấu phẩy (ví dụ 10, 25)."
            ),
            field="month_days",
        )
    month_days = ", ".join(str(d) for d in sorted({int(p) for p in days}))
    if weekday is None and not month_days:
        raise Refused(_("Hãy chọn thứ tiếp hằng tuần hoặc nhập các ngày tiếp trong tháng."), field="weekday")
    if weekday is not None and not 0 <= weekday <= 6:
        raise Refused(_("Thứ trong tuần không hợp lệ."), field="weekday")
    schedule = ReceptionSchedule.objects.select_for_update().filter(unit=unit, head_role=head_role).first()
    fields = ["head_name", "weekday", "month_days", "usual_days", "location", "mode", "active"]
    if schedule is None:
        schedule = ReceptionSchedule.objects.create(
            unit=unit,
            head_role=head_role,
            head_name=head_name.strip(),
            weekday=weekday,
            month_days=month_days,
            usual_days=usual_days.strip(),
            location=location.strip(),
            mode=mode,
            active=active,
            created_by=actor if getattr(actor, "is_authenticated", False) else None,
            is_demo=is_demo,
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=schedule,
            unit=unit,
            summary=f"Lập lịch tiếp công dân: {schedule.head_title}",
            changes=audit.snapshot(schedule, fields),
        )
        return schedule
    before = audit.snapshot(schedule, fields)
    schedule.head_name, schedule.usual_days = head_name.strip(), usual_days.strip()
    schedule.weekday, schedule.month_days = weekday, month_days
    schedule.location, schedule.mode, schedule.active = location.strip(), mode, active
    schedule.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=schedule,
        unit=unit,
        summary=f"Cập nhật lịch tiếp công dân: {schedule.head_title}",
        changes=audit.diff(before, audit.snapshot(schedule, fields)),
    )
    return schedule


@dataclass(frozen=True)
class CitizenInput:
    name: str
    address: str = ""
    phone: str = ""


def _encrypt_citizen(session: ReceptionSession, position: int, citizen: CitizenInput) -> ReceptionCitizen:
    if not citizen.name.strip():
        raise Refused(
            _("Công dân thứ %(position)s: hãy nhập họ tên (hoặc bỏ dòng trống).") % {"position": position},
            field="citizens",
        )
    return ReceptionCitizen(
        session=session,
        position=position,
        name_enc=crypto.encrypt(citizen.name.strip()),
        address_enc=crypto.encrypt(citizen.address.strip()),
        phone_enc=crypto.encrypt(citizen.phone.strip()),
    )


@transaction.atomic
def record_reception(
    *,
    actor: Any,
    unit: AdminUnit,
    head_role: str,
    date: dt.date,
    receiver_name: str,
    received_by: str = Receiver.HEAD,
    mode: str = Mode.IN_PERSON,
    location: str = "",
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    citizens_count: int = 0,
    citizens: Sequence[CitizenInput] = (),
    notes: str = "",
    officer: Any = None,
    is_demo: bool = False,
) -> ReceptionSession:
    """Record a reception day. A deputy or online reception is refused where the rules of that day forbid it."""
    RULEBOOK.require(actor, "record_reception", unit)
    check_role_level(unit, head_role)
    if date > today():
        raise Refused(
            _("Ngày tiếp công dân ở tương lai: chỉ ghi nhận buổi tiếp đã diễn ra. Hãy kiểm tra lại ngày."),
            field="date",
        )
    if not receiver_name.strip():
        raise Refused(_("Hãy nhập họ tên người trực tiếp tiếp công dân."), field="receiver_name")
    if start_time and end_time and end_time <= start_time:
        raise Refused(_("Giờ kết thúc phải sau giờ bắt đầu."), field="end_time")
    rule = rule_in_force(head_role, date)
    if received_by == Receiver.DEPUTY and (rule is None or not rule.delegation_allowed):
        raise Refused(
            _(
                "Từ ngày %(fmt)s người đứng đầu không được ủy quyền cho cấp phó tiếp công dân định kỳ. Hãy ghi nhận buổi tiếp do người đứng đầu trực tiếp tiếp."
            )
            % {"fmt": fmt(rule.effective_from if rule else None)},
            field="received_by",
        )
    if mode == Mode.ONLINE and (rule is None or not rule.online_allowed):
        raise Refused(
            _(
                "Ngày %(fmt)s quy định chưa cho phép tiếp công dân trực tuyến (áp dụng từ 01/7/2026). Hãy chọn hình thức trực tiếp."
            )
            % {"fmt": fmt(date)},
            field="mode",
        )
    citizens = [c for c in citizens if c.name.strip() or c.address.strip() or c.phone.strip()]
    if citizens_count < len(citizens):
        citizens_count = len(citizens)
    session = ReceptionSession.objects.create(
        unit=unit,
        head_role=head_role,
        date=date,
        start_time=start_time,
        end_time=end_time,
        received_by=received_by,
        receiver_name=receiver_name.strip(),
        mode=mode,
        location=location.strip(),
        citizens_count=citizens_count,
        notes=notes.strip(),
        officer=officer or (actor if getattr(actor, "is_authenticated", False) else None),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_demo=is_demo,
    )
    ReceptionCitizen.objects.bulk_create(
        [_encrypt_citizen(session, i, c) for i, c in enumerate(citizens, start=1)]
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=session,
        unit=unit,
        summary=f"Ghi nhận buổi tiếp công dân ngày {fmt(date)} ({session.head_title})",
        changes={
            "date": date.isoformat(),
            "head_role": head_role,
            "received_by": received_by,
            "mode": mode,
            "citizens_count": citizens_count,
            "identities_recorded": len(citizens),
        },
    )
    return session


@transaction.atomic
def add_reception_citizen(
    *, actor: Any, session: ReceptionSession, citizen: CitizenInput
) -> ReceptionCitizen:
    RULEBOOK.require(actor, "add_citizen", session.unit)
    session = ReceptionSession.objects.select_for_update().get(pk=session.pk)
    position = session.citizens.count() + 1
    row = _encrypt_citizen(session, position, citizen)
    row.save()
    if session.citizens_count < position:
        session.citizens_count = position
        session.save(update_fields=["citizens_count"])
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=row,
        unit=session.unit,
        summary=f"Thêm công dân thứ {position} vào buổi tiếp ngày {fmt(session.date)}",
    )
    return row


@transaction.atomic
def add_matter(
    *, actor: Any, session: ReceptionSession, summary: str, citizen: ReceptionCitizen | None = None
) -> ReceptionMatter:
    RULEBOOK.require(actor, "add_matter", session.unit)
    if not summary.strip():
        raise Refused(_("Hãy nhập nội dung vụ việc công dân trình bày."), field="summary")
    if citizen is not None and citizen.session_id != session.pk:
        raise Refused(_("Công dân đã chọn không thuộc buổi tiếp này."), field="citizen")
    matter = ReceptionMatter.objects.create(
        session=session,
        unit=session.unit,
        citizen=citizen,
        summary=summary.strip(),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=matter,
        unit=session.unit,
        summary=f"Ghi nhận vụ việc tại buổi tiếp ngày {fmt(session.date)}",
    )
    return matter


def can_view_identities(actor: Any, unit: AdminUnit, officer_id: int | None) -> bool:
    """The unit head (or an administrator) and the officer in charge may see identities."""
    if actor is None or not getattr(actor, "is_authenticated", False):
        return False
    scope = scope_for(actor)
    return scope.has_role(unit, HEAD_ROLES) or (officer_id is not None and officer_id == actor.pk)


@dataclass(frozen=True)
class CitizenIdentity:
    position: int
    name: str
    address: str
    phone: str


@transaction.atomic
def reveal_reception_identities(*, actor: Any, session: ReceptionSession) -> list[CitizenIdentity]:
    """Decrypt the identities of the citizens received, for the unit head or the officer in charge."""
    if not can_view_identities(actor, session.unit, session.officer_id):
        raise PermissionDenied(
            _("Chỉ người đứng đầu đơn vị hoặc cán bộ phụ trách buổi tiếp được xem danh tính công dân.")
        )
    rows = [
        CitizenIdentity(
            c.position, crypto.decrypt(c.name_enc), crypto.decrypt(c.address_enc), crypto.decrypt(c.phone_enc)
        )
        for c in session.citizens.all()
    ]
    audit.record(
        actor=actor,
        action=AuditAction.VIEW_CONFIDENTIAL,
        obj=session,
        unit=session.unit,
        summary=f"Xem danh tính {len(rows)} công dân tại buổi tiếp ngày {fmt(session.date)}",
    )
    return rows
