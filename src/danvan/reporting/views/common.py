"""What the reporting views share: the unit and period a page is about, downloads, unit codes."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse

from danvan.accounts.scoping import scope_for
from danvan.core.workflow import Refused
from danvan.reporting import selectors
from danvan.reporting.models import Period
from danvan.territory.models import AdminUnit


def unit_by_code(scope: Any, code: str) -> AdminUnit:
    unit = AdminUnit.objects.filter(code=(code or "").strip()).first()
    if unit is None or not scope.can_see(unit):
        raise Refused(f"Không có đơn vị mã “{code}” trong phạm vi của bạn.", field="unit_code")
    return unit


def context_of(request: HttpRequest) -> tuple[Any, AdminUnit, Period]:
    scope = scope_for(request.user)
    unit = selectors.focus_unit(scope, request.GET.get("unit"))
    period = selectors.get_period(request.GET.get("period"))
    return scope, unit, period


def download(data: bytes, filename: str, mime: str) -> HttpResponse:
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
