from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "danvan.press"
    label = "press"
    verbose_name = _("Theo dõi báo chí")

    def ready(self) -> None:
        from danvan.core.registry import NavItem, register_nav
        from danvan.press import demo, indicators  # noqa: F401  (register the demo loader and indicators)

        register_nav(
            NavItem(
                _("Báo chí"),
                "press:event_list",
                "officer",
                order=70,
                description=_("Sự kiện dân vận trên báo chí: tìm theo tỉnh, thời gian, nhân vật, văn bản."),
            )
        )
