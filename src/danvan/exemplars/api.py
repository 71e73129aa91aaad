"""REST API of the "Dân vận khéo" models (mounted at /api/v1/ by the api app), read-only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from danvan.accounts.scoping import Scope
from danvan.core.apikit import Resource, records_router
from danvan.exemplars.models import Exemplar


def _exemplars(scope: Scope) -> QuerySet[Any]:
    return scope.filter(Exemplar.objects.select_related("unit")).order_by("-id")


RESOURCES = [
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
]

router = records_router(RESOURCES)
