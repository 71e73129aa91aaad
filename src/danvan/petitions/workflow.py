"""Đơn thư: the petition's states and actions, declared once for the workflow kit (`danvan.core.workflow`).

    received ─┬─ accept ──► accepted ── start ──► in_progress ── resolve ──► resolved ── close ──► closed
    transferred ┼─ refuse ──► refused
              └─ transfer ─► transferred
    received, transferred, accepted, in_progress ── withdraw ──► withdrawn

`extend`, `classify`, `assign` and `link_duplicate` edit the petition without moving it; `rate` is the citizen's, by code.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from danvan.core.workflow import Action, Moved, Workflow
from danvan.petitions.models import Petition, PetitionHistory, State
from danvan.petitions.rulebook import RULEBOOK

NEW = frozenset({State.RECEIVED, State.TRANSFERRED})
OPEN = frozenset({State.RECEIVED, State.TRANSFERRED, State.ACCEPTED, State.IN_PROGRESS})
OPEN_STATES = (State.RECEIVED, State.TRANSFERRED, State.ACCEPTED, State.IN_PROGRESS)

WORKFLOW = Workflow(
    "petitions",
    model=Petition,
    history=PetitionHistory,
    history_fk="petition",
    states=State,
    noun=_("đơn"),
    rulebook=RULEBOOK,
    describe=lambda p: f"Đơn {p.tracking_code}",
    audit_fields=("unit_id", "due_date", "handler_id"),
    lock_related=("unit",),
    actions=[
        Action("accept", _("Thụ lý"), NEW, State.ACCEPTED),
        Action("refuse", _("Không thụ lý"), NEW, State.REFUSED),
        Action("transfer", _("Chuyển đơn"), NEW, State.TRANSFERRED),
        Action("start", _("Bắt đầu giải quyết"), frozenset({State.ACCEPTED}), State.IN_PROGRESS),
        Action("resolve", _("Ghi kết quả giải quyết"), frozenset({State.IN_PROGRESS}), State.RESOLVED),
        Action("close", _("Kết thúc hồ sơ"), frozenset({State.RESOLVED}), State.CLOSED),
        Action("withdraw", _("Ghi nhận rút đơn"), OPEN, State.WITHDRAWN),
        Action(
            "extend",
            _("Gia hạn"),
            frozenset({State.ACCEPTED, State.IN_PROGRESS}),
            refusal=_("Chỉ gia hạn được đơn đã thụ lý và đang trong hạn giải quyết."),
        ),
        Action("classify", _("Xác nhận lĩnh vực")),
        Action("publish-title", _("Công bố nguyên văn tiêu đề")),
        Action("assign", _("Phân công cán bộ thụ lý"), OPEN | {State.RESOLVED}),
        Action("link_duplicate", _("Liên kết đơn trùng")),
        # The two-way messages (`services.messages`): the handler writes to the sender, issues a new secret
        # phrase; the sender's reply (by code and phrase) is written without `perform` (no new version).
        Action("message", _("Gửi tin nhắn cho người gửi đơn")),
        Action("issue-phrase", _("Cấp cụm từ bí mật mới")),
        Action("reply", _("Người gửi đơn gửi tin nhắn"), public=True),
        Action(
            "rate",
            _("Đánh giá"),
            frozenset({State.CLOSED}),
            refusal=_("Chỉ đánh giá được sau khi hồ sơ đã kết thúc."),
            public=True,
        ),
    ],
)
TRANSITIONS = WORKFLOW.transitions()


def received(petition: Petition, *, actor: Any, reason: str = "") -> Moved:
    """The receipt as a move for the workflow kit's hooks (`core.workflow.announce`): intake writes its first
    history row itself (prepared before the transaction), not through `perform`."""
    return Moved(
        workflow=WORKFLOW,
        record=petition,
        action="receive",
        from_state="",
        to_state=petition.state,
        actor=actor,
        reason=reason,
    )
