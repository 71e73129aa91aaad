from __future__ import annotations

import random
from typing import Any

import pytest

from danvan.accounts import demo as accounts_demo
from danvan.core.registry import DemoContext, demo_loaders
from danvan.exemplars import demo
from danvan.exemplars.models import Contest, ContestStatus, Exemplar, Replication, Status

pytestmark = pytest.mark.django_db


class _Bar:
    def update(self, n: int) -> None:
        pass

    def close(self) -> None:
        pass


def test_the_demo_loader_fills_every_stage_of_the_movement_and_is_idempotent(
    settings: Any, tmp_path: Any
) -> None:
    settings.DATA_DIR = tmp_path
    assert ("exemplars", 40) in [(d.name, d.order) for d in demo_loaders()]
    ctx = DemoContext(size="small", rng=random.Random(1), progress=lambda desc, total: _Bar())
    accounts_demo.load(ctx)
    demo.load(ctx)
    statuses = set(Exemplar.objects.filter(is_demo=True).values_list("status", flat=True))
    assert {Status.DRAFT, Status.RECOGNISED} <= statuses and len(statuses) >= 4
    assert Replication.objects.filter(is_demo=True).exists()
    assert Contest.objects.get(is_demo=True).status == ContestStatus.PUBLISHED
    count = Exemplar.objects.count()
    demo.load(ctx)
    assert Exemplar.objects.count() == count
