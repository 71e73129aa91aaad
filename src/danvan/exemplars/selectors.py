"""Dân vận khéo: reads. The public gallery shows recognised models only; everything else goes
through the officer's scope."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import connection
from django.db.models import Count, Max, QuerySet
from django.db.models.functions import TruncMonth
from django.http import Http404
from django.utils.translation import gettext
from rapidfuzz import fuzz

from danvan.accounts.models import Role, RoleAssignment
from danvan.accounts.scoping import Scope
from danvan.core import charts, clock
from danvan.core.text import fold_words, search_terms
from danvan.exemplars.models import (
    Contest,
    ContestEntry,
    ContestScore,
    ContestStatus,
    Evaluation,
    Exemplar,
    ExemplarWord,
    Replication,
    Score,
    Status,
)
from danvan.exemplars.rulebook import submitters
from danvan.territory.models import AdminUnit, Level

PAGE_SIZE = 20
RARE_CAP = 3000  # a word with fewer postings than this drives the search through the word index
DENSE_WINDOW = 20_000  # newest ids scanned directly when every query word is common
POSTINGS_BATCH = 2_000  # first batch of a common word's postings, doubled up to the max
POSTINGS_BATCH_MAX = 16_000
DUP_THRESHOLD = 80.0
DUP_CANDIDATES_PER_WORD = 400
DUP_WORDS = 3
DUP_COUNT_CAP = 5_000


# --- search ------------------------------------------------------------------------------------------
@dataclass
class SearchPage:
    items: list[Exemplar]
    next_cursor: int | None
    cursor: int | None


def name_bigrams(folded_name: str) -> list[str]:
    """Adjacent word pairs of the folded name ("na lau"): Vietnamese syllables alone are too common to
    find the same model again, pairs are selective. Stored in the word index next to the single words."""
    words = [w for w in folded_name.split() if len(w) <= 19]
    return list(dict.fromkeys(f"{a} {b}" for a, b in zip(words, words[1:], strict=False)))[:40]


def word_counts(words: list[str], cap: int = RARE_CAP) -> dict[str, int]:
    """How many exemplars hold each word (counted up to `cap`), in one query of index range scans."""
    if not words:
        return {}
    table = connection.ops.quote_name(ExemplarWord._meta.db_table)
    parts = [
        f"(SELECT COUNT(*) FROM (SELECT 1 AS x FROM {table} WHERE word = %s LIMIT {int(cap)}) AS t{i})"  # noqa: S608 - table name and ints only; words are parameters
        for i in range(len(words))
    ]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(parts), words)
        row = cursor.fetchone()
    return dict(zip(words, (int(n) for n in row), strict=True))


def _newest_postings(words: list[str], province_code: str, per_word: int) -> list[tuple[str, int]]:
    """(word, exemplar_id) for the newest `per_word` exemplars of the province holding each word; one query."""
    table = connection.ops.quote_name(ExemplarWord._meta.db_table)
    parts = [
        f"SELECT * FROM (SELECT word, exemplar_id FROM {table} WHERE word = %s AND province_code = %s "  # noqa: S608 - parameters
        f"ORDER BY exemplar_id DESC LIMIT {int(per_word)}) AS p{i}"
        for i in range(len(words))
    ]
    params: list[str] = []
    for word in words:
        params += [word, province_code]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), params)
        return [(str(w), int(pk)) for w, pk in cursor.fetchall()]


def search(
    base: QuerySet[Exemplar],
    query: str = "",
    *,
    cursor: int | None = None,
    limit: int = PAGE_SIZE,
    province_code: str | None = None,
) -> SearchPage:
    """Newest first, whole-word, diacritic-insensitive; keyset pagination (`cursor` = last id seen).

    A rare query word drives the search through the word index; when every word is common, the newest
    rows are scanned first (dense matches end the scan early), then the rarest word's postings, newest
    first, in growing batches. `province_code` (when `base` is limited to one province) narrows postings.
    """
    terms = [t for t in dict.fromkeys(search_terms(query)) if len(t) <= 40]
    qs = base.order_by("-id")
    if cursor is not None:
        qs = qs.filter(id__lt=cursor)
    for term in terms:
        if len(term) < 2:
            qs = qs.filter(search_text__contains=f" {term}")
    terms = [t for t in terms if len(t) >= 2]
    wanted = limit + 1
    if not terms:
        items = list(qs.select_related("unit")[:wanted])
    else:
        counts = sorted((n, t) for t, n in word_counts(terms).items())
        rare_count, rare = counts[0]
        for term in terms:
            if term != rare:
                qs = qs.filter(search_text__contains=f" {term} ")
        if rare_count == 0:
            items = []
        elif rare_count < RARE_CAP:
            ids = _postings(rare, province_code).values("exemplar_id")
            items = list(qs.filter(id__in=ids).select_related("unit")[:wanted])
        else:
            qs = qs.filter(search_text__contains=f" {rare} ")
            top = cursor if cursor is not None else (Exemplar.objects.aggregate(m=Max("id"))["m"] or 0) + 1
            floor = top - DENSE_WINDOW
            items = list(qs.filter(id__gte=floor).select_related("unit")[:wanted])
            if len(items) < wanted and floor > 0:
                items += _postings_scan(qs, rare, wanted - len(items), floor, province_code)
    next_cursor = items[limit - 1].pk if len(items) > limit else None
    return SearchPage(items=items[:limit], next_cursor=next_cursor, cursor=cursor)


def _postings(word: str, province_code: str | None) -> QuerySet[ExemplarWord]:
    qs = ExemplarWord.objects.filter(word=word)
    return qs.filter(province_code=province_code) if province_code else qs


def _postings_scan(
    qs: QuerySet[Exemplar], word: str, wanted: int, below: int, province_code: str | None
) -> list[Exemplar]:
    """Walk a common word's postings below id `below`, newest first, in growing batches."""
    found: list[Exemplar] = []
    batch = POSTINGS_BATCH
    while len(found) < wanted:
        ids = list(
            _postings(word, province_code)
            .filter(exemplar_id__lt=below)
            .order_by("-exemplar_id")
            .values_list("exemplar_id", flat=True)[:batch]
        )
        if not ids:
            break
        found += list(qs.filter(id__in=ids).select_related("unit")[: wanted - len(found)])
        below = ids[-1]
        batch = min(batch * 2, POSTINGS_BATCH_MAX)
    return found


