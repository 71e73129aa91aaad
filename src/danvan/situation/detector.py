"""The rise detector: which weekly series rose above their own baseline (a one-sided Poisson test).

`counts` is an array of shape (series, weeks). For week t of a series, the baseline is the mean of the
`baseline_weeks` weeks before it; the week is a rise when

    P(X ≥ count | Poisson(baseline')) < p_value   and   count ≥ min_count   and   count ≥ min_ratio × baseline

with baseline' = max(baseline, floor) so that a quiet series (baseline 0) needs `min_count` signals. The
tail probability is `scipy.stats.poisson.sf`, evaluated over the whole array at once (numpy): the national
run (3,321 communes × 12 topics × 104 weeks) is one vectorised pass.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import poisson

FLOOR = 0.25  # the smallest baseline rate (signals a week) the test assumes


@dataclass(frozen=True)
class Thresholds:
    p_value: float = 0.0001
    min_count: int = 4
    min_ratio: float = 2.0
    baseline_weeks: int = 26


def baselines(counts: NDArray[np.int64], weeks: int) -> NDArray[np.float64]:
    """The mean of the `weeks` weeks before each week (NaN where the history is shorter)."""
    n_series, n_weeks = counts.shape
    csum = np.zeros((n_series, n_weeks + 1), dtype=np.float64)
    np.cumsum(counts, axis=1, out=csum[:, 1:])
    out = np.full((n_series, n_weeks), np.nan)
    if n_weeks > weeks:
        out[:, weeks:] = (csum[:, weeks:n_weeks] - csum[:, : n_weeks - weeks]) / weeks
    return out


def detect(
    counts: NDArray[np.int64], thresholds: Thresholds, *, last_only: bool = False
) -> tuple[NDArray[np.bool_], NDArray[np.float64], NDArray[np.float64]]:
    """(rises, baseline, p) for every (series, week), or for the last week only (shape (series, 1))."""
    counts = np.asarray(counts, dtype=np.int64)
    base = baselines(counts, thresholds.baseline_weeks)
    if last_only:
        counts, base = counts[:, -1:], base[:, -1:]
    rate = np.maximum(np.nan_to_num(base, nan=np.inf), FLOOR)
    p = poisson.sf(counts - 1, rate)  # P(X ≥ count)
    rises = (
        ~np.isnan(base)
        & (p < thresholds.p_value)
        & (counts >= thresholds.min_count)
        & (counts >= thresholds.min_ratio * np.nan_to_num(base, nan=0.0))
    )
    return rises, base, p
