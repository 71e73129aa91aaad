"""Bench-only WSGI app: the production settings and middleware, and one view that inserts one row.

The baseline of `bench_petitions.py`: `gunicorn petitions_bare:application` (run with bench/ on the path).
"""

from __future__ import annotations

import importlib
import os

from django.http import HttpRequest, HttpResponse
from django.urls import path
from django.views.decorators.csrf import csrf_exempt

os.environ["DJANGO_SETTINGS_MODULE"] = "petitions_bare"
_base = importlib.import_module(os.environ.get("PETITIONS_BARE_BASE", "danvan.settings"))
globals().update({k: v for k, v in vars(_base).items() if k.isupper()})
ROOT_URLCONF = "petitions_bare"
_ready = False


@csrf_exempt
def insert_one(request: HttpRequest) -> HttpResponse:
    global _ready
    from django.db import connection, transaction

    if not _ready:
        with connection.cursor() as cursor:
            cursor.execute(
                "CREATE TABLE IF NOT EXISTS bench_bare (id INTEGER PRIMARY KEY, title TEXT, body TEXT)"
            )
        _ready = True
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO bench_bare (title, body) VALUES (%s, %s)",
            [request.POST.get("title", ""), request.POST.get("content", "")],
        )
    return HttpResponse("ok", status=201)


def healthz(request: HttpRequest) -> HttpResponse:
    return HttpResponse("ok")


urlpatterns = [path("bare/", insert_one), path("healthz", healthz)]

from django.core.wsgi import get_wsgi_application  # noqa: E402

application = get_wsgi_application()
