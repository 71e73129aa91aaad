"""Generated weekly signal series with planted rises, and the rise detector measured on them.

Each series has its own base rate (drawn from a gamma distribution: most communes quiet, a few busy) and
Poisson noise; a share of the series get one planted rise (the rate multiplied for a few weeks from a
random week after the baseline window). `measure()` runs `danvan.situation.detector.detect` over every
week and reports precision (alerted series-weeks inside a planted rise or within `grace` weeks after
its start, over all alerted series-weeks), recall (planted rises found at least once while they last)
and the delay (weeks from the rise's start to its first alert).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray

from danvan.situation.detector import Thresholds, detect


@dataclass(frozen=True)
class Planted:
    counts: NDArray[np.int64]
    start: NDArray[np.int64]  # the rise's first week, -1 when none
    length: NDArray[np.int64]


def generate(
    n_series: int,
    n_weeks: int = 104,
    *,
    seed: int = 1,
    share_rising: float = 0.02,
    factor: float = 4.0,
    min_extra: float = 3.0,
    baseline_weeks: int = 12,
    scale: float = 0.8,
) -> Planted:
    rng = np.random.default_rng(seed)
    rate = rng.gamma(shape=0.6, scale=scale, size=n_series)  # mean 0.6 × scale: 0.48 signals a week
    lam = np.repeat(rate[:, None], n_weeks, axis=1)
    start = np.full(n_series, -1, dtype=np.int64)
    length = np.zeros(n_series, dtype=np.int64)
    rising = rng.random(n_series) < share_rising
    idx = np.flatnonzero(rising)
    start[idx] = rng.integers(baseline_weeks + 1, n_weeks - 4, size=idx.size)
    length[idx] = rng.integers(2, 5, size=idx.size)
    for i in idx:
        s, e = start[i], start[i] + length[i]
        lam[i, s:e] = np.maximum(rate[i] * factor, rate[i] + min_extra)
    return Planted(counts=rng.poisson(lam).astype(np.int64), start=start, length=length)


@dataclass(frozen=True)
class Measure:
    precision: float
    recall: float
    delay_mean: float
    delay_max: int
    alerts: int
    planted: int


def measure(p: Planted, thresholds: Thresholds, *, grace: int = 1) -> Measure:
    rises, _base, _p = detect(p.counts, thresholds)
    n_series, n_weeks = p.counts.shape
    weeks = np.arange(n_weeks)[None, :]
    inside = (
        (p.start[:, None] >= 0)
        & (weeks >= p.start[:, None])
        & (weeks < (p.start + p.length + grace)[:, None])
    )
    alerts = int(rises.sum())
    true = int((rises & inside).sum())
    planted = np.flatnonzero(p.start >= 0)
    delays = []
    for i in planted:
        hit = np.flatnonzero(rises[i, p.start[i] : p.start[i] + p.length[i]])
        if hit.size:
            delays.append(int(hit[0]))
    return Measure(
        precision=round(true / alerts, 3) if alerts else 1.0,
        recall=round(len(delays) / planted.size, 3) if planted.size else 1.0,
        delay_mean=round(float(np.mean(delays)), 2) if delays else float("nan"),
        delay_max=max(delays) if delays else -1,
        alerts=alerts,
        planted=int(planted.size),
    )
