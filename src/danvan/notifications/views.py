"""The unsubscribe page: the link of every message (a signed token, no address in it)."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from danvan.notifications import services


@csrf_exempt  # RFC 8058 one-click unsubscribe: mail clients POST without a form; the token is the secret
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    valid = services.read_unsubscribe_token(token) is not None
    done = False
    if request.method == "POST" and valid:
        done = services.unsubscribe(token)
    status = 200 if valid else 400
    return render(
        request,
        "notifications/unsubscribe.html",
        {"valid": valid, "done": done, "token": token},
        status=status,
    )
