"""Figures the periodic reviews quote: registered, recognised, retired, replicated.

Each reads the aggregate counts (reporting/counts.py, kept by triggers per unit and year/month/day): one
grouped query over a few thousand rows instead of the whole registry; `recount` computes the same figure
straight from the records (`figure_rows`, one grouped query per figure)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.exemplars.models import Exemplar, Replication
from danvan.reporting import counts
from danvan.reporting.counts import Fact, register_fact
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator
from danvan.territory.models import subtree_q

register_fact(
    Fact(
        name="exemplars.registered",
        table="exemplars_exemplar",
        day=lambda v, r: f"{r}.registered_on",
        columns=("registered_on",),
    )
)
register_fact(
    Fact(
        name="exemplars.recognised",
        table="exemplars_exemplar",
        day=lambda v, r: f"{r}.decision_date",
        when=lambda v, r: f"{r}.decision_number <> ''",
        columns=("decision_date", "decision_number"),
    )
)
register_fact(
    Fact(
        name="exemplars.retired",
        table="exemplars_exemplar",
        day=lambda v, r: f"{r}.retired_on",
        columns=("retired_on",),
    )
)
register_fact(
    Fact(
        name="exemplars.replicated",
        table="exemplars_replication",
        day=lambda v, r: f"{r}.adopted_on",
        columns=("adopted_on",),
    )
)


def _figures(key: str) -> Callable[[dt.date, dt.date], Iterable[UnitFigure]]:
    def compute(start: dt.date, end: dt.date) -> list[UnitFigure]:
        return counts.figures(counts.in_range(f"exemplars.{key}", start, end))

    return compute


def _recount(key: str) -> Callable[[dt.date, dt.date], Iterable[UnitFigure]]:
    def compute(start: dt.date, end: dt.date) -> list[UnitFigure]:
        if key == "replicated":
            records: QuerySet[Any] = Replication.objects.filter(adopted_on__range=(start, end))
        elif key == "recognised":
            records = Exemplar.objects.filter(decision_date__range=(start, end)).exclude(decision_number="")
        else:
            records = Exemplar.objects.filter(**{f"{key}_on__range": (start, end)})  # registered, retired
        rows = records.values("unit_id").annotate(n=Count("id")).order_by()
        return [UnitFigure(r["unit_id"], r["n"]) for r in rows]

    return compute


def _in_subtree(qs: QuerySet[Any], path: str) -> QuerySet[Any]:
    return qs.filter(subtree_q(path, "unit__path"))


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
        name=_("Số mô hình, điển hình đăng ký"),
        unit=_("mô hình"),
        aggregation="sum",
        module="exemplars",
        base=_("ngày đăng ký"),
        compute=_figures("registered"),
        recount=_recount("registered"),
        drilldown=_drill_registered,
        order=10,
        definition=_("Mô hình, điển hình “Dân vận khéo” được đơn vị đăng ký trong kỳ (theo ngày đăng ký)."),
    )
)
register_indicator(
    Indicator(
        code="exemplars.recognised",
        name=_("Số mô hình, điển hình được công nhận"),
        unit=_("mô hình"),
        aggregation="sum",
        module="exemplars",
        base=_("ngày quyết định công nhận"),
        compute=_figures("recognised"),
        recount=_recount("recognised"),
        drilldown=_drill_recognised,
        order=20,
        definition=_("Được công nhận bằng quyết định (có số và ngày quyết định) trong kỳ, ở mọi cấp."),
    )
)
register_indicator(
    Indicator(
        code="exemplars.retired",
        name=_("Số mô hình đưa ra khỏi danh sách"),
        unit=_("mô hình"),
        aggregation="sum",
        module="exemplars",
        base=_("ngày đưa ra khỏi danh sách"),
        compute=_figures("retired"),
        recount=_recount("retired"),
        drilldown=_drill_retired,
        order=30,
        definition=_("Mô hình đã công nhận nhưng không còn hiệu quả, bị đưa ra khỏi danh sách khi rà soát."),
    )
)
register_indicator(
    Indicator(
        code="exemplars.replicated",
        name=_("Số lượt nhân rộng mô hình"),
        unit=_("lượt"),
        aggregation="sum",
        module="exemplars",
        base=_("ngày áp dụng"),
        compute=_figures("replicated"),
        recount=_recount("replicated"),
        drilldown=_drill_replicated,
        order=40,
        definition=_("Lượt đơn vị áp dụng một mô hình đã công nhận trong kỳ (tính cho đơn vị áp dụng)."),
    )
)
