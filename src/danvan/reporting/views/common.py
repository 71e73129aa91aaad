"""What the reporting views share: the unit and period a page is about, downloads, unit codes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from danvan.accounts.scoping import scope_for
from danvan.reporting import selectors
from danvan.reporting.models import Period
from danvan.territory.models import AdminUnit
from danvan.territory.picker import pick_unit


def picked_unit_code(scope: Any, text: str | None) -> str | None:
    """The code of the unit picked in ?unit= (a code, a name with or without diacritics, an old province's
    name, or the picker's "Name (code)"), among the units the person sees; 404 when none matches."""
    text = (text or "").strip()
    if not text or text.isdigit() or text == "VN":
        return text or None
    unit = pick_unit(scope.units(), text)
    return unit.code if unit is not None else None


def context_of(request: HttpRequest) -> tuple[Any, AdminUnit, Period]:
    scope = scope_for(request.user)
    unit = selectors.focus_unit(scope, picked_unit_code(scope, request.GET.get("unit")))
    period = selectors.get_period(request.GET.get("period"))
    return scope, unit, period


def download(data: bytes, filename: str, mime: str) -> HttpResponse:
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
