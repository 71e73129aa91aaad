"""Cam kết: promises made at a dialogue, with an owner of the unit and a due date, followed to their end.

Recording a commitment is the `commit` action on its dialogue; its follow-up (`start`, `complete`,
`explain`) are moves of the commitment's own workflow. Both run through the workflow kit.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.workflow import Refused, history_row, perform
from danvan.engagement.models import (
    OPEN_COMMITMENT_STATES,
    Commitment,
    CommitmentState,
    Dialogue,
    DialogueQuestion,
)
from danvan.engagement.selectors import owner_choices
from danvan.engagement.services.common import fmt, today
from danvan.engagement.workflow import COMMITMENT, DIALOGUE

FOLLOW_UP_ACTIONS = {
    CommitmentState.IN_PROGRESS: "start",
    CommitmentState.DONE: "complete",
    CommitmentState.EXPLAINED: "explain",
}


def create_commitment(
    *,
    actor: Any,
    dialogue: Dialogue,
    content: str,
    owner: Any,
    due_date: dt.date | None,
    made_on: dt.date | None = None,
    question: DialogueQuestion | None = None,
    is_demo: bool = False,
) -> Commitment:
    """A promise made at a dialogue: an owner (a person of the dialogue's unit) and a due date are required."""
    if not content.strip():
        raise Refused(_("Hãy nhập nội dung cam kết."), field="content")
    if owner is None:
        raise Refused(
            _("Cam kết phải có người chịu trách nhiệm thực hiện: hãy chọn người chịu trách nhiệm."),
            field="owner",
        )
    if due_date is None:
        raise Refused(
            _("Cam kết phải có hạn thực hiện: hãy nhập hạn theo dạng ngày/tháng/năm."), field="due_date"
        )
    created: list[Commitment] = []

    def apply(locked: Dialogue) -> dict[str, Any]:
        if not owner_choices(locked.unit).filter(pk=owner.pk).exists():
            raise Refused(
                _("%(owner)s không thuộc %(unit)s: hãy chọn người chịu trách nhiệm của đơn vị.")
                % {"owner": owner, "unit": locked.unit.name},
                field="owner",
            )
        made = made_on or locked.held_on or today()
        if due_date < made:
            raise Refused(
                _("Hạn thực hiện (%(fmt)s) trước ngày cam kết (%(fmt2)s): hãy chọn hạn sau ngày cam kết.")
                % {"fmt": fmt(due_date), "fmt2": fmt(made)},
                field="due_date",
            )
        if question is not None and question.dialogue_id != locked.pk:
            raise Refused(_("Câu hỏi đã chọn không thuộc hội nghị này."), field="question")
        commitment = Commitment.objects.create(
            dialogue=locked,
            question=question,
            unit=locked.unit,
            content=content.strip(),
            owner=owner,
            made_on=made,
            due_date=due_date,
            is_demo=is_demo,
        )
        history_row(
            COMMITMENT, commitment, actor=actor, action="create", from_state="", to_state=CommitmentState.OPEN
        ).save(force_insert=True)
        created.append(commitment)
        return {"commitment": [None, commitment.pk], "owner": str(owner), "due_date": due_date.isoformat()}

    perform(
        DIALOGUE,
        "commit",
        actor=actor,
        record=dialogue,
        apply=apply,
        summary=f"Ghi cam kết tại hội nghị đối thoại #{dialogue.pk}, hạn {fmt(due_date)}",
    )
    return created[0]


def follow_up_commitment(
    *,
    actor: Any,
    commitment: Commitment,
    state: str,
    note: str = "",
    done_on: dt.date | None = None,
    version: int | None = None,
) -> Commitment:
    """Move a commitment on: in progress, done (with the date), or explained (with the explanation)."""
    action = FOLLOW_UP_ACTIONS.get(state)  # type: ignore[call-overload]
    if action is None:
        raise Refused(_("Hãy chọn trạng thái mới của cam kết."), field="state")
    note = note.strip()
    if state == CommitmentState.DONE:
        done_on = done_on or today()
        if done_on > today():
            raise Refused(_("Ngày hoàn thành không được ở tương lai."), field="done_on")
    if state == CommitmentState.EXPLAINED and not note:
        raise Refused(_("Hãy ghi giải trình vì sao cam kết không thực hiện được."), field="note")

    def apply(locked: Commitment) -> None:
        if done_on is not None and state == CommitmentState.DONE:
            if done_on < locked.made_on:
                raise Refused(_("Ngày hoàn thành không được trước ngày cam kết."), field="done_on")
            locked.done_on = done_on
        if note:
            locked.explanation = note

    return perform(
        COMMITMENT, action, actor=actor, record=commitment, version=version, reason=note, apply=apply
    )


def is_open(commitment: Commitment) -> bool:
    return commitment.state in OPEN_COMMITMENT_STATES
