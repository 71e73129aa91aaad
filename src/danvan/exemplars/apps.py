from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExemplarsConfig(AppConfig):
    name = "danvan.exemplars"
    label = "exemplars"
    verbose_name = _("Dân vận khéo")

    def ready(self) -> None:
        from danvan.core.registry import DashboardCard, NavItem, register_dashboard_card, register_nav
        from danvan.exemplars import demo, indicators, workflow  # noqa: F401  (register demo, indicators, workflows)
        from danvan.exemplars.cards import dashboard_card

        register_nav(
            NavItem(
                _("Dân vận khéo"),
                "exemplars:gallery",
                "public",
                order=40,
                description=_("Mô hình, điển hình “Dân vận khéo” đã được công nhận."),
            )
        )
        register_nav(
            NavItem(
                _("Dân vận khéo"),
                "exemplars:list",
                "officer",
                order=40,
                description=_("Đăng ký, thẩm định, công nhận, nhân rộng mô hình; hội thi."),
            )
        )
        register_dashboard_card(DashboardCard("exemplars/card.html", dashboard_card, order=40))
