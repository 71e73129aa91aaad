from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SituationConfig(AppConfig):
    name = "danvan.situation"
    label = "situation"
    verbose_name = _("Nắm tình hình nhân dân")

    def ready(self) -> None:
        from danvan.core.registry import NavItem, register_nav
        from danvan.situation import demo, indicators, workflow  # noqa: F401  (register demo, indicators, workflow)

        register_nav(NavItem(_("Nắm tình hình"), "situation:home", "officer", order=45))
        register_nav(NavItem(_("Báo cáo tình hình"), "situation:home", "collaborator", order=10))
