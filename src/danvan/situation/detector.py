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


def _windows(n_weeks: int, weeks: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(end, k) per week: the baseline window is [end − k, end); k = 0 where the history is too short."""
    t = np.arange(n_weeks)
    end = np.maximum(t - GUARD_WEEKS, 0)
    k = np.minimum(end, max(weeks, 1))
    return end, np.where(k >= min(MIN_WEEKS, max(weeks, 1)), k, 0)


def _cumsum(counts: NDArray[np.int64]) -> NDArray[np.int64]:
    csum = np.zeros((counts.shape[0], counts.shape[1] + 1), dtype=np.int64)
    np.cumsum(counts, axis=1, out=csum[:, 1:])
    return csum


def history(counts: NDArray[np.int64], weeks: int) -> tuple[NDArray[np.int64], NDArray[np.int64]]:
    """(sum, number of weeks) of each week's baseline window: up to `weeks` weeks ending `GUARD_WEEKS`
    before it; the number (one per week) is 0 where the history is shorter than `MIN_WEEKS`."""
    counts = np.asarray(counts, dtype=np.int64)
    end, k = _windows(counts.shape[1], weeks)
    csum = _cumsum(counts)
    return csum[:, end] - csum[:, end - k], k


def baselines(counts: NDArray[np.int64], weeks: int) -> NDArray[np.float64]:
    """The mean weekly count of each week's baseline window (NaN where the history is too short)."""
    total, k = history(counts, weeks)
    return np.where(k > 0, total / np.maximum(k, 1), np.nan)


def _ewma(counts: NDArray[np.int64]) -> NDArray[np.float64]:
    z = np.empty(counts.shape, dtype=np.float64)
    prev = np.zeros(counts.shape[0], dtype=np.float64)
    for w in range(counts.shape[1]):
        prev *= 1 - EWMA_LAMBDA
        prev += EWMA_LAMBDA * counts[:, w]
        z[:, w] = prev
    return z


def detect(
    counts: NDArray[np.int64], thresholds: Thresholds, *, last_only: bool = False
) -> tuple[NDArray[np.bool_], NDArray[np.float64], NDArray[np.float64]]:
    """(rises, baseline, p) for every (series, week), or for the last week only (shape (series, 1)); `p` is
    test 1's tail probability, 1.0 where the week is below min_count or min_ratio × baseline.

    Few full-size temporaries: the tails are computed on the candidate cells only."""
    counts = np.asarray(counts, dtype=np.int64)
    end, k = _windows(counts.shape[1], thresholds.baseline_weeks)
    csum = _cumsum(counts)
    z = window = None
    if thresholds.gradual:
        z = _ewma(counts)
        window = csum[:, 1:] - csum[:, np.maximum(np.arange(counts.shape[1]) + 1 - EWMA_WEEKS, 0)]
    if last_only:
        end, k, counts = end[-1:], k[-1:], counts[:, -1:]
        if z is not None and window is not None:
            z, window = z[:, -1:], window[:, -1:]
    total = csum[:, end] - csum[:, end - k]
    del csum
    mu = total / np.maximum(k, 1)  # 0 where the history is too short (k = 0, total = 0)
    known = np.broadcast_to(k > 0, counts.shape)
    kk = np.broadcast_to(k, counts.shape)
    candidate = known & (counts >= thresholds.min_count) & (counts >= thresholds.min_ratio * mu)
    p = np.ones(counts.shape, dtype=np.float64)  # P(X ≥ count), computed where it can matter only
    kc = kk[candidate]
    p[candidate] = nbinom.sf(
        counts[candidate] - 1,
        PRIOR_RATE * PRIOR_WEEKS + total[candidate],
        (PRIOR_WEEKS + kc) / (PRIOR_WEEKS + kc + 1),
    )
    rises = candidate & (p < thresholds.p_value)
    if z is not None and window is not None:
        pre = known & (window >= thresholds.min_count) & (counts >= np.maximum(thresholds.min_ratio * mu, 1))
        m, zz = mu[pre], z[pre]
        limit = m + EWMA_L * np.sqrt(np.maximum(m, FLOOR) * EWMA_LAMBDA / (2 - EWMA_LAMBDA))
        ok = (zz > limit) & (zz >= thresholds.min_ratio * m)
        # the same predictive law for the sum of the last EWMA_WEEKS weeks (negative binomial again)
        kg = kk[pre][ok]
        pw = nbinom.sf(
            window[pre][ok] - 1,
            PRIOR_RATE * PRIOR_WEEKS + total[pre][ok],
            (PRIOR_WEEKS + kg) / (PRIOR_WEEKS + kg + EWMA_WEEKS),
        )
        idx = np.flatnonzero(pre.ravel())[ok][pw < thresholds.p_value]
        rises.ravel()[idx] = True
    base = np.where(known, mu, np.nan)
    return rises, base, p
