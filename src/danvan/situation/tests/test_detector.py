"""The rise detector: the engine on arrays, the weekly run on the ledger, figures on planted rises."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

import numpy as np
import pytest

from danvan.conftest import client_for
from danvan.core import clock
from danvan.core.workflow import NotPermitted, Refused
from danvan.situation import detector, services, tasks
from danvan.situation.models import RiseAlert, Signal
from danvan.situation.periods import week_start
from danvan_devtools.situation_series import generate, measure


def test_a_series_that_jumps_far_above_its_own_baseline_is_a_rise() -> None:
    quiet = [0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 9]
    busy = [8, 10, 9, 11, 10, 9, 8, 12, 10, 9, 11, 10, 13]
    counts = np.array([quiet, busy])
    rises, base, p = detector.detect(counts, detector.Thresholds(baseline_weeks=12), last_only=True)
    assert rises[:, 0].tolist() == [True, False]
    # the week just before is left out of the baseline (guard week): 3 signals in the 11 weeks before it
    assert base[0, 0] == pytest.approx(3 / 11) and p[0, 0] < 1e-4


def test_a_week_without_enough_history_is_never_a_rise() -> None:
    rises, _base, _p = detector.detect(np.array([[0, 0, 20]]), detector.Thresholds(baseline_weeks=12))
    assert not rises.any()


def test_eight_weeks_of_history_are_enough_to_be_tested() -> None:
    young = [0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 7]
    rises, _base, _p = detector.detect(np.array([young]), detector.Thresholds(), last_only=True)
    assert rises[0, 0]
    too_young = [0, 0, 1, 0, 0, 0, 0, 7]
    rises, _base, _p = detector.detect(np.array([too_young]), detector.Thresholds(), last_only=True)
    assert not rises[0, 0]


def test_a_quiet_series_going_from_nothing_to_three_signals_stays_quiet() -> None:
    rises, _base, _p = detector.detect(np.array([[0] * 20 + [3]]), detector.Thresholds(), last_only=True)
    assert not rises.any()


def test_three_weeks_each_a_little_high_are_a_gradual_rise_found_by_the_ewma_only() -> None:
    gradual = [1, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 1, 0, 0, 0, 1, 0, 0, 3, 3, 3]
    counts = np.array([gradual])
    assert detector.detect(counts, detector.Thresholds(), last_only=True)[0][0, 0]
    assert not detector.detect(counts, detector.Thresholds(gradual=False), last_only=True)[0][0, 0]


def test_planted_rises_are_found_with_the_measured_precision_recall_and_delay() -> None:
    planted = generate(2000, 104, seed=3)
    m = measure(planted, detector.Thresholds())
    assert m.planted > 20
    assert m.precision >= 0.8 and m.recall >= 0.6 and m.delay_max <= 3
    single_week_only = measure(planted, detector.Thresholds(gradual=False))
    assert m.recall > single_week_only.recall


@pytest.mark.slow
def test_the_national_run_takes_less_than_ten_seconds() -> None:
    counts = generate(3321 * 12, 104, seed=1).counts
    started = time.perf_counter()
    detector.detect(counts, detector.Thresholds())
    assert time.perf_counter() - started < 10


def _signals(unit: Any, province: Any, topic: Any, per_week: list[int]) -> None:
    last = week_start(clock.today()) - dt.timedelta(days=7)
    n = 0
    rows = []
    for back, count in enumerate(reversed(per_week)):
        monday = last - dt.timedelta(days=7 * back)
        for _ in range(count):
            n += 1
            rows.append(
                Signal(
                    source="petition",
                    source_id=n,
                    page_id=n,
                    topic=topic,
                    unit=unit,
                    province=province,
                    on=monday,
                )
            )
    Signal.objects.bulk_create(rows)


@pytest.mark.django_db
def test_the_weekly_task_raises_one_alert_for_the_officer_of_the_commune(
    units: Any, topic: Any, alice: Any, bob: Any
) -> None:
    _signals(units.commune_a, units.province, topic["moi_truong"], [0] * 26 + [9])
    result = tasks.detect_rises.call()
    assert result["detected"]["commune_alerts"] == 1 and result["detected"]["province_alerts"] == 1
    alert = RiseAlert.objects.get(unit=units.commune_a)
    assert (alert.unit, alert.topic, alert.count) == (units.commune_a, topic["moi_truong"], 9)
    services.run_detection()  # the same week again: still one row
    assert RiseAlert.objects.count() == 2  # the commune series and the province series
    dashboard = client_for(alice).get("/dashboard/").content.decode()
    assert 'data-testid="card-situation"' in dashboard and "Môi trường, ô nhiễm" in dashboard
    assert client_for(alice).get(f"/situation/canh-bao/{alert.pk}/").status_code == 200
    assert client_for(bob).get(f"/situation/canh-bao/{alert.pk}/").status_code == 404


@pytest.mark.django_db
def test_only_the_national_administrator_sets_thresholds_and_bad_values_are_refused(
    units: Any, alice: Any, root: Any
) -> None:
    with pytest.raises(NotPermitted):
        services.set_thresholds(
            actor=alice, level=2, p_value=0.001, min_count=4, min_ratio=2, baseline_weeks=12
        )
    with pytest.raises(Refused, match="Ngưỡng xác suất"):
        services.set_thresholds(actor=root, level=2, p_value=0.9, min_count=4, min_ratio=2, baseline_weeks=12)
    services.set_thresholds(actor=root, level=2, p_value=0.001, min_count=3, min_ratio=2, baseline_weeks=8)
    assert services.thresholds(2).min_count == 3


@pytest.mark.django_db
def test_the_weekly_run_sums_each_week_s_days_and_counts_a_province_s_own_signals_only_in_its_series(
    units: Any, topic: Any, root: Any
) -> None:
    services.set_thresholds(actor=root, level=1, p_value=0.0001, min_count=4, min_ratio=2, baseline_weeks=12)
    last = week_start(clock.today()) - dt.timedelta(days=7)
    days = [last + dt.timedelta(days=d) for d in range(7)]  # the tested week, Monday to Sunday
    days += [last + dt.timedelta(days=7)]  # this week, not complete: left out
    days += [last - dt.timedelta(days=7 * 40)]  # before both levels' windows: left out
    rows = []
    for n, (unit, on) in enumerate(
        [(units.commune_a, d) for d in days] + [(units.province, d) for d in days] * 2, start=1
    ):
        rows.append(
            Signal(
                source="press",
                source_id=n,
                page_id=n,
                topic=topic["moi_truong"],
                unit=unit,
                province=units.province,
                on=on,
            )
        )
    Signal.objects.bulk_create(rows)
    result = services.run_detection()
    assert (result["commune_series"], result["commune_alerts"]) == (1, 1)
    assert (result["province_series"], result["province_alerts"]) == (1, 1)
    assert RiseAlert.objects.get(unit=units.commune_a).count == 7
    assert RiseAlert.objects.get(unit=units.province).count == 21  # the commune's 7 and its own 14
