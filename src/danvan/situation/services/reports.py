"""Situation reports: a collaborator files one (periodic or when something happens), the commune's
officer returns it for more detail or forwards it up; each filed report becomes ledger signals."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, history_row, perform
from danvan.situation.models import (
    Frequency,
    Mood,
    ReportKind,
    ReportSchedule,
    Signal,
    SituationReport,
    Source,
    Topic,
)
from danvan.situation.periods import period_of
from danvan.situation.rulebook import RULEBOOK
from danvan.situation.services.guard import check_free_text
from danvan.situation.workflow import REPORT
from danvan.territory.models import AdminUnit, Level, Village

MAX_TEXT = 5000
DEFAULT_GRACE_DAYS = 5


def schedule_for(unit: AdminUnit) -> ReportSchedule | None:
    """The schedule of the unit, or of the nearest unit above it that has one."""
    paths = []
    parts = unit.path.strip("/").split("/")
    for i in range(len(parts), 0, -1):
        paths.append("/".join(parts[:i]) + "/")
    rows = {
        s.unit.path: s for s in ReportSchedule.objects.filter(unit__path__in=paths).select_related("unit")
    }
    for path in paths:
        if path in rows:
            return rows[path]
    return None


def set_schedule(*, actor: Any, unit: AdminUnit, frequency: str, grace_days: int) -> ReportSchedule:
    RULEBOOK.require(actor, "set_schedule", unit)
    if frequency not in Frequency.values:
        raise Refused(_("Định kỳ báo cáo không hợp lệ."), field="frequency")
    if not 0 <= grace_days <= 60:
        raise Refused(_("Hạn nộp sau khi hết kỳ phải từ 0 đến 60 ngày."), field="grace_days")
    with transaction.atomic():
        schedule, _created = ReportSchedule.objects.update_or_create(
            unit=unit, defaults={"frequency": frequency, "grace_days": grace_days}
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=schedule,
            unit=unit,
            summary=f"Lịch báo cáo tình hình {unit.name}: {schedule.get_frequency_display().lower()}",
        )
    return schedule


def _text(value: str, *, field: str, label: str, required: bool) -> str:
    value = (value or "").strip()
    if required and not value:
        raise Refused(_("Hãy nhập %(label)s.") % {"label": label.lower()}, field=field)
    if len(value) > MAX_TEXT:
        raise Refused(_("%(label)s dài quá %(n)d ký tự.") % {"label": label, "n": MAX_TEXT}, field=field)
    return check_free_text(value, field=field, label=label)


def file_report(
    *,
    actor: Any,
    unit: AdminUnit,
    kind: str,
    topics: Sequence[Topic],
    mood: str,
    people_say: str,
    proposed_action: str = "",
    village: Village | None = None,
    period_day: dt.date | None = None,
    event_on: dt.date | None = None,
    is_demo: bool = False,
    submitted_at: dt.datetime | None = None,
) -> SituationReport:
    """File a report for a commune the actor's role reaches; refused whole when anything is wrong."""
    if unit.level != Level.COMMUNE:
        raise Refused(_("Báo cáo tình hình được lập cho một xã, phường, đặc khu."), field="unit")
    RULEBOOK.require(actor, "file_report", unit)
    if village is not None and village.unit_id != unit.pk:
        raise Refused(_("Thôn, tổ dân phố đã chọn không thuộc xã này."), field="village")
    if kind not in ReportKind.values:
        raise Refused(_("Loại báo cáo không hợp lệ."), field="kind")
    if mood not in Mood.values:
        raise Refused(_("Hãy chọn tâm trạng của nhân dân."), field="mood")
    topics = [t for t in topics if t.is_active]
    if not topics:
        raise Refused(_("Hãy chọn ít nhất một chủ đề."), field="topics")
    people = _text(people_say, field="people_say", label=_("Nhân dân nói gì, quan tâm gì"), required=True)
    proposal = _text(proposed_action, field="proposed_action", label=_("Đề xuất, kiến nghị"), required=False)
    at = submitted_at or clock.now()
    today = clock.local_date(at)
    period_start = period_end = due_on = None
    if kind == ReportKind.PERIODIC:
        if period_day is None:
            raise Refused(_("Hãy chọn kỳ báo cáo."), field="period_day")
        schedule = schedule_for(unit)
        frequency = schedule.frequency if schedule else Frequency.MONTHLY
        grace = schedule.grace_days if schedule else DEFAULT_GRACE_DAYS
        period_start, period_end = period_of(period_day, frequency)
        if period_start > today:
            raise Refused(
                _("Kỳ báo cáo chưa bắt đầu: hãy chọn kỳ hiện tại hoặc kỳ đã qua."), field="period_day"
            )
        due_on = period_end + dt.timedelta(days=grace)
    else:
        if event_on is None:
            raise Refused(_("Hãy nhập ngày xảy ra sự việc."), field="event_on")
        if event_on > today:
            raise Refused(_("Ngày xảy ra sự việc không thể sau hôm nay."), field="event_on")
    with transaction.atomic():
        report = SituationReport.objects.create(
            unit=unit,
            village=village,
            author=actor,
            kind=kind,
            period_start=period_start,
            period_end=period_end,
            due_on=due_on,
            event_on=event_on,
            mood=mood,
            people_say=people,
            proposed_action=proposal,
            submitted_at=at,
            is_late=bool(due_on and today > due_on),
            is_demo=is_demo,
        )
        report.topics.set(topics)
        history_row(REPORT, report, actor=actor, action="file_report", from_state="").save()
        _signals(report, topics, today)
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=report,
            unit=unit,
            summary=f"Gửi báo cáo tình hình #{report.pk} ({report.get_kind_display().lower()})",
        )
    return report


