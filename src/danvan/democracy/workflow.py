"""Dân chủ ở cơ sở: states and actions declared once for the workflow kit (`danvan.core.workflow`).

Disclosure (công khai):  draft ── publish ──► published ── end ──► ended
                         `attach` adds evidence files in any state.

Consultation (lấy ý kiến): draft ── open ──► open ── close ──► closed ── publish_answer ──► answered
                          `record_comment` (staff-entered opinions) while open; `respond` (tiếp thu or
                          giải trình of one opinion) while open or closed. Citizens comment by the
                          public page (a create, not a move), refused once the draft is closed.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Action, Workflow
from danvan.democracy.models import (
    Consultation,
    ConsultationHistory,
    ConsultationState,
    Disclosure,
    DisclosureHistory,
    DisclosureState,
)
from danvan.democracy.rulebook import RULEBOOK

DISCLOSURE = Workflow(
    "democracy.disclosure",
    model=Disclosure,
    history=DisclosureHistory,
    history_fk="disclosure",
    states=DisclosureState,
    noun=_("hồ sơ công khai"),
    rulebook=RULEBOOK,
    describe=lambda d: f"Công khai “{d.title}”",
    audit_fields=("posted_on", "ended_on", "is_late", "is_too_short"),
    lock_related=("unit", "item"),
    actions=[
        Action(
            "publish",
            _("Công khai"),
            frozenset({DisclosureState.DRAFT}),
            DisclosureState.PUBLISHED,
            refusal=_("Hồ sơ này đã được công khai."),
        ),
        Action(
            "end",
            _("Kết thúc công khai"),
            frozenset({DisclosureState.PUBLISHED}),
            DisclosureState.ENDED,
            refusal=_("Chỉ kết thúc được hồ sơ đang công khai."),
        ),
        Action("attach", _("Bổ sung tệp minh chứng")),
    ],
)
CONSULTATION = Workflow(
    "democracy.consultation",
    model=Consultation,
    history=ConsultationHistory,
    history_fk="consultation",
    states=ConsultationState,
    noun=_("dự thảo"),
    rulebook=RULEBOOK,
    describe=lambda c: f"Dự thảo “{c.title}”",
    audit_fields=("opens_on", "closes_on", "answered_on"),
    lock_related=("unit",),
    actions=[
        Action(
            "open",
            _("Bắt đầu lấy ý kiến"),
            frozenset({ConsultationState.DRAFT}),
            ConsultationState.OPEN,
            refusal=_("Dự thảo này đã được đưa ra lấy ý kiến."),
        ),
        Action(
            "record_comment",
            _("Nhập ý kiến"),
            frozenset({ConsultationState.OPEN}),
            refusal=_("Dự thảo đã hết hạn góp ý: không nhận thêm ý kiến."),
        ),
        Action(
            "respond",
            _("Tiếp thu, giải trình ý kiến"),
            frozenset({ConsultationState.OPEN, ConsultationState.CLOSED}),
            refusal=_(
                "Chỉ tiếp thu, giải trình khi dự thảo đang hoặc đã lấy ý kiến và chưa công bố kết quả."
            ),
        ),
        Action(
            "close",
            _("Kết thúc lấy ý kiến"),
            frozenset({ConsultationState.OPEN}),
            ConsultationState.CLOSED,
            refusal=_("Chỉ kết thúc được dự thảo đang lấy ý kiến."),
        ),
        Action(
            "publish_answer",
            _("Công bố tiếp thu, giải trình"),
            frozenset({ConsultationState.CLOSED}),
            ConsultationState.ANSWERED,
            refusal=_("Chỉ công bố tiếp thu, giải trình sau khi đã kết thúc lấy ý kiến."),
        ),
    ],
)
WORKFLOWS = (DISCLOSURE, CONSULTATION)
