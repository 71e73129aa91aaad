"""Tiếp công dân và đối thoại: reads. Every list goes through the user's scope; the coverage figures are
set-based (a constant number of grouped queries whatever the number of units)."""

from __future__ import annotations

import calendar as pycalendar
import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Sum
from django.urls import reverse
from django.utils import timezone

from danvan.accounts.scoping import Scope
from danvan.core import clock
from danvan.engagement.models import (
    ROLE_LEVEL,
    Commitment,
    CommitmentState,
    Dialogue,
    DialogueState,
    HeadRole,
    ReceptionRule,
    ReceptionSchedule,
    ReceptionSession,
    RulePeriod,
)
from danvan.petitions.selectors import public_status
from danvan.reporting.figures import as_of_day
from danvan.territory.models import AdminUnit, Level, subtree_q

# --- Periods ---------------------------------------------------------------------------------------------


def year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year, 12, 31)


def month_bounds(year: int, month: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, month, 1), dt.date(year, month, pycalendar.monthrange(year, month)[1])


def period_starts(period: str, start: dt.date, end: dt.date) -> list[dt.date]:
    """The weeks (Monday) or calendar months (1st) that begin inside [start, end]."""
    out: list[dt.date] = []
    if period == RulePeriod.WEEK:
        current = start + dt.timedelta(days=(7 - start.weekday()) % 7)
        while current <= end:
            out.append(current)
            current += dt.timedelta(days=7)
    else:
        year, month = start.year, start.month
        current = dt.date(year, month, 1)
        if current < start:
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            current = dt.date(year, month, 1)
        while current <= end:
            out.append(current)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            current = dt.date(year, month, 1)
    return out


def required_days(rules: Iterable[ReceptionRule], head_role: str, start: dt.date, end: dt.date) -> int:
    """Reception days a head must hold in [start, end]: for every week or month beginning in the range,
    the minimum of the rule in force on its first day (rules are data with effective dates)."""
    mine = [r for r in rules if r.head_role == head_role]
    total = 0
    for period in {r.period for r in mine}:
        for first in period_starts(period, start, end):
            rule = next((r for r in mine if r.period == period and r.in_force_on(first)), None)
            if rule is not None:
                total += rule.days_required
    return total


def required_by_role(start: dt.date, end: dt.date) -> dict[str, int]:
    rules = list(ReceptionRule.objects.all())
    return {role: required_days(rules, role, start, end) for role in HeadRole.values}


def _subtree_q(root: AdminUnit | None, field: str = "unit") -> Q:
    if root is None or root.level == Level.NATION:
        return Q()
    return subtree_q(root, f"{field}__path")


# --- Coverage ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class UnitRef:
    id: int
    code: str
    name: str
    level: int
    parent_id: int | None


@dataclass
class LevelCoverage:
    level: int
    label: str
    held: list[UnitRef] = field(default_factory=list)
    not_held: list[UnitRef] = field(default_factory=list)

    @property
    def total(self) -> int:
        return len(self.held) + len(self.not_held)

    @property
    def share(self) -> float | None:
        return round(100 * len(self.held) / self.total, 2) if self.total else None


@dataclass(frozen=True)
class HeadCompliance:
    unit: UnitRef
    head_role: str
    held_days: int
    required: int

    @property
    def role_label(self) -> str:
        return str(HeadRole(self.head_role).label)

    @property
    def short_by(self) -> int:
        return max(0, self.required - self.held_days)

    @property
    def met(self) -> bool:
        return self.held_days >= self.required


@dataclass(frozen=True)
class UnitRatio:
    unit: UnitRef
    numerator: int
    denominator: int


