"""Read-only API views of the other modules' records, each through that module's selector and the scope.

Every resource answers the same compact shape (`RecordOut`): id, type, unit, title, state, date and the
web page's URL. Personal data (citizens' names at receptions, question askers, signers) is not included.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.db.models import Model, QuerySet
from django.urls import NoReverseMatch, reverse

from danvan.accounts.scoping import Scope
from danvan.api.selectors import unit_ref


@dataclass(frozen=True)
class Resource:
    path: str
    type: str
    summary: str
    queryset: Callable[[Scope], QuerySet[Any]]
    title: Callable[[Any], str]
    state: Callable[[Any], str | None]
    date: Callable[[Any], Any]
    detail_url: str | None


def _date(value: Any) -> str | None:
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        from django.utils import timezone

        return timezone.localtime(value).isoformat(timespec="seconds")
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def _display(obj: Model, name: str) -> str | None:
    getter = getattr(obj, f"get_{name}_display", None)
    return str(getter()) if callable(getter) else None


def _receptions(scope: Scope) -> QuerySet[Any]:
    from danvan.engagement import selectors

    return selectors.receptions(scope)


def _dialogues(scope: Scope) -> QuerySet[Any]:
    from danvan.engagement import selectors

    return selectors.dialogues(scope)


def _commitments(scope: Scope) -> QuerySet[Any]:
    from danvan.engagement.models import Commitment

    return scope.filter(Commitment.objects.select_related("unit")).order_by("-made_on", "-id")


def _exemplars(scope: Scope) -> QuerySet[Any]:
    from danvan.exemplars.models import Exemplar

    return scope.filter(Exemplar.objects.select_related("unit")).order_by("-id")


def _reports(scope: Scope) -> QuerySet[Any]:
    from danvan.reporting import selectors

    return selectors.reports(scope).order_by("-id")


def _conferences(scope: Scope) -> QuerySet[Any]:
    from danvan.reporting.models import Conference

    return scope.filter(Conference.objects.select_related("unit")).order_by("-held_on", "-id")


def _press_events(scope: Scope) -> QuerySet[Any]:
    from danvan.press import selectors

    return selectors.visible_events(scope).order_by("-date", "-id")


RESOURCES = [
    Resource(
        "receptions",
        "reception",
        "Buổi tiếp công dân",
        _receptions,
        lambda o: f"Tiếp công dân ngày {o.date:%d/%m/%Y}" + (f" — {o.location}" if o.location else ""),
        lambda o: _display(o, "mode"),
        lambda o: o.date,
        "engagement:reception_detail",
    ),
    Resource(
        "dialogues",
        "dialogue",
        "Đối thoại trực tiếp",
        _dialogues,
        lambda o: o.title,
        lambda o: o.state,
        lambda o: o.starts_at,
        "engagement:dialogue_detail",
    ),
    Resource(
        "commitments",
        "commitment",
        "Cam kết sau đối thoại",
        _commitments,
        lambda o: o.content[:200],
        lambda o: o.state,
        lambda o: o.due_date,
        "engagement:commitment_detail",
    ),
    Resource(
        "exemplars",
        "exemplar",
        'Mô hình, điển hình "Dân vận khéo"',
        _exemplars,
        lambda o: o.name,
        lambda o: o.status,
        lambda o: o.registered_on,
        "exemplars:detail",
    ),
    Resource(
        "reports",
        "report",
        "Báo cáo sơ kết, tổng kết",
        _reports,
        lambda o: o.title,
        lambda o: o.status,
        lambda o: o.submitted_at or o.created_at,
        "reporting:report_detail",
    ),
    Resource(
        "conferences",
        "conference",
        "Hội nghị",
        _conferences,
        lambda o: o.title,
        lambda o: o.kind,
        lambda o: o.held_on,
        "reporting:conference_detail",
    ),
    Resource(
        "press-events",
        "press_event",
        "Sự kiện dân vận trên báo chí",
        _press_events,
        lambda o: o.title,
        lambda o: o.type,
        lambda o: o.date,
        "press:event_detail",
    ),
]


def record_out(resource: Resource, obj: Any) -> dict[str, Any]:
    url: str | None = None
    if resource.detail_url:
        try:
            url = reverse(resource.detail_url, args=[obj.pk])
        except NoReverseMatch:
            url = None
    return {
        "id": obj.pk,
        "type": resource.type,
        "unit": unit_ref(getattr(obj, "unit", None)),
        "title": str(resource.title(obj) or "")[:300],
        "state": resource.state(obj),
        "date": _date(resource.date(obj)),
        "url": url,
    }
