"""Nắm tình hình nhân dân: reads, every one through `accounts.scoping.Scope` (the public poll page reads
an open public poll only)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db import connection
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext
from django.utils.translation import gettext as _

from danvan.accounts.models import Role, RoleAssignment
from danvan.accounts.scoping import Scope
from danvan.core import clock
from danvan.core.charts import Bar, Chart, ranking
from danvan.situation.models import (
    AlertState,
    Brief,
    Hotspot,
    HotspotState,
    Poll,
    PollAnswer,
    PollResponse,
    PollState,
    PollTarget,
    QuestionKind,
    ReportKind,
    ReportSchedule,
    RiseAlert,
    Signal,
    SituationReport,
    Source,
    Topic,
)
from danvan.situation.periods import previous_period
from danvan.territory.models import SUBTREE_END, AdminUnit, Level, Village

LEDGER_DAYS = 30


def _in(unit: AdminUnit, field: str = "unit") -> Q:
    return Q(**{f"{field}__path__gte": unit.path, f"{field}__path__lt": unit.path + SUBTREE_END})


def topics() -> QuerySet[Topic]:
    return Topic.objects.filter(is_active=True).order_by("order", "code")


# --- reports ------------------------------------------------------------------------------------------


def report_communes(scope: Scope) -> QuerySet[AdminUnit]:
    """The communes the user may file a report for (a collaborator's, an officer's)."""
    roles = {Role.COLLABORATOR, Role.OFFICER, Role.UNIT_HEAD, Role.ADMIN}
    return scope.units(roles).filter(level=Level.COMMUNE).order_by("path")


def report_villages(scope: Scope) -> QuerySet[Village]:
    return Village.objects.filter(unit__in=report_communes(scope)).order_by("unit__path", "code")


def reports_for(
    scope: Scope, user: Any = None, *, unit: AdminUnit | None = None, state: str = ""
) -> QuerySet[SituationReport]:
    """Reports of the user's subtrees (officers) and the user's own (collaborators)."""
    base = SituationReport.objects.select_related("unit", "village", "author")
    qs = scope.filter(base)
    if user is not None and getattr(user, "pk", None):
        qs = qs | base.filter(author=user)
    if unit is not None:
        qs = qs.filter(_in(unit))
    if state:
        qs = qs.filter(state=state)
    return qs.prefetch_related("topics").order_by("-submitted_at", "-id")


def report_for(scope: Scope, user: Any, pk: int) -> SituationReport:
    report = reports_for(scope, user).filter(pk=pk).first()
    if report is None:
        raise Http404(_("Không tìm thấy báo cáo trong phạm vi của bạn."))
    return report


@dataclass
class Missing:
    """A collaborator who has not filed the periodic report of the last closed period, past its due date."""

    user: Any
    unit: AdminUnit
    period_start: dt.date
    due_on: dt.date


def missing_reports(scope: Scope, today: dt.date | None = None) -> list[Missing]:
    """Collaborators in the user's subtrees with no periodic report for their last period past due."""
    today = today or clock.today()
    schedules = {s.unit.path: s for s in ReportSchedule.objects.select_related("unit")}
    if not schedules:
        return []
    grants = (
        RoleAssignment.objects.filter(role=Role.COLLABORATOR, unit__level=Level.COMMUNE)
        .filter(scope.unit_q("unit"))
        .select_related("unit", "user")
        .order_by("unit__path", "user__username")
    )
    out = []
    for g in grants:
        parts = g.unit.path.strip("/").split("/")
        schedule = next(
            (schedules[p] for i in range(len(parts), 0, -1) if (p := "/".join(parts[:i]) + "/") in schedules),
            None,
        )
        if schedule is None:
            continue
        start, end = previous_period(today, schedule.frequency)
        due = end + dt.timedelta(days=schedule.grace_days)
        if today <= due:
            continue
        filed = SituationReport.objects.filter(
            author=g.user, unit=g.unit, kind=ReportKind.PERIODIC, period_start=start
        ).exists()
        if not filed:
            out.append(Missing(user=g.user, unit=g.unit, period_start=start, due_on=due))
    return out


# --- the ledger ---------------------------------------------------------------------------------------


