"""Reads for organisations, always through the user's scope."""

from __future__ import annotations

from django.db.models import QuerySet

from danvan.accounts.models import Organisation
from danvan.accounts.scoping import Scope
from danvan.core.text import fold


def organisations(scope: Scope, *, query: str = "", kind: str = "") -> QuerySet[Organisation]:
    qs = scope.filter(Organisation.objects.select_related("unit")).order_by("unit__path", "kind", "name")
    if kind:
        qs = qs.filter(kind=kind)
    if query:
        folded = fold(query)
        qs = qs.filter(unit__folded_name__contains=folded) | qs.filter(name__icontains=query)
    return qs


def organisation(scope: Scope, pk: int) -> Organisation:
    return scope.get_or_404(Organisation.objects.select_related("unit"), pk=pk)
