from __future__ import annotations

from django.core.cache import cache
from django.test import RequestFactory

from danvan.core import ratelimit


def test_hits_are_counted_per_client_and_form() -> None:
    cache.clear()
    request = RequestFactory().post("/", REMOTE_ADDR="203.0.113.7")
    key = ratelimit.client_key(request, "form-a")
    assert key != ratelimit.client_key(request, "form-b")
    assert [ratelimit.hit(key, 60) for _ in range(3)] == [1, 2, 3]
    assert ratelimit.exceeded(key, 3) and not ratelimit.exceeded(key, 4)


def test_another_client_has_its_own_counter() -> None:
    cache.clear()
    first = ratelimit.client_key(RequestFactory().get("/", REMOTE_ADDR="203.0.113.7"), "f")
    second = ratelimit.client_key(RequestFactory().get("/", REMOTE_ADDR="203.0.113.8"), "f")
    ratelimit.hit(first, 60)
    assert ratelimit.count(second) == 0
