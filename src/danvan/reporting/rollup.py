"""Roll-up of indicator figures commune → province → nation, by unit path, set-based.

Each indicator's leaf figures come from ONE grouped query (its `compute`, the manual figures of the
period, or the frozen snapshot of a closed period); they are then added up the tree in memory using the
materialised path of each unit (a unit counts for itself, its province and the nation). No query per unit.
"""

from __future__ import annotations

import datetime as dt
import gc
import logging
import threading
import time
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass, field
from typing import Any

from django.db import DatabaseError, transaction
from django.db.models import Count, Max

from danvan.reporting import figures as fig
from danvan.reporting.catalogue import catalogue
from danvan.reporting.models import IndicatorSnapshot, ManualFigure, Period, SnapshotTotals
from danvan.reporting.registry import Indicator, UnitFigure
from danvan.territory.models import AdminUnit

logger = logging.getLogger(__name__)

Pair = tuple[float, float]  # (numerator, denominator)


@dataclass(frozen=True)
class UnitInfo:
    id: int
    code: str
    name: str
    path: str
    level: int
    parent_id: int | None

    @property
    def province_code(self) -> str | None:
        parts = self.path.strip("/").split("/")
        return parts[1] if len(parts) > 1 else None


@dataclass
class UnitIndex:
    """Every unit of the territory in memory (3,356 rows), keyed by id and by path, with each unit's chain
    of ancestors (itself, its province, the nation) precomputed from the path."""

    by_id: dict[int, UnitInfo]
    by_path: dict[str, int]
    children: dict[int | None, list[int]] = field(default_factory=dict)
    chains: dict[int, tuple[int, ...]] = field(default_factory=dict)
    # (unit, its parent) for every unit that has one, the deepest first: adding each unit's total to its
    # parent's in this order gives every unit the total of its subtree
    upward: tuple[tuple[int, int], ...] = ()

    def ancestors(self, unit_id: int) -> tuple[int, ...]:
        """The unit itself and every unit above it (no query)."""
        return self.chains.get(unit_id, ())


def _chain(path: str, by_path: dict[str, int]) -> tuple[int, ...]:
    parts = path.strip("/").split("/")
    prefixes = ("/".join(parts[: i + 1]) + "/" for i in range(len(parts)))
    return tuple(by_path[p] for p in prefixes if p in by_path)


_index_lock = threading.Lock()
_index: tuple[tuple[int, int | None], UnitIndex] | None = None


def unit_index() -> UnitIndex:
    """The cached territory; reloaded when the territory table changes (one small aggregate query)."""
    global _index
    stamp_row = AdminUnit.objects.aggregate(n=Count("id"), m=Max("id"))
    stamp = (int(stamp_row["n"] or 0), stamp_row["m"])
    with _index_lock:
        if _index is not None and _index[0] == stamp:
            return _index[1]
        by_id: dict[int, UnitInfo] = {}
        by_path: dict[str, int] = {}
        children: dict[int | None, list[int]] = defaultdict(list)
        rows = AdminUnit.objects.order_by("path").values_list(
            "id", "code", "name", "path", "level", "parent_id"
        )
        for uid, code, name, path, level, parent_id in rows:
            by_id[uid] = UnitInfo(uid, code, name, path, level, parent_id)
            by_path[path] = uid
            children[parent_id].append(uid)
        chains = {uid: _chain(info.path, by_path) for uid, info in by_id.items()}
        upward = tuple(
            (info.id, info.parent_id)
            for info in sorted(by_id.values(), key=lambda i: -i.path.count("/"))
            if info.parent_id is not None and info.parent_id in by_id
        )
        index = UnitIndex(by_id=by_id, by_path=by_path, children=dict(children), chains=chains, upward=upward)
        _index = (stamp, index)
        return index


def value_of(indicator: Indicator, pair: Pair | None) -> float | None:
    if pair is None:
        return 0.0 if indicator.aggregation == "sum" else None
    numerator, denominator = pair
    if indicator.aggregation == "ratio":
        return round(numerator / denominator * 100, 2) if denominator else None
    return numerator


