"""The official letters attached to the case and sent with the e-mail of the move they belong to.

A move that calls for a letter (acceptance, refusal, transfer, extension, answer) queues, after its
transaction commits, the task `letter_tasks.attach_letter`: the letter is built as PDF (`letters.build_pdf`,
from the administrator's letter template or the built-in text), stored as an attachment of the petition
and written on its timeline (`petitions.services.documents.attach_document`), and remembered as a
`CaseLetter` of that move. The e-mail telling the citizen of the move names the letter in its outbox
context (`letter`, `move`); the sender attaches the stored PDF, building it first if the task has not run
yet (whichever comes first builds it, once: `CaseLetter.move` is unique). SMS never carries it. A
denunciation's letters name no one and carry no reason nor answer (`letters`), like its messages.
"""

from __future__ import annotations

import logging
from typing import Any

from django.db import IntegrityError, transaction

from danvan.core.workflow import Moved
from danvan.notifications.letter_models import CaseLetter

logger = logging.getLogger(__name__)

#: move → letter
LETTER_OF_ACTION = {
    "accept": "acceptance",
    "refuse": "refusal",
    "transfer": "transfer",
    "extend": "extension",
    "resolve": "answer",
}
#: letter → file name stem (ASCII, the case code follows)
FILE_STEMS = {
    "acceptance": "thong-bao-thu-ly",
    "refusal": "thong-bao-khong-thu-ly",
    "transfer": "phieu-chuyen-don",
    "extension": "thong-bao-gia-han",
    "answer": "van-ban-tra-loi",
}
TITLES = {
    "acceptance": "Thông báo thụ lý",
    "refusal": "Thông báo không thụ lý",
    "transfer": "Phiếu chuyển đơn",
    "extension": "Thông báo gia hạn",
    "answer": "Văn bản trả lời",
}


def letter_of(moved: Moved) -> tuple[str, int] | None:
    """(letter kind, id of the move's history row) when the move calls for a letter, inside its transaction.
    The workflow kit gives the history row (`Moved.history_id`); only a move announced without it costs a
    query (both hooks of a move ask: until 03/12/2026 each read it, two queries per notified move)."""
    kind = LETTER_OF_ACTION.get(moved.action)
    if kind is None:
        return None
    if moved.history_id is not None:
        return kind, moved.history_id
    from danvan.petitions.services import last_move

    move = last_move(moved.record.pk, moved.action)
    return None if move is None else (kind, move)


def file_name(kind: str, code: str) -> str:
    return f"{FILE_STEMS[kind]}-{code}.pdf"


def attach(petition_id: int, kind: str, move: int) -> CaseLetter | None:
    """The letter of `move`, built and attached once (None: the petition is gone)."""
    found = CaseLetter.objects.filter(move=move).select_related("attachment").first()
    if found is not None:
        return found
    from danvan.notifications.letters import build_pdf
    from danvan.petitions.services import attach_document, petition_of

    petition = petition_of(petition_id)
    if petition is None:
        return None
    pdf = build_pdf(petition, kind)
    try:
        with transaction.atomic():
            attachment = attach_document(
                petition_id=petition_id,
                name=file_name(kind, petition.tracking_code),
                data=pdf,
                note=f"{TITLES[kind]} (PDF) đã được tạo và lưu vào hồ sơ",
            )
            return CaseLetter.objects.create(
                petition_id=petition_id, kind=kind, move=move, attachment=attachment
            )
    except IntegrityError:  # built meanwhile by the other path (the task or the e-mail): take that one
        return CaseLetter.objects.select_related("attachment").get(move=move)


def mail_attachment(context: dict[str, Any], case_label: str, case_id: str) -> tuple[str, bytes, str] | None:
    """The PDF an e-mail of the outbox carries: the letter of the move it tells of (built if needed)."""
    kind, move = context.get("letter"), context.get("move")
    if case_label != "petitions.petition" or kind not in FILE_STEMS or not isinstance(move, int):
        return None
    letter = attach(int(case_id), str(kind), move)
    if letter is None:
        return None
    from danvan.petitions.services import read_document

    data = read_document(letter.attachment)
    return letter.attachment.original_name, data, "application/pdf"
