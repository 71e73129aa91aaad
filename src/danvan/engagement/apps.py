from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EngagementConfig(AppConfig):
    name = "danvan.engagement"
    label = "engagement"
    verbose_name = _("Tiếp công dân và đối thoại")

    def ready(self) -> None:
        from danvan.core.registry import DashboardCard, NavItem, register_dashboard_card, register_nav
        from danvan.engagement import demo, indicators, workflow  # noqa: F401  (register demo, indicators, workflow)
        from danvan.engagement.cards import overdue_card

        register_nav(
            NavItem(
                _("Đối thoại với người đứng đầu"),
                "engagement:public_dialogues",
                "public",
                order=30,
                description=_(
                    "Lịch hội nghị đối thoại của xã, phường; gửi câu hỏi trước; xem kết quả và cam kết."
                ),
            )
        )
        register_nav(NavItem(_("Tiếp công dân"), "engagement:reception_list", "officer", order=30))
        register_nav(NavItem(_("Đối thoại"), "engagement:dialogue_list", "officer", order=31))
        register_nav(NavItem(_("Lịch"), "engagement:calendar", "officer", order=32))
        register_dashboard_card(DashboardCard("engagement/cards/overdue.html", overdue_card, order=30))
