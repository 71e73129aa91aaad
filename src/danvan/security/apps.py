from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "danvan.security"
    label = "security"
    verbose_name = _("Bảo mật tài khoản")

    def ready(self) -> None:
        from danvan.core.registry import NavItem, register_nav

        register_nav(
            NavItem(
                _("Xác thực hai lớp"),
                "security:otp_setup",
                "officer",
                900,
                _("Bật mã xác thực một lần (TOTP) cho tài khoản"),
            )
        )
