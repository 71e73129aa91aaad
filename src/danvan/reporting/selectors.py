"""Sơ kết, tổng kết: reads. Every list goes through the user's scope; figures come from `rollup`."""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import translation
from django.utils.translation import gettext

from danvan.accounts.scoping import ACT_ROLES, Scope
from danvan.core import charts, clock
from danvan.reporting import catalogue as cat
from danvan.reporting import figures as fig
from danvan.reporting.indicators import overdue_at
from danvan.reporting.models import (
    AnnualTheme,
    Conference,
    ManualFigure,
    Period,
    PeriodStatus,
    Report,
    ReportStatus,
    Target,
    Task,
    TaskStatus,
)
from danvan.reporting.registry import Indicator
from danvan.reporting.rollup import (
    MEMO_SECONDS,
    FigureSet,
    UnitIndex,
    figures_for_period,
    page_memo,
    subtree_pair,
    unit_index,
    value_of,
)
from danvan.territory.models import AdminUnit, Level, subtree_q

REQUIRED_SECTIONS = ("results", "limitations", "lessons", "next_tasks")
SECTION_LABELS = {
    "results": "I. Kết quả thực hiện",
    "limitations": "II. Hạn chế, nguyên nhân",
    "lessons": "III. Bài học kinh nghiệm",
    "next_tasks": "IV. Nhiệm vụ, giải pháp kỳ tới",
}


def today() -> dt.date:
    return clock.today()


# --- periods and themes ----------------------------------------------------------------------------
def periods() -> QuerySet[Period]:
    return Period.objects.select_related("theme").order_by("-end", "start")


def themes() -> QuerySet[AnnualTheme]:
    return AnnualTheme.objects.order_by("year_from", "title")


def theme_for(day: dt.date) -> AnnualTheme | None:
    return (
        AnnualTheme.objects.filter(year_from__lte=day.year, year_to__gte=day.year)
        .order_by("-year_from")
        .first()
    )


def default_period() -> Period | None:
    """The latest period that has started (the one being reviewed now)."""
    return (
        Period.objects.filter(start__lte=today()).order_by("-end", "start").first() or Period.objects.first()
    )


def get_period(pk: int | str | None) -> Period:
    """The period with this id (a malformed id, from a hand-edited query string, is a 404, never a 500)."""
    if pk in (None, ""):
        period = default_period()
    else:
        number = str(pk).strip()
        if not number.isascii() or not number.isdigit() or len(number) > 18:
            raise Http404(gettext("Không tìm thấy kỳ báo cáo: mã kỳ phải là một số."))
        period = Period.objects.select_related("theme").filter(pk=int(number)).first()
    if period is None:
        raise Http404(gettext("Chưa có kỳ báo cáo nào. Quản trị viên cần tạo kỳ báo cáo trước."))
    return period


# --- units ------------------------------------------------------------------------------------------
def focus_unit(scope: Scope, code: str | None) -> AdminUnit:
    """The unit a page looks at: the requested one if visible, else the user's home unit."""
    if code:
        unit = AdminUnit.objects.filter(code=code).first()
        if unit is None or not scope.can_see(unit):
            raise Http404(gettext("Không tìm thấy đơn vị trong phạm vi của bạn."))
        return unit
    home = scope.home_unit()
    if home is None:
        raise Http404(gettext("Bạn chưa được phân quyền tại đơn vị nào."))
    return home


def child_ids(index: UnitIndex, unit_id: int) -> list[int]:
    return index.children.get(unit_id, [])


def breadcrumb(unit: AdminUnit, scope: Scope) -> list[AdminUnit]:
    paths = unit.ancestors_paths()
    return [u for u in AdminUnit.objects.filter(path__in=paths).order_by("path") if scope.can_see(u)]


# --- targets and figures ------------------------------------------------------------------------------
def targets_for(period: Period, unit_ids: list[int]) -> dict[tuple[str, int], float]:
    rows = Target.objects.filter(period=period, unit_id__in=unit_ids).values_list(
        "indicator_code", "unit_id", "value"
    )
    return {(code, uid): value for code, uid, value in rows}


def achievement(indicator: Indicator, value: float | None, target: float | None) -> float | None:
    if value is None or target is None or target == 0:
        return None
    return round(value / target * 100, 1)


