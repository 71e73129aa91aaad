"""Charts that cannot mislabel (issue #15), as Chart.js configurations with the table of the same numbers.

- every bar carries its unit's name: horizontal bars, every tick drawn (no auto-skip), the box as tall as
  the bars need; beyond `TOP` units the rest are one bar, "Các đơn vị còn lại (n)", whose share is
  recomputed from the summed numerators and denominators;
- percentages and counts never share an axis: a chart holds one kind (a share axis runs 0-100 %);
- a time series has every month, zeros included;
- each chart comes with `table`: the same labels and values, formatted by the one number formatter, that
  the page shows beside it (`includes/chart.html`); tests compare the two.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from danvan.core.numbers import chart_value, format_number

TOP = 20  # bars shown before "the rest"; 34 provinces are all shown (see `ranking`)
ALL_UP_TO = 40
PALETTE = ["#b3261e", "#1f5fa8", "#2e7d32", "#ef6c00", "#6a1b9a", "#00838f"]


@dataclass
class Chart:
    """A Chart.js configuration and the table of the same numbers."""

    config: dict[str, Any]
    header: list[str]
    rows: list[list[str]] = field(default_factory=list)  # [label, formatted value, ...]
    size: str = ""  # CSS class of the box: "", "tall", "taller"

    @property
    def empty(self) -> bool:
        return not self.rows


@dataclass(frozen=True)
class Bar:
    label: str
    value: float | None
    numerator: float = 0.0
    denominator: float = 0.0


def _size(n: int) -> str:
    return "" if n <= 10 else "tall" if n <= 20 else "taller"


def _value_axis(percent: bool, title: str) -> dict[str, Any]:
    axis: dict[str, Any] = {"beginAtZero": True, "title": {"display": True, "text": title}}
    if percent:
        axis.update({"min": 0, "max": 100})
    else:
        axis["ticks"] = {"precision": 0}
    return axis


def ranking(bars: Sequence[Bar], *, name: str, unit: str, percent: bool, top: int = TOP) -> Chart:
    """Units ranked by one figure: every unit when there are at most `ALL_UP_TO` (the 34 provinces), else
    the first `top` and one bar for the rest (a share recomputed from the summed terms, a count summed)."""
    shown = list(bars)
    if len(shown) > ALL_UP_TO:
        rest = shown[top:]
        shown = shown[:top]
        if percent:
            n = sum(b.numerator for b in rest)
            d = sum(b.denominator for b in rest)
            value = round(n / d * 100, 2) if d else None
        else:
            value = sum(b.value or 0 for b in rest)
        shown.append(Bar(_("Các đơn vị còn lại (%(n)d)") % {"n": len(rest)}, value))
    values = [chart_value(b.value, percent=percent) for b in shown]
    title = "%" if percent else unit
    config = {
        "type": "bar",
        "data": {
            "labels": [b.label for b in shown],
            "datasets": [{"label": f"{name} ({unit})", "data": values, "backgroundColor": PALETTE[0]}],
        },
        "options": {
            "indexAxis": "y",
            "plugins": {"legend": {"display": False}},
            "scales": {"y": {"ticks": {"autoSkip": False}}, "x": _value_axis(percent, title)},
            "danvan": {"percent": percent},
        },
    }
    rows = [[b.label, format_number(b.value, percent=percent)] for b in shown]
    return Chart(config=config, header=[_("Đơn vị"), f"{name} ({unit})"], rows=rows, size=_size(len(shown)))


def grouped(labels: Sequence[str], series: Sequence[Series], *, unit: str, top: int = TOP) -> Chart:
    """Counts of several kinds per unit (registered, recognised…), as horizontal bars: every unit named when
    there are at most `ALL_UP_TO`, else the first `top` and one bar for the rest (summed counts)."""
    names = list(labels)
    values = [list(s.values) for s in series]
    if len(names) > ALL_UP_TO:
        rest = len(names) - top
        names = [*names[:top], _("Các đơn vị còn lại (%(n)d)") % {"n": rest}]
        values = [[*v[:top], sum(x or 0 for x in v[top:])] for v in values]
    config = {
        "type": "bar",
        "data": {
            "labels": names,
            "datasets": [
                {
                    "label": s.name,
                    "data": [chart_value(x, percent=False) for x in v],
                    "backgroundColor": PALETTE[i % len(PALETTE)],
                }
                for i, (s, v) in enumerate(zip(series, values, strict=True))
            ],
        },
        "options": {
            "indexAxis": "y",
            "plugins": {"legend": {"position": "bottom"}},
            "scales": {"y": {"ticks": {"autoSkip": False}}, "x": _value_axis(False, unit)},
            "danvan": {"percent": False},
        },
    }
    rows = [[name, *[format_number(v[i]) for v in values]] for i, name in enumerate(names)]
    return Chart(
        config=config,
        header=[_("Đơn vị"), *[s.name for s in series]],
        rows=rows,
        size=_size(len(names) * max(1, len(series)) // 2),
    )


def months(start: dt.date, end: dt.date) -> list[tuple[dt.date, dt.date]]:
    """Every month overlapping [start, end], clipped to it (the first and last may be partial)."""
    out = []
    first = start.replace(day=1)
    while first <= end:
        following = dt.date(first.year + (first.month == 12), first.month % 12 + 1, 1)
        out.append((max(first, start), min(following - dt.timedelta(days=1), end)))
        first = following
    return out


def month_label(day: dt.date) -> str:
    return f"{day.month:02d}/{day.year}"


@dataclass(frozen=True)
class Series:
    name: str
    values: list[float | None]


def timeline(labels: list[str], series: Sequence[Series], *, percent: bool, unit: str = "") -> Chart:
    """One kind of figure (shares, or counts) by month: every month a point, zeros included."""
    config = {
        "type": "line" if percent else "bar",
        "data": {
            "labels": labels,
            "datasets": [
                {
                    "label": s.name,
                    "data": [chart_value(v, percent=percent) for v in s.values],
                    "borderColor": PALETTE[i % len(PALETTE)],
                    "backgroundColor": PALETTE[i % len(PALETTE)],
                    "tension": 0.2,
                }
                for i, s in enumerate(series)
            ],
        },
        "options": {
            "plugins": {"legend": {"position": "bottom"}},
            "scales": {"y": _value_axis(percent, "%" if percent else unit or _("số lượng"))},
            "danvan": {"percent": percent},
        },
    }
    rows = [
        [label, *[format_number(s.values[i], percent=percent) for s in series]]
        for i, label in enumerate(labels)
    ]
    return Chart(config=config, header=[_("Tháng"), *[s.name for s in series]], rows=rows)
