"""The officer dashboard card."""

from __future__ import annotations

from typing import Any

from danvan.accounts.scoping import scope_for
from danvan.exemplars import selectors


def dashboard_card(request: Any) -> dict[str, Any]:
    counts: dict[str, Any] = selectors.dashboard_counts(scope_for(request.user))
    counts["to_score"] = selectors.evaluations_to_score(request.user).count()
    return counts
