"""Deadlines and routing from the editable rule tables (effective dates, working vs calendar days).

The two tables are small and read on every intake, so each process keeps them in memory (`current()`)
and reloads them when `RuleTableStamp.stamp` changes: database triggers (migration 0005) set a new stamp
on every write to either table, whoever makes it (admin, services, raw SQL). Checking costs one
single-row query; an edit takes effect on the next submission in every process.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import connection

from danvan.core.calendar import add_days
from danvan.petitions.models import (
    DeadlineRule,
    Field,
    Kind,
    Petition,
    RouteLevel,
    RoutingRule,
    RuleTableStamp,
    Step,
    Variant,
)
from danvan.territory.models import AdminUnit, Level


def _in_force(rule: DeadlineRule | RoutingRule, on: dt.date) -> bool:
    return rule.effective_from <= on and (rule.effective_to is None or rule.effective_to > on)


@dataclass(frozen=True)
class RuleSet:
    """The routing and deadline rules as loaded at one stamp (shared read-only by the threads)."""

    stamp: int | None
    deadline: dict[tuple[str, str], tuple[DeadlineRule, ...]]  # (kind, step) -> rules, newest first
    routing: tuple[RoutingRule, ...]

    @classmethod
    def load(cls, stamp: int | None) -> RuleSet:
        deadline: dict[tuple[str, str], list[DeadlineRule]] = {}
        for rule in DeadlineRule.objects.order_by("-effective_from", "pk"):
            deadline.setdefault((rule.kind, rule.step), []).append(rule)
        return cls(
            stamp=stamp,
            deadline={key: tuple(rules) for key, rules in deadline.items()},
            routing=tuple(RoutingRule.objects.order_by("pk")),
        )

    def rule_for(self, kind: str, step: str, variant: str, on: dt.date) -> DeadlineRule | None:
        """The rule in force on `on` for the variant, falling back to the normal case."""
        rules = [r for r in self.deadline.get((kind, step), ()) if _in_force(r, on)]
        for wanted in (variant, Variant.NORMAL):
            for rule in rules:
                if rule.variant == wanted:
                    return rule
        return None

    def due_date(self, kind: str, step: str, variant: str, start: dt.date) -> dt.date | None:
        rule = self.rule_for(kind, step, variant, start)
        if rule is None:
            return None
        return add_days(start, rule.days, working=rule.working_days)

    def route_level(self, kind: str, field_id: int | None, on: dt.date) -> str:
        matching: Sequence[RoutingRule] = [
            r
            for r in self.routing
            if _in_force(r, on) and r.kind in ("", kind) and (r.field_id is None or r.field_id == field_id)
        ]
        best = sorted(matching, key=lambda r: (-r.priority, r.field_id is None, r.kind == ""))
        return best[0].level if best else RouteLevel.COMMUNE

    def competent_unit(self, *, kind: str, field: Field | None, place: AdminUnit, on: dt.date) -> AdminUnit:
        """The unit competent for a petition about `place` (a commune, or a province if no commune is known)."""
        level = self.route_level(kind, field.pk if field is not None else None, on)
        if level == RouteLevel.PROVINCE and place.level == Level.COMMUNE and place.parent is not None:
            return place.parent
        return place

    def limitation_warning(self, kind: str, known_on: dt.date | None, received_on: dt.date) -> str:
        """A warning (not an error) when a complaint is lodged after its limitation period."""
        if kind != Kind.COMPLAINT or known_on is None:
            return ""
        rule = self.rule_for(kind, Step.LIMITATION, Variant.NORMAL, received_on)
        if rule is None:
            return ""
        last_day = add_days(known_on, rule.days, working=rule.working_days)
        if received_on > last_day:
            return (
                f"Khiếu nại gửi sau thời hiệu {rule.days} ngày kể từ ngày biết quyết định, hành vi "
                f"(hết hạn {last_day:%d/%m/%Y}). Cán bộ cần xem xét lý do chính đáng trước khi thụ lý."
            )
        return ""


_lock = threading.Lock()
_cached: dict[str, RuleSet] = {}  # database name -> rules at their stamp


def _stamp() -> int | None:
    table = connection.ops.quote_name(RuleTableStamp._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT stamp FROM {table} WHERE id = 1")  # noqa: S608 - constant table name
        row = cursor.fetchone()
    return int(row[0]) if row else None


def current() -> RuleSet:
    """The rules in force now in the database: from memory unless the stamp changed (one tiny query)."""
    stamp = _stamp()
    key = str(connection.settings_dict["NAME"])
    cached = _cached.get(key)
    if cached is not None and cached.stamp == stamp:
        return cached
    with _lock:
        cached = _cached.get(key)
        if cached is None or cached.stamp != stamp:
            cached = RuleSet.load(stamp)
            _cached[key] = cached
        return cached


def rule_for(kind: str, step: str, variant: str, on: dt.date) -> DeadlineRule | None:
    """The rule in force on `on` for the variant, falling back to the normal case."""
    return current().rule_for(kind, step, variant, on)


def due_date(kind: str, step: str, variant: str, start: dt.date) -> dt.date | None:
    return current().due_date(kind, step, variant, start)


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
    return current().limitation_warning(kind, known_on, received_on)


def competent_unit(*, kind: str, field: Field | None, place: AdminUnit, on: dt.date) -> AdminUnit:
    """The unit competent for a petition about `place` (a commune, or a province if no commune is known)."""
    return current().competent_unit(kind=kind, field=field, place=place, on=on)


def addressed_unit(place: AdminUnit, level: str) -> AdminUnit:
    """The unit a citizen addressed the petition to: the commune, its province or the centre."""
    if level == "nation":
        from danvan.territory.selectors import nation

        return nation()
    if level == "province" and place.level == Level.COMMUNE and place.parent is not None:
        return place.parent
    return place
