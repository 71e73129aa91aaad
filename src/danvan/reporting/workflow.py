"""Sơ kết, tổng kết: states and actions declared once for the workflow kit (`danvan.core.workflow`).

Report:  draft ── submit ──► submitted ── accept ──► accepted
         returned ─ submit ─┘    └── return_report ──► returned
         `edit` and `compile` (the upper level's consolidated report) while draft or returned.

Task:    open ── complete_task ──► done         (assigned by a conference: the first history row)
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Action, Workflow
from danvan.reporting.models import Report, ReportHistory, ReportStatus, Task, TaskHistory, TaskStatus
from danvan.reporting.rulebook import RULEBOOK

EDITABLE = frozenset({ReportStatus.DRAFT, ReportStatus.RETURNED})

REPORT = Workflow(
    "reporting.report",
    model=Report,
    history=ReportHistory,
    history_fk="report",
    states=ReportStatus,
    state_field="status",
    noun=_("báo cáo"),
    rulebook=RULEBOOK,
    describe=lambda r: f"Báo cáo “{r.title[:120]}”",
    audit_fields=("submitted_at", "decided_at", "is_consolidated"),
    lock_related=("unit", "period"),  # not unit__parent: PostgreSQL refuses FOR UPDATE on an outer join
    actions=[
        Action(
            "edit",
            _("Sửa báo cáo"),
            EDITABLE,
            refusal=_("Báo cáo đã gửi cấp trên, không sửa được (chỉ sửa khi đang soạn hoặc bị trả lại)."),
        ),
        Action(
            "compile",
            _("Tổng hợp từ các đơn vị trực thuộc"),
            EDITABLE,
            refusal=_("Báo cáo tổng hợp đã gửi cấp trên, không tổng hợp lại được."),
        ),
        Action("submit", _("Gửi cấp trên"), EDITABLE, ReportStatus.SUBMITTED),
        Action("return_report", _("Trả lại"), frozenset({ReportStatus.SUBMITTED}), ReportStatus.RETURNED),
        Action("accept", _("Tiếp nhận"), frozenset({ReportStatus.SUBMITTED}), ReportStatus.ACCEPTED),
    ],
)

TASK = Workflow(
    "reporting.task",
    model=Task,
    history=TaskHistory,
    history_fk="task",
    states=TaskStatus,
    state_field="status",
    version_field=None,
    noun=_("nhiệm vụ"),
    rulebook=RULEBOOK,
    describe=lambda t: f"Nhiệm vụ “{t.title[:120]}”",
    audit_fields=("done_on",),
    lock_related=("unit",),
    actions=[
        Action(
            "complete_task",
            _("Báo cáo hoàn thành"),
            frozenset({TaskStatus.OPEN}),
            TaskStatus.DONE,
            refusal=_("Nhiệm vụ này đã được báo cáo hoàn thành."),
        ),
    ],
)
WORKFLOWS = (REPORT, TASK)
