"""Sơ kết, tổng kết: thin views (parse input, call a selector or a service, render)."""

from __future__ import annotations

from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core.text import slug
from danvan.reporting import catalogue as cat
from danvan.reporting import exports, forms, selectors, services
from danvan.reporting import figures as fig
from danvan.reporting.models import AnnualTheme, ConferenceKind, Period, ReportStatus
from danvan.territory.models import AdminUnit, Level


def _messages_of(exc: ValidationError) -> list[str]:
    return [str(m) for m in exc.messages]


def _apply_errors(form: django_forms.Form, exc: ValidationError) -> None:
    if hasattr(exc, "error_dict"):
        for field, errors in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, exc.messages)


def _unit_by_code(scope: Any, code: str) -> AdminUnit:
    unit = AdminUnit.objects.filter(code=(code or "").strip()).first()
    if unit is None or not scope.can_see(unit):
        raise ValidationError({"unit_code": f"Không có đơn vị mã “{code}” trong phạm vi của bạn."})
    return unit


def _context(request: HttpRequest) -> tuple[Any, AdminUnit, Period]:
    scope = scope_for(request.user)
    unit = selectors.focus_unit(scope, request.GET.get("unit"))
    period = selectors.get_period(request.GET.get("period"))
    return scope, unit, period


def _download(data: bytes, filename: str, mime: str) -> HttpResponse:
    response = HttpResponse(data, content_type=mime)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# --- dashboard ---------------------------------------------------------------------------------------
@login_required
@require_GET
def dashboard(request: HttpRequest) -> HttpResponse:
    scope, unit, period = _context(request)
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
        raise Http404("Không có chỉ tiêu này trong danh mục.")
    return indicator


def _live_param(request: HttpRequest) -> bool | None:
    return True if request.GET.get("view") == "current" else None


@login_required
@require_GET
def indicator_detail(request: HttpRequest, code: str) -> HttpResponse:
    scope, unit, period = _context(request)
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
    scope, unit, period = _context(request)
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
        raise Http404("Định dạng xuất không hỗ trợ.")
    scope, unit, period = _context(request)
    tables = selectors.build_tables(unit, period, live=_live_param(request))
    services.record_export(
        actor=request.user, obj=None, unit=unit, fmt=fmt, what=f"số liệu {period.name} — {unit.name}"
    )
    name = f"so-lieu-{slug(unit.short_name)}-{period.pk}"
    if fmt == "xlsx":
        return _download(
            exports.xlsx(tables, f"{period.name} — {unit.name}"), name + ".xlsx", exports.XLSX_MIME
        )
    return _download(
        exports.csv_bytes(tables, request.GET.get("table", "")), name + ".csv", "text/csv; charset=utf-8"
    )


@login_required
def figure_entry(request: HttpRequest) -> HttpResponse:
    scope, unit, period = _context(request)
    manual = [i for i in cat.catalogue() if i.compute is None]
    choices = [(i.code, f"{i.name} ({i.unit})") for i in manual]
    form = forms.FigureForm(request.POST or None, choices=choices, initial={"unit_code": unit.code})
    if request.method == "POST" and form.is_valid():
        try:
            target_unit = _unit_by_code(scope, form.cleaned_data["unit_code"])
            services.enter_manual_figure(
                actor=request.user,
                indicator_code=form.cleaned_data["indicator_code"],
                unit=target_unit,
                period=period,
                value=form.cleaned_data["value"],
                denominator=form.cleaned_data["denominator"] or None,
            )
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Đã lưu số liệu.")
            return redirect(f"{reverse('reporting:figure_entry')}?period={period.pk}&unit={unit.code}")
    return render(
        request,
        "reporting/figure_entry.html",
        {"form": form, "unit": unit, "period": period, "periods": selectors.periods()},
    )


