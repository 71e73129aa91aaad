"""Câu hỏi đối thoại: citizens' questions sent in advance, questions raised at the dialogue, their answers.

A citizen's question from the public page is a create on an announced dialogue (no account, rate-limited
by the view). An officer's question or answer is an action on the dialogue through the workflow kit
(`add_question`, `answer`), so it is checked by the rulebook and recorded in the dialogue's history.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from danvan.core import audit, clock, crypto
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, perform
from danvan.engagement.models import Dialogue, DialogueQuestion, DialogueState, QuestionSource
from danvan.engagement.services.common import user_or_none
from danvan.engagement.services.receptions import can_view_identities
from danvan.engagement.workflow import DIALOGUE

MAX_QUESTION_CHARS = 4000


def _clean_question(text: str) -> str:
    text = text.strip()
    if len(text) < 10:
        raise Refused(_("Câu hỏi quá ngắn: hãy nêu rõ vấn đề (ít nhất 10 ký tự)."), field="text")
    if len(text) > MAX_QUESTION_CHARS:
        raise Refused(
            _("Câu hỏi quá dài: tối đa %(MAX_QUESTION_CHARS)s ký tự.")
            % {"MAX_QUESTION_CHARS": MAX_QUESTION_CHARS},
            field="text",
        )
    return text


def _new_question(dialogue: Dialogue, source: str, text: str, name: str, contact: str) -> DialogueQuestion:
    return DialogueQuestion.objects.create(
        dialogue=dialogue,
        source=source,
        text=text,
        asker_name_enc=crypto.encrypt(name.strip()[:150]),
        asker_contact_enc=crypto.encrypt(contact.strip()[:200]),
    )


@transaction.atomic
def submit_question(
    *, actor: Any, dialogue: Dialogue, text: str, name: str = "", contact: str = ""
) -> DialogueQuestion:
    """A citizen sends a question in advance from the public page (actor may be anonymous)."""
    text = _clean_question(text)
    dialogue = Dialogue.objects.select_for_update(of=("self",)).select_related("unit").get(pk=dialogue.pk)
    if dialogue.state != DialogueState.ANNOUNCED:
        raise Refused(_("Hội nghị này không còn nhận câu hỏi gửi trước."))
    Dialogue.objects.filter(pk=dialogue.pk).update(questions_count=F("questions_count") + 1)
    question = _new_question(dialogue, QuestionSource.ADVANCE, text, name, contact)
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=question,
        unit=dialogue.unit,
        summary=f"Công dân gửi câu hỏi trước cho hội nghị đối thoại #{dialogue.pk}",
    )
    return question


def add_question(
    *, actor: Any, dialogue: Dialogue, text: str, name: str = "", contact: str = ""
) -> DialogueQuestion:
    """An officer records a question raised at the dialogue."""
    text = _clean_question(text)
    created: list[DialogueQuestion] = []

    def apply(locked: Dialogue) -> dict[str, Any]:
        locked.questions_count += 1
        created.append(_new_question(locked, QuestionSource.ON_SITE, text, name, contact))
        return {"question": [None, created[0].pk]}

    perform(
        DIALOGUE,
        "add_question",
        actor=actor,
        record=dialogue,
        apply=apply,
        summary=f"Ghi câu hỏi tại hội nghị đối thoại #{dialogue.pk}",
    )
    return created[0]


def answer_question(
    *, actor: Any, question: DialogueQuestion, answer: str, on_spot: bool = False
) -> DialogueQuestion:
    """Record (or correct) the answer to a question.

    "Answered at the meeting" only for an answer recorded at or after the dialogue's start: an answer
    written before the meeting was not given there (it would inflate the indicator).
    """
    answer = answer.strip()
    if not answer:
        raise Refused(_("Hãy nhập nội dung trả lời."), field="answer")
    answered: list[DialogueQuestion] = []

    def apply(locked: Dialogue) -> dict[str, Any]:
        now = clock.now()
        if on_spot and now < locked.starts_at:
            raise Refused(
                _(
                    "Hội nghị chưa bắt đầu (dự kiến %(start)s): câu trả lời ghi trước hội nghị không phải là "
                    "trả lời trực tiếp tại hội nghị. Hãy bỏ chọn ô “Trả lời trực tiếp tại hội nghị”."
                )
                % {"start": clock.local(locked.starts_at).strftime("%H:%M %d/%m/%Y")},
                field="on_spot",
            )
        q = DialogueQuestion.objects.select_for_update().filter(pk=question.pk, dialogue=locked).first()
        if q is None:
            raise Refused(_("Câu hỏi này không thuộc hội nghị."), field="question_id")
        before = {"answer": q.answer, "answered_on_spot": q.answered_on_spot}
        locked.answered_on_spot_count += int(on_spot) - int(q.answered_on_spot)
        q.answer = answer
        q.answered_on_spot = on_spot
        q.answered_at = now
        q.answered_by = user_or_none(actor)
        q.save()
        answered.append(q)
        return {f"question {q.pk}": audit.diff(before, {"answer": answer, "answered_on_spot": on_spot})}

    perform(
        DIALOGUE,
        "answer",
        actor=actor,
        record=question.dialogue_id,
        apply=apply,
        reason=f"Câu hỏi #{question.pk}" + (" (trả lời trực tiếp tại hội nghị)" if on_spot else ""),
        summary=f"Ghi trả lời câu hỏi #{question.pk}" + (" (trực tiếp tại hội nghị)" if on_spot else ""),
    )
    return answered[0]


@transaction.atomic
def reveal_asker(*, actor: Any, question: DialogueQuestion) -> tuple[str, str]:
    dialogue = question.dialogue
    if not can_view_identities(actor, dialogue.unit, dialogue.officer_id):
        raise PermissionDenied(
            _("Chỉ người đứng đầu đơn vị hoặc cán bộ phụ trách được xem danh tính người hỏi.")
        )
    identity = (crypto.decrypt(question.asker_name_enc), crypto.decrypt(question.asker_contact_enc))
    audit.record(
        actor=actor,
        action=AuditAction.VIEW_CONFIDENTIAL,
        obj=question,
        unit=dialogue.unit,
        summary=f"Xem danh tính người gửi câu hỏi #{question.pk}",
    )
    return identity
