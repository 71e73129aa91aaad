"""REST API of press monitoring (mounted at /api/v1/ by the api app): events, read-only."""

from __future__ import annotations

from danvan.core.apikit import Resource, records_router
from danvan.press import selectors

RESOURCES = [
    Resource(
        "press-events",
        "press_event",
        "Sự kiện dân vận trên báo chí",
        lambda scope: selectors.visible_events(scope).order_by("-date", "-id"),
        lambda o: o.title,
        lambda o: o.type,
        lambda o: o.date,
        "press:event_detail",
    ),
]

router = records_router(RESOURCES)