@dataclass
class IndicatorRow:
    indicator: Indicator
    value: float | None
    numerator: float | None
    denominator: float | None
    target: float | None
    achievement: float | None

    @property
    def code(self) -> str:
        return self.indicator.code

    @property
    def shortfall(self) -> bool:
        return self.achievement is not None and self.achievement < 100

    def as_dict(self) -> dict[str, Any]:
        return {
            "code": self.indicator.code,
            "name": str(self.indicator.name),
            "unit": str(self.indicator.unit),
            "module": self.indicator.module,
            "value": self.value,
            "target": self.target,
            "achievement": self.achievement,
        }


def indicator_rows(
    figures: FigureSet, unit_id: int, targets: dict[tuple[str, int], float]
) -> list[IndicatorRow]:
    rows = []
    for indicator in figures.indicators:
        pair = figures.pair(indicator.code, unit_id)
        value = value_of(indicator, pair)
        target = targets.get((indicator.code, unit_id))
        rows.append(
            IndicatorRow(
                indicator=indicator,
                value=value,
                numerator=pair[0] if pair else None,
                denominator=pair[1] if pair else None,
                target=target,
                achievement=achievement(indicator, value, target),
            )
        )
    return rows


def children_table(figures: FigureSet, unit_id: int, codes: list[str] | None = None) -> dict[str, Any]:
    """One row per subordinate unit with the value of each indicator (JSON-able)."""
    indicators = [i for i in figures.indicators if codes is None or i.code in codes]
    rows = []
    for cid in child_ids(figures.index, unit_id):
        info = figures.index.by_id[cid]
        rows.append(
            {
                "unit_id": cid,
                "code": info.code,
                "name": info.name,
                "values": [value_of(i, figures.pair(i.code, cid)) for i in indicators],
            }
        )
    return {
        "columns": [{"code": i.code, "name": str(i.name), "unit": str(i.unit)} for i in indicators],
        "rows": rows,
    }


def build_tables(
    unit: AdminUnit,
    period: Period,
    *,
    live: bool | None = None,
    figures: FigureSet | None = None,
    targets: dict[tuple[str, int], float] | None = None,
) -> dict[str, Any]:
    """The computed tables of a unit's report: its indicators (with targets) and its subordinate units.
    `figures`/`targets` computed once can be passed in when building many units' tables."""
    figures = figures or figures_for_period(period, live=live)
    targets = targets if targets is not None else targets_for(period, [unit.pk])
    rows = [r.as_dict() for r in indicator_rows(figures, unit.pk, targets)]
    return {
        "taken_at": clock.iso(clock.now()),
        "live": figures.live,
        "as_of": figures.as_of.isoformat(),
        "as_of_label": figures.as_of_label,
        "unit": {"code": unit.code, "name": unit.name},
        "period": {"name": period.name, "start": period.start.isoformat(), "end": period.end.isoformat()},
        "rows": rows,
        "children": children_table(figures, unit.pk)
        if unit.level < Level.COMMUNE
        else {"columns": [], "rows": []},
    }


def report_tables(report: Report) -> dict[str, Any]:
    """Frozen figures once submitted (a later edit of a record does not change a sent report), labelled
    with the instant they were frozen; a draft's live figures, labelled as such, with the changes to the
    figures of the unit's previous frozen report (`revisions`)."""
    if report.figures:
        tables = dict(report.figures)
        tables["frozen"] = True
        tables["label"] = frozen_label(tables)
        tables.setdefault("revisions", [])
        return tables
    tables = build_tables(report.unit, report.period, live=True)
    tables["frozen"] = False
    tables["label"] = (
        f"Dự thảo: số liệu trực tiếp, tính lúc {clock.format_datetime(clock.now())} "
        f"(sẽ chốt khi gửi báo cáo). {tables['as_of_label']}"
    )
    tables["revisions"] = revisions(report)
    return tables


def frozen_tables(report: Report) -> dict[str, Any]:
    """The tables a report freezes when it is submitted: live figures, the freezing instant, the revisions.
    The report is a Vietnamese document: its frozen names and labels are Vietnamese whoever submits it."""
    with translation.override("vi"):
        tables = build_tables(report.unit, report.period, live=True)
    tables["frozen_at"] = clock.now().isoformat(timespec="seconds")
    tables["revisions"] = revisions(report)
    return tables


