from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    """The shell above every module: home page, officer dashboard, /healthz, navigation, `danvan demo`.

    It reads what the modules registered in `core.registry` (links, dashboard cards, health checks,
    demo loaders); the modules never import it.
    """

    name = "danvan.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin")
