"""Sơ kết, tổng kết: writes. One function per state change, each in one transaction with an audit row."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Mapping
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.reporting import catalogue as cat
from danvan.reporting import selectors
from danvan.reporting.models import (
    AnnualTheme,
    BodyKind,
    BridgePoint,
    Conference,
    ConferenceKind,
    IndicatorSnapshot,
    ManualFigure,
    Period,
    PeriodKind,
    PeriodStatus,
    Report,
    ReportEvent,
    ReportStatus,
    SnapshotTotals,
    Target,
    Task,
    TaskStatus,
)
from danvan.reporting.registry import Indicator
from danvan.reporting.rollup import live_leaves, roll_up, snapshot_leaves, unit_index
from danvan.territory import naming
from danvan.territory.models import NATION_CODE, AdminUnit, Level


def _fmt(day: dt.date) -> str:
    return day.strftime("%d/%m/%Y")


def _require(actor: Any, unit: AdminUnit) -> None:
    scope_for(actor).require(unit, ACT_ROLES)


def _require_own(actor: Any, unit: AdminUnit) -> None:
    """A unit's report is written by its own officers (or an administrator), not by the upper level."""
    if not selectors.can_write_report(scope_for(actor), unit):
        raise PermissionDenied("Chỉ cán bộ của chính đơn vị mới soạn, sửa và gửi báo cáo của đơn vị.")


def _require_national(actor: Any) -> None:
    nation = AdminUnit.objects.get(code=NATION_CODE)
    _require(actor, nation)


