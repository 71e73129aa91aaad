"""Dân chủ ở cơ sở: states and actions declared once for the workflow kit (`danvan.core.workflow`).

Disclosure (công khai):  draft ── publish ──► published ── end ──► ended
                         `attach` adds evidence files in any state.

Consultation (lấy ý kiến): draft ── open ──► open ── close ──► closed ── publish_answer ──► answered
                          `record_comment` (staff-entered opinions) while open; `respond` (tiếp thu or
                          giải trình of one opinion) while open or closed. Citizens comment by the
                          public page (a create, not a move), refused once the draft is closed.

Community decision:       draft ── record_result ──► recorded ── send ──► sent ── recognise ──► recognised
                          (recognise only a passed decision; one not passed stays on record as sent)

Village convention:       draft ── post ──► posted ── adopt ──► adopted ── recognise_convention ──► recognised

Oversight recommendation: draft ── confirm ──► confirmed ── send_recommendation ──► sent ── record_reply ──► answered
                          (confirmed by the commune Fatherland Front; the reply is due by a deadline of rule data)

Workplace meeting:        planned ── hold_meeting ──► held        (yearly conference or workplace dialogue)
                          planned ── cancel_meeting ──► cancelled
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Action, Workflow
from danvan.democracy.models import (
    CommunityDecision,
    Consultation,
    ConsultationHistory,
    ConsultationState,
    Convention,
    ConventionHistory,
    ConventionState,
    DecisionHistory,
    DecisionState,
    Disclosure,
    DisclosureHistory,
    DisclosureState,
    MeetingState,
    Recommendation,
    RecommendationHistory,
    RecommendationState,
    WorkplaceMeeting,
    WorkplaceMeetingHistory,
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
DECISION = Workflow(
    "democracy.decision",
    model=CommunityDecision,
    history=DecisionHistory,
    history_fk="decision",
    states=DecisionState,
    noun=_("việc bàn và quyết định"),
    rulebook=RULEBOOK,
    describe=lambda d: f"Bàn và quyết định “{d.title}”",
    audit_fields=("held_on", "attended", "agree", "disagree", "invalid", "passed", "recognised_on"),
    lock_related=("unit", "village"),
    actions=[
        Action(
            "record_result",
            _("Ghi biên bản, kết quả"),
            frozenset({DecisionState.DRAFT}),
            DecisionState.RECORDED,
            refusal=_("Kết quả đã được ghi."),
        ),
        Action(
            "send",
            _("Gửi kết quả lên UBND xã"),
            frozenset({DecisionState.RECORDED}),
            DecisionState.SENT,
            refusal=_("Chỉ gửi được kết quả đã ghi và chưa gửi."),
        ),
        Action(
            "recognise",
            _("Công nhận kết quả"),
            frozenset({DecisionState.SENT}),
            DecisionState.RECOGNISED,
            refusal=_("Chỉ công nhận kết quả đã gửi lên UBND xã."),
        ),
    ],
)
CONVENTION = Workflow(
    "democracy.convention",
    model=Convention,
    history=ConventionHistory,
    history_fk="convention",
    states=ConventionState,
    noun=_("hương ước, quy ước"),
    rulebook=RULEBOOK,
    describe=lambda c: f"Hương ước “{c.title}”",
    audit_fields=("posted_on", "decision_id", "recognised_on"),
    lock_related=("unit", "village"),
    actions=[
        Action(
            "post",
            _("Niêm yết dự thảo"),
            frozenset({ConventionState.DRAFT}),
            ConventionState.POSTED,
            refusal=_("Dự thảo đã được niêm yết."),
        ),
        Action(
            "adopt",
            _("Ghi nhận cộng đồng thông qua"),
            frozenset({ConventionState.POSTED}),
            ConventionState.ADOPTED,
            refusal=_("Chỉ ghi nhận thông qua dự thảo đang niêm yết."),
        ),
        Action(
            "recognise_convention",
            _("Công nhận hương ước, quy ước"),
            frozenset({ConventionState.ADOPTED}),
            ConventionState.RECOGNISED,
            refusal=_("Chỉ công nhận hương ước đã được cộng đồng thông qua."),
        ),
    ],
)
RECOMMENDATION = Workflow(
    "democracy.recommendation",
    model=Recommendation,
    history=RecommendationHistory,
    history_fk="recommendation",
    states=RecommendationState,
    noun=_("kiến nghị"),
    rulebook=RULEBOOK,
    describe=lambda r: f"Kiến nghị #{r.pk}",
    audit_fields=("confirmed_on", "sent_on", "due_on", "replied_on", "answered_on_time"),
    lock_related=("unit", "board"),
    actions=[
        Action(
            "confirm",
            _("Xác nhận của MTTQ xã"),
            frozenset({RecommendationState.DRAFT}),
            RecommendationState.CONFIRMED,
            refusal=_("Kiến nghị đã được xác nhận."),
        ),
        Action(
            "send_recommendation",
            _("Gửi kiến nghị"),
            frozenset({RecommendationState.CONFIRMED}),
            RecommendationState.SENT,
            refusal=_("Chỉ gửi được kiến nghị đã được MTTQ xã xác nhận."),
        ),
        Action(
            "record_reply",
            _("Ghi trả lời"),
            frozenset({RecommendationState.SENT}),
            RecommendationState.ANSWERED,
            refusal=_("Chỉ ghi trả lời cho kiến nghị đã gửi và chưa được trả lời."),
        ),
    ],
)
WORKPLACE_MEETING = Workflow(
    "democracy.workplace_meeting",
    model=WorkplaceMeeting,
    history=WorkplaceMeetingHistory,
    history_fk="meeting",
    states=MeetingState,
    noun=_("hội nghị, đối thoại"),
    rulebook=RULEBOOK,
    describe=lambda m: f"{m.get_kind_display()} {m.year} của {m.workplace.name}",
    audit_fields=("held_on", "due_on", "is_late", "attendees"),
    lock_related=("unit", "workplace"),
    actions=[
        Action(
            "hold_meeting",
            _("Ghi kết quả hội nghị, đối thoại"),
            frozenset({MeetingState.PLANNED}),
            MeetingState.HELD,
            refusal=_("Chỉ ghi kết quả cho hội nghị, đối thoại đang ở kế hoạch."),
        ),
        Action(
            "cancel_meeting",
            _("Hủy hội nghị, đối thoại"),
            frozenset({MeetingState.PLANNED}),
            MeetingState.CANCELLED,
            refusal=_("Chỉ hủy được hội nghị, đối thoại chưa tổ chức."),
        ),
    ],
)
WORKFLOWS = (DISCLOSURE, CONSULTATION, DECISION, CONVENTION, RECOMMENDATION, WORKPLACE_MEETING)
