"""Figures for periodic reviews: press coverage of mobilisation events, by today's province."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from django.db.models import Count, QuerySet
from django.utils.translation import gettext_lazy as _

from danvan.press.models import Event
from danvan.reporting import counts
from danvan.reporting.counts import Fact, register_fact
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator
from danvan.territory.models import subtree_q

register_fact(Fact(name="press.events", table="press_event", day=lambda v, r: f"{r}.date", columns=("date",)))


def _events(start: dt.date, end: dt.date) -> QuerySet[Event]:
    return Event.objects.filter(date__range=(start, end))


def _covered(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """From the aggregate counts kept by triggers (reporting/counts.py)."""
    return counts.figures(counts.in_range("press.events", start, end))


def _covered_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = _events(start, end).values("unit_id").annotate(n=Count("id"))  # one grouped query
    return [UnitFigure(r["unit_id"], r["n"]) for r in rows]


def _drilldown(unit_path: str, start: dt.date, end: dt.date) -> QuerySet[Event]:
    return _events(start, end).filter(subtree_q(unit_path, "unit__path"))


register_indicator(
    Indicator(
        code="press.events",
        name=_("Số sự kiện dân vận được báo chí đưa tin"),
        unit=_("sự kiện"),
        aggregation="sum",
        base=_("ngày diễn ra sự kiện"),
        compute=_covered,
        recount=_covered_recount,
        drilldown=_drilldown,
        module="press",
        definition=_(
            "Sự kiện (hội nghị, sơ kết, tổng kết, đối thoại…) diễn ra trong kỳ, trích từ bài báo đã nhập; "
            "xếp theo tỉnh hiện nay nơi diễn ra."
        ),
    )
)
