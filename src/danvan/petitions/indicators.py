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
from django.utils.functional import lazy
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.petitions.models import OPEN_STATES, Field, Kind, Petition, PetitionStep
from danvan.reporting import counts
from danvan.reporting.counts import Fact, day_after, latest, local_day, register_fact
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator
from danvan.territory.models import AdminUnit, subtree_q

OPEN = OPEN_STATES


LAND_FIELD = "dat_dai"


def received_q(start: dt.date, end: dt.date) -> Q:
    """Received on a Vietnamese day in [start, end]."""
    lo, hi = clock.day_range(start, end)
    return Q(received_at__gte=lo, received_at__lt=hi)


def resolved_q(start: dt.date, end: dt.date) -> Q:
    """Resolved on a Vietnamese day in [start, end]."""
    lo, hi = clock.day_range(start, end)
    return Q(resolved_at__gte=lo, resolved_at__lt=hi)


def _step_started_by(day: dt.date) -> Q:
    """The current step had begun by the end of `day` (a row written without the step day, by a bulk
    load, counts from its day of receipt)."""
    return Q(step_started_on__lte=day) | Q(
        step_started_on__isnull=True, received_at__lt=clock.end_of_day(day)
    )


def open_q(day: dt.date) -> Q:
    """Petitions whose current step was open at the end of `day`: not finished (received, transferred,
    accepted, in progress) and that step begun by then. With `past_open_q` (the ended steps), every
    petition open at the end of `day`, at the unit that held it then."""
    return Q(state__in=OPEN) & _step_started_by(day)


def overdue_q(day: dt.date) -> Q:
    """Open at `day` (current step) and past that step's deadline before `day`."""
    return open_q(day) & Q(due_date__lt=day)


def past_open_q(day: dt.date) -> Q:
    """Ended steps (`PetitionStep`) that held their petition open at the end of `day`."""
    return Q(started_on__lte=day, ended_on__gt=day)


def past_overdue_q(day: dt.date) -> Q:
    """Ended steps open at the end of `day` and past their deadline then."""
    return past_open_q(day) & Q(due_date__lt=day)


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


# Open and overdue at the end of a day D, exactly for any past D: a petition is open at D in the step that
# covered D, at the unit that held it then. The current step lives on the petition (counted from the day it
# began, `step_started_on`, or the day of receipt for rows loaded in bulk); the ended steps are
# `PetitionStep` rows (open from `started_on` to `ended_on`).
def _step_day(vendor: str, r: str) -> str:
    return f"COALESCE({r}.step_started_on, {local_day(vendor, f'{r}.received_at')})"


def _past_overdue_from(vendor: str, r: str) -> str:
    """The first day an ended step was overdue: the day after its deadline, not before it began."""
    return latest(vendor, day_after(vendor, f"{r}.due_date"), f"{r}.started_on")


