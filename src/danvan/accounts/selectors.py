"""Reads for organisations, always through the user's scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from danvan.accounts.models import Organisation, SavedFilter
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


def saved_filters(user: Any, list_name: str) -> QuerySet[SavedFilter]:
    """The person's own saved filters of one list."""
    if not getattr(user, "is_authenticated", False):
        return SavedFilter.objects.none()
    return SavedFilter.objects.filter(user=user, list_name=list_name).order_by("name")
