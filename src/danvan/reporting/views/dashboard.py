"""The dashboard, the indicator catalogue and its drill-downs, figures export, manual figures and targets."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core.text import slug
from danvan.core.workflow import NotPermitted, Refused, show_refusal
from danvan.reporting import catalogue as cat
from danvan.reporting import exports, forms, selectors, services
from danvan.reporting import figures as fig
from danvan.reporting.models import ReportStatus
from danvan.reporting.views.common import context_of, download
from danvan.territory.models import AdminUnit, Level
from danvan.territory.picker import set_units


def _target_form(scope: Any, data: Any, unit: AdminUnit) -> forms.TargetForm:
    """The target form, its unit a picker over the units the person sees (names or codes)."""
    form = forms.TargetForm(data, initial={"unit_code": unit})
    set_units(form, scope.units(), "unit_code")
    return form


# --- dashboard ---------------------------------------------------------------------------------------
@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    scope, unit, period = context_of(request)
    data = selectors.dashboard(scope, unit, period, rank_code=request.GET.get("rank", ""))
    return render(
        request,
        "reporting/dashboard.html",
        {
            "unit": unit,
            "period": period,
            "periods": selectors.periods(),
            "crumbs": selectors.breadcrumb(unit, scope),
            "can_act": scope.has_role(unit, ACT_ROLES),
            "target_form": _target_form(scope, None, unit),
            **data,
        },
    )


def dashboard_card(request: HttpRequest) -> dict[str, Any]:
    scope = scope_for(request.user)
    unit = scope.home_unit()
    period = selectors.default_period()
    if unit is None or period is None:
        return {"empty": True}
    statuses = selectors.subordinate_statuses(unit, period) if unit.level < Level.COMMUNE else []
    counts = selectors.status_counts(statuses)
    overdue = selectors.tasks(scope, state="overdue").count()
    return {
        "period": period,
        "unit": unit,
        "reported": counts[ReportStatus.SUBMITTED] + counts[ReportStatus.ACCEPTED],
        "total": len(statuses),
        "overdue_tasks": overdue,
        "as_of_label": fig.today_label(),
    }


# --- catalogue, drill-down, figures --------------------------------------------------------------------
@login_required
@require_GET
def indicator_list(request: HttpRequest) -> HttpResponse:
    rows = [(i, cat.module_label(i.module), i.compute is not None) for i in cat.catalogue()]
    return render(request, "reporting/indicator_list.html", {"rows": rows})


def _indicator(code: str) -> Any:
    indicator = cat.get(code)
    if indicator is None:
        raise Http404(_("Không có chỉ tiêu này trong danh mục."))
    return indicator


def _live_param(request: HttpRequest) -> bool | None:
    return True if request.GET.get("view") == "current" else None


@login_required
@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    scope, unit, period = context_of(request)
    indicator = _indicator(code)
    data = selectors.drill_units(indicator, period, unit, live=_live_param(request))
    return render(
        request,
        "reporting/indicator_detail.html",
        {"indicator": indicator, "unit": unit, "period": period, "periods": selectors.periods(),
         "crumbs": selectors.breadcrumb(unit, scope), "view": request.GET.get("view", ""), **data},
    )  # fmt: skip


@login_required
@require_GET
def indicator_records(request: HttpRequest, code: str) -> HttpResponse:
    scope, unit, period = context_of(request)
    indicator = _indicator(code)
    records, total = selectors.drill_records(indicator, period, unit)
    return render(
        request,
        "reporting/indicator_records.html",
        {"indicator": indicator, "unit": unit, "period": period, "records": records, "total": total,
         "crumbs": selectors.breadcrumb(unit, scope), "as_of_label": selectors.records_label(period)},
    )  # fmt: skip


@login_required
@require_GET
def figures_export(request: HttpRequest, fmt: str) -> HttpResponse:
    if fmt not in ("xlsx", "csv"):
        raise Http404(_("Định dạng xuất không hỗ trợ."))
    scope, unit, period = context_of(request)
    tables = selectors.build_tables(unit, period, live=_live_param(request))
    services.record_export(
        actor=request.user, obj=None, unit=unit, fmt=fmt, what=f"số liệu {period.name} — {unit.name}"
    )
    name = f"so-lieu-{slug(unit.short_name)}-{period.pk}"
    if fmt == "xlsx":
        return download(
            exports.xlsx(tables, f"{period.name} — {unit.name}"), name + ".xlsx", exports.XLSX_MIME
        )
    return download(
        exports.csv_bytes(tables, request.GET.get("table", "")), name + ".csv", "text/csv; charset=utf-8"
    )


@login_required
def figure_entry(request: HttpRequest) -> HttpResponse:
    scope, unit, period = context_of(request)
    manual = [i for i in cat.catalogue() if i.compute is None]
    choices = [(i.code, f"{i.name} ({i.unit})") for i in manual]
    form = forms.FigureForm(request.POST or None, choices=choices, initial={"unit_code": unit})
    set_units(form, scope.units(), "unit_code")
    if request.method == "POST" and form.is_valid():
        try:
            target_unit = form.cleaned_data["unit_code"]
            services.enter_manual_figure(
                actor=request.user,
                indicator_code=form.cleaned_data["indicator_code"],
                unit=target_unit,
                period=period,
                value=form.cleaned_data["value"],
                denominator=form.cleaned_data["denominator"] or None,
            )
        except NotPermitted:
            raise
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã lưu số liệu."))
            return redirect(f"{reverse('reporting:figure_entry')}?period={period.pk}&unit={unit.code}")
    return render(
        request,
        "reporting/figure_entry.html",
        {"form": form, "unit": unit, "period": period, "periods": selectors.periods()},
    )


@login_required
@require_POST
def target_set(request: HttpRequest) -> HttpResponse:
    scope, unit, period = context_of(request)
    form = _target_form(scope, request.POST, unit)
    back = f"{reverse('reporting:dashboard')}?period={period.pk}&unit={unit.code}"
    if not form.is_valid():
        problems = " ".join(str(e) for errors in form.errors.values() for e in errors)
        messages.error(request, f"Hãy nhập đủ chỉ tiêu, đơn vị và chỉ tiêu giao. {problems}".strip())
        return redirect(back)
    try:
        services.set_target(
            actor=request.user,
            indicator_code=form.cleaned_data["indicator_code"],
            unit=form.cleaned_data["unit_code"],
            period=period,
            value=form.cleaned_data["value"],
        )
    except NotPermitted:
        raise
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã giao chỉ tiêu."))
    return redirect(back)
