"""Early warning: the weekly run of the rise detector over the ledger's signals, and answering an alert."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

import numpy as np
from django.conf import settings
from django.db import connections, transaction
from django.db.models import Count, Value
from django.db.models.functions import Coalesce
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


def _grouped_signals(first: dt.date, end: dt.date) -> tuple[np.ndarray, ...]:
    """Every signal of [first, end) counted by (topic, unit, province, day) in one grouped query, read on
    the cursor (the ORM's per-row conversions would cost more than the query) into numpy columns: topic,
    unit, province (0 when unknown), the day as a number of days after `first`, and the count."""
    grouped = (
        Signal.objects.filter(on__gte=first, on__lt=end)
        .values_list("topic_id", "unit_id", Coalesce("province_id", Value(0)), "on")
        .annotate(n=Count("id"))
        .order_by()
    )
    sql, params = grouped.query.get_compiler(using=grouped.db).as_sql()
    with connections[grouped.db].cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    if not rows:
        empty = np.zeros(0, dtype=np.int64)
        return empty, empty, empty, empty, empty
    topic, unit, province, day, n = zip(*rows, strict=True)
    # a few hundred distinct days at most: each converted once (SQLite returns the text, PostgreSQL a date)
    # and looked up by a dict (numpy's unique over an object array sorted by Python comparisons: 0.9 s of
    # the 3 s national run)
    offset = {
        d: ((d if isinstance(d, dt.date) else dt.date.fromisoformat(str(d))) - first).days for d in set(day)
    }
    return (
        np.array(topic, dtype=np.int64),
        np.array(unit, dtype=np.int64),
        np.array(province, dtype=np.int64),
        np.fromiter((offset[d] for d in day), dtype=np.int64, count=len(day)),
        np.array(n, dtype=np.int64),
    )


def _series(
    topic: np.ndarray, place: np.ndarray, week: np.ndarray, n: np.ndarray, n_weeks: int
) -> tuple[np.ndarray, np.ndarray]:
    """The (topic, place) series of the rows and their weekly count matrix; rows outside [0, n_weeks)
    or without a place are left out. Returns the (topic, place) pairs (k × 2) and the counts (k × weeks)."""
    keep = (week >= 0) & (week < n_weeks) & (place > 0)
    key = (topic[keep] << 32) | place[keep]
    keys, index = np.unique(key, return_inverse=True)
    counts = np.zeros((keys.size, n_weeks), dtype=np.int64)
    np.add.at(counts, (index.reshape(-1), week[keep]), n[keep])
    return np.stack([keys >> 32, keys & 0xFFFFFFFF], axis=1), counts


def run_detection(*, today: dt.date | None = None) -> dict[str, int]:
    """Test the last complete week of every (topic, commune) and (topic, province) series; one alert row
    per rise (kept once per week). Returns the number of series tested and of alerts raised per level.
    The signals of the longest window are read once, grouped by topic, place and day (one query), and
    summed into each level's weekly series with numpy."""
    from danvan.situation import detector

    today = today or clock.today()
    last = week_start(today) - dt.timedelta(days=7)
    end = last + dt.timedelta(days=7)
    levels = {level: thresholds(level) for level in (SeriesLevel.COMMUNE, SeriesLevel.PROVINCE)}
    # the baseline, the guard week(s), the week
    spans = {level: th.baseline_weeks + detector.GUARD_WEEKS + 1 for level, th in levels.items()}
    first = end - dt.timedelta(days=7 * max(spans.values()))
    topic, unit, province, day, n = _grouped_signals(first, end)
    communes = np.array(
        AdminUnit.objects.filter(level=Level.COMMUNE).values_list("pk", flat=True), dtype=np.int64
    )
    out: dict[str, int] = {}
    for level, th in levels.items():
        span = spans[level]
        # week 0 of this level's matrix starts `span` weeks before the end
        week = (day - (end - dt.timedelta(days=7 * span) - first).days) // 7
        if level == SeriesLevel.COMMUNE:
            place = np.where(np.isin(unit, communes), unit, 0)
        else:
            place = province
        keys, counts = _series(topic, place, week, n, span)
        name = level.name.lower()
        if not len(keys):
            out[f"{name}_series"] = out[f"{name}_alerts"] = 0
            continue
        rises, base, p = detector.detect(counts, th, last_only=True)
        now = clock.now()
        alerts = [
            RiseAlert(
                unit_id=int(keys[i, 1]),
                topic_id=int(keys[i, 0]),
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
        out[f"{name}_series"] = len(keys)
        out[f"{name}_alerts"] = len(alerts)
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
        officers: dict[int, list[Any]] = {}  # per unit: a unit's several topics ask once
        for alert in fresh:
            if (alert.unit_id, alert.topic_id) in going_on:
                continue
            url = settings.SITE_URL + reverse("situation:ledger-detail")
            url += "?" + urlencode({"unit": alert.unit.code, "topic": str(alert.topic_id), "days": "30"})
            if alert.unit_id not in officers:
                officers[alert.unit_id] = responsible_for(alert.unit)
            for officer in officers[alert.unit_id]:
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