def frozen_label(tables: dict[str, Any]) -> str:
    at = tables.get("frozen_at") or tables.get("taken_at")
    when = clock.format_datetime(dt.datetime.fromisoformat(at)) if at else ""
    as_of = tables.get("as_of")
    day = f"; số tồn tính đến hết ngày {clock.format_date(dt.date.fromisoformat(as_of))}" if as_of else ""
    return f"Số liệu đã chốt lúc {when} khi gửi báo cáo{day}."


FROZEN_STATUSES = (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)


def revisions(report: Report) -> list[dict[str, Any]]:
    """Figures of the unit's previous frozen report that the records now give differently (a record entered
    or corrected after it was sent), to be flagged on this report. Stock figures (counted at an instant)
    are left out: today's records cannot tell what was overdue on a past day."""
    previous = (
        Report.objects.filter(
            unit=report.unit, period__end__lt=report.period.start, status__in=FROZEN_STATUSES
        )
        .exclude(figures={})
        .select_related("period")
        .order_by("-period__end")
        .first()
    )
    if previous is None:
        return []
    now = {r["code"]: r for r in build_tables(report.unit, previous.period, live=True)["rows"]}
    out = []
    for row in previous.figures.get("rows", []):
        indicator = cat.get(row["code"])
        current = now.get(row["code"])
        if indicator is None or indicator.stock or current is None or current["value"] == row["value"]:
            continue
        out.append(
            {"code": row["code"], "name": row["name"], "unit": row["unit"], "period": previous.period.name,
             "frozen": row["value"], "now": current["value"]}
        )  # fmt: skip
    return out


# --- drill-down ------------------------------------------------------------------------------------
def drill_units(
    indicator: Indicator, period: Period, unit: AdminUnit, *, live: bool | None = None
) -> dict[str, Any]:
    figures = figures_for_period(period, codes=[indicator.code], live=live, indicators=[indicator, *[]])
    targets = targets_for(period, [unit.pk, *child_ids(figures.index, unit.pk)])
    rows = []
    for cid in child_ids(figures.index, unit.pk):
        info = figures.index.by_id[cid]
        value = figures.value(indicator.code, cid)
        pair = figures.pair(indicator.code, cid)
        rows.append(
            {
                "code": info.code,
                "name": info.name,
                "value": value,
                "numerator": pair[0] if pair else None,
                "denominator": pair[1] if pair else None,
                "target": targets.get((indicator.code, cid)),
                "level": info.level,
            }
        )
    return {
        "total": figures.value(indicator.code, unit.pk),
        "target": targets.get((indicator.code, unit.pk)),
        "rows": rows,
        "live": figures.live,
        "as_of_label": figures.as_of_label,
    }


def records_label(period: Period) -> str:
    """The records behind a figure are read from today's data, at the figure's as-of day."""
    return fig.as_of_label(end=period.end, live=True)


def drill_records(
    indicator: Indicator, period: Period, unit: AdminUnit, limit: int = 200
) -> tuple[list[Any], int]:
    """The records behind a figure (registered `drilldown`, or the manual entries of the subtree)."""
    qs: Any
    if indicator.compute is None:
        qs = ManualFigure.objects.filter(
            subtree_q(unit, "unit__path"),
            indicator_code=indicator.code,
            period=period,
        ).select_related("unit", "entered_by")
    elif indicator.drilldown is not None:
        qs = fig.records(indicator, unit.path, period.start, period.end)
    else:
        return [], 0
    total = qs.count() if hasattr(qs, "count") else len(qs)
    return list(qs[:limit]), total


# --- reports ---------------------------------------------------------------------------------------
def can_write_report(scope: Scope, unit: AdminUnit) -> bool:
    """Officers and heads assigned at the unit itself (not above it), or administrators."""
    return scope.is_admin or any(g.unit_id == unit.pk and g.role in ACT_ROLES for g in scope.grants)


def reports(scope: Scope) -> QuerySet[Report]:
    return scope.filter(Report.objects.select_related("unit", "period"))