def _units_under(code: str) -> QuerySet[AdminUnit]:
    unit = AdminUnit.objects.filter(code=code).first()
    if unit is None:
        return AdminUnit.objects.none()
    return AdminUnit.objects.subtree(unit)


def gallery(
    *, query: str = "", field: str = "", province: str = "", kind: str = "", cursor: int | None = None
) -> SearchPage:
    """The public gallery: recognised models only."""
    qs = Exemplar.objects.filter(status=Status.RECOGNISED)
    if field:
        qs = qs.filter(field=field)
    if kind:
        qs = qs.filter(kind=kind)
    province_code = None
    if province:
        qs = qs.filter(unit_id__in=_units_under(province).values("id"))
        province_code = province
    return search(qs, query, cursor=cursor, province_code=province_code)


def officer_list(
    scope: Scope,
    *,
    query: str = "",
    status: str = "",
    field: str = "",
    kind: str = "",
    unit_code: str = "",
) -> QuerySet[Exemplar]:
    """The officers' registry as a queryset (sorted and paged by `core.lists`): the scope's records,
    filtered; the words matched whole and without diacritics, a rare word through the word index."""
    qs = scope.filter(Exemplar.objects.select_related("unit"))
    if status:
        qs = qs.filter(status=status)
    if field:
        qs = qs.filter(field=field)
    if kind:
        qs = qs.filter(kind=kind)
    if unit_code:
        qs = qs.filter(unit_id__in=_units_under(unit_code).values("id"))
    terms = [t for t in dict.fromkeys(search_terms(query)) if len(t) <= 40]
    for term in terms:
        qs = qs.filter(search_text__contains=f" {term}" if len(term) < 2 else f" {term} ")
    words = [t for t in terms if len(t) >= 2]
    if words:
        count, rare = min((n, t) for t, n in word_counts(words).items())
        if count == 0:
            return qs.none()
        if count < RARE_CAP:
            qs = qs.filter(id__in=_postings(rare, None).values("exemplar_id"))
    return qs


