"""Annual themes, report periods and closing a period (its figures frozen, rolled up to every unit)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused
from danvan.reporting import catalogue as cat
from danvan.reporting import selectors
from danvan.reporting.models import (
    AnnualTheme,
    IndicatorSnapshot,
    Period,
    PeriodKind,
    PeriodStatus,
    SnapshotTotals,
)
from danvan.reporting.rollup import live_leaves, roll_up, snapshot_leaves, unit_index
from danvan.reporting.rulebook import RULEBOOK
from danvan.reporting.services.errors import fmt, refuse
from danvan.territory.models import NATION_CODE, AdminUnit


def _require_national(actor: Any) -> None:
    RULEBOOK.require(actor, "manage_periods", AdminUnit.objects.get(code=NATION_CODE))


def _check_theme(year_from: int, year_to: int, title: str) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Hãy nhập tên chủ đề năm."
    if not 1930 <= year_from <= 2100:
        errors["year_from"] = "Năm bắt đầu không hợp lệ (nhập 4 chữ số, ví dụ 2021)."
    if year_to < year_from:
        errors["year_to"] = "Năm kết thúc phải bằng hoặc sau năm bắt đầu."
    if errors:
        refuse(errors)


@transaction.atomic
def create_theme(
    *, actor: Any, year_from: int, year_to: int, title: str, description: str = ""
) -> AnnualTheme:
    _require_national(actor)
    _check_theme(year_from, year_to, title)
    if AnnualTheme.objects.filter(year_from=year_from, title=title.strip()).exists():
        raise Refused(_("Chủ đề này đã có cho năm đó."), field="title")
    theme = AnnualTheme.objects.create(
        year_from=year_from, year_to=year_to, title=title.strip(), description=description.strip()
    )
    audit.record(actor=actor, action=AuditAction.CREATE, obj=theme, summary=f"Thêm chủ đề năm: {theme}")
    return theme


@transaction.atomic
def update_theme(
    *, actor: Any, theme: AnnualTheme, year_from: int, year_to: int, title: str, description: str = ""
) -> AnnualTheme:
    _require_national(actor)
    _check_theme(year_from, year_to, title)
    fields = ("year_from", "year_to", "title", "description")
    before = audit.snapshot(theme, fields)
    theme.year_from, theme.year_to, theme.title, theme.description = (
        year_from,
        year_to,
        title.strip(),
        description.strip(),
    )
    theme.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=theme,
        summary=f"Sửa chủ đề năm: {theme}",
        changes=audit.diff(before, audit.snapshot(theme, fields)),
    )
    return theme


# --- periods ---------------------------------------------------------------------------------------
def _check_period(kind: str, name: str, start: dt.date, end: dt.date, exclude_pk: int | None = None) -> None:
    errors: dict[str, str] = {}
    if kind not in PeriodKind.values:
        errors["kind"] = (
            "Loại kỳ không hợp lệ: chọn sơ kết 6 tháng, 9 tháng, tổng kết năm, nhiều năm hoặc tùy chọn."
        )
    if not name.strip():
        errors["name"] = "Hãy nhập tên kỳ báo cáo, ví dụ “Tổng kết năm 2025”."
    if end < start:
        errors["end"] = f"Ngày kết thúc ({fmt(end)}) phải bằng hoặc sau ngày bắt đầu ({fmt(start)})."
    if errors:
        refuse(errors)
    closed = selectors.closed_period_overlapping(start, end, exclude_pk)
    if closed is not None:
        raise Refused(
            _(
                "Kỳ %(fmt)s–%(fmt2)s trùng với kỳ đã khóa số liệu “%(name)s” (%(fmt3)s–%(fmt4)s). Hãy chọn khoảng thời gian không trùng."
            )
            % {
                "fmt": fmt(start),
                "fmt2": fmt(end),
                "name": closed.name,
                "fmt3": fmt(closed.start),
                "fmt4": fmt(closed.end),
            },
            field="start",
        )


@transaction.atomic
def create_period(
    *,
    actor: Any,
    kind: str,
    name: str,
    start: dt.date,
    end: dt.date,
    theme: AnnualTheme | None = None,
    report_due: dt.date | None = None,
    is_demo: bool = False,
) -> Period:
    if actor is not None:
        _require_national(actor)
    _check_period(kind, name, start, end)
    period = Period.objects.create(
        kind=kind,
        name=name.strip(),
        start=start,
        end=end,
        theme=theme or selectors.theme_for(start),
        report_due=report_due,
        is_demo=is_demo,
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=period,
        summary=f"Tạo kỳ báo cáo {period.name} ({fmt(start)}–{fmt(end)})",
    )
    return period


@transaction.atomic
def update_period(
    *,
    actor: Any,
    period: Period,
    kind: str,
    name: str,
    start: dt.date,
    end: dt.date,
    theme: AnnualTheme | None = None,
    report_due: dt.date | None = None,
) -> Period:
    _require_national(actor)
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise Refused(_("Kỳ đã khóa số liệu, không sửa được."))
    _check_period(kind, name, start, end, exclude_pk=period.pk)
    fields = ("kind", "name", "start", "end", "theme_id", "report_due")
    before = audit.snapshot(period, fields)
    period.kind, period.name, period.start, period.end = kind, name.strip(), start, end
    period.theme, period.report_due = theme or selectors.theme_for(start), report_due
    period.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=period,
        summary=f"Sửa kỳ báo cáo {period.name}",
        changes=audit.diff(before, audit.snapshot(period, fields)),
    )
    return period


def freeze_totals(period: Period) -> int:
    """Roll the frozen leaf figures of `period` up to every unit and store them (SnapshotTotals)."""
    index = unit_index()
    chosen = cat.catalogue()
    leaves = snapshot_leaves(period, [i.code for i in chosen])
    SnapshotTotals.objects.filter(period=period).delete()
    rows = [
        SnapshotTotals(
            period=period,
            indicator_code=indicator.code,
            totals={
                str(uid): [n, d]
                for uid, (n, d) in roll_up(indicator, leaves.get(indicator.code, []), index).items()
            },
        )
        for indicator in chosen
    ]
    SnapshotTotals.objects.bulk_create(rows, batch_size=50)
    return len(rows)


@transaction.atomic
def close_period(*, actor: Any, period: Period) -> int:
    """Freeze the leaf figures of every indicator of the catalogue; returns the number of rows frozen."""
    if actor is not None:
        _require_national(actor)
    period = Period.objects.select_for_update().get(pk=period.pk)
    if period.is_closed:
        raise Refused(_("Kỳ “%(name)s” đã được khóa số liệu trước đó.") % {"name": period.name})
    rows: list[IndicatorSnapshot] = []
    for indicator in cat.catalogue():
        for fig in live_leaves(indicator, period):
            rows.append(
                IndicatorSnapshot(
                    period=period,
                    indicator_code=indicator.code,
                    unit_id=fig.unit_id,
                    numerator=fig.numerator,
                    denominator=fig.denominator,
                )
            )
    IndicatorSnapshot.objects.bulk_create(rows, batch_size=2000)
    freeze_totals(period)
    period.status = PeriodStatus.CLOSED
    period.closed_at = timezone.now()
    period.save(update_fields=["status", "closed_at"])
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=period,
        summary=f"Khóa số liệu kỳ {period.name}: {len(rows)} số liệu",
        changes={"status": [PeriodStatus.OPEN, PeriodStatus.CLOSED]},
    )
    return len(rows)