def roll_up(indicator: Indicator, leaves: Iterable[UnitFigure], index: UnitIndex) -> dict[int, Pair]:
    """Every unit's figure from the leaf figures: sum/ratio add up, max/min keep the extreme.

    Sums are gathered per leaf unit first, then each unit's total is added to its parent's, the deepest
    units first: one dict update per leaf and one per unit of the territory, whatever the depth."""
    chains = index.chains
    if indicator.aggregation in ("sum", "ratio"):
        known = index.by_id
        num: dict[int, float] = {}
        den: dict[int, float] = {}
        for uid, n, d in leaves:
            if uid in known:
                num[uid] = num.get(uid, 0.0) + n
                den[uid] = den.get(uid, 0.0) + d
        for uid, parent in index.upward:
            subtotal = num.get(uid)
            if subtotal is not None:
                num[parent] = num.get(parent, 0.0) + subtotal
                den[parent] = den.get(parent, 0.0) + den[uid]
        return {uid: (num[uid], den[uid]) for uid in num}
    totals: dict[int, Pair] = {}
    pick = max if indicator.aggregation == "max" else min
    for leaf in leaves:
        pair = (float(leaf.numerator), float(leaf.denominator))
        for uid in chains.get(leaf.unit_id, ()):
            current = totals.get(uid)
            totals[uid] = pair if current is None else pick(current, pair)
    return totals


def live_leaves(indicator: Indicator, period: Period) -> list[UnitFigure]:
    """The leaf figures computed now from the records (computed) or the units' entries (manual)."""
    if indicator.compute is None:
        rows = ManualFigure.objects.filter(period=period, indicator_code=indicator.code).values_list(
            "unit_id", "numerator", "denominator"
        )
        return [UnitFigure(u, n, d) for u, n, d in rows]
    return fig.leaves(indicator, period.start, period.end)


# Pages (the dashboard) may reuse a roll-up computed in this process less than a minute ago: the figures
# of a closed period never change, and the "current" view is at most this old.
MEMO_SECONDS = 60.0
_memo: dict[tuple[Any, ...], tuple[float, dict[str, dict[int, Pair]]]] = {}
_memo_lock = threading.Lock()


# other pages' derived figures (the dashboard's monthly series), kept as long and cleared with the roll-ups
page_memo: dict[tuple[Any, ...], tuple[float, Any]] = {}


def clear_memo() -> None:
    with _memo_lock:
        _memo.clear()
        page_memo.clear()


def snapshot_leaves(period: Period, codes: Iterable[str]) -> dict[str, list[UnitFigure]]:
    out: dict[str, list[UnitFigure]] = defaultdict(list)
    rows = IndicatorSnapshot.objects.filter(period=period, indicator_code__in=list(codes)).values_list(
        "indicator_code", "unit_id", "numerator", "denominator"
    )
    for code, uid, num, den in rows:
        out[code].append(UnitFigure(uid, num, den))
    return out


def frozen_totals(period: Period, codes: Iterable[str]) -> dict[str, dict[int, Pair]]:
    """The rolled-up figures frozen when the period was closed (SnapshotTotals), by indicator code."""
    out: dict[str, dict[int, Pair]] = {}
    rows = SnapshotTotals.objects.filter(period=period, indicator_code__in=list(codes)).values_list(
        "indicator_code", "totals"
    )
    for code, blob in rows:
        out[code] = {int(uid): (float(n), float(d)) for uid, (n, d) in blob.items()}
    return out


@dataclass
class FigureSet:
    """All requested indicators of a period rolled up over the whole tree."""

    period: Period
    live: bool
    indicators: list[Indicator]
    totals: dict[str, dict[int, Pair]]
    index: UnitIndex
    errors: list[str] = field(default_factory=list)  # indicators that could not be computed (tolerant mode)

    @property
    def as_of(self) -> dt.date:
        """The day stock figures (overdue, open) are counted at."""
        return fig.as_of_day(self.period.end) if self.live else self.period.end

    @property
    def frozen_at(self) -> dt.datetime | None:
        return None if self.live else self.period.closed_at

    @property
    def as_of_label(self) -> str:
        return fig.as_of_label(end=self.period.end, live=self.live, frozen_at=self.frozen_at)

    def pair(self, code: str, unit_id: int) -> Pair | None:
        return self.totals.get(code, {}).get(unit_id)

    def value(self, code: str, unit_id: int) -> float | None:
        indicator = next((i for i in self.indicators if i.code == code), None)
        if indicator is None:
            return None
        return value_of(indicator, self.pair(code, unit_id))

    def indicator(self, code: str) -> Indicator | None:
        return next((i for i in self.indicators if i.code == code), None)


