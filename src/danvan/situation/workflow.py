"""Nắm tình hình nhân dân: states and actions declared once for the workflow kit (`danvan.core.workflow`).

Situation report:  (filed) submitted ── forward ──► forwarded
                              │  ▲
                  return_report  resubmit
                              ▼  │
                            returned

Rise alert:        new ── answer_alert ──► answered (a note, or a hotspot opened from it)

Hotspot:           open ── escalate ──► escalated;  open | escalated ── close_hotspot ──► closed
                   `update_hotspot` (links, tasks, risk) while open or escalated

Opinion poll:      draft ── open_poll ──► open ── close_poll ──► closed

Weekly brief:      draft ── send_brief ──► sent ── receive_brief ──► received;  `edit_brief` while draft
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Action, Workflow
from danvan.situation.models import (
    AlertHistory,
    AlertState,
    Brief,
    BriefHistory,
    BriefState,
    Hotspot,
    HotspotHistory,
    HotspotState,
    Poll,
    PollHistory,
    PollState,
    ReportHistory,
    ReportState,
    RiseAlert,
    SituationReport,
)
from danvan.situation.rulebook import RULEBOOK

REPORT = Workflow(
    "situation.report",
    model=SituationReport,
    history=ReportHistory,
    history_fk="report",
    states=ReportState,
    noun=_("báo cáo tình hình"),
    rulebook=RULEBOOK,
    describe=lambda r: f"Báo cáo tình hình #{r.pk}",
    audit_fields=("review_note", "forwarded_on"),
    lock_related=("unit",),
    actions=[
        Action(
            "forward",
            _("Tổng hợp, chuyển lên cấp trên"),
            frozenset({ReportState.SUBMITTED}),
            ReportState.FORWARDED,
            refusal=_("Chỉ chuyển lên được báo cáo đang chờ xã xem xét."),
        ),
        Action(
            "return_report",
            _("Trả lại để bổ sung"),
            frozenset({ReportState.SUBMITTED}),
            ReportState.RETURNED,
            refusal=_("Chỉ trả lại được báo cáo đang chờ xã xem xét."),
        ),
        Action(
            "resubmit",
            _("Gửi lại"),
            frozenset({ReportState.RETURNED}),
            ReportState.SUBMITTED,
            refusal=_("Chỉ gửi lại được báo cáo đã bị trả lại."),
        ),
    ],
)
ALERT = Workflow(
    "situation.alert",
    model=RiseAlert,
    history=AlertHistory,
    history_fk="alert",
    states=AlertState,
    noun=_("cảnh báo"),
    rulebook=RULEBOOK,
    describe=lambda a: f"Cảnh báo “{a.topic}” tại {a.unit}",
    audit_fields=("answer",),
    lock_related=("unit", "topic"),
    actions=[
        Action(
            "answer_alert",
            _("Xử lý cảnh báo"),
            frozenset({AlertState.NEW}),
            AlertState.ANSWERED,
            refusal=_("Cảnh báo này đã được xử lý."),
        ),
    ],
)
HOTSPOT = Workflow(
    "situation.hotspot",
    model=Hotspot,
    history=HotspotHistory,
    history_fk="hotspot",
    states=HotspotState,
    noun=_("điểm nóng"),
    rulebook=RULEBOOK,
    describe=lambda h: f"Điểm nóng “{h.title}”",
    audit_fields=("risk", "escalated_to_id", "closed_on"),
    lock_related=("unit",),
    actions=[
        Action(
            "update_hotspot",
            _("Cập nhật"),
            frozenset({HotspotState.OPEN, HotspotState.ESCALATED}),
            refusal=_("Điểm nóng đã kết thúc: không cập nhật thêm."),
        ),
        Action(
            "escalate",
            _("Báo cáo lên cấp trên"),
            frozenset({HotspotState.OPEN}),
            HotspotState.ESCALATED,
            refusal=_("Chỉ báo cáo lên được điểm nóng đang theo dõi ở cấp này."),
        ),
        Action(
            "close_hotspot",
            _("Kết thúc"),
            frozenset({HotspotState.OPEN, HotspotState.ESCALATED}),
            HotspotState.CLOSED,
            refusal=_("Điểm nóng đã kết thúc."),
        ),
    ],
)
POLL = Workflow(
    "situation.poll",
    model=Poll,
    history=PollHistory,
    history_fk="poll",
    states=PollState,
    noun=_("cuộc thăm dò"),
    rulebook=RULEBOOK,
    describe=lambda p: f"Thăm dò “{p.title}”",
    audit_fields=("opens_on", "closes_on"),
    lock_related=("unit",),
    actions=[
        Action(
            "open_poll",
            _("Bắt đầu thăm dò"),
            frozenset({PollState.DRAFT}),
            PollState.OPEN,
            refusal=_("Cuộc thăm dò đã bắt đầu."),
        ),
        Action(
            "close_poll",
            _("Kết thúc thăm dò"),
            frozenset({PollState.OPEN}),
            PollState.CLOSED,
            refusal=_("Chỉ kết thúc được cuộc thăm dò đang diễn ra."),
        ),
    ],
)
BRIEF = Workflow(
    "situation.brief",
    model=Brief,
    history=BriefHistory,
    history_fk="brief",
    states=BriefState,
    noun=_("bản tin"),
    rulebook=RULEBOOK,
    describe=lambda b: str(b),
    audit_fields=("sent_on",),
    lock_related=("unit",),
    actions=[
        Action(
            "edit_brief",
            _("Sửa bản tin"),
            frozenset({BriefState.DRAFT}),
            refusal=_("Bản tin đã gửi: không sửa được nữa."),
        ),
        Action(
            "send_brief",
            _("Gửi lên cấp trên"),
            frozenset({BriefState.DRAFT}),
            BriefState.SENT,
            refusal=_("Bản tin đã được gửi."),
        ),
        Action(
            "receive_brief",
            _("Xác nhận đã nhận"),
            frozenset({BriefState.SENT}),
            BriefState.RECEIVED,
            refusal=_("Chỉ xác nhận được bản tin đã gửi và chưa nhận."),
        ),
    ],
)
WORKFLOWS = (REPORT, ALERT, HOTSPOT, POLL, BRIEF)