def get_report(scope: Scope, pk: int) -> Report:
    return scope.get_or_404(Report.objects.select_related("unit", "period", "unit__parent"), pk=pk)


@dataclass
class SubordinateStatus:
    unit_id: int
    code: str
    name: str
    status: str
    status_label: str
    report: Report | None


def subordinate_statuses(unit: AdminUnit, period: Period) -> list[SubordinateStatus]:
    """Each subordinate unit and the status of its report for the period (two queries in all)."""
    index = unit_index()
    ids = child_ids(index, unit.pk)
    by_unit = {r.unit_id: r for r in Report.objects.filter(period=period, unit_id__in=ids)}
    labels = dict(ReportStatus.choices)
    out = []
    for cid in ids:
        info = index.by_id[cid]
        report = by_unit.get(cid)
        status = report.status if report else ReportStatus.NOT_STARTED
        out.append(SubordinateStatus(cid, info.code, info.name, status, str(labels[status]), report))
    return out


def status_counts(statuses: list[SubordinateStatus]) -> dict[str, int]:
    counts = {value: 0 for value, _ in ReportStatus.choices}
    for s in statuses:
        counts[s.status] += 1
    return counts


# --- conferences and tasks ---------------------------------------------------------------------------
def conferences(scope: Scope, *, kind: str = "", query: str = "") -> QuerySet[Conference]:
    qs = scope.filter(Conference.objects.select_related("unit", "period"))
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        qs = qs.filter(title__icontains=query)
    return qs


def get_conference(scope: Scope, pk: int) -> Conference:
    return scope.get_or_404(Conference.objects.select_related("unit", "period"), pk=pk)


def readable_conferences(scope: Scope, pks: set[int]) -> set[int]:
    """Which of the conferences `pks` the person may open (a task can come from a unit above theirs)."""
    return set(scope.filter(Conference.objects.filter(pk__in=pks)).values_list("pk", flat=True))


def tasks(scope: Scope, *, state: str = "", unit: AdminUnit | None = None) -> QuerySet[Task]:
    qs = scope.filter(Task.objects.select_related("unit", "conference"))
    if unit is not None:
        qs = qs.filter(subtree_q(unit, "unit__path"))
    day = today()
    if state == "done":
        qs = qs.filter(status=TaskStatus.DONE)
    elif state == "open":
        qs = qs.filter(status=TaskStatus.OPEN, due_on__gte=day)
    elif state == "overdue":
        qs = qs.filter(overdue_at(day))  # the `reporting.tasks_overdue` indicator's definition
    return qs


def get_task(scope: Scope, pk: int) -> Task:
    return scope.get_or_404(Task.objects.select_related("unit", "conference"), pk=pk)


# --- dashboard ---------------------------------------------------------------------------------------
HEADLINE_COUNT = 8


def dashboard(scope: Scope, unit: AdminUnit, period: Period, *, rank_code: str = "") -> dict[str, Any]:
    figures = figures_for_period(period, use_cache=True, tolerant=True)
    index = figures.index
    kids = child_ids(index, unit.pk)
    targets = targets_for(period, [unit.pk])
    rows = indicator_rows(figures, unit.pk, targets)
    with_target = [r for r in rows if r.target is not None]
    headline = (with_target + [r for r in rows if r.target is None and r.value])[:HEADLINE_COUNT]
    # ranking of the subordinate units by one indicator
    rank_indicator = figures.indicator(rank_code) if rank_code else None
    if rank_indicator is None:
        rank_indicator = next((r.indicator for r in rows if r.value), rows[0].indicator if rows else None)
    bars: list[charts.Bar] = []
    ranking: list[dict[str, Any]] = []
    if rank_indicator is not None:
        for cid in kids:
            pair = figures.pair(rank_indicator.code, cid)
            v = value_of(rank_indicator, pair)
            ranking.append({"code": index.by_id[cid].code, "name": index.by_id[cid].name, "value": v,
                            "pair": pair or (0.0, 0.0)})  # fmt: skip
        ranking.sort(key=lambda r: (r["value"] is None, -(r["value"] or 0), r["name"]))
        bars = [charts.Bar(r["name"], r["value"], *r["pair"]) for r in ranking]
    statuses = subordinate_statuses(unit, period) if unit.level < Level.COMMUNE else []
    missing = [s for s in statuses if s.status not in (ReportStatus.SUBMITTED, ReportStatus.ACCEPTED)]
    trend = monthly(unit, period, [r.indicator for r in headline[:4]] or [r.indicator for r in rows[:3]])
    return {
        "figures": figures,
        "rows": rows,
        "headline": headline,
        "rank_indicator": rank_indicator,
        "ranking": ranking,
        "statuses": statuses,
        "status_counts": status_counts(statuses),
        "missing": missing,
        "ranking_chart": charts.ranking(
            bars,
            name=str(rank_indicator.name),
            unit=str(rank_indicator.unit),
            percent=rank_indicator.unit == "%",
        )
        if rank_indicator is not None and bars
        else None,
        "share_chart": trend[0],
        "count_chart": trend[1],
    }


