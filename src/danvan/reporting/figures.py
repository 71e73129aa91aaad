"""One truth for every figure (issue #15): how a figure of the catalogue is computed for (unit subtree,
period, as-of day), and how a screen says which figure it shows.

Every number a page, card, counter, drill-down, export or API answer shows goes through here (or through
`rollup.figures_for_period`, which calls `leaves`), so two screens never compute one figure two ways:

- a *flow* figure counts the records whose base date (`Indicator.base`: received, resolved, held, due…)
  falls in [start, end];
- a *stock* figure (`Indicator.stock`: overdue, open) counts the records in that state at the as-of day:
  the period's last day once it has passed, today while the period is running (`as_of_day`). A closed
  period shows the figures frozen when it was closed (`rollup.frozen_totals`), a submitted report the
  figures frozen when it was submitted (`Report.figures`), each labelled with that instant.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils.translation import gettext as _

from danvan.core import clock
from danvan.reporting.registry import Indicator, UnitFigure


def as_of_day(end: dt.date, today: dt.date | None = None) -> dt.date:
    """The day a stock figure of a period ending on `end` is counted at: `end` once passed, else today."""
    return min(end, today or clock.today())


def window(indicator: Indicator, start: dt.date, end: dt.date) -> tuple[dt.date, dt.date]:
    """The (start, end) a computed indicator's `compute`/`drilldown` receives for the period [start, end]."""
    return (start, as_of_day(end)) if indicator.stock else (start, end)


def leaves(indicator: Indicator, start: dt.date, end: dt.date) -> list[UnitFigure]:
    """The leaf figures of a computed indicator for the period [start, end] (stock: at its as-of day)."""
    if indicator.compute is None:
        raise ValueError(f"{indicator.code} is entered by hand, not computed")
    lo, hi = window(indicator, start, end)
    return list(indicator.compute(lo, hi))


def recount(indicator: Indicator, start: dt.date, end: dt.date) -> list[UnitFigure] | None:
    """The same leaf figures straight from the records (None when the indicator has no recount)."""
    if indicator.recount is None:
        return None
    lo, hi = window(indicator, start, end)
    return list(indicator.recount(lo, hi))


def records(indicator: Indicator, unit_path: str, start: dt.date, end: dt.date) -> Any:
    """The records behind a computed figure of the subtree at `unit_path` (None without a drill-down)."""
    if indicator.drilldown is None:
        return None
    lo, hi = window(indicator, start, end)
    return indicator.drilldown(unit_path, lo, hi)


def base_label(indicator: Indicator) -> str:
    """What puts a record in the figure, as a screen says it."""
    if indicator.compute is None:
        return _("Số liệu đơn vị nhập cho kỳ.")
    if indicator.stock:
        if indicator.base:
            return _("Tính tại một thời điểm (theo %(base)s).") % {"base": indicator.base}
        return _("Tính tại một thời điểm.")
    return _("Tính theo %(base)s trong kỳ.") % {"base": indicator.base} if indicator.base else ""


def as_of_label(
    *, end: dt.date, live: bool, frozen_at: dt.datetime | None = None, today: dt.date | None = None
) -> str:
    """The as-of rule of a set of figures, as a screen says it (dd/mm/yyyy, Vietnam time)."""
    if frozen_at is not None or not live:
        if frozen_at is not None:
            return _("Số liệu đã chốt lúc %(at)s; số tồn (quá hạn, đang mở) tính đến hết ngày %(end)s.") % {
                "at": clock.format_datetime(frozen_at),
                "end": clock.format_date(end),
            }
        return _("Số liệu đã chốt; số tồn (quá hạn, đang mở) tính đến hết ngày %(end)s.") % {
            "end": clock.format_date(end)
        }
    day = as_of_day(end, today)
    if day < end:
        return _(
            "Số liệu trực tiếp, tính đến hôm nay %(day)s; số tồn (quá hạn, đang mở) tính tại hôm nay."
        ) % {"day": clock.format_date(day)}
    return _("Số liệu trực tiếp; số tồn (quá hạn, đang mở) tính đến hết ngày cuối kỳ %(end)s.") % {
        "end": clock.format_date(end)
    }


def today_label(today: dt.date | None = None) -> str:
    """What a desk card says: its figures are counted today."""
    return _("Tính đến hôm nay, %(day)s.") % {"day": clock.format_date(today or clock.today())}
