"""Dân vận khéo: views (parse input, call a service or selector, render)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q, QuerySet
from django.http import FileResponse, Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.models import RoleAssignment, User
from danvan.accounts.scoping import ACT_ROLES, Scope, scope_for
from danvan.core import clock
from danvan.core.text import ascii_filename
from danvan.exemplars import selectors, services
from danvan.exemplars.forms import (
    ContestForm,
    CriteriaSetForm,
    CriterionFormSet,
    EntryForm,
    EvaluationOpenForm,
    ExemplarForm,
    JudgeForm,
    ReasonForm,
    RecognitionForm,
    ReplicationForm,
    ResultFormSet,
    set_choices,
)
from danvan.exemplars.models import (
    Contest,
    ContestEntry,
    ContestRound,
    ContestStatus,
    Evaluation,
    Exemplar,
    ExemplarFile,
    Field,
    FileKind,
    Kind,
    Status,
)
from danvan.territory.models import AdminUnit, Level


def _uid(request: HttpRequest) -> int:
    return int(request.user.pk or 0)


def _user(request: HttpRequest) -> Any:
    return request.user


def _cursor(request: HttpRequest) -> int | None:
    raw = request.GET.get("cursor", "")
    return int(raw) if raw.isdigit() else None


def _act_units(scope: Scope) -> QuerySet[AdminUnit]:
    return scope.units(ACT_ROLES)


def _errors(request: HttpRequest, exc: ValidationError) -> None:
    for message in exc.messages:
        messages.error(request, message)


def _provinces() -> list[AdminUnit]:
    return list(AdminUnit.objects.filter(level=Level.PROVINCE).order_by("name"))


def _query_without_cursor(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("cursor", None)
    return params.urlencode()


# --- public ------------------------------------------------------------------------------------------
@require_GET
def gallery(request: HttpRequest) -> HttpResponse:
    page = selectors.gallery(
        query=request.GET.get("q", "")[:200],
        field=request.GET.get("field", ""),
        province=request.GET.get("province", ""),
        kind=request.GET.get("kind", ""),
        cursor=_cursor(request),
    )
    return render(
        request,
        "exemplars/gallery.html",
        {
            "page": page,
            "fields": Field.choices,
            "kinds": Kind.choices,
            "provinces": _provinces(),
            "base_query": _query_without_cursor(request),
            "contests": selectors.published_contests()[:5],
        },
    )


@require_GET
def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exemplar = selectors.public_exemplar(pk)
    return render(request, "exemplars/public_detail.html", _story_context(exemplar, public=True))


def _story_context(exemplar: Exemplar, *, public: bool) -> dict[str, Any]:
    files = list(exemplar.files.all())
    return {
        "exemplar": exemplar,
        "results": list(exemplar.results.all()),
        "photos": [f for f in files if f.kind == FileKind.PHOTO],
        "documents": [] if public else [f for f in files if f.kind == FileKind.DOCUMENT],
        "replications": list(selectors.replications(exemplar)),
        "chart": selectors.replication_chart(exemplar),
    }


@require_GET
def file(request: HttpRequest, pk: int) -> FileResponse:
    stored = get_object_or_404(ExemplarFile.objects.select_related("exemplar__unit"), pk=pk)
    public = stored.exemplar.is_public and stored.kind == FileKind.PHOTO
    if not public:
        selectors.exemplar_for(scope_for(request.user), stored.exemplar_id)
    response = FileResponse(stored.file.open("rb"), content_type=stored.content_type)
    disposition = "inline" if stored.kind == FileKind.PHOTO else "attachment"
    response["Content-Disposition"] = (
        f'{disposition}; filename="{ascii_filename(stored.original_name)}"; '
        f"filename*=UTF-8''{_quote(stored.original_name)}"
    )
    return response


def _quote(name: str) -> str:
    from urllib.parse import quote

    return quote(name)


@require_GET
def contest_public(request: HttpRequest, pk: int) -> HttpResponse:
    contest = get_object_or_404(selectors.published_contests(), pk=pk)
    return render(
        request,
        "exemplars/contest_public.html",
        {"contest": contest, "ranking": _ranking_rows(contest)},
    )


def _ranking_rows(contest: Contest) -> list[tuple[ContestRound, list[selectors.RankedEntry]]]:
    ranking = selectors.contest_ranking(contest)
    return [(r, ranking.get(r.pk, [])) for r in contest.rounds.all()]


# --- officer: registry -------------------------------------------------------------------------------
@login_required
@require_GET
def officer_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    page = selectors.officer_list(
        scope,
        query=request.GET.get("q", "")[:200],
        status=request.GET.get("status", ""),
        field=request.GET.get("field", ""),
        cursor=_cursor(request),
    )
    return render(
        request,
        "exemplars/list.html",
        {
            "page": page,
            "statuses": Status.choices,
            "fields": Field.choices,
            "base_query": _query_without_cursor(request),
            "to_score": selectors.evaluations_to_score(request.user),
            "can_register": bool(scope.paths(ACT_ROLES)) or scope.is_admin,
        },
    )


@login_required
def create(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    units = _act_units(scope)
    if not units.exists():
        raise PermissionDenied("Bạn không có quyền đăng ký mô hình tại đơn vị nào.")
    form = ExemplarForm(request.POST or None, request.FILES or None, units=units)
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
        except services.PossibleDuplicateError as exc:
            duplicates = exc.candidates
            form.add_error(None, exc.messages[0])
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Đã lưu hồ sơ (dự thảo). Kiểm tra lại rồi gửi đề nghị công nhận.")
            return redirect("exemplars:detail", pk=exemplar.pk)
    return render(
        request, "exemplars/form.html", {"form": form, "results": results, "duplicates": duplicates}
    )


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
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    exemplar = selectors.exemplar_for(scope, pk)
    scope.require(exemplar.unit, ACT_ROLES)
    if exemplar.status != Status.DRAFT:
        messages.error(request, "Chỉ sửa được hồ sơ ở trạng thái dự thảo.")
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
        try:
            services.update_draft(
                actor=request.user,
                exemplar=exemplar,
                version=int(request.POST.get("version", "0") or 0),
                data=_input(form.cleaned_data),
                results=_results(results),
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Đã lưu thay đổi.")
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


def _judge_candidates(unit: AdminUnit) -> list[User]:
    ancestors = unit.ancestors_paths()
    ids = RoleAssignment.objects.filter(unit__path__in=ancestors).values("user_id")
    return list(User.objects.filter(Q(pk__in=ids), is_active=True).order_by("username")[:200])


@login_required
@require_GET
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    exemplar = selectors.exemplar_for(scope, pk)
    can_act = scope.has_role(exemplar.unit, ACT_ROLES)
    evaluation = Evaluation.objects.filter(exemplar=exemplar).select_related("criteria_set").first()
    summary = (
        selectors.evaluation_summary(evaluation) if evaluation and scope.can_see(exemplar.unit) else None
    )
    is_judge = bool(evaluation and evaluation.judges.filter(user_id=_uid(request)).exists())
    context = _story_context(exemplar, public=not scope.can_see(exemplar.unit))
    context.update(
        {
            "can_act": can_act,
            "can_see_internal": scope.can_see(exemplar.unit),
            "events": exemplar.events.select_related("actor") if scope.can_see(exemplar.unit) else [],
            "evaluation": evaluation,
            "summary": summary,
            "is_judge": is_judge,
            "open_form": EvaluationOpenForm(candidates=_judge_candidates(exemplar.unit)),
            "recognition_form": RecognitionForm(initial={"decision_date": clock.today()}),
            "reason_form": ReasonForm(),
            "replication_form": ReplicationForm(units=_act_units(scope).exclude(pk=exemplar.unit_id)),
            "Status": Status,
        }
    )
    return render(request, "exemplars/detail.html", context)


def _act(request: HttpRequest, pk: int, fn: Any, success: str) -> HttpResponseRedirect:
    scope = scope_for(request.user)
    exemplar = selectors.exemplar_for(scope, pk)
    try:
        fn(exemplar)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, success)
    return redirect("exemplars:detail", pk=pk)


def _version(request: HttpRequest) -> int | None:
    raw = request.POST.get("version", "")
    return int(raw) if raw.isdigit() else None


@login_required
@require_POST
def submit(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    return _act(
        request,
        pk,
        lambda e: services.submit(actor=request.user, exemplar=e, version=_version(request)),
        "Đã gửi đề nghị công nhận.",
    )


@login_required
@require_POST
def return_to_draft(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    return _act(
        request,
        pk,
        lambda e: services.return_to_draft(
            actor=request.user, exemplar=e, reason=request.POST.get("reason", "")
        ),
        "Đã trả hồ sơ về dự thảo để đơn vị bổ sung.",
    )


@login_required
@require_POST
def open_evaluation(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    ids = [int(x) for x in request.POST.getlist("judges") if x.isdigit()]
    return _act(
        request,
        pk,
        lambda e: services.open_evaluation(actor=request.user, exemplar=e, judge_ids=ids),
        "Đã lập hội đồng thẩm định.",
    )


@login_required
def score(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    exemplar = selectors.exemplar_for(scope, pk)
    evaluation = get_object_or_404(Evaluation.objects.select_related("criteria_set"), exemplar=exemplar)
    if not evaluation.judges.filter(user_id=_uid(request)).exists():
        raise PermissionDenied("Bạn không phải thành viên hội đồng thẩm định hồ sơ này.")
    criteria = list(evaluation.criteria_set.criteria.all())
    existing = {s.criterion_id: s.value for s in evaluation.scores.filter(judge_id=_uid(request))}
    values: dict[int, Any] = dict(existing)
    errors: list[str] = []
    if request.method == "POST":
        values = {c.pk: request.POST.get(f"c{c.pk}", "") for c in criteria}
        try:
            services.score_exemplar(actor=request.user, exemplar=exemplar, scores=values)
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, "Đã lưu phiếu chấm điểm.")
            return redirect("exemplars:detail", pk=pk)
    rows = [(c, values.get(c.pk, "")) for c in criteria]
    return render(
        request,
        "exemplars/score.html",
        {"exemplar": exemplar, "evaluation": evaluation, "rows": rows, "errors": errors},
    )


@login_required
@require_POST
def recognise(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    form = RecognitionForm(request.POST)
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
        return redirect("exemplars:detail", pk=pk)
    data = form.cleaned_data
    return _act(
        request,
        pk,
        lambda e: services.recognise(
            actor=request.user,
            exemplar=e,
            level=data["level"],
            decision_number=data["decision_number"],
            decision_date=data["decision_date"],
            award=data["award"] or "",
            award_body=data["award_body"],
        ),
        "Đã ghi nhận quyết định công nhận.",
    )


@login_required
@require_POST
def refuse(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    return _act(
        request,
        pk,
        lambda e: services.refuse_recognition(
            actor=request.user, exemplar=e, reason=request.POST.get("reason", "")
        ),
        "Đã ghi nhận không công nhận.",
    )


@login_required
@require_POST
def retire(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    return _act(
        request,
        pk,
        lambda e: services.retire(actor=request.user, exemplar=e, reason=request.POST.get("reason", "")),
        "Đã đưa mô hình ra khỏi danh sách trong đợt rà soát.",
    )


@login_required
@require_POST
def replicate(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    scope = scope_for(request.user)
    form = ReplicationForm(request.POST, units=_act_units(scope))
    if not form.is_valid():
        for errs in form.errors.values():
            for e in errs:
                messages.error(request, str(e))
        return redirect("exemplars:detail", pk=pk)
    data = form.cleaned_data
    return _act(
        request,
        pk,
        lambda e: services.replicate(
            actor=request.user,
            exemplar=e,
            unit=data["unit"],
            adopted_on=data["adopted_on"],
            note=data["note"],
        ),
        "Đã ghi nhận đơn vị áp dụng mô hình.",
    )


@login_required
@require_POST
def add_files(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    return _act(
        request,
        pk,
        lambda e: services.add_files(
            actor=request.user,
            exemplar=e,
            photos=request.FILES.getlist("photos"),
            documents=request.FILES.getlist("documents"),
        ),
        "Đã tải tệp lên.",
    )


# --- criteria ----------------------------------------------------------------------------------------
@login_required
def criteria(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    provinces = [u for u in scope.units().filter(level__lte=Level.PROVINCE).order_by("path")]
    if not provinces:
        home = scope.home_unit()
        provinces = [services.province_of(home)] if home else []
    if not provinces:
        raise PermissionDenied("Bạn chưa được phân quyền tại đơn vị nào.")
    code = request.GET.get("province") or provinces[0].code
    province = next((p for p in provinces if p.code == code), None)
    if province is None:
        raise Http404("Tỉnh không thuộc phạm vi của bạn.")
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
        except ValidationError as exc:
            errors = exc.messages
        else:
            messages.success(request, "Đã lưu bộ tiêu chí.")
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
            "can_edit": scope.has_role(province, ACT_ROLES),
        },
    )


# --- figures -----------------------------------------------------------------------------------------
def _parse_date(raw: str, default: dt.date) -> dt.date:
    for fmt in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return dt.datetime.strptime(raw, fmt).date()  # noqa: DTZ007 - a calendar date, no time
        except ValueError:
            continue
    return default


@login_required
@require_GET
def figures(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    roots = selectors.scoped_units_for_figures(scope)
    if not roots:
        raise PermissionDenied("Bạn chưa được phân quyền tại đơn vị nào.")
    code = request.GET.get("unit") or roots[0].code
    root = AdminUnit.objects.filter(code=code).first()
    if root is None or not scope.can_see(root):
        raise Http404("Đơn vị không thuộc phạm vi của bạn.")
    today = clock.today()
    start = _parse_date(request.GET.get("start", ""), today.replace(month=1, day=1))
    end = _parse_date(request.GET.get("end", ""), today)
    error = ""
    if end < start:
        error = "Ngày kết thúc kỳ phải sau ngày bắt đầu."
        start, end = end, start
    field = request.GET.get("field", "")
    rows, total = selectors.figures_table(root, start, end, field if field in Field.values else "")
    return render(
        request,
        "exemplars/figures.html",
        {
            "rows": rows,
            "total": total,
            "chart": selectors.figures_chart(rows),
            "root": root,
            "roots": roots,
            "start": start,
            "end": end,
            "fields": Field.choices,
            "field": field,
            "error": error,
        },
    )


# --- contests ----------------------------------------------------------------------------------------
@login_required
def contest_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    units = _act_units(scope)
    form = ContestForm(request.POST or None, units=units) if units.exists() else None
    if request.method == "POST" and form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            contest = services.create_contest(
                actor=request.user,
                unit=data["unit"],
                name=data["name"],
                year=data["year"],
                description=data["description"],
                criteria=[services.CriterionInput(text=t, max_score=m) for t, m in data["criteria"]],
                rounds=[r for r in data["rounds"].splitlines() if r.strip()],
            )
        except ValidationError as exc:
            for message in exc.messages:
                form.add_error(None, message)
        else:
            messages.success(request, "Đã tạo hội thi.")
            return redirect("exemplars:contest_detail", pk=contest.pk)
    return render(
        request,
        "exemplars/contest_list.html",
        {"contests": selectors.contests_for(scope), "form": form},
    )


def _contest_for(request: HttpRequest, pk: int) -> Contest:
    scope = scope_for(request.user)
    contest = Contest.objects.select_related("unit").filter(pk=pk).first()
    if contest is None:
        raise Http404("Không tìm thấy hội thi.")
    is_judge = contest.judges.filter(user_id=_uid(request)).exists()
    if not (scope.can_see(contest.unit) or is_judge):
        raise Http404("Không tìm thấy hội thi trong phạm vi của bạn.")
    return contest


@login_required
def contest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    contest = _contest_for(request, pk)
    scope = scope_for(request.user)
    is_judge = contest.judges.filter(user_id=_uid(request)).exists()
    rounds = list(contest.rounds.all())
    sheet = selectors.judge_sheet(contest, _user(request)) if is_judge else {}
    criteria = list(contest.criteria.all())
    ranking = _ranking_rows(contest)
    judge_rows = [
        (
            r,
            [
                (ranked, [(c, sheet.get(ranked.entry.pk, {}).get(c.pk, "")) for c in criteria])
                for ranked in entries
            ],
        )
        for r, entries in ranking
    ]
    entry_form = EntryForm()
    set_choices(entry_form.fields["round"], [(str(r.pk), r.name) for r in rounds])
    return render(
        request,
        "exemplars/contest_detail.html",
        {
            "contest": contest,
            "criteria": criteria,
            "ranking": ranking,
            "judge_rows": judge_rows,
            "is_judge": is_judge,
            "can_manage": scope.has_role(contest.unit, ACT_ROLES),
            "judges": contest.judges.select_related("user"),
            "entry_form": entry_form,
            "judge_form": JudgeForm(),
            "open": contest.status == ContestStatus.OPEN,
        },
    )


def _contest_act(request: HttpRequest, pk: int, fn: Any, success: str) -> HttpResponseRedirect:
    contest = _contest_for(request, pk)
    try:
        fn(contest)
    except ValidationError as exc:
        _errors(request, exc)
    else:
        messages.success(request, success)
    return redirect("exemplars:contest_detail", pk=pk)


@login_required
@require_POST
def contest_add_judge(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    def add(contest: Contest) -> None:
        user = User.objects.filter(username=request.POST.get("username", "").strip(), is_active=True).first()
        if user is None:
            raise ValidationError("Không tìm thấy tài khoản với tên đăng nhập này.")
        services.add_contest_judge(actor=request.user, contest=contest, user=user)

    return _contest_act(request, pk, add, "Đã thêm giám khảo.")


@login_required
@require_POST
def contest_add_entry(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    def add(contest: Contest) -> None:
        round_ = contest.rounds.filter(pk=request.POST.get("round") or 0).first()
        if round_ is None:
            raise ValidationError("Hãy chọn vòng thi.")
        unit = AdminUnit.objects.filter(code=request.POST.get("unit", "").strip()).first()
        if unit is None:
            raise ValidationError("Không tìm thấy đơn vị với mã GSO này.")
        services.add_contest_entry(
            actor=request.user, round=round_, unit=unit, title=request.POST.get("title", "")
        )

    return _contest_act(request, pk, add, "Đã thêm bài dự thi.")


@login_required
@require_POST
def contest_score(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponseRedirect:
    def do(contest: Contest) -> None:
        entry = get_object_or_404(ContestEntry, pk=entry_pk, round__contest=contest)
        values = {c.pk: request.POST.get(f"c{c.pk}", "") for c in contest.criteria.all()}
        services.score_contest_entry(actor=request.user, entry=entry, scores=values)

    return _contest_act(request, pk, do, "Đã lưu phiếu chấm.")


@login_required
@require_POST
def contest_publish(request: HttpRequest, pk: int) -> HttpResponseRedirect:
    return _contest_act(
        request, pk, lambda c: services.publish_contest(actor=request.user, contest=c), "Đã công bố kết quả."
    )
