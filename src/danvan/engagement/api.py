"""REST API of engagement (mounted at /api/v1/ by the api app): receptions, dialogues, commitments, read-only."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from danvan.accounts.scoping import Scope
from danvan.core.apikit import Resource, display, records_router
from danvan.engagement import selectors
from danvan.engagement.models import Commitment


def _commitments(scope: Scope) -> QuerySet[Any]:
    return scope.filter(Commitment.objects.select_related("unit")).order_by("-made_on", "-id")


RESOURCES = [
    Resource(
        "receptions",
        "reception",
        "Buổi tiếp công dân",
        lambda scope: selectors.receptions(scope),
        lambda o: f"Tiếp công dân ngày {o.date:%d/%m/%Y}" + (f" — {o.location}" if o.location else ""),
        lambda o: display(o, "mode"),
        lambda o: o.date,
        "engagement:reception_detail",
    ),
    Resource(
        "dialogues",
        "dialogue",
        "Đối thoại trực tiếp",
        lambda scope: selectors.dialogues(scope),
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
]

router = records_router(RESOURCES)
