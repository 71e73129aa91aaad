"""API authentication: per-client bearer tokens, or the web session (with its CSRF check on writes)."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja.security import HttpBearer
from ninja.security.session import SessionAuth

from danvan.accounts.scoping import scope_for
from danvan.api import tokens
from danvan.api.tokens import Principal


class TokenAuth(HttpBearer):
    openapi_description = "Khóa API: `Authorization: Bearer dv_…` (tạo bằng `danvan api token create`)."

    def authenticate(self, request: HttpRequest, token: str) -> Principal | None:
        principal = tokens.authenticate(token)
        if principal is not None:
            request.principal = principal  # type: ignore[attr-defined]
        return principal


class WebSession(SessionAuth):
    openapi_description = "Phiên đăng nhập trên web (cookie), kèm mã CSRF cho thao tác ghi."

    def authenticate(self, request: HttpRequest, key: str | None) -> Principal | None:
        user = request.user
        if not user.is_authenticated or not user.is_active:
            return None
        principal = Principal(actor=user, scope=scope_for(user), can_write=True)
        request.principal = principal  # type: ignore[attr-defined]
        return principal


# Mounted with every module's router (danvan.api.api); `core.apikit.principal(request)` reads the caller.
AUTH: list[Any] = [TokenAuth(), WebSession()]
