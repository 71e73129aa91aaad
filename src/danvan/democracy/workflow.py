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

from collections.abc import Callable, Iterable
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Action, TransitionRecord, Workflow
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


def _move(
    name: str, label: Any, sources: Iterable[str], target: str | None = None, refusal: Any = None
) -> Action:
    """An action from `sources` to `target` (None: the state stays), with its refusal text."""
    return Action(name, label, frozenset(sources), target, refusal=refusal)


def _workflow(
    key: str,
    model: type[models.Model],
    history: type[TransitionRecord],
    *,
    states: Any,
    noun: Any,
    describe: Callable[[Any], str],
    audit_fields: Iterable[str],
    lock_related: Iterable[str],
    actions: Iterable[Action],
) -> Workflow:
    """A democracy workflow: named `democracy.<key>`, judged by the module's rulebook, the history row's
    link found from the history model, the record's unit locked with it (plus `lock_related`)."""
    history_fk = next(f.name for f in history._meta.fields if getattr(f, "related_model", None) is model)
    return Workflow(
        f"democracy.{key}",
        model=model,
        history=history,
        history_fk=history_fk,
        states=states,
        noun=noun,
        rulebook=RULEBOOK,
        describe=describe,
        audit_fields=audit_fields,
        lock_related=("unit", *lock_related),
        actions=actions,
    )


