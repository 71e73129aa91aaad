"""Đơn thư: who sees a sender's identity and confidential files; every view audited; key rotation."""

from __future__ import annotations

import logging
from typing import Any

from django.utils.translation import gettext as _

from danvan.accounts.models import Role
from danvan.accounts.scoping import scope_for
from danvan.core import audit, crypto
from danvan.core.models import AuditAction
from danvan.petitions import files
from danvan.petitions.models import (
    Attachment,
    Petition,
)
from danvan.petitions.rulebook import sees_identity
from danvan.petitions.services.identity import identity_keys, identity_of

logger = logging.getLogger(__name__)


# --- confidentiality -----------------------------------------------------------------------------


def is_unit_head(user: Any, petition: Petition) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return any(g.role == Role.UNIT_HEAD and g.unit_id == petition.unit_id for g in scope_for(user).grants)


def can_see_identity(user: Any, petition: Petition) -> bool:
    """Who sees the sender's identity and the original texts (the rule is `rulebook.sees_identity`, where
    the two-way messages' rule reads it too)."""
    return sees_identity(user, petition)


def reveal_identity(*, actor: Any, petition: Petition) -> dict[str, str]:
    """The sender's identity (and a protected petition's original texts) for an authorised user; every
    view of a protected identity or of an ID number is written to the audit log."""
    if not can_see_identity(actor, petition):
        from django.core.exceptions import PermissionDenied

        if petition.is_confidential:
            raise PermissionDenied(
                _(
                    "Chỉ cán bộ thụ lý được phân công và người đứng đầu đơn vị được xem danh tính người tố cáo."
                )
            )
        raise PermissionDenied(
            _("Danh tính người gửi được bảo mật: chỉ cán bộ của đơn vị giải quyết được xem.")
        )
    identity = identity_of(petition)
    if petition.identity_protected or petition.petitioner_id_enc:
        audit.record(
            actor=actor,
            action=AuditAction.VIEW_CONFIDENTIAL,
            obj=petition,
            unit=petition.unit,
            summary=(
                f"Xem danh tính người tố cáo của đơn {petition.tracking_code}"
                if petition.is_confidential
                else f"Xem danh tính người gửi đơn {petition.tracking_code}"
            ),
        )
    return identity


def assignable_handlers(petition: Petition) -> list[Any]:
    """The officers and heads of the handling unit: who may be assigned as handler."""
    from danvan.accounts.models import User

    return list(
        User.objects.filter(
            is_active=True,
            roles__unit_id=petition.unit_id,
            roles__role__in=(Role.OFFICER, Role.UNIT_HEAD),
        )
        .distinct()
        .order_by("full_name", "username")
    )


def handlers_for_head(user: Any) -> Any:
    """The officers and heads of the units `user` heads: whom she may assign petitions to (a queryset)."""
    from danvan.accounts.models import User

    if not getattr(user, "is_authenticated", False):
        return User.objects.none()
    units = [g.unit_id for g in scope_for(user).grants if g.role == Role.UNIT_HEAD]
    return (
        User.objects.filter(
            is_active=True, roles__unit_id__in=units, roles__role__in=(Role.OFFICER, Role.UNIT_HEAD)
        )
        .distinct()
        .order_by("full_name", "username")
    )


def open_attachment(*, actor: Any, attachment: Attachment) -> bytes:
    """The bytes of an attachment; identity-bearing ones only for authorised users, audited."""
    petition = attachment.petition
    if attachment.is_identity and not can_see_identity(actor, petition):
        from django.core.exceptions import PermissionDenied

        raise PermissionDenied(_("Tệp này có thông tin danh tính người tố cáo: bạn không có quyền xem."))
    data = files.read(attachment.storage_name, encrypted=attachment.is_encrypted)
    if attachment.is_identity or attachment.original_name_enc:
        audit.record(
            actor=actor,
            action=AuditAction.VIEW_CONFIDENTIAL,
            obj=petition,
            unit=petition.unit,
            summary=f"Mở tệp mật #{attachment.pk} của đơn {petition.tracking_code}",
        )
    return data


def attachment_name(attachment: Attachment) -> str:
    """The name the file was sent with (decrypted for an identity-bearing file). Callers show it only to
    someone who may see the identity, in a view that is audited (`reveal_identity`, `open_attachment`)."""
    if attachment.original_name_enc:
        return crypto.decrypt(attachment.original_name_enc)
    return attachment.original_name


def rotate_keys() -> tuple[int, int]:
    """Re-encrypt identities and confidential files with the newest key; returns (rows, files)."""
    rows = 0
    for petition in Petition.objects.exclude(identity_enc="").only("pk", "identity_enc").iterator():
        Petition.objects.filter(pk=petition.pk).update(identity_enc=crypto.rotate(petition.identity_enc))
        rows += 1
    # The blind indexes are keyed by the newest key too: recompute them.
    for petition in Petition.objects.only(
        "pk",
        "identity_enc",
        "petitioner_name",
        "petitioner_phone",
        "petitioner_email",
        "petitioner_address",
        "petitioner_id_enc",
    ).iterator():
        identity = identity_of(petition)
        Petition.objects.filter(pk=petition.pk).update(
            **dict(
                zip(
                    ("petitioner_name_key", "petitioner_phone_key"),
                    identity_keys(identity.get("name", ""), identity.get("phone", "")),
                    strict=True,
                )
            )
        )
    count = 0
    for attachment in Attachment.objects.filter(is_encrypted=True).only(
        "pk", "storage_name", "original_name_enc"
    ):
        files.rewrite_encrypted(attachment.storage_name)
        if attachment.original_name_enc:
            Attachment.objects.filter(pk=attachment.pk).update(
                original_name_enc=crypto.rotate(attachment.original_name_enc)
            )
        count += 1
    audit.record(
        actor=None,
        action=AuditAction.UPDATE,
        object_type="petitions.keys",
        object_id="rotate",
        summary=f"Xoay khóa mã hóa: {rows} đơn, {count} tệp",
    )
    return rows, count
