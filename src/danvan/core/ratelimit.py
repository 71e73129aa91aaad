"""Per-client counters in the cache (Redis when DANVAN_REDIS_URL is set): one mechanism for every
public form that must be rate-limited. `hit` is atomic (add + incr), so concurrent requests of one
client cannot slip through together."""

from __future__ import annotations

from django.core.cache import cache
from django.http import HttpRequest


def client_key(request: HttpRequest, scope: str) -> str:
    return f"ratelimit:{scope}:{request.META.get('REMOTE_ADDR') or 'unknown'}"


def hit(key: str, window_s: int) -> int:
    """Count one event for `key` in the current window; returns the count including this one."""
    cache.add(key, 0, window_s)
    try:
        return int(cache.incr(key))
    except ValueError:  # the key expired between add and incr
        cache.set(key, 1, window_s)
        return 1


def count(key: str) -> int:
    return int(cache.get(key, 0))


def exceeded(key: str, limit: int) -> bool:
    return count(key) >= limit
