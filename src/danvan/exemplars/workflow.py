"""Dân vận khéo: states and actions declared once for the workflow kit (`danvan.core.workflow`).

Exemplar:  draft ── submit ──► submitted ── open_evaluation ──► under_evaluation ── recognise ──► recognised
             ▲                     │                                    │                              │
             └── return_to_draft ──┘                                    └── refuse ──► not_recognised  retire
                                                                                                       ▼
                                                                                                    retired
           `edit` (a draft only), `attach` (files, while the record is open) and `score` (a council
           member's sheet, under evaluation) keep the state and are written to the history too.

Contest:   open ── publish_contest ──► published
           `add_judge`, `add_entry`, `score_entry` while open.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Action, Workflow
from danvan.exemplars.models import (
    Contest,
    ContestHistory,
    ContestStatus,
    Exemplar,
    ExemplarHistory,
    Status,
)
from danvan.exemplars.rulebook import RULEBOOK

OPEN_STATES = frozenset({Status.DRAFT, Status.SUBMITTED, Status.UNDER_EVALUATION, Status.RECOGNISED})

EXEMPLAR = Workflow(
    "exemplars.exemplar",
    model=Exemplar,
    history=ExemplarHistory,
    history_fk="exemplar",
    states=Status,
    state_field="status",
    noun=_("hồ sơ"),
    rulebook=RULEBOOK,
    describe=lambda e: f"Mô hình “{e.name[:120]}”",
    audit_fields=(
        "recognition_level",
        "decision_number",
        "decision_date",
        "award",
        "award_body",
        "retired_on",
        "retired_reason",
    ),
    lock_related=("unit",),
    actions=[
        Action(
            "edit",
            _("Sửa hồ sơ"),
            frozenset({Status.DRAFT}),
            refusal=_("Chỉ sửa được hồ sơ ở trạng thái dự thảo; hồ sơ đã gửi cần được trả lại trước."),
        ),
        Action(
            "attach",
            _("Bổ sung tệp"),
            OPEN_STATES,
            refusal=_("Hồ sơ đã đóng, không bổ sung tệp được nữa."),
        ),
        Action("submit", _("Gửi đề nghị công nhận"), frozenset({Status.DRAFT}), Status.SUBMITTED),
        Action("return_to_draft", _("Trả lại đơn vị"), frozenset({Status.SUBMITTED}), Status.DRAFT),
        Action(
            "open_evaluation",
            _("Lập hội đồng thẩm định"),
            frozenset({Status.SUBMITTED}),
            Status.UNDER_EVALUATION,
        ),
        Action(
            "score",
            _("Chấm điểm"),
            frozenset({Status.UNDER_EVALUATION}),
            refusal=_("Hồ sơ không ở giai đoạn thẩm định nên không chấm điểm được."),
        ),
        Action("recognise", _("Công nhận"), frozenset({Status.UNDER_EVALUATION}), Status.RECOGNISED),
        Action("refuse", _("Không công nhận"), frozenset({Status.UNDER_EVALUATION}), Status.NOT_RECOGNISED),
        Action("retire", _("Đưa ra khỏi danh sách"), frozenset({Status.RECOGNISED}), Status.RETIRED),
    ],
)

CONTEST = Workflow(
    "exemplars.contest",
    model=Contest,
    history=ContestHistory,
    history_fk="contest",
    states=ContestStatus,
    state_field="status",
    version_field=None,
    noun=_("hội thi"),
    rulebook=RULEBOOK,
    describe=lambda c: f"Hội thi “{c.name[:120]}”",
    audit_fields=("published_at",),
    lock_related=("unit",),
    actions=[
        Action(
            "add_judge",
            _("Thêm giám khảo"),
            frozenset({ContestStatus.OPEN}),
            refusal=_("Kết quả hội thi đã công bố; không thay đổi được nữa."),
        ),
        Action(
            "add_entry",
            _("Thêm bài dự thi"),
            frozenset({ContestStatus.OPEN}),
            refusal=_("Kết quả hội thi đã công bố; không thay đổi được nữa."),
        ),
        Action(
            "score_entry",
            _("Chấm bài dự thi"),
            frozenset({ContestStatus.OPEN}),
            refusal=_("Kết quả hội thi đã công bố; không thay đổi được nữa."),
        ),
        Action(
            "publish_contest",
            _("Công bố kết quả"),
            frozenset({ContestStatus.OPEN}),
            ContestStatus.PUBLISHED,
            refusal=_("Kết quả hội thi đã công bố; không thay đổi được nữa."),
        ),
    ],
)
WORKFLOWS = (EXEMPLAR, CONTEST)
