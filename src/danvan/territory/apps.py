from __future__ import annotations

from django.apps import AppConfig


class TerritoryConfig(AppConfig):
    name = "danvan.territory"
    label = "territory"
    verbose_name = "Đơn vị hành chính"
