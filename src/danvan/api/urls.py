"""/api/v1/ (REST, OpenAPI at /api/v1/openapi.json, docs at /api/v1/docs) and /open311/v2/ (GeoReport v2)."""

from __future__ import annotations

from django.urls import URLPattern, URLResolver, path, re_path

from danvan.api import open311
from danvan.api.api import api

# No app namespace here: django-ninja registers its own top-level namespace "api-v1".
urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", api.urls),
    re_path(r"^open311/v2/discovery\.(?P<fmt>json|xml)$", open311.discovery, name="open311_discovery"),
    re_path(r"^open311/v2/services\.(?P<fmt>json|xml)$", open311.services, name="open311_services"),
    re_path(
        r"^open311/v2/services/(?P<code>[^/]{1,60})\.(?P<fmt>json|xml)$",
        open311.service_definition,
        name="open311_service",
    ),
    re_path(r"^open311/v2/requests\.(?P<fmt>json|xml)$", open311.requests, name="open311_requests"),
    re_path(
        r"^open311/v2/requests/(?P<request_id>[^/]{1,60})\.(?P<fmt>json|xml)$",
        open311.request_detail,
        name="open311_request",
    ),
    re_path(
        r"^open311/v2/tokens/(?P<token>[^/]{1,80})\.(?P<fmt>json|xml)$", open311.token, name="open311_token"
    ),
]