@dataclass
class LedgerRow:
    topic_id: int
    topic: str
    unit_id: int
    unit: str
    n: int
    sources: int
    by_source: dict[str, int]
    clusters: int = 0  # near-identical copies counted once (`services.clusters`)
    largest: int = 1  # the size of the largest cluster (1: no copies)


def _signals_in(unit: AdminUnit) -> QuerySet[Signal]:
    if unit.level == Level.PROVINCE:
        return Signal.objects.filter(province_id=unit.pk)
    if unit.level == Level.COMMUNE:
        return Signal.objects.filter(unit_id=unit.pk)
    return Signal.objects.all()


def ledger(
    scope: Scope,
    unit: AdminUnit,
    *,
    days: int = LEDGER_DAYS,
    today: dt.date | None = None,
    topic: Topic | None = None,
) -> list[LedgerRow]:
    """Signals of the last `days` days in `unit`, grouped by topic and place, most signals first; with the
    number of clusters (near-identical copies counted once) and the largest cluster's size."""
    if not scope.can_see(unit):
        raise Http404(_("Đơn vị ngoài phạm vi của bạn."))
    today = today or clock.today()
    qs = _signals_in(unit).filter(on__gt=today - dt.timedelta(days=days), on__lte=today)
    if topic is not None:
        qs = qs.filter(topic=topic)
    # One grouped pass without joins or COUNT(DISTINCT): per (topic, place, source, cluster); a signal
    # without copies has cluster "" and is its own cluster, copies share their first signal's key.
    cells = qs.order_by().values_list("topic_id", "unit_id", "source", "cluster").annotate(n=Count("id"))
    sql, params = cells.query.sql_with_params()
    with connection.cursor() as cursor:  # plain tuples: no per-value converters on a few thousand rows
        cursor.execute(sql, params)
        fetched = cursor.fetchall()
    groups: dict[tuple[int, int], _Group] = {}
    for topic_id, unit_id, source, cluster, n in fetched:
        g = groups.get((topic_id, unit_id))
        if g is None:
            g = groups[(topic_id, unit_id)] = _Group()
        g.n += n
        g.by_source[source] = g.by_source.get(source, 0) + n
        if cluster:
            g.sizes[cluster] = g.sizes.get(cluster, 0) + n
        else:
            g.singles += n
    names = dict(Topic.objects.filter(pk__in={t for t, _ in groups}).values_list("id", "name"))
    places = dict(AdminUnit.objects.filter(pk__in={u for _, u in groups}).values_list("id", "name"))
    order = list(Source.values)
    return [
        LedgerRow(
            topic_id=topic_id,
            topic=names.get(topic_id, ""),
            unit_id=unit_id,
            unit=places.get(unit_id, ""),
            n=g.n,
            sources=len(g.by_source),
            by_source={s: g.by_source[s] for s in order if s in g.by_source},
            clusters=g.singles + len(g.sizes),
            largest=max(g.sizes.values(), default=1),
        )
        for (topic_id, unit_id), g in sorted(groups.items(), key=lambda kv: (-kv[1].n, kv[0][0], kv[0][1]))
    ]


@dataclass
class _Group:
    n: int = 0
    singles: int = 0
    by_source: dict[str, int] = field(default_factory=dict)
    sizes: dict[str, int] = field(default_factory=dict)


def ledger_signals(
    scope: Scope, unit: AdminUnit, topic: Topic, *, days: int = LEDGER_DAYS, today: dt.date | None = None
) -> QuerySet[Signal]:
    if not scope.can_see(unit):
        raise Http404(_("Đơn vị ngoài phạm vi của bạn."))
    today = today or clock.today()
    return (
        Signal.objects.filter(topic=topic, on__gt=today - dt.timedelta(days=days), on__lte=today)
        .filter(_in(unit))
        .select_related("unit")
        .order_by("-on", "source", "source_id")
    )


# --- alerts -------------------------------------------------------------------------------------------


def alerts_for(scope: Scope, *, state: str = "") -> QuerySet[RiseAlert]:
    qs = scope.filter(RiseAlert.objects.select_related("unit", "topic"))
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("state", "-week_start", "-count")


