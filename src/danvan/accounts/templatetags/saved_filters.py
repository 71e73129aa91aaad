"""`{% saved_filters "petitions" %}`: the person's saved filters of a list, and the form to save the current one."""

from __future__ import annotations

from typing import Any

from django import template

from danvan.accounts import selectors

register = template.Library()


@register.inclusion_tag("accounts/saved_filters.html", takes_context=True)
def saved_filters(context: dict[str, Any], list_name: str) -> dict[str, Any]:
    request = context["request"]
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "request": request,
        "list_name": list_name,
        "filters": list(selectors.saved_filters(request.user, list_name)),
        "query": query.urlencode(),
        "csrf_token": context.get("csrf_token"),
    }
