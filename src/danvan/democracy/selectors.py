"""Dân chủ ở cơ sở: reads, every one through `accounts.scoping.Scope` (public pages read published rows only)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.utils.translation import gettext as _

from danvan.accounts.scoping import Scope
from danvan.core import clock
from danvan.democracy.models import (
    CommunityDecision,
    Consultation,
    ConsultationComment,
    ConsultationState,
    Contribution,
    Convention,
    DecisionState,
    Disclosure,
    DisclosureItem,
    DisclosureState,
    Household,
    MeetingKind,
    MeetingState,
    OversightBoard,
    Recommendation,
    RecommendationState,
    Workplace,
    WorkplaceKind,
    WorkplaceMeeting,
)
from danvan.territory.models import SUBTREE_END, AdminUnit, Level, Village

SHOWN_STATES = (DisclosureState.PUBLISHED, DisclosureState.ENDED)


# --- villages and households ------------------------------------------------------------------------


def villages_for(scope: Scope, unit: AdminUnit | None = None) -> QuerySet[Village]:
    qs = scope.filter(Village.objects.select_related("unit"))
    if unit is not None:
        qs = qs.filter(unit__path__gte=unit.path, unit__path__lt=unit.path + SUBTREE_END)
    return qs.annotate(households_n=Count("households", filter=Q(households__is_active=True))).order_by(
        "unit__path", "code"
    )


def village_for(scope: Scope, pk: int) -> Village:
    return scope.get_or_404(Village.objects.select_related("unit"), pk=pk)


def households_for(scope: Scope, village: Village | None = None) -> QuerySet[Household]:
    qs = scope.filter(Household.objects.select_related("village"))
    if village is not None:
        qs = qs.filter(village=village)
    return qs.order_by("village__code", "code")


# --- disclosures ------------------------------------------------------------------------------------


def disclosures_for(scope: Scope, unit: AdminUnit | None = None, state: str = "") -> QuerySet[Disclosure]:
    qs = scope.filter(Disclosure.objects.select_related("unit", "item"))
    if unit is not None:
        qs = qs.filter(unit__path__gte=unit.path, unit__path__lt=unit.path + SUBTREE_END)
    if state:
        qs = qs.filter(state=state)
    return qs.order_by("-issued_on", "-id")


def disclosure_for(scope: Scope, pk: int) -> Disclosure:
    return scope.get_or_404(Disclosure.objects.select_related("unit", "item"), pk=pk)


def items_in_force(day: dt.date) -> list[DisclosureItem]:
    """One rule row per item code: the newest in force on `day`."""
    rows = (
        DisclosureItem.objects.filter(effective_from__lte=day)
        .filter(Q(effective_to__isnull=True) | Q(effective_to__gte=day))
        .order_by("order", "code", "-effective_from")
    )
    seen: dict[str, DisclosureItem] = {}
    for row in rows:
        seen.setdefault(row.code, row)
    return list(seen.values())


def public_disclosures(commune: AdminUnit) -> QuerySet[Disclosure]:
    """What the commune has public now: published, posted on or before today (documents prefetched)."""
    return (
        Disclosure.objects.filter(unit=commune, state=DisclosureState.PUBLISHED, posted_on__lte=clock.today())
        .select_related("item")
        .prefetch_related("files")
        .order_by("item__order", "-posted_on")
    )


# --- compliance -------------------------------------------------------------------------------------


@dataclass
class Compliance:
    """One unit's disclosure compliance for a year: counts over its communes (or itself, a commune)."""

    unit: AdminUnit
    communes: int = 0
    compliant: int = 0
    disclosed: int = 0
    missing: int = 0
    late: int = 0
    too_short: int = 0
    lacking_channels: int = 0
    missing_items: list[str] = field(default_factory=list)

    @property
    def share(self) -> float:
        return round(100 * self.compliant / self.communes, 1) if self.communes else 0.0


def _commune_cells(year: int, path: str) -> tuple[list[DisclosureItem], dict[int, dict[str, dict[str, Any]]]]:
    """The year's rule rows and, per commune id and item code, counts of shown/late/short/lacking.

    One grouped query over the disclosures of the subtree, whatever its number of communes.
    """
    items = items_in_force(dt.date(year, 12, 31))
    rows = (
        Disclosure.objects.filter(
            unit__path__gte=path,
            unit__path__lt=path + SUBTREE_END,
            state__in=SHOWN_STATES,
            posted_on__gte=dt.date(year, 1, 1),
            posted_on__lte=dt.date(year, 12, 31),
        )
        .values("unit_id", "item__code")
        .annotate(
            n=Count("id"),
            late=Count("id", filter=Q(is_late=True)),
            short=Count("id", filter=Q(is_too_short=True)),
            lacking=Count("id", filter=Q(lacks_channels=True)),
        )
        .order_by()
        .values_list("unit_id", "item__code", "n", "late", "short", "lacking")
    )
    cells: dict[int, dict[str, dict[str, Any]]] = defaultdict(dict)
    for unit_id, code, n, late, short, lacking in rows:
        cells[unit_id][code] = {"n": n, "late": late, "short": short, "lacking": lacking}
    return items, cells


