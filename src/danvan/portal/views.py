"""Home page for citizens, dashboard shell for officers, health check."""

from __future__ import annotations

import time

from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from danvan.accounts.scoping import scope_for
from danvan.core.registry import dashboard_cards, health_checks
from danvan.portal import selectors


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"stats": selectors.public_stats()})


@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    cards = []
    for card in dashboard_cards():
        cards.append({"template": card.template, "context": card.context(request)})
    return render(
        request,
        "portal/dashboard.html",
        {
            "scope": scope,
            "home_unit": scope.home_unit(),
            "grants": selectors.grants_for_display(scope),
            "cards": cards,
            "recent_audit": selectors.recent_audit(scope, limit=8),
        },
    )


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    started = time.perf_counter()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        ok = True
        error = ""
    except Exception as exc:  # noqa: BLE001 - the health check reports any database failure
        ok = False
        error = exc.__class__.__name__
    database: dict[str, object] = {
        "reachable": ok,
        "vendor": connection.vendor,
        "ms": round((time.perf_counter() - started) * 1000, 2),
    }
    if error:
        database["error"] = error
    body: dict[str, object] = {"status": "ok" if ok else "error", "database": database}
    if ok:
        # The modules' own checks (a queue not being worked...): "degraded", still 200 - the site serves.
        for name, check in health_checks().items():
            try:
                result = check()
            except Exception as exc:  # noqa: BLE001 - a failing check is reported, not raised
                result = {"ok": False, "error": exc.__class__.__name__}
            body[name] = result
            if not result.get("ok", False):
                body["status"] = "degraded"
    return JsonResponse(body, status=200 if ok else 503)


def error_404(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def error_403(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def error_500(request: HttpRequest) -> HttpResponse:
    return render(request, "500.html", status=500)
