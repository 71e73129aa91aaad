from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from danvan.accounts.scoping import scope_for
from danvan.core.registry import nav_items


def navigation(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    scope = scope_for(user)
    return {
        "public_nav": nav_items("public"),
        "officer_nav": (
            nav_items("officer")
            if scope.is_staff_member
            else nav_items("collaborator")
            if scope.is_collaborator
            else []
        ),
        "user_scope": scope,
    }
