"""Figures for periodic reviews: received, resolved, resolved on time, overdue (one grouped query each)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, Q
from django.utils import timezone

from danvan.petitions.models import Kind, Petition
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator
from danvan.territory.models import SUBTREE_END, AdminUnit

OPEN = ("received", "transferred", "accepted", "in_progress")


def _range(start: dt.date, end: dt.date) -> Q:
    lo = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    hi = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return Q(received_at__gte=lo, received_at__lt=hi)


def _resolved_range(start: dt.date, end: dt.date) -> Q:
    lo = timezone.make_aware(dt.datetime.combine(start, dt.time.min))
    hi = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return Q(resolved_at__gte=lo, resolved_at__lt=hi)


def _grouped(q: Q) -> list[UnitFigure]:
    rows = Petition.objects.filter(q).values("unit_id").annotate(n=Count("id"))
    return [UnitFigure(r["unit_id"], r["n"]) for r in rows]


def received(start: dt.date, end: dt.date, kind: str | None = None) -> Iterable[UnitFigure]:
    q = _range(start, end)
    return _grouped(q & Q(kind=kind) if kind else q)


def resolved(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return _grouped(_resolved_range(start, end))


def resolved_on_time_share(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = (
        Petition.objects.filter(_resolved_range(start, end))
        .values("unit_id")
        .annotate(total=Count("id"), on_time=Count("id", filter=Q(resolved_on_time=True)))
    )
    return [UnitFigure(r["unit_id"], r["on_time"], r["total"]) for r in rows]


def overdue(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """Open at the end of the period and past their current deadline then."""
    hi = timezone.make_aware(dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min))
    return _grouped(Q(state__in=OPEN, due_date__lt=end, received_at__lt=hi))


def _drill(q_for: Any) -> Any:
    def drilldown(unit_path: str, start: dt.date, end: dt.date) -> Any:
        units = AdminUnit.objects.filter(path__gte=unit_path, path__lt=unit_path + SUBTREE_END).values("id")
        return Petition.objects.filter(q_for(start, end), unit_id__in=units)

    return drilldown


register_indicator(
    Indicator(
        code="petitions.received",
        name="Số đơn thư tiếp nhận",
        unit="đơn",
        aggregation="sum",
        module="petitions",
        definition="Đơn thư tiếp nhận trong kỳ (mọi kênh, mọi loại).",
        compute=received,
        drilldown=_drill(_range),
        order=10,
    )
)


def _received_of(kind: str) -> Callable[[dt.date, dt.date], Iterable[UnitFigure]]:
    def compute(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
        return received(start, end, kind)

    return compute


def _range_of(kind: str) -> Callable[[dt.date, dt.date], Q]:
    def condition(start: dt.date, end: dt.date) -> Q:
        return _range(start, end) & Q(kind=kind)

    return condition


for _order, (_kind, _label) in enumerate(Kind.choices, start=11):
    register_indicator(
        Indicator(
            code=f"petitions.received.{_kind}",
            name=f"Số đơn {_label.lower()} tiếp nhận",
            unit="đơn",
            aggregation="sum",
            module="petitions",
            definition=f"Đơn {_label.lower()} tiếp nhận trong kỳ.",
            compute=_received_of(_kind),
            drilldown=_drill(_range_of(_kind)),
            order=_order,
        )
    )
register_indicator(
    Indicator(
        code="petitions.resolved",
        name="Số đơn thư đã giải quyết",
        unit="đơn",
        aggregation="sum",
        module="petitions",
        definition="Đơn thư có kết quả giải quyết trong kỳ.",
        compute=resolved,
        drilldown=_drill(_resolved_range),
        order=20,
    )
)
register_indicator(
    Indicator(
        code="petitions.resolved_on_time_share",
        name="Tỷ lệ đơn giải quyết đúng hạn",
        unit="%",
        aggregation="ratio",
        module="petitions",
        definition="Số đơn giải quyết đúng hạn / số đơn đã giải quyết trong kỳ × 100.",
        compute=resolved_on_time_share,
        drilldown=_drill(_resolved_range),
        order=21,
        max_value=100,
    )
)
register_indicator(
    Indicator(
        code="petitions.overdue",
        name="Số đơn quá hạn",
        unit="đơn",
        aggregation="sum",
        module="petitions",
        definition="Đơn chưa giải quyết xong, đã quá hạn của bước hiện tại vào cuối kỳ.",
        compute=overdue,
        order=30,
    )
)
