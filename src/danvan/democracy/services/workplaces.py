"""Agencies and enterprises: the register of workplaces per unit, their yearly conference (of officials and
public employees in a state agency or public service unit, of employees in an enterprise) and the periodic
workplace dialogue, planned then held (minutes) or cancelled through the workflow kit. The deadline of the
yearly conference and the dialogues an enterprise owes each year are rule data (`WorkplaceRule`)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, perform
from danvan.democracy.models import (
    MeetingKind,
    Workplace,
    WorkplaceKind,
    WorkplaceMeeting,
    WorkplaceRule,
)
from danvan.democracy.rulebook import RULEBOOK
from danvan.democracy.workflow import WORKPLACE_MEETING
from danvan.territory.models import AdminUnit, Level

EARLIEST_YEAR = 2023  # Luật Thực hiện dân chủ ở cơ sở in force from 1 July 2023


def workplace_rule(day: dt.date) -> WorkplaceRule:
    rule = (
        WorkplaceRule.objects.filter(effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("-effective_from")
        .first()
    )
    if rule is None:
        raise Refused(
            _("Chưa có quy tắc hội nghị tại nơi làm việc có hiệu lực vào ngày %(d)s.")
            % {"d": clock.format_date(day)}
        )
    return rule


def rule_for_year(year: int) -> WorkplaceRule:
    """The rule that judges year `year`: the one in force on its last day (or today, for this year)."""
    return workplace_rule(min(dt.date(year, 12, 31), clock.today()))


def conference_due(rule: WorkplaceRule, year: int) -> dt.date:
    """The last day on which year `year`'s conference is on time (a day past the month's end is clamped)."""
    month = min(max(rule.conference_due_month, 1), 12)
    nxt = dt.date(year + (month == 12), month % 12 + 1, 1)
    last = (nxt - dt.timedelta(days=1)).day
    return dt.date(year, month, min(max(rule.conference_due_day, 1), last))


def register_workplace(
    *,
    actor: Any,
    unit: AdminUnit,
    kind: str,
    name: str,
    code: str = "",
    employees: int | None = None,
    is_demo: bool = False,
) -> Workplace:
    """Register an agency, public service unit or enterprise at a province or commune."""
    if unit.level == Level.NATION:
        raise Refused(
            _("Hãy chọn tỉnh, thành phố hoặc xã, phường, đặc khu nơi đơn vị đặt trụ sở."), field="unit"
        )
    RULEBOOK.require(actor, "register_workplace", unit)
    if kind not in WorkplaceKind.values:
        raise Refused(_("Hãy chọn loại: cơ quan, đơn vị sự nghiệp hoặc doanh nghiệp."), field="kind")
    name = " ".join((name or "").split())
    if not name:
        raise Refused(_("Hãy ghi tên cơ quan, đơn vị, doanh nghiệp."), field="name")
    key = name.casefold()  # SQLite's iexact folds ASCII only: compare in Python ("XÃ" = "xã")
    if any(n.casefold() == key for n in Workplace.objects.filter(unit=unit).values_list("name", flat=True)):
        raise Refused(
            _("%(name)s đã có trong danh sách của %(unit)s.") % {"name": name, "unit": unit.name},
            field="name",
        )
    with transaction.atomic():
        workplace = Workplace.objects.create(
            unit=unit, kind=kind, name=name[:250], code=(code or "").strip()[:30], employees=employees,
            created_at=clock.now(), is_demo=is_demo,
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=workplace, unit=unit,
            summary=f"Đăng ký {workplace.get_kind_display().lower()} {workplace.name}",
        )  # fmt: skip
    return workplace


def plan_meeting(
    *,
    actor: Any,
    workplace: Workplace,
    kind: str,
    year: int,
    planned_on: dt.date,
    is_demo: bool = False,
) -> WorkplaceMeeting:
    """Plan the yearly conference of `year` (one per workplace and year) or a workplace dialogue."""
    RULEBOOK.require(actor, "plan_meeting", workplace.unit)
    if kind not in MeetingKind.values:
        raise Refused(_("Hãy chọn hội nghị hằng năm hoặc đối thoại tại nơi làm việc."), field="kind")
    if kind == MeetingKind.DIALOGUE and not workplace.is_enterprise:
        raise Refused(
            _("Đối thoại định kỳ tại nơi làm việc là của doanh nghiệp; cơ quan, đơn vị sự nghiệp tổ chức hội nghị "
              "cán bộ, công chức, viên chức."),
            field="kind",
        )  # fmt: skip
    this_year = clock.today().year
    if not EARLIEST_YEAR <= year <= this_year + 1:
        raise Refused(
            _("Năm phải từ %(a)d đến %(b)d.") % {"a": EARLIEST_YEAR, "b": this_year + 1}, field="year"
        )
    if not year <= planned_on.year <= year + 1:
        raise Refused(
            _("Ngày dự kiến phải trong năm %(y)d (hoặc đầu năm sau).") % {"y": year}, field="planned_on"
        )
    taken = (
        WorkplaceMeeting.objects.filter(workplace=workplace, year=year, kind=MeetingKind.CONFERENCE)
        .exclude(state="cancelled")
        .exists()
    )
    if kind == MeetingKind.CONFERENCE and taken:
        raise Refused(
            _("%(name)s đã có hội nghị năm %(y)d (hủy hội nghị đó trước khi lên kế hoạch lại).")
            % {"name": workplace.name, "y": year},
            field="year",
        )
    rule = rule_for_year(year)
    with transaction.atomic():
        meeting = WorkplaceMeeting.objects.create(
            unit=workplace.unit, workplace=workplace, kind=kind, year=year, planned_on=planned_on,
            due_on=conference_due(rule, year) if kind == MeetingKind.CONFERENCE else dt.date(year, 12, 31),
            created_at=clock.now(), is_demo=is_demo,
        )  # fmt: skip
        audit.record(
            actor=actor, action=AuditAction.CREATE, obj=meeting, unit=workplace.unit,
            summary=f"Kế hoạch {meeting.get_kind_display().lower()} năm {year} của {workplace.name}",
        )  # fmt: skip
    return meeting


def hold_meeting(
    *,
    actor: Any,
    meeting: WorkplaceMeeting,
    held_on: dt.date,
    attendees: int,
    minutes: str,
    version: int | None = None,
) -> WorkplaceMeeting:
    """Record that the meeting was held: the day, how many attended, the minutes (late past its due day)."""
    if held_on > clock.today():
        raise Refused(_("Ngày tổ chức không được sau ngày hôm nay."), field="held_on")
    if attendees is None or attendees < 1:
        raise Refused(_("Hãy ghi số người dự (ít nhất 1)."), field="attendees")
    if not (minutes or "").strip():
        raise Refused(_("Hãy ghi tóm tắt biên bản, nghị quyết của hội nghị, đối thoại."), field="minutes")

    def apply(locked: WorkplaceMeeting) -> None:
        if held_on.year < locked.year:
            raise Refused(
                _("Hội nghị năm %(y)d không thể tổ chức trước năm %(y)d.") % {"y": locked.year},
                field="held_on",
            )
        employees = locked.workplace.employees
        if employees and attendees > employees:
            raise Refused(
                _("Số người dự (%(n)d) lớn hơn số cán bộ, người lao động đã đăng ký (%(m)d).")
                % {"n": attendees, "m": employees},
                field="attendees",
            )
        locked.held_on = held_on
        locked.attendees = attendees
        locked.minutes = minutes.strip()
        locked.is_late = locked.due_on is not None and held_on > locked.due_on

    return perform(
        WORKPLACE_MEETING, "hold_meeting", actor=actor, record=meeting, version=version, apply=apply
    )


def cancel_meeting(
    *, actor: Any, meeting: WorkplaceMeeting, reason: str, version: int | None = None
) -> WorkplaceMeeting:
    if not (reason or "").strip():
        raise Refused(_("Hãy ghi lý do hủy."), field="reason")
    return perform(
        WORKPLACE_MEETING, "cancel_meeting", actor=actor, record=meeting, version=version, reason=reason
    )
