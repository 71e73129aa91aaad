from __future__ import annotations

from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "danvan.api"
    label = "api"
    verbose_name = "Giao diện lập trình (API)"
