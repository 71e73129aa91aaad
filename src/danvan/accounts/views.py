"""Accounts: login/logout are Django's views (urls.py); the organisations directory is scoped."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from danvan.accounts import selectors
from danvan.accounts.models import OrganisationKind
from danvan.accounts.scoping import scope_for


@login_required
def organisation_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    qs = selectors.organisations(scope, query=request.GET.get("q", ""), kind=request.GET.get("kind", ""))
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(
        request, "accounts/organisation_list.html", {"page": page, "kinds": OrganisationKind.choices}
    )


@login_required
def organisation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    org = selectors.organisation(scope_for(request.user), pk)
    return render(request, "accounts/organisation_detail.html", {"org": org})
