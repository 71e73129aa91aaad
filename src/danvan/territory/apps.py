from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TerritoryConfig(AppConfig):
    name = "danvan.territory"
    label = "territory"
    verbose_name = _("Đơn vị hành chính")