def public_exemplar(pk: int) -> Exemplar:
    obj = Exemplar.objects.select_related("unit").filter(pk=pk, status=Status.RECOGNISED).first()
    if obj is None:
        raise Http404(gettext("Không tìm thấy mô hình đã được công nhận."))
    return obj


def exemplar_for(scope: Scope, pk: int) -> Exemplar:
    """Officers see records of their subtrees; recognised models are visible to every officer."""
    obj = Exemplar.objects.select_related("unit").filter(pk=pk).first()
    if obj is None or not (scope.can_see(obj.unit) or (scope.is_staff_member and obj.is_public)):
        raise Http404(gettext("Không tìm thấy hồ sơ trong phạm vi của bạn."))
    return obj


# --- near duplicates ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class DuplicateCandidate:
    exemplar: Exemplar
    score: float


def near_duplicates(
    *, unit: AdminUnit, name: str, problem: str = "", exclude_id: int | None = None, limit: int = 5
) -> list[DuplicateCandidate]:
    """Models of the same province (the same or a neighbouring unit) whose name and story look alike."""
    province = unit.province_code or ""
    folded = fold_words(name)
    pairs = name_bigrams(folded)
    if not pairs:
        return []
    counts = word_counts(pairs, cap=DUP_COUNT_CAP)  # national counts of the name's word pairs, one query
    rare = sorted((p for p in pairs if counts[p] > 0), key=lambda p: counts[p])[:DUP_WORDS]
    if not rare:
        return []  # no model anywhere shares two adjacent words of this name
    hits: dict[int, int] = defaultdict(int)
    for _pair, pk in _newest_postings(rare, province, DUP_CANDIDATES_PER_WORD):
        hits[pk] += 1
    needed = 1
    ids = {pk for pk, n in hits.items() if n >= needed and pk != exclude_id}
    if not ids:
        return []
    names = (
        Exemplar.objects.filter(pk__in=ids)
        .exclude(status__in=[Status.NOT_RECOGNISED, Status.RETIRED])
        .values_list("id", "folded_name")
    )
    close: dict[int, float] = {}
    for pk, other_name in names:
        name_score = (
            fuzz.token_set_ratio(folded, other_name) + fuzz.token_sort_ratio(folded, other_name)
        ) / 2
        if name_score >= DUP_THRESHOLD - 10:
            close[pk] = name_score
    folded_problem = fold_words(problem)[:400]
    scored: list[tuple[float, int]] = []
    problems = (
        dict(Exemplar.objects.filter(pk__in=list(close)).values_list("id", "problem"))
        if folded_problem
        else {}
    )
    for pk, name_score in close.items():
        score = name_score
        if folded_problem:
            problem_score = fuzz.token_set_ratio(folded_problem, fold_words(problems.get(pk, ""))[:400])
            score = 0.75 * name_score + 0.25 * problem_score
        if score >= DUP_THRESHOLD:
            scored.append((score, pk))
    scored.sort(reverse=True)
    top = scored[:limit]
    objs = Exemplar.objects.select_related("unit").in_bulk([pk for _, pk in top])
    return [DuplicateCandidate(objs[pk], round(s, 1)) for s, pk in top if pk in objs]


# --- evaluation --------------------------------------------------------------------------------------
@dataclass
class JudgeSheet:
    judge: Any
    scores: dict[int, Decimal]
    total: Decimal
    complete: bool