# --- annual themes ---------------------------------------------------------------------------------
def _check_theme(year_from: int, year_to: int, title: str) -> None:
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Hãy nhập tên chủ đề năm."
    if not 1930 <= year_from <= 2100:
        errors["year_from"] = "Năm bắt đầu không hợp lệ (nhập 4 chữ số, ví dụ 2021)."
    if year_to < year_from:
        errors["year_to"] = "Năm kết thúc phải bằng hoặc sau năm bắt đầu."
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def create_theme(
    *, actor: Any, year_from: int, year_to: int, title: str, description: str = ""
) -> AnnualTheme:
    _require_national(actor)
    _check_theme(year_from, year_to, title)
    if AnnualTheme.objects.filter(year_from=year_from, title=title.strip()).exists():
        raise ValidationError({"title": "Chủ đề này đã có cho năm đó."})
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
        errors["end"] = f"Ngày kết thúc ({_fmt(end)}) phải bằng hoặc sau ngày bắt đầu ({_fmt(start)})."
    if errors:
        raise ValidationError(errors)
    closed = selectors.closed_period_overlapping(start, end, exclude_pk)
    if closed is not None:
        raise ValidationError(
            {
                "start": f"Kỳ {_fmt(start)}–{_fmt(end)} trùng với kỳ đã khóa số liệu “{closed.name}” "
                f"({_fmt(closed.start)}–{_fmt(closed.end)}). Hãy chọn khoảng thời gian không trùng."
            }
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
        summary=f"Tạo kỳ báo cáo {period.name} ({_fmt(start)}–{_fmt(end)})",
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
        raise ValidationError("Kỳ đã khóa số liệu, không sửa được.")
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
        raise ValidationError(f"Kỳ “{period.name}” đã được khóa số liệu trước đó.")
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


# --- manual figures and targets ----------------------------------------------------------------------
def _number(raw: Any, label: str) -> float:
    if isinstance(raw, bool):
        raise ValidationError(f"{label} phải là một số.")
    if isinstance(raw, int | float):
        value = float(raw)
    else:
        text = str(raw or "").strip().replace(" ", "")
        if not text:
            raise ValidationError(f"Hãy nhập {label.lower()}.")
        if "," in text and "." in text:
            text = text.replace(".", "").replace(",", ".")  # 1.234,5 (Vietnamese style)
        elif "," in text:
            text = text.replace(",", ".")
        try:
            value = float(text)
        except ValueError:
            raise ValidationError(f"{label} “{raw}” không phải là số. Nhập số, ví dụ 12 hoặc 85,5.") from None
    if math.isnan(value) or math.isinf(value):
        raise ValidationError(f"{label} không phải là số hợp lệ.")
    return value


def _check_range(indicator: Indicator, value: float, label: str) -> None:
    if indicator.min_value is not None and value < indicator.min_value:
        raise ValidationError(
            f"{label} {value:g} nhỏ hơn giá trị nhỏ nhất cho phép ({indicator.min_value:g} {indicator.unit}) "
            f"của chỉ tiêu “{indicator.name}”."
        )
    if indicator.max_value is not None and value > indicator.max_value:
        raise ValidationError(
            f"{label} {value:g} vượt giá trị lớn nhất cho phép ({indicator.max_value:g} {indicator.unit}) "
            f"của chỉ tiêu “{indicator.name}”."
        )


def _known_indicator(code: str) -> Indicator:
    indicator = cat.get(code)
    if indicator is None:
        raise ValidationError(
            {
                "indicator_code": f"Không có chỉ tiêu mã “{code}” trong danh mục. Chọn một chỉ tiêu trong danh mục."
            }
        )
    return indicator


@transaction.atomic
def enter_manual_figure(
    *,
    actor: Any,
    indicator_code: str,
    unit: AdminUnit,
    period: Period,
    value: Any,
    denominator: Any = None,
) -> ManualFigure:
    """A unit enters a figure for a manual indicator (for a share: numerator and base)."""
    _require(actor, unit)
    indicator = _known_indicator(indicator_code)
    if indicator.compute is not None:
        raise ValidationError(
            f"Chỉ tiêu “{indicator.name}” được tính tự động từ dữ liệu của phân hệ, không nhập tay."
        )
    if Period.objects.filter(pk=period.pk, status=PeriodStatus.CLOSED).exists():
        raise ValidationError(f"Kỳ “{period.name}” đã khóa số liệu, không nhập thêm được.")
    numerator = _number(value, "Giá trị")
    if indicator.aggregation == "ratio":
        base = _number(denominator, "Mẫu số")
        if base <= 0:
            raise ValidationError("Mẫu số của một tỷ lệ phải lớn hơn 0.")
        if numerator < 0 or numerator > base:
            raise ValidationError(f"Tử số ({numerator:g}) phải nằm trong khoảng 0 đến mẫu số ({base:g}).")
        _check_range(indicator, numerator / base * 100, "Tỷ lệ")
    else:
        base = 1.0
        if cat.is_integer_only(indicator) and not numerator.is_integer():
            raise ValidationError(
                f"Chỉ tiêu “{indicator.name}” đếm theo {indicator.unit}: hãy nhập số nguyên (không có phần lẻ)."
            )
        _check_range(indicator, numerator, "Giá trị")
    figure = (
        ManualFigure.objects.select_for_update()
        .filter(indicator_code=indicator.code, unit=unit, period=period)
        .first()
    )
    old = (figure.numerator, figure.denominator) if figure else None
    if figure is None:
        figure = ManualFigure(indicator_code=indicator.code, unit=unit, period=period)
    figure.numerator, figure.denominator, figure.entered_by = numerator, base, actor
    figure.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE if old else AuditAction.CREATE,
        obj=figure,
        unit=unit,
        summary=f"Nhập số liệu “{indicator.name}” kỳ {period.name}",
        changes={"value": [list(old) if old else None, [numerator, base]]},
    )
    return figure


