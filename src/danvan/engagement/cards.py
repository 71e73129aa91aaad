"""The dashboard card: the user's overdue commitments and the dialogue coverage of their unit."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from danvan.accounts.scoping import scope_for
from danvan.core import clock
from danvan.engagement import selectors
from danvan.reporting import figures as fig
from danvan.reporting.selectors import subtree_figure
from danvan.territory.models import Level


def overdue_card(request: HttpRequest) -> dict[str, Any]:
    scope = scope_for(request.user)
    overdue = selectors.overdue_for_user(request.user, scope)
    today = clock.today()
    unit = scope.home_unit()
    share = None
    level_label = ""
    if unit is not None:
        # the catalogue's figure for (the home unit's subtree, this year, today), as the dashboard shows it
        start, end = selectors.year_bounds(today.year)
        share = subtree_figure("engagement.dialogue_coverage_communes", unit, start, end)
        level_label = str(Level.COMMUNE.label)
    return {
        "overdue": list(overdue[:5]),
        "overdue_count": overdue.count(),
        "unit": unit,
        "coverage_share": share,
        "coverage_level": level_label,
        "year": today.year,
        "today": today,
        "as_of_label": fig.today_label(),
    }