@dataclass
class EvaluationSummary:
    criteria: list[Any]
    sheets: list[JudgeSheet]
    max_total: Decimal
    pass_percent: int
    complete_sheets: int
    average: Decimal | None
    percent: Decimal | None
    proposal: str  # "recognise" | "refuse" | "" (no proposal until the quorum is met)
    quorum_met: bool = False

    @property
    def proposal_label(self) -> str:
        return {
            "recognise": "Đề nghị công nhận",
            "refuse": "Đề nghị không công nhận",
        }.get(self.proposal, "Chưa đủ phiếu chấm để đề xuất")


def evaluation_summary(evaluation: Evaluation) -> EvaluationSummary:
    criteria = list(evaluation.criteria_set.criteria.all())
    max_total = sum((c.max_score for c in criteria), Decimal(0))
    by_judge: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for s in Score.objects.filter(evaluation=evaluation):
        by_judge[s.judge_id][s.criterion_id] = s.value
    sheets = []
    for judge in evaluation.judges.select_related("user").order_by("id"):
        scores = by_judge.get(judge.user_id, {})
        complete = all(c.pk in scores for c in criteria)
        sheets.append(JudgeSheet(judge.user, scores, sum(scores.values(), Decimal(0)), complete))
    complete_totals = [s.total for s in sheets if s.complete]
    average = percent = None
    proposal = ""
    quorum_met = quorum(len(complete_totals), len(sheets))
    if complete_totals and max_total > 0:
        average = (sum(complete_totals, Decimal(0)) / len(complete_totals)).quantize(Decimal("0.01"))
        percent = (average * 100 / max_total).quantize(Decimal("0.1"))
        if quorum_met:
            proposal = "recognise" if percent >= evaluation.criteria_set.pass_percent else "refuse"
    return EvaluationSummary(
        criteria=criteria,
        sheets=sheets,
        max_total=max_total,
        pass_percent=evaluation.criteria_set.pass_percent,
        complete_sheets=len(complete_totals),
        average=average,
        percent=percent,
        proposal=proposal,
        quorum_met=quorum_met,
    )


def quorum(complete_sheets: int, judges: int) -> bool:
    """The council's quorum: more than half of its members have filled in a complete sheet."""
    return judges > 0 and complete_sheets * 2 > judges


def evaluations_to_score(user: Any) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(
        judges__user=user, exemplar__status=Status.UNDER_EVALUATION
    ).select_related("exemplar", "exemplar__unit")


# --- replication -------------------------------------------------------------------------------------
def replications(exemplar: Exemplar) -> QuerySet[Replication]:
    return exemplar.replications.select_related("unit", "unit__parent").order_by("adopted_on", "id")


def replication_chart(exemplar: Exemplar) -> dict[str, Any]:
    """Chart.js config: units that adopted the model, cumulated by month."""
    rows = (
        exemplar.replications.annotate(month=TruncMonth("adopted_on"))
        .values("month")
        .annotate(n=Count("id"))
        .order_by("month")
    )
    per_month = {(r["month"].year, r["month"].month): r["n"] for r in rows if r["month"]}
    labels: list[str] = []
    cumulative: list[int] = []
    new: list[int] = []
    running = 0
    if per_month:  # every month from the first adoption to the last (or today), zeros included
        first = min(per_month)
        last = max(max(per_month), (clock.today().year, clock.today().month))
        for lo, _hi in charts.months(dt.date(*first, 1), dt.date(*last, 1)):
            n = per_month.get((lo.year, lo.month), 0)
            labels.append(charts.month_label(lo))
            running += n
            new.append(n)
            cumulative.append(running)
    return {
        "type": "line",
        "data": {
            "labels": labels,
            "datasets": [
                {
                    "label": "Số đơn vị đã áp dụng (lũy kế)",
                    "data": cumulative,
                    "borderColor": "#b91c1c",
                    "backgroundColor": "rgba(185,28,28,.15)",
                    "fill": True,
                    "tension": 0.2,
                },
                {
                    "label": "Đơn vị áp dụng mới trong tháng",
                    "data": new,
                    "type": "bar",
                    "backgroundColor": "#f59e0b",
                },
            ],
        },
        "options": {"scales": {"y": {"beginAtZero": True, "ticks": {"precision": 0}}}},
    }


