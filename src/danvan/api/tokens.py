"""Creating, checking and revoking API tokens; building the token's scope from its unit."""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from danvan.accounts.models import Role, User
from danvan.accounts.scoping import Grant, Scope
from danvan.api.models import ApiToken, TokenScope
from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.territory.models import AdminUnit

TOKEN_PREFIX = "dv_"
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)  # write last_used_at at most once a minute per token


class TokenError(ValueError):
    """Bad input when creating a token; the message is Vietnamese and says how to fix it."""


@dataclass(frozen=True)
class Principal:
    """Who calls the API: a token's service account or a web session user, with the scope that applies."""

    actor: Any
    scope: Scope
    can_write: bool
    token: ApiToken | None = None


def digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


def token_scope(token: ApiToken) -> Scope:
    """The same Scope as a web user holding one role at the token's unit (read: supervisor)."""
    role = Role.OFFICER if token.scope == TokenScope.WRITE else Role.SUPERVISOR
    grant = Grant(path=token.unit.path, role=str(role), unit_id=token.unit_id)
    return Scope(user_id=token.account_id, is_admin=False, grants=(grant,))


@transaction.atomic
def create_token(
    *, actor: Any, name: str, unit: AdminUnit, scope: str, portal_intake: bool = False
) -> tuple[ApiToken, str]:
    """Create a token; returns it with the raw secret, which is shown once and never stored.

    A write token files petitions only about places inside its unit's subtree; `portal_intake` issues the
    token of a citizens' portal, which may file about any place (the petition is routed to its unit)."""
    name = (name or "").strip()
    if not name:
        raise TokenError("Hãy đặt tên cho khóa API (tên ứng dụng sẽ dùng khóa).")
    if len(name) > 120:
        raise TokenError("Tên khóa API dài quá 120 ký tự. Hãy rút gọn.")
    if scope not in TokenScope.values:
        raise TokenError("Quyền của khóa phải là 'read' (chỉ đọc) hoặc 'write' (đọc và ghi).")
    if portal_intake and scope != TokenScope.WRITE:
        raise TokenError("Khóa tiếp nhận của cổng thông tin phải có quyền 'write' (gửi đơn).")
    prefix = secrets.token_hex(4)
    raw = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    account = User(
        username=f"api-{prefix}",
        full_name=f"Ứng dụng: {name}"[:150],
        title="Tài khoản dịch vụ API",
        is_active=True,
    )
    account.set_unusable_password()
    account.save()
    token = ApiToken.objects.create(
        name=name,
        unit=unit,
        scope=scope,
        portal_intake=portal_intake,
        prefix=prefix,
        digest=digest(raw),
        account=account,
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
        created_at=timezone.now(),
    )
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=token,
        unit=unit,
        summary=f"Tạo khóa API {name} ({token.get_scope_display()})",
        changes={
            "name": name,
            "scope": scope,
            "unit": unit.code,
            "prefix": prefix,
            "portal_intake": portal_intake,
        },
    )
    return token, raw


@transaction.atomic
def revoke_token(*, actor: Any, token: ApiToken) -> ApiToken:
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.revoked_at is not None:
        return token
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    User.objects.filter(pk=token.account_id).update(is_active=False)
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        obj=token,
        unit=token.unit,
        summary=f"Thu hồi khóa API {token.name}",
        changes={"revoked_at": [None, token.revoked_at.isoformat()]},
    )
    return token


def authenticate(raw: str) -> Principal | None:
    """The principal for a raw token, or None if it is unknown, malformed or revoked."""
    raw = (raw or "").strip()
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    token = (
        ApiToken.objects.select_related("unit", "account")
        .filter(digest=digest(raw), revoked_at__isnull=True)
        .first()
    )
    if token is None or not secrets.compare_digest(token.digest, digest(raw)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now
    scope = token_scope(token)
    actor = token.account
    setattr(actor, "_danvan_scope", scope)  # noqa: B010 - scope_for(actor) returns the token's scope
    return Principal(actor=actor, scope=scope, can_write=token.can_write, token=token)
