"""Unit reports: a draft opened with the unit's figures, written, submitted to the level above, which
accepts or returns it; the upper level compiles its consolidated report from what it received. Every
move goes through the workflow kit (`danvan.reporting.workflow.REPORT`)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, history_row, perform
from danvan.reporting import selectors
from danvan.reporting.models import BodyKind, Period, PeriodKind, Report, ReportStatus
from danvan.reporting.rulebook import RULEBOOK
from danvan.reporting.workflow import REPORT
from danvan.territory import naming
from danvan.territory.models import AdminUnit, Level

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


@transaction.atomic
def start_report(
    *, actor: Any, unit: AdminUnit, period: Period, body_kind: str = BodyKind.PARTY, is_demo: bool = False
) -> Report:
    """Open the draft of a unit's report for a period (computed tables are filled from the figures)."""
    RULEBOOK.require(actor, "start", unit)
    if body_kind not in BodyKind.values:
        raise Refused(_("Loại cơ quan ban hành không hợp lệ."), field="body_kind")
    existing = Report.objects.filter(unit=unit, period=period).first()
    if existing is not None:
        raise Refused(
            _("%(name)s đã có báo cáo kỳ “%(name2)s”; hãy mở báo cáo đó để sửa.")
            % {"name": unit.name, "name2": period.name}
        )
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
    history_row(REPORT, report, actor=actor, action="start", from_state="").save(force_insert=True)
    audit.record(
        actor=actor, action=AuditAction.CREATE, obj=report, unit=unit, summary=f"Tạo dự thảo: {report.title}"
    )
    return report


def update_report(*, actor: Any, report: Report, version: int | None, **fields: Any) -> Report:
    unknown = set(fields) - set(REPORT_FIELDS)
    if unknown:
        raise Refused(_("Trường không hợp lệ: %(join)s.") % {"join": ", ".join(sorted(unknown))})
    if "body_kind" in fields and fields["body_kind"] not in BodyKind.values:
        raise Refused(_("Loại cơ quan ban hành không hợp lệ."), field="body_kind")
    if "title" in fields and not str(fields["title"]).strip():
        raise Refused(_("Hãy nhập trích yếu (tên) của báo cáo."), field="title")

    def apply(locked: Report) -> dict[str, Any]:
        before = audit.snapshot(locked, fields.keys())
        for name, value in fields.items():
            setattr(locked, name, value.strip() if isinstance(value, str) else value)
        changed = audit.diff(before, audit.snapshot(locked, fields.keys()))
        return {k: ["…", "…"] if k in selectors.REQUIRED_SECTIONS else v for k, v in changed.items()}

    return perform(
        REPORT,
        "edit",
        actor=actor,
        record=report,
        version=version,
        apply=apply,
        summary=f"Sửa báo cáo: {str(fields.get('title') or report.title)[:150]}",
    )


def missing_sections(report: Report) -> list[str]:
    return [
        selectors.SECTION_LABELS[f] for f in selectors.REQUIRED_SECTIONS if not getattr(report, f).strip()
    ]


def submit_report(*, actor: Any, report: Report, version: int | None = None) -> Report:
    def apply(locked: Report) -> None:
        if locked.unit.level == Level.NATION:
            raise Refused(_("Báo cáo cấp Trung ương không có cấp trên để gửi."))
        missing = missing_sections(locked)
        if missing:
            raise Refused(
                "Chưa gửi được: các phần bắt buộc còn trống: "
                + "; ".join(missing)
                + ". Hãy viết nội dung rồi gửi lại."
            )
        locked.figures = selectors.frozen_tables(locked)  # frozen now, with the revisions flagged
        locked.submitted_at = timezone.now()

    return perform(REPORT, "submit", actor=actor, record=report, version=version, apply=apply)


def return_report(*, actor: Any, report: Report, comment: str, version: int | None = None) -> Report:
    if not comment.strip():
        raise Refused(_("Hãy ghi ý kiến: cần bổ sung, sửa những gì trước khi gửi lại."), field="comment")

    def apply(locked: Report) -> None:
        locked.return_comment = comment.strip()
        locked.figures = {}
        locked.decided_at = timezone.now()

    return perform(
        REPORT,
        "return_report",
        actor=actor,
        record=report,
        version=version,
        apply=apply,
        reason=comment.strip(),
    )


def accept_report(*, actor: Any, report: Report, comment: str = "", version: int | None = None) -> Report:
    def apply(locked: Report) -> None:
        locked.decided_at = timezone.now()

    return perform(
        REPORT, "accept", actor=actor, record=report, version=version, apply=apply, reason=comment.strip()
    )


def compile_consolidated(
    *, actor: Any, unit: AdminUnit, period: Period, body_kind: str = BodyKind.PARTY
) -> Report:
    """The upper level's consolidated report: its subtree's figures plus the narrative of each subordinate
    report received (submitted or accepted), unit by unit, under each section."""
    if unit.level == Level.COMMUNE:
        raise Refused(_("Cấp xã không có đơn vị trực thuộc để tổng hợp."))
    RULEBOOK.require(actor, "compile", unit)
    received = [
        s.report
        for s in selectors.subordinate_statuses(unit, period)
        if s.report is not None and s.status in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)
    ]
    if not received:
        raise Refused(_("Chưa có đơn vị trực thuộc nào gửi báo cáo kỳ này để tổng hợp."))
    composed: dict[str, str] = {}
    for section in selectors.REQUIRED_SECTIONS:
        parts = [
            f"{r.unit.name}: {getattr(r, section).strip()}" for r in received if getattr(r, section).strip()
        ]
        composed[section] = "\n".join(parts)

    def apply(locked: Report) -> dict[str, Any]:
        for section, text in composed.items():
            setattr(locked, section, text)
        locked.is_consolidated = True
        return {"sources": [None, [r.unit.code for r in received]]}

    with transaction.atomic():
        report = Report.objects.select_for_update().filter(unit=unit, period=period).first()
        if report is None:
            report = start_report(actor=actor, unit=unit, period=period, body_kind=body_kind)
        return perform(
            REPORT,
            "compile",
            actor=actor,
            record=report,
            apply=apply,
            reason=f"Tổng hợp từ {len(received)} đơn vị trực thuộc",
            summary=f"Tổng hợp báo cáo từ {len(received)} đơn vị trực thuộc",
        )
