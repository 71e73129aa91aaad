"""Lockout after repeated failed logins, per username and per client IP, kept in the cache.

A username is locked after `DANVAN_LOCKOUT_USER_FAILURES` failures within the window, an IP after
`DANVAN_LOCKOUT_IP_FAILURES`; while locked, even the right password is refused with a clear message.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest

from danvan.core.text import fold


@dataclass(frozen=True)
class Policy:
    user_failures: int
    ip_failures: int
    window_s: int
    lock_s: int


def policy() -> Policy:
    return Policy(
        user_failures=settings.DANVAN_LOCKOUT_USER_FAILURES,
        ip_failures=settings.DANVAN_LOCKOUT_IP_FAILURES,
        window_s=settings.DANVAN_LOCKOUT_WINDOW_SECONDS,
        lock_s=settings.DANVAN_LOCKOUT_SECONDS,
    )


def client_ip(request: HttpRequest | None) -> str:
    """The peer address. Behind a proxy, gunicorn's forwarded-allow-ips sets REMOTE_ADDR correctly."""
    if request is None:
        return ""
    return str(request.META.get("REMOTE_ADDR", "") or "")


def _key(kind: str, value: str) -> str:
    digest = hashlib.sha256(value.encode("utf-8")).hexdigest()[:32]
    return f"danvan:lockout:{kind}:{digest}"


def _norm_username(username: str) -> str:
    return fold(username or "").strip()


def _keys(username: str, ip: str) -> list[tuple[str, int]]:
    pol = policy()
    keys = [(_key("user", _norm_username(username)), pol.user_failures)]
    if ip:
        keys.append((_key("ip", ip), pol.ip_failures))
    return keys


def locked_for(username: str, ip: str) -> int:
    """Seconds left on a lock that applies to this username or IP (0 if none)."""
    now = time.time()
    left = 0.0
    for key, _limit in _keys(username, ip):
        until = cache.get(key + ":until")
        if until and float(until) > now:
            left = max(left, float(until) - now)
    return int(left + 0.999)


def register_failure(username: str, ip: str) -> int:
    """Count one failure; returns the seconds of a lock this failure started or extended (0 if none)."""
    pol = policy()
    started = 0
    for key, limit in _keys(username, ip):
        cache.add(key, 0, pol.window_s)
        try:
            count = cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, pol.window_s)
            count = 1
        if count >= limit:
            cache.set(key + ":until", time.time() + pol.lock_s, pol.lock_s)
            started = pol.lock_s
    return started


def register_success(username: str) -> None:
    key = _key("user", _norm_username(username))
    cache.delete_many([key, key + ":until"])


def unlock(username: str = "", ip: str = "") -> None:
    for key, _limit in _keys(username, ip):
        cache.delete_many([key, key + ":until"])


def message(seconds: int) -> str:
    minutes = max(1, (seconds + 59) // 60)
    return (
        f"Đăng nhập sai quá nhiều lần nên tài khoản hoặc máy của bạn tạm bị khóa. "
        f"Hãy thử lại sau {minutes} phút, hoặc liên hệ quản trị viên để mở khóa."
    )
