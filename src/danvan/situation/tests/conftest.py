"""Fixtures for the situation tests: a collaborator of commune A (Cường), topics by code."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache

from danvan.conftest import make_user


@pytest.fixture(autouse=True)
def _clear_cache(db: None) -> None:
    cache.clear()  # the shared cache (rate limits) is a database table


@pytest.fixture
def cuong(units: Any) -> Any:
    """A public-opinion collaborator of commune A."""
    return make_user("cuong", units.commune_a, "collaborator")


@pytest.fixture
def topic(db: None) -> Any:
    from danvan.situation.models import Topic

    return {t.code: t for t in Topic.objects.all()}
