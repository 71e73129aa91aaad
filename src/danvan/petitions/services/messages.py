"""Đơn thư: two-way messages by code (#17 item 5), between the handling body and the sender.

The citizen, a denunciator too, opens the thread from the tracking page with the tracking code and the
secret phrase the receipt showed once (`petitions.phrases`: stored only as a keyed digest), reads the
handler's questions, answers and adds documents (the petitions' own attachment checks and storage), and
downloads the thread's documents, the body's and her own (`citizen_document`, by links of the thread
session only: `views_messages`). The handler reads and writes from the case's page, with documents too.
Either side's documents are the case's attachments linked to their message (`Attachment.message`).

- Who on the officers' side: the rulebook's `message` (officers and heads whose scope reaches the
  handling unit; for a petition whose identity is protected, a denunciation, only those who may see that
  identity: the assigned handler and the head). Sending a message is the workflow action `message` (an
  edit that keeps the state: history row, audit row, the notifications hook); issuing a new phrase is
  `issue-phrase`.
- Identity: an officer's text goes through the identity detection of denunciations (`redaction`) for
  the sender's declared identity and for the officer's own name, and is stored as the citizen reads it;
  the citizen sees the body (unit), never the officer. Bodies are stored encrypted; a protected
  petition's documents are encrypted on disk under neutral names, like its intake attachments.
- Every read of the thread and every download of its documents by the citizen is audited
  (`view_confidential`): the citizen's (after code + phrase) and an officer's (the case page showing it,
  `open_attachment` for a protected file).
- The citizen's reply does not move the petition nor change its version (an officer's open form stays
  valid): one transaction writes the message, its documents, a history row (not public) and an audit row.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from danvan.core import audit, crypto
from danvan.core.models import AuditAction
from danvan.core.uploads import CheckedFile
from danvan.core.workflow import Refused, history_row, perform
from danvan.petitions import phrases
from danvan.petitions.models import Attachment, MessageAuthor, Petition, PetitionMessage
from danvan.petitions.rulebook import RULEBOOK
from danvan.petitions.services.identity import identity_of, redact
from danvan.petitions.services.intake import normalise_code
from danvan.petitions.workflow import WORKFLOW

logger = logging.getLogger(__name__)

MAX_BODY = 5000
_PRIVATE = {"is_public": False}

WRONG_PHRASE = _(
    "Mã hồ sơ hoặc cụm từ bí mật không đúng. Hãy kiểm tra lại mã hồ sơ (dạng DV-XXXX-XXXX-XXXX) và cụm từ "
    "bí mật (4 nhóm 4 ký tự) ghi trên giấy biên nhận. Nếu đã mất cụm từ bí mật, hãy liên hệ cơ quan giải "
    "quyết để được cấp cụm từ mới."
)


@dataclass(frozen=True)
class ThreadMessage:
    """A message as one side reads it."""

    id: int
    at: Any
    from_citizen: bool
    author: str  # "Người gửi đơn" or the body ("UBND xã Tân Thành"), never an officer's name
    officer: str  # the officer's name: on the officers' side only, empty for the citizen
    body: str
    attachments: tuple[Attachment, ...]
    unread: bool


def new_message_q() -> Exists:
    """Petitions with a citizen's message no officer has read yet (the list's "có tin nhắn mới")."""
    return Exists(
        PetitionMessage.objects.filter(
            petition=OuterRef("pk"), author=MessageAuthor.CITIZEN, read_at__isnull=True
        )
    )


def may_message(user: Any, petition: Petition) -> bool:
    return RULEBOOK.allows(user, "message", petition)


def _body_name(petition: Petition, unit: Any) -> str:
    from danvan.territory import naming

    return str(naming.competent_body(unit, petition.kind))


def _thread(petition: Petition, *, officers_side: bool) -> list[ThreadMessage]:
    rows = (
        PetitionMessage.objects.filter(petition=petition)
        .select_related("unit", "officer")
        .prefetch_related("attachments")
    )
    out = []
    for m in rows:
        from_citizen = m.author == MessageAuthor.CITIZEN
        officer = ""
        if officers_side and m.officer is not None:
            officer = m.officer.full_name or m.officer.get_username()
        out.append(
            ThreadMessage(
                id=m.pk,
                at=m.at,
                from_citizen=from_citizen,
                author=str(MessageAuthor.CITIZEN.label) if from_citizen else _body_name(petition, m.unit),
                officer=officer,
                body=m.body,
                attachments=tuple(m.attachments.all()),
                unread=m.read_at is None and (from_citizen == officers_side),
            )
        )
    return out


def _check_body_and_files(body: str, files: Sequence[UploadedFile], *, empty: Any) -> list[CheckedFile]:
    """The documents of a message checked like the intake's (type by content, size, count; Vietnamese
    messages); `Refused` on a bad file, a too long text, or neither text nor document."""
    from danvan.petitions import files as file_store

    if len(body) > MAX_BODY:
        raise Refused(
            _("Tin nhắn quá dài: tối đa %(n)s ký tự. Hãy rút gọn hoặc gửi thành nhiều tin.")
            % {"n": MAX_BODY},
            field="body",
        )
    checked, errors = file_store.check(list(files))
    if errors:
        raise Refused(" ".join(str(e) for e in errors), field="attachments")
    if not body and not checked:
        raise Refused(empty, field="body")
    return checked


def _store_documents(
    petition: Petition,
    message: PetitionMessage,
    checked: Sequence[CheckedFile],
    *,
    written: list[str],
    at: Any,
    name: Callable[[CheckedFile], str] | None = None,
) -> list[Attachment]:
    """Store the checked documents of `message` as the petition's attachments linked to it. A protected
    petition's (a denunciation's) are encrypted on disk under neutral names ("tep-3.pdf"), the name they
    were sent with kept only encrypted, and count as identity-bearing like its intake files. Each file
    written is added to `written`, for the caller to remove should the transaction fail. `name(item)`: the
    name of a file of an unprotected petition (its own by default)."""
    from danvan.petitions.services.documents import stored_file

    protected = petition.identity_protected
    first = petition.attachments.count() + 1
    stored = []
    for number, item in enumerate(checked, start=first):
        row = stored_file(
            item, number=number, protected=protected, at=at, written=written, shown=name(item) if name else ""
        )
        row.petition, row.message = petition, message
        row.original_name = row.original_name[:200]
        row.save()
        stored.append(row)
    return stored


def _remove(written: Sequence[str]) -> None:
    from danvan.petitions import files as file_store

    for name in written:
        file_store.remove(name)


# --- the citizen's side -------------------------------------------------------------------------------


def verify_phrase(*, code: str, phrase: str) -> int:
    """The petition's id when `phrase` is its secret phrase; `Refused` with one message whatever failed
    (no such code, no phrase issued, wrong phrase): the answer never tells whether the code exists."""
    found = (
        Petition.objects.filter(tracking_code=normalise_code(code))
        .values_list("pk", "message_phrase_hash")
        .first()
    )
    pk, stored = found if found is not None else (None, "")
    if not phrases.matches(phrase, stored) or pk is None:
        raise Refused(WRONG_PHRASE, field="phrase")
    return int(pk)


def citizen_read(*, petition_id: int) -> tuple[Petition, list[ThreadMessage]]:
    """The thread as the citizen reads it (after the code and the phrase were checked): audited, and the
    body's messages marked read."""
    with transaction.atomic():
        petition = Petition.objects.select_related("unit").get(pk=petition_id)
        thread = _thread(petition, officers_side=False)
        PetitionMessage.objects.filter(
            petition=petition, author=MessageAuthor.OFFICER, read_at__isnull=True
        ).update(read_at=timezone.now())
        audit.record(
            actor=None,
            action=AuditAction.VIEW_CONFIDENTIAL,
            obj=petition,
            unit=petition.unit,
            summary=f"Người gửi đơn đọc trao đổi của đơn {petition.tracking_code} (mã hồ sơ và cụm từ bí mật)",
        )
    return petition, thread