@dataclass
class Coverage:
    root: AdminUnit
    start: dt.date
    end: dt.date
    levels: list[LevelCoverage]
    heads: list[HeadCompliance]
    questions: list[UnitRatio]
    commitments: list[UnitRatio]
    overdue_commitments: int
    units: dict[int, UnitRef]

    @staticmethod
    def _pct(num: int, den: int) -> float | None:
        return round(100 * num / den, 2) if den else None

    @property
    def as_of_label(self) -> str:
        """The day the overdue commitments are counted at, as the screen says it."""
        day = as_of_day(self.end)
        return f"tính đến {'hôm nay, ' if day < self.end else 'hết ngày '}{day:%d/%m/%Y}"

    def level(self, level: int) -> LevelCoverage | None:
        return next((lc for lc in self.levels if lc.level == level), None)

    @property
    def reception_days_held(self) -> int:
        return sum(min(h.held_days, h.required) for h in self.heads)

    @property
    def reception_days_required(self) -> int:
        return sum(h.required for h in self.heads)

    @property
    def reception_compliance(self) -> float | None:
        return self._pct(self.reception_days_held, self.reception_days_required)

    @property
    def heads_short(self) -> list[HeadCompliance]:
        return [h for h in self.heads if not h.met]

    @property
    def heads_met(self) -> list[HeadCompliance]:
        return [h for h in self.heads if h.met]

    @property
    def questions_total(self) -> int:
        return sum(r.denominator for r in self.questions)

    @property
    def questions_on_spot(self) -> int:
        return sum(r.numerator for r in self.questions)

    @property
    def questions_on_spot_share(self) -> float | None:
        return self._pct(self.questions_on_spot, self.questions_total)

    @property
    def commitments_due(self) -> int:
        return sum(r.denominator for r in self.commitments)

    @property
    def commitments_kept(self) -> int:
        return sum(r.numerator for r in self.commitments)

    @property
    def commitments_kept_share(self) -> float | None:
        return self._pct(self.commitments_kept, self.commitments_due)

    def figures(self) -> dict[str, float | int | None]:
        """The headline figures (used by the benchmark to compare with hand-written SQL)."""
        communes, provinces = self.level(Level.COMMUNE), self.level(Level.PROVINCE)
        return {
            "communes_total": communes.total if communes else 0,
            "communes_held": len(communes.held) if communes else 0,
            "provinces_total": provinces.total if provinces else 0,
            "provinces_held": len(provinces.held) if provinces else 0,
            "reception_days_held": self.reception_days_held,
            "reception_days_required": self.reception_days_required,
            "questions_total": self.questions_total,
            "questions_on_spot": self.questions_on_spot,
            "commitments_due": self.commitments_due,
            "commitments_kept": self.commitments_kept,
        }


def held_dialogues(start: dt.date, end: dt.date) -> QuerySet[Dialogue]:
    """Dialogues held in [start, end] and chaired by the unit's head in person (what coverage counts)."""
    return Dialogue.objects.filter(held_on__gte=start, held_on__lte=end, host_is_head=True)


def units_with_dialogue_flag(root: AdminUnit | None, start: dt.date, end: dt.date) -> Any:
    """Provinces and communes of the subtree, each annotated `held` (one query, an EXISTS per row)."""
    units = AdminUnit.objects.filter(level__in=[Level.PROVINCE, Level.COMMUNE])
    if root is not None and root.level > Level.NATION:
        units = AdminUnit.objects.subtree(root).filter(level__in=[Level.PROVINCE, Level.COMMUNE])
    return units.annotate(held=Exists(held_dialogues(start, end).filter(unit=OuterRef("pk")))).order_by(
        "path"
    )


def dialogue_share(root: AdminUnit, start: dt.date, end: dt.date, level: int) -> tuple[int, int]:
    """(units that held a dialogue, units) at `level` in the subtree (one query)."""
    flags = list(
        units_with_dialogue_flag(root, start, end).filter(level=level).values_list("held", flat=True)
    )
    return sum(1 for f in flags if f), len(flags)


def reception_days(root: AdminUnit | None, start: dt.date, end: dt.date) -> QuerySet[Any]:
    """Distinct reception days per (unit, head) in [start, end] (one grouped query)."""
    return (
        ReceptionSession.objects.filter(_subtree_q(root), date__gte=start, date__lte=end)
        .values("unit_id", "head_role")
        .annotate(days=Count("date", distinct=True))
        .order_by()
    )


def questions_by_unit(root: AdminUnit | None, start: dt.date, end: dt.date) -> QuerySet[Any]:
    """Questions of the dialogues held in [start, end], and how many were answered on the spot, per unit
    (from the counters each dialogue keeps: no question row is read)."""
    return (
        Dialogue.objects.filter(_subtree_q(root), held_on__gte=start, held_on__lte=end, questions_count__gt=0)
        .values("unit_id")
        .annotate(total=Sum("questions_count"), on_spot=Sum("answered_on_spot_count"))
        .order_by()
    )


def kept_on_time_q() -> Q:
    from django.db.models import F

    return Q(state=CommitmentState.DONE, done_on__lte=F("due_date"))