# --- figures -----------------------------------------------------------------------------------------
FIGURE_KEYS = ("registered", "recognised", "retired", "replicated")


def figure_rows(
    start: dt.date, end: dt.date, field: str = "", within: AdminUnit | None = None
) -> dict[str, dict[int, int]]:
    """{figure: {unit_id: count}} — one grouped query per figure, whatever the number of units."""
    base = Exemplar.objects.all()
    repl = Replication.objects.all()
    if field:
        base = base.filter(field=field)
        repl = repl.filter(exemplar__field=field)
    if within is not None:
        units = AdminUnit.objects.subtree(within).values("id")
        base = base.filter(unit_id__in=units)
        repl = repl.filter(unit_id__in=units)
    queries = {
        "registered": base.filter(registered_on__range=(start, end)),
        "recognised": base.filter(decision_date__range=(start, end)).exclude(decision_number=""),
        "retired": base.filter(retired_on__range=(start, end)),
    }
    out: dict[str, dict[int, int]] = {}
    for key, qs in queries.items():
        out[key] = {r["unit_id"]: r["n"] for r in qs.values("unit_id").annotate(n=Count("id")).order_by()}
    out["replicated"] = {
        r["unit_id"]: r["n"]
        for r in repl.filter(adopted_on__range=(start, end))
        .values("unit_id")
        .annotate(n=Count("id"))
        .order_by()
    }
    return out


@dataclass
class FigureRow:
    unit: AdminUnit
    values: dict[str, int] = field(default_factory=dict)


def figures_table(
    root: AdminUnit, start: dt.date, end: dt.date, field_code: str = ""
) -> tuple[list[FigureRow], FigureRow]:
    """The four figures for each child unit of `root` (rolled up by path) and the total."""
    rows = figure_rows(start, end, field_code, within=root)
    unit_paths = dict(AdminUnit.objects.subtree(root).values_list("id", "path"))
    children = list(root.children.order_by("path")) if root.level < 2 else []
    child_rows = {c.path: FigureRow(c, dict.fromkeys(FIGURE_KEYS, 0)) for c in children}
    total = FigureRow(root, dict.fromkeys(FIGURE_KEYS, 0))
    own = FigureRow(root, dict.fromkeys(FIGURE_KEYS, 0))
    depth = root.path.count("/") + 1
    for key, counts in rows.items():
        for unit_id, n in counts.items():
            path = unit_paths.get(unit_id)
            if path is None:
                continue
            total.values[key] += n
            child_path = "/".join(path.split("/")[:depth]) + "/"
            target = child_rows.get(child_path, own) if path != root.path else own
            target.values[key] += n
    result = [r for r in child_rows.values() if any(r.values.values())]
    if any(own.values.values()):
        result.insert(0, own)
    return result, total


def figures_chart(rows: list[FigureRow]) -> charts.Chart:
    """The four figures of each unit of the table, as horizontal bars with every unit named (and the same
    numbers as a table beside the chart: `includes/chart.html`)."""
    names = {
        "registered": "Đăng ký",
        "recognised": "Được công nhận",
        "retired": "Đưa ra khỏi danh sách",
        "replicated": "Lượt nhân rộng",
    }
    series = [charts.Series(names[k], [r.values[k] for r in rows]) for k in FIGURE_KEYS]
    return charts.grouped([r.unit.name for r in rows], series, unit="số lượng")


def scoped_units_for_figures(scope: Scope) -> list[AdminUnit]:
    if scope.is_admin:
        return list(AdminUnit.objects.filter(level__lte=1).order_by("path"))
    return list(scope.units().filter(level__lte=1).order_by("path")) or list(
        scope.units().order_by("path")[:50]
    )


# --- contests ----------------------------------------------------------------------------------------
def contests_for(scope: Scope) -> QuerySet[Contest]:
    return scope.filter(Contest.objects.select_related("unit"))


def published_contests() -> QuerySet[Contest]:
    return Contest.objects.filter(status=ContestStatus.PUBLISHED).select_related("unit")


@dataclass
class RankedEntry:
    entry: ContestEntry
    average: Decimal | None
    sheets: int
    rank: int | None