def _commune_compliance(
    commune: AdminUnit, items: list[DisclosureItem], cells: dict[str, dict[str, Any]]
) -> Compliance:
    c = Compliance(unit=commune, communes=1)
    for item in items:
        cell = cells.get(item.code)
        n = cell["n"] if cell else 0
        c.disclosed += n
        if n < item.per_year:
            c.missing += item.per_year - n
            c.missing_items.append(item.name)
        if cell:
            c.late += cell["late"]
            c.too_short += cell["short"]
            c.lacking_channels += cell["lacking"]
    c.compliant = int(not (c.missing or c.late or c.too_short or c.lacking_channels))
    return c


def compliance(unit: AdminUnit, year: int) -> tuple[Compliance, list[Compliance]]:
    """The unit's total and its rows: communes of a province, provinces of the nation, or the commune.

    Four queries (the rule rows, the grouped disclosures, the communes, the provinces) and a pass over
    communes × items (3,321 × 14 for the nation).
    """
    items, cells = _commune_cells(year, unit.path)
    communes = (
        AdminUnit.objects.subtree(unit)
        .filter(level=Level.COMMUNE)
        .only("id", "name", "code", "path", "level")
    )
    per_commune = [_commune_compliance(c, items, cells.get(c.pk, {})) for c in communes]
    total = Compliance(unit=unit)
    for c in per_commune:
        _add(total, c)
    if unit.level == Level.COMMUNE:
        return total, per_commune
    if unit.level == Level.PROVINCE:
        return total, per_commune
    provinces = {p.path: Compliance(unit=p) for p in AdminUnit.objects.provinces().order_by("path")}
    for c in per_commune:
        province = provinces.get("/".join(c.unit.path.split("/")[:2]) + "/")
        if province is not None:
            _add(province, c)
    return total, list(provinces.values())


def _add(total: Compliance, c: Compliance) -> None:
    total.communes += c.communes
    total.compliant += c.compliant
    total.disclosed += c.disclosed
    total.missing += c.missing
    total.late += c.late
    total.too_short += c.too_short
    total.lacking_channels += c.lacking_channels


# --- consultations ----------------------------------------------------------------------------------

PUBLIC_CONSULTATION_STATES = (ConsultationState.OPEN, ConsultationState.CLOSED, ConsultationState.ANSWERED)


def consultations_for(scope: Scope) -> QuerySet[Consultation]:
    return (
        scope.filter(Consultation.objects.select_related("unit"))
        .annotate(
            comments_n=Count("comments", distinct=True),
            answered_n=Count("comments", filter=~Q(comments__disposition="pending"), distinct=True),
        )
        .order_by("-created_at", "-id")
    )


def consultation_for(scope: Scope, pk: int) -> Consultation:
    return scope.get_or_404(Consultation.objects.select_related("unit"), pk=pk)


def public_consultation(pk: int) -> Consultation | None:
    return (
        Consultation.objects.select_related("unit")
        .filter(pk=pk, state__in=PUBLIC_CONSULTATION_STATES)
        .first()
    )


def public_consultations(commune: AdminUnit) -> QuerySet[Consultation]:
    return Consultation.objects.filter(unit=commune, state__in=PUBLIC_CONSULTATION_STATES).order_by(
        "-opens_on", "-id"
    )


@dataclass
class PartOpinions:
    """The opinions on one part of a draft (or on the whole draft: `part` None)."""

    title: str
    comments: list[ConsultationComment]

    @property
    def accepted(self) -> int:
        return sum(1 for c in self.comments if c.disposition == "accepted")

    @property
    def explained(self) -> int:
        return sum(1 for c in self.comments if c.disposition == "explained")


def opinions_by_part(consultation: Consultation) -> list[PartOpinions]:
    """Opinions grouped by part of the draft, in the draft's order; general opinions first."""
    groups: dict[int | None, PartOpinions] = {None: PartOpinions(_("Ý kiến chung về dự thảo"), [])}
    for part in consultation.parts.all():
        groups[part.pk] = PartOpinions(f"{part.number}. {part.title}", [])
    for comment in consultation.comments.all().order_by("received_at", "id"):
        groups[comment.part_id].comments.append(comment)
    return [g for g in groups.values() if g.comments]


# --- community decisions, contributions, conventions --------------------------------------------------


def decisions_for(scope: Scope) -> QuerySet[CommunityDecision]:
    return scope.filter(CommunityDecision.objects.select_related("unit", "village")).order_by(
        "-created_at", "-id"
    )