def citizen_reply(*, petition_id: int, body: str, files: Sequence[UploadedFile] = ()) -> PetitionMessage:
    """The citizen's answer, with documents (the intake's checks: type by content, size, count); raises
    `Refused` (nothing saved) on bad input."""
    body = body.strip()
    checked = _check_body_and_files(
        body, files, empty=_("Hãy viết nội dung tin nhắn hoặc đính kèm ít nhất một tài liệu.")
    )
    now = timezone.now()
    written: list[str] = []
    try:
        with transaction.atomic():
            petition = Petition.objects.select_related("unit").get(pk=petition_id)
            message = PetitionMessage.objects.create(
                petition=petition,
                author=MessageAuthor.CITIZEN,
                unit=petition.unit,
                body_enc=crypto.encrypt(body),
                at=now,
            )
            _store_documents(petition, message, checked, written=written, at=now)
            files_note = f" (kèm {len(checked)} tài liệu)" if checked else ""
            history_row(
                WORKFLOW,
                petition,
                actor=None,
                action="reply",
                from_state=petition.state,
                reason=f"Người gửi đơn gửi tin nhắn{files_note}",
                is_public=False,
            ).save()
            audit.record(
                actor=None,
                action=AuditAction.CREATE,
                obj=petition,
                unit=petition.unit,
                summary=f"Người gửi đơn gửi tin nhắn về đơn {petition.tracking_code}{files_note}",
                changes={"messages": [None, message.pk]},
            )
    except BaseException:
        _remove(written)
        raise
    return message