# the dashboard's monthly series are reused for a minute, like its roll-up (rollup.MEMO_SECONDS)
_monthly_memo = page_memo


def monthly(
    unit: AdminUnit, period: Period, indicators: list[Indicator]
) -> tuple[charts.Chart | None, charts.Chart | None]:
    """The unit's figures month by month over the period up to its as-of day (every month, zeros
    included), from the catalogue's definitions: shares on one chart, counts on another.

    The memo keeps only numbers (month labels mm/yyyy and the values by indicator code), never names: the
    charts, with the indicators' names in the reader's language, are built for each request."""
    computed = [i for i in indicators if i.compute is not None]
    as_of = fig.as_of_day(period.end)
    key = (unit.pk, period.pk, period.start, period.end, as_of, tuple(i.code for i in computed))
    hit = _monthly_memo.get(key)
    if hit is not None and hit[0] > time.monotonic():
        labels, values = hit[1]
    else:
        labels, values = _monthly_values(unit, period, computed, as_of)
        if len(_monthly_memo) > 256:
            _monthly_memo.clear()
        _monthly_memo[key] = (time.monotonic() + MEMO_SECONDS, (labels, values))
    return _monthly_charts(labels, values, computed)


def _monthly_values(
    unit: AdminUnit, period: Period, computed: list[Indicator], as_of: dt.date
) -> tuple[list[str], dict[str, list[float | None]]]:
    spans = charts.months(period.start, as_of)
    labels = [charts.month_label(lo) for lo, _hi in spans]
    index = unit_index()
    values = {
        indicator.code: [
            value_of(indicator, subtree_pair(indicator, fig.leaves(indicator, lo, hi), unit.pk, index))
            for lo, hi in spans
        ]
        for indicator in computed
    }
    return labels, values


def _monthly_charts(
    labels: list[str], values: dict[str, list[float | None]], computed: list[Indicator]
) -> tuple[charts.Chart | None, charts.Chart | None]:
    series: dict[bool, list[charts.Series]] = {True: [], False: []}
    for indicator in computed:
        name = f"{indicator.name} ({indicator.unit})"  # in the language of this request
        series[indicator.unit == "%"].append(charts.Series(name, values.get(indicator.code, [])))
    share = charts.timeline(labels, series[True], percent=True) if series[True] and labels else None
    count = charts.timeline(labels, series[False], percent=False) if series[False] and labels else None
    return share, count


def closed_period_overlapping(start: dt.date, end: dt.date, exclude_pk: int | None = None) -> Period | None:
    qs = Period.objects.filter(status=PeriodStatus.CLOSED, start__lte=end, end__gte=start)
    if exclude_pk is not None:
        qs = qs.exclude(pk=exclude_pk)
    return qs.first()


def catalogue_rows() -> list[Indicator]:
    return cat.catalogue()


def subtree_figure(code: str, unit: AdminUnit, start: dt.date, end: dt.date) -> float | None:
    """The catalogue's figure `code` for `unit`'s subtree over [start, end], as the dashboard shows it.

    Other modules' desk cards read a figure through this (not the catalogue or the roll-up directly), so a
    card and the dashboard give one number for one (unit, period, as-of)."""
    indicator = cat.get(code)
    if indicator is None:
        return None
    pair = subtree_pair(indicator, fig.leaves(indicator, start, end), unit.pk, unit_index())
    return value_of(indicator, pair)