def decision_for(scope: Scope, pk: int) -> CommunityDecision:
    return scope.get_or_404(CommunityDecision.objects.select_related("unit", "village", "rule"), pk=pk)


@dataclass
class LedgerTotals:
    amount: int
    households: int
    of_households: int


def contribution_totals(decision: CommunityDecision) -> LedgerTotals:
    row = Contribution.objects.filter(decision=decision).aggregate(
        amount=Sum("amount"), households=Count("household", distinct=True)
    )
    total = Household.objects.filter(village_id=decision.village_id, is_active=True).count()
    return LedgerTotals(int(row["amount"] or 0), int(row["households"] or 0), total)


def ledger(decision: CommunityDecision) -> list[dict[str, Any]]:
    """Per household of the village: what it contributed to the decided works (one grouped query)."""
    paid = {
        r["household_id"]: r
        for r in Contribution.objects.filter(decision=decision)
        .values("household_id")
        .annotate(amount=Sum("amount"), n=Count("id"))
    }
    return [
        {
            "household": h,
            "amount": int(paid[h.pk]["amount"]) if h.pk in paid else 0,
            "payments": int(paid[h.pk]["n"]) if h.pk in paid else 0,
        }
        for h in Household.objects.filter(village_id=decision.village_id, is_active=True).order_by("code")
    ]


def public_decisions(commune: AdminUnit) -> list[tuple[CommunityDecision, LedgerTotals | None]]:
    """Recorded results of the commune's villages, with published contribution totals."""
    decisions = list(
        CommunityDecision.objects.filter(unit=commune)
        .exclude(state=DecisionState.DRAFT)
        .select_related("village")
        .order_by("-held_on", "-id")[:50]
    )
    ids = [d.pk for d in decisions if d.matter == "contributions"]
    sums = {
        r["decision_id"]: r
        for r in Contribution.objects.filter(decision_id__in=ids)
        .values("decision_id")
        .annotate(amount=Sum("amount"), households=Count("household", distinct=True))
    }
    out: list[tuple[CommunityDecision, LedgerTotals | None]] = []
    for d in decisions:
        totals = None
        if d.matter == "contributions":
            r: dict[str, Any] = dict(sums.get(d.pk) or {})
            totals = LedgerTotals(
                int(r.get("amount") or 0), int(r.get("households") or 0), d.households_total
            )
        out.append((d, totals))
    return out


def conventions_for(scope: Scope) -> QuerySet[Convention]:
    return scope.filter(Convention.objects.select_related("unit", "village")).order_by("-created_at", "-id")


def convention_for(scope: Scope, pk: int) -> Convention:
    return scope.get_or_404(Convention.objects.select_related("unit", "village", "decision"), pk=pk)


# --- figures for the indicators (set-based, the whole nation at once) --------------------------------


def required_in_period(per_year: int, start: dt.date, end: dt.date) -> int:
    """Disclosures of an item owed in [start, end]: per year × the period's share of a year, rounded down."""
    days = (end - start).days + 1
    return int(per_year * min(days, 366) / 365 + 1e-9)


def compliant_communes(start: dt.date, end: dt.date) -> dict[int, bool]:
    """Every commune's id → fully compliant with disclosure over [start, end] (nothing missing, late,
    too short or lacking a required channel). One grouped query over the disclosures, one over communes."""
    rows = (
        Disclosure.objects.filter(state__in=SHOWN_STATES, posted_on__gte=start, posted_on__lte=end)
        .values("unit_id", "item__code")
        .annotate(
            n=Count("id"),
            bad=Count("id", filter=Q(is_late=True) | Q(is_too_short=True) | Q(lacks_channels=True)),
        )
        .order_by()
        .values_list("unit_id", "item__code", "n", "bad")
    )
    return judge_compliance(rows, start, end)


def judge_compliance(
    rows: Iterable[tuple[int, str, int, int]], start: dt.date, end: dt.date
) -> dict[int, bool]:
    """Every commune's id → compliant, from (commune, item code, disclosures, faulty ones) over [start, end]:
    at least what each item in force owes in the period, and no faulty one."""
    owed = {i.code: required_in_period(i.per_year, start, end) for i in items_in_force(end)}
    counted: dict[int, dict[str, int]] = defaultdict(dict)
    faulty: set[int] = set()
    for unit_id, code, n, bad in rows:
        done = counted[unit_id]
        done[code] = done.get(code, 0) + n
        if bad:
            faulty.add(unit_id)
    out: dict[int, bool] = {}
    for pk in AdminUnit.objects.filter(level=Level.COMMUNE).values_list("pk", flat=True):
        done = counted.get(pk, {})
        out[pk] = pk not in faulty and all(done.get(code, 0) >= n for code, n in owed.items())
    return out


# --- oversight --------------------------------------------------------------------------------------


