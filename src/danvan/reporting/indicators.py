"""The reporting module's own indicators: conferences held and the directives' tasks, so that the tasks a
conference assigns are counted in the report of the period in which they fall due."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from danvan.reporting import counts
from danvan.reporting.counts import Fact, day_after, register_fact
from danvan.reporting.models import Conference, Task, TaskStatus
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator
from danvan.territory.models import subtree_q

register_fact(
    Fact(
        name="reporting.tasks_due",  # by due date; dim "1": done on or before it
        table="reporting_task",
        day=lambda v, r: f"{r}.due_on",
        key=lambda v, r: (
            f"CASE WHEN {r}.status = 'done' AND {r}.done_on IS NOT NULL "
            f"AND {r}.done_on <= {r}.due_on THEN '1' ELSE '0' END"
        ),
        columns=("due_on", "status", "done_on"),
    )
)
# Overdue at `end` = due before `end` and (open, or done after `end`): a task is past due from the day
# after its due date, and leaves that set (closed) from max(that day, its done day) unless still open.
register_fact(
    Fact(
        name="reporting.tasks_past_due",
        table="reporting_task",
        day=lambda v, r: day_after(v, f"{r}.due_on"),
        columns=("due_on",),
    )
)
register_fact(
    Fact(
        name="reporting.tasks_closed_past_due",
        table="reporting_task",
        day=lambda v, r: (
            f"GREATEST({day_after(v, f'{r}.due_on')}, COALESCE({r}.done_on, {day_after(v, f'{r}.due_on')}))"
            if v == "postgresql"
            else f"max({day_after(v, f'{r}.due_on')}, COALESCE({r}.done_on, {day_after(v, f'{r}.due_on')}))"
        ),
        when=lambda v, r: f"{r}.status <> 'open'",
        columns=("due_on", "status", "done_on"),
    )
)


def _conferences(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = Conference.objects.filter(held_on__range=(start, end)).values("unit_id").annotate(n=Count("id"))
    return [UnitFigure(r["unit_id"], r["n"]) for r in rows]


def _conferences_records(path: str, start: dt.date, end: dt.date) -> Any:
    return Conference.objects.filter(
        subtree_q(path, "unit__path"), held_on__range=(start, end)
    ).select_related("unit")


def _tasks_due(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return counts.figures(counts.in_range("reporting.tasks_due", start, end))


def _tasks_due_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = Task.objects.filter(due_on__range=(start, end)).values("unit_id").annotate(n=Count("id"))
    return [UnitFigure(r["unit_id"], r["n"]) for r in rows]


def _tasks_due_records(path: str, start: dt.date, end: dt.date) -> Any:
    return Task.objects.filter(subtree_q(path, "unit__path"), due_on__range=(start, end)).select_related(
        "unit", "conference"
    )


def _tasks_on_time(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return counts.figures(counts.in_range("reporting.tasks_due", start, end), numerator=Q(dim="1"))


def _tasks_on_time_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    on_time = Q(status=TaskStatus.DONE, done_on__isnull=False, done_on__lte=F("due_on"))
    rows = (
        Task.objects.filter(due_on__range=(start, end))
        .values("unit_id")
        .annotate(n=Count("id", filter=on_time), d=Count("id"))
    )
    return [UnitFigure(r["unit_id"], r["n"], r["d"]) for r in rows]


def _tasks_overdue(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    return counts.figures(
        counts.prefix("reporting.tasks_past_due", end)
        | counts.prefix("reporting.tasks_closed_past_due", end),
        minus=Q(fact="reporting.tasks_closed_past_due"),
    )


def _tasks_overdue_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    rows = Task.objects.filter(overdue_at(end)).values("unit_id").annotate(n=Count("id"))
    return [UnitFigure(r["unit_id"], r["n"]) for r in rows]


def _tasks_overdue_records(path: str, start: dt.date, end: dt.date) -> Any:
    return Task.objects.filter(overdue_at(end), subtree_q(path, "unit__path")).select_related(
        "unit", "conference"
    )


def overdue_at(day: dt.date) -> Q:
    """Past due at `day` and not done by then."""
    return Q(due_on__lt=day) & (Q(status=TaskStatus.OPEN) | Q(done_on__gt=day))


def register() -> None:
    register_indicator(
        Indicator(
            code="reporting.conferences",
            name=_("Hội nghị sơ kết, tổng kết, chuyên đề đã tổ chức"),
            unit=_("hội nghị"),
            aggregation="sum",
            module="reporting",
            definition=_("Hội nghị do đơn vị chủ trì tổ chức trong kỳ."),
            base=_("ngày tổ chức hội nghị"),
            compute=_conferences,
            drilldown=_conferences_records,
            order=10,
        )
    )
    register_indicator(
        Indicator(
            code="reporting.tasks_due",
            name=_("Nhiệm vụ theo kết luận hội nghị đến hạn trong kỳ"),
            unit=_("nhiệm vụ"),
            aggregation="sum",
            module="reporting",
            definition=_(
                "Nhiệm vụ được giao theo kết luận chỉ đạo của hội nghị, có hạn hoàn thành trong kỳ."
            ),
            base=_("hạn hoàn thành nhiệm vụ"),
            compute=_tasks_due,
            recount=_tasks_due_recount,
            drilldown=_tasks_due_records,
            order=20,
        )
    )
    register_indicator(
        Indicator(
            code="reporting.tasks_on_time",
            name=_("Tỷ lệ nhiệm vụ hoàn thành đúng hạn"),
            unit="%",
            aggregation="ratio",
            module="reporting",
            definition=_(
                "Nhiệm vụ đến hạn trong kỳ đã hoàn thành đúng hạn / nhiệm vụ đến hạn trong kỳ × 100."
            ),
            base=_("hạn hoàn thành nhiệm vụ"),
            compute=_tasks_on_time,
            recount=_tasks_on_time_recount,
            drilldown=_tasks_due_records,
            drill_measure="denominator",
            order=30,
            max_value=100,
        )
    )
    register_indicator(
        Indicator(
            code="reporting.tasks_overdue",
            name=_("Nhiệm vụ quá hạn chưa hoàn thành (cuối kỳ)"),
            unit=_("nhiệm vụ"),
            aggregation="sum",
            module="reporting",
            definition=_(
                "Nhiệm vụ đã quá hạn mà chưa hoàn thành, tính tại một thời điểm: hết ngày cuối kỳ với kỳ đã "
                "qua, hôm nay với kỳ đang diễn ra (kể cả nhiệm vụ có hạn ở kỳ trước)."
            ),
            base=_("hạn hoàn thành nhiệm vụ"),
            stock=True,
            compute=_tasks_overdue,
            recount=_tasks_overdue_recount,
            drilldown=_tasks_overdue_records,
            order=40,
        )
    )