@transaction.atomic
def set_target(*, actor: Any, indicator_code: str, unit: AdminUnit, period: Period, value: Any) -> Target:
    _require(actor, unit)
    indicator = _known_indicator(indicator_code)
    number = _number(value, "Chỉ tiêu")
    _check_range(indicator, number, "Chỉ tiêu")
    target = (
        Target.objects.select_for_update()
        .filter(indicator_code=indicator.code, unit=unit, period=period)
        .first()
    )
    old = target.value if target else None
    if target is None:
        target = Target(indicator_code=indicator.code, unit=unit, period=period)
    target.value, target.set_by = number, actor
    target.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE if old is not None else AuditAction.CREATE,
        obj=target,
        unit=unit,
        summary=f"Giao chỉ tiêu “{indicator.name}” kỳ {period.name}",
        changes={"value": [old, number]},
    )
    return target


# --- reports ---------------------------------------------------------------------------------------
REPORT_TRANSITIONS: dict[str, set[str]] = {
    ReportStatus.DRAFT: {ReportStatus.SUBMITTED},
    ReportStatus.RETURNED: {ReportStatus.SUBMITTED},
    ReportStatus.SUBMITTED: {ReportStatus.RETURNED, ReportStatus.ACCEPTED},
    ReportStatus.ACCEPTED: set(),
}
EDITABLE = {ReportStatus.DRAFT, ReportStatus.RETURNED}
REPORT_FIELDS = (
    "title",
    "number",
    "issuing_body",
    "parent_body",
    "body_kind",
    "place",
    "signer_title",
    "signer_name",
    "results",
    "limitations",
    "lessons",
    "next_tasks",
)


def default_headers(unit: AdminUnit, body_kind: str) -> dict[str, str]:
    """Issuing body, parent body, number pattern and signer for a unit (editable in the draft), named as
    Nghị định 30 writes them in running text ("Ủy ban nhân dân tỉnh Lạng Sơn", "Đảng ủy phường Đông Kinh")."""
    parent = unit.parent
    if body_kind == BodyKind.STATE:
        if unit.level == Level.NATION:
            return {
                "issuing_body": "Bộ Nội vụ",
                "parent_body": "",
                "number": "…/BC-BNV",
                "signer_title": "BỘ TRƯỞNG",
            }
        return {
            "issuing_body": naming.body_name(unit, "ubnd", full=True),
            "parent_body": "",
            "number": "…/BC-UBND",
            "signer_title": "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH",
        }
    if unit.level == Level.NATION:
        return {"issuing_body": "Ban Dân vận", "parent_body": "Ban Chấp hành Trung ương",
                "number": "…-BC/BDVTW", "signer_title": "T/M BAN DÂN VẬN\nTRƯỞNG BAN"}  # fmt: skip
    if unit.level == Level.PROVINCE:
        return {
            "issuing_body": "Ban Tuyên giáo và Dân vận",
            "parent_body": f"Đảng bộ {naming.unit_name(unit)}",
            "number": "…-BC/BTGDVTU",
            "signer_title": "T/M BAN TUYÊN GIÁO VÀ DÂN VẬN\nTRƯỞNG BAN",
        }
    return {
        "issuing_body": naming.party_committee(unit),
        "parent_body": f"Đảng bộ {naming.unit_name(parent)}" if parent else "",
        "number": "…-BC/ĐU",
        "signer_title": "T/M ĐẢNG ỦY\nBÍ THƯ",
    }


def _event(report: Report, actor: Any, from_status: str, to_status: str, comment: str = "") -> None:
    ReportEvent.objects.create(
        report=report, actor=actor if getattr(actor, "is_authenticated", False) else None,
        from_status=from_status, to_status=to_status, comment=comment,
    )  # fmt: skip


def _transition(report: Report, to_status: str) -> str:
    from_status = report.status
    if to_status not in REPORT_TRANSITIONS.get(from_status, set()):
        labels = dict(ReportStatus.choices)
        raise ValidationError(
            f"Không thể chuyển báo cáo từ “{labels[from_status]}” sang “{labels[to_status]}”."
        )
    return from_status


def _locked(report: Report) -> Report:
    return (
        Report.objects.select_for_update(of=("self",))
        .select_related("unit", "period", "unit__parent")
        .get(pk=report.pk)
    )


