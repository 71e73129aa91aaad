"""Territory views: suggestions for the unit picker."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_GET

from danvan.territory.models import AdminUnit, Village
from danvan.territory.picker import search_units, search_villages, units_for_user, village_label


@login_required
@require_GET
def unit_search(request: HttpRequest) -> HttpResponse:
    """`<option>`s for a picker's datalist: units in the user's scope matching what was typed."""
    field = request.GET.get("field", "q")
    text = (request.GET.get(field) or request.GET.get("q") or "")[:150]
    units = search_units(units_for_user(request.user), text)
    return render(request, "territory/unit_options.html", {"units": units})


@login_required
@require_GET
def any_unit_search(request: HttpRequest) -> HttpResponse:
    """`<option>`s among every unit of the country (the territory is public reference data)."""
    field = request.GET.get("field", "q")
    text = (request.GET.get(field) or request.GET.get("q") or "")[:150]
    units = search_units(AdminUnit.objects.all(), text)
    return render(request, "territory/unit_options.html", {"units": units})


@login_required
@require_GET
def village_search(request: HttpRequest) -> HttpResponse:
    """`<option>`s for the village picker: villages of the user's communes matching what was typed."""
    field = request.GET.get("field", "q")
    text = (request.GET.get(field) or request.GET.get("q") or "")[:150]
    villages = Village.objects.filter(unit__in=units_for_user(request.user))
    labels = [village_label(v) for v in search_villages(villages, text)]
    return render(request, "territory/village_options.html", {"labels": labels})
