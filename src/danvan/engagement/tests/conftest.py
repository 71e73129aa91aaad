"""Fixtures for the engagement tests."""

from __future__ import annotations

import pytest
from django.core.cache import cache


@pytest.fixture(autouse=True)
def _fresh_cache() -> None:
    cache.clear()  # the public question form's rate limit lives in the cache
