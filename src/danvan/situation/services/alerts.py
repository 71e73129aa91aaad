"""Early warning: the weekly run of the rise detector over the ledger's signals, and answering an alert."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
from django.conf import settings
from django.db import transaction
from django.db.models import Count
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.core.workflow import Refused, perform
from danvan.situation.models import RiseAlert, RiseThreshold, SeriesLevel, Signal
from danvan.situation.periods import week_start
from danvan.situation.rulebook import RULEBOOK
from danvan.situation.workflow import ALERT
from danvan.territory.models import AdminUnit, Level

if TYPE_CHECKING:  # the detector (scipy) loads in the worker's run only, never on the web path
    from danvan.situation import detector


def thresholds(level: int) -> detector.Thresholds:
    from danvan.situation import detector

    row = RiseThreshold.objects.filter(level=level).first()
    if row is None:
        return detector.Thresholds()
    return detector.Thresholds(
        p_value=row.p_value,
        min_count=row.min_count,
        min_ratio=row.min_ratio,
        baseline_weeks=row.baseline_weeks,
    )


def set_thresholds(
    *, actor: Any, level: int, p_value: float, min_count: int, min_ratio: float, baseline_weeks: int
) -> RiseThreshold:
    nation = AdminUnit.objects.filter(level=Level.NATION).first()
    RULEBOOK.require(actor, "set_thresholds", nation)
    if not 0 < p_value < 0.5:
        raise Refused(_("Ngưỡng xác suất phải lớn hơn 0 và nhỏ hơn 0,5."), field="p_value")
    if not 1 <= min_count <= 1000:
        raise Refused(_("Số tín hiệu tối thiểu phải từ 1 đến 1.000."), field="min_count")
    if not 1 <= min_ratio <= 100:
        raise Refused(_("Hệ số gấp tối thiểu phải từ 1 đến 100."), field="min_ratio")
    if not 4 <= baseline_weeks <= 52:
        raise Refused(_("Số tuần tính mức nền phải từ 4 đến 52."), field="baseline_weeks")
    with transaction.atomic():
        row, _created = RiseThreshold.objects.update_or_create(
            level=level,
            defaults={
                "p_value": p_value,
                "min_count": min_count,
                "min_ratio": min_ratio,
                "baseline_weeks": baseline_weeks,
            },
        )
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            obj=row,
            unit=nation,
            summary=f"Ngưỡng cảnh báo sớm: {row}",
        )
    return row


def _series(rows: Any, first: dt.date, n_weeks: int) -> tuple[list[tuple[int, int]], np.ndarray]:
    """Rows (topic, place, day, n) → the series keys and their weekly count matrix."""
    keys: dict[tuple[int, int], int] = {}
    cells: list[tuple[int, int, int]] = []
    for topic, place, day, n in rows:
        w = (day - first).days // 7
        if 0 <= w < n_weeks and place is not None:
            idx = keys.setdefault((topic, place), len(keys))
            cells.append((idx, w, n))
    counts = np.zeros((len(keys), n_weeks), dtype=np.int64)
    if cells:
        arr = np.array(cells, dtype=np.int64)
        np.add.at(counts, (arr[:, 0], arr[:, 1]), arr[:, 2])
    return list(keys), counts


def run_detection(*, today: dt.date | None = None) -> dict[str, int]:
    """Test the last complete week of every (topic, commune) and (topic, province) series; one alert row
    per rise (kept once per week). Returns the number of series tested and of alerts raised per level."""
    from danvan.situation import detector

    today = today or clock.today()
    last = week_start(today) - dt.timedelta(days=7)
    out: dict[str, int] = {}
    for level, field, filters in (
        (SeriesLevel.COMMUNE, "unit_id", {"unit__level": Level.COMMUNE}),
        (SeriesLevel.PROVINCE, "province_id", {}),
    ):
        th = thresholds(level)
        span = th.baseline_weeks + detector.GUARD_WEEKS + 1  # the baseline, the guard week(s), the week
        first = last - dt.timedelta(days=7 * (span - 1))
        rows = (
            Signal.objects.filter(on__gte=first, on__lt=last + dt.timedelta(days=7), **filters)
            .values_list("topic_id", field, "on")
            .annotate(n=Count("id"))
            .order_by()
        )
        keys, counts = _series(rows, first, span)
        if not keys:
            out[f"{level.name.lower()}_series"] = out[f"{level.name.lower()}_alerts"] = 0
            continue
        rises, base, p = detector.detect(counts, th, last_only=True)
        now = clock.now()
        alerts = [
            RiseAlert(
                unit_id=keys[i][1],
                topic_id=keys[i][0],
                week_start=last,
                count=int(counts[i, -1]),
                baseline=float(base[i, 0]),
                p_value=float(p[i, 0]),
                created_at=now,
            )
            for i in np.flatnonzero(rises[:, 0])
        ]
        with transaction.atomic():
            RiseAlert.objects.bulk_create(alerts, ignore_conflicts=True)
        out[f"{level.name.lower()}_series"] = len(keys)
        out[f"{level.name.lower()}_alerts"] = len(alerts)
    out["notified"] = notify_rises(last)
    return out


#: a rise flagged again within this many days of an earlier alert of the same series is the same rise
SAME_RISE_DAYS = 14


def notify_rises(week: dt.date) -> int:
    """Write to the officers responsible for the unit of each new rise of `week` (notifications outbox,
    template `situation_rise`, link to the ledger filtered to the topic and the unit), once per rise: an
    alert whose series was already flagged in the `SAME_RISE_DAYS` before is the same rise going on, and
    a re-run finds every alert of the week marked. Returns the number of messages written."""
    from danvan.notifications.models import Channel
    from danvan.notifications.officers import responsible_for
    from danvan.notifications.services import Message, enqueue

    with transaction.atomic():
        fresh = list(
            RiseAlert.objects.select_for_update(of=("self",))
            .filter(week_start=week, notified_at__isnull=True)
            .select_related("unit", "topic")
            .order_by("pk")
        )
        if not fresh:
            return 0
        going_on = set(
            RiseAlert.objects.filter(
                week_start__gte=week - dt.timedelta(days=SAME_RISE_DAYS),
                week_start__lt=week,
                unit_id__in={a.unit_id for a in fresh},
            ).values_list("unit_id", "topic_id")
        )
        messages: list[Message] = []
        for alert in fresh:
            if (alert.unit_id, alert.topic_id) in going_on:
                continue
            url = settings.SITE_URL + reverse("situation:ledger-detail")
            url += "?" + urlencode({"unit": alert.unit.code, "topic": str(alert.topic_id), "days": "30"})
            for officer in responsible_for(alert.unit):
                if not officer.preference.rise_alerts:
                    continue
                messages.append(
                    Message(
                        Channel.EMAIL,
                        officer.user.email,
                        "situation_rise",
                        {
                            "name": officer.user.full_name,
                            "topic": alert.topic.name,
                            "unit": alert.unit.name,
                            "week": clock.format_date(alert.week_start),
                            "count": alert.count,
                            "baseline": f"{alert.baseline:.1f}".replace(
                                ".", "," if officer.preference.language == "vi" else "."
                            ),
                            "url": url,
                        },
                        language=officer.preference.language,
                        case=alert,
                    )
                )
        RiseAlert.objects.filter(pk__in=[a.pk for a in fresh]).update(notified_at=clock.now())
        return enqueue(messages)


def answer_alert(*, actor: Any, alert: RiseAlert, answer: str, version: int | None = None) -> RiseAlert:
    answer = (answer or "").strip()
    if not answer:
        raise Refused(_("Hãy ghi đã xử lý thế nào (kiểm tra, đối thoại, mở điểm nóng…)."), field="answer")

    def apply(locked: RiseAlert) -> None:
        locked.answer = answer[:2000]
        locked.answered_at = clock.now()

    return perform(
        ALERT, "answer_alert", actor=actor, record=alert, version=version, reason=answer, apply=apply
    )
