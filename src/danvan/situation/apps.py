from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "danvan.situation"
    label = "situation"
    verbose_name = _("Nắm tình hình nhân dân")

    def ready(self) -> None:
        from danvan.core.registry import DashboardCard, NavItem, register_dashboard_card, register_nav
        from danvan.situation import demo, indicators, workflow  # noqa: F401  (register demo, indicators, workflow)

        register_nav(NavItem(_("Nắm tình hình"), "situation:home", "officer", order=45))
        register_nav(NavItem(_("Báo cáo tình hình"), "situation:home", "collaborator", order=10))
        register_dashboard_card(DashboardCard("situation/card.html", dashboard_card, order=15))


def dashboard_card(request: Any) -> dict[str, Any]:
    """The dashboard's "đang tăng" list: unanswered rise alerts of the last weeks in the user's subtrees."""
    from danvan.accounts.scoping import scope_for
    from danvan.situation import selectors

    scope = scope_for(request.user)
    return {"rising": selectors.rising(scope, limit=8) if scope.is_staff_member else []}