def overdue_commitments_q(day: dt.date) -> Q:
    """Overdue at `day` (the `engagement.commitments_overdue` indicator's one definition): made by then,
    due before then, not explained, and not done by then."""
    return (
        Q(due_date__lt=day, made_on__lte=day)
        & (Q(done_on__isnull=True) | Q(done_on__gt=day))
        & ~Q(state=CommitmentState.EXPLAINED)
    )


def overdue_commitments(root: AdminUnit | None, day: dt.date) -> QuerySet[Commitment]:
    return Commitment.objects.filter(_subtree_q(root), overdue_commitments_q(day))


def commitments_by_unit(root: AdminUnit | None, start: dt.date, end: dt.date) -> QuerySet[Any]:
    return (
        Commitment.objects.filter(_subtree_q(root), due_date__gte=start, due_date__lte=end)
        .values("unit_id")
        .annotate(total=Count("id"), kept=Count("id", filter=kept_on_time_q()))
        .order_by()
    )


def coverage(root: AdminUnit, start: dt.date, end: dt.date) -> Coverage:
    """Every coverage figure for the subtree of `root` in [start, end], with the units behind each one.

    Five queries whatever the size of the subtree: the rules, units with a "held" flag, reception days
    grouped by head, questions grouped by unit, commitments grouped by unit.
    """
    required = required_by_role(start, end)
    units: dict[int, UnitRef] = {}
    levels = {
        Level.PROVINCE: LevelCoverage(Level.PROVINCE, str(Level.PROVINCE.label)),
        Level.COMMUNE: LevelCoverage(Level.COMMUNE, str(Level.COMMUNE.label)),
    }
    for pk, code, name, level, parent_id, held in units_with_dialogue_flag(root, start, end).values_list(
        "pk", "code", "name", "level", "parent_id", "held"
    ):
        ref = UnitRef(pk, code, name, level, parent_id)
        units[pk] = ref
        (levels[level].held if held else levels[level].not_held).append(ref)
    days = {(r["unit_id"], r["head_role"]): r["days"] for r in reception_days(root, start, end)}
    heads = [
        HeadCompliance(ref, role, days.get((ref.id, role), 0), required[role])
        for ref in units.values()
        for role, level in ROLE_LEVEL.items()
        if level == ref.level and required[role] > 0
    ]
    questions = [
        UnitRatio(units[r["unit_id"]], r["on_spot"], r["total"])
        for r in questions_by_unit(root, start, end)
        if r["unit_id"] in units
    ]
    # a stock, counted at the as-of day (the period's end once passed, else today): every overdue commitment
    # of the subtree, whatever its due date's period, as the indicator and the dashboard count it
    overdue = overdue_commitments(root, as_of_day(end)).count()
    commitments = []
    for r in commitments_by_unit(root, start, end):
        if r["unit_id"] in units:
            commitments.append(UnitRatio(units[r["unit_id"]], r["kept"], r["total"]))
    return Coverage(
        root=root,
        start=start,
        end=end,
        levels=[lc for lc in levels.values() if lc.total],
        heads=heads,
        questions=questions,
        commitments=commitments,
        overdue_commitments=overdue,
        units=units,
    )


# --- Lists and details (scoped) --------------------------------------------------------------------------


def receptions(
    scope: Scope, *, unit: AdminUnit | None = None, start: dt.date | None = None, end: dt.date | None = None
) -> QuerySet[ReceptionSession]:
    qs = scope.filter(ReceptionSession.objects.select_related("unit"))
    if unit is not None:
        qs = qs.filter(_subtree_q(unit))
    if start:
        qs = qs.filter(date__gte=start)
    if end:
        qs = qs.filter(date__lte=end)
    return qs.annotate(n_matters=Count("matters")).order_by("-date", "-id")


def reception(scope: Scope, pk: int) -> ReceptionSession:
    return scope.get_or_404(ReceptionSession.objects.select_related("unit", "officer"), pk=pk)


def schedules(scope: Scope, unit: AdminUnit | None = None) -> QuerySet[ReceptionSchedule]:
    qs = scope.filter(ReceptionSchedule.objects.select_related("unit"))
    if unit is not None:
        qs = qs.filter(_subtree_q(unit))
    return qs.order_by("unit__path", "head_role")