DISCLOSURE = _workflow(
    "disclosure",
    Disclosure,
    DisclosureHistory,
    states=DisclosureState,
    noun=_("hồ sơ công khai"),
    describe=lambda d: f"Công khai “{d.title}”",
    audit_fields=("posted_on", "ended_on", "is_late", "is_too_short"),
    lock_related=("item",),
    actions=[
        _move(
            "publish",
            _("Công khai"),
            (DisclosureState.DRAFT,),
            DisclosureState.PUBLISHED,
            refusal=_("Hồ sơ này đã được công khai."),
        ),
        _move(
            "end",
            _("Kết thúc công khai"),
            (DisclosureState.PUBLISHED,),
            DisclosureState.ENDED,
            refusal=_("Chỉ kết thúc được hồ sơ đang công khai."),
        ),
        Action("attach", _("Bổ sung tệp minh chứng")),
    ],
)
CONSULTATION = _workflow(
    "consultation",
    Consultation,
    ConsultationHistory,
    states=ConsultationState,
    noun=_("dự thảo"),
    describe=lambda c: f"Dự thảo “{c.title}”",
    audit_fields=("opens_on", "closes_on", "answered_on"),
    lock_related=(),
    actions=[
        _move(
            "open",
            _("Bắt đầu lấy ý kiến"),
            (ConsultationState.DRAFT,),
            ConsultationState.OPEN,
            refusal=_("Dự thảo này đã được đưa ra lấy ý kiến."),
        ),
        _move(
            "record_comment",
            _("Nhập ý kiến"),
            (ConsultationState.OPEN,),
            refusal=_("Dự thảo đã hết hạn góp ý: không nhận thêm ý kiến."),
        ),
        _move(
            "respond",
            _("Tiếp thu, giải trình ý kiến"),
            (ConsultationState.OPEN, ConsultationState.CLOSED),
            refusal=_(
                "Chỉ tiếp thu, giải trình khi dự thảo đang hoặc đã lấy ý kiến và chưa công bố kết quả."
            ),
        ),
        _move(
            "close",
            _("Kết thúc lấy ý kiến"),
            (ConsultationState.OPEN,),
            ConsultationState.CLOSED,
            refusal=_("Chỉ kết thúc được dự thảo đang lấy ý kiến."),
        ),
        _move(
            "publish_answer",
            _("Công bố tiếp thu, giải trình"),
            (ConsultationState.CLOSED,),
            ConsultationState.ANSWERED,
            refusal=_("Chỉ công bố tiếp thu, giải trình sau khi đã kết thúc lấy ý kiến."),
        ),
    ],
)
DECISION = _workflow(
    "decision",
    CommunityDecision,
    DecisionHistory,
    states=DecisionState,
    noun=_("việc bàn và quyết định"),
    describe=lambda d: f"Bàn và quyết định “{d.title}”",
    audit_fields=("held_on", "attended", "agree", "disagree", "invalid", "passed", "recognised_on"),
    lock_related=("village",),
    actions=[
        _move(
            "record_result",
            _("Ghi biên bản, kết quả"),
            (DecisionState.DRAFT,),
            DecisionState.RECORDED,
            refusal=_("Kết quả đã được ghi."),
        ),
        _move(
            "send",
            _("Gửi kết quả lên UBND xã"),
            (DecisionState.RECORDED,),
            DecisionState.SENT,
            refusal=_("Chỉ gửi được kết quả đã ghi và chưa gửi."),
        ),
        _move(
            "recognise",
            _("Công nhận kết quả"),
            (DecisionState.SENT,),
            DecisionState.RECOGNISED,
            refusal=_("Chỉ công nhận kết quả đã gửi lên UBND xã."),
        ),
    ],
)
CONVENTION = _workflow(
    "convention",
    Convention,
    ConventionHistory,
    states=ConventionState,
    noun=_("hương ước, quy ước"),
    describe=lambda c: f"Hương ước “{c.title}”",
    audit_fields=("posted_on", "decision_id", "recognised_on"),
    lock_related=("village",),
    actions=[
        _move(
            "post",
            _("Niêm yết dự thảo"),
            (ConventionState.DRAFT,),
            ConventionState.POSTED,
            refusal=_("Dự thảo đã được niêm yết."),
        ),
        _move(
            "adopt",
            _("Ghi nhận cộng đồng thông qua"),
            (ConventionState.POSTED,),
            ConventionState.ADOPTED,
            refusal=_("Chỉ ghi nhận thông qua dự thảo đang niêm yết."),
        ),
        _move(
            "recognise_convention",
            _("Công nhận hương ước, quy ước"),
            (ConventionState.ADOPTED,),
            ConventionState.RECOGNISED,
            refusal=_("Chỉ công nhận hương ước đã được cộng đồng thông qua."),
        ),
    ],
)
RECOMMENDATION = _workflow(
    "recommendation",
    Recommendation,
    RecommendationHistory,
    states=RecommendationState,
    noun=_("kiến nghị"),
    describe=lambda r: f"Kiến nghị #{r.pk}",
    audit_fields=("confirmed_on", "sent_on", "due_on", "replied_on", "answered_on_time"),
    lock_related=("board",),
    actions=[
        _move(
            "confirm",
            _("Xác nhận của MTTQ xã"),
            (RecommendationState.DRAFT,),
            RecommendationState.CONFIRMED,
            refusal=_("Kiến nghị đã được xác nhận."),
        ),
        _move(
            "send_recommendation",
            _("Gửi kiến nghị"),
            (RecommendationState.CONFIRMED,),
            RecommendationState.SENT,
            refusal=_("Chỉ gửi được kiến nghị đã được MTTQ xã xác nhận."),
        ),
        _move(
            "record_reply",
            _("Ghi trả lời"),
            (RecommendationState.SENT,),
            RecommendationState.ANSWERED,
            refusal=_("Chỉ ghi trả lời cho kiến nghị đã gửi và chưa được trả lời."),
        ),
    ],
)
WORKPLACE_MEETING = _workflow(
    "workplace_meeting",
    WorkplaceMeeting,
    WorkplaceMeetingHistory,
    states=MeetingState,
    noun=_("hội nghị, đối thoại"),
    describe=lambda m: f"{m.get_kind_display()} {m.year} của {m.workplace.name}",
    audit_fields=("held_on", "due_on", "is_late", "attendees"),
    lock_related=("workplace",),
    actions=[
        _move(
            "hold_meeting",
            _("Ghi kết quả hội nghị, đối thoại"),
            (MeetingState.PLANNED,),
            MeetingState.HELD,
            refusal=_("Chỉ ghi kết quả cho hội nghị, đối thoại đang ở kế hoạch."),
        ),
        _move(
            "cancel_meeting",
            _("Hủy hội nghị, đối thoại"),
            (MeetingState.PLANNED,),
            MeetingState.CANCELLED,
            refusal=_("Chỉ hủy được hội nghị, đối thoại chưa tổ chức."),
        ),
    ],
)
WORKFLOWS = (DISCLOSURE, CONSULTATION, DECISION, CONVENTION, RECOMMENDATION, WORKPLACE_MEETING)