def rising(scope: Scope, limit: int = 10) -> list[RiseAlert]:
    """The "đang tăng" list: unanswered alerts of the last three weeks, in the user's subtrees."""
    since = clock.today() - dt.timedelta(days=21)
    return list(alerts_for(scope, state=AlertState.NEW).filter(week_start__gte=since)[:limit])


def alert_for(scope: Scope, pk: int) -> RiseAlert:
    return scope.get_or_404(RiseAlert.objects.select_related("unit", "topic"), pk=pk)


# --- hotspots -----------------------------------------------------------------------------------------


def _hotspots_seen(scope: Scope, qs: QuerySet[Hotspot]) -> QuerySet[Hotspot]:
    """Hotspots of a unit the person sees, or for which a unit they see is responsible."""
    if scope.is_admin:
        return qs
    seen = scope.units()
    responsible = Hotspot.responsible.through.objects.filter(adminunit__in=seen).values("hotspot_id")
    return qs.filter(Q(unit__in=seen) | Q(pk__in=responsible))


def hotspots_for(scope: Scope, *, state: str = "") -> QuerySet[Hotspot]:
    qs = _hotspots_seen(scope, Hotspot.objects.select_related("unit", "topic"))
    if state == "active":
        qs = qs.exclude(state=HotspotState.CLOSED)
    elif state:
        qs = qs.filter(state=state)
    return qs.order_by("state", "-opened_on", "-id")


def hotspot_for(scope: Scope, pk: int) -> Hotspot:
    qs = Hotspot.objects.select_related("unit", "topic", "escalated_to").prefetch_related("responsible")
    found = _hotspots_seen(scope, qs).filter(pk=pk).first()
    if found is None:
        raise Http404(gettext("Không tìm thấy bản ghi trong phạm vi của bạn."))
    return found


# --- polls --------------------------------------------------------------------------------------------


def polls_for(scope: Scope) -> QuerySet[Poll]:
    return (
        scope.filter(Poll.objects.select_related("unit"))
        .annotate(responses_n=Count("responses"))
        .order_by("-created_at", "-id")
    )


def poll_for(scope: Scope, pk: int) -> Poll:
    return scope.get_or_404(Poll.objects.select_related("unit"), pk=pk)


def public_poll(key: str) -> Poll | None:
    return (
        Poll.objects.filter(public_key=key, target=PollTarget.PUBLIC)
        .exclude(state=PollState.DRAFT)
        .select_related("unit")
        .first()
    )


def collaborator_polls(user: Any, scope: Scope) -> list[Poll]:
    """Open polls for the collaborators of a unit the user's role sits at, below or above."""
    polls = Poll.objects.filter(state=PollState.OPEN, target=PollTarget.COLLABORATORS).select_related("unit")
    return [
        p
        for p in polls
        if any(g.path.startswith(p.unit.path) or p.unit.path.startswith(g.path) for g in scope.grants)
    ]


@dataclass
class QuestionResult:
    question: Any
    chart_id: str = ""
    total: int = 0
    counts: list[tuple[str, int]] = field(default_factory=list)
    mean: float | None = None
    chart: Chart | None = None
    by_place: list[tuple[str, list[int]]] = field(default_factory=list)
    texts: list[tuple[str, list[str]]] = field(default_factory=list)  # (topic, answers)
    unclassified: int = 0  # free texts the classifier has not read yet: filed by their keywords