@dataclass(frozen=True)
class ThreadDocument:
    """A document of the thread as the citizen downloads it."""

    name: str  # neutral for a protected petition ("tep-3.pdf"): never the name it was sent with
    content_type: str
    data: bytes


def citizen_document(*, petition_id: int, attachment_id: int) -> ThreadDocument | None:
    """A document of a message of the thread (the citizen's own or the body's), for the citizen who opened
    the thread with the code and the phrase; None when `attachment_id` is not a document of this
    petition's thread (another petition's, or one sent with the petition itself). Every download is
    audited, like the thread's reads; a protected petition's document keeps its neutral name."""
    from danvan.petitions import files as file_store

    with transaction.atomic():
        item = (
            Attachment.objects.select_related("petition", "petition__unit", "message")
            .filter(pk=attachment_id, petition_id=petition_id, message__isnull=False)
            .first()
        )
        if item is None:
            return None
        data = file_store.read(item.storage_name, encrypted=item.is_encrypted)
        petition = item.petition
        from_citizen = item.message is not None and item.message.author == MessageAuthor.CITIZEN
        side = "người gửi đơn" if from_citizen else "cơ quan giải quyết"
        audit.record(
            actor=None,
            action=AuditAction.VIEW_CONFIDENTIAL,
            obj=petition,
            unit=petition.unit,
            summary=(
                f"Người gửi đơn tải tài liệu #{item.pk} (tin nhắn của {side}) trong trao đổi của đơn "
                f"{petition.tracking_code} (mã hồ sơ và cụm từ bí mật)"
            ),
        )
    return ThreadDocument(name=item.original_name, content_type=item.content_type, data=data)


# --- the officers' side -------------------------------------------------------------------------------


def officer_read(*, actor: Any, petition: Petition) -> list[ThreadMessage]:
    """The thread on the case's page for those who may write in it; audited when there is something to
    read, and the citizen's messages marked read (the list's badge goes)."""
    if not may_message(actor, petition):
        raise PermissionDenied(str(RULEBOOK.rule("message").condition_text))
    with transaction.atomic():
        thread = _thread(petition, officers_side=True)
        if thread:
            PetitionMessage.objects.filter(
                petition=petition, author=MessageAuthor.CITIZEN, read_at__isnull=True
            ).update(read_at=timezone.now())
            audit.record(
                actor=actor,
                action=AuditAction.VIEW_CONFIDENTIAL,
                obj=petition,
                unit=petition.unit,
                summary=f"Xem trao đổi với người gửi đơn {petition.tracking_code} ({len(thread)} tin nhắn)",
            )
    return thread


def officer_text(*, actor: Any, petition: Petition, body: str) -> str:
    """What the citizen will read of an officer's text: the sender's declared identity (a denunciator's,
    in case the phrase is ever in other hands) and the officer's own name, phones, e-mails, ID numbers
    blanked by the denunciations' identity detection."""
    text = redact(body, identity_of(petition))
    own = {"name": getattr(actor, "full_name", "") or "", "email": getattr(actor, "email", "") or ""}
    return redact(text, own)


