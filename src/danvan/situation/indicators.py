"""Nắm tình hình nhân dân: figures for the periodic reviews.

Reports filed on time, hotspots opened and closed (and how long they took), polls run and their
responses, rising issues answered. A national year holds some hundred thousand of each (weekly reports of
3,321 communes), so the counts read the aggregate tables kept by triggers (reporting/counts.py), each with
a `recount` straight from the records; the longest time to close (a maximum, which a count table cannot
keep) is one grouped query.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
from danvan.reporting import counts
from danvan.reporting.counts import Fact, day_after, local_day, register_fact
from danvan.reporting.registry import Indicator, UnitFigure, register_indicator
from danvan.situation.models import (
    AlertState,
    Hotspot,
    HotspotState,
    Poll,
    PollResponse,
    PollState,
    ReportKind,
    RiseAlert,
    SituationReport,
)
from danvan.territory.models import SUBTREE_END

CLOSE_WITHIN_DAYS = 90


register_fact(
    Fact(
        name="situation.reports_due",  # a periodic report, on its due day; key: '1' filed late
        table="situation_situationreport",
        day=lambda v, r: f"{r}.due_on",
        key=lambda v, r: f"CASE WHEN {r}.is_late THEN '1' ELSE '0' END",
        when=lambda v, r: f"{r}.kind = '{ReportKind.PERIODIC.value}'",
        columns=("due_on", "is_late", "kind"),
    )
)
register_fact(
    Fact(
        name="situation.hotspots_opened",
        table="situation_hotspot",
        day=lambda v, r: f"{r}.opened_on",
        columns=("opened_on",),
    )
)
register_fact(
    Fact(
        name="situation.hotspots_closed",  # on its closing day; key: '1' closed within CLOSE_WITHIN_DAYS
        table="situation_hotspot",
        day=lambda v, r: f"{r}.closed_on",
        key=lambda v, r: (
            f"CASE WHEN {r}.closed_on <= {day_after(v, f'{r}.opened_on', CLOSE_WITHIN_DAYS)} THEN '1' ELSE '0' END"
        ),
        when=lambda v, r: f"{r}.state = '{HotspotState.CLOSED.value}'",
        columns=("closed_on", "opened_on", "state"),
    )
)
register_fact(
    Fact(
        name="situation.hotspot_days",  # a closed hotspot, on its closing day; key: days it took, zero-padded
        table="situation_hotspot",
        day=lambda v, r: f"{r}.closed_on",
        key=lambda v, r: _padded_days(v, f"{r}.opened_on", f"{r}.closed_on"),
        when=lambda v, r: f"{r}.state = '{HotspotState.CLOSED.value}'",
        columns=("closed_on", "opened_on", "state"),
    )
)
register_fact(
    Fact(
        name="situation.polls_run",  # a poll that was opened, on its first day
        table="situation_poll",
        day=lambda v, r: f"{r}.opens_on",
        when=lambda v, r: f"{r}.state <> '{PollState.DRAFT.value}'",
        columns=("opens_on", "state"),
    )
)
register_fact(
    Fact(
        name="situation.poll_responses",  # a response, on its local day, for the poll's unit
        table="situation_pollresponse",
        day=lambda v, r: local_day(v, f"{r}.submitted_at"),
        columns=("submitted_at",),
        via=("poll_id", "situation_poll"),
    )
)
register_fact(
    Fact(
        name="situation.rise_alerts",  # a rise alert, on its week's first day; key: '1' answered
        table="situation_risealert",
        day=lambda v, r: f"{r}.week_start",
        key=lambda v, r: f"CASE WHEN {r}.state = '{AlertState.ANSWERED.value}' THEN '1' ELSE '0' END",
        columns=("week_start", "state"),
    )
)


def _padded_days(vendor: str, first: str, last: str) -> str:
    """Whole days from `first` to `last` (0 if negative) as five-digit text: the longest sorts last."""
    if vendor == "postgresql":
        return f"lpad(GREATEST({last} - {first}, 0)::text, 5, '0')"
    return f"printf('%05d', max(CAST(julianday({last}) - julianday({first}) AS INTEGER), 0))"


def _in(qs: QuerySet[Any], path: str, field: str = "unit") -> QuerySet[Any]:
    return qs.filter(**{f"{field}__path__gte": path, f"{field}__path__lt": path + SUBTREE_END})


def _counted(qs: QuerySet[Any], field: str = "unit_id", ok: Q | None = None) -> list[UnitFigure]:
    if ok is None:
        rows = qs.values(field).annotate(n=Count("id")).order_by()
        return [UnitFigure(r[field], r["n"]) for r in rows]
    rows = qs.values(field).annotate(n=Count("id"), ok=Count("id", filter=ok)).order_by()
    return [UnitFigure(r[field], r["ok"], r["n"]) for r in rows]


def _due(start: dt.date, end: dt.date) -> QuerySet[SituationReport]:
    return SituationReport.objects.filter(kind=ReportKind.PERIODIC, due_on__gte=start, due_on__lte=end)


def _opened(start: dt.date, end: dt.date) -> QuerySet[Hotspot]:
    return Hotspot.objects.filter(opened_on__gte=start, opened_on__lte=end)


def _closed(start: dt.date, end: dt.date) -> QuerySet[Hotspot]:
    return Hotspot.objects.filter(state=HotspotState.CLOSED, closed_on__gte=start, closed_on__lte=end)


def _days_to_close(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    """The longest time to close, per unit: the largest key among the period's counted closings (a maximum
    over the year, month and day buckets of the period is the maximum over its days)."""
    rows = counts.largest_key(counts.in_range("situation.hotspot_days", start, end))
    return [UnitFigure(unit_id, float(int(most))) for unit_id, most in rows]


def _days_to_close_recount(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
    best: dict[int, float] = {}
    for unit_id, opened, closed in _closed(start, end).values_list("unit_id", "opened_on", "closed_on"):
        if closed is None:
            continue
        days = float((closed - opened).days)
        best[unit_id] = max(best.get(unit_id, 0.0), days)
    return [UnitFigure(k, v) for k, v in best.items()]


def _count(fact: str, numerator: Q | None = None) -> Any:
    """The figure of `fact` over the period from the count tables (with `numerator`: the share of it)."""

    def compute(start: dt.date, end: dt.date) -> Iterable[UnitFigure]:
        return counts.figures(counts.in_range(fact, start, end), numerator=numerator)

    return compute


def _polls(start: dt.date, end: dt.date) -> QuerySet[Poll]:
    return Poll.objects.exclude(state=PollState.DRAFT).filter(opens_on__gte=start, opens_on__lte=end)


def _responses(start: dt.date, end: dt.date) -> QuerySet[PollResponse]:
    return PollResponse.objects.filter(
        submitted_at__gte=clock.start_of_day(start),
        submitted_at__lt=clock.start_of_day(end + dt.timedelta(days=1)),
    )


def _alerts(start: dt.date, end: dt.date) -> QuerySet[RiseAlert]:
    return RiseAlert.objects.filter(week_start__gte=start, week_start__lte=end)


register_indicator(
    Indicator(
        code="situation.reports_on_time",
        name=_("Tỷ lệ báo cáo tình hình định kỳ nộp đúng hạn"),
        unit="%",
        aggregation="ratio",
        module="situation",
        definition=_(
            "Báo cáo định kỳ của cộng tác viên có hạn nộp trong kỳ, nộp không muộn, trên tổng số báo cáo định kỳ đến hạn."
        ),
        compute=_count("situation.reports_due", numerator=Q(dim="0")),
        recount=lambda s, e: _counted(_due(s, e), ok=Q(is_late=False)),
        drilldown=lambda p, s, e: _in(_due(s, e).select_related("unit"), p),
        drill_measure="",  # the drill-down lists the evidence (every report considered), not a count
        order=10,
        max_value=100,
        base=_("hạn nộp"),
    )
)
register_indicator(
    Indicator(
        code="situation.hotspots_opened",
        name=_("Số điểm nóng phát sinh"),
        unit=_("điểm"),
        aggregation="sum",
        module="situation",
        definition=_("Hồ sơ điểm nóng được mở trong kỳ."),
        compute=_count("situation.hotspots_opened"),
        recount=lambda s, e: _counted(_opened(s, e)),
        drilldown=lambda p, s, e: _in(_opened(s, e), p),
        order=20,
        base=_("ngày mở"),
    )
)
register_indicator(
    Indicator(
        code="situation.hotspots_closed",
        name=_("Số điểm nóng đã giải quyết xong"),
        unit=_("điểm"),
        aggregation="sum",
        module="situation",
        definition=_("Điểm nóng kết thúc trong kỳ (có bài học kinh nghiệm)."),
        compute=_count("situation.hotspots_closed"),
        recount=lambda s, e: _counted(_closed(s, e)),
        drilldown=lambda p, s, e: _in(_closed(s, e), p),
        order=21,
        base=_("ngày kết thúc"),
    )
)
register_indicator(
    Indicator(
        code="situation.hotspots_closed_in_time",
        name=format_lazy(_("Tỷ lệ điểm nóng giải quyết trong {} ngày"), CLOSE_WITHIN_DAYS),
        unit="%",
        aggregation="ratio",
        module="situation",
        definition=format_lazy(
            _(
                "Điểm nóng kết thúc trong kỳ mà từ ngày mở đến ngày kết thúc không quá {} ngày, trên số điểm nóng kết thúc trong kỳ."
            ),
            CLOSE_WITHIN_DAYS,
        ),
        compute=_count("situation.hotspots_closed", numerator=Q(dim="1")),
        recount=lambda s, e: _counted(
            _closed(s, e), ok=Q(closed_on__lte=F("opened_on") + dt.timedelta(days=CLOSE_WITHIN_DAYS))
        ),
        drilldown=lambda p, s, e: _in(_closed(s, e), p),
        drill_measure="",
        order=22,
        max_value=100,
        base=_("ngày kết thúc"),
    )
)
register_indicator(
    Indicator(
        code="situation.hotspot_days_to_close_max",
        name=_("Thời gian giải quyết điểm nóng dài nhất"),
        unit=_("ngày"),
        aggregation="max",
        module="situation",
        definition=_(
            "Số ngày từ khi mở đến khi kết thúc của điểm nóng kết thúc trong kỳ mất nhiều thời gian nhất."
        ),
        compute=_days_to_close,
        recount=_days_to_close_recount,
        drilldown=lambda p, s, e: _in(_closed(s, e), p),
        drill_measure="",
        order=23,
        base=_("ngày kết thúc"),
    )
)
register_indicator(
    Indicator(
        code="situation.polls_run",
        name=_("Số cuộc thăm dò dư luận"),
        unit=_("cuộc"),
        aggregation="sum",
        module="situation",
        definition=_("Cuộc thăm dò dư luận bắt đầu trong kỳ."),
        compute=_count("situation.polls_run"),
        recount=lambda s, e: _counted(_polls(s, e)),
        drilldown=lambda p, s, e: _in(_polls(s, e), p),
        order=30,
        base=_("ngày bắt đầu"),
    )
)
register_indicator(
    Indicator(
        code="situation.poll_responses",
        name=_("Số phiếu trả lời thăm dò dư luận"),
        unit=_("phiếu"),
        aggregation="sum",
        module="situation",
        definition=_("Phiếu trả lời nhận trong kỳ, tính cho đơn vị tổ chức cuộc thăm dò."),
        compute=_count("situation.poll_responses"),
        recount=lambda s, e: _counted(_responses(s, e), field="poll__unit_id"),
        drilldown=lambda p, s, e: _in(_responses(s, e), p, "poll__unit"),
        order=31,
        base=_("thời điểm trả lời"),
    )
)
register_indicator(
    Indicator(
        code="situation.rising_answered",
        name=_("Tỷ lệ vấn đề đang tăng đã được xử lý"),
        unit="%",
        aggregation="ratio",
        module="situation",
        definition=_(
            "Cảnh báo sớm (vấn đề tăng bất thường) của các tuần trong kỳ đã được ghi cách xử lý hoặc mở điểm nóng, trên tổng số cảnh báo."
        ),
        compute=_count("situation.rise_alerts", numerator=Q(dim="1")),
        recount=lambda s, e: _counted(_alerts(s, e), ok=Q(state=AlertState.ANSWERED)),
        drilldown=lambda p, s, e: _in(_alerts(s, e), p),
        drill_measure="",
        order=40,
        max_value=100,
        base=_("tuần phát hiện"),
    )
)
