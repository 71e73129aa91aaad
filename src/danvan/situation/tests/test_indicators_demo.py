"""The module's indicators and its demo loader (every record kind in every state; runs twice)."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

import pytest

from danvan.core import clock
from danvan.core.registry import DemoContext
from danvan.reporting.registry import get_indicator
from danvan.situation import demo, services
from danvan.situation.models import Brief, Hotspot, Poll, RiseAlert, SituationReport

pytestmark = pytest.mark.django_db


class _Bar:
    def update(self, n: int) -> None: ...

    def close(self) -> None: ...


def test_the_demo_has_every_state_and_is_idempotent(units: Any, root: Any, cuong: Any) -> None:
    ctx = DemoContext(
        size="small",
        rng=random.Random(1),
        progress=lambda desc, total: _Bar(),
        data={
            "key_units": {"commune_a": units.commune_a},
            "units": {"communes": []},
            "users": {"demo-quantri": root, "demo-congtacvien": cuong},
        },
    )
    demo.load(ctx)
    demo.load(ctx)
    assert set(SituationReport.objects.values_list("state", flat=True)) == {
        "submitted",
        "returned",
        "forwarded",
    }
    assert SituationReport.objects.filter(is_late=True).exists()
    assert set(Hotspot.objects.values_list("state", flat=True)) == {"open", "escalated", "closed"}
    assert RiseAlert.objects.filter(state="answered").exists()
    assert set(Poll.objects.values_list("state", flat=True)) == {"open", "closed"}
    assert Brief.objects.get().state == "sent"
    assert SituationReport.objects.count() == 3


def test_the_indicators_count_reports_on_time_hotspots_polls_and_rising_issues_answered(
    units: Any, root: Any, cuong: Any, topic: Any
) -> None:
    ctx = DemoContext(
        size="small", rng=random.Random(2), progress=lambda d, t: _Bar(),
        data={"key_units": {"commune_a": units.commune_a}, "units": {"communes": []}, "users": {"demo-quantri": root, "demo-congtacvien": cuong}},
    )  # fmt: skip
    demo.load(ctx)
    start, end = clock.today() - dt.timedelta(days=90), clock.today() + dt.timedelta(days=30)

    def figure(code: str) -> list[Any]:
        indicator = get_indicator(code)
        assert indicator is not None and indicator.compute is not None
        return list(indicator.compute(start, end))

    assert sum(f.numerator for f in figure("situation.hotspots_opened")) == 3
    assert sum(f.numerator for f in figure("situation.hotspots_closed")) == 1
    assert sum(f.numerator for f in figure("situation.polls_run")) == 2
    assert sum(f.numerator for f in figure("situation.poll_responses")) == 12
    answered = figure("situation.rising_answered")
    assert sum(f.denominator for f in answered) >= 1 and sum(f.numerator for f in answered) >= 1
    on_time = figure("situation.reports_on_time")
    assert sum(f.denominator for f in on_time) >= 1 and sum(f.numerator for f in on_time) < sum(
        f.denominator for f in on_time
    )
    assert figure("situation.hotspot_days_to_close_max")[0].numerator == 0.0
    assert services.thresholds(2).baseline_weeks == 26


def test_the_counted_indicators_give_the_figures_of_their_recount_over_the_demo(
    units: Any, root: Any, cuong: Any, topic: Any
) -> None:
    from danvan.reporting import counts
    from danvan.reporting.registry import indicators

    ctx = DemoContext(
        size="small", rng=random.Random(3), progress=lambda d, t: _Bar(),
        data={"key_units": {"commune_a": units.commune_a}, "units": {"communes": []}, "users": {"demo-quantri": root, "demo-congtacvien": cuong}},
    )  # fmt: skip
    demo.load(ctx)
    Hotspot.objects.filter(state="closed").update(opened_on=clock.today() - dt.timedelta(days=120))
    assert counts.mismatches() == []
    today = clock.today()
    checked = [i for i in indicators() if i.module == "situation" and i.compute and i.recount]
    assert len(checked) >= 7
    for start, end in (
        (today - dt.timedelta(days=90), today + dt.timedelta(days=30)),
        (dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)),
        (today, today),
        (today - dt.timedelta(days=400), today + dt.timedelta(days=400)),
    ):
        for indicator in checked:
            assert indicator.compute is not None and indicator.recount is not None
            ours = sorted((f.unit_id, f.numerator, f.denominator) for f in indicator.compute(start, end))
            raw = sorted((f.unit_id, f.numerator, f.denominator) for f in indicator.recount(start, end))
            assert ours == raw, (indicator.code, start, end)