register_fact(
    Fact(
        name="petitions.open",  # current step, by the day it began (open at D: begun up to D)
        table="petitions_petition",
        day=_step_day,
        when=lambda v, r: f"{r}.state IN ({', '.join(repr(s) for s in OPEN)})",
        columns=("state", "step_started_on", "received_at"),
    )
)
# Current steps by due date. "Overdue at the end of day D" asks that the step was due before D and had begun
# by D. For the usual step, begun on or before its due date, the second follows from the first: it is counted
# by its due date. A step begun after its due date (a short extension, a step whose deadline had passed when
# it was entered) has the first condition implied by the second (due < begun <= D): it is counted by the day
# it began. Each is then one range of year, month and day buckets.
register_fact(
    Fact(
        name="petitions.open_due",
        table="petitions_petition",
        day=lambda v, r: f"{r}.due_date",
        when=lambda v, r: f"{_open_sql(v, r)} AND {_step_day(v, r)} <= {r}.due_date",
        columns=("state", "due_date", "step_started_on", "received_at"),
    )
)
register_fact(
    Fact(
        name="petitions.open_early",
        table="petitions_petition",
        day=_step_day,
        when=lambda v, r: f"{_open_sql(v, r)} AND {_step_day(v, r)} > {r}.due_date",
        columns=("state", "due_date", "step_started_on", "received_at"),
    )
)
# Ended steps: open from `started_on` (counted) to `ended_on` (taken off); overdue from the day after the
# deadline (not before the step began) to `ended_on`, for the steps that ended after becoming overdue.
register_fact(
    Fact(
        name="petitions.step_open_from",
        table="petitions_petitionstep",
        day=lambda v, r: f"{r}.started_on",
        columns=("started_on", "ended_on"),
        when=lambda v, r: f"{r}.ended_on > {r}.started_on",
    )
)
register_fact(
    Fact(
        name="petitions.step_open_until",
        table="petitions_petitionstep",
        day=lambda v, r: f"{r}.ended_on",
        columns=("started_on", "ended_on"),
        when=lambda v, r: f"{r}.ended_on > {r}.started_on",
    )
)
register_fact(
    Fact(
        name="petitions.step_overdue_from",
        table="petitions_petitionstep",
        day=_past_overdue_from,
        columns=("started_on", "ended_on", "due_date"),
        when=lambda v, r: f"{r}.due_date IS NOT NULL AND {r}.ended_on > {_past_overdue_from(v, r)}",
    )
)
register_fact(
    Fact(
        name="petitions.step_overdue_until",
        table="petitions_petitionstep",
        day=lambda v, r: f"{r}.ended_on",
        columns=("started_on", "ended_on", "due_date"),
        when=lambda v, r: f"{r}.due_date IS NOT NULL AND {r}.ended_on > {_past_overdue_from(v, r)}",
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
    """Open at the end of the as-of day `end` (`start` is not used: a stock): current steps begun by then,
    and ended steps that covered that day."""
    return counts.figures(
        counts.prefix("petitions.open", end)
        | counts.prefix("petitions.step_open_from", end)
        | counts.prefix("petitions.step_open_until", end),
        minus=Q(fact="petitions.step_open_until"),
    )


def overdue(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """Open at the end of the as-of day `end` and past the deadline of the step they were in then (`start`
    is not used: a stock)."""
    usual = counts.in_range("petitions.open_due", counts.EARLIEST, end - dt.timedelta(days=1))
    return counts.figures(
        usual
        | counts.prefix("petitions.open_early", end)
        | counts.prefix("petitions.step_overdue_from", end)
        | counts.prefix("petitions.step_overdue_until", end),
        minus=Q(fact="petitions.step_overdue_until"),
    )


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


def _with_past(current: list[UnitFigure], past: Q) -> list[UnitFigure]:
    totals: dict[int, float] = {f.unit_id: f.numerator for f in current}
    rows = PetitionStep.objects.filter(past).values("unit_id").annotate(n=Count("id")).order_by()
    for r in rows:
        totals[r["unit_id"]] = totals.get(r["unit_id"], 0) + r["n"]
    return [UnitFigure(unit, n) for unit, n in totals.items() if n]


def open_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return _with_past(_grouped(open_q(end)), past_open_q(end))


def overdue_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return _with_past(_grouped(overdue_q(end)), past_overdue_q(end))


def _in_field(start: dt.date, end: dt.date) -> Q:
    return received_q(start, end) & Q(field__code=LAND_FIELD)


def _stock_drill(current: Callable[[dt.date], Q], past: Callable[[dt.date], Q]) -> Any:
    """Drill-down of a stock at the end of day `end`: the petitions in the subtree's units whose current
    step, or an ended step held by a unit of the subtree, counts then."""

    def drilldown(unit_path: str, start: dt.date, end: dt.date) -> Any:
        units = AdminUnit.objects.filter(subtree_q(unit_path)).values("id")
        held = PetitionStep.objects.filter(past(end), unit_id__in=units).values("petition_id")
        return Petition.objects.filter((current(end) & Q(unit_id__in=units)) | Q(pk__in=held))

    return drilldown


def _drill(q_for: Any) -> Any:
    def drilldown(unit_path: str, start: dt.date, end: dt.date) -> Any:
        units = AdminUnit.objects.filter(subtree_q(unit_path)).values("id")
        return Petition.objects.filter(q_for(start, end), unit_id__in=units)

    return drilldown


register_indicator(
    Indicator(
        code="petitions.received",
        name=_("Số đơn thư tiếp nhận"),
        unit=_("đơn"),
        aggregation="sum",
        module="petitions",
        definition=_("Đơn thư tiếp nhận trong kỳ (mọi kênh, mọi loại), tính theo ngày tiếp nhận."),
        base=_("ngày tiếp nhận"),
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


_lower = lazy(lambda text: str(text).lower(), str)

for _order, (_kind, _label) in enumerate(Kind.choices, start=11):
    register_indicator(
        Indicator(
            code=f"petitions.received.{_kind}",
            name=format_lazy(_("Số đơn {} tiếp nhận"), _lower(_label)),
            unit=_("đơn"),
            aggregation="sum",
            module="petitions",
            definition=format_lazy(_("Đơn {} tiếp nhận trong kỳ, tính theo ngày tiếp nhận."), _lower(_label)),
            base=_("ngày tiếp nhận"),
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
        name=_("Số đơn thư đã giải quyết"),
        unit=_("đơn"),
        aggregation="sum",
        module="petitions",
        definition=_(
            "Đơn thư có kết quả giải quyết trong kỳ, tính theo ngày giải quyết (có thể tiếp nhận ở kỳ trước)."
        ),
        base=_("ngày giải quyết"),
        compute=resolved,
        recount=resolved_recount,
        drilldown=_drill(_resolved_range),
        order=20,
    )
)
register_indicator(
    Indicator(
        code="petitions.resolved_on_time_share",
        name=_("Tỷ lệ đơn giải quyết đúng hạn"),
        unit="%",
        aggregation="ratio",
        module="petitions",
        definition=_(
            "Số đơn giải quyết đúng hạn / số đơn đã giải quyết trong kỳ × 100, tính theo ngày giải quyết."
        ),
        base=_("ngày giải quyết"),
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
        name=_("Số đơn quá hạn"),
        unit=_("đơn"),
        aggregation="sum",
        module="petitions",
        definition=_(
            "Đơn đang mở (chưa giải quyết xong) mà đã quá hạn của bước hiện tại, tính tại một thời điểm: "
            "hết ngày cuối kỳ với kỳ đã qua, hôm nay với kỳ đang diễn ra."
        ),
        base=_("hạn của bước hiện tại"),
        stock=True,
        whole="petitions.open",
        compute=overdue,
        recount=overdue_recount,
        drilldown=_stock_drill(overdue_q, past_overdue_q),
        order=30,
    )
)
register_indicator(
    Indicator(
        code="petitions.open",
        name=_("Số đơn đang giải quyết"),
        unit=_("đơn"),
        aggregation="sum",
        module="petitions",
        definition=_(
            "Đơn đã tiếp nhận mà chưa giải quyết xong (đã tiếp nhận, đã chuyển, đã thụ lý, đang giải "
            "quyết), tính tại một thời điểm: hết ngày cuối kỳ với kỳ đã qua, hôm nay với kỳ đang diễn ra."
        ),
        base=_("ngày tiếp nhận"),
        stock=True,
        compute=open_at,
        recount=open_recount,
        drilldown=_stock_drill(open_q, past_open_q),
        order=29,
    )
)
register_indicator(
    Indicator(
        code="petitions.land",
        name=_("Đơn thư lĩnh vực đất đai"),
        unit=_("đơn"),
        aggregation="sum",
        module="petitions",
        definition=_(
            "Đơn thư tiếp nhận trong kỳ thuộc lĩnh vực đất đai, tính theo ngày tiếp nhận (một phần của "
            "số đơn thư tiếp nhận)."
        ),
        base=_("ngày tiếp nhận"),
        whole="petitions.received",
        compute=received_in_field,
        recount=received_in_field_recount,
        drilldown=_drill(_in_field),
        order=16,
    )
)
