"""Report periods and annual themes (the centre's)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from danvan.core.workflow import NotPermitted, Refused, show_refusal
from danvan.reporting import forms, selectors, services
from danvan.reporting.models import AnnualTheme
from danvan.reporting.rulebook import RULEBOOK
from danvan.territory.models import AdminUnit, Level


# --- periods and themes ------------------------------------------------------------------------------
@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    form = forms.PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_period(actor=request.user, kind=data["kind"], name=data["name"], start=data["start"],
                                   end=data["end"], theme=data["theme"], report_due=data["report_due"])  # fmt: skip
        except NotPermitted:
            raise
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã tạo kỳ báo cáo."))
            return redirect("reporting:period_list")
    nation = AdminUnit.objects.filter(level=Level.NATION).first()
    return render(
        request,
        "reporting/period_list.html",
        {
            "periods": selectors.periods(),
            "form": form,
            "themes": selectors.themes(),
            "can_manage": nation is not None and RULEBOOK.allows(request.user, "manage_periods", nation),
        },
    )


@login_required
def period_edit(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period(pk)
    initial = {"kind": period.kind, "name": period.name, "start": period.start, "end": period.end,
               "theme": period.theme, "report_due": period.report_due}  # fmt: skip
    form = forms.PeriodForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.update_period(actor=request.user, period=period, kind=data["kind"], name=data["name"],
                                   start=data["start"], end=data["end"], theme=data["theme"],
                                   report_due=data["report_due"])  # fmt: skip
        except NotPermitted:
            raise
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã sửa kỳ báo cáo."))
            return redirect("reporting:period_list")
    return render(request, "reporting/period_edit.html", {"period": period, "form": form})


@login_required
@require_POST
def period_close(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period(pk)
    try:
        n = services.close_period(actor=request.user, period=period)
    except NotPermitted:
        raise
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Đã khóa số liệu kỳ %(name)s (%(n)s số liệu).") % {"name": period.name, "n": n}
        )
    return redirect("reporting:period_list")


@login_required
def theme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    theme = AnnualTheme.objects.filter(pk=pk).first() if pk else None
    if pk and theme is None:
        raise Http404(_("Không tìm thấy chủ đề năm."))
    initial = {"year_from": theme.year_from, "year_to": theme.year_to, "title": theme.title,
               "description": theme.description} if theme else {}  # fmt: skip
    form = forms.ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if theme is None:
                services.create_theme(actor=request.user, **form.cleaned_data)
            else:
                services.update_theme(actor=request.user, theme=theme, **form.cleaned_data)
        except NotPermitted:
            raise
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã lưu chủ đề năm."))
            return redirect("reporting:period_list")
    return render(request, "reporting/theme_edit.html", {"form": form, "theme": theme})
