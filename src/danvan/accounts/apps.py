from __future__ import annotations

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "danvan.accounts"
    label = "accounts"
    verbose_name = _("Tài khoản và tổ chức")

    def ready(self) -> None:
        from danvan.accounts import demo  # noqa: F401  (registers the demo loader)
        from danvan.accounts.scoping import scope_for
        from danvan.core.registry import NavItem, register_nav
        from danvan.territory.picker import register_units_for_user

        register_units_for_user(lambda user: scope_for(user).units())

        register_nav(NavItem(_("Cơ quan, tổ chức"), "accounts:organisation_list", "officer", order=900))
