"""Deadlines and routing from the editable rule tables (effective dates, working vs calendar days)."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q

from danvan.core.calendar import add_days
from danvan.petitions.models import (
    DeadlineRule,
    Field,
    Kind,
    Petition,
    RouteLevel,
    RoutingRule,
    Step,
    Variant,
)
from danvan.territory.models import AdminUnit, Level


def _effective(on: dt.date) -> Q:
    return Q(effective_from__lte=on) & (Q(effective_to__isnull=True) | Q(effective_to__gt=on))


def rule_for(kind: str, step: str, variant: str, on: dt.date) -> DeadlineRule | None:
    """The rule in force on `on` for the variant, falling back to the normal case."""
    rules = list(
        DeadlineRule.objects.filter(
            _effective(on), kind=kind, step=step, variant__in={variant, Variant.NORMAL}
        ).order_by("-effective_from")
    )
    for wanted in (variant, Variant.NORMAL):
        for rule in rules:
            if rule.variant == wanted:
                return rule
    return None


def due_date(kind: str, step: str, variant: str, start: dt.date) -> dt.date | None:
    rule = rule_for(kind, step, variant, start)
    if rule is None:
        return None
    return add_days(start, rule.days, working=rule.working_days)


def accept_variant(petition: Petition) -> str:
    if petition.kind == Kind.DENUNCIATION and petition.several_places:
        return Variant.SEVERAL_PLACES
    return Variant.NORMAL


def resolve_variant(petition: Petition) -> str:
    if petition.kind != Kind.COMPLAINT:
        return Variant.NORMAL
    parts = []
    if petition.previous_id is not None:
        parts.append("second")
    if petition.is_remote_area:
        parts.append("remote")
    if petition.is_complex:
        parts.append("complex")
    return "_".join(parts) or Variant.NORMAL


def limitation_warning(kind: str, known_on: dt.date | None, received_on: dt.date) -> str:
    """A warning (not an error) when a complaint is lodged after its limitation period."""
    if kind != Kind.COMPLAINT or known_on is None:
        return ""
    rule = rule_for(kind, Step.LIMITATION, Variant.NORMAL, received_on)
    if rule is None:
        return ""
    last_day = add_days(known_on, rule.days, working=rule.working_days)
    if received_on > last_day:
        return (
            f"Khiếu nại gửi sau thời hiệu {rule.days} ngày kể từ ngày biết quyết định, hành vi "
            f"(hết hạn {last_day:%d/%m/%Y}). Cán bộ cần xem xét lý do chính đáng trước khi thụ lý."
        )
    return ""


def competent_unit(*, kind: str, field: Field | None, place: AdminUnit, on: dt.date) -> AdminUnit:
    """The unit competent for a petition about `place` (a commune, or a province if no commune is known)."""
    rules = RoutingRule.objects.filter(_effective(on)).filter(
        Q(kind="") | Q(kind=kind), Q(field__isnull=True) | Q(field=field)
    )
    rule = sorted(rules, key=lambda r: (-r.priority, r.field_id is None, r.kind == ""))
    level = rule[0].level if rule else RouteLevel.COMMUNE
    if level == RouteLevel.PROVINCE and place.level == Level.COMMUNE and place.parent is not None:
        return place.parent
    return place


def addressed_unit(place: AdminUnit, level: str) -> AdminUnit:
    """The unit a citizen addressed the petition to: the commune, its province or the centre."""
    if level == "nation":
        return AdminUnit.objects.get(level=Level.NATION)
    if level == "province" and place.level == Level.COMMUNE and place.parent is not None:
        return place.parent
    return place
