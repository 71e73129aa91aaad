"""Turning a matter raised at a reception session, or a question raised at a dialogue, into a petition in
one step, through the petitions module's intake service (`danvan.petitions.services.submit_petition`,
channel "reception" or "dialogue"). The petition is linked back to the matter or question."""

from __future__ import annotations

import re
from typing import Any

from django.db import transaction

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import audit, clock, crypto
from danvan.core.models import AuditAction
from danvan.engagement.models import DialogueQuestion, ReceptionMatter
from danvan.engagement.services import EngagementError

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
        raise EngagementError(f"Chưa chuyển được thành đơn thư: {problems}") from exc


@transaction.atomic
def matter_to_petition(*, actor: Any, matter: ReceptionMatter, kind: str = "proposal") -> Any:
    """The matter becomes a petition of the session's unit, received on the session's day."""
    scope_for(actor).require(matter.unit, ACT_ROLES)
    matter = (
        ReceptionMatter.objects.select_for_update(of=("self",))
        .select_related("session", "unit", "citizen")
        .get(pk=matter.pk)
    )
    if matter.petition_id is not None:
        raise EngagementError("Vụ việc này đã được chuyển thành đơn thư.")
    if kind not in PETITION_KINDS:
        raise EngagementError("Chỉ chuyển nhanh phản ánh, kiến nghị; khiếu nại, tố cáo hãy lập đơn đầy đủ.")
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


@transaction.atomic
def question_to_petition(*, actor: Any, question: DialogueQuestion, kind: str = "proposal") -> Any:
    """A dialogue question (usually one not settled on the spot) becomes a petition of the dialogue's unit."""
    question = (
        DialogueQuestion.objects.select_for_update(of=("self",))
        .select_related("dialogue", "dialogue__unit")
        .get(pk=question.pk)
    )
    unit = question.dialogue.unit
    scope_for(actor).require(unit, ACT_ROLES)
    if question.petition_id is not None:
        raise EngagementError("Câu hỏi này đã được chuyển thành đơn thư.")
    if kind not in PETITION_KINDS:
        raise EngagementError("Chỉ chuyển nhanh phản ánh, kiến nghị; khiếu nại, tố cáo hãy lập đơn đầy đủ.")
    contact = crypto.decrypt(question.asker_contact_enc)
    data: dict[str, Any] = {
        "kind": kind,
        "title": _title(question.text),
        "content": question.text,
        "place_code": unit.code,
        "received_on": question.dialogue.held_on or clock.local_date(question.submitted_at),
        "petitioner_name": crypto.decrypt(question.asker_name_enc),
        "petitioner_phone": contact if re.fullmatch(r"\+?[0-9 .]{8,15}", contact) else "",
        "petitioner_email": contact if "@" in contact else "",
        "protect_identity": True,
    }
    petition = _submit(actor=actor, channel="dialogue", unit=unit, data=data)
    question.petition = petition
    question.save(update_fields=["petition"])
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=question,
        unit=unit,
        summary=f"Chuyển câu hỏi #{question.pk} của hội nghị đối thoại thành đơn thư",
        changes={"petition": [None, petition.pk]},
    )
    return petition
