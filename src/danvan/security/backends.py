"""Authentication: Django's ModelBackend with an audit row per attempt, behind django-axes.

django-axes (`AxesStandaloneBackend`, first in AUTHENTICATION_BACKENDS) counts failures per username in
the shared cache and refuses a locked username before the password is checked; this module gives it the
project's policy (limit, cool-off, case- and diacritic-insensitive usernames, the peer address) and the
Vietnamese lockout page. Failures per client address are counted with django-ratelimit in the same
cache: past DANVAN_LOCKOUT_IP_FAILURES in the window the address is refused for the rest of it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django_ratelimit.core import get_usage

from danvan.core import audit
from danvan.core.models import AuditAction
from danvan.core.text import fold

IP_GROUP = "danvan.login-failures-ip"


def failure_limit(request: HttpRequest | None = None, credentials: dict[str, Any] | None = None) -> int:
    return int(settings.DANVAN_LOCKOUT_USER_FAILURES)


def cool_off(request: HttpRequest | None = None) -> dt.timedelta:
    return dt.timedelta(seconds=int(settings.DANVAN_LOCKOUT_SECONDS))


def axes_username(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    """ "ALICE", "alice " and "Alice" are one account for the lockout."""
    raw = (credentials or {}).get("username")
    if raw is None and request is not None:
        raw = request.POST.get("username", "")
    return fold(str(raw or "")).strip()


def client_ip(request: HttpRequest | None) -> str:
    """The peer address. Behind a proxy, gunicorn's forwarded-allow-ips sets REMOTE_ADDR correctly."""
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", "") or "")


def _ip_rate() -> str:
    limit = int(settings.DANVAN_LOCKOUT_IP_FAILURES)
    window = int(settings.DANVAN_LOCKOUT_WINDOW_SECONDS)
    return f"{limit}/{window}s"


def _ip_failures(request: HttpRequest, *, count: bool) -> tuple[int, int]:
    """(failures of this address in the current window, seconds left in it), counting one if `count`."""
    usage = get_usage(request, group=IP_GROUP, key="ip", rate=_ip_rate(), increment=count)
    if usage is None:  # RATELIMIT_ENABLE off
        return 0, 0
    return int(usage["count"]), int(usage["time_left"])


def message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return (
        f"Đăng nhập sai quá nhiều lần nên tài khoản hoặc máy của bạn tạm bị khóa. "
        f"Hãy thử lại sau {minutes} phút, hoặc liên hệ quản trị viên để mở khóa."
    )


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """django-axes: the login page again, with the Vietnamese lockout message, status 429."""
    username = axes_username(request, credentials)
    _audit_failure(username, client_ip(request), "tài khoản đang bị khóa")
    from danvan.accounts.forms import LoginForm

    form = LoginForm(request, data=None, initial={"username": request.POST.get("username", "")})
    lock = message(int(cool_off(request).total_seconds()))
    return render(request, "accounts/login.html", {"form": form, "lockout": lock}, status=429)


class AuditedModelBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        if username is None or password is None or request is None:
            return super().authenticate(request, username=username, password=password, **kwargs)
        ip = client_ip(request)
        failures, left = _ip_failures(request, count=False)
        if failures >= int(settings.DANVAN_LOCKOUT_IP_FAILURES):
            _audit_failure(username, ip, "địa chỉ đang bị khóa")
            # Raised inside AuthenticationForm.clean(): shown to the user as a form error.
            raise ValidationError(message(left), code="locked")
        user = super().authenticate(request, username=username, password=password, **kwargs)
        if user is None:
            _ip_failures(request, count=True)
            _audit_failure(username, ip, "sai tên đăng nhập hoặc mật khẩu")
            return None
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
