"""Giao diện lập trình (API): reads, always through the caller's scope."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from danvan.accounts.scoping import Scope
from danvan.petitions import selectors as petition_selectors
from danvan.petitions.models import Field, Kind, Petition
from danvan.territory.models import AdminUnit
from danvan.territory.selectors import UnknownUnitError, get_unit

MAX_LIMIT = 200


@dataclass(frozen=True)
class PetitionFilters:
    kind: str | None = None
    state: str | None = None
    field: str | None = None
    unit: str | None = None
    received_from: dt.date | None = None
    received_to: dt.date | None = None
    q: str | None = None
    due: str | None = None


def unit_ref(unit: AdminUnit | None) -> dict[str, Any] | None:
    if unit is None:
        return None
    return {"code": unit.code, "name": unit.name, "level": unit.level}


def units(
    *, parent: str | None = None, level: int | None = None, q: str | None = None
) -> QuerySet[AdminUnit]:
    """The territory is public information."""
    from danvan.core.text import fold

    qs = AdminUnit.objects.select_related("parent").order_by("path")
    if parent:
        try:
            qs = qs.filter(parent=get_unit(parent))
        except UnknownUnitError:
            return qs.none()
    if level is not None:
        qs = qs.filter(level=level)
    if q:
        qs = qs.filter(folded_name__contains=fold(q))
    return qs


def unit_out(unit: AdminUnit) -> dict[str, Any]:
    return {
        "code": unit.code,
        "name": unit.name,
        "level": unit.level,
        "parent": unit.parent.code if unit.parent_id and unit.parent else None,
        "division_type": unit.division_type,
        "path": unit.path,
    }


def taxonomy() -> QuerySet[Field]:
    return Field.objects.filter(is_active=True).order_by("order", "name")


def petitions(scope: Scope, filters: PetitionFilters) -> QuerySet[Petition]:
    """Through the petitions module's own selector (same scope and filters as the web list)."""
    qs = petition_selectors.petitions_for(
        scope,
        unit=filters.unit,
        kind=filters.kind,
        field=filters.field,
        state=filters.state,
        due=filters.due,
        date_from=filters.received_from,
        date_to=filters.received_to,
        q=filters.q,
    )
    return qs.select_related("unit", "received_unit", "place", "field")


def petition(scope: Scope, pk: int) -> Petition:
    return petition_selectors.petition_for(scope, pk)


def petition_out(p: Petition) -> dict[str, Any]:
    """A petition as the API shows it: never the petitioner's personal data or a denunciator's identity."""
    confidential = p.kind == Kind.DENUNCIATION
    return {
        "id": p.pk,
        "tracking_code": p.tracking_code,
        "kind": p.kind,
        "kind_label": p.get_kind_display(),
        "state": p.state,
        "state_label": p.get_state_display(),
        "channel": p.channel,
        "unit": unit_ref(p.unit),
        "received_unit": unit_ref(p.received_unit),
        "place": unit_ref(p.place),
        "field": p.field.code if p.field_id and p.field else None,
        "title": p.title,
        "content": petition_selectors.redacted_content(p) if confidential else p.content,
        "received_at": timezone.localtime(p.received_at),
        "due_date": p.due_date,
        "is_collective": p.is_collective,
        "signer_count": p.signer_count,
        "is_skip_level": p.is_skip_level,
        "answer": None if confidential and not p.answer_public else (p.answer or None),
    }


def page(qs: QuerySet[Any], limit: int, offset: int) -> tuple[int, list[Any]]:
    limit = max(1, min(limit, MAX_LIMIT))
    return qs.count(), list(qs[offset : offset + limit])