def send_message(
    *,
    actor: Any,
    petition: Petition,
    body: str,
    files: Sequence[UploadedFile] = (),
    version: int | None = None,
) -> Petition:
    """The handler writes to the sender (a question, a request for documents, a document to read): the
    workflow action `message`, which keeps the state. Documents get the checks of the citizen's (type by
    content, size, count) before anything is written, and are stored as the case's attachments linked to
    the message in the message's transaction (encrypted under neutral names for a protected petition; an
    unprotected petition's under their name after the identity detection, like the text): a bad file or a
    refused move saves nothing, and files already written are removed. The sender who agreed to
    notifications is told there is a new message (never its content) by the notifications hook."""
    body = body.strip()
    checked = _check_body_and_files(
        body,
        files,
        empty=_("Hãy viết nội dung tin nhắn hoặc đính kèm ít nhất một tài liệu gửi người gửi đơn."),
    )
    now = timezone.now()
    written: list[str] = []
    files_note = f" (kèm {len(checked)} tài liệu)" if checked else ""

    def shown_name(p: Petition) -> Callable[[CheckedFile], str]:
        def name(item: CheckedFile) -> str:
            stem, dot, ext = item.name.rpartition(".")
            if not dot:
                stem, ext = ext, ""
            clean = officer_text(actor=actor, petition=p, body=stem).strip() or "tai-lieu"
            return f"{clean}.{ext}" if ext else clean

        return name

    def apply(p: Petition) -> dict[str, list[Any]]:
        text = officer_text(actor=actor, petition=p, body=body)
        message = PetitionMessage.objects.create(
            petition=p,
            author=MessageAuthor.OFFICER,
            officer=actor if getattr(actor, "is_authenticated", False) else None,
            unit=p.unit,
            body_enc=crypto.encrypt(text),
            at=now,
        )
        stored = _store_documents(p, message, checked, written=written, at=now, name=shown_name(p))
        p.message_redacted = text != body  # type: ignore[attr-defined]  # shown to the officer after sending
        changes: dict[str, list[Any]] = {"messages": [None, message.pk]}
        if stored:
            changes["attachments"] = [None, [a.pk for a in stored]]
        return changes

    try:
        return perform(
            WORKFLOW,
            "message",
            actor=actor,
            record=petition,
            version=version,
            reason=f"Gửi tin nhắn cho người gửi đơn{files_note}",
            apply=apply,
            extra=_PRIVATE,
            summary=f"Gửi tin nhắn cho người gửi đơn {petition.tracking_code}{files_note}",
        )
    except BaseException:
        _remove(written)
        raise


def issue_phrase(*, actor: Any, petition: Petition, version: int | None = None) -> Petition:
    """A new secret phrase (an older petition without one, or a lost phrase), to hand to the sender in
    person; the previous phrase stops working. The phrase is on the returned petition
    (`message_phrase`), shown once; only its digest is stored."""
    phrase = phrases.new()

    def apply(p: Petition) -> dict[str, list[Any]]:
        had = bool(p.message_phrase_hash)
        p.message_phrase_hash = phrases.digest(phrase)
        return {"message_phrase": ["đã có" if had else "chưa có", "cấp mới"]}

    done = perform(
        WORKFLOW,
        "issue-phrase",
        actor=actor,
        record=petition,
        version=version,
        reason="Cấp cụm từ bí mật mới để trao đổi",
        apply=apply,
        extra=_PRIVATE,
        summary=f"Cấp cụm từ bí mật mới cho đơn {petition.tracking_code}",
    )
    done.message_phrase = phrase
    return done


__all__ = [
    "MAX_BODY",
    "WRONG_PHRASE",
    "ThreadDocument",
    "ThreadMessage",
    "citizen_document",
    "citizen_read",
    "citizen_reply",
    "issue_phrase",
    "may_message",
    "new_message_q",
    "officer_read",
    "officer_text",
    "send_message",
    "verify_phrase",
]
