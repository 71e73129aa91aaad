"""Turning a matter raised at a reception session, or a question raised at a dialogue, into a petition in
one step, through the petitions module's intake service (`danvan.petitions.services.submit_petition`,
channel "reception" or "dialogue"). The petition is linked back to the matter or question."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from danvan.core import audit, clock, crypto
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, perform
from danvan.engagement.models import Dialogue, DialogueQuestion, ReceptionMatter
from danvan.engagement.rulebook import RULEBOOK
from danvan.engagement.workflow import DIALOGUE

PETITION_KINDS = ("feedback", "proposal")


def available() -> bool:
    try:
        from danvan.petitions.services import submit_petition  # noqa: F401
    except ImportError:
        return False
    return True


def _title(text: str) -> str:
    first = re.split(r"(?<=[.?!])\s", text.strip(), maxsplit=1)[0]
    return first if len(first) <= 120 else first[:117].rstrip() + "…"


def _submit(*, actor: Any, channel: str, unit: Any, data: dict[str, Any]) -> Any:
    from danvan.petitions.services import IntakeError, submit_petition

    try:
        return submit_petition(actor=actor, channel=channel, data=data, unit=unit)
    except IntakeError as exc:
        problems = "; ".join(m for messages in exc.errors.values() for m in messages)
        raise Refused(_("Chưa chuyển được thành đơn thư: %(problems)s") % {"problems": problems}) from exc


@transaction.atomic
def matter_to_petition(*, actor: Any, matter: ReceptionMatter, kind: str = "proposal") -> Any:
    """The matter becomes a petition of the session's unit, received on the session's day."""
    RULEBOOK.require(actor, "matter_to_petition", matter.unit)
    matter = (
        ReceptionMatter.objects.select_for_update(of=("self",))
        .select_related("session", "unit", "citizen")
        .get(pk=matter.pk)
    )
    if matter.petition_id is not None:
        raise Refused(_("Vụ việc này đã được chuyển thành đơn thư."))
    if kind not in PETITION_KINDS:
        raise Refused(_("Chỉ chuyển nhanh phản ánh, kiến nghị; khiếu nại, tố cáo hãy lập đơn đầy đủ."))
    citizen = matter.citizen
    data: dict[str, Any] = {
        "kind": kind,
        "title": _title(matter.summary),
        "content": matter.summary,
        "place_code": matter.unit.code,
        "received_on": matter.session.date,
        "petitioner_name": crypto.decrypt(citizen.name_enc) if citizen else "",
        "petitioner_address": crypto.decrypt(citizen.address_enc) if citizen else "",
        "petitioner_phone": crypto.decrypt(citizen.phone_enc) if citizen else "",
        # The identity was encrypted at the session: it stays encrypted on the petition (#16 item 2).
        "protect_identity": True,
    }
    petition = _submit(actor=actor, channel="reception", unit=matter.unit, data=data)
    matter.petition = petition
    matter.save(update_fields=["petition"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=matter,
        unit=matter.unit,
        summary=f"Chuyển vụ việc tại buổi tiếp ngày {matter.session.date:%d/%m/%Y} thành đơn thư",
        changes={"petition": [None, petition.pk]},
    )
    return petition


def question_to_petition(*, actor: Any, question: DialogueQuestion, kind: str = "proposal") -> Any:
    """A dialogue question (usually one not settled on the spot) becomes a petition of the dialogue's unit.

    The question stays in the dialogue's public questions and answers with the petition's tracking code
    (its status and a link to the tracking page), so the citizen who asked can follow it.
    """
    if kind not in PETITION_KINDS:
        raise Refused(
            _("Chỉ chuyển nhanh phản ánh, kiến nghị; khiếu nại, tố cáo hãy lập đơn đầy đủ."), field="kind"
        )
    made: list[Any] = []

    def apply(dialogue: Dialogue) -> dict[str, Any]:
        q = DialogueQuestion.objects.select_for_update().filter(pk=question.pk, dialogue=dialogue).first()
        if q is None:
            raise Refused(_("Câu hỏi này không thuộc hội nghị."), field="question_id")
        if q.petition_id is not None:
            raise Refused(_("Câu hỏi này đã được chuyển thành đơn thư."))
        contact = crypto.decrypt(q.asker_contact_enc)
        data: dict[str, Any] = {
            "kind": kind,
            "title": _title(q.text),
            "content": q.text,
            "place_code": dialogue.unit.code,
            "received_on": dialogue.held_on or clock.local_date(q.submitted_at),
            "petitioner_name": crypto.decrypt(q.asker_name_enc),
            "petitioner_phone": contact if re.fullmatch(r"\+?[0-9 .]{8,15}", contact) else "",
            "petitioner_email": contact if "@" in contact else "",
            "protect_identity": True,
        }
        petition = _submit(actor=actor, channel="dialogue", unit=dialogue.unit, data=data)
        q.petition = petition
        # The citizen learns the code where the answers are read (staff page and public Q&A).
        note = _(
            "Câu hỏi đã được chuyển thành đơn thư, mã tra cứu %(code)s: theo dõi kết quả trên trang tra cứu đơn thư."
        ) % {"code": petition.tracking_code}
        q.answer = f"{q.answer}\n\n{note}" if q.answer else note
        if q.answered_at is None:
            q.answered_at = clock.now()
            q.answered_by = actor if getattr(actor, "is_authenticated", False) else None
        q.save(update_fields=["petition", "answer", "answered_at", "answered_by"])
        made.append(petition)
        return {f"question {q.pk}": {"petition": [None, petition.tracking_code]}}

    perform(
        DIALOGUE,
        "question_to_petition",
        actor=actor,
        record=question.dialogue_id,
        apply=apply,
        reason=f"Câu hỏi #{question.pk}",
        summary=f"Chuyển câu hỏi #{question.pk} của hội nghị đối thoại thành đơn thư",
    )
    return made[0]
