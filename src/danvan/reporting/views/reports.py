"""Unit reports: the list of a unit's own and its subordinates' reports, starting and compiling a report,
the report's page with its actions (one `ActionTable`: edit, submit, accept, return) and its exports."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.scoping import scope_for
from danvan.core import clock, jobs, lists
from danvan.core.jobs import JobStatus
from danvan.core.text import slug
from danvan.core.workflow import ActionSpec, ActionTable, Refused
from danvan.reporting import exports, forms, selectors, services, tasks
from danvan.reporting.models import Report, ReportDocxJob, ReportStatus
from danvan.reporting.rulebook import RULEBOOK
from danvan.reporting.views.common import context_of, download
from danvan.territory.models import Level

STATUS_COLUMNS = [
    lists.Column("unit", _("Đơn vị"), ("name",)),
    lists.Column("status", _("Trạng thái"), ("status_label",)),
    lists.Column("report", _("Báo cáo"), ("report__title",)),
    lists.Column("submitted", _("Ngày gửi"), ("report__submitted_at",)),
]


def _export_row(r: Report) -> list[object]:
    return [
        r.unit.name,
        r.period.name,
        r.title,
        r.get_status_display(),
        clock.format_date(r.submitted_at),
        clock.format_date(r.decided_at),
    ]


REPORT_BULK = lists.Bulk(
    url="reporting:report_bulk",
    describe=lambda r: f"{r.unit.name}: {r.title}",
    actions=[
        lists.BulkAction(
            "accept",
            _("Chấp nhận báo cáo"),
            lambda actor, r: services.accept_report(actor=actor, report=r, version=r.version),
            "accept",
            _("Đã chấp nhận"),
        )
    ],
    export=lists.Export(
        "bao-cao-da-chon",
        _("Báo cáo"),
        [_("Đơn vị"), _("Kỳ"), _("Trích yếu"), _("Trạng thái"), _("Ngày gửi"), _("Ngày quyết định")],
        _export_row,
        "reporting.report",
    ),
    record_of=lambda row: row.report,
)


@login_required
@require_POST
def report_bulk(request: HttpRequest) -> HttpResponse:
    """Ticked subordinate reports: accepted together (all or nothing) or exported."""
    qs = selectors.reports(scope_for(request.user)).select_related("unit", "period")
    return lists.run_bulk(request, REPORT_BULK, qs, back=reverse("reporting:report_list"))


@login_required
@require_GET
def report_list(request: HttpRequest) -> HttpResponse:
    scope, unit, period = context_of(request)
    own = selectors.reports(scope).filter(unit=unit, period=period).first()
    statuses = selectors.subordinate_statuses(unit, period) if unit.level < Level.COMMUNE else []
    listing = lists.paginate(request, statuses, STATUS_COLUMNS, default="unit", bulk=REPORT_BULK)
    return render(
        request,
        "reporting/report_list.html",
        {"unit": unit, "period": period, "periods": selectors.periods(), "own": own, "statuses": statuses,
         "listing": listing, "page": listing.page,
         "counts": selectors.status_counts(statuses), "can_act": RULEBOOK.allows(request.user, "start", unit),
         "can_compile": RULEBOOK.allows(request.user, "compile", unit) and unit.level < Level.COMMUNE,
         "start_form": forms.ReportStartForm(), "crumbs": selectors.breadcrumb(unit, scope),
         "status_labels": dict(ReportStatus.choices)},
    )  # fmt: skip


def _back_to_list(period: Any, unit: Any) -> HttpResponse:
    return redirect(f"{reverse('reporting:report_list')}?period={period.pk}&unit={unit.code}")


@login_required
@require_POST
def report_start(request: HttpRequest) -> HttpResponse:
    scope, unit, period = context_of(request)
    form = forms.ReportStartForm(request.POST)
    body_kind = form.cleaned_data["body_kind"] if form.is_valid() else "party"
    try:
        report = services.start_report(actor=request.user, unit=unit, period=period, body_kind=body_kind)
    except Refused as exc:
        messages.error(request, str(exc))
        return _back_to_list(period, unit)
    messages.success(request, _("Đã tạo dự thảo báo cáo; các bảng số liệu được điền tự động."))
    return redirect("reporting:report_detail", pk=report.pk)


@login_required
@require_POST
def report_compile(request: HttpRequest) -> HttpResponse:
    scope, unit, period = context_of(request)
    try:
        report = services.compile_consolidated(actor=request.user, unit=unit, period=period)
    except Refused as exc:
        messages.error(request, str(exc))
        return _back_to_list(period, unit)
    messages.success(request, _("Đã tổng hợp báo cáo từ các đơn vị trực thuộc."))
    return redirect("reporting:report_detail", pk=report.pk)


def _load(request: HttpRequest, pk: int) -> Report:
    return selectors.get_report(scope_for(request.user), pk)


def report_page(
    request: HttpRequest,
    report: Report,
    forms: Mapping[str, Any] | None = None,
    status: int = 200,
    failed: str | None = None,
) -> HttpResponse:
    return render(
        request,
        "reporting/report_detail.html",
        {"report": report, "forms": REPORT_ACTIONS.forms_for(request, report, forms), "failed": failed,
         "tables": selectors.report_tables(report), "history": list(report.history.all()),
         "sections": selectors.SECTION_LABELS},
        status=status,
    )  # fmt: skip


@login_required
def report_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The report; a POST of its text is the `edit` action (with "then=submit": edit, then submit)."""
    if request.method == "POST":
        return REPORT_ACTIONS.view(request, "edit", pk=pk)
    return report_page(request, _load(request, pk))