def dialogues(
    scope: Scope, *, unit: AdminUnit | None = None, state: str = "", year: int | None = None
) -> QuerySet[Dialogue]:
    qs = scope.filter(Dialogue.objects.select_related("unit"))
    if unit is not None:
        qs = qs.filter(_subtree_q(unit))
    if state:
        qs = qs.filter(state=state)
    if year:
        qs = qs.filter(starts_at__year=year)
    return qs.annotate(
        n_questions=Count("questions", distinct=True), n_commitments=Count("commitments", distinct=True)
    ).order_by("-starts_at", "-id")


def dialogue(scope: Scope, pk: int) -> Dialogue:
    return scope.get_or_404(Dialogue.objects.select_related("unit", "officer"), pk=pk)


def commitments(
    scope: Scope,
    *,
    unit: AdminUnit | None = None,
    overdue_only: bool = False,
    owner: Any = None,
    state: str = "",
) -> QuerySet[Commitment]:
    qs = scope.filter(Commitment.objects.select_related("unit", "owner", "dialogue"))
    if unit is not None:
        qs = qs.filter(_subtree_q(unit))
    if overdue_only:
        qs = qs.filter(overdue_commitments_q(clock.today()))
    if owner is not None:
        qs = qs.filter(owner=owner)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("due_date", "id")


def commitment(scope: Scope, pk: int) -> Commitment:
    return scope.get_or_404(Commitment.objects.select_related("unit", "owner", "dialogue"), pk=pk)


def overdue_for_user(user: Any, scope: Scope) -> QuerySet[Commitment]:
    """Overdue commitments today (the indicator's definition) the user owns or in the user's subtrees."""
    return (
        scope.filter(Commitment.objects.all())
        .filter(overdue_commitments_q(clock.today()))
        .select_related("unit", "owner", "dialogue")
        .order_by("due_date", "id")
    )


def owner_choices(unit: AdminUnit) -> QuerySet[Any]:
    """People who may own a commitment of `unit`: active accounts with a role at the unit, at a unit
    below it, or at its province; never someone whose only role is national (the national supervisor,
    the system administrator) nor a person of another commune or province."""
    from danvan.accounts.models import User

    above = [p for p in unit.ancestors_paths() if p.count("/") - 1 >= Level.PROVINCE]
    people = User.objects.filter(is_active=True).filter(
        Q(roles__unit__path__in=above) | subtree_q(unit, "roles__unit__path")
    )
    return User.objects.filter(pk__in=people.values("pk")).order_by("full_name", "username")


# --- Public pages -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PublicQuestion:
    """A question as the public Q&A shows it: its answer, and for one turned into a petition, the
    petition's tracking code and state (read through the petitions module's public status)."""

    text: str
    answer: str
    tracking_code: str = ""
    petition_state: str = ""


def public_questions(dialogue: Dialogue) -> list[PublicQuestion]:
    """The answered questions of a dialogue and those turned into a petition (with its status)."""
    rows = dialogue.questions.filter(~Q(answer="") | Q(petition__isnull=False)).select_related("petition")
    out: list[PublicQuestion] = []
    for q in rows.order_by("id"):
        code = q.petition.tracking_code if q.petition is not None else ""
        state = ""
        if code:
            status = public_status(code)
            state = status.state if status is not None else ""
        out.append(PublicQuestion(text=q.text, answer=q.answer, tracking_code=code, petition_state=state))
    return out


PUBLIC_STATES = (DialogueState.ANNOUNCED, DialogueState.HELD, DialogueState.PUBLISHED)


def public_upcoming(unit: AdminUnit | None = None, limit: int = 50) -> QuerySet[Dialogue]:
    """Announced dialogues still to come (what the commune's public page shows)."""
    qs = Dialogue.objects.filter(state=DialogueState.ANNOUNCED).select_related("unit")
    if unit is not None:
        qs = qs.filter(_subtree_q(unit))
    return qs.filter(starts_at__gte=timezone.now() - dt.timedelta(days=1)).order_by("starts_at")[:limit]


def public_published(unit: AdminUnit | None = None, limit: int = 20) -> QuerySet[Dialogue]:
    qs = Dialogue.objects.filter(state=DialogueState.PUBLISHED).select_related("unit")
    if unit is not None:
        qs = qs.filter(_subtree_q(unit))
    return qs.order_by("-held_on")[:limit]


def public_dialogue(pk: int) -> Dialogue | None:
    return Dialogue.objects.filter(pk=pk, state__in=PUBLIC_STATES).select_related("unit").first()


# --- Calendar --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    kind: str  # "reception" | "planned_reception" | "dialogue"
    day: dt.date
    title: str
    unit_name: str
    location: str = ""
    starts_at: dt.datetime | None = None
    ends_at: dt.datetime | None = None
    description: str = ""
    url: str = ""
    flagged: bool = False


