from __future__ import annotations

import random
from typing import Any

import pytest

from danvan.conftest import Units
from danvan.core.registry import DemoContext, demo_loaders
from danvan.reporting import catalogue as cat
from danvan.reporting import demo
from danvan.reporting.models import (
    Conference,
    IndicatorSnapshot,
    ManualFigure,
    Period,
    Report,
    ReportStatus,
    Task,
)
from danvan.territory.models import AdminUnit

pytestmark = pytest.mark.django_db


class _Bar:
    def update(self, n: int = 1) -> None:
        return None


def test_the_demo_loader_builds_a_full_year_for_every_demo_province_and_is_idempotent(
    units: Units, root: Any
) -> None:
    assert any(loader.name == "reporting" and loader.order == 60 for loader in demo_loaders())
    provinces = [units.province, units.other_province]
    communes = [
        c for p in provinces for c in AdminUnit.objects.subtree(p).filter(level=2).order_by("code")[:3]
    ]
    ctx = DemoContext(size="small", rng=random.Random(1), progress=lambda desc, total: _Bar())
    ctx.data.update(
        units={"nation": [units.nation], "provinces": provinces, "communes": communes},
        key_units={"nation": units.nation, "province": units.province, "commune_a": units.commune_a,
                   "commune_b": units.commune_b},
        users={"demo-quantri": root},
    )  # fmt: skip
    demo.load(ctx)
    periods = list(Period.objects.filter(is_demo=True))
    assert len(periods) == 5 and sum(p.is_closed for p in periods) >= 2
    last_year = next(p for p in periods if p.kind == "annual" and p.is_closed)
    for province in provinces:
        assert Conference.objects.filter(unit=province).count() >= 2
        assert Report.objects.filter(unit=province, period=last_year, status=ReportStatus.ACCEPTED).exists()
    assert Task.objects.exists()
    # hand-entered figures only for indicators no module computes (a made-up "land" figure once exceeded
    # the petitions received: issue #15)
    manual = {i.code for i in cat.catalogue() if i.compute is None}
    assert set(ManualFigure.objects.values_list("indicator_code", flat=True)) <= manual
    assert IndicatorSnapshot.objects.filter(period=last_year).exists()
    counts = (Period.objects.count(), Report.objects.count(), Conference.objects.count())
    demo.load(ctx)
    assert (Period.objects.count(), Report.objects.count(), Conference.objects.count()) == counts