@contextmanager
def _cyclic_gc_paused() -> Iterator[None]:
    """A national roll-up makes some 150,000 short-lived tuples and dicts, none in a reference cycle: the
    cyclic collector, triggered by the allocations, only walks them (measured: 1,100 → 890 ms on
    PostgreSQL at 5,000,000 petitions). Reference counting still frees everything."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _live_totals(
    chosen: list[Indicator],
    period: Period,
    index: UnitIndex,
    tolerant: bool,
    totals: dict[str, dict[int, Pair]],
    errors: list[str],
) -> None:
    """Each indicator's leaves computed now, rolled up into `totals`. Tolerant: a failing indicator (in a
    savepoint, so the rest still run) is left out and named in `errors`; otherwise the failure is raised."""
    for indicator in chosen:
        try:
            with transaction.atomic() if tolerant else nullcontext():
                leaves = live_leaves(indicator, period)
        except DatabaseError:
            if not tolerant:
                raise
            logger.exception("Chỉ tiêu %s không tính được", indicator.code)
            errors.append(str(indicator.name))
            leaves = []
        totals[indicator.code] = roll_up(indicator, leaves, index)


def figures_for_period(
    period: Period,
    *,
    codes: Iterable[str] | None = None,
    live: bool | None = None,
    use_cache: bool = False,
    indicators: list[Indicator] | None = None,
    tolerant: bool = False,
) -> FigureSet:
    """Roll up the indicators for a period. A closed period reads its snapshot unless `live=True`."""
    wanted = set(codes) if codes is not None else None
    chosen = [i for i in (indicators or catalogue()) if wanted is None or i.code in wanted]
    is_live = (not period.is_closed) if live is None else live
    index = unit_index()
    key = (
        period.pk,
        period.start,
        period.end,
        period.status,
        is_live,
        fig.as_of_day(period.end),
        tuple(i.code for i in chosen),
    )
    now = time.monotonic()
    if use_cache:
        with _memo_lock:
            hit = _memo.get(key)
        if hit is not None and hit[0] > now:
            return FigureSet(period=period, live=is_live, indicators=chosen, totals=hit[1], index=index)
    totals: dict[str, dict[int, Pair]] = {}
    errors: list[str] = []
    if is_live:
        with _cyclic_gc_paused():
            _live_totals(chosen, period, index, tolerant, totals, errors)
    else:
        totals = frozen_totals(period, [i.code for i in chosen])
        missing = [i for i in chosen if i.code not in totals]  # closed before totals were frozen too
        if missing:
            frozen = snapshot_leaves(period, [i.code for i in missing])
            for indicator in missing:
                totals[indicator.code] = roll_up(indicator, frozen.get(indicator.code, []), index)
    if use_cache and not errors:
        with _memo_lock:
            if len(_memo) > 256:
                _memo.clear()
            _memo[key] = (now + MEMO_SECONDS, totals)
    return FigureSet(
        period=period, live=is_live, indicators=chosen, totals=totals, index=index, errors=errors
    )


def subtree_pair(
    indicator: Indicator, leaves: Iterable[UnitFigure], unit_id: int, index: UnitIndex
) -> Pair | None:
    """One unit's rolled-up figure from leaf figures (the leaves of its subtree), as `roll_up` gives it."""
    chains = index.chains
    mine = [f for f in leaves if unit_id in chains.get(f.unit_id, ())]
    return roll_up(indicator, mine, index).get(unit_id)


def period_range(period: Period) -> tuple[dt.date, dt.date]:
    return period.start, period.end
