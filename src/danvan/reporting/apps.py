from __future__ import annotations

from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def _seed(sender: AppConfig, **kwargs: Any) -> None:
    from danvan.reporting.catalogue import seed_catalogue

    seed_catalogue()


def _install_counts(sender: AppConfig, using: str = "default", **kwargs: Any) -> None:
    from danvan.reporting import counts

    counts.install(using)


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = _("Sơ kết, tổng kết")

    def ready(self) -> None:
        from danvan.core.registry import DashboardCard, NavItem, register_dashboard_card, register_nav
        from danvan.reporting import demo, indicators, views, workflow  # noqa: F401  (workflow: registered)

        indicators.register()
        demo.register()
        register_nav(
            NavItem(_("Sơ kết, tổng kết"), "reporting:dashboard", "officer", order=60,
                    description=_("Chỉ tiêu, báo cáo định kỳ, tổng hợp từ xã lên tỉnh, Trung ương"))
        )  # fmt: skip
        register_nav(
            NavItem(_("Hội nghị"), "reporting:conference_list", "officer", order=61,
                    description=_("Hội nghị sơ kết, tổng kết, chuyên đề; kết luận và nhiệm vụ"))
        )  # fmt: skip
        register_dashboard_card(
            DashboardCard(template="reporting/_card.html", context=views.dashboard_card, order=60)
        )
        post_migrate.connect(_seed, sender=self, dispatch_uid="reporting_seed_catalogue")
        # after every migrate / flush: the aggregate counts' triggers exist and match the declared facts
        post_migrate.connect(_install_counts, sender=self, dispatch_uid="reporting_install_counts")
