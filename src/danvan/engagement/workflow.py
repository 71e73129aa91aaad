"""Tiếp công dân và đối thoại: states and actions declared once for the workflow kit (`danvan.core.workflow`).

Dialogue (hội nghị đối thoại):
    planned ── announce ──► announced ── hold ──► held ── publish ──► published
    planned, announced ── cancel ──► cancelled
    `edit` (details, rescheduling with a reason) while planned or announced; `add_question`, `answer`,
    `question_to_petition` and `commit` (a commitment made at it) once announced, held or published.

Commitment (cam kết):
    open ── start ──► in_progress;  open, in_progress ── complete ──► done
    open, in_progress ── explain ──► explained (with the explanation)

Reception sessions have no states: recording them is a create checked by the rulebook only.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.core.workflow import Action, Workflow
from danvan.engagement.models import (
    Commitment,
    CommitmentHistory,
    CommitmentState,
    Dialogue,
    DialogueHistory,
    DialogueState,
)
from danvan.engagement.rulebook import RULEBOOK

NOT_HELD = frozenset({DialogueState.PLANNED, DialogueState.ANNOUNCED})
QUESTION_STATES = frozenset({DialogueState.ANNOUNCED, DialogueState.HELD, DialogueState.PUBLISHED})
OPEN = frozenset({CommitmentState.OPEN, CommitmentState.IN_PROGRESS})

DIALOGUE = Workflow(
    "engagement.dialogue",
    model=Dialogue,
    history=DialogueHistory,
    history_fk="dialogue",
    states=DialogueState,
    noun=_("hội nghị đối thoại"),
    rulebook=RULEBOOK,
    describe=lambda d: f"Hội nghị đối thoại “{d.title}” ({clock.format_date(d.starts_at)})",
    audit_fields=(
        "starts_at",
        "announced_on",
        "short_notice",
        "held_on",
        "published_on",
        "published_late",
    ),
    lock_related=(),
    actions=[
        Action(
            "edit",
            _("Sửa thông tin hội nghị"),
            NOT_HELD,
            refusal=_("Hội nghị đã tổ chức hoặc đã hủy: không sửa được thông tin tổ chức."),
        ),
        Action(
            "announce", _("Thông báo hội nghị"), frozenset({DialogueState.PLANNED}), DialogueState.ANNOUNCED
        ),
        Action("hold", _("Ghi nhận đã tổ chức"), frozenset({DialogueState.ANNOUNCED}), DialogueState.HELD),
        Action("publish", _("Công khai kết quả"), frozenset({DialogueState.HELD}), DialogueState.PUBLISHED),
        Action("cancel", _("Hủy hội nghị"), NOT_HELD, DialogueState.CANCELLED),
        Action(
            "add_question",
            _("Ghi câu hỏi"),
            QUESTION_STATES,
            refusal=_("Chỉ ghi câu hỏi cho hội nghị đã thông báo hoặc đã tổ chức."),
        ),
        Action(
            "answer",
            _("Ghi trả lời"),
            QUESTION_STATES,
            refusal=_("Hội nghị chưa thông báo hoặc đã hủy: không ghi trả lời."),
        ),
        Action(
            "question_to_petition",
            _("Chuyển câu hỏi thành đơn thư"),
            QUESTION_STATES,
            refusal=_("Chỉ chuyển câu hỏi của hội nghị đã thông báo hoặc đã tổ chức."),
        ),
        Action(
            "commit",
            _("Ghi cam kết"),
            QUESTION_STATES,
            refusal=_("Chỉ ghi cam kết cho hội nghị đã thông báo hoặc đã tổ chức."),
        ),
    ],
)

COMMITMENT = Workflow(
    "engagement.commitment",
    model=Commitment,
    history=CommitmentHistory,
    history_fk="commitment",
    states=CommitmentState,
    noun=_("cam kết"),
    rulebook=RULEBOOK,
    describe=lambda c: f"Cam kết #{c.pk}",
    audit_fields=("done_on", "explanation"),
    lock_related=(),
    actions=[
        Action(
            "start", _("Bắt đầu thực hiện"), frozenset({CommitmentState.OPEN}), CommitmentState.IN_PROGRESS
        ),
        Action("complete", _("Đã thực hiện"), OPEN, CommitmentState.DONE),
        Action("explain", _("Không thực hiện được, giải trình"), OPEN, CommitmentState.EXPLAINED),
    ],
)
WORKFLOWS = (DIALOGUE, COMMITMENT)
