"""Theo dõi báo chí: reads.

Press events are public information: every staff member (any role at any unit, or an administrator) sees
every event, whatever their own unit; people without a role (and anonymous visitors) see none. All reads
go through `visible_events(scope)` so this rule lives in one place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404
from django.utils.translation import gettext as _

from danvan.accounts.scoping import Scope
from danvan.core.text import fold, search_terms
from danvan.press.models import Appearance, Event, Person
from danvan.press.services import document_key
from danvan.territory.models import AdminUnit, Level


def can_browse(scope: Scope) -> bool:
    return scope.is_staff_member


def visible_events(scope: Scope) -> QuerySet[Event]:
    if not can_browse(scope):
        return Event.objects.none()
    return Event.objects.select_related("province", "unit", "article")


def visible_people(scope: Scope) -> QuerySet[Person]:
    if not can_browse(scope):
        return Person.objects.none()
    return Person.objects.all()


@dataclass(frozen=True)
class EventFilters:
    q: str = ""
    person: str = ""
    province: str = ""  # GSO code of today's province
    year: int | None = None
    half: int | None = None
    document: str = ""

    @classmethod
    def from_params(cls, params: Any) -> EventFilters:
        def _int(name: str, allowed: range) -> int | None:
            raw = str(params.get(name) or "").strip()
            return int(raw) if raw.isdigit() and int(raw) in allowed else None

        return cls(
            q=str(params.get("q") or "").strip()[:200],
            person=str(params.get("person") or "").strip()[:150],
            province=str(params.get("province") or "").strip()[:10],
            year=_int("year", range(1945, 2101)),
            half=_int("half", range(1, 3)),
            document=str(params.get("document") or "").strip()[:100],
        )

    @property
    def active(self) -> bool:
        return bool(self.q or self.person or self.province or self.year or self.half or self.document)


_DOC_TOKEN = re.compile(r"\d+[\w\-/.]*", re.UNICODE)


def search_events(scope: Scope, filters: EventFilters) -> QuerySet[Event]:
    """Events matching every given filter; words ignore diacritics and case."""
    qs = visible_events(scope)
    for term in search_terms(filters.q):
        qs = qs.filter(search_text__contains=f" {term}")
    if filters.person:
        folded = fold(filters.person)
        qs = qs.filter(
            pk__in=Appearance.objects.filter(person__folded_name__contains=folded).values("event_id")
        )
    if filters.province:
        qs = qs.filter(province__code=filters.province.zfill(2))
    if filters.year:
        qs = qs.filter(Q(period_year=filters.year) | Q(period_year__isnull=True, date__year=filters.year))
    if filters.half:
        qs = qs.filter(period_half=filters.half)
    if filters.document:
        token = _DOC_TOKEN.search(fold(filters.document))
        key = document_key(token.group(0) if token else filters.document)
        qs = qs.filter(documents_key__contains=key)
    return qs.order_by("-date", "-id")


def event_detail(scope: Scope, pk: int) -> Event:
    event = (
        visible_events(scope)
        .prefetch_related(
            Prefetch(
                "appearances",
                queryset=Appearance.objects.select_related("person").order_by("-is_chair", "id"),
            )
        )
        .filter(pk=pk)
        .first()
    )
    if event is None:
        raise Http404(_("Không tìm thấy sự kiện."))
    return event


def person_detail(scope: Scope, pk: int) -> tuple[Person, list[Appearance]]:
    """The person and their appearances, oldest first, so titles read as a career over time."""
    person = visible_people(scope).filter(pk=pk).first()
    if person is None:
        raise Http404(_("Không tìm thấy nhân vật."))
    appearances = list(
        Appearance.objects.filter(person=person, event__in=visible_events(scope))
        .select_related("event", "event__province")
        .order_by("event__date", "event_id")
    )
    return person, appearances


def search_people(scope: Scope, query: str) -> QuerySet[Person]:
    qs = visible_people(scope).annotate(n_events=Count("appearances"))
    folded = fold(query)
    if folded:
        qs = qs.filter(folded_name__contains=folded)
    return qs.order_by("-n_events", "folded_name")


@dataclass(frozen=True)
class TimelineYear:
    year: int | None
    events: list[Event]


def province_timeline(scope: Scope, code: str) -> tuple[AdminUnit, list[TimelineYear]]:
    """Today's province and its events grouped by year (newest first); undated events last."""
    province = AdminUnit.objects.filter(level=Level.PROVINCE, code=code.zfill(2)).first()
    if province is None or not can_browse(scope):
        raise Http404(_("Không tìm thấy tỉnh, thành phố."))
    events = list(visible_events(scope).filter(province=province).order_by("-date", "-id"))
    dated = [e for e in events if e.date is not None]
    undated = [e for e in events if e.date is None]
    years = [
        TimelineYear(year, list(items))
        for year, items in groupby(dated, key=lambda e: e.date.year if e.date else None)
    ]
    if undated:
        years.append(TimelineYear(None, undated))
    return province, years


def provinces_with_counts(scope: Scope) -> list[tuple[AdminUnit, int]]:
    counts = dict(
        visible_events(scope)
        .filter(province__isnull=False)
        .values_list("province_id")
        .annotate(n=Count("id"))
    )
    return [
        (p, counts.get(p.pk, 0))
        for p in AdminUnit.objects.filter(level=Level.PROVINCE).order_by("folded_name")
    ]


def period_years(scope: Scope) -> list[int]:
    years = (
        visible_events(scope)
        .exclude(period_year__isnull=True)
        .values_list("period_year", flat=True)
        .distinct()
    )
    return sorted({y for y in years if y is not None}, reverse=True)
