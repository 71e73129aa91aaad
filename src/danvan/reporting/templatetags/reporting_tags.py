"""Template filters for figures: Vietnamese number format and report status badges."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import gettext_lazy as _

from danvan.reporting.formatting import fmt_number

register = template.Library()


@register.simple_tag(takes_context=True)
def unit_picker(context: dict[str, Any], unit: Any) -> Any:
    """The page's unit as the unit picker over the units the person sees (`?unit=`)."""
    from danvan.accounts.scoping import scope_for
    from danvan.territory.picker import UnitPickForm

    form = UnitPickForm(initial={"unit": unit}, units=scope_for(context["request"].user).units())
    return form["unit"]


BADGES = {"accepted": "ok", "submitted": "ok", "draft": "warn", "returned": "bad", "not_started": "bad",
          "done": "ok", "open": "warn", "overdue": "bad"}  # fmt: skip
TASK_LABELS = {"done": _("Hoàn thành"), "open": _("Đang thực hiện"), "overdue": _("Quá hạn")}


@register.filter
def figure(value: Any, unit: str = "") -> str:
    return fmt_number(value, unit)


@register.filter
def base_label(indicator: Any) -> str:
    """What puts a record in the figure (its base date, or "at an instant" for a stock)."""
    from danvan.reporting.figures import base_label as label

    return label(indicator)


@register.filter
def badge(status: str) -> str:
    return BADGES.get(status, "")


@register.filter
def task_label(state: str) -> str:
    return str(TASK_LABELS.get(state, state))


@register.filter
def get_item(mapping: dict[str, Any], key: str) -> Any:
    return mapping.get(key)


@register.filter
def get_item_attr(obj: Any, name: str) -> Any:
    return getattr(obj, name, "")


@register.filter
def status_label(status: str) -> str:
    from danvan.reporting.models import ReportStatus

    return str(dict(ReportStatus.choices).get(status, status)) if status else ""
