from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OperationsConfig(AppConfig):
    """Running the platform: encrypted backups and restores (`danvan backup`, `danvan restore`)."""

    name = "danvan.operations"
    label = "operations"
    verbose_name = _("Vận hành")
