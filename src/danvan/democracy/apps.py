from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DemocracyConfig(AppConfig):
    name = "danvan.democracy"
    label = "democracy"
    verbose_name = _("Dân chủ ở cơ sở")

    def ready(self) -> None:
        from danvan.core.registry import NavItem, register_nav
        from danvan.democracy import demo, indicators, workflow  # noqa: F401  (register demo, indicators, workflow)

        register_nav(NavItem(_("Dân chủ ở cơ sở"), "democracy:home", "officer", order=40))