@transaction.atomic
def start_report(
    *, actor: Any, unit: AdminUnit, period: Period, body_kind: str = BodyKind.PARTY, is_demo: bool = False
) -> Report:
    """Open the draft of a unit's report for a period (computed tables are filled from the figures)."""
    _require_own(actor, unit)
    if body_kind not in BodyKind.values:
        raise ValidationError({"body_kind": "Loại cơ quan ban hành không hợp lệ."})
    existing = Report.objects.filter(unit=unit, period=period).first()
    if existing is not None:
        raise ValidationError(f"{unit.name} đã có báo cáo kỳ “{period.name}”; hãy mở báo cáo đó để sửa.")
    kind_word = "sơ kết" if period.kind in (PeriodKind.SIX_MONTH, PeriodKind.NINE_MONTH) else "tổng kết"
    report = Report.objects.create(
        unit=unit,
        period=period,
        title=f"Báo cáo {kind_word} công tác dân vận {period.name[0].lower() + period.name[1:]}",
        body_kind=body_kind,
        place=(unit.parent.short_name if unit.level == Level.COMMUNE and unit.parent else unit.short_name),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        is_demo=is_demo,
        **default_headers(unit, body_kind),
    )
    _event(report, actor, "", ReportStatus.DRAFT)
    audit.record(
        actor=actor, action=AuditAction.CREATE, obj=report, unit=unit, summary=f"Tạo dự thảo: {report.title}"
    )
    return report


@transaction.atomic
def update_report(*, actor: Any, report: Report, version: int, **fields: Any) -> Report:
    report = _locked(report)
    _require_own(actor, report.unit)
    if report.status not in EDITABLE:
        raise ValidationError(
            "Báo cáo đã gửi cấp trên, không sửa được (chỉ sửa khi đang soạn hoặc bị trả lại)."
        )
    if report.version != version:
        raise ValidationError(
            "Báo cáo vừa được người khác sửa. Hãy tải lại trang để xem nội dung mới nhất rồi sửa lại."
        )
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise ValidationError(f"Trường không hợp lệ: {', '.join(sorted(unknown))}.")
    if "body_kind" in fields and fields["body_kind"] not in BodyKind.values:
        raise ValidationError({"body_kind": "Loại cơ quan ban hành không hợp lệ."})
    if "title" in fields and not str(fields["title"]).strip():
        raise ValidationError({"title": "Hãy nhập trích yếu (tên) của báo cáo."})
    before = audit.snapshot(report, fields.keys())
    for name, value in fields.items():
        setattr(report, name, value.strip() if isinstance(value, str) else value)
    report.version += 1
    report.save()
    changed = audit.diff(before, audit.snapshot(report, fields.keys()))
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=report,
        unit=report.unit,
        summary=f"Sửa báo cáo: {report.title}",
        changes={k: ["…", "…"] if k in selectors.REQUIRED_SECTIONS else v for k, v in changed.items()},
    )
    return report


def missing_sections(report: Report) -> list[str]:
    return [
        selectors.SECTION_LABELS[f] for f in selectors.REQUIRED_SECTIONS if not getattr(report, f).strip()
    ]


@transaction.atomic
def submit_report(*, actor: Any, report: Report) -> Report:
    report = _locked(report)
    _require_own(actor, report.unit)
    if report.unit.level == Level.NATION:
        raise ValidationError("Báo cáo cấp Trung ương không có cấp trên để gửi.")
    from_status = _transition(report, ReportStatus.SUBMITTED)
    missing = missing_sections(report)
    if missing:
        raise ValidationError(
            "Chưa gửi được: các phần bắt buộc còn trống: "
            + "; ".join(missing)
            + ". Hãy viết nội dung rồi gửi lại."
        )
    report.figures = selectors.frozen_tables(report)  # frozen at this instant, with the revisions flagged
    report.status = ReportStatus.SUBMITTED
    report.submitted_at = timezone.now()
    report.version += 1
    report.save()
    _event(report, actor, from_status, ReportStatus.SUBMITTED)
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=report,
        unit=report.unit,
        summary=f"Gửi cấp trên: {report.title}",
        changes={"status": [from_status, ReportStatus.SUBMITTED]},
    )
    return report


