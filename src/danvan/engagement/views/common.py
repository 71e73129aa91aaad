"""What the engagement views share: the staff scope, the unit asked for (unit picker), the period."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from danvan.accounts.scoping import ACT_ROLES, Scope, scope_for
from danvan.core import clock
from danvan.engagement import forms as f
from danvan.territory.models import AdminUnit, Level
from danvan.territory.picker import UnitPickForm, pick_unit


def staff_scope(request: HttpRequest) -> Scope:
    scope = scope_for(request.user)
    if not scope.is_staff_member:
        raise PermissionDenied(_("Tài khoản chưa được phân quyền tại đơn vị nào."))
    return scope


def unit_form(request: HttpRequest, scope: Scope, unit: AdminUnit | None = None) -> UnitPickForm:
    """The unit picker of a list's filters, showing the unit being read."""
    return UnitPickForm(initial={"unit": unit}, units=scope.units())


def unit_from_request(request: HttpRequest, scope: Scope) -> AdminUnit:
    """The unit picked in ?unit= (a code or the picker's "Name (code)", inside the user's scope), else
    the user's home unit."""
    unit = pick_unit(scope.units(), request.GET.get("unit"))
    if unit is not None:
        return unit
    home = scope.home_unit()
    if home is None:
        raise PermissionDenied(_("Tài khoản chưa được phân quyền tại đơn vị nào."))
    return home


def act_units(scope: Scope) -> QuerySet[AdminUnit]:
    return scope.units(ACT_ROLES).filter(level__in=[Level.PROVINCE, Level.COMMUNE]).order_by("path")


def require_act_units(units: QuerySet[AdminUnit]) -> None:
    """A page that creates a record refuses (403, in words) a person who may act at no unit."""
    if not units.exists():
        raise PermissionDenied(
            _(
                "Bạn cần vai trò cán bộ hoặc lãnh đạo tại một xã hoặc tỉnh (hoặc cấp trên) để ghi nhận việc này."
            )
        )


def period(request: HttpRequest) -> tuple[f.PeriodForm, dt.date, dt.date]:
    form = f.PeriodForm(request.GET or None)
    today = clock.today()
    start, end = dt.date(today.year, 1, 1), dt.date(today.year, 12, 31)
    if form.is_bound and form.is_valid():
        start = form.cleaned_data.get("start") or start
        end = form.cleaned_data.get("end") or end
    return form, start, end


def petition_link_available() -> bool:
    from danvan.engagement import petition_link

    return petition_link.available()


def history_rows(workflow: Any, rows: Any) -> list[dict[str, Any]]:
    """A record's history in words: the action's label and the states' labels, not their codes."""
    out = []
    for h in rows:
        action = workflow.actions.get(h.action)
        out.append(
            {
                "at": h.at,
                "who": (h.actor.full_name if h.actor is not None else "") or h.actor_label,
                "action": action.label
                if action is not None
                else _("Lập mới")
                if h.action == "create"
                else h.action,
                "moved": h.from_state != h.to_state,
                "from": workflow.state_label(h.from_state) if h.from_state else "—",
                "to": workflow.state_label(h.to_state),
                "reason": h.reason,
            }
        )
    return out
