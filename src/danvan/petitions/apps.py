from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _card_context(request: Any) -> dict[str, Any]:
    from danvan.accounts.scoping import scope_for
    from danvan.petitions.selectors import deadline_counts
    from danvan.reporting.figures import today_label

    return {**deadline_counts(scope_for(request.user)), "as_of_label": today_label()}


class PetitionsConfig(AppConfig):
    name = "danvan.petitions"
    label = "petitions"
    verbose_name = _("Đơn thư")

    def ready(self) -> None:
        from danvan.core.registry import (
            DashboardCard,
            NavItem,
            register_dashboard_card,
            register_health_check,
            register_nav,
        )
        from danvan.petitions import analysis, demo, indicators, workflow  # noqa: F401  (register demo, indicators, workflow)

        analysis.register()  # officers' petitions are analysed by a task (django.tasks) after their commit

        register_nav(
            NavItem(
                _("Gửi đơn thư"),
                "petitions:submit",
                "public",
                order=10,
                description=_("Gửi phản ánh, kiến nghị, khiếu nại, tố cáo không cần tài khoản."),
            )
        )
        register_nav(
            NavItem(
                _("Tra cứu hồ sơ"),
                "petitions:track",
                "public",
                order=11,
                description=_("Xem tình trạng giải quyết đơn bằng mã hồ sơ."),
            )
        )
        register_nav(NavItem(_("Đơn thư"), "petitions:list", "officer", order=10))
        register_dashboard_card(DashboardCard("petitions/card.html", _card_context, order=10))
        register_health_check("petitions_journal", _journal_health)
        post_migrate.connect(_ensure_search_index, sender=self, dispatch_uid="petitions_search_index")


def _ensure_search_index(using: str = "default", **_: Any) -> None:
    from danvan.petitions import search

    search.ensure_index(using)


JOURNAL_STALE_SECONDS = 600


def _journal_health() -> dict[str, object]:
    """The public form's intake journal is being entered in the register (the analysis process runs)."""
    from danvan.petitions.selectors import journal_status

    waiting, oldest_s, errors = journal_status()
    return {
        "ok": oldest_s < JOURNAL_STALE_SECONDS,
        "waiting": waiting,
        "oldest_waiting_s": round(oldest_s, 1),
        "errors": errors,
    }
