"""Conferences and the tasks of their conclusions: list, record (bridge points as rows with unit pickers),
a conference's page with the task assignment (rows of units), the task list and a task's completion
(one `ActionTable` over tasks)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET, require_POST

from danvan.accounts.scoping import ACT_ROLES, scope_for
from danvan.core import clock, lists
from danvan.core.workflow import ActionSpec, ActionTable, Refused, show_refusal
from danvan.reporting import forms, selectors, services
from danvan.reporting.models import ConferenceKind, Task
from danvan.reporting.rulebook import RULEBOOK
from danvan.territory.models import AdminUnit


def _recording_units(request: HttpRequest) -> Any:
    """The units where the user may record a conference (the rulebook's `record_conference`)."""
    return scope_for(request.user).units(ACT_ROLES)


CONFERENCE_COLUMNS = [
    lists.Column("held", _("Ngày"), ("held_on",)),
    lists.Column("title", _("Hội nghị"), ("title",)),
    lists.Column("kind", _("Loại"), ("kind",)),
    lists.Column("unit", _("Đơn vị chủ trì"), ("unit__path",)),
    lists.Column("online", _("Hình thức"), ("online",)),
]
TASK_COLUMNS = [
    lists.Column("title", _("Nhiệm vụ"), ("title",)),
    lists.Column("conference", _("Hội nghị"), ("conference__title",)),
    lists.Column("unit", _("Đơn vị"), ("unit__path",)),
    lists.Column("due", _("Hạn"), ("due_on",)),
    lists.Column("state", _("Trạng thái"), ("status", "done_on")),
    lists.Column("act", ""),
]


def _task_row(t: Task) -> list[object]:
    return [
        t.title,
        t.conference.title,
        t.unit.name,
        clock.format_date(t.due_on),
        t.get_status_display(),
        clock.format_date(t.done_on),
        t.result,
    ]


def _complete_today(actor: Any, task: Any) -> Any:
    """The bulk "done today" move: today is taken when the action runs, not when the module loads."""
    return services.complete_task(actor=actor, task=task, done_on=selectors.today())


TASK_BULK = lists.Bulk(
    url="reporting:task_bulk",
    describe=lambda t: f"{t.title[:60]} ({t.unit.name})",
    actions=[
        lists.BulkAction(
            "complete_task",
            _("Ghi hoàn thành (hôm nay)"),
            _complete_today,
            "complete_task",
            _("Đã ghi hoàn thành"),
        )
    ],
    export=lists.Export(
        "nhiem-vu-da-chon",
        _("Nhiệm vụ"),
        [
            _("Nhiệm vụ"),
            _("Hội nghị"),
            _("Đơn vị"),
            _("Hạn"),
            _("Trạng thái"),
            _("Ngày hoàn thành"),
            _("Kết quả"),
        ],
        _task_row,
        "reporting.task",
    ),
)


@login_required
@require_POST
def task_bulk(request: HttpRequest) -> HttpResponse:
    """Ticked tasks: recorded as done today (all or nothing) or exported."""
    return lists.run_bulk(
        request, TASK_BULK, selectors.tasks(scope_for(request.user)), back=reverse("reporting:task_list")
    )


@login_required
@require_GET
def conference_list(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    qs = selectors.conferences(scope, kind=request.GET.get("kind", ""), query=request.GET.get("q", ""))
    listing = lists.paginate(request, qs, CONFERENCE_COLUMNS, default="-held")
    page = listing.page
    return render(
        request,
        "reporting/conference_list.html",
        {
            "page": page,
            "listing": listing,
            "kinds": ConferenceKind.choices,
            "can_record": _recording_units(request).exists(),
        },
    )


@login_required
def conference_new(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user)
    units = _recording_units(request)
    if not units.exists():
        # nobody is shown a form the service would refuse: say who records conferences instead
        return render(request, "reporting/conference_form.html", {"form": None}, status=403)
    home = scope.home_unit()
    data = request.POST or None
    form = forms.ConferenceForm(data, initial={"unit": home.code if home else None}, units=units)
    points = forms.BridgePointFormSet(data, prefix="bp", form_kwargs={"units": scope.units()})
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid() and points.is_valid():
            d = form.cleaned_data
            try:
                conference = services.create_conference(
                    actor=request.user, unit=d["unit"], kind=d["kind"], title=d["title"], held_on=d["held_on"],
                    chairs=form.parsed_chairs(), online=d["online"],
                    bridge_points=[
                        {"unit": r["unit"], "chair": r.get("chair") or "", "participants": r.get("participants") or 0}
                        for r in forms.unit_rows(points)
                    ],
                    documents=form.parsed_documents(), conclusions=d["conclusions"],
                )  # fmt: skip
            except Refused as exc:
                show_refusal(form, exc)
            else:
                messages.success(request, gettext("Đã ghi nhận hội nghị."))
                return redirect("reporting:conference_detail", pk=conference.pk)
    return render(request, "reporting/conference_form.html", {"form": form, "points": points}, status=status)


@login_required
def conference_detail(request: HttpRequest, pk: int) -> HttpResponse:
    scope = scope_for(request.user)
    conference = selectors.get_conference(scope, pk)
    can_assign = RULEBOOK.allows(request.user, "assign_tasks", conference)
    data = request.POST or None if can_assign else None
    form = forms.TaskForm(data)
    rows = forms.TaskUnitFormSet(
        data, prefix="units", form_kwargs={"units": AdminUnit.objects.subtree(conference.unit)}
    )
    status = 200
    if request.method == "POST":
        RULEBOOK.require(request.user, "assign_tasks", conference)
        status = 400
        if form.is_valid() and rows.is_valid():
            units = [r["unit"] for r in forms.unit_rows(rows)]
            try:
                services.assign_tasks(actor=request.user, conference=conference, title=form.cleaned_data["title"],
                                      due_on=form.cleaned_data["due_on"], units=units)  # fmt: skip
            except Refused as exc:
                show_refusal(form, exc)
            else:
                messages.success(request, gettext("Đã giao nhiệm vụ."))
                return redirect("reporting:conference_detail", pk=conference.pk)
    today = selectors.today()
    tasks = [(t, t.state(today)) for t in scope.filter(conference.tasks.select_related("unit"))]
    return render(
        request,
        "reporting/conference_detail.html",
        {"conference": conference, "bridge_points": conference.bridge_points.select_related("unit"),
         "tasks": tasks, "form": form, "rows": rows, "can_act": can_assign},
        status=status,
    )  # fmt: skip


def _task_rows(request: HttpRequest) -> tuple[Any, list[tuple[Task, str]], str]:
    scope = scope_for(request.user)
    state = request.GET.get("state", "")
    listing = lists.paginate(
        request, selectors.tasks(scope, state=state), TASK_COLUMNS, default="due", bulk=TASK_BULK
    )
    today = selectors.today()
    return listing, [(t, t.state(today)) for t in listing.page], state


def task_page(
    request: HttpRequest,
    task: Task | None = None,
    forms: Mapping[str, Any] | None = None,
    status: int = 200,
    failed: str | None = None,
) -> HttpResponse:
    listing, rows, state = _task_rows(request)
    failed_form = next(iter((forms or {}).values()), None)
    # A task given by a conference of a unit above: its title, without a link the person could not open.
    readable = selectors.readable_conferences(scope_for(request.user), {t.conference_id for t, _ in rows})
    return render(
        request,
        "reporting/task_list.html",
        {"page": listing.page, "listing": listing, "rows": rows, "state": state, "failed_task": task if failed else None,
         "failed_form": failed_form, "readable_conferences": readable},
        status=status,
    )  # fmt: skip


@login_required
@require_GET
def task_list(request: HttpRequest) -> HttpResponse:
    return task_page(request)


TASK_ACTIONS = ActionTable(
    load=lambda request, pk: selectors.get_task(scope_for(request.user), pk),
    page=task_page,
    redirect_to=lambda t: reverse("reporting:task_list"),
    actions={
        "complete_task": ActionSpec(
            forms.TaskDoneForm,
            lambda request, t, d: services.complete_task(
                actor=request.user, task=t, done_on=d["done_on"], result=d["result"]
            ),
            _("Đã ghi nhận hoàn thành nhiệm vụ."),
        ),
    },
)
task_act = TASK_ACTIONS.as_view
