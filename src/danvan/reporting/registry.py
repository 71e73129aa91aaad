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

Every indicator states its base and, where it has one, its whole (one truth for every figure, issue #15):
- `base`: which date puts a record in the period ("ngày tiếp nhận", "ngày giải quyết", "ngày tổ chức"…);
- `stock=True` for a figure counted at an instant rather than over the period's days (overdue, open):
  its `compute(start, end)` and `drilldown(path, start, end)` receive the as-of day as `end`. The as-of
  day of a period is its last day once that day has passed, today while the period is running
  (`reporting.figures.as_of_day`); a closed period shows the figures frozen when it was closed;
- `drill_measure`: how the drill-down's records make the figure (see the field);
- `whole`: the code of the indicator this one is a part of (a field's petitions of those received,
  overdue of open): for the same unit, period and as-of day the part never exceeds the whole. A ratio's
  numerator never exceeds its denominator. The property tests enumerate the catalogue and check both.
Reporting rolls figures up commune → province → nation by unit path, freezes them in snapshots for
closed periods, and compares them with targets.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Literal, NamedTuple

from django_stubs_ext import StrOrPromise

Aggregation = Literal["sum", "ratio", "max", "min"]


class UnitFigure(NamedTuple):
    """One unit's figure (a named tuple: tens of thousands are made per national roll-up)."""

    unit_id: int
    numerator: float
    denominator: float = 1.0


@dataclass(frozen=True)
class Indicator:
    code: str  # "petitions.received"
    name: StrOrPromise  # Vietnamese name shown in reports (lazy: translated when shown)
    unit: StrOrPromise  # "%", "đơn", "đơn vị", "mô hình", "VND", ...
    aggregation: Aggregation
    module: str
    definition: StrOrPromise = ""
    compute: Callable[[dt.date, dt.date], Iterable[UnitFigure]] | None = None  # None: manual entry
    drilldown: Callable[[str, dt.date, dt.date], Any] | None = None
    # for a `compute` that reads the aggregate counts (reporting/counts.py): the same figures computed
    # straight from the records, one grouped query (tests compare both; the benchmark's reference SQL)
    recount: Callable[[dt.date, dt.date], Iterable[UnitFigure]] | None = None
    order: int = 100
    min_value: float | None = 0
    max_value: float | None = None  # e.g. 100 for a share
    base: StrOrPromise = ""  # the date that puts a record in the period, e.g. "ngày tiếp nhận"
    stock: bool = False  # counted at the as-of day (overdue, open) instead of over the period's days
    whole: str | None = None  # the indicator this one is a part of (part ≤ whole)
    # what the drill-down's records add up to: "value" (one record each), "numerator", "denominator",
    # "units" (distinct units among the records = the numerator), "sum:<field>" (the records' field added
    # up = the denominator), or "" when the records are the evidence but not the count (stated in `definition`)
    drill_measure: str = "value"


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