def _aware(day: dt.date, time: dt.time | None) -> dt.datetime | None:
    if time is None:
        return None
    return timezone.make_aware(dt.datetime.combine(day, time), timezone.get_current_timezone())


def calendar_events(scope: Scope, unit: AdminUnit, start: dt.date, end: dt.date) -> list[CalendarEvent]:
    """Receptions (held and planned by the schedules) and dialogues of `unit` and its subtree."""
    events: list[CalendarEvent] = []
    sessions = scope.filter(ReceptionSession.objects.select_related("unit")).filter(
        _subtree_q(unit), date__gte=start, date__lte=end
    )
    held: set[tuple[int, str, dt.date]] = set()
    for s in sessions.order_by("date", "id"):
        held.add((s.unit_id, s.head_role, s.date))
        events.append(
            CalendarEvent(
                uid=f"reception-{s.pk}@danvan",
                kind="reception",
                day=s.date,
                title=f"Tiếp công dân: {s.head_title} ({s.receiver_name})",
                unit_name=s.unit.name,
                location=s.location,
                starts_at=_aware(s.date, s.start_time),
                ends_at=_aware(s.date, s.end_time),
                description=f"{s.get_mode_display()}; {s.citizens_count} lượt công dân.",
                url=reverse("engagement:reception_detail", args=[s.pk]),
            )
        )
    today = clock.today()
    for sch in scope.filter(ReceptionSchedule.objects.select_related("unit")).filter(
        _subtree_q(unit), active=True
    ):
        for day in sch.planned_days(max(start, today), end):
            if (sch.unit_id, sch.head_role, day) in held:
                continue
            events.append(
                CalendarEvent(
                    uid=f"schedule-{sch.pk}-{day:%Y%m%d}@danvan",
                    kind="planned_reception",
                    day=day,
                    title=f"Lịch tiếp công dân: {sch.head_title} ({sch.head_name})",
                    unit_name=sch.unit.name,
                    location=sch.location,
                    description=sch.usual_days,
                )
            )
    window_start = timezone.make_aware(
        dt.datetime.combine(start, dt.time.min), timezone.get_current_timezone()
    )
    window_end = timezone.make_aware(
        dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min), timezone.get_current_timezone()
    )
    dialogue_qs = (
        scope.filter(Dialogue.objects.select_related("unit"))
        .filter(_subtree_q(unit), starts_at__gte=window_start, starts_at__lt=window_end)
        .exclude(state=DialogueState.CANCELLED)
    )
    for d in dialogue_qs.order_by("starts_at"):
        events.append(
            CalendarEvent(
                uid=f"dialogue-{d.pk}@danvan",
                kind="dialogue",
                day=clock.local_date(d.starts_at),
                title=f"Đối thoại: {d.title}",
                unit_name=d.unit.name,
                location=d.place,
                starts_at=d.starts_at,
                ends_at=d.starts_at + dt.timedelta(hours=3),
                description=f"{d.get_state_display()}. Chủ trì: {d.host_name}. {d.content}".strip(),
                url=reverse("engagement:dialogue_detail", args=[d.pk]),
                flagged=d.short_notice,
            )
        )
    events.sort(
        key=lambda e: (
            e.day,
            e.starts_at or timezone.make_aware(dt.datetime.combine(e.day, dt.time.min)),
            e.uid,
        )
    )
    return events


@dataclass
class MonthGrid:
    year: int
    month: int
    weeks: list[list[tuple[dt.date, bool, list[CalendarEvent]]]]  # (day, in month, events)

    @property
    def previous(self) -> str:
        return f"{self.year - 1}-12" if self.month == 1 else f"{self.year}-{self.month - 1:02d}"

    @property
    def next(self) -> str:
        return f"{self.year + 1}-01" if self.month == 12 else f"{self.year}-{self.month + 1:02d}"


def month_grid(year: int, month: int, events: list[CalendarEvent]) -> MonthGrid:
    by_day: dict[dt.date, list[CalendarEvent]] = defaultdict(list)
    for e in events:
        by_day[e.day].append(e)
    weeks = [
        [(day, day.month == month, by_day.get(day, [])) for day in week]
        for week in pycalendar.Calendar(firstweekday=0).monthdatescalendar(year, month)
    ]
    return MonthGrid(year, month, weeks)
