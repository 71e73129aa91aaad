"""One-time enrolment codes for two-factor authentication, issued by an administrator.

`issue_code` returns the raw code once (only its digest is stored; a new code voids the user's earlier
unused ones); `check_code` validates a code typed on the setup page; `consume` spends it in the
transaction that confirms the device, so one code enrols at most one device.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from danvan.accounts.scoping import scope_for
from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.security.models import EnrolmentCode

ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I
GROUPS, GROUP_LEN = 4, 4  # 16 characters of 32: 80 bits
DEFAULT_HOURS = 72


class EnrolmentError(ValueError):
    """A wrong, spent or expired code, or a caller who may not issue one; the message is Vietnamese."""


def _digest(raw: str) -> str:
    return hashlib.sha256(normalise(raw).encode("ascii", "ignore")).hexdigest()


def normalise(raw: str) -> str:
    return "".join(ch for ch in (raw or "").upper() if ch in ALPHABET)


def _may_issue(actor: Any) -> bool:
    if actor is None:  # the `danvan security enrolment-code` command, run by the server's operator
        return True
    return bool(getattr(actor, "is_superuser", False) or scope_for(actor).is_admin)


@transaction.atomic
def issue_code(*, actor: Any, user: Any, hours: int = DEFAULT_HOURS) -> str:
    if not _may_issue(actor):
        raise EnrolmentError(gettext("Chỉ quản trị viên mới cấp được mã kích hoạt xác thực hai lớp."))
    if not 1 <= hours <= 24 * 14:
        raise EnrolmentError(gettext("Thời hạn của mã kích hoạt phải từ 1 giờ đến 14 ngày."))
    now = timezone.now()
    EnrolmentCode.objects.filter(user=user, used_at__isnull=True, expires_at__gt=now).update(expires_at=now)
    raw = "-".join("".join(secrets.choice(ALPHABET) for _ in range(GROUP_LEN)) for _ in range(GROUPS))
    code = EnrolmentCode.objects.create(
        user=user,
        digest=_digest(raw),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        created_at=now,
        expires_at=now + dt.timedelta(hours=hours),
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=user,
        summary=f"Cấp mã kích hoạt xác thực hai lớp (hiệu lực {hours} giờ)",
        changes={"enrolment_code": code.pk},
    )
    return raw


def check_code(*, user: Any, raw: str) -> EnrolmentCode:
    """The user's valid (unused, unexpired) code matching `raw`, or EnrolmentError."""
    if len(normalise(raw)) != GROUPS * GROUP_LEN:
        raise EnrolmentError(
            gettext(
                "Mã kích hoạt không đúng: mã gồm 16 chữ và số (ví dụ ABCD-EFGH-JKLM-NPQR) do quản trị viên cấp."
            )
        )
    code = EnrolmentCode.objects.filter(user=user, digest=_digest(raw)).first()
    if code is None:
        raise EnrolmentError(
            gettext("Mã kích hoạt không đúng. Hãy kiểm tra lại hoặc xin quản trị viên cấp mã mới.")
        )
    if code.used_at is not None:
        raise EnrolmentError(gettext("Mã kích hoạt này đã được dùng. Hãy xin quản trị viên cấp mã mới."))
    if code.expires_at <= timezone.now():
        raise EnrolmentError(gettext("Mã kích hoạt đã hết hạn. Hãy xin quản trị viên cấp mã mới."))
    return code


def consume(*, user: Any, code_id: int) -> EnrolmentCode:
    """Spend the code (inside the caller's transaction); EnrolmentError if it was spent meanwhile."""
    code = EnrolmentCode.objects.select_for_update().filter(pk=code_id, user=user).first()
    now = timezone.now()
    if code is None or code.used_at is not None or code.expires_at <= now:
        raise EnrolmentError(
            gettext("Mã kích hoạt đã được dùng hoặc đã hết hạn. Hãy xin quản trị viên cấp mã mới.")
        )
    code.used_at = now
    code.save(update_fields=["used_at"])
    return code
