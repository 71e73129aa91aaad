"""Figures the periodic reviews quote, computed from the registry (one grouped query each)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import QuerySet

from danvan.exemplars.models import Exemplar, Replication
from danvan.exemplars.selectors import figure_rows
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator
from danvan.territory.models import SUBTREE_END


def _figures(key: str) -> Callable[[dt.date, dt.date], Iterable[UnitFigure]]:
    def compute(start: dt.date, end: dt.date) -> list[UnitFigure]:
        return [UnitFigure(unit_id, n) for unit_id, n in figure_rows(start, end)[key].items()]

    return compute


def _in_subtree(qs: QuerySet[Any], path: str) -> QuerySet[Any]:
    return qs.filter(unit__path__gte=path, unit__path__lt=path + SUBTREE_END)


def _drill_registered(path: str, start: dt.date, end: dt.date) -> QuerySet[Exemplar]:
    return _in_subtree(Exemplar.objects.filter(registered_on__range=(start, end)), path)


def _drill_recognised(path: str, start: dt.date, end: dt.date) -> QuerySet[Exemplar]:
    return _in_subtree(
        Exemplar.objects.filter(decision_date__range=(start, end)).exclude(decision_number=""), path
    )


def _drill_retired(path: str, start: dt.date, end: dt.date) -> QuerySet[Exemplar]:
    return _in_subtree(Exemplar.objects.filter(retired_on__range=(start, end)), path)


def _drill_replicated(path: str, start: dt.date, end: dt.date) -> QuerySet[Replication]:
    return _in_subtree(Replication.objects.filter(adopted_on__range=(start, end)), path)


register_indicator(
    Indicator(
        code="exemplars.registered",
        name="Số mô hình, điển hình đăng ký",
        unit="mô hình",
        aggregation="sum",
        module="exemplars",
        compute=_figures("registered"),
        drilldown=_drill_registered,
        order=10,
        definition="Mô hình, điển hình “Dân vận khéo” được đơn vị đăng ký trong kỳ (theo ngày đăng ký).",
    )
)
register_indicator(
    Indicator(
        code="exemplars.recognised",
        name="Số mô hình, điển hình được công nhận",
        unit="mô hình",
        aggregation="sum",
        module="exemplars",
        compute=_figures("recognised"),
        drilldown=_drill_recognised,
        order=20,
        definition="Được công nhận bằng quyết định (có số và ngày quyết định) trong kỳ, ở mọi cấp.",
    )
)
register_indicator(
    Indicator(
        code="exemplars.retired",
        name="Số mô hình đưa ra khỏi danh sách",
        unit="mô hình",
        aggregation="sum",
        module="exemplars",
        compute=_figures("retired"),
        drilldown=_drill_retired,
        order=30,
        definition="Mô hình đã công nhận nhưng không còn hiệu quả, bị đưa ra khỏi danh sách khi rà soát.",
    )
)
register_indicator(
    Indicator(
        code="exemplars.replicated",
        name="Số lượt nhân rộng mô hình",
        unit="lượt",
        aggregation="sum",
        module="exemplars",
        compute=_figures("replicated"),
        drilldown=_drill_replicated,
        order=40,
        definition="Lượt đơn vị áp dụng một mô hình đã công nhận trong kỳ (tính cho đơn vị áp dụng).",
    )
)