def contest_ranking(contest: Contest) -> dict[int, list[RankedEntry]]:
    """{round_id: entries ranked by the judges' average total (ties share a rank)}."""
    criteria_count = contest.criteria.count()
    totals: dict[tuple[int, int], Decimal] = defaultdict(Decimal)
    counts: dict[tuple[int, int], int] = defaultdict(int)
    for entry_id, judge_id, value in ContestScore.objects.filter(entry__round__contest=contest).values_list(
        "entry_id", "judge_id", "value"
    ):
        totals[(entry_id, judge_id)] += value
        counts[(entry_id, judge_id)] += 1
    per_entry: dict[int, list[Decimal]] = defaultdict(list)
    for key, total in totals.items():
        if counts[key] == criteria_count:
            per_entry[key[0]].append(total)
    out: dict[int, list[RankedEntry]] = {}
    entries = ContestEntry.objects.filter(round__contest=contest).select_related("unit", "exemplar", "round")
    for entry in entries:
        sheets = per_entry.get(entry.pk, [])
        avg = (sum(sheets, Decimal(0)) / len(sheets)).quantize(Decimal("0.01")) if sheets else None
        out.setdefault(entry.round_id, []).append(RankedEntry(entry, avg, len(sheets), None))
    for ranked in out.values():
        ranked.sort(key=lambda r: (r.average is None, -(r.average or 0), r.entry.pk))
        previous: Decimal | None = None
        rank = 0
        for i, r in enumerate(ranked, start=1):
            if r.average is None:
                continue
            if r.average != previous:
                rank = i
                previous = r.average
            r.rank = rank
    return out


def judge_sheet(contest: Contest, user: Any) -> dict[int, dict[int, Decimal]]:
    """{entry_id: {criterion_id: value}} already entered by this judge."""
    out: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for entry_id, criterion_id, value in ContestScore.objects.filter(
        entry__round__contest=contest, judge=user
    ).values_list("entry_id", "criterion_id", "value"):
        out[entry_id][criterion_id] = value
    return out


def dashboard_counts(scope: Scope) -> dict[str, int]:
    qs = scope.filter(Exemplar.objects.all())
    counts = dict(qs.values_list("status").annotate(n=Count("id")).order_by())
    return {s: counts.get(s, 0) for s in Status.values}


def units_choices(units: Iterable[AdminUnit]) -> list[tuple[str, str]]:
    return [(u.code, u.name) for u in units]


# --- people for councils and juries --------------------------------------------------------------------
def _people(paths: list[str], exclude: Iterable[int] = ()) -> list[Any]:
    """Active people holding a role (not the system administrator's) at one of `paths`, by name, each
    with the name of the unit they are assigned to (`judge_unit`)."""
    rows = (
        RoleAssignment.objects.filter(unit__path__in=paths, user__is_active=True)
        .exclude(role=Role.ADMIN)
        .exclude(user_id__in=exclude)
        .select_related("user", "unit")
        .order_by("user__full_name", "user__username", "unit__path")
    )
    people: dict[int, Any] = {}
    for ra in rows:
        if ra.user_id not in people:
            ra.user.judge_unit = ra.unit.name  # type: ignore[attr-defined]
            people[ra.user_id] = ra.user
    return list(people.values())


def _area_paths(unit: AdminUnit) -> list[str]:
    """The unit and the units above it, up to its province (the nation only for a national record)."""
    paths = [p for p in unit.ancestors_paths() if p.count("/") - 1 >= Level.PROVINCE]
    return paths or [unit.path]


def judge_candidates(exemplar: Exemplar) -> list[Any]:
    """Who may sit on the exemplar's council: people of its unit and of the units above it up to the
    province, never whoever registered or submitted it."""
    return _people(_area_paths(exemplar.unit), exclude=submitters(exemplar))


def jury_candidates(contest: Contest) -> list[Any]:
    """Who may judge a contest: people of the organising unit and of the units above it up to the province."""
    return _people(_area_paths(contest.unit))
