from __future__ import annotations

from typing import Any

import pytest


@pytest.fixture
def fields(db: None) -> list[Any]:
    """The field taxonomy (seeded by the petitions migrations; re-created after a flush)."""
    from danvan.petitions.models import Field

    for order, (code, name) in enumerate([("dat_dai", "Đất đai"), ("khac", "Khác")]):
        Field.objects.get_or_create(code=code, defaults={"name": name, "order": order})
    return list(Field.objects.filter(is_active=True).order_by("order", "name"))