def boards_for(scope: Scope) -> QuerySet[OversightBoard]:
    return scope.filter(OversightBoard.objects.select_related("unit")).order_by(
        "unit__path", "kind", "-elected_on"
    )


def board_for(scope: Scope, pk: int) -> OversightBoard:
    return scope.get_or_404(OversightBoard.objects.select_related("unit"), pk=pk)


def recommendations_for(
    scope: Scope, board: OversightBoard | None = None, overdue: bool = False
) -> QuerySet[Recommendation]:
    qs = scope.filter(Recommendation.objects.select_related("board", "unit"))
    if board is not None:
        qs = qs.filter(board=board)
    if overdue:
        qs = qs.filter(state=RecommendationState.SENT, due_on__lt=clock.today())
    return qs.order_by("-created_at", "-id")


def recommendation_for(scope: Scope, pk: int) -> Recommendation:
    return scope.get_or_404(Recommendation.objects.select_related("board", "unit"), pk=pk)


def is_overdue(rec: Recommendation) -> bool:
    return rec.state == RecommendationState.SENT and rec.due_on is not None and rec.due_on < clock.today()


# --- agencies and enterprises -----------------------------------------------------------------------


def workplaces_for(scope: Scope, kind: str = "") -> QuerySet[Workplace]:
    qs = scope.filter(Workplace.objects.select_related("unit"))
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("unit__path", "kind", "name")


def workplace_for(scope: Scope, pk: int) -> Workplace:
    return scope.get_or_404(Workplace.objects.select_related("unit"), pk=pk)


def meetings_for(scope: Scope, workplace: Workplace) -> QuerySet[WorkplaceMeeting]:
    return scope.filter(WorkplaceMeeting.objects.filter(workplace=workplace)).order_by(
        "-year", "-planned_on", "-id"
    )


def meeting_for(scope: Scope, pk: int) -> WorkplaceMeeting:
    return scope.get_or_404(WorkplaceMeeting.objects.select_related("workplace", "unit"), pk=pk)


@dataclass
class WorkplaceRow:
    """One workplace's year: its conference (held, late, planned or missing) and, for an enterprise, dialogues."""

    workplace: Workplace
    status: str  # held | late | planned | missing
    dialogues: int
    dialogues_owed: int

    @property
    def compliant(self) -> bool:
        return self.status == "held" and self.dialogues >= self.dialogues_owed


@dataclass
class WorkplaceTotals:
    workplaces: int = 0
    held: int = 0
    late: int = 0
    planned: int = 0
    missing: int = 0
    lacking_dialogue: int = 0
    compliant: int = 0
    by_kind: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def share(self) -> float | None:
        return round(100 * self.compliant / self.workplaces, 1) if self.workplaces else None


def workplace_compliance(
    unit: AdminUnit, year: int, dialogues_per_year: int
) -> tuple[WorkplaceTotals, list[WorkplaceRow]]:
    """Every active workplace of the unit's subtree in `year`: one grouped query over its meetings.

    Missing: no conference held, and none planned, or the due day passed; late: held after its due day;
    an enterprise also owes `dialogues_per_year` workplace dialogues held in the year.
    """
    in_year = Q(meetings__year=year)
    conference = in_year & Q(meetings__kind=MeetingKind.CONFERENCE)
    held = Q(meetings__state=MeetingState.HELD)
    qs = (
        Workplace.objects.filter(
            is_active=True, unit__path__gte=unit.path, unit__path__lt=unit.path + SUBTREE_END
        )
        .select_related("unit")
        .annotate(
            on_time=Count("meetings", filter=conference & held & Q(meetings__is_late=False)),
            late=Count("meetings", filter=conference & held & Q(meetings__is_late=True)),
            planned=Count(
                "meetings",
                filter=conference
                & Q(meetings__state=MeetingState.PLANNED, meetings__due_on__gte=clock.today()),
            ),
            dialogues=Count("meetings", filter=in_year & held & Q(meetings__kind=MeetingKind.DIALOGUE)),
        )
        .order_by("unit__path", "kind", "name")
    )
    total = WorkplaceTotals(by_kind={k: {"workplaces": 0, "compliant": 0} for k in WorkplaceKind.values})
    rows = []
    for w in qs:
        status = "held" if w.on_time else "late" if w.late else "planned" if w.planned else "missing"
        owed = dialogues_per_year if w.kind == WorkplaceKind.ENTERPRISE else 0
        row = WorkplaceRow(w, status, w.dialogues, owed)
        rows.append(row)
        total.workplaces += 1
        setattr(total, status, getattr(total, status) + 1)
        total.lacking_dialogue += int(w.dialogues < owed)
        total.compliant += int(row.compliant)
        total.by_kind[w.kind]["workplaces"] += 1
        total.by_kind[w.kind]["compliant"] += int(row.compliant)
    return total, rows
