"""Territory views: suggestions for the unit picker."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.territory.picker import search_units, units_for_user


@login_required
@require_GET
def unit_search(request: HttpRequest) -> HttpResponse:
    """`<option>`s for a picker's datalist: units in the user's scope matching what was typed."""
    field = request.GET.get("field", "q")
    text = (request.GET.get(field) or request.GET.get("q") or "")[:150]
    units = search_units(units_for_user(request.user), text)
    return render(request, "territory/unit_options.html", {"units": units})
