"""The rise detector: which weekly series rose above their own baseline.

`counts` is an array of shape (series, weeks). For week t of a series, the baseline is the history before
it: the last `baseline_weeks` weeks (fewer when the series is younger, but at least `MIN_WEEKS`), leaving
out the `GUARD_WEEKS` weeks just before t so that a rise under way does not raise its own baseline. Two
tests, both from `scipy.stats` and evaluated over the whole array at once (numpy):

1. **the week**: the count's upper tail under the series' predictive distribution. With a gamma prior on
   the weekly rate (`PRIOR_RATE` signals a week, worth `PRIOR_WEEKS` weeks) and Poisson counts, the
   predictive law of the next week given S signals in k weeks is negative binomial
   (n = PRIOR_RATE·PRIOR_WEEKS + S, p = (PRIOR_WEEKS + k) / (PRIOR_WEEKS + k + 1)): a short or quiet
   history gives wider limits, a long one tends to the Poisson test. The week is a rise when
   P(X ≥ count) < p_value, count ≥ min_count and count ≥ min_ratio × baseline.
2. **a gradual rise (EWMA)**: the exponentially weighted mean z_t = λ·x_t + (1 − λ)·z_(t−1) of the counts
   (λ = `EWMA_LAMBDA`) above the baseline's control limit μ + L·√(μ' · λ / (2 − λ)) (μ' = max(μ, FLOOR),
   L = `EWMA_L`) and z ≥ min_ratio × μ, the week itself ≥ min_ratio × μ, at least min_count signals over
   the last `EWMA_WEEKS` weeks, and that sum's upper tail under the same predictive law (negative binomial,
   p = (PRIOR_WEEKS + k) / (PRIOR_WEEKS + k + EWMA_WEEKS)) below p_value: a few weeks each a little high,
   none alone enough for test 1. The reported `p` is test 1's.

The minimum-count rule keeps tiny series (0 → 2 signals) quiet. The national run (3,321 communes × 12
topics × 104 weeks) is a handful of array passes.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from scipy.stats import nbinom

FLOOR = 0.25  # the smallest baseline rate (signals a week) the EWMA limit assumes
MIN_WEEKS = 8  # the fewest weeks of history before a series is tested
GUARD_WEEKS = 1  # weeks just before the tested one left out of its baseline
PRIOR_RATE = 0.25  # the gamma prior's mean rate (signals a week) …
PRIOR_WEEKS = 1.0  # … worth this many weeks of history
EWMA_LAMBDA = 0.4
EWMA_L = 4.0
EWMA_WEEKS = 3


@dataclass(frozen=True)
class Thresholds:
    p_value: float = 0.0001
    min_count: int = 4
    min_ratio: float = 2.0
    baseline_weeks: int = 26  # the most weeks of history the baseline uses
    gradual: bool = True  # test 2 (EWMA) as well


def history(counts: NDArray[np.int64], weeks: int) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """(sum, number of weeks) of each week's baseline window: up to `weeks` weeks ending `GUARD_WEEKS`
    before it; the number is 0 where the history is shorter than `MIN_WEEKS`."""
    n_series, n_weeks = counts.shape
    csum = np.zeros((n_series, n_weeks + 1), dtype=np.float64)
    np.cumsum(counts, axis=1, out=csum[:, 1:])
    t = np.arange(n_weeks)
    end = np.maximum(t - GUARD_WEEKS, 0)  # the window is [end - k, end)
    k = np.minimum(end, max(weeks, 1))
    k = np.where(k >= min(MIN_WEEKS, max(weeks, 1)), k, 0)
    total = csum[:, end] - csum[:, end - k]
    return total, np.broadcast_to(k.astype(np.float64), (n_series, n_weeks))


def baselines(counts: NDArray[np.int64], weeks: int) -> NDArray[np.float64]:
    """The mean weekly count of each week's baseline window (NaN where the history is too short)."""
    total, k = history(np.asarray(counts, dtype=np.int64), weeks)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(k > 0, total / np.where(k > 0, k, 1), np.nan)


def _ewma(counts: NDArray[np.int64], start: NDArray[np.float64]) -> NDArray[np.float64]:
    z = np.empty(counts.shape, dtype=np.float64)
    prev = np.nan_to_num(start[:, 0], nan=0.0)
    for w in range(counts.shape[1]):
        prev = EWMA_LAMBDA * counts[:, w] + (1 - EWMA_LAMBDA) * prev
        z[:, w] = prev
    return z


def detect(
    counts: NDArray[np.int64], thresholds: Thresholds, *, last_only: bool = False
) -> tuple[NDArray[np.bool_], NDArray[np.float64], NDArray[np.float64]]:
    """(rises, baseline, p) for every (series, week), or for the last week only (shape (series, 1)); `p` is
    test 1's tail probability, 1.0 where the week is below min_count or min_ratio × baseline."""
    counts = np.asarray(counts, dtype=np.int64)
    total, k = history(counts, thresholds.baseline_weeks)
    known = k > 0
    with np.errstate(invalid="ignore", divide="ignore"):
        base = np.where(known, total / np.where(known, k, 1), np.nan)
    z = _ewma(counts, base) if thresholds.gradual else None
    window = None
    if z is not None:
        csum = np.zeros((counts.shape[0], counts.shape[1] + 1), dtype=np.int64)
        np.cumsum(counts, axis=1, out=csum[:, 1:])
        lo = np.maximum(np.arange(counts.shape[1]) + 1 - EWMA_WEEKS, 0)
        window = csum[:, 1:] - csum[:, lo]
    if last_only:
        counts, total, k, base, known = counts[:, -1:], total[:, -1:], k[:, -1:], base[:, -1:], known[:, -1:]
        if z is not None and window is not None:
            z, window = z[:, -1:], window[:, -1:]
    n = PRIOR_RATE * PRIOR_WEEKS + total
    prob = (PRIOR_WEEKS + k) / (PRIOR_WEEKS + k + 1)
    mu = np.nan_to_num(base, nan=0.0)
    candidate = known & (counts >= thresholds.min_count) & (counts >= thresholds.min_ratio * mu)
    p = np.ones(counts.shape, dtype=np.float64)  # P(X ≥ count), computed where it can matter only
    p[candidate] = nbinom.sf(counts[candidate] - 1, n[candidate], prob[candidate])
    rises = candidate & (p < thresholds.p_value)
    if z is not None and window is not None:
        limit = mu + EWMA_L * np.sqrt(np.maximum(mu, FLOOR) * EWMA_LAMBDA / (2 - EWMA_LAMBDA))
        gradual = (
            known
            & (z > limit)
            & (z >= thresholds.min_ratio * mu)
            & (window >= thresholds.min_count)
            & (counts >= np.maximum(thresholds.min_ratio * mu, 1))
        )
        # the same predictive law for the sum of the last EWMA_WEEKS weeks (negative binomial again)
        pw = np.ones_like(p)
        pw[gradual] = nbinom.sf(
            window[gradual] - 1, n[gradual], ((PRIOR_WEEKS + k) / (PRIOR_WEEKS + k + EWMA_WEEKS))[gradual]
        )
        gradual &= pw < thresholds.p_value
        rises |= gradual
    return rises, base, p