def _require_upper(actor: Any, report: Report) -> None:
    parent = report.unit.parent
    if parent is None:
        raise ValidationError("Báo cáo này không có cấp trên.")
    _require(actor, parent)


@transaction.atomic
def return_report(*, actor: Any, report: Report, comment: str) -> Report:
    report = _locked(report)
    _require_upper(actor, report)
    if not comment.strip():
        raise ValidationError({"comment": "Hãy ghi ý kiến: cần bổ sung, sửa những gì trước khi gửi lại."})
    from_status = _transition(report, ReportStatus.RETURNED)
    report.status = ReportStatus.RETURNED
    report.return_comment = comment.strip()
    report.figures = {}
    report.decided_at = timezone.now()
    report.version += 1
    report.save()
    _event(report, actor, from_status, ReportStatus.RETURNED, comment.strip())
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=report,
        unit=report.unit,
        summary=f"Trả lại báo cáo: {report.title}",
        changes={"status": [from_status, ReportStatus.RETURNED]},
    )
    return report


@transaction.atomic
def accept_report(*, actor: Any, report: Report, comment: str = "") -> Report:
    report = _locked(report)
    _require_upper(actor, report)
    from_status = _transition(report, ReportStatus.ACCEPTED)
    report.status = ReportStatus.ACCEPTED
    report.decided_at = timezone.now()
    report.version += 1
    report.save()
    _event(report, actor, from_status, ReportStatus.ACCEPTED, comment.strip())
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=report,
        unit=report.unit,
        summary=f"Tiếp nhận báo cáo: {report.title}",
        changes={"status": [from_status, ReportStatus.ACCEPTED]},
    )
    return report


@transaction.atomic
def compile_consolidated(
    *, actor: Any, unit: AdminUnit, period: Period, body_kind: str = BodyKind.PARTY
) -> Report:
    """The upper level's consolidated report: its subtree's figures plus the narrative of each subordinate
    report received (submitted or accepted), unit by unit, under each section."""
    _require(actor, unit)
    if unit.level == Level.COMMUNE:
        raise ValidationError("Cấp xã không có đơn vị trực thuộc để tổng hợp.")
    report = Report.objects.select_for_update().filter(unit=unit, period=period).first()
    if report is None:
        report = start_report(actor=actor, unit=unit, period=period, body_kind=body_kind)
    elif report.status not in EDITABLE:
        raise ValidationError("Báo cáo tổng hợp đã gửi cấp trên, không tổng hợp lại được.")
    received = [
        s.report
        for s in selectors.subordinate_statuses(unit, period)
        if s.report is not None and s.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
    ]
    if not received:
        raise ValidationError("Chưa có đơn vị trực thuộc nào gửi báo cáo kỳ này để tổng hợp.")
    composed: dict[str, str] = {}
    for section in selectors.REQUIRED_SECTIONS:
        parts = [
            f"{r.unit.name}: {getattr(r, section).strip()}" for r in received if getattr(r, section).strip()
        ]
        composed[section] = "\n".join(parts)
    report = _locked(report)
    for section, text in composed.items():
        setattr(report, section, text)
    report.is_consolidated = True
    report.version += 1
    report.save()
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=report,
        unit=unit,
        summary=f"Tổng hợp báo cáo từ {len(received)} đơn vị trực thuộc",
        changes={"sources": [None, [r.unit.code for r in received]]},
    )
    return report


# --- conferences and tasks ---------------------------------------------------------------------------
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
        raise ValidationError(
            {"kind": f"Loại hội nghị “{kind}” không hợp lệ: chọn sơ kết, tổng kết hoặc chuyên đề."}
        )
    return str(alias)


