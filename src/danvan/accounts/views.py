"""Accounts: login/logout are Django's views (urls.py); the organisations directory is scoped."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.accounts import selectors, services
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


def _back(request: HttpRequest, query: str = "") -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}
    ) or not target.startswith("/"):
        target = "/"
    return redirect(target.split("?")[0] + (f"?{query}" if query else ""))


@login_required
@require_POST
def save_filter(request: HttpRequest) -> HttpResponse:
    """Save the list's current filters under a name, for this person only."""
    try:
        saved = services.save_filter(
            user=request.user,
            list_name=request.POST.get("list_name", "")[:60],
            name=request.POST.get("name", ""),
            query=request.POST.get("query", ""),
        )
    except services.SavedFilterError as exc:
        messages.error(request, str(exc))
        return _back(request, request.POST.get("query", ""))
    messages.success(request, _("Đã lưu bộ lọc “%(name)s”.") % {"name": saved.name})
    return _back(request, saved.query)


@login_required
@require_POST
def delete_filter(request: HttpRequest, pk: int) -> HttpResponse:
    services.delete_filter(user=request.user, pk=pk)
    messages.success(request, _("Đã xóa bộ lọc."))
    return _back(request)
