"""The authentication backend: Django's ModelBackend with lockout and an audit row per attempt."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.security import lockout


class LockoutModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None or password is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        ip = lockout.client_ip(request)
        left = lockout.locked_for(username, ip)
        if left:
            _audit_failure(username, ip, "tài khoản hoặc địa chỉ đang bị khóa")
            # Raised inside AuthenticationForm.clean(): shown to the user as a form error.
            raise ValidationError(lockout.message(left), code="locked")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            started = lockout.register_failure(username, ip)
            _audit_failure(username, ip, "sai tên đăng nhập hoặc mật khẩu")
            if started:
                raise ValidationError(lockout.message(started), code="locked")
            return None
        lockout.register_success(username)
        audit.record(
            actor=user,
            action=AuditAction.LOGIN,
            obj=user,
            summary="Đăng nhập bằng mật khẩu",
            changes={"ip": ip},
        )
        return user


def _audit_failure(username: str, ip: str, reason: str) -> None:
    audit.record(
        actor=None,
        action=AuditAction.LOGIN_FAILED,
        object_type="accounts.user",
        object_id=None,
        summary=f"Đăng nhập thất bại: {reason}",
        changes={"username": username[:150], "ip": ip},
    )
