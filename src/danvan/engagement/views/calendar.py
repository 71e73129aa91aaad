"""Coverage of the dialogue rules and the month calendar (page and iCalendar export)."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from danvan.core import audit, clock
from danvan.core.models import AuditAction
from danvan.engagement import ical, selectors
from danvan.engagement.views.common import period, staff_scope, unit_form, unit_from_request


@login_required
@require_GET
def coverage(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    unit = unit_from_request(request, scope)
    period_form, start, end = period(request)
    cov = selectors.coverage(unit, start, end)
    return render(
        request,
        "engagement/coverage.html",
        {"cov": cov, "unit": unit, "unit_form": unit_form(request, scope, unit), "period_form": period_form},
    )


# --- Calendar ----------------------------------------------------------------------------------------------


def _month(request: HttpRequest) -> tuple[int, int]:
    raw = request.GET.get("month", "")
    today = clock.today()
    try:
        year, month = (int(p) for p in raw.split("-", 1))
        dt.date(year, month, 1)
    except ValueError:
        return today.year, today.month
    return year, month


@login_required
@require_GET
def calendar_month(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    unit = unit_from_request(request, scope)
    year, month = _month(request)
    start, end = selectors.month_bounds(year, month)
    events = selectors.calendar_events(scope, unit, start, end)
    return render(
        request,
        "engagement/calendar.html",
        {
            "grid": selectors.month_grid(year, month, events),
            "unit": unit,
            "unit_form": unit_form(request, scope, unit),
            "events": events,
            "today": clock.today(),
        },
    )


@login_required
@require_GET
def calendar_ics(request: HttpRequest) -> HttpResponse:
    scope = staff_scope(request)
    unit = unit_from_request(request, scope)
    year, month = _month(request)
    start, end = selectors.month_bounds(year, month)
    events = selectors.calendar_events(scope, unit, start, end)
    body = ical.to_ical(
        events,
        name=f"Tiếp công dân và đối thoại — {unit.name} — {month:02d}/{year}",
        now=timezone.now(),
        base_url=request.build_absolute_uri("/"),
    )
    audit.record(
        actor=request.user,
        action=AuditAction.EXPORT,
        object_type="engagement.calendar",
        object_id=f"{unit.code}-{year}-{month:02d}",
        unit=unit,
        summary=f"Xuất lịch iCalendar {month:02d}/{year}: {len(events)} sự kiện",
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="lich-{unit.code}-{year}-{month:02d}.ics"'
    return response