def _signals(report: SituationReport, topics: Sequence[Topic], day: dt.date) -> None:
    province_path = "/".join(report.unit.path.strip("/").split("/")[:2]) + "/"
    province = AdminUnit.objects.filter(path=province_path).first()
    Signal.objects.bulk_create(
        [
            Signal(
                source=Source.REPORT,
                source_id=report.pk,
                page_id=report.pk,
                code=f"BC{report.pk}",
                title=report.people_say[:200],
                topic=t,
                unit=report.unit,
                province=province,
                on=report.event_on or day,
                is_demo=report.is_demo,
            )
            for t in topics
        ],
        ignore_conflicts=True,
    )


def forward(
    *, actor: Any, report: SituationReport, note: str = "", version: int | None = None
) -> SituationReport:
    note = check_free_text(note, field="note", label=_("Ý kiến của xã"))

    def apply(locked: SituationReport) -> None:
        locked.review_note = note
        locked.forwarded_on = clock.today()

    return perform(REPORT, "forward", actor=actor, record=report, version=version, reason=note, apply=apply)


def return_report(
    *, actor: Any, report: SituationReport, note: str, version: int | None = None
) -> SituationReport:
    note = (note or "").strip()
    if not note:
        raise Refused(_("Hãy ghi cần bổ sung gì để người báo cáo biết."), field="note")
    note = check_free_text(note, field="note", label=_("Ý kiến của xã"))

    def apply(locked: SituationReport) -> None:
        locked.review_note = note

    return perform(
        REPORT, "return_report", actor=actor, record=report, version=version, reason=note, apply=apply
    )


def resubmit(
    *,
    actor: Any,
    report: SituationReport,
    people_say: str,
    proposed_action: str = "",
    version: int | None = None,
) -> SituationReport:
    people = _text(people_say, field="people_say", label=_("Nhân dân nói gì, quan tâm gì"), required=True)
    proposal = _text(proposed_action, field="proposed_action", label=_("Đề xuất, kiến nghị"), required=False)

    def apply(locked: SituationReport) -> None:
        locked.people_say = people
        locked.proposed_action = proposal

    return perform(REPORT, "resubmit", actor=actor, record=report, version=version, apply=apply)
