"""Figures for periodic reviews: received (all, by kind, land), resolved, resolved on time, open, overdue.

One definition per figure: `received_q`, `resolved_q`, `open_q` and `overdue_q` are the conditions every
screen uses (indicator recounts and drill-downs, the petition list's counters and filters, the desk card),
and the count-table figures are tested equal to them.

Each reads the aggregate counts (reporting/counts.py) that triggers keep per unit and year/month/day: one
grouped query over a few thousand rows instead of millions of petitions; `*_recount` computes the same
figure straight from the petitions (tests and the benchmark's reference compare both)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Count, Q

from danvan.core import clock
from danvan.petitions.models import Field, Kind, Petition
from danvan.reporting import counts
from danvan.reporting.counts import Fact, iso_text, local_day, register_fact
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator
from danvan.territory.models import AdminUnit, subtree_q

OPEN = ("received", "transferred", "accepted", "in_progress")


LAND_FIELD = "dat_dai"


def received_q(start: dt.date, end: dt.date) -> Q:
    """Received on a Vietnamese day in [start, end]."""
    lo, hi = clock.day_range(start, end)
    return Q(received_at__gte=lo, received_at__lt=hi)


def resolved_q(start: dt.date, end: dt.date) -> Q:
    """Resolved on a Vietnamese day in [start, end]."""
    lo, hi = clock.day_range(start, end)
    return Q(resolved_at__gte=lo, resolved_at__lt=hi)


def open_q(day: dt.date) -> Q:
    """Received by the end of `day` and not yet finished (received, transferred, accepted, in progress)."""
    return Q(state__in=OPEN, received_at__lt=clock.end_of_day(day))


def overdue_q(day: dt.date) -> Q:
    """Open at `day` and past the deadline of its current step before `day`."""
    return open_q(day) & Q(due_date__lt=day)


_range = received_q
_resolved_range = resolved_q


def _grouped(q: Q) -> list[UnitFigure]:
    rows = Petition.objects.filter(q).values("unit_id").annotate(n=Count("id")).order_by()
    return [UnitFigure(r["unit_id"], r["n"]) for r in rows]


# --- facts counted by the aggregate tables (reporting/counts.py, kept by triggers) -----------------------
def _open_sql(vendor: str, r: str) -> str:
    states = ", ".join(f"'{s}'" for s in OPEN)
    return f"{r}.state IN ({states}) AND {r}.due_date IS NOT NULL"


register_fact(
    Fact(
        name="petitions.received",
        table="petitions_petition",
        day=lambda v, r: local_day(v, f"{r}.received_at"),
        key=lambda v, r: f"{r}.kind",
        columns=("received_at", "kind"),
    )
)
register_fact(
    Fact(
        name="petitions.resolved",
        table="petitions_petition",
        day=lambda v, r: local_day(v, f"{r}.resolved_at"),
        key=lambda v, r: f"CASE WHEN {r}.resolved_on_time THEN '1' ELSE '0' END",
        columns=("resolved_at", "resolved_on_time"),
    )
)
register_fact(
    Fact(
        name="petitions.received_field",  # the same, split by field (lĩnh vực) id
        table="petitions_petition",
        day=lambda v, r: local_day(v, f"{r}.received_at"),
        key=lambda v, r: f"CAST({r}.field_id AS TEXT)",
        when=lambda v, r: f"{r}.field_id IS NOT NULL",
        columns=("received_at", "field_id"),
    )
)
register_fact(
    Fact(
        name="petitions.open",  # not finished, by local day of receipt (open at D: received up to D)
        table="petitions_petition",
        day=lambda v, r: local_day(v, f"{r}.received_at"),
        when=lambda v, r: f"{r}.state IN ({', '.join(repr(s) for s in OPEN)})",
        columns=("state", "received_at"),
    )
)
# Open petitions by due date. "Overdue at the end of a period" also asks that the petition was received by
# then: implied when received on or before its due date (the usual case, counted by month and year) and
# checked day by day for the rare petition due before the day it was received (key: that day).
register_fact(
    Fact(
        name="petitions.open_due",
        table="petitions_petition",
        day=lambda v, r: f"{r}.due_date",
        when=lambda v, r: f"{_open_sql(v, r)} AND {local_day(v, f'{r}.received_at')} <= {r}.due_date",
        columns=("state", "due_date", "received_at"),
    )
)
register_fact(
    Fact(
        name="petitions.open_early",
        table="petitions_petition",
        day=lambda v, r: f"{r}.due_date",
        key=lambda v, r: iso_text(v, local_day(v, f"{r}.received_at")),
        when=lambda v, r: f"{_open_sql(v, r)} AND {local_day(v, f'{r}.received_at')} > {r}.due_date",
        columns=("state", "due_date", "received_at"),
        grains=("D",),
    )
)


def received(start: dt.date, end: dt.date, kind: str | None = None) -> Iterable[UnitFigure]:
    q = counts.in_range("petitions.received", start, end)
    return counts.figures(q & Q(dim=kind) if kind else q)


def resolved(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return counts.figures(counts.in_range("petitions.resolved", start, end))


def resolved_on_time_share(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return counts.figures(counts.in_range("petitions.resolved", start, end), numerator=Q(dim="1"))


def field_ids(code: str) -> list[str]:
    return [str(pk) for pk in Field.objects.filter(code=code).values_list("pk", flat=True)]


def received_in_field(start: dt.date, end: dt.date, code: str = LAND_FIELD) -> Iterable[UnitFigure]:
    return counts.figures(
        counts.in_range("petitions.received_field", start, end) & Q(dim__in=field_ids(code))
    )


def open_at(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """Open at the as-of day `end` (`start` is not used: a stock)."""
    return counts.figures(counts.prefix("petitions.open", end))


def overdue(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """Open at the as-of day `end` and past their current deadline then (`start` is not used: a stock)."""
    usual = counts.in_range("petitions.open_due", counts.EARLIEST, end - dt.timedelta(days=1))
    early = Q(fact="petitions.open_early", grain="D", bucket__lt=end, dim__lte=end.isoformat())
    return counts.figures(usual | early)


# --- the same figures straight from the records (one grouped query each) ----------------------------------
def received_recount(start: dt.date, end: dt.date, kind: str | None = None) -> Iterable[UnitFigure]:
    q = _range(start, end)
    return _grouped(q & Q(kind=kind) if kind else q)


def resolved_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return _grouped(_resolved_range(start, end))


def resolved_on_time_share_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = (
        Petition.objects.filter(_resolved_range(start, end))
        .values("unit_id")
        .annotate(total=Count("id"), on_time=Count("id", filter=Q(resolved_on_time=True)))
        .order_by()
    )
    return [UnitFigure(r["unit_id"], r["on_time"], r["total"]) for r in rows]


def received_in_field_recount(start: dt.date, end: dt.date, code: str = LAND_FIELD) -> Iterable[UnitFigure]:
    return _grouped(received_q(start, end) & Q(field__code=code))


def open_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return _grouped(open_q(end))


def overdue_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return _grouped(overdue_q(end))


def _in_field(start: dt.date, end: dt.date) -> Q:
    return received_q(start, end) & Q(field__code=LAND_FIELD)


def _open_at(start: dt.date, end: dt.date) -> Q:
    return open_q(end)


def _overdue_at(start: dt.date, end: dt.date) -> Q:
    return overdue_q(end)


def _drill(q_for: Any) -> Any:
    def drilldown(unit_path: str, start: dt.date, end: dt.date) -> Any:
        units = AdminUnit.objects.filter(subtree_q(unit_path)).values("id")
        return Petition.objects.filter(q_for(start, end), unit_id__in=units)

    return drilldown


register_indicator(
    Indicator(
        code="petitions.received",
        name="Số đơn thư tiếp nhận",
        unit="đơn",
        aggregation="sum",
        module="petitions",
        definition="Đơn thư tiếp nhận trong kỳ (mọi kênh, mọi loại), tính theo ngày tiếp nhận.",
        base="ngày tiếp nhận",
        compute=received,
        recount=received_recount,
        drilldown=_drill(_range),
        order=10,
    )
)


def _received_of(kind: str, recount: bool = False) -> Callable[[dt.date, dt.date], Iterable[UnitFigure]]:
    def compute(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
        return (received_recount if recount else received)(start, end, kind)

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
            definition=f"Đơn {_label.lower()} tiếp nhận trong kỳ, tính theo ngày tiếp nhận.",
            base="ngày tiếp nhận",
            whole="petitions.received",
            compute=_received_of(_kind),
            recount=_received_of(_kind, recount=True),
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
        definition="Đơn thư có kết quả giải quyết trong kỳ, tính theo ngày giải quyết (có thể tiếp nhận ở kỳ "
        "trước).",
        base="ngày giải quyết",
        compute=resolved,
        recount=resolved_recount,
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
        definition="Số đơn giải quyết đúng hạn / số đơn đã giải quyết trong kỳ × 100, tính theo ngày giải "
        "quyết.",
        base="ngày giải quyết",
        compute=resolved_on_time_share,
        recount=resolved_on_time_share_recount,
        drilldown=_drill(_resolved_range),
        drill_measure="denominator",
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
        definition="Đơn đang mở (chưa giải quyết xong) mà đã quá hạn của bước hiện tại, tính tại một thời điểm: "
        "hết ngày cuối kỳ với kỳ đã qua, hôm nay với kỳ đang diễn ra.",
        base="hạn của bước hiện tại",
        stock=True,
        whole="petitions.open",
        compute=overdue,
        recount=overdue_recount,
        drilldown=_drill(_overdue_at),
        order=30,
    )
)
register_indicator(
    Indicator(
        code="petitions.open",
        name="Số đơn đang giải quyết",
        unit="đơn",
        aggregation="sum",
        module="petitions",
        definition="Đơn đã tiếp nhận mà chưa giải quyết xong (đã tiếp nhận, đã chuyển, đã thụ lý, đang giải "
        "quyết), tính tại một thời điểm: hết ngày cuối kỳ với kỳ đã qua, hôm nay với kỳ đang diễn ra.",
        base="ngày tiếp nhận",
        stock=True,
        compute=open_at,
        recount=open_recount,
        drilldown=_drill(_open_at),
        order=29,
    )
)
register_indicator(
    Indicator(
        code="petitions.land",
        name="Đơn thư lĩnh vực đất đai",
        unit="đơn",
        aggregation="sum",
        module="petitions",
        definition="Đơn thư tiếp nhận trong kỳ thuộc lĩnh vực đất đai, tính theo ngày tiếp nhận (một phần của "
        "số đơn thư tiếp nhận).",
        base="ngày tiếp nhận",
        whole="petitions.received",
        compute=received_in_field,
        recount=received_in_field_recount,
        drilldown=_drill(_in_field),
        order=16,
    )
)