def _edit(request: HttpRequest, report: Report, data: dict[str, Any]) -> None:
    fields = {k: v for k, v in data.items() if k != "version"}
    saved = services.update_report(actor=request.user, report=report, version=data.get("version"), **fields)
    if request.POST.get("then") == "submit":
        try:
            services.submit_report(actor=request.user, report=saved, version=saved.version)
        except Refused as exc:  # the text is saved; the page says why it was not sent
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Đã gửi báo cáo lên cấp trên."))


class VersionForm(django_forms.Form):
    version = django_forms.IntegerField(widget=django_forms.HiddenInput, required=False)


class AcceptForm(VersionForm):
    comment = django_forms.CharField(
        label=_("Ý kiến (nếu có)"), required=False, widget=django_forms.Textarea(attrs={"rows": 2})
    )


class ReturnForm(forms.ReturnForm):
    version = django_forms.IntegerField(widget=django_forms.HiddenInput, required=False)


class EditForm(forms.ReportForm):
    """The report's text, filled in from the report when not submitted."""

    def __init__(self, *args: Any, report: Report, **kwargs: Any) -> None:
        kwargs["initial"] = {f: getattr(report, f) for f in services.REPORT_FIELDS} | {
            "version": report.version
        }
        super().__init__(*args, **kwargs)
        self.fields["version"].required = False


REPORT_ACTIONS = ActionTable(
    load=_load,
    page=report_page,
    redirect_to=lambda r: reverse("reporting:report_detail", args=[r.pk]),
    actions={
        "edit": ActionSpec(
            EditForm, _edit, _("Đã lưu báo cáo."), form_kwargs=lambda request, r: {"report": r}
        ),
        "submit": ActionSpec(
            VersionForm,
            lambda request, r, d: services.submit_report(
                actor=request.user, report=r, version=d.get("version")
            ),
            _("Đã gửi báo cáo lên cấp trên."),
        ),
        "accept": ActionSpec(
            AcceptForm,
            lambda request, r, d: services.accept_report(
                actor=request.user, report=r, comment=d["comment"], version=d.get("version")
            ),
            _("Đã tiếp nhận báo cáo."),
        ),
        "return_report": ActionSpec(
            ReturnForm,
            lambda request, r, d: services.return_report(
                actor=request.user, report=r, comment=d["comment"], version=d.get("version")
            ),
            _("Đã trả lại báo cáo kèm ý kiến."),
        ),
    },
)
report_act = REPORT_ACTIONS.as_view


@login_required
@require_GET
def report_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in ("docx", "xlsx", "csv"):
        raise Http404(_("Định dạng xuất không hỗ trợ."))
    report = _load(request, pk)
    with translation.override("vi"):  # the exports are Vietnamese documents, whoever asks
        tables = selectors.report_tables(report)
    services.record_export(
        actor=request.user, obj=report, unit=report.unit, fmt=fmt, what=f"báo cáo {report.title}"
    )
    name = f"bao-cao-{slug(report.unit.short_name)}-{report.period.pk}"
    if fmt == "docx":
        return download(exports.report_docx(report, tables), name + ".docx", exports.DOCX_MIME)
    if fmt == "xlsx":
        return download(exports.xlsx(tables, report.title), name + ".xlsx", exports.XLSX_MIME)
    return download(
        exports.csv_bytes(tables, request.GET.get("table", "")), name + ".csv", "text/csv; charset=utf-8"
    )


@login_required
@require_POST
def report_docx_start(request: HttpRequest, pk: int) -> HttpResponse:
    """The report's DOCX is generated in the background (django.tasks); the job's page follows it."""
    job = tasks.start_docx(actor=request.user, report=_load(request, pk))
    return redirect("reporting:report_docx_job", pk=job.pk)


@login_required
@require_GET
def report_docx_job(request: HttpRequest, pk: int) -> HttpResponse:
    """The DOCX job's progress, then the download link (only the person who asked)."""
    job = get_object_or_404(ReportDocxJob.objects.select_related("report"), pk=pk, actor_id=request.user.pk)
    job = jobs.checked(job)
    return render(request, "reporting/docx_job.html", {"job": job, "report": job.report})


@login_required
@require_GET
def report_docx_download(request: HttpRequest, pk: int) -> HttpResponse:
    job = get_object_or_404(ReportDocxJob, pk=pk, actor_id=request.user.pk, status=JobStatus.DONE)
    _load(request, job.report_id)  # still in the person's scope
    try:
        data = jobs.unstash(job.stored_path)
    except OSError as exc:
        raise Http404(_("Tệp đã được dọn; hãy tạo lại văn bản.")) from exc
    return download(data, job.file_name, exports.DOCX_MIME)
