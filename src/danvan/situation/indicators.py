"""Nắm tình hình nhân dân: figures for the periodic reviews (one grouped query each over small tables).

Reports filed on time, hotspots opened and closed (and how long they took), polls run and their
responses, rising issues answered.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from danvan.core import clock
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
    best: dict[int, float] = {}
    for unit_id, opened, closed in _closed(start, end).values_list("unit_id", "opened_on", "closed_on"):
        if closed is None:
            continue
        days = float((closed - opened).days)
        best[unit_id] = max(best.get(unit_id, 0.0), days)
    return [UnitFigure(k, v) for k, v in best.items()]


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
        compute=lambda s, e: _counted(_due(s, e), ok=Q(is_late=False)),
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
        compute=lambda s, e: _counted(_opened(s, e)),
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
        compute=lambda s, e: _counted(_closed(s, e)),
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
        compute=lambda s, e: _counted(
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
        compute=lambda s, e: _counted(_polls(s, e)),
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
        compute=lambda s, e: _counted(_responses(s, e), field="poll__unit_id"),
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
        compute=lambda s, e: _counted(_alerts(s, e), ok=Q(state=AlertState.ANSWERED)),
        drilldown=lambda p, s, e: _in(_alerts(s, e), p),
        drill_measure="",
        order=40,
        max_value=100,
        base=_("tuần phát hiện"),
    )
)