@login_required
@require_POST
def target_set(request: HttpRequest) -> HttpResponse:
    scope, unit, period = _context(request)
    form = forms.TargetForm(request.POST)
    back = f"{reverse('reporting:dashboard')}?period={period.pk}&unit={unit.code}"
    if not form.is_valid():
        messages.error(request, "Hãy nhập đủ mã chỉ tiêu, mã đơn vị và chỉ tiêu giao.")
        return redirect(back)
    try:
        services.set_target(
            actor=request.user,
            indicator_code=form.cleaned_data["indicator_code"],
            unit=_unit_by_code(scope, form.cleaned_data["unit_code"]),
            period=period,
            value=form.cleaned_data["value"],
        )
    except ValidationError as exc:
        for m in _messages_of(exc):
            messages.error(request, m)
    else:
        messages.success(request, "Đã giao chỉ tiêu.")
    return redirect(back)


# --- periods and themes ------------------------------------------------------------------------------
@login_required
def period_list(request: HttpRequest) -> HttpResponse:
    form = forms.PeriodForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.create_period(actor=request.user, kind=data["kind"], name=data["name"], start=data["start"],
                                   end=data["end"], theme=data["theme"], report_due=data["report_due"])  # fmt: skip
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Đã tạo kỳ báo cáo.")
            return redirect("reporting:period_list")
    nation = AdminUnit.objects.filter(level=Level.NATION).first()
    return render(
        request,
        "reporting/period_list.html",
        {
            "periods": selectors.periods(),
            "form": form,
            "themes": selectors.themes(),
            "can_manage": scope_for(request.user).has_role(nation, ACT_ROLES),
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
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Đã sửa kỳ báo cáo.")
            return redirect("reporting:period_list")
    return render(request, "reporting/period_edit.html", {"period": period, "form": form})


@login_required
@require_POST
def period_close(request: HttpRequest, pk: int) -> HttpResponse:
    period = selectors.get_period(pk)
    try:
        n = services.close_period(actor=request.user, period=period)
    except ValidationError as exc:
        for m in _messages_of(exc):
            messages.error(request, m)
    else:
        messages.success(request, f"Đã khóa số liệu kỳ {period.name} ({n} số liệu).")
    return redirect("reporting:period_list")


@login_required
def theme_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    theme = AnnualTheme.objects.filter(pk=pk).first() if pk else None
    if pk and theme is None:
        raise Http404("Không tìm thấy chủ đề năm.")
    initial = {"year_from": theme.year_from, "year_to": theme.year_to, "title": theme.title,
               "description": theme.description} if theme else {}  # fmt: skip
    form = forms.ThemeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if theme is None:
                services.create_theme(actor=request.user, **form.cleaned_data)
            else:
                services.update_theme(actor=request.user, theme=theme, **form.cleaned_data)
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Đã lưu chủ đề năm.")
            return redirect("reporting:period_list")
    return render(request, "reporting/theme_edit.html", {"form": form, "theme": theme})


# --- reports ---------------------------------------------------------------------------------------
@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    scope, unit, period = _context(request)
    own = selectors.reports(scope).filter(unit=unit, period=period).first()
    statuses = selectors.subordinate_statuses(unit, period) if unit.level < Level.COMMUNE else []
    return render(
        request,
        "reporting/report_list.html",
        {"unit": unit, "period": period, "periods": selectors.periods(), "own": own, "statuses": statuses,
         "counts": selectors.status_counts(statuses), "can_act": selectors.can_write_report(scope, unit),
         "start_form": forms.ReportStartForm(), "crumbs": selectors.breadcrumb(unit, scope),
         "status_labels": dict(ReportStatus.choices)},
    )  # fmt: skip


@login_required
@require_POST
def report_start(request: HttpRequest) -> HttpResponse:
    scope, unit, period = _context(request)
    form = forms.ReportStartForm(request.POST)
    body_kind = form.cleaned_data["body_kind"] if form.is_valid() else "party"
    try:
        report = services.start_report(actor=request.user, unit=unit, period=period, body_kind=body_kind)
    except ValidationError as exc:
        for m in _messages_of(exc):
            messages.error(request, m)
        return redirect(f"{reverse('reporting:report_list')}?period={period.pk}&unit={unit.code}")
    messages.success(request, "Đã tạo dự thảo báo cáo; các bảng số liệu được điền tự động.")
    return redirect("reporting:report_detail", pk=report.pk)


@login_required
@require_POST
def report_compile(request: HttpRequest) -> HttpResponse:
    scope, unit, period = _context(request)
    try:
        report = services.compile_consolidated(actor=request.user, unit=unit, period=period)
    except ValidationError as exc:
        for m in _messages_of(exc):
            messages.error(request, m)
        return redirect(f"{reverse('reporting:report_list')}?period={period.pk}&unit={unit.code}")
    messages.success(request, "Đã tổng hợp báo cáo từ các đơn vị trực thuộc.")
    return redirect("reporting:report_detail", pk=report.pk)


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    report = selectors.get_report(scope, pk)
    editable = report.status in services.EDITABLE and selectors.can_write_report(scope, report.unit)
    initial = {f: getattr(report, f) for f in services.REPORT_FIELDS} | {"version": report.version}
    form = forms.ReportForm(request.POST or None, initial=initial)
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("Bạn không sửa được báo cáo này.")
        if form.is_valid():
            data = dict(form.cleaned_data)
            version = data.pop("version")
            try:
                report = services.update_report(actor=request.user, report=report, version=version, **data)
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                if request.POST.get("then") == "submit":
                    return _submit(request, report)
                messages.success(request, "Đã lưu báo cáo.")
                return redirect("reporting:report_detail", pk=report.pk)
    parent = report.unit.parent
    can_decide = (
        report.status == ReportStatus.SUBMITTED and parent is not None and scope.has_role(parent, ACT_ROLES)
    )
    return render(
        request,
        "reporting/report_detail.html",
        {"report": report, "form": form, "editable": editable, "can_decide": can_decide,
         "tables": selectors.report_tables(report), "events": report.events.select_related("actor"),
         "return_form": forms.ReturnForm(),
         "sections": selectors.SECTION_LABELS},
    )  # fmt: skip


def _submit(request: HttpRequest, report: Any) -> HttpResponse:
    try:
        services.submit_report(actor=request.user, report=report)
    except ValidationError as exc:
        for m in _messages_of(exc):
            messages.error(request, m)
    else:
        messages.success(request, "Đã gửi báo cáo lên cấp trên.")
    return redirect("reporting:report_detail", pk=report.pk)


@login_required
@require_POST
def report_submit(request: HttpRequest, pk: int) -> HttpResponse:
    return _submit(request, selectors.get_report(scope_for(request.user), pk))


@login_required
@require_POST
def report_decide(request: HttpRequest, pk: int, decision: str) -> HttpResponse:
    if decision not in ("accept", "return"):
        raise Http404("Thao tác không hợp lệ.")
    report = selectors.get_report(scope_for(request.user), pk)
    try:
        if decision == "accept":
            services.accept_report(actor=request.user, report=report, comment=request.POST.get("comment", ""))
            messages.success(request, "Đã tiếp nhận báo cáo.")
        else:
            services.return_report(actor=request.user, report=report, comment=request.POST.get("comment", ""))
            messages.success(request, "Đã trả lại báo cáo kèm ý kiến.")
    except ValidationError as exc:
        for m in _messages_of(exc):
            messages.error(request, m)
    return redirect("reporting:report_detail", pk=report.pk)


@login_required
@require_GET
def report_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "xlsx", "csv"):
        raise Http404("Định dạng xuất không hỗ trợ.")
    report = selectors.get_report(scope_for(request.user), pk)
    tables = selectors.report_tables(report)
    services.record_export(
        actor=request.user, obj=report, unit=report.unit, fmt=fmt, what=f"báo cáo {report.title}"
    )
    name = f"bao-cao-{slug(report.unit.short_name)}-{report.period.pk}"
    if fmt == "docx":
        return _download(exports.report_docx(report, tables), name + ".docx", exports.DOCX_MIME)
    if fmt == "xlsx":
        return _download(exports.xlsx(tables, report.title), name + ".xlsx", exports.XLSX_MIME)
    return _download(
        exports.csv_bytes(tables, request.GET.get("table", "")), name + ".csv", "text/csv; charset=utf-8"
    )


# --- conferences and tasks ---------------------------------------------------------------------------
@login_required
@require_GET
def conference_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    qs = selectors.conferences(scope, kind=request.GET.get("kind", ""), query=request.GET.get("q", ""))
    page = Paginator(qs, 30).get_page(request.GET.get("page"))
    return render(request, "reporting/conference_list.html", {"page": page, "kinds": ConferenceKind.choices})


@login_required
def conference_new(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    home = scope.home_unit()
    form = forms.ConferenceForm(request.POST or None, initial={"unit_code": home.code if home else ""})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            unit = _unit_by_code(scope, data["unit_code"])
            conference = services.create_conference(
                actor=request.user, unit=unit, kind=data["kind"], title=data["title"], held_on=data["held_on"],
                chairs=form.parsed_chairs(), online=data["online"], bridge_points=form.parsed_bridge_points(),
                documents=form.parsed_documents(), conclusions=data["conclusions"],
            )  # fmt: skip
        except ValidationError as exc:
            _apply_errors(form, exc)
        else:
            messages.success(request, "Đã ghi nhận hội nghị.")
            return redirect("reporting:conference_detail", pk=conference.pk)
    return render(request, "reporting/conference_form.html", {"form": form})


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    conference = selectors.get_conference(scope, pk)
    form = forms.TaskForm(request.POST or None)
    can_act = scope.has_role(conference.unit, ACT_ROLES)
    if request.method == "POST":
        if not can_act:
            raise PermissionDenied("Bạn không giao được nhiệm vụ của hội nghị này.")
        if form.is_valid():
            data = form.cleaned_data
            try:
                units = [
                    _unit_by_code(scope, c)
                    for c in data["unit_codes"].replace(";", ",").split(",")
                    if c.strip()
                ]
                services.assign_tasks(actor=request.user, conference=conference, title=data["title"],
                                      due_on=data["due_on"], units=units)  # fmt: skip
            except ValidationError as exc:
                _apply_errors(form, exc)
            else:
                messages.success(request, "Đã giao nhiệm vụ.")
                return redirect("reporting:conference_detail", pk=conference.pk)
    today = selectors.today()
    tasks = [(t, t.state(today)) for t in scope.filter(conference.tasks.select_related("unit"))]
    return render(
        request,
        "reporting/conference_detail.html",
        {"conference": conference, "bridge_points": conference.bridge_points.select_related("unit"),
         "tasks": tasks, "form": form, "can_act": can_act},
    )  # fmt: skip


@login_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    state = request.GET.get("state", "")
    qs = selectors.tasks(scope, state=state)
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    today = selectors.today()
    rows = [(t, t.state(today)) for t in page]
    return render(
        request,
        "reporting/task_list.html",
        {"page": page, "rows": rows, "state": state, "done_form": forms.TaskDoneForm()},
    )


@login_required
@require_POST
def task_done(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    task = selectors.get_task(scope, pk)
    form = forms.TaskDoneForm(request.POST)
    if not form.is_valid():
        for errors in form.errors.values():
            for e in errors:
                messages.error(request, str(e))
        return redirect("reporting:task_list")
    try:
        services.complete_task(actor=request.user, task=task, done_on=form.cleaned_data["done_on"],
                               result=form.cleaned_data["result"])  # fmt: skip
    except ValidationError as exc:
        for m in _messages_of(exc):
            messages.error(request, m)
    else:
        messages.success(request, "Đã ghi nhận hoàn thành nhiệm vụ.")
    return redirect("reporting:task_list")