def poll_results(poll: Poll) -> tuple[int, list[QuestionResult]]:
    """Counts per choice (and per place), scale means, free texts grouped by their stored topic (the field
    classifier's once the worker read them, the keywords' until then)."""
    responses = PollResponse.objects.filter(poll=poll).count()
    answers = list(
        PollAnswer.objects.filter(response__poll=poll).values_list(
            "question_id", "choices", "value", "text", "topic__name", "response__place__name", "classified"
        )
    )
    by_q: dict[int, list[Any]] = defaultdict(list)
    for row in answers:
        by_q[row[0]].append(row)
    out = []
    for q in poll.questions.all():
        rows = by_q.get(q.pk, [])
        r = QuestionResult(question=q, chart_id=f"chart-q{q.pk}", total=len(rows))
        if q.kind in (QuestionKind.SINGLE, QuestionKind.MULTIPLE):
            counts = [0] * len(q.choices)
            width = len(q.choices)
            places: dict[str, list[int]] = defaultdict(lambda: [0] * width)  # noqa: B023 (used at once)
            for _q, chosen, _v, _t, _topic, place, _c in rows:
                for i in chosen or []:
                    if 0 <= i < len(counts):
                        counts[i] += 1
                        places[place or _("Không rõ nơi ở")][i] += 1
            r.counts = list(zip(q.choices, counts, strict=True))
            r.chart = ranking(
                [Bar(str(c), n) for c, n in r.counts], name=_("Số người chọn"), unit=_("người"), percent=False
            )
            r.by_place = sorted(places.items())
        elif q.kind == QuestionKind.SCALE:
            values = [v for _q, _c, v, _t, _tp, _p, _cl in rows if v]
            counts = [values.count(i) for i in (1, 2, 3, 4, 5)]
            r.counts = [(str(i), n) for i, n in zip((1, 2, 3, 4, 5), counts, strict=True)]
            r.mean = round(sum(values) / len(values), 2) if values else None
            r.chart = ranking(
                [Bar(_("%(n)d điểm") % {"n": i}, n) for i, n in zip((1, 2, 3, 4, 5), counts, strict=True)],
                name=_("Số người chọn"),
                unit=_("người"),
                percent=False,
            )
        else:
            groups: dict[str, list[str]] = defaultdict(list)
            for _q, _c, _v, text, topic, _p, classified in rows:
                groups[topic or _("Khác")].append(text)
                r.unclassified += not classified
            r.texts = sorted(groups.items(), key=lambda kv: -len(kv[1]))
        out.append(r)
    return responses, out


# --- briefs -------------------------------------------------------------------------------------------


def briefs_for(scope: Scope) -> QuerySet[Brief]:
    """Briefs of the user's subtrees, and those sent to a unit the user's role reaches (from below)."""
    return scope.filter(Brief.objects.select_related("unit")).order_by("-week_start", "unit__path")


def brief_for(scope: Scope, pk: int) -> Brief:
    return scope.get_or_404(Brief.objects.select_related("unit", "unit__parent"), pk=pk)


@dataclass
class BriefMaterial:
    """What the week's brief is drafted from."""

    rising: list[RiseAlert]
    hotspots: list[Hotspot]  # the unit's own (its subtree's) and those elsewhere it is responsible for
    polls: list[tuple[Poll, int]]
    late: int
    filed: int
    missing: int
    top: list[LedgerRow]


def brief_material(unit: AdminUnit, week_start: dt.date) -> BriefMaterial:
    end = week_start + dt.timedelta(days=7)
    everything = Scope(user_id=None, is_admin=True)
    rising_alerts = list(
        RiseAlert.objects.filter(
            _in(unit), week_start__gte=week_start - dt.timedelta(days=7), week_start__lt=end
        )
        .select_related("unit", "topic")
        .order_by("-count")[:20]
    )
    # its subtree's hotspots, and those elsewhere for which it (or a unit under it) is responsible
    responsible = Hotspot.responsible.through.objects.filter(_in(unit, "adminunit")).values("hotspot_id")
    hot = list(
        Hotspot.objects.filter(_in(unit) | Q(pk__in=responsible))
        .exclude(state=HotspotState.CLOSED)
        .select_related("unit", "topic")[:20]
    )
    polls = [
        (p, p.responses.count())
        for p in Poll.objects.filter(_in(unit))
        .exclude(state=PollState.DRAFT)
        .filter(Q(closes_on__isnull=True) | Q(closes_on__gte=week_start))[:10]
    ]
    reports = SituationReport.objects.filter(
        _in(unit), submitted_at__gte=clock.start_of_day(week_start), submitted_at__lt=clock.start_of_day(end)
    )
    return BriefMaterial(
        rising=rising_alerts,
        hotspots=hot,
        polls=polls,
        late=reports.filter(is_late=True).count(),
        filed=reports.count(),
        missing=len([m for m in missing_reports(everything, end) if m.unit.path.startswith(unit.path)]),
        top=ledger(everything, unit, days=7, today=end - dt.timedelta(days=1))[:10],
    )
