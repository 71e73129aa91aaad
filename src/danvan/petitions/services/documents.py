"""Documents the body produces for a case (the official letters), attached to the petition like the
citizen's files and written on its timeline. Other modules (notifications) call `attach_document`; the
petitions tables are written only here."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.core import audit, crypto
from danvan.core.models import AuditAction
from danvan.core.uploads import CheckedFile, sniff
from danvan.core.workflow import history_row
from danvan.petitions import files
from danvan.petitions.models import Attachment, Petition, PetitionHistory
from danvan.petitions.workflow import WORKFLOW

#: the history action of a generated document (the timeline labels it "Tạo văn bản")
DOCUMENT_ACTION = "document"


def stored_file(
    item: CheckedFile, *, number: int, protected: bool, at: Any, written: list[str], shown: str = ""
) -> Attachment:
    """Write the checked file `item` (encrypted on disk when `protected`) and return its unsaved
    `Attachment` row. A protected petition's (a denunciation's) file is named neutrally ("tep-3.pdf", its
    `number`-th file), the name it was sent with kept only encrypted, and counts as identity-bearing;
    otherwise it is shown as `shown` (its own name by default). The file written is added to `written`,
    for the caller to remove should its transaction fail."""
    storage_name, digest = files.write(item, encrypt=protected)
    written.append(storage_name)
    return Attachment(
        original_name=f"tep-{number}{item.type.extension}" if protected else (shown or item.name),
        original_name_enc=crypto.encrypt(item.name) if protected else "",
        content_type=item.type.content_type,
        size=len(item.data),
        sha256=digest,
        storage_name=storage_name,
        is_encrypted=protected,
        is_identity=protected,
        uploaded_at=at,
    )


def attach_document(*, petition_id: int, name: str, data: bytes, note: str, actor: Any = None) -> Attachment:
    """Store `data` (a PDF the body generated) as an attachment of the petition, with a history row (not
    shown on the tracking page) and an audit row, in one transaction. A denunciation's documents are kept
    encrypted on disk like its other files."""
    kind = sniff(data[:16])
    if kind is None:
        raise ValueError("unsupported document type")
    with transaction.atomic():
        petition = Petition.objects.select_for_update().select_related("unit").get(pk=petition_id)
        encrypt = petition.is_confidential or petition.identity_protected
        storage_name, digest = files.write(CheckedFile(name=name, data=data, type=kind), encrypt=encrypt)
        try:
            attachment = Attachment.objects.create(
                petition=petition,
                original_name=name[:200],
                content_type=kind.content_type,
                size=len(data),
                sha256=digest,
                storage_name=storage_name,
                is_encrypted=encrypt,
                is_identity=False,
                uploaded_at=timezone.now(),
            )
            history_row(
                WORKFLOW,
                petition,
                actor=actor,
                action=DOCUMENT_ACTION,
                from_state=petition.state,
                to_state=petition.state,
                reason=note[:1000],
                is_public=False,
            ).save(force_insert=True)
            audit.record(
                actor=actor,
                action=AuditAction.CREATE,
                obj=petition,
                unit=petition.unit,
                summary=f"Đơn {petition.tracking_code}: {note}"[:300],
            )
        except Exception:
            files.remove(storage_name)
            raise
    return attachment


def petition_of(petition_id: int) -> Petition | None:
    """The petition a background job (a letter) works on, with its unit and field; None once deleted."""
    return Petition.objects.select_related("unit", "field").filter(pk=petition_id).first()


def last_move(petition_id: int, action: str) -> int | None:
    """The id of the newest history row of `action` on the petition (inside a move's transaction: that move)."""
    return (
        PetitionHistory.objects.filter(petition_id=petition_id, action=action)
        .order_by("-pk")
        .values_list("pk", flat=True)
        .first()
    )


def read_document(attachment: Attachment) -> bytes:
    """The bytes of a document the body generated (never an identity-bearing file: no audit needed)."""
    if attachment.is_identity:
        raise ValueError("not a generated document")
    return files.read(attachment.storage_name, encrypted=attachment.is_encrypted)
