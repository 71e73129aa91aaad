"""Reads for the shell pages."""

from __future__ import annotations

from typing import Any

from django.db.models import Q

from danvan.accounts.models import Role
from danvan.accounts.scoping import Scope
from danvan.core.models import AuditEntry
from danvan.territory.models import AdminUnit, Level, subtree_q


def public_stats() -> dict[str, int]:
    return {
        "provinces": AdminUnit.objects.filter(level=Level.PROVINCE).count(),
        "communes": AdminUnit.objects.filter(level=Level.COMMUNE).count(),
    }


def grants_for_display(scope: Scope) -> list[dict[str, Any]]:
    units = {u.pk: u for u in AdminUnit.objects.filter(pk__in=[g.unit_id for g in scope.grants])}
    return [{"role": Role(g.role).label, "unit": units.get(g.unit_id)} for g in scope.grants]


def recent_audit(scope: Scope, limit: int = 10) -> list[AuditEntry]:
    qs = AuditEntry.objects.order_by("-id")
    if not scope.is_admin:
        paths = scope.paths()
        if not paths:
            return []
        q = Q()
        for path in paths:
            q |= subtree_q(path, "unit_path")
        qs = qs.filter(q)
    return list(qs[:limit])
