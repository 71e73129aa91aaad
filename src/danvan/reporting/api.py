"""REST API of reporting (mounted at /api/v1/ by the api app): reports and conferences, read-only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from danvan.accounts.scoping import Scope
from danvan.core.apikit import Resource, records_router
from danvan.reporting import selectors
from danvan.reporting.models import Conference


def _conferences(scope: Scope) -> QuerySet[Any]:
    return scope.filter(Conference.objects.select_related("unit")).order_by("-held_on", "-id")


RESOURCES = [
    Resource(
        "reports",
        "report",
        "Báo cáo sơ kết, tổng kết",
        lambda scope: selectors.reports(scope).order_by("-id"),
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
]

router = records_router(RESOURCES)