def _resolve_unit(value: Any) -> AdminUnit:
    """A bridge point's unit: an AdminUnit, a GSO code, or a province name (old names too)."""
    if isinstance(value, AdminUnit):
        return value
    from danvan.territory.selectors import resolve_province

    text = str(value or "").strip()
    if not text:
        raise ValidationError("Thiếu đơn vị của điểm cầu.")
    unit = AdminUnit.objects.filter(code=text).first() or resolve_province(text)
    if unit is None:
        raise ValidationError(f"Không xác định được đơn vị “{text}” của điểm cầu (nhập mã hoặc tên tỉnh).")
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
        _require(actor, unit)
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
        raise ValidationError(errors)
    docs = list(dict.fromkeys(str(d).strip() for d in documents or [] if str(d).strip()))
    points: list[tuple[AdminUnit, str, int]] = []
    seen: set[int] = set()
    for bp in bridge_points or []:
        bp_unit = _resolve_unit(bp.get("unit"))
        participants = bp.get("participants") or 0
        try:
            count = int(participants)
        except (TypeError, ValueError):
            raise ValidationError(f"Số đại biểu tại điểm cầu {bp_unit.name} phải là số nguyên.") from None
        if count < 0:
            raise ValidationError(f"Số đại biểu tại điểm cầu {bp_unit.name} không được âm.")
        if bp_unit.pk in seen:
            raise ValidationError(f"Điểm cầu {bp_unit.name} bị nhập hai lần.")
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
        summary=f"Ghi nhận hội nghị: {conference.title} ({_fmt(held_on)})",
        changes={"bridge_points": len(points), "documents": docs},
    )
    return conference


@transaction.atomic
def update_conclusions(*, actor: Any, conference: Conference, conclusions: str) -> Conference:
    conference = Conference.objects.select_for_update().get(pk=conference.pk)
    _require(actor, conference.unit)
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
    _require(actor, conference.unit)
    units = list(units)
    errors: dict[str, str] = {}
    if not title.strip():
        errors["title"] = "Hãy nhập nội dung nhiệm vụ."
    if not units:
        errors["units"] = "Hãy chọn ít nhất một đơn vị thực hiện."
    if due_on < conference.held_on:
        errors["due_on"] = (
            f"Hạn hoàn thành ({_fmt(due_on)}) phải sau ngày hội nghị ({_fmt(conference.held_on)})."
        )
    outside = [u.name for u in units if not conference.unit.contains(u)]
    if outside:
        errors["units"] = "Chỉ giao nhiệm vụ cho đơn vị thuộc đơn vị chủ trì; ngoài phạm vi: " + ", ".join(
            outside
        )
    if errors:
        raise ValidationError(errors)
    tasks = Task.objects.bulk_create(
        [
            Task(conference=conference, unit=u, title=title.strip(), due_on=due_on, is_demo=is_demo)
            for u in units
        ]
    )
    for task in tasks:
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            obj=task,
            unit=task.unit,
            summary=f"Giao nhiệm vụ theo kết luận hội nghị, hạn {_fmt(due_on)}",
        )
    return tasks


@transaction.atomic
def complete_task(*, actor: Any, task: Task, done_on: dt.date, result: str = "") -> Task:
    task = Task.objects.select_for_update(of=("self",)).select_related("unit").get(pk=task.pk)
    _require(actor, task.unit)
    if task.status == TaskStatus.DONE:
        raise ValidationError("Nhiệm vụ này đã được báo cáo hoàn thành.")
    if done_on > selectors.today():
        raise ValidationError({"done_on": "Ngày hoàn thành không được sau hôm nay."})
    task.status, task.done_on, task.result = TaskStatus.DONE, done_on, result.strip()
    task.save()
    audit.record(
        actor=actor,
        action=AuditAction.TRANSITION,
        obj=task,
        unit=task.unit,
        summary=f"Hoàn thành nhiệm vụ ngày {_fmt(done_on)}",
        changes={"status": [TaskStatus.OPEN, TaskStatus.DONE]},
    )
    return task


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
