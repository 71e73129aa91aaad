"""The officers' registry: list, register, edit, the record's page with its actions (one `ActionTable`),
the council member's scoring sheet, replication and the province's criteria."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import clock, held, lists
from danvan.core.workflow import ActionSpec, ActionTable, Refused, show_refusal
from danvan.exemplars import selectors, services
from danvan.exemplars.forms import (
    CriteriaSetForm,
    CriterionFormSet,
    EvaluationOpenForm,
    ExemplarForm,
    FilesForm,
    ReasonForm,
    RecognitionForm,
    ReplicationForm,
    ResultFormSet,
    VersionForm,
)
from danvan.exemplars.models import Evaluation, Exemplar, Field, Kind, Status
from danvan.exemplars.rulebook import RULEBOOK, recognition_levels
from danvan.exemplars.views.public import story_context
from danvan.territory.models import AdminUnit, Level

LIST_COLUMNS = [
    lists.Column("name", _("Tên"), ("name",)),
    lists.Column("kind", _("Loại"), ("kind",)),
    lists.Column("field", _("Lĩnh vực"), ("field",)),
    lists.Column("unit", _("Đơn vị"), ("unit__path",)),
    lists.Column("registered", _("Ngày đăng ký"), ("registered_on",)),
    lists.Column("status", _("Trạng thái"), ("status",)),
]


def _export_row(e: Exemplar) -> list[object]:
    return [
        e.name,
        e.get_kind_display(),
        e.get_field_display(),
        e.unit.name,
        e.place,
        clock.format_date(e.registered_on),
        e.get_status_display(),
    ]


EXEMPLAR_BULK = lists.Bulk(
    url="exemplars:bulk",
    describe=lambda e: f"{e.name} ({e.unit.name})",
    actions=[
        lists.BulkAction(
            "submit",
            _("Gửi đề nghị công nhận"),
            lambda actor, e: services.submit(actor=actor, exemplar=e, version=e.version),
            "submit",
            _("Đã gửi đề nghị công nhận"),
        ),
    ],
    export=lists.Export(
        "mo-hinh-da-chon",
        _("Mô hình, điển hình"),
        [_("Tên"), _("Loại"), _("Lĩnh vực"), _("Đơn vị"), _("Địa bàn"), _("Ngày đăng ký"), _("Trạng thái")],
        _export_row,
        "exemplars.exemplar",
    ),
)


def _list_filters(request: HttpRequest) -> dict[str, str]:
    return {
        "query": request.GET.get("q", "")[:200],
        "status": request.GET.get("status", ""),
        "field": request.GET.get("field", ""),
        "kind": request.GET.get("kind", ""),
    }


@login_required
@require_GET
def officer_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    qs = selectors.officer_list(scope, **_list_filters(request))
    listing = lists.paginate(request, qs, LIST_COLUMNS, default="-registered", bulk=EXEMPLAR_BULK)
    return render(
        request,
        "exemplars/list.html",
        {
            "listing": listing,
            "page": listing.page,
            "statuses": Status.choices,
            "fields": Field.choices,
            "kinds": Kind.choices,
            "to_score": selectors.evaluations_to_score(request.user),
            "can_register": scope.units(ACT_ROLES).exists(),
        },
    )


@login_required
@require_POST
def bulk(request: HttpRequest) -> HttpResponse:
    """Ticked records: sent for recognition together (all or nothing) or exported."""
    qs = selectors.officer_list(scope_for(request.user))
    return lists.run_bulk(request, EXEMPLAR_BULK, qs, back=reverse("exemplars:list"))


def _input(data: dict[str, Any]) -> services.ExemplarInput:
    return services.ExemplarInput(
        kind=data["kind"],
        name=data["name"],
        place=data["place"],
        field=data["field"],
        period_start=data["period_start"],
        period_end=data["period_end"],
        problem=data["problem"],
        mobilisation=data["mobilisation"],
        supporting_bodies=data["supporting_bodies"],
    )


def _results(formset: Any) -> list[services.ResultInput]:
    return [
        services.ResultInput(r["label"], r["value"], r["measure"])
        for r in formset.cleaned_data
        if r and r.get("label")
    ]


@login_required
def create(request: HttpRequest) -> HttpResponse:
    units = scope_for(request.user).units(ACT_ROLES)
    if not units.exists():
        raise PermissionDenied(_("Bạn không có quyền đăng ký mô hình tại đơn vị nào."))
    files = held.files_for_retry(request) if request.method == "POST" else None
    form = ExemplarForm(request.POST or None, files, units=units)
    results = ResultFormSet(request.POST or None, prefix="results")
    duplicates: list[selectors.DuplicateCandidate] = []
    if request.method == "POST" and form.is_valid() and results.is_valid():
        data = form.cleaned_data
        try:
            exemplar = services.register(
                actor=request.user,
                unit=data["unit"],
                data=_input(data),
                results=_results(results),
                photos=data["photos"],
                documents=data["documents"],
                acknowledged_duplicates=data["acknowledged_duplicates"],
            )
        except services.PossibleDuplicate as exc:
            duplicates = exc.candidates
            form.add_error(None, str(exc))
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã lưu hồ sơ (dự thảo). Kiểm tra lại rồi gửi đề nghị công nhận."))
            return redirect("exemplars:detail", pk=exemplar.pk)
    if files:
        held.keep(form, files)  # the photos and documents wait for the retry
    return render(
        request, "exemplars/form.html", {"form": form, "results": results, "duplicates": duplicates}
    )


@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.exemplar_for(scope_for(request.user), pk)
    RULEBOOK.require(request.user, "edit", exemplar)
    if exemplar.status != Status.DRAFT:
        messages.error(request, _("Chỉ sửa được hồ sơ ở trạng thái dự thảo."))
        return redirect("exemplars:detail", pk=pk)
    initial = {name: getattr(exemplar, name) for name in services.EDITABLE_FIELDS}
    initial["unit"] = exemplar.unit.code
    form = ExemplarForm(
        request.POST or None, initial=initial, units=AdminUnit.objects.filter(pk=exemplar.unit_id)
    )
    for name in ("photos", "documents", "acknowledged_duplicates"):
        del form.fields[name]
    results = ResultFormSet(
        request.POST or None,
        prefix="results",
        initial=[{"label": r.label, "value": r.value, "measure": r.measure} for r in exemplar.results.all()],
    )
    if request.method == "POST" and form.is_valid() and results.is_valid():
        raw = request.POST.get("version", "")
        try:
            services.update_draft(
                actor=request.user,
                exemplar=exemplar,
                version=int(raw) if raw.isdigit() else None,
                data=_input(form.cleaned_data),
                results=_results(results),
            )
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã lưu thay đổi."))
            return redirect("exemplars:detail", pk=pk)
    return render(
        request,
        "exemplars/form.html",
        {"form": form, "results": results, "duplicates": [], "exemplar": exemplar},
    )


@login_required
@require_GET
def check_duplicates(request: HttpRequest) -> HttpResponse:
    """htmx: similar models in the province, shown while the officer types the name."""
    scope = scope_for(request.user)
    unit = AdminUnit.objects.filter(code=request.GET.get("unit", "")).first()
    name = request.GET.get("name", "")[:300]
    duplicates = []
    if unit is not None and scope.can_see(unit) and len(name.strip()) >= 5:
        duplicates = selectors.near_duplicates(
            unit=unit, name=name, problem=request.GET.get("problem", "")[:2000]
        )
    return render(request, "exemplars/_duplicates.html", {"duplicates": duplicates})


def _load(request: HttpRequest, pk: int) -> Exemplar:
    return selectors.exemplar_for(scope_for(request.user), pk)


def _replication_units(request: HttpRequest, exemplar: Exemplar) -> Any:
    return scope_for(request.user).units(ACT_ROLES).exclude(pk=exemplar.unit_id)


def detail_page(
    request: HttpRequest,
    exemplar: Exemplar,
    forms: Mapping[str, Any] | None = None,
    status: int = 200,
    failed: str | None = None,
    replication_form: Any = None,
) -> HttpResponse:
    scope = scope_for(request.user)
    internal = scope.can_see(exemplar.unit)
    evaluation = Evaluation.objects.filter(exemplar=exemplar).select_related("criteria_set").first()
    summary = selectors.evaluation_summary(evaluation) if evaluation and internal else None
    context = story_context(exemplar, public=not internal)
    context.update(
        {
            "forms": EXEMPLAR_ACTIONS.forms_for(request, exemplar, forms),
            "failed": failed,
            "can_see_internal": internal,
            "history": list(exemplar.history.all()) if internal else [],
            "evaluation": evaluation,
            "summary": summary,
            "replication_form": replication_form
            or ReplicationForm(units=_replication_units(request, exemplar)),
            "Status": Status,
        }
    )
    return render(request, "exemplars/detail.html", context, status=status)


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    return detail_page(request, _load(request, pk))


def _version(data: Mapping[str, Any]) -> int | None:
    value = data.get("version")
    return int(value) if value is not None else None


EXEMPLAR_ACTIONS = ActionTable(
    load=_load,
    page=detail_page,
    redirect_to=lambda e: reverse("exemplars:detail", args=[e.pk]),
    actions={
        "submit": ActionSpec(
            VersionForm,
            lambda request, e, d: services.submit(actor=request.user, exemplar=e, version=_version(d)),
            _("Đã gửi đề nghị công nhận."),
        ),
        "attach": ActionSpec(
            FilesForm,
            lambda request, e, d: services.add_files(
                actor=request.user,
                exemplar=e,
                photos=d["photos"],
                documents=d["documents"],
                version=_version(d),
            ),
            _("Đã tải tệp lên."),
        ),
        "return_to_draft": ActionSpec(
            ReasonForm,
            lambda request, e, d: services.return_to_draft(
                actor=request.user, exemplar=e, reason=d["reason"], version=_version(d)
            ),
            _("Đã trả hồ sơ về dự thảo để đơn vị bổ sung."),
        ),
        "open_evaluation": ActionSpec(
            EvaluationOpenForm,
            lambda request, e, d: services.open_evaluation(
                actor=request.user, exemplar=e, judge_ids=[int(x) for x in d["judges"]], version=_version(d)
            ),
            _("Đã lập hội đồng thẩm định."),
            form_kwargs=lambda request, e: {"candidates": selectors.judge_candidates(e)},
        ),
        "recognise": ActionSpec(
            RecognitionForm,
            lambda request, e, d: services.recognise(
                actor=request.user,
                exemplar=e,
                level=d["level"],
                decision_number=d["decision_number"],
                decision_date=d["decision_date"],
                award=d["award"] or "",
                award_body=d["award_body"],
                note=d["note"],
                version=_version(d),
            ),
            _("Đã ghi nhận quyết định công nhận."),
            form_kwargs=lambda request, e: {"levels": recognition_levels(request.user, e) or None},
        ),
        "refuse": ActionSpec(
            ReasonForm,
            lambda request, e, d: services.refuse_recognition(
                actor=request.user, exemplar=e, reason=d["reason"], version=_version(d)
            ),
            _("Đã ghi nhận không công nhận."),
        ),
        "retire": ActionSpec(
            ReasonForm,
            lambda request, e, d: services.retire(
                actor=request.user, exemplar=e, reason=d["reason"], version=_version(d)
            ),
            _("Đã đưa mô hình ra khỏi danh sách trong đợt rà soát."),
        ),
    },
)
act = EXEMPLAR_ACTIONS.as_view


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _load(request, pk)
    evaluation = get_object_or_404(Evaluation.objects.select_related("criteria_set"), exemplar=exemplar)
    if not RULEBOOK.allows(request.user, "score", exemplar):
        raise PermissionDenied(_("Bạn không phải thành viên hội đồng thẩm định hồ sơ này."))
    uid = int(request.user.pk or 0)
    criteria = list(evaluation.criteria_set.criteria.all())
    values: dict[int, Any] = {s.criterion_id: s.value for s in evaluation.scores.filter(judge_id=uid)}
    errors: list[str] = []
    status = 200
    if request.method == "POST":
        values = {c.pk: request.POST.get(f"c{c.pk}", "") for c in criteria}
        try:
            services.score_exemplar(actor=request.user, exemplar=exemplar, scores=values)
        except Refused as exc:
            errors, status = [str(exc)], 400
        else:
            messages.success(request, _("Đã lưu phiếu chấm điểm."))
            return redirect("exemplars:detail", pk=pk)
    rows = [(c, values.get(c.pk, "")) for c in criteria]
    return render(
        request,
        "exemplars/score.html",
        {"exemplar": exemplar, "evaluation": evaluation, "rows": rows, "errors": errors},
        status=status,
    )


@login_required
@require_POST
def replicate(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = _load(request, pk)
    form = ReplicationForm(request.POST, units=_replication_units(request, exemplar))
    if form.is_valid():
        data = form.cleaned_data
        try:
            services.replicate(
                actor=request.user,
                exemplar=exemplar,
                unit=data["unit"],
                adopted_on=data["adopted_on"],
                note=data["note"],
            )
        except Refused as exc:
            show_refusal(form, exc)
        else:
            messages.success(request, _("Đã ghi nhận đơn vị áp dụng mô hình."))
            return redirect("exemplars:detail", pk=pk)
    return detail_page(request, exemplar, status=400, replication_form=form)


@login_required
def criteria(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    provinces = list(scope.units().filter(level__lte=Level.PROVINCE).order_by("path"))
    if not provinces:
        home = scope.home_unit()
        provinces = [services.province_of(home)] if home else []
    if not provinces:
        raise PermissionDenied(_("Bạn chưa được phân quyền tại đơn vị nào."))
    code = request.GET.get("province") or provinces[0].code
    province = next((p for p in provinces if p.code == code), None)
    if province is None:
        raise Http404(_("Tỉnh không thuộc phạm vi của bạn."))
    year_raw = request.GET.get("year", "")
    year = int(year_raw) if year_raw.isdigit() and 2000 <= int(year_raw) <= 2100 else clock.today().year
    criteria_set = services.ensure_criteria_set(province=province, year=year, actor=request.user)
    rows = list(criteria_set.criteria.all())
    head = CriteriaSetForm(
        request.POST or None,
        initial={
            "name": criteria_set.name,
            "pass_percent": criteria_set.pass_percent,
            "version": criteria_set.version,
        },
    )
    formset = CriterionFormSet(
        request.POST or None,
        prefix="c",
        initial=[{"text": c.text, "min_score": c.min_score, "max_score": c.max_score} for c in rows],
    )
    errors: list[str] = []
    if request.method == "POST" and head.is_valid() and formset.is_valid():
        try:
            services.update_criteria(
                actor=request.user,
                criteria_set=criteria_set,
                name=head.cleaned_data["name"],
                pass_percent=head.cleaned_data["pass_percent"],
                version=head.cleaned_data["version"],
                criteria=[
                    services.CriterionInput(
                        text=f["text"],
                        min_score=Decimal(f.get("min_score") or 0),
                        max_score=Decimal(f.get("max_score") or 0),
                    )
                    for f in formset.cleaned_data
                    if f and f.get("text")
                ],
            )
        except Refused as exc:
            errors = [str(exc)]
        else:
            messages.success(request, _("Đã lưu bộ tiêu chí."))
            return redirect(f"{reverse('exemplars:criteria')}?province={province.code}&year={year}")
    return render(
        request,
        "exemplars/criteria.html",
        {
            "criteria_set": criteria_set,
            "head": head,
            "formset": formset,
            "provinces": provinces,
            "province": province,
            "year": year,
            "errors": errors,
            "can_edit": RULEBOOK.allows(request.user, "edit_criteria", criteria_set),
        },
    )
