"""The indicator registry: each module registers the figures it computes from its own records.

A module declares its indicators in `<app>/indicators.py` and imports that file in AppConfig.ready():

    from danvan.reporting.registry import Indicator, UnitFigure, register_indicator

    def _received(start: date, end: date) -> Iterable[UnitFigure]:
        rows = (Petition.objects.filter(received_at__date__range=(start, end))
                .values("unit_id").annotate(n=Count("id")))            # ONE grouped query
        return [UnitFigure(r["unit_id"], r["n"]) for r in rows]

    register_indicator(Indicator(code="petitions.received", name="Số đơn thư tiếp nhận", unit="đơn",
                                 aggregation="sum", compute=_received, module="petitions",
                                 definition="Đơn thư tiếp nhận trong kỳ (mọi kênh)."))

Rules for `compute(start, end)`:
- set-based: a constant number of grouped queries whatever the number of units (never a query per unit);
- returns one UnitFigure per unit where the records sit (commune or province), with `numerator` and,
  for aggregation "ratio", a `denominator` (the share is sum(numerators) / sum(denominators) × 100
  over any subtree); units with nothing to count may be omitted for "sum", but for coverage-style
  ratios every unit that counts in the denominator must be returned (numerator 0 where not held);
- `drilldown(unit_path, start, end)` (optional) returns the queryset of records behind a figure;
- over large tables `compute` reads the aggregate counts kept by triggers (reporting/counts.py: the module
  declares its facts with `register_fact`), and `recount` gives the same figures from the raw records.
Reporting rolls figures up commune → province → nation by unit path, freezes them in snapshots for
closed periods, and compares them with targets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

Aggregation = Literal["sum", "ratio", "max", "min"]


class UnitFigure(NamedTuple):
    """One unit's figure (a named tuple: tens of thousands are made per national roll-up)."""

    unit_id: int
    numerator: float
    denominator: float = 1.0


@dataclass(frozen=True)
class Indicator:
    code: str  # "petitions.received"
    name: str  # Vietnamese name shown in reports
    unit: str  # "%", "đơn", "đơn vị", "mô hình", "VND", ...
    aggregation: Aggregation
    module: str
    definition: str = ""
    compute: Callable[[dt.date, dt.date], Iterable[UnitFigure]] | None = None  # None: manual entry
    drilldown: Callable[[str, dt.date, dt.date], Any] | None = None
    # for a `compute` that reads the aggregate counts (reporting/counts.py): the same figures computed
    # straight from the records, one grouped query (tests compare both; the benchmark's reference SQL)
    recount: Callable[[dt.date, dt.date], Iterable[UnitFigure]] | None = None
    order: int = 100
    min_value: float | None = 0
    max_value: float | None = None  # e.g. 100 for a share


_indicators: dict[str, Indicator] = {}


def register_indicator(indicator: Indicator) -> None:
    _indicators[indicator.code] = indicator


def indicators() -> list[Indicator]:
    return sorted(_indicators.values(), key=lambda i: (i.module, i.order, i.code))


def get_indicator(code: str) -> Indicator | None:
    return _indicators.get(code)


def unregister_indicator(code: str) -> None:
    """Remove an indicator (tests that register temporary indicators clean up with this)."""
    _indicators.pop(code, None)
