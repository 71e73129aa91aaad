"""Contests: the list and creation form, a contest's page with its actions (one `ActionTable`: judges,
entries, publication) and a judge's scoring sheet per entry."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django import forms as django_forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from danvan.accounts.models import User
from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core.workflow import ActionSpec, ActionTable, Refused, show_refusal
from danvan.exemplars import selectors, services
from danvan.exemplars.forms import ContestForm, EntryForm, JudgeForm
from danvan.exemplars.models import Contest, ContestEntry, ContestStatus
from danvan.exemplars.rulebook import RULEBOOK
from danvan.exemplars.views.public import ranking_rows
from danvan.territory.models import AdminUnit


@login_required
def contest_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    units = scope.units(ACT_ROLES)
    form = ContestForm(request.POST or None, units=units) if units.exists() else None
    status = 200
    if request.method == "POST" and form is not None:
        if form.is_valid():
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
            except Refused as exc:
                show_refusal(form, exc)
            else:
                messages.success(request, _("Đã tạo hội thi."))
                return redirect("exemplars:contest_detail", pk=contest.pk)
        status = 400
    return render(
        request,
        "exemplars/contest_list.html",
        {"contests": selectors.contests_for(scope), "form": form},
        status=status,
    )


def _load(request: HttpRequest, pk: int) -> Contest:
    contest = Contest.objects.select_related("unit").filter(pk=pk).first()
    if contest is None:
        raise Http404(_("Không tìm thấy hội thi."))
    is_judge = contest.judges.filter(user_id=int(request.user.pk or 0)).exists()
    if not (scope_for(request.user).can_see(contest.unit) or is_judge):
        raise Http404(_("Không tìm thấy hội thi trong phạm vi của bạn."))
    return contest


def contest_page(
    request: HttpRequest,
    contest: Contest,
    forms: Mapping[str, Any] | None = None,
    status: int = 200,
    failed: str | None = None,
) -> HttpResponse:
    is_judge = RULEBOOK.allows(request.user, "score_entry", contest)
    sheet = selectors.judge_sheet(contest, request.user) if is_judge else {}
    criteria = list(contest.criteria.all())
    ranking = ranking_rows(contest)
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
    return render(
        request,
        "exemplars/contest_detail.html",
        {
            "contest": contest,
            "criteria": criteria,
            "ranking": ranking,
            "judge_rows": judge_rows,
            "is_judge": is_judge and contest.status == ContestStatus.OPEN,
            "judges": contest.judges.select_related("user"),
            "forms": CONTEST_ACTIONS.forms_for(request, contest, forms),
            "failed": failed,
        },
        status=status,
    )


@login_required
def contest_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return contest_page(request, _load(request, pk))


def _add_judge(request: HttpRequest, contest: Contest, data: dict[str, Any]) -> None:
    user = User.objects.filter(pk=int(data["user"]), is_active=True).first()
    if user is None:
        raise Refused(_("Không tìm thấy tài khoản này."), field="user")
    services.add_contest_judge(actor=request.user, contest=contest, user=user)


def _add_entry(request: HttpRequest, contest: Contest, data: dict[str, Any]) -> None:
    round_ = contest.rounds.filter(pk=int(data["round"])).first()
    if round_ is None:
        raise Refused(_("Hãy chọn vòng thi."), field="round")
    services.add_contest_entry(actor=request.user, round=round_, unit=data["unit"], title=data["title"])


class PublishForm(django_forms.Form):
    pass


def _entry_units(contest: Contest) -> Any:
    return AdminUnit.objects.subtree(contest.unit)


CONTEST_ACTIONS = ActionTable(
    load=_load,
    page=contest_page,
    redirect_to=lambda c: reverse("exemplars:contest_detail", args=[c.pk]),
    actions={
        "add_judge": ActionSpec(
            JudgeForm,
            _add_judge,
            _("Đã thêm giám khảo."),
            form_kwargs=lambda request, c: {"candidates": selectors.jury_candidates(c)},
        ),
        "add_entry": ActionSpec(
            EntryForm,
            _add_entry,
            _("Đã thêm bài dự thi."),
            form_kwargs=lambda request, c: {
                "rounds": [(str(r.pk), r.name) for r in c.rounds.all()],
                "units": _entry_units(c),
            },
        ),
        "publish_contest": ActionSpec(
            PublishForm,
            lambda request, c, d: services.publish_contest(actor=request.user, contest=c),
            _("Đã công bố kết quả."),
        ),
    },
)
contest_act = CONTEST_ACTIONS.as_view


@login_required
@require_POST
def contest_score(request: HttpRequest, pk: int, entry_pk: int) -> HttpResponse:
    contest = _load(request, pk)
    entry = get_object_or_404(ContestEntry, pk=entry_pk, round__contest=contest)
    values = {c.pk: request.POST.get(f"c{c.pk}", "") for c in contest.criteria.all()}
    try:
        services.score_contest_entry(actor=request.user, entry=entry, scores=values)
    except Refused as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Đã lưu phiếu chấm."))
    return redirect("exemplars:contest_detail", pk=pk)
